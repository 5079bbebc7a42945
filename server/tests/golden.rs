//! Golden tests per data-source kind: the request Lookout sends, and what it
//! makes of recorded upstream answers (captured from the real servers here,
//! plus documented Elasticsearch 8/6 shapes where osmem differs). Expected
//! files live in `tests/golden/expected/`; `UPDATE_GOLDEN=1` rewrites them,
//! and the diff is then reviewed like code.

use std::path::PathBuf;

use app::model::{Cursor, TimeRange};
use serde::Serialize;
use server::datasources::elasticsearch::{parse as es_parse, request as es_req};
use server::datasources::prometheus::{parse as prom_parse, request as prom_req};
use server::datasources::UpstreamError;
use server::query::step::range_step;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn recorded(name: &str) -> Vec<u8> {
    std::fs::read(dir().join("recorded").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn golden(name: &str, actual: &impl Serialize) {
    let path = dir().join("expected").join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(text, expected, "{name} differs from {}", path.display());
}

fn err_text(r: Result<impl std::fmt::Debug, UpstreamError>) -> (String, String) {
    let e = r.expect_err("expected an error");
    (
        format!("{e:?}")
            .split(['(', ' '])
            .next()
            .unwrap()
            .to_owned(),
        e.to_string(),
    )
}

const T: i64 = 1_795_708_800_000;
const RANGE: TimeRange = TimeRange {
    from_ms: T - 600_000,
    to_ms: T,
};

mod prometheus {
    use super::*;

    #[test]
    fn requests() {
        let step = range_step(T - 24 * 3_600_000, T + 123, 1000, 15_000, 0);
        golden(
            "prom_request_range",
            &prom_req::range("sum(rate(http_requests_total{service=\"a b\"}[5m]))", &step),
        );
        golden("prom_request_instant", &prom_req::instant("up == 1", T));
        golden(
            "prom_request_label_values",
            &prom_req::label_values("service").unwrap(),
        );
        golden("prom_request_metric_names", &prom_req::metric_names());
        let (_, msg) = err_text(prom_req::label_values("../../admin"));
        assert!(msg.contains("not a label name"), "{msg}");
    }

    #[test]
    fn parses_results() {
        golden(
            "prom_parsed_range",
            &prom_parse::result(200, &recorded("prom_range.json")).unwrap(),
        );
        golden(
            "prom_parsed_instant",
            &prom_parse::result(200, &recorded("prom_instant.json")).unwrap(),
        );
        let nan = prom_parse::result(200, &recorded("prom_nan_inf.json")).unwrap();
        assert!(
            nan.iter().all(|s| s.values == vec![None]),
            "NaN and +Inf become gaps: {nan:?}"
        );
        golden(
            "prom_parsed_names",
            &prom_parse::names(200, &recorded("prom_metric_names.json")).unwrap(),
        );
        golden(
            "prom_parsed_label_values",
            &prom_parse::names(200, &recorded("prom_label_values.json")).unwrap(),
        );
        assert_eq!(
            prom_parse::buildinfo(200, &recorded("prom_buildinfo.json")).unwrap(),
            "Prometheus API OK, version 2.42.0+ds"
        );
    }

    #[test]
    fn keeps_the_upstream_reason_in_errors() {
        let cases = [
            (
                "prom_bad_promql.json",
                400,
                "BadQuery",
                "1:33: parse error: unclosed left parenthesis",
            ),
            (
                "prom_too_many_points.json",
                400,
                "BadQuery",
                "exceeded maximum resolution of 11,000 points",
            ),
            (
                "prom_timeout.json",
                503,
                "Upstream",
                "query timed out in Prometheus",
            ),
        ];
        for (file, status, kind, needle) in cases {
            let (k, msg) = err_text(prom_parse::result(status, &recorded(file)));
            assert_eq!(k, kind, "{file}");
            assert!(msg.contains(needle), "{file}: {msg}");
        }
        let (k, msg) = err_text(prom_parse::result(200, b"<html>proxy error</html>"));
        assert_eq!(k, "BadResponse");
        assert!(msg.contains("<html>proxy error"), "{msg}");
        let (k, msg) = err_text(prom_parse::result(502, b"Bad Gateway"));
        assert_eq!(
            (k.as_str(), msg.as_str()),
            ("Upstream", "the upstream failed (HTTP 502): Bad Gateway")
        );
    }
}

mod elasticsearch {
    use super::*;

    fn target() -> es_req::Target {
        es_req::Target::new("logs-*", "@timestamp").unwrap()
    }

    #[test]
    fn requests() {
        golden(
            "es_request_search",
            &es_req::search(&target(), "error 1234567", RANGE, 50, None),
        );
        let cursor = Cursor(vec![serde_json::json!(T), serde_json::json!(97)]);
        golden(
            "es_request_search_after",
            &es_req::search(&target(), "", RANGE, 50, Some(&cursor)),
        );
        golden(
            "es_request_histogram",
            &es_req::histogram(&target(), "level:error", RANGE, 15_000),
        );
        golden(
            "es_request_top_values",
            &es_req::top_values(&target(), "service", "level:error", RANGE),
        );
        golden("es_request_field_caps", &es_req::field_caps(&target()));
        // For non-admins: the free terms must not match in secret fields.
        let mut viewer = target();
        viewer.hidden_fields = vec!["*password*".into(), "*Password*".into()];
        golden(
            "es_request_search_viewer",
            &es_req::search(&viewer, "service:auth AND hunter2", RANGE, 50, None),
        );
        let filters = [
            ("service".to_owned(), serde_json::json!("payments")),
            ("host".to_owned(), serde_json::json!("host-3")),
        ];
        let anchor = Cursor(vec![serde_json::json!(T), serde_json::json!(42)]);
        golden(
            "es_request_context_older",
            &es_req::context(&target(), &filters, &anchor, false, 10),
        );
        golden(
            "es_request_context_newer",
            &es_req::context(&target(), &filters, &anchor, true, 10),
        );
        for bad in ["../_cluster/settings", "_all", "logs?x=1", "logs/_doc", ""] {
            assert!(
                es_req::Target::new(bad, "@timestamp").is_err(),
                "{bad:?} accepted"
            );
        }
    }

    #[test]
    fn parses_results() {
        golden(
            "es_parsed_search",
            &es_parse::search(200, &recorded("es_search.json"), 3).unwrap(),
        );
        golden(
            "es_parsed_search_es8_gte",
            &es_parse::search(200, &recorded("es8_search_gte.json"), 50).unwrap(),
        );
        let (hits, total, next) =
            es_parse::search(200, &recorded("es6_search_total_number.json"), 50).unwrap();
        assert_eq!(
            (hits.len(), total.value, total.exact, next),
            (0, 2, true, None)
        );
        golden(
            "es_parsed_histogram",
            &es_parse::histogram(200, &recorded("es_histogram.json")).unwrap(),
        );
        golden(
            "es_parsed_top_values",
            &es_parse::top_values(200, &recorded("es_top_values.json")).unwrap(),
        );
        golden(
            "es_parsed_field_caps",
            &es_parse::field_caps(200, &recorded("es_field_caps.json")).unwrap(),
        );
        assert_eq!(
            es_parse::info(200, &recorded("es_info_opensearch.json"))
                .unwrap()
                .split(' ')
                .next(),
            Some("OpenSearch")
        );
        assert_eq!(
            es_parse::info(200, &recorded("es8_info.json")).unwrap(),
            "Elasticsearch 8.13.4"
        );
    }

    #[test]
    fn keeps_the_upstream_reason_in_errors() {
        let cases = [
            ("es_bad_lucene_osmem.json", 400, "Failed to parse query [service:(payments AND]: Cannot parse 'service:(payments AND'"),
            ("es8_bad_lucene.json", 400, "Failed to parse query [service:(payments AND]: Cannot parse 'service:(payments AND'"),
            ("es8_number_on_keyword.json", 400, "failed to create query: For input string: \"abc\""),
            ("es_index_not_found.json", 404, "no such index [missing-index]"),
        ];
        for (file, status, needle) in cases {
            let (k, msg) = err_text(es_parse::search(status, &recorded(file), 50));
            assert_eq!(k, "BadQuery", "{file}");
            assert!(msg.starts_with(needle), "{file}: {msg}");
        }
        let (k, msg) = err_text(es_parse::search(503, b"<html>upstream down</html>", 50));
        assert_eq!(
            (k.as_str(), msg.as_str()),
            (
                "Upstream",
                "the upstream failed (HTTP 503): <html>upstream down</html>"
            )
        );
        let (k, _) = err_text(es_parse::search(200, b"{\"hits\": 5", 50));
        assert_eq!(k, "BadResponse");
    }
}
