//! Panel images drawn by the server from the real Prometheus: SVG and PNG
//! of the asked size, the same legend names and units as the page, bounded
//! sizes, the panel's auth rules (session, API token, share link), and
//! untrusted label text escaped inside the SVG.

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::queries::H;

fn dashboard() -> Value {
    json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "img", "title": "Images" },
        "spec": {
            "time": { "from": "now-1h", "to": "now" },
            "panels": {
                "cpu": { "kind": "timeseries", "spec": { "title": "CPU", "datasource": "prom",
                    "options": { "unit": "percent", "thresholds": [{ "value": 0.9, "color": "red" }] },
                    "queries": [{ "expr": "demo_cpu_usage{instance=~\"host-0[12]\"}",
                                  "legend": "{{instance}} <script>alert(1)</script>" }] } },
                "count": { "kind": "stat", "spec": { "title": "Hosts", "datasource": "prom",
                    "queries": [{ "expr": "count(demo_cpu_usage)" }] } },
                "logs": { "kind": "logs", "spec": { "datasource": "logs", "queries": [{ "query": "*" }] } }
            },
            "layout": [{ "items": [{ "panel": "cpu", "x": 0, "y": 0, "w": 24, "h": 8 }] }]
        }
    })
}

async fn get(c: &Client, url: String) -> (u16, String, Vec<u8>) {
    let res = c.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

/// A PNG's size from its IHDR chunk.
fn png_size(b: &[u8]) -> (u32, u32) {
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    (be(16), be(20))
}

#[tokio::test]
async fn panels_are_drawn_as_svg_and_png_with_the_pages_rules() {
    let (app, p, viewer) = crate::dashboards::with_dashboard(dashboard()).await;
    let (from, to) = (p.now_ms - H, p.now_ms);
    let at = |file: &str, extra: &str| {
        app.at(&format!(
            "/render/d/img/panel/{file}?from={from}&to={to}{extra}"
        ))
    };

    let (st, kind, body) = get(&viewer, at("cpu.svg", "&width=640&height=240")).await;
    assert_eq!((st, kind.as_str()), (200, "image/svg+xml"));
    let svg = String::from_utf8(body).unwrap();
    assert!(
        svg.contains("width=\"640\"") && svg.contains("height=\"240\""),
        "{svg:.300}"
    );
    assert!(
        svg.contains("host-01 &lt;script&gt;") && svg.contains("host-02"),
        "the legend, escaped"
    );
    assert!(!svg.contains("<script"), "no markup from a label");
    assert!(svg.contains('%'), "the percent unit on the axis");
    assert!(
        svg.contains("<polyline") || svg.contains("<path"),
        "lines drawn"
    );

    let res = viewer
        .get(at("cpu.png", "&width=800&height=300"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("sandbox") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(png_size(&res.bytes().await.unwrap()), (800, 300));

    let (st, _, body) = get(&viewer, at("count.svg", "&width=300&height=120")).await;
    assert_eq!(st, 200);
    let count = String::from_utf8(body).unwrap();
    let asked = post_json(
        &viewer,
        app.at("/api/v1/dashboards/img/panels/count/query"),
        &json!({ "range": { "from_ms": from, "to_ms": to }, "width": 300 }),
    )
    .await;
    let answer: Vec<Value> = asked.json().await.unwrap();
    let values = crate::queries::data(&answer[0])["series"][0]["values"].clone();
    let last = values
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find_map(|v| v.as_f64())
        .unwrap();
    assert!(
        count.contains(&format!(">\n{last}\n<")),
        "the stat's value {last}: {count}"
    );
    let (st, _, _) = get(&viewer, at("logs.svg", "")).await;
    assert_eq!(st, 200, "a log panel says it is a table");

    // Without from/to: the dashboard's own range.
    assert_eq!(
        get(&viewer, app.at("/render/d/img/panel/cpu.svg")).await.0,
        200
    );

    // Bounds, and what is not there.
    for (file, extra) in [
        ("cpu.svg", "&width=100000"),
        ("cpu.svg", "&width=3000&height=2000"),
        ("cpu.gif", ""),
        ("cpu.svg", "&query=up"),
        ("cpu.svg", "&tz=Mars/Olympus"),
    ] {
        let (st, _, body) = get(&viewer, at(file, extra)).await;
        assert_eq!(st, 400, "{file}{extra}: {}", String::from_utf8_lossy(&body));
    }
    assert_eq!(get(&viewer, at("nope.svg", "")).await.0, 404);
    assert_eq!(
        get(&viewer, app.at("/render/d/ghost/panel/cpu.svg"))
            .await
            .0,
        404
    );

    // Auth: nobody gets 401; an API token works like a session.
    assert_eq!(get(&client(), at("cpu.svg", "")).await.0, 401);
    let admin = app.admin().await;
    let made = post_json(
        &admin,
        app.at("/api/v1/tokens"),
        &json!({ "name": "img", "role": "viewer", "expires_days": 1 }),
    )
    .await;
    let token = made.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = client()
        .get(at("cpu.png", ""))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // Through a share link: its own rules.
    let body = json!({ "kind": "dashboard", "target": "img",
                       "options": { "anonymous": true, "allow_time": true, "max_span_days": 1 } });
    let made = post_json(&admin, app.at("/api/v1/shares"), &body).await;
    let made: Value = made.json().await.unwrap();
    let link = made["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_owned();
    let shared = |extra: &str| {
        app.at(&format!(
            "/render/s/{link}/panel/cpu.png?width=400&height=200{extra}"
        ))
    };
    let res = client().get(shared("")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(png_size(&res.bytes().await.unwrap()), (400, 200));
    let week = format!("&from={}&to={to}", to - 7 * 24 * H);
    assert_eq!(
        get(&client(), shared(&week)).await.0,
        403,
        "wider than the link allows"
    );
    let id = made["info"]["id"].as_i64().unwrap();
    assert_eq!(
        status(admin.delete(app.at(&format!("/api/v1/shares/{id}")))).await,
        204
    );
    assert_eq!(get(&client(), shared("")).await.0, 401, "revoked");
}
