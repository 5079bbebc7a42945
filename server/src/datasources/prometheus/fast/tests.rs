use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::datasources::prometheus::parse::general;

/// One series' labels and its `[time, "value"]` samples, as text.
type Generated = (BTreeMap<String, String>, Vec<(String, String)>);

/// A matrix answer as Prometheus writes it (no whitespace, its key order).
fn answer(series: &[Generated]) -> String {
    let items: Vec<String> = series
        .iter()
        .map(|(labels, samples)| {
            let values: Vec<String> = samples
                .iter()
                .map(|(t, v)| format!("[{t},\"{v}\"]"))
                .collect();
            format!(
                r#"{{"metric":{},"values":[{}]}}"#,
                serde_json::to_string(labels).unwrap(),
                values.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"status":"success","data":{{"resultType":"matrix","result":[{}]}}}}"#,
        items.join(",")
    )
}

fn same(body: &str) -> Vec<Series> {
    let fast = matrix(body.as_bytes()).expect("the fast reader reads it");
    let general = general(body.as_bytes()).expect("the general reader reads it");
    assert_eq!(fast, general, "{body}");
    fast
}

#[test]
fn reads_what_prometheus_writes_like_the_general_reader() {
    let body = r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a\"b\\c\u003cd","é":"ü"},"values":[[1795788000,"0.5"],[1795788015.5,"NaN"],[1795788030.125,"+Inf"],[1795788045,"-1e-05"]]},{"metric":{},"values":[]}]},"warnings":["x"]}"#;
    let s = same(body);
    assert_eq!(s[0].labels["job"], "a\"b\\c<d");
    assert_eq!(
        s[0].timestamps_ms,
        [1795788000000, 1795788015500, 1795788030125, 1795788045000]
    );
    assert_eq!(s[0].values, [Some(0.5), None, None, Some(-1e-5)]);
    assert!(s[1].values.is_empty());
    let empty = r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#;
    assert!(same(empty).is_empty());
}

#[test]
fn byte_by_byte_reads_as_the_whole_answer_reads() {
    let body = r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"x\"y"},"values":[[1795788000,"0.5"],[1795788015.25,"NaN"]]},{"metric":{},"values":[]}]},"infos":["i"]}"#;
    let mut s = Stream::default();
    for b in body.as_bytes() {
        s.feed(std::slice::from_ref(b));
    }
    assert_eq!(s.finish(), Some(same(body)));
    let mut cut = Stream::default();
    cut.feed(&body.as_bytes()[..body.len() - 1]);
    assert_eq!(cut.finish(), None, "an answer cut short is not read");
}

#[test]
fn leaves_every_other_shape_to_the_general_reader() {
    for other in [
        r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
        r#"{"status":"success", "data":{"resultType":"matrix","result":[]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"values":[],"metric":{}}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[]}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1.2345,"1"]]}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[-5,"1"]]}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1e9,"1"]]}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"\u0031"]]}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b""#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[123456789012,"1"]]}]}}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[]}}x"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[]},"warnings":[}"#,
        r#"{"status":"success","data":{"resultType":"matrix","result":[]}"#,
    ] {
        assert!(matrix(other.as_bytes()).is_none(), "{other}");
    }
}

/// Timestamps as Go's `FormatFloat(t, 'f', -1, 64)` writes seconds.
fn seconds(ms: i64) -> String {
    let (s, frac) = (ms / 1000, ms % 1000);
    if frac == 0 {
        return s.to_string();
    }
    format!("{s}.{frac:03}").trim_end_matches('0').to_owned()
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|v| v.to_string()),
        (-1e6..1e6f64).prop_map(|v| format!("{v}")),
        (0u32..1000).prop_map(|v| format!("0.{v}")),
        Just("NaN".to_owned()),
        Just("+Inf".to_owned()),
        Just("-Inf".to_owned()),
        Just("1e-05".to_owned()),
        "[a-z ]{0,4}",
    ]
}

fn series() -> impl Strategy<Value = Generated> {
    let labels = prop::collection::btree_map("[a-z_\"\\\\é]{0,6}", "\\PC{0,8}", 0..4);
    let samples = prop::collection::vec((1i64..20_000, value()), 0..40).prop_map(|gaps| {
        let mut t = 1_795_788_000_000_i64;
        gaps.into_iter()
            .map(|(gap, v)| {
                t += gap;
                (seconds(t), v)
            })
            .collect()
    });
    (labels, samples)
}

#[test]
fn short_decimals_read_as_the_float_parse_reads_them() {
    for t in [
        "0",
        "-0",
        "0.5",
        "1.005",
        "123456789012345",
        "0.00000000000001",
        "-99.99",
        "7",
    ] {
        assert_eq!(decimal(t.as_bytes()), t.parse::<f64>().ok(), "{t}");
    }
    for t in [
        "",
        "-",
        ".",
        "5.",
        ".5",
        "1e5",
        "NaN",
        "+Inf",
        "1.2.3",
        "1234567890123456",
        "0.000000000000001",
        "+1",
        "--1",
    ] {
        assert_eq!(decimal(t.as_bytes()), None, "{t}");
    }
}

proptest! {
    #[test]
    fn any_short_decimal_reads_as_the_float_parse_reads_it(
        int in "-?[0-9]{1,15}",
        frac in "[0-9]{0,14}",
    ) {
        let t = if frac.is_empty() { int } else { format!("{int}.{frac}") };
        if let Some(v) = decimal(t.as_bytes()) {
            let want: f64 = t.parse().unwrap();
            prop_assert_eq!(v.to_bits(), want.to_bits(), "{}", t);
        }
    }

    #[test]
    fn both_readers_agree_on_any_prometheus_answer(all in prop::collection::vec(series(), 0..5)) {
        same(&answer(&all));
    }

    /// However the answer is cut into chunks (a boundary may fall inside
    /// a label, a timestamp, a value or the head), the series are the same.
    #[test]
    fn chunks_read_as_the_whole_answer_reads(
        all in prop::collection::vec(series(), 0..4),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        let body = answer(&all).into_bytes();
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(body.len() + 1)).collect();
        at.extend([0, body.len()]);
        at.sort_unstable();
        let mut s = Stream::default();
        for w in at.windows(2) {
            s.feed(&body[w[0]..w[1]]);
        }
        prop_assert_eq!(s.finish(), Some(same(std::str::from_utf8(&body).unwrap())));
    }

    /// Thinned series by series as it downloads, the first cut is the cut
    /// the whole answer would give (short series and narrow panels alike).
    #[test]
    fn a_cut_made_while_reading_is_the_cut_made_after(
        all in prop::collection::vec(series(), 0..4),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        width in 1u32..6,
    ) {
        use crate::datasources::prometheus::parse::matrix_reader;
        use crate::datasources::prometheus::thinned::{Cut, Matrix};
        let body = answer(&all).into_bytes();
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(body.len() + 1)).collect();
        at.extend([0, body.len()]);
        at.sort_unstable();
        let from_ms = 1_795_788_000_000;
        let cut = Cut { from_ms, to_ms: from_ms + 800_000, width };
        let mut reader = matrix_reader(Some(cut));
        for w in at.windows(2) {
            reader.feed(&body[w[0]..w[1]]);
        }
        let read = reader.finish().expect("read").downcast::<Matrix>().expect("a matrix");
        let whole = Matrix::new(same(std::str::from_utf8(&body).unwrap()));
        prop_assert_eq!(read.cut(cut), whole.cut(cut));
        prop_assert_eq!(&read.series, &whole.series);
    }

    /// Whatever is changed in an answer, the fast reader either steps
    /// aside or reads what the general reader reads.
    #[test]
    fn a_changed_answer_is_read_the_same_or_not_at_all(
        all in prop::collection::vec(series(), 1..3),
        at in any::<prop::sample::Index>(),
        with in prop_oneof![Just(b' '), Just(b'"'), Just(b','), Just(b']'), Just(b'.'), Just(b'\\'), Just(b'9')],
    ) {
        let mut body = answer(&all).into_bytes();
        let i = at.index(body.len());
        body.insert(i, with);
        if let Some(fast) = matrix(&body) {
            prop_assert_eq!(Some(fast), general(&body).ok());
        }
    }
}
