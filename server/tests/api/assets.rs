//! The site's files: pages name them under the build's id, those answers
//! are kept for good, another build's id is a 404, and the plain names
//! are revalidated.

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, IF_MODIFIED_SINCE};
use reqwest::StatusCode;

use crate::helpers::*;

/// Starts the app over a site folder holding `files` in `pkg/`.
async fn with_site(files: &[(&str, &[u8])]) -> (TestApp, tempfile::TempDir) {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    for (name, bytes) in files {
        std::fs::write(site.path().join("pkg").join(name), bytes).unwrap();
    }
    let root = site.path().display().to_string();
    let app = spawn_with(move |c| c.site_root = root).await;
    (app, site)
}

/// The `/pkg/v/{id}` prefix the login page names its files with.
async fn prefix(app: &TestApp) -> String {
    let html = text(client().get(app.at("/login"))).await;
    let at = html
        .find("/pkg/v/")
        .expect("the page names its files under a build id");
    let prefix = &html[at..at + "/pkg/v/".len() + 16];
    assert!(
        html.contains(&format!("\"{prefix}/pkg/lookout.js\"")),
        "{html}"
    );
    assert!(
        html.contains(&format!("href=\"{prefix}/pkg/lookout.css\"")),
        "{html}"
    );
    prefix.to_owned()
}

/// GET `path`, with one extra header if given.
async fn fetch(
    c: &reqwest::Client,
    app: &TestApp,
    path: &str,
    extra: Option<(reqwest::header::HeaderName, String)>,
) -> reqwest::Response {
    let mut req = c.get(app.at(path));
    if let Some((name, value)) = extra {
        req = req.header(name, value);
    }
    req.send().await.unwrap()
}

fn header(res: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_builds_files_are_kept_for_good_under_its_id_and_another_id_is_refused() {
    let files: [(&str, &[u8]); 4] = [
        ("lookout.js", b"export default 1;"),
        ("lookout.wasm", b"\0asm-the-real-one"),
        ("lookout.wasm.br", b"brotli-bytes"),
        ("lookout.css", b"body{}"),
    ];
    let (app, site) = with_site(&files).await;
    let prefix = prefix(&app).await;
    let c = client();

    let res = fetch(&c, &app, &format!("{prefix}/pkg/lookout.wasm"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\0asm-the-real-one");
    let res = fetch(
        &c,
        &app,
        &format!("{prefix}/pkg/lookout.wasm"),
        Some((ACCEPT_ENCODING, "br".into())),
    )
    .await;
    assert_eq!(
        header(&res, CONTENT_ENCODING),
        "br",
        "the precompressed copy"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli-bytes");

    // Another build's id (an old page after an upgrade) is never served
    // this build's bytes, and the refusal is not kept either.
    let res = fetch(&c, &app, "/pkg/v/0123456789abcdef/pkg/lookout.wasm", None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&res, CACHE_CONTROL), "no-store");
    let res = fetch(&c, &app, &format!("{prefix}/pkg/missing.js"), None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&res, CACHE_CONTROL), "no-store");

    // The plain name still works, revalidated each time: 304 when unchanged.
    let res = fetch(&c, &app, "/pkg/lookout.css", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CACHE_CONTROL), "no-cache");
    let modified = header(&res, reqwest::header::LAST_MODIFIED);
    assert!(!modified.is_empty());
    let res = fetch(
        &c,
        &app,
        "/pkg/lookout.css",
        Some((IF_MODIFIED_SINCE, modified)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    // A file rebuilt under the running server is not the id's any more:
    // it is served, but revalidated instead of kept.
    let css = site.path().join("pkg/lookout.css");
    std::fs::write(&css, b"body{color:red}").unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&css)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let res = fetch(&c, &app, &format!("{prefix}/pkg/lookout.css"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CACHE_CONTROL), "no-cache");

    // Only the site's own plain names: nothing outside `pkg`, no dot files.
    for path in [
        "/pkg/..%2Flookout.db",
        "/pkg/.hidden",
        "/pkg/a%20b.js",
        "/pkg/v/x/pkg/..%2F..%2Flookout.db",
    ] {
        let res = fetch(&c, &app, path, None).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn a_new_build_is_a_new_id() {
    let (one, _a) = with_site(&[("lookout.wasm", b"one")]).await;
    let (two, _b) = with_site(&[("lookout.wasm", b"two")]).await;
    let (same, _c) = with_site(&[("lookout.wasm", b"one")]).await;
    let (one, two, same) = (prefix(&one).await, prefix(&two).await, prefix(&same).await);
    assert_ne!(one, two, "other files, another id");
    assert_eq!(
        one, same,
        "the same files give the same id (replicas agree)"
    );
}

#[tokio::test]
async fn without_a_site_pages_use_the_plain_names() {
    let app = spawn_app().await;
    let html = text(client().get(app.at("/login"))).await;
    assert!(!html.contains("/pkg/v/"), "{html}");
    assert!(html.contains("\"/pkg/lookout.js\""), "{html}");
}
