//! A panel's stored queries as runnable queries: the data source named by
//! the panel resolved to its id, variables substituted on the server and
//! escaped for PromQL or Lucene (`app::model::template::vars`), and the
//! built-ins `$__interval`, `$__rate_interval` and `$__range` computed from
//! the range and the panel's width. The browser sends only a panel id, a
//! range, a width and variable values; never query text.

pub use app::model::dashboard::PanelRequest;
use app::model::dashboard::{Dashboard, Panel};
use app::model::template::vars::{interpolate, values, Target};
use app::model::{Query, TimeRange};

pub use app::model::template::vars::ALL;

/// The panel's queries, named `A`, `B`, … in order, ready for the batch.
pub fn build(
    d: &Dashboard,
    panel_id: &str,
    req: &PanelRequest,
    datasource_id: impl Fn(&str) -> Option<i64>,
) -> Result<Vec<(String, Query)>, String> {
    let panel = d
        .spec
        .panels
        .get(panel_id)
        .ok_or_else(|| format!("this dashboard has no panel {panel_id:?}"))?;
    let vars = values(d, &req.vars);
    let range = req.range;
    let width = req.width.clamp(1, 10_000);
    let builtins = builtins(range, width);
    let mut out = Vec::new();
    for (i, q) in panel.spec.queries.iter().enumerate() {
        let ref_id = ((b'A' + (i % 26) as u8) as char).to_string();
        let name = q
            .datasource
            .as_deref()
            .or(panel.spec.datasource.as_deref())
            .unwrap_or_default();
        let datasource = datasource_id(name)
            .ok_or_else(|| format!("query {ref_id}: there is no data source named {name:?}"))?;
        let fill = |text: &str, target| -> Result<String, String> {
            let text = builtins
                .iter()
                .fold(text.to_owned(), |t, (k, v)| t.replace(k, v));
            interpolate(&text, &vars, target).map_err(|e| format!("query {ref_id}: {e}"))
        };
        let query = match panel.kind.as_str() {
            "logs" => Query::Logs {
                datasource,
                query: fill(q.query.as_deref().unwrap_or_default(), Target::Lucene)?,
                range,
                index: None,
                size: size(panel),
                after: None,
            },
            "logvolume" => Query::LogHistogram {
                datasource,
                query: fill(q.query.as_deref().unwrap_or_default(), Target::Lucene)?,
                range,
                index: None,
            },
            "gauge" | "bargauge" | "table" => Query::Instant {
                datasource,
                expr: fill(q.expr.as_deref().unwrap_or_default(), Target::PromQl)?,
                time_ms: range.to_ms,
            },
            _ => Query::Range {
                datasource,
                expr: fill(q.expr.as_deref().unwrap_or_default(), Target::PromQl)?,
                range,
                max_data_points: width,
                min_step_ms: None,
                step_ms: None,
            },
        };
        out.push((ref_id, query));
    }
    Ok(out)
}

/// The logs panel's page size (`options.size`, 1…1000, default 100).
fn size(p: &Panel) -> u32 {
    p.spec
        .options
        .get("size")
        .and_then(|v| v.as_u64())
        .map_or(100, |n| n.clamp(1, 1000) as u32)
}

/// `$__interval` (range ÷ width, at least 1 s), `$__rate_interval` (four
/// times that, at least 1 m: enough samples for `rate`), `$__range`.
pub(crate) fn builtins(range: TimeRange, width: u32) -> [(&'static str, String); 6] {
    let span_s = ((range.to_ms - range.from_ms).max(0) / 1000).max(1);
    let interval = (span_s / i64::from(width.max(1))).max(1);
    let rate = (interval * 4).max(60);
    [
        ("${__rate_interval}", format!("{rate}s")),
        ("$__rate_interval", format!("{rate}s")),
        ("${__interval}", format!("{interval}s")),
        ("$__interval", format!("{interval}s")),
        ("${__range}", format!("{span_s}s")),
        ("$__range", format!("{span_s}s")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dashboard() -> Dashboard {
        Dashboard::from_value(json!({
            "kind": "Dashboard", "schemaVersion": 1,
            "metadata": { "uid": "d", "title": "D" },
            "spec": {
                "variables": [
                    { "name": "instance", "kind": "custom", "spec": { "default": "host-01" } },
                    { "name": "service", "kind": "textbox", "spec": { "default": "payments" } }
                ],
                "panels": {
                    "cpu": { "kind": "timeseries", "spec": { "datasource": "prom", "queries": [
                        { "expr": "rate(x{instance=\"$instance\"}[$__rate_interval])" } ] } },
                    "logs": { "kind": "logs", "spec": { "datasource": "es", "options": { "size": 20 },
                        "queries": [{ "query": "service:$service AND level:error" }] } }
                }
            }
        }))
        .unwrap()
    }

    fn ids(name: &str) -> Option<i64> {
        match name {
            "prom" => Some(1),
            "es" => Some(2),
            _ => None,
        }
    }

    #[test]
    fn stored_queries_are_filled_on_the_server() {
        let req = PanelRequest {
            range: TimeRange {
                from_ms: 0,
                to_ms: 3_600_000,
            },
            width: 600,
            vars: [("instance".to_owned(), vec!["\"} or vector(1) #".to_owned()])].into(),
            draft: None,
            variables: None,
        };
        let q = build(&dashboard(), "cpu", &req, ids).unwrap();
        let Query::Range {
            expr,
            datasource,
            max_data_points,
            ..
        } = &q[0].1
        else {
            panic!("{q:?}")
        };
        assert_eq!(expr, r#"rate(x{instance="\"} or vector(1) #"}[60s])"#);
        assert_eq!((*datasource, *max_data_points), (1, 600));
        let q = build(&dashboard(), "logs", &req, ids).unwrap();
        let Query::Logs {
            query,
            size,
            datasource,
            ..
        } = &q[0].1
        else {
            panic!("{q:?}")
        };
        assert_eq!(
            query, "service:payments AND level:error",
            "the default value"
        );
        assert_eq!((*size, *datasource), (20, 2));
        assert!(build(&dashboard(), "nope", &req, ids)
            .unwrap_err()
            .contains("no panel \"nope\""));
        assert!(build(&dashboard(), "cpu", &req, |_| None)
            .unwrap_err()
            .contains("no data source named \"prom\""));
    }
}
