use super::*;

fn req(method: Method, path: &str) -> Request {
    Request::builder()
        .method(method)
        .uri(path)
        .body(axum::body::Body::empty())
        .unwrap()
}

fn admission(work: usize, pages: usize, waiting: usize, patience_ms: u64) -> Admission {
    let limits = Limits {
        work,
        pages,
        waiting,
    };
    let mut a = Admission::new(limits, Duration::from_secs(60));
    a.page_patience = Duration::from_millis(patience_ms);
    a
}

/// Asserts `check` says `expected` of a GET of each of `paths`.
fn each_get(check: fn(&Request) -> bool, paths: &[&str], expected: bool) {
    for p in paths {
        assert_eq!(check(&req(Method::GET, p)), expected, "{p}");
    }
}

/// Asserts that `turn` has not been given after 50 ms.
async fn still_waiting<F: std::future::Future + Unpin>(turn: &mut F) {
    let early = tokio::time::timeout(Duration::from_millis(50), turn).await;
    assert!(early.is_err(), "given a turn at once");
}

#[test]
fn only_probes_and_static_files_skip_the_queue() {
    let probes = ["/healthz", "/readyz", "/metrics", "/pkg/lookout.wasm"];
    each_get(skips_queue, &probes, true);
    each_get(skips_queue, &["/favicon.ico"], true);
    let work = ["/d/host-metrics", "/", "/api/v1/query", "/api/fn/login"];
    each_get(skips_queue, &work, false);
    each_get(
        skips_queue,
        &["/render/d/x/panel/cpu.png", "/api/v1.json"],
        false,
    );
    assert!(!skips_queue(&req(Method::POST, "/favicon.ico")));
}

#[test]
fn pages_are_gets_outside_the_api_and_the_panel_images() {
    let pages = ["/", "/d/host-metrics", "/explore", "/admin/users", "/s/abc"];
    each_get(is_page, &pages, true);
    for p in pages {
        assert!(is_page(&req(Method::HEAD, p)), "HEAD {p}");
    }
    let api = ["/api/v1/query", "/api/fn/login", "/api/v1/dashboards"];
    each_get(is_page, &api, false);
    each_get(is_page, &["/render/d/x/panel/cpu.png"], false);
    assert!(!is_page(&req(Method::POST, "/d/host-metrics")));
}

#[test]
fn the_default_limits_follow_the_cores_within_bounds() {
    assert_eq!(Admission::default_limit(5), 5);
    assert!((32..=512).contains(&Admission::default_limit(0)));
    assert_eq!(Admission::default_page_limit(3), 3);
    assert!((4..=64).contains(&Admission::default_page_limit(0)));
    // The page limit never exceeds the global one.
    let a = admission(2, 8, 10, 100);
    assert_eq!(a.limits.pages, 2);
}

/// A second page waits while the only page turn is held, counted as
/// waiting; other requests go straight past it; once its patience runs out
/// it goes ahead on a global turn alone, and that is counted too.
#[tokio::test]
async fn a_second_page_waits_for_the_first_then_goes_ahead_after_its_patience() {
    let a = admission(4, 1, 10, 300);
    let first = a.turn(true).await.expect("the first page's turn");
    assert!(first._page.is_some());

    let started = tokio::time::Instant::now();
    let second = a.turn(true);
    tokio::pin!(second);
    // Still waiting after a while, and counted as a waiter.
    let early = tokio::time::timeout(Duration::from_millis(100), &mut second).await;
    assert!(early.is_err(), "the second page waited for a page turn");
    assert_eq!(a.waiting.load(Relaxed), 1);
    // A query is not held up by page turns.
    let query = tokio::time::timeout(Duration::from_millis(50), a.turn(false)).await;
    let query = query.expect("a query goes ahead").expect("a turn");
    assert!(query._page.is_none());
    drop(query);

    let second = second.await.expect("the second page's turn");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(second._page.is_none(), "it went ahead without a page turn");
    assert_eq!(a.pages_waited_out.load(Relaxed), 1);
    assert_eq!(a.waiting.load(Relaxed), 0);
    let mut metrics = String::new();
    a.render(&mut metrics);
    for line in [
        "lookout_pages_at_work 1",
        "lookout_pages_work_limit 1",
        "lookout_pages_waited_out_total 1",
        "lookout_requests_at_work 2",
    ] {
        assert!(metrics.contains(line), "{line} in:\n{metrics}");
    }
}

/// A page waiting for a page turn gets it as soon as the page before it
/// is done, well within its patience.
#[tokio::test]
async fn a_waiting_page_takes_the_page_turn_when_it_is_given_back() {
    let a = admission(4, 1, 10, 5_000);
    let first = a.turn(true).await.expect("the first page's turn");
    let second = a.turn(true);
    tokio::pin!(second);
    still_waiting(&mut second).await;
    drop(first);
    let second = tokio::time::timeout(Duration::from_millis(500), second)
        .await
        .expect("the page turn passed on at once")
        .expect("a turn");
    assert!(second._page.is_some());
    assert_eq!(a.pages_waited_out.load(Relaxed), 0);
}

/// Page waiters count toward the queue bound: past it, a page is turned
/// away at once rather than queued.
#[tokio::test]
async fn pages_waiting_for_a_page_turn_fill_the_queue() {
    let a = admission(4, 1, 1, 5_000);
    let _first = a.turn(true).await.expect("the first page's turn");
    let second = a.turn(true);
    tokio::pin!(second);
    still_waiting(&mut second).await;
    let third = tokio::time::timeout(Duration::from_millis(200), a.turn(true)).await;
    let res = third.expect("answered at once").err().expect("turned away");
    assert_eq!(res.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.shed.load(Relaxed), 1);
}

/// While pages are finishing, a waiting page keeps its place past its
/// patience and takes a page turn: the server is busy, not stuck, and one
/// more render at once would only add heap.
#[tokio::test]
async fn a_page_waits_past_its_patience_while_pages_are_finishing() {
    let a = admission(4, 1, 10, 500);
    let first = a.turn(true).await.expect("the first page's turn");
    let started = tokio::time::Instant::now();
    let second = a.turn(true);
    let third = a.turn(true);
    tokio::pin!(second, third);
    still_waiting(&mut second).await;
    still_waiting(&mut third).await;
    // The first page finishes inside the third's first patience.
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(first);
    let second = second.await.expect("the second page's turn");
    assert!(second._page.is_some());
    // The third waits past its patience (500 ms) and gets the page turn
    // when the second is done, not a global turn alone.
    let waited = tokio::time::timeout(Duration::from_millis(400), &mut third).await;
    assert!(waited.is_err(), "went ahead while a page had finished");
    drop(second);
    let third = third.await.expect("the third page's turn");
    assert!(third._page.is_some(), "it took a page turn");
    assert!(started.elapsed() >= Duration::from_millis(500));
    assert_eq!(a.pages_waited_out.load(Relaxed), 0);
}
