//! Admission control: at most `limit` requests do real work (page renders,
//! queries, server functions, panel images) at once; the rest wait their
//! turn in a bounded queue, and past that are turned away at once with 503
//! and `Retry-After`.
//!
//! Why: on a small machine, 200 connections each rendering a dashboard page
//! held 170 MB of heap at once (about 0.9 MB a render), and the allocator
//! kept most of it after the burst (RSS 255 MB at the peak, 239 MB at rest
//! after). With 64 at work, the same burst peaked at 141 MB and left 118 MB,
//! at the same page throughput (the CPU was the bound either way), and the
//! run queue stays short, so `/healthz`, which skips the queue, stays quick.
//! The cost: identical searches in flight share one upstream request, and
//! fewer in flight at once share less (200 identical log searches at once:
//! 58k answers in 20 s instead of 95k).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use app::error::AppError;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::status::ApiError;
use crate::state::AppState;

/// The shared turnstile and its counters (for `/metrics`).
#[derive(Debug)]
pub struct Admission {
    permits: Arc<Semaphore>,
    limit: usize,
    queue_max: usize,
    waiting: AtomicUsize,
    shed: AtomicU64,
    /// How long a page may take to stream whole (the request timeout).
    page_deadline: Duration,
    /// Pages still streaming at their deadline, ended there.
    cut: Arc<AtomicU64>,
}

impl Admission {
    /// `limit` requests at work at once (at least one), `queue_max`
    /// waiting; a page's body ends at `page_deadline` at the latest.
    pub fn new(limit: usize, queue_max: usize, page_deadline: Duration) -> Self {
        let limit = limit.max(1);
        Self {
            permits: Arc::new(Semaphore::new(limit)),
            limit,
            queue_max,
            waiting: AtomicUsize::new(0),
            shed: AtomicU64::new(0),
            page_deadline,
            cut: Arc::default(),
        }
    }

    /// The limit for `configured` (0 picks one from the machine's cores:
    /// enough to keep them busy while many requests wait on an upstream,
    /// and few enough that a burst does not multiply the heap).
    pub fn default_limit(configured: usize) -> usize {
        if configured > 0 {
            return configured;
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        (cores * 32).clamp(32, 512)
    }

    /// The gauges and counter, in Prometheus' text format.
    pub fn render(&self, out: &mut String) {
        use std::fmt::Write;
        let at_work = self.limit.saturating_sub(self.permits.available_permits());
        let _ = write!(
            out,
            "# HELP lookout_requests_at_work Requests doing work now (at most lookout_requests_work_limit).\n\
             # TYPE lookout_requests_at_work gauge\nlookout_requests_at_work {at_work}\n\
             # HELP lookout_requests_work_limit Requests allowed to work at once.\n\
             # TYPE lookout_requests_work_limit gauge\nlookout_requests_work_limit {}\n\
             # HELP lookout_requests_waiting Requests waiting for their turn.\n\
             # TYPE lookout_requests_waiting gauge\nlookout_requests_waiting {}\n\
             # HELP lookout_requests_shed_total Requests turned away (503) because the queue was full.\n\
             # TYPE lookout_requests_shed_total counter\nlookout_requests_shed_total {}\n\
             # HELP lookout_pages_cut_total Pages still streaming at the request timeout, ended there.\n\
             # TYPE lookout_pages_cut_total counter\nlookout_pages_cut_total {}\n",
            self.limit,
            self.waiting.load(Relaxed),
            self.shed.load(Relaxed),
            self.cut.load(Relaxed),
        );
    }
}

/// Counts a waiter for as long as it waits, even if its request is dropped
/// (a client gone, or the timeout) while it does.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Relaxed);
    }
}

/// Probes, metrics and static files: cheap, and the first must answer
/// while the server is busy.
fn skips_queue(req: &Request) -> bool {
    let path = req.uri().path();
    if matches!(path, "/healthz" | "/readyz" | "/metrics") || path.starts_with("/pkg/") {
        return true;
    }
    // A top-level public file (favicon.ico, robots.txt).
    let top_file = path.rfind('/') == Some(0) && path.contains('.');
    top_file && matches!(*req.method(), Method::GET | Method::HEAD)
}

fn busy(admission: &Admission) -> Response {
    admission.shed.fetch_add(1, Relaxed);
    let msg = format!(
        "Lookout is busy: {} requests are at work and {} more are waiting. Nothing was done; try again in a moment.",
        admission.limit,
        admission.waiting.load(Relaxed)
    );
    let mut res = ApiError(AppError::Unavailable(msg)).into_response();
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    res
}

/// Middleware: runs `req` once one of the permits is free.
pub async fn admit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let a = &state.admission;
    // The page deadline counts from here, as the request timeout does.
    let deadline = tokio::time::Instant::now() + a.page_deadline;
    if skips_queue(&req) {
        return next.run(req).await;
    }
    let permit = match a.permits.clone().try_acquire_owned() {
        Ok(p) => p,
        Err(_) => {
            if a.waiting.fetch_add(1, Relaxed) >= a.queue_max {
                a.waiting.fetch_sub(1, Relaxed);
                return busy(a);
            }
            let _counted = Waiting(&a.waiting);
            match a.permits.clone().acquire_owned().await {
                Ok(p) => p,
                Err(_) => return busy(a),
            }
        }
    };
    let res = next.run(req).await;
    // A page is rendered while it streams (out of order, as its data
    // arrives): the work ends with the body. Other bodies (exports) may be
    // read slowly by their client, which must not hold a turn.
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !html {
        return res;
    }
    let cut = a.cut.clone();
    res.map(|body| Body::new(Held::new(body, permit, deadline, cut)))
}

/// A body that keeps its request's turn until it is sent or dropped.
///
/// And until its deadline at the latest: a page whose render never ends
/// (a lost wake-up in the renderer's suspense tracking was seen to stall
/// one in a few hundred under test) would otherwise hold its turn, and its
/// client, forever. Ended there, the client gets the page as far as it
/// was rendered (the rest loads in the browser), and the count shows in
/// `/metrics`.
struct Held {
    body: Body,
    deadline: Pin<Box<tokio::time::Sleep>>,
    cut: Arc<AtomicU64>,
    _permit: OwnedSemaphorePermit,
}

impl Held {
    fn new(
        body: Body,
        permit: OwnedSemaphorePermit,
        deadline: tokio::time::Instant,
        cut: Arc<AtomicU64>,
    ) -> Self {
        Self {
            body,
            deadline: Box::pin(tokio::time::sleep_until(deadline)),
            cut,
            _permit: permit,
        }
    }
}

impl HttpBody for Held {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        match Pin::new(&mut self.body).poll_frame(cx) {
            Poll::Pending if self.deadline.as_mut().poll(cx).is_ready() => {
                self.cut.fetch_add(1, Relaxed);
                tracing::warn!(
                    "a page was still rendering at the request timeout; it was ended there"
                );
                Poll::Ready(None)
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: Method, path: &str) -> Request {
        Request::builder()
            .method(method)
            .uri(path)
            .body(axum::body::Body::empty())
            .unwrap()
    }

    #[test]
    fn only_probes_and_static_files_skip_the_queue() {
        for p in [
            "/healthz",
            "/readyz",
            "/metrics",
            "/pkg/lookout.wasm",
            "/favicon.ico",
        ] {
            assert!(skips_queue(&req(Method::GET, p)), "{p}");
        }
        for p in [
            "/d/host-metrics",
            "/",
            "/api/v1/query",
            "/render/d/x/panel/cpu.png",
            "/api/fn/login",
            "/api/v1.json",
        ] {
            assert!(!skips_queue(&req(Method::GET, p)), "{p}");
        }
        assert!(!skips_queue(&req(Method::POST, "/favicon.ico")));
    }

    #[test]
    fn the_default_limit_follows_the_cores_within_bounds() {
        assert_eq!(Admission::default_limit(5), 5);
        let auto = Admission::default_limit(0);
        assert!((32..=512).contains(&auto));
    }

    /// A page that never finishes streaming is ended at its deadline with
    /// what it had sent, counted, and its turn given back.
    #[tokio::test]
    async fn a_page_still_streaming_at_its_deadline_is_ended_there() {
        use futures_util::StreamExt;
        let first = futures_util::stream::once(async {
            Ok::<_, std::io::Error>(Bytes::from_static(b"<html>"))
        });
        let body = Body::from_stream(first.chain(futures_util::stream::pending()));
        let turns = Arc::new(Semaphore::new(1));
        let permit = turns.clone().try_acquire_owned().unwrap();
        let cut = Arc::new(AtomicU64::new(0));
        let deadline = tokio::time::Instant::now() + Duration::from_millis(50);
        let mut held = Held::new(body, permit, deadline, cut.clone());
        let mut got = Vec::new();
        let read = async {
            while let Some(frame) =
                std::future::poll_fn(|cx| Pin::new(&mut held).poll_frame(cx)).await
            {
                got.extend_from_slice(frame.unwrap().data_ref().unwrap());
            }
        };
        tokio::time::timeout(Duration::from_secs(5), read)
            .await
            .expect("the body ended");
        assert_eq!(got, b"<html>");
        assert_eq!(cut.load(Relaxed), 1);
        drop(held);
        assert_eq!(turns.available_permits(), 1, "the turn is given back");
    }
}
