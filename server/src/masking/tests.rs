use super::*;

fn m(s: &str) -> String {
    Masker::new(&[]).unwrap().mask(s).into_owned()
}

#[test]
fn default_rules_mask_the_secret_and_keep_the_context() {
    assert_eq!(
        m("Authorization: Bearer eyJhbGciOi.J9x-y_z=="),
        "Authorization: Bearer ••••"
    );
    assert_eq!(
        m("login ok password=hunter2 user=bob"),
        "login ok password=•••• user=bob"
    );
    assert_eq!(
        m(r#"{"password": "s3cr3t!", "user": "bob"}"#),
        r#"{"password": "••••", "user": "bob"}"#
    );
    assert_eq!(m("aws key AKIAIOSFODNN7EXAMPLE used"), "aws key •••• used");
    assert_eq!(m("api_key=abcdef0123456789xyz"), "api_key=••••");
    assert_eq!(m("card 4111 1111 1111 1111 charged"), "card •••• charged");
    assert_eq!(m("card 4111-1111-1111-1111"), "card ••••");
}

#[test]
fn every_rule_that_matches_runs_in_one_text() {
    let token = format!("ghp_{}", "a1".repeat(18));
    let text = format!(
        "Authorization: Bearer abc.def password=hunter2 {token} card 4111 1111 1111 1111 AKIAIOSFODNN7EXAMPLE"
    );
    assert_eq!(
        m(&text),
        "Authorization: Bearer •••• password=•••• •••• card •••• ••••"
    );
    // An extra rule runs after the built-in ones, on what they left.
    let extra = Masker::new(&[r"\bemp-\d{5}\b".into()]).unwrap();
    assert_eq!(
        extra.mask("emp-12345 password=x1 emp-123").into_owned(),
        "•••• password=•••• emp-123"
    );
}

#[test]
fn ordinary_text_is_untouched() {
    for s in [
        "error 1234567: payment gateway timeout",
        "request handled in 42 ms",
        "token bucket refilled",
        "order 12345678 shipped",
    ] {
        assert_eq!(m(s), s);
    }
}

#[test]
fn highlight_markers_cannot_smuggle_a_secret_past_the_rules() {
    let masker = Masker::new(&[]).unwrap();
    let mut frag = "Authorization: Bearer \u{e000}eyJhbGciOi.J9\u{e001}".to_owned();
    masker.mask_fragment("message", &mut frag, &mut Vec::new());
    assert_eq!(frag, "Authorization: Bearer ••••");
}

#[test]
fn extra_rules_apply_and_bad_ones_are_named() {
    let masker = Masker::new(&["(?P<secret>SSN-\\d{3})".into()]).unwrap();
    assert_eq!(masker.mask("id SSN-123 ok"), "id •••• ok");
    let err = Masker::new(&["(".into()]).err().unwrap().to_string();
    assert!(err.contains("mask pattern \"(\""), "{err}");
}

/// Finding 4 and the widened text rules: one case per credential family.
#[test]
fn common_credential_formats_are_masked() {
    let cases = [
        (
            "clone https://ghp_R2d2C3poQwErTyUiOp1234567890AbCdEfGh@github.com/o/r",
            "ghp_R2d2",
        ),
        (
            "pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv",
            "github_pat_11",
        ),
        ("Authorization: Basic dXNlcjpwbGFudGVkLXBhc3M=", "dXNlcjpw"),
        (
            "db postgres://app:s3cretdbpass@db.internal:5432/prod",
            "s3cretdbpass",
        ),
        ("redis://:onlypass123@cache:6379", "onlypass123"),
        ("slack xoxb-123456789012-PlantedSlackTok", "PlantedSlackTok"),
        (
            "hook https://hooks.slack.com/services/T000/B000/XXXXXXXX",
            "T000/B000",
        ),
        (
            "key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            "MIIEow",
        ),
        (
            "cut -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk",
            "b3BlbnNz",
        ),
        (
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "eyJzdWIiOiIxIn0",
        ),
        ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqL"),
        ("gitlab glpat-abcdefghij0123456789", "glpat-abc"),
        (
            "google AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "AIzaSyA123",
        ),
        ("npm npm_abcdefghijklmnopqrstuvwxyz0123456789", "npm_abcdef"),
        ("openai sk-proj-abcdefghijklmnopqrstuvwx", "sk-proj-abc"),
        (
            "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUt",
        ),
        ("DB_PASSWORD: letmein", "letmein"),
        ("card 4111111111111111 ok", "4111111111111111"),
        ("amex 378282246310005", "378282246310005"),
    ];
    for (text, secret) in cases {
        let masked = m(text);
        assert!(!masked.contains(secret), "{text:?} → {masked:?}");
        assert!(masked.contains(MASK), "{text:?}");
    }
    // Look-alikes stay readable.
    for plain in [
        "basic information about Basic plans",
        "order 4111111111111112 shipped",
        "see https://example.com/path",
    ] {
        assert_eq!(m(plain), plain);
    }
}

/// Finding 3: a field named like a secret is masked whatever its type,
/// nested or not; numbers are checked as text.
#[test]
fn structure_masks_secret_fields_and_numbers() {
    let masker = Masker::new(&[]).unwrap();
    let mut hit = LogHit {
        id: "1".into(),
        index: "logs".into(),
        timestamp_ms: None,
        message: "login".into(),
        fields: serde_json::from_value(serde_json::json!({
            "password": "hunter2", "api_key": 12345678, "card": 4111111111111111_i64,
            "http.headers": {"Authorization": "Token abc", "accept": "json"},
            "db_password": null, "tokens_used": 7, "service": "auth",
        }))
        .unwrap(),
        highlight: [(
            "password".to_owned(),
            vec!["\u{e000}hunter2\u{e001}".to_owned()],
        )]
        .into(),
        sort: app::model::Cursor(vec![]),
    };
    let found = masker.mask_hit(&mut hit);
    let f = &hit.fields;
    assert_eq!(f["password"], MASK);
    assert_eq!(f["api_key"], MASK);
    assert_eq!(f["card"], MASK);
    assert_eq!(f["http.headers"]["Authorization"], MASK);
    assert_eq!(f["http.headers"]["accept"], "json");
    assert!(f["db_password"].is_null());
    assert_eq!(f["tokens_used"], 7);
    assert_eq!(hit.highlight["password"], vec![MASK.to_owned()]);
    assert!(found.contains(&"hunter2".to_owned()));
}

/// Series labels as a viewer sees them, from an answer other viewers share.
fn masked_series(labels: &[(&str, &str)]) -> (Arc<Vec<app::model::Series>>, QueryData) {
    let kept = Arc::new(vec![app::model::Series {
        labels: labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        timestamps_ms: vec![1],
        values: vec![Some(1.0)],
    }]);
    let mut data = QueryData::Series {
        series: kept.clone(),
        step_ms: 15_000,
    };
    let query = Query::Instant {
        datasource: 1,
        expr: "up".into(),
        time_ms: 1,
    };
    Masker::new(&[]).unwrap().mask_data(&query, &mut data);
    (kept, data)
}

#[test]
fn a_shared_answer_is_masked_in_a_copy_and_only_when_a_label_changes() {
    let (kept, data) = masked_series(&[("job", "api"), ("instance", "a:9100")]);
    let QueryData::Series { series, .. } = data else {
        panic!("series stay series")
    };
    assert!(Arc::ptr_eq(&kept, &series), "nothing to mask: not copied");

    for labels in [
        [("job", "api"), ("password", "hunter2")],
        [
            ("job", "api"),
            ("url", "https://x/?api_key=abcdef0123456789xyz"),
        ],
    ] {
        let (kept, data) = masked_series(&labels);
        let QueryData::Series { series, .. } = data else {
            panic!("series stay series")
        };
        assert!(!Arc::ptr_eq(&kept, &series), "masked in a copy");
        let (k, v) = labels[1];
        assert_eq!(kept[0].labels[k], v, "the shared answer is untouched");
        assert_ne!(series[0].labels[k], v, "the viewer's copy is masked");
        assert!(series[0].labels[k].contains(MASK));
        assert_eq!(series[0].labels["job"], "api");
    }
}

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
    let mut data = QueryData::Logs {
        hits: kept.clone(),
        total: app::model::HitCount {
            value: 10,
            exact: true,
        },
        next: None,
    };
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
    assert_eq!(total, 10);

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
    assert_eq!((kept.len(), hits.len(), total), (2, 1, 9));
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

    #[test]
    fn masking_any_text_never_panics_and_is_stable(s in "\\PC{0,80}") {
        static MASKER: std::sync::OnceLock<Masker> = std::sync::OnceLock::new();
        let masker = MASKER.get_or_init(|| Masker::new(&[]).unwrap());
        let once = masker.mask(&s).into_owned();
        proptest::prop_assert_eq!(masker.mask(&once).into_owned(), once.clone());
        let _ = fields::lucene_fields(&s);
        let _ = search_words(&s);
    }
}
