//! Findings 3 and 4 and the masking class, against the real osmem-server:
//! secrets in their own fields (any type, nested too) and common credential
//! formats in text are masked for viewers in every answer (query API, both
//! exports, top values), stay raw for admins, and cannot be recovered by
//! searching for them.

use serde_json::{json, Value};

use crate::helpers::*;
use crate::peers::peers;

/// Each planted secret, and a document that carries it.
pub fn planted(now_ms: i64) -> Vec<(&'static str, Value)> {
    let at = |m: i64| now_ms - m * 60_000;
    vec![
        (
            "hunter2-field",
            json!({"@timestamp": at(1), "message": "login for bob", "service": "auth", "password": "hunter2-field"}),
        ),
        (
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            json!({"@timestamp": at(2), "message": "charge created", "service": "pay", "api_key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}),
        ),
        (
            "4111111111111111",
            json!({"@timestamp": at(3), "message": "card stored", "service": "pay", "card": 4111111111111111_i64}),
        ),
        (
            "ghp_R2d2C3poQwErTyUiOp1234567890AbCdEfGh",
            json!({"@timestamp": at(4), "message": "clone https://ghp_R2d2C3poQwErTyUiOp1234567890AbCdEfGh@github.com/org/repo.git failed", "service": "ci"}),
        ),
        (
            "dXNlcjpwbGFudGVkLXBhc3M=",
            json!({"@timestamp": at(5), "message": "upstream sent Authorization: Basic dXNlcjpwbGFudGVkLXBhc3M=", "service": "edge"}),
        ),
        (
            "s3cretdbpass",
            json!({"@timestamp": at(6), "message": "connecting to postgres://app:s3cretdbpass@db.internal:5432/prod", "service": "api"}),
        ),
        (
            "xoxb-123456789012-PlantedSlackTok",
            json!({"@timestamp": at(7), "message": "notify with xoxb-123456789012-PlantedSlackTok", "service": "ops"}),
        ),
        (
            "MIIEowIBAAKCAQEAplantedkeymaterial",
            json!({"@timestamp": at(8), "message": "loaded -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAplantedkeymaterial\n-----END RSA PRIVATE KEY----- ok", "service": "tls"}),
        ),
        (
            "eyJzdWIiOiJwbGFudGVkIn0",
            json!({"@timestamp": at(9), "message": "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJl seen", "service": "auth"}),
        ),
        (
            "nested-planted-cookie",
            json!({"@timestamp": at(10), "message": "nested headers", "service": "edge", "http": {"headers": {"Cookie": "session=nested-planted-cookie"}}}),
        ),
    ]
}

pub async fn load(es: &str, index: &str, now_ms: i64) {
    let c = reqwest::Client::new();
    for (i, (_, doc)) in planted(now_ms).into_iter().enumerate() {
        let res = c
            .put(format!("{es}/{index}/_doc/{i}?refresh=true"))
            .json(&doc)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    }
}

#[tokio::test]
async fn secrets_are_masked_by_field_name_type_and_format_everywhere_viewers_look() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let index = format!("masktest-{}", std::process::id());
    load(&p.es, &index, p.now_ms).await;
    let mut input = p.es_input("secrets");
    input["index_pattern"] = json!(index);
    let es = app.add_datasource(&admin, &input).await;
    let (_, viewer) = app.user_with_role("vera", "viewer").await;
    let range = json!({"from_ms": p.now_ms - 3_600_000, "to_ms": p.now_ms + 60_000});
    let all = json!([{ "ref_id": "A", "type": "logs", "datasource": es, "query": "*", "range": range, "size": 100 }]);

    let seen = app.query(&viewer, all.clone()).await[0].to_string();
    let raw = app.query(&admin, all).await[0].to_string();
    let exports = [("ndjson", "*"), ("csv", "*")];
    let mut exported = String::new();
    for (format, q) in exports {
        let res = viewer
            .get(app.at("/api/v1/export"))
            .query(&[
                ("datasource", es.to_string()),
                ("query", q.into()),
                ("format", format.into()),
                ("from_ms", (p.now_ms - 3_600_000).to_string()),
                ("to_ms", (p.now_ms + 60_000).to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        exported.push_str(&res.text().await.unwrap());
    }
    for (secret, _) in planted(p.now_ms) {
        assert!(
            !seen.contains(secret),
            "a viewer's query answer shows {secret}: {seen}"
        );
        assert!(
            !exported.contains(secret),
            "a viewer's export shows {secret}"
        );
        assert!(
            raw.contains(secret) || raw.contains(&secret.replace('\n', "\\n")),
            "admins see {secret} raw"
        );
    }
    assert!(
        seen.contains("login for bob") && seen.contains("\"service\":\"pay\""),
        "the rest stays readable"
    );

    // Top values of a secret field are masked too.
    let top = json!([{ "ref_id": "A", "type": "top_values", "datasource": es, "field": "password.keyword",
        "query": "", "range": range }]);
    let top = app.query(&viewer, top).await[0].to_string();
    assert!(!top.contains("hunter2-field"), "{top}");

    // Searching for a masked value answers as if nothing matched …
    for guess in ["hunter2-field", "PlantedSlackTok", "nested-planted-cookie"] {
        let q = json!([{ "ref_id": "A", "type": "logs", "datasource": es, "query": guess, "range": range, "size": 100 }]);
        let v = app.query(&viewer, q.clone()).await;
        assert_eq!(
            v[0]["data"]["hits"].as_array().map(Vec::len),
            Some(0),
            "viewer found {guess}: {}",
            v[0]
        );
        let a = app.query(&admin, q).await;
        assert!(
            !a[0]["data"]["hits"].as_array().unwrap().is_empty(),
            "admin finds {guess}: {}",
            a[0]
        );
    }
    // Counts agree: a secret field is not searchable for a viewer at all, so
    // the histogram has nothing for a guess found only there.
    for guess in ["hunter2-field", "nested-planted-cookie"] {
        let q = json!([{ "ref_id": "A", "type": "log_histogram", "datasource": es, "query": guess, "range": range }]);
        let count = |answer: &Value| -> u64 {
            answer["data"]["buckets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["count"].as_u64().unwrap())
                .sum()
        };
        assert_eq!(
            count(&app.query(&viewer, q.clone()).await[0]),
            0,
            "viewer histogram for {guess}"
        );
        assert!(
            count(&app.query(&admin, q).await[0]) > 0,
            "admin histogram for {guess}"
        );
    }
    // … and a search inside a secret field is refused with a reason.
    for q in [
        "password:hunter2-field",
        "api_key:sk*",
        "http.headers.Cookie:*",
        "pass*:x",
        "*:hunter2-field",
    ] {
        let res = viewer
            .post(app.at("/api/v1/query"))
            .json(&json!({ "queries": [{ "ref_id": "A", "type": "logs", "datasource": es, "query": q, "range": range, "size": 10 }] }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{q}");
        let msg = error_message(res).await;
        assert!(
            msg.contains("secrets") || msg.contains("wildcards"),
            "{q}: {msg}"
        );
    }
}
