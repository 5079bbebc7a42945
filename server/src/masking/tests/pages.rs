//! Pages of hits: masked in a copy, only when a hit changes, and once for
//! every viewer given the same shared page.

use std::sync::Arc;

use app::model::{LogHit, Query, QueryData};

use super::super::{Masker, MASK};

fn hit(message: &str, fields: serde_json::Value, highlight: &[(&str, &str)]) -> LogHit {
    LogHit {
        id: "1".into(),
        index: "logs".into(),
        timestamp_ms: None,
        message: message.into(),
        fields: serde_json::from_value(fields).unwrap(),
        highlight: highlight
            .iter()
            .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
            .collect(),
        sort: app::model::Cursor(vec![]),
    }
}

/// A page of hits as a viewer sees it, from a parse other askers share.
fn masked_page(hits: Vec<LogHit>, query: &str) -> (Arc<Vec<LogHit>>, Arc<Vec<LogHit>>, u64) {
    let kept = Arc::new(hits);
    let (query, mut data) = logs(&kept, query);
    Masker::new(&[]).unwrap().mask_data(&query, &mut data);
    let QueryData::Logs { hits, total, .. } = data else {
        panic!("hits stay hits")
    };
    (kept, hits, total.value)
}

#[test]
fn a_shared_page_of_hits_is_masked_in_a_copy_and_only_when_a_hit_changes() {
    let plain = || {
        hit(
            "error 1234567",
            serde_json::json!({"service": "api", "seq": 97}),
            &[],
        )
    };
    let (kept, hits, total) = masked_page(vec![plain(), plain()], "1234567");
    assert!(Arc::ptr_eq(&kept, &hits), "nothing to mask: not copied");
    assert_eq!(total, 2);

    for secret in [
        hit("login password=hunter2", serde_json::json!({}), &[]),
        hit(
            "login",
            serde_json::json!({"db": {"password": "hunter2"}}),
            &[],
        ),
        hit(
            "login",
            serde_json::json!({"card": 4111111111111111_i64}),
            &[],
        ),
        hit(
            "login",
            serde_json::json!({"tags": ["api_key=abcdef0123456789xyz"]}),
            &[],
        ),
        hit(
            "login",
            serde_json::json!({}),
            &[("token", "\u{e000}abc\u{e001}")],
        ),
        hit(
            "x",
            serde_json::json!({}),
            &[("message", "Bearer \u{e000}abc\u{e001}.def")],
        ),
    ] {
        let original = secret.clone();
        let (kept, hits, _) = masked_page(vec![plain(), secret], "login");
        assert!(!Arc::ptr_eq(&kept, &hits), "masked in a copy: {original:?}");
        assert_eq!(kept[1], original, "the shared page is untouched");
        assert_ne!(hits[1], original, "the viewer's copy is masked");
        assert_eq!(hits[0], plain());
    }

    // A hit found only through what was masked is dropped from the copy.
    let only = hit("login", serde_json::json!({"password": "hunter2"}), &[]);
    let (kept, hits, total) = masked_page(vec![plain(), only], "hunter2");
    assert_eq!((kept.len(), hits.len(), total), (2, 1, 1));
}

/// A page of hits and a search for it, as `mask_data` takes them (the
/// total is the page's length).
fn logs(page: &Arc<Vec<LogHit>>, query: &str) -> (Query, QueryData) {
    let query = Query::Logs {
        datasource: 1,
        query: query.into(),
        range: app::model::TimeRange {
            from_ms: 0,
            to_ms: 1,
        },
        index: None,
        size: 100,
        after: None,
    };
    let data = QueryData::Logs {
        hits: page.clone(),
        total: app::model::HitCount {
            value: page.len() as u64,
            exact: true,
        },
        next: None,
    };
    (query, data)
}

#[test]
fn viewers_given_one_shared_page_get_one_masked_copy() {
    let masker = Masker::new(&[]).unwrap();
    let page = Arc::new(vec![
        hit("login", serde_json::json!({"password": "hunter2"}), &[]),
        hit("login ok", serde_json::json!({"service": "auth"}), &[]),
    ]);
    let masked = |query: &str| {
        let (query, mut data) = logs(&page, query);
        masker.mask_data(&query, &mut data);
        let QueryData::Logs { hits, total, .. } = data else {
            panic!("hits stay hits")
        };
        (hits, total.value)
    };
    let (first, total) = masked("login");
    assert_eq!((first.len(), total), (2, 2));
    assert_eq!(first[0].fields["password"], MASK);
    let (second, _) = masked("login");
    assert!(Arc::ptr_eq(&first, &second), "masked once for both");
    // Another search's words leave out another set of hits.
    let (other, total) = masked("hunter2");
    assert_eq!((other.len(), total), (1, 1));
    assert_eq!(other[0].message, "login ok");
    assert_eq!(
        page[0].fields["password"], "hunter2",
        "the shared page is untouched"
    );

    // A page nobody holds is forgotten when the next one is remembered.
    assert_eq!(masker.recent.len(), 2);
    drop((first, second, other, page));
    let next = Arc::new(vec![hit("x", serde_json::json!({}), &[])]);
    let (query, mut data) = logs(&next, "x");
    masker.mask_data(&query, &mut data);
    assert_eq!(masker.recent.len(), 1);
}

proptest::proptest! {
    /// Told "nothing changes", the viewer gets the shared hit as it is: that
    /// must be true for any text and any field, or a secret goes out.
    #[test]
    fn a_hit_said_unchanged_is_unchanged_by_masking(
        message in "\\PC{0,60}",
        key in "(db_password|apiKey|token|x-api-key|service|[a-zA-Z_.\\-]{1,12})",
        text in "(password=[a-z0-9]{1,8}|4111 1111 1111 1111|Bearer [a-z]{3}|\\PC{0,60})",
        number in proptest::num::i64::ANY,
        fragment in "\\PC{0,40}",
    ) {
        static MASKER: std::sync::OnceLock<Masker> = std::sync::OnceLock::new();
        let masker = MASKER.get_or_init(|| Masker::new(&[]).unwrap());
        let h = hit(
            &message,
            serde_json::json!({ key.clone(): text, "n": number, "nested": {key.clone(): number} }),
            &[(&key, &fragment)],
        );
        let mut masked = h.clone();
        masker.mask_hit(&mut masked);
        if !masker.hit_changes(&h) {
            proptest::prop_assert_eq!(masked, h);
        }
    }
}
