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
//!
//! Pages get a second, smaller limit of their own. A page render is CPU
//! and heap, not waiting: with 200 connections on the host-metrics page, 8
//! renders at once instead of 64 peaked at 66 MB instead of 88 MB at equal
//! or better throughput (241 against 218 pages/s). The same small limit for
//! everything collapsed log search (711 against 2,619 answers/s), because
//! searches mostly wait on their upstream and share it while they do.
//!
//! A page that has waited its patience for a page turn goes ahead on a
//! global turn alone only if no page finished while it waited: then the
//! renders holding the turns are stuck (on a slow upstream), not busy.
//! While pages are finishing, the server is simply saturated, and more
//! renders at once would only add heap: under 200 connections on the
//! host-metrics page, queue waits passed the 2 s patience, pages went
//! ahead by the dozen, and RSS rose from 75 to 121 MB in a 40 s load.

mod held;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use self::held::{Held, PageTurn, Turn};
use super::status::ApiError;
use crate::state::AppState;

/// How long a page waits for a page turn, with no page finishing, before
/// it goes ahead on a global turn alone. Page turns held by renders stuck
/// on a slow upstream then delay other pages by this much, not until those
/// renders end.
const PAGE_PATIENCE: Duration = Duration::from_secs(2);

/// How many requests may work at once, overall and for pages.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Requests at work at once (at least one).
    pub work: usize,
    /// Page renders at work at once (at least one, at most `work`).
    pub pages: usize,
    /// Requests that may wait for a turn before more are turned away.
    pub waiting: usize,
}

/// The shared turnstile and its counters (for `/metrics`).
#[derive(Debug)]
pub struct Admission {
    permits: Arc<Semaphore>,
    pages: Arc<Semaphore>,
    limits: Limits,
    page_patience: Duration,
    waiting: AtomicUsize,
    shed: AtomicU64,
    pages_waited_out: AtomicU64,
    /// Page turns given back so far.
    pages_done: Arc<AtomicU64>,
    /// How long a page may take to stream whole (the request timeout).
    page_deadline: Duration,
    /// Pages still streaming at their deadline, ended there.
    cut: Arc<AtomicU64>,
}

impl Admission {
    /// Turns as `limits` says; a page's body ends at `page_deadline` at the
    /// latest.
    pub fn new(limits: Limits, page_deadline: Duration) -> Self {
        let work = limits.work.max(1);
        let pages = limits.pages.clamp(1, work);
        Self {
            permits: Arc::new(Semaphore::new(work)),
            pages: Arc::new(Semaphore::new(pages)),
            limits: Limits {
                work,
                pages,
                waiting: limits.waiting,
            },
            page_patience: PAGE_PATIENCE,
            waiting: AtomicUsize::new(0),
            shed: AtomicU64::new(0),
            pages_waited_out: AtomicU64::new(0),
            pages_done: Arc::default(),
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
        (cores() * 32).clamp(32, 512)
    }

    /// The page limit for `configured` (0 picks 4 per core, between 4 and
    /// 64: renders are CPU-bound, so more at once only adds heap).
    pub fn default_page_limit(configured: usize) -> usize {
        if configured > 0 {
            return configured;
        }
        (cores() * 4).clamp(4, 64)
    }

    /// The gauges and counters, in Prometheus' text format.
    pub fn render(&self, out: &mut String) {
        use std::fmt::Write;
        let Limits { work, pages, .. } = self.limits;
        let at_work = work.saturating_sub(self.permits.available_permits());
        let pages_at_work = pages.saturating_sub(self.pages.available_permits());
        let _ = write!(
            out,
            "# HELP lookout_requests_at_work Requests doing work now (at most lookout_requests_work_limit).\n\
             # TYPE lookout_requests_at_work gauge\nlookout_requests_at_work {at_work}\n\
             # HELP lookout_requests_work_limit Requests allowed to work at once.\n\
             # TYPE lookout_requests_work_limit gauge\nlookout_requests_work_limit {work}\n\
             # HELP lookout_pages_at_work Page renders holding a page turn now.\n\
             # TYPE lookout_pages_at_work gauge\nlookout_pages_at_work {pages_at_work}\n\
             # HELP lookout_pages_work_limit Page renders allowed to work at once.\n\
             # TYPE lookout_pages_work_limit gauge\nlookout_pages_work_limit {pages}\n\
             # HELP lookout_pages_waited_out_total Pages that waited out their patience for a page turn, with no page finishing meanwhile, and went ahead on a global turn alone.\n\
             # TYPE lookout_pages_waited_out_total counter\nlookout_pages_waited_out_total {}\n\
             # HELP lookout_requests_waiting Requests waiting for their turn.\n\
             # TYPE lookout_requests_waiting gauge\nlookout_requests_waiting {}\n\
             # HELP lookout_requests_shed_total Requests turned away (503) because the queue was full.\n\
             # TYPE lookout_requests_shed_total counter\nlookout_requests_shed_total {}\n\
             # HELP lookout_pages_cut_total Pages still streaming at the request timeout, ended there.\n\
             # TYPE lookout_pages_cut_total counter\nlookout_pages_cut_total {}\n",
            self.pages_waited_out.load(Relaxed),
            self.waiting.load(Relaxed),
            self.shed.load(Relaxed),
            self.cut.load(Relaxed),
        );
    }

    /// Counts one more waiter, or `None` when the queue is full.
    fn enqueue(&self) -> Option<Waiting<'_>> {
        if self.waiting.fetch_add(1, Relaxed) >= self.limits.waiting {
            self.waiting.fetch_sub(1, Relaxed);
            return None;
        }
        Some(Waiting(&self.waiting))
    }

    /// Waits for a request's turn: for a page, a page turn first (for at
    /// most the patience), then a global one. `Err` is the 503 to send.
    async fn turn(&self, page: bool) -> Result<Turn, Response> {
        let mut queued = None;
        let page = if page {
            self.page_turn(&mut queued).await?
        } else {
            None
        };
        let work = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                if queued.is_none() {
                    queued = Some(self.enqueue().ok_or_else(|| busy(self))?);
                }
                self.permits
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(|_| busy(self))?
            }
        };
        drop(queued);
        Ok(Turn {
            _work: work,
            _page: page,
        })
    }

    /// A page turn, or `None` once a whole patience has passed waiting for
    /// one without any page finishing (see the module doc). The wait keeps
    /// its place in the queue from one patience to the next.
    async fn page_turn<'a>(
        &'a self,
        queued: &mut Option<Waiting<'a>>,
    ) -> Result<Option<PageTurn>, Response> {
        let turn = |p| PageTurn::new(p, self.pages_done.clone());
        if let Ok(p) = self.pages.clone().try_acquire_owned() {
            return Ok(Some(turn(p)));
        }
        *queued = Some(self.enqueue().ok_or_else(|| busy(self))?);
        let wait = self.pages.clone().acquire_owned();
        tokio::pin!(wait);
        loop {
            let done = self.pages_done.load(Relaxed);
            match tokio::time::timeout(self.page_patience, &mut wait).await {
                Ok(Ok(p)) => return Ok(Some(turn(p))),
                Ok(Err(_)) => return Err(busy(self)),
                Err(_) if self.pages_done.load(Relaxed) != done => {}
                Err(_) => {
                    self.pages_waited_out.fetch_add(1, Relaxed);
                    return Ok(None);
                }
            }
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
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

/// A page render: a GET outside the API and the panel images (which are
/// queries, mostly waiting on an upstream). Called for requests that do
/// not skip the queue.
fn is_page(req: &Request) -> bool {
    let path = req.uri().path();
    let api = ["/api/", "/render/"].iter().any(|p| path.starts_with(p));
    matches!(*req.method(), Method::GET | Method::HEAD) && !api
}

fn busy(admission: &Admission) -> Response {
    admission.shed.fetch_add(1, Relaxed);
    let msg = format!(
        "Lookout is busy: {} requests are at work and {} more are waiting. Nothing was done; try again in a moment.",
        admission.limits.work,
        admission.waiting.load(Relaxed)
    );
    let mut res = ApiError(AppError::Unavailable(msg)).into_response();
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    res
}

/// Middleware: runs `req` once it has its turn.
pub async fn admit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let a = &state.admission;
    // The page deadline counts from here, as the request timeout does.
    let deadline = tokio::time::Instant::now() + a.page_deadline;
    if skips_queue(&req) {
        return next.run(req).await;
    }
    let turn = match a.turn(is_page(&req)).await {
        Ok(turn) => turn,
        Err(busy) => return busy,
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
    res.map(|body| Body::new(Held::new(body, turn, deadline, cut)))
}

#[cfg(test)]
mod tests;
