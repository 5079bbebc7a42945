//! The OpenAPI document: served to members only, describes every `/api/v1`
//! route and method the router answers (and nothing else), each with a
//! summary, a description, a success answer and the shared error body; and
//! it validates as OpenAPI 3.1 with `openapi-spec-validator` (PyPI).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

use crate::helpers::*;
use crate::matrix::{bearer, fill, token};

#[tokio::test]
async fn the_document_describes_every_route_and_validates() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let url = app.at("/api/v1/openapi.json");
    assert_eq!(status(client().get(&url)).await, 401);
    let doc: Value = get_ok(&admin, url).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc,
        serde_json::to_value(server::api::openapi::document()).unwrap()
    );

    // A token, not the session: state-changing probes without an `Origin`
    // would be refused before routing.
    let prober = bearer(&token(&app, &admin, "admin").await);
    let mut routed = BTreeSet::new();
    for path in server::api::paths() {
        for method in methods_at(&prober, &app.at(&fill(path, "lks_probe"))).await {
            routed.insert(format!("{method} {path}"));
        }
    }
    assert!(
        routed.len() >= 45,
        "only {} operations routed",
        routed.len()
    );

    let mut described = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let name = format!("{} {path}", method.to_uppercase());
            let summary = op["summary"].as_str().unwrap_or("");
            let description = op["description"].as_str().unwrap_or("");
            assert!(!summary.trim().is_empty(), "{name} has no summary");
            assert!(!description.trim().is_empty(), "{name} has no description");
            assert!(
                !summary.contains('`'),
                "{name}: the summary is a title, not code"
            );
            let codes: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
            assert!(
                codes.iter().any(|c| c.starts_with('2')),
                "{name} documents no success answer: {codes:?}"
            );
            assert_eq!(
                op["responses"]["4XX"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ErrorBody",
                "{name} does not document the error body"
            );
            for p in path.split('/').filter(|s| s.starts_with('{')) {
                let name_of = p.trim_matches(['{', '}']);
                let declared = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|d| d["in"] == "path" && d["name"] == name_of);
                assert!(declared, "{name} does not describe its {p} parameter");
            }
            described.insert(name);
        }
    }
    let undescribed: Vec<_> = routed.difference(&described).collect();
    let phantom: Vec<_> = described.difference(&routed).collect();
    assert!(
        undescribed.is_empty(),
        "routes without a description: {undescribed:#?}"
    );
    assert!(phantom.is_empty(), "described but not routed: {phantom:#?}");

    let kinds = &doc["components"]["schemas"]["ErrorDetail"]["properties"]["kind"]["enum"];
    for kind in [
        "invalid",
        "unauthenticated",
        "forbidden",
        "not_found",
        "conflict",
    ] {
        assert!(
            kinds.as_array().unwrap().iter().any(|k| k == kind),
            "error kind {kind} is not listed: {kinds}"
        );
    }

    validate(&doc);
}

/// Runs `openapi-spec-validator` (installed by `scripts/setup.sh` into
/// `.tools/openapi`) on the document.
fn validate(doc: &Value) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let tool = std::env::var_os("OPENAPI_SPEC_VALIDATOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".tools/openapi/bin/openapi-spec-validator"));
    assert!(
        tool.exists(),
        "{} is missing: run scripts/setup.sh (it installs openapi-spec-validator from PyPI)",
        tool.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    let out = std::process::Command::new(&tool)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the OpenAPI document does not validate:\n{}",
        String::from_utf8_lossy(&[out.stdout, out.stderr].concat())
            .chars()
            .take(1500)
            .collect::<String>()
    );
}
