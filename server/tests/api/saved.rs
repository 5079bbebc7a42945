//! Saved queries: viewers list, editors save and delete their own, admins any.

use serde_json::{json, Value};

use crate::helpers::*;

fn spec(name: &str) -> Value {
    json!({ "name": name, "mode": "logs", "datasource": 1, "query": "error 1234567",
            "from": "now-24h", "to": "now" })
}

#[tokio::test]
async fn editors_save_viewers_only_list_and_names_are_unique() {
    let app = spawn_app().await;
    let (_, editor) = app.user_with_role("ed", "editor").await;
    let (_, other) = app.user_with_role("olga", "editor").await;
    let (_, viewer) = app.user_with_role("vic", "viewer").await;
    let url = app.at("/api/v1/saved-queries");
    let res = editor
        .post(&url)
        .json(&spec("Payment timeouts"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["owner"], "ed");
    assert_eq!(saved["query"], "error 1234567");
    let id = saved["id"].as_i64().unwrap();

    let res = other
        .post(&url)
        .json(&spec("payment TIMEOUTS"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(error_message(res).await.contains("exists already"));
    assert_eq!(status(viewer.post(&url).json(&spec("mine"))).await, 403);
    assert_eq!(status(editor.post(&url).json(&spec("  "))).await, 400);

    let list: Vec<Value> = viewer.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Payment timeouts");

    let one = app.at(&format!("/api/v1/saved-queries/{id}"));
    assert_eq!(status(viewer.delete(&one)).await, 403);
    let res = other.delete(&one).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(error_message(res).await.contains("Only ed"));
    assert_eq!(status(app.admin().await.delete(&one)).await, 204);
    assert_eq!(status(editor.delete(&one)).await, 404);
}
