use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_with(|c| c.session_idle_secs = 2).await;
    let c = app.admin().await;
    assert_eq!(app.me(&c).await, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(2300)).await;
    assert_eq!(app.me(&c).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn activity_keeps_a_session_alive_until_its_absolute_expiry() {
    let app = spawn_with(|c| {
        c.session_idle_secs = 2;
        c.session_max_secs = 4;
    })
    .await;
    let c = app.admin().await;
    // Active every 0.7 s: the idle expiry never hits...
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert_eq!(app.me(&c).await, StatusCode::OK);
    }
    // ...but the absolute one does, however active.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        app.me(&c).await;
    }
    assert_eq!(app.me(&c).await, StatusCode::UNAUTHORIZED);
}
