//! The site's own files (`/pkg/…`: wasm, its split chunks, JS, CSS), served
//! under a build id so a browser can keep them for good.
//!
//! cargo-leptos writes fixed names (`lookout.wasm`), and with no caching
//! policy a browser guessed one from `Last-Modified`: after an upgrade it
//! could pair a cached old wasm with new HTML, or fetch a new split chunk
//! into an old wasm, and the page broke. So pages name the files under
//! `/pkg/v/{id}/pkg/…`, where `{id}` is a digest of the files themselves,
//! computed once at start: those answers are immutable for a year, and an
//! id this build does not have is a 404, never another build's bytes. The
//! plain `/pkg/{file}` names still work, revalidated each time (`no-cache`,
//! answered 304 when unchanged). Precompressed `.br`/`.gz` copies are
//! served as they are.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::state::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The site's `pkg` folder and the id of what it holds.
#[derive(Debug, Clone)]
pub struct Assets {
    dir: PathBuf,
    /// The id, and the newest file it was computed from: a file changed
    /// since (a build over a running server) is not this id's, so it is
    /// not kept. `None` without a site.
    build: Option<(String, SystemTime)>,
}

impl Assets {
    /// Reads `site_root/pkg` once. Without a site (tests, a server-only
    /// build) there is no id and pages use the plain names.
    pub fn load(site_root: &str) -> Self {
        let dir = Path::new(site_root).join("pkg");
        let build = build_id(&dir);
        Self { dir, build }
    }

    /// The URL prefix pages put before `/pkg/…` (Leptos's hydration
    /// `root`), or `None` for the plain names.
    pub fn root(&self) -> Option<String> {
        self.build.as_ref().map(|(id, _)| format!("/pkg/v/{id}"))
    }

    async fn serve(&self, file: &str, req: Request, policy: &'static str) -> Response {
        // The site's names are plain (`chunk_10.wasm`, `__wasm_split.….js`):
        // anything else (`..`, a dot file, an escape) is not one of them.
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        if file.starts_with('.') || !file.chars().all(plain) {
            return not_found();
        }
        let Ok(uri) = format!("/{file}").parse::<Uri>() else {
            return not_found();
        };
        let (mut parts, body) = req.into_parts();
        parts.uri = uri;
        let served = ServeDir::new(&self.dir)
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(Request::from_parts(parts, body))
            .await;
        let mut res = match served {
            Ok(res) => res.map(Body::new),
            Err(never) => match never {},
        };
        let served = matches!(
            res.status(),
            StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT
        );
        let policy = if !served {
            "no-store"
        } else if policy == IMMUTABLE && self.changed_since_start(file).await {
            REVALIDATE
        } else {
            policy
        };
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        res
    }

    /// Whether `file` is newer than the files the id was computed from (or
    /// cannot be read): then it is not this id's to keep.
    async fn changed_since_start(&self, file: &str) -> bool {
        let modified = tokio::fs::metadata(self.dir.join(file))
            .await
            .and_then(|m| m.modified());
        match (modified, &self.build) {
            (Ok(m), Some((_, newest))) => m > *newest,
            _ => true,
        }
    }
}

/// `/pkg/v/{id}/pkg/{file}`: this build's file, kept for good; another
/// build's id is a 404.
pub async fn versioned(
    State(state): State<AppState>,
    UrlPath((id, file)): UrlPath<(String, String)>,
    req: Request,
) -> Response {
    let assets = &state.assets;
    if assets.build.as_ref().is_none_or(|(ours, _)| *ours != id) {
        return not_found();
    }
    assets.serve(&file, req, IMMUTABLE).await
}

/// `/pkg/{file}`: the plain name, revalidated on every use.
pub async fn plain(
    State(state): State<AppState>,
    UrlPath(file): UrlPath<String>,
    req: Request,
) -> Response {
    state.assets.serve(&file, req, REVALIDATE).await
}

fn not_found() -> Response {
    let mut res = (StatusCode::NOT_FOUND, "no such file in this build").into_response();
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A digest of every file in `dir` (names and bytes, in name order; the
/// `.br`/`.gz` copies follow from the originals), as 16 hex digits, and the
/// newest file's time. `None` when there are no files. The same files give
/// the same id in every process of one build, so replicas agree.
pub fn build_id(dir: &Path) -> Option<(String, SystemTime)> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| !matches!(p.extension().and_then(|x| x.to_str()), Some("br" | "gz")))
        .collect();
    if names.is_empty() {
        return None;
    }
    names.sort();
    // SipHash with fixed keys: stable for one binary, which is all an id
    // shared by one build's replicas needs.
    #[allow(deprecated)]
    let mut digest = std::hash::SipHasher::new();
    let mut newest = SystemTime::UNIX_EPOCH;
    for path in &names {
        let bytes = std::fs::read(path).ok()?;
        newest = newest.max(std::fs::metadata(path).and_then(|m| m.modified()).ok()?);
        digest.write(path.file_name()?.as_encoded_bytes());
        digest.write_u8(0);
        digest.write_usize(bytes.len());
        digest.write(&bytes);
    }
    Some((format!("{:016x}", digest.finish()), newest))
}

#[cfg(test)]
mod tests {
    use super::build_id;

    #[test]
    fn the_id_follows_the_files_and_ignores_their_compressed_copies() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(build_id(dir.path()), None, "no files, no id");
        std::fs::write(dir.path().join("lookout.wasm"), b"one").unwrap();
        std::fs::write(dir.path().join("lookout.js"), b"js").unwrap();
        let first = build_id(dir.path()).unwrap().0;
        assert_eq!(first.len(), 16);
        std::fs::write(dir.path().join("lookout.wasm.br"), b"compressed").unwrap();
        assert_eq!(build_id(dir.path()).unwrap().0, first);
        std::fs::write(dir.path().join("lookout.wasm"), b"two").unwrap();
        let second = build_id(dir.path()).unwrap().0;
        assert_ne!(second, first, "a new wasm is a new id");
        std::fs::write(dir.path().join("chunk_1.wasm"), b"").unwrap();
        assert_ne!(build_id(dir.path()).unwrap().0, second, "a new chunk too");
    }
}
