use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use super::*;

fn ok(body: &'static str, status: u16) -> Result<UpstreamResponse, UpstreamError> {
    Ok(UpstreamResponse {
        status,
        body: bytes::Bytes::from_static(body.as_bytes()),
        size: body.len() as u64,
        elapsed: Duration::from_millis(3),
        served: Served::Upstream,
        memo: Default::default(),
    })
}

const LIVE: Freshness = Freshness::Range {
    end_ms: i64::MAX / 2,
    step_ms: 15_000,
};

#[test]
fn ttl_follows_the_step_while_live_and_is_long_once_past() {
    let now = 1_800_000_000_000;
    let live = |end_ms, step_ms| Freshness::Range { end_ms, step_ms }.ttl(now);
    assert_eq!(Freshness::InFlight.ttl(now), Duration::ZERO);
    assert_eq!(live(now + 10_000, 15_000), Duration::from_secs(15));
    assert_eq!(live(now - 30_000, 15_000), Duration::from_secs(15));
    assert_eq!(live(now, 3_600_000), LIVE_MAX, "capped for coarse steps");
    assert_eq!(live(now - 3_600_000, 15_000), PAST);
    assert_eq!(live(i64::MIN, i64::MAX), PAST, "no overflow");
    assert_eq!(live(now, -5), Duration::ZERO, "a bad step keeps nothing");
}

#[tokio::test]
async fn concurrent_identical_requests_share_one_load() {
    let answers = Arc::new(Answers::new(1 << 20));
    let loads = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (answers, loads) = (answers.clone(), loads.clone());
        tasks.push(tokio::spawn(async move {
            answers
                .get("k", Freshness::InFlight, async {
                    loads.fetch_add(1, Relaxed);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    ok("{}", 200)
                })
                .await
                .unwrap()
                .1
        }));
    }
    let mut served = Vec::new();
    for t in tasks {
        served.push(t.await.unwrap());
    }
    assert_eq!(loads.load(Relaxed), 1);
    assert_eq!(served.iter().filter(|s| **s == Served::Upstream).count(), 1);
    let c = &answers.counters;
    assert_eq!(c.misses.load(Relaxed) + c.coalesced.load(Relaxed), 50);
    assert_eq!(c.requests.load(Relaxed), 1);
}

#[tokio::test]
async fn a_range_answer_is_reused_but_failures_and_errors_are_not() {
    let answers = Answers::new(1 << 20);
    let (_, s) = answers
        .get("a", LIVE, async { ok("[1]", 200) })
        .await
        .unwrap();
    assert_eq!(s, Served::Upstream);
    let (res, s) = answers
        .get("a", LIVE, async { ok("[2]", 200) })
        .await
        .unwrap();
    assert_eq!((s, &res.body[..]), (Served::Cache, &b"[1]"[..]));
    let (res, _) = answers
        .get("b", LIVE, async { ok("[2]", 200) })
        .await
        .unwrap();
    assert_eq!(&res.body[..], b"[2]", "another key is another answer");

    let down = answers
        .get("c", LIVE, async {
            Err(UpstreamError::Unreachable("refused".into()))
        })
        .await;
    assert!(matches!(down, Err(UpstreamError::Unreachable(_))));
    let (res, s) = answers
        .get("c", LIVE, async { ok("[3]", 200) })
        .await
        .unwrap();
    assert_eq!((s, &res.body[..]), (Served::Upstream, &b"[3]"[..]));

    let (res, _) = answers
        .get("d", LIVE, async { ok("busy", 503) })
        .await
        .unwrap();
    assert_eq!(res.status, 503);
    let (res, s) = answers
        .get("d", LIVE, async { ok("[4]", 200) })
        .await
        .unwrap();
    assert_eq!(
        (s, res.status),
        (Served::Upstream, 200),
        "a 503 is not kept"
    );
    assert_eq!(answers.counters.errors.load(Relaxed), 2);
    assert_eq!(answers.counters.requests.load(Relaxed), 6);
}

#[tokio::test]
async fn in_flight_answers_are_not_kept_and_off_means_off() {
    let answers = Answers::new(1 << 20);
    answers
        .get("s", Freshness::InFlight, async { ok("1", 200) })
        .await
        .unwrap();
    let (res, s) = answers
        .get("s", Freshness::InFlight, async { ok("2", 200) })
        .await
        .unwrap();
    assert_eq!((s, &res.body[..]), (Served::Upstream, &b"2"[..]));

    let off = Answers::new(0);
    off.get("a", LIVE, async { ok("1", 200) }).await.unwrap();
    let (res, s) = off.get("a", LIVE, async { ok("2", 200) }).await.unwrap();
    assert_eq!((s, &res.body[..]), (Served::Upstream, &b"2"[..]));
    assert_eq!(off.counters.requests.load(Relaxed), 2);
}

#[tokio::test]
async fn the_byte_bound_holds() {
    static BIG: [u8; 10_000] = [b'x'; 10_000];
    let answers = Answers::new(50_000);
    for i in 0..40 {
        answers
            .get(&format!("k{i}"), LIVE, async {
                Ok(UpstreamResponse {
                    status: 200,
                    body: bytes::Bytes::from_static(&BIG),
                    size: BIG.len() as u64,
                    elapsed: Duration::ZERO,
                    served: Served::Upstream,
                    memo: Default::default(),
                })
            })
            .await
            .unwrap();
    }
    answers
        .store
        .cache
        .as_ref()
        .unwrap()
        .run_pending_tasks()
        .await;
    assert!(answers.bytes() <= 50_000, "{} bytes held", answers.bytes());
    assert!(answers.counters.evictions.load(Relaxed) >= 30);
}

#[tokio::test]
async fn a_kept_answer_is_parsed_once_and_each_fresh_answer_again() {
    let parses = AtomicUsize::new(0);
    let parse = |status: u16, body: &[u8]| {
        parses.fetch_add(1, Relaxed);
        if status == 200 {
            Ok(body.len())
        } else {
            Err(UpstreamError::BadResponse("not parsed".into()))
        }
    };
    let kept = Answers::new(1 << 20);
    for _ in 0..3 {
        let (res, _) = kept
            .get("k", LIVE, async { ok("12345", 200) })
            .await
            .unwrap();
        assert_eq!(*res.parsed(parse).unwrap(), 5);
    }
    assert_eq!(
        parses.load(Relaxed),
        1,
        "the two later callers reuse the parse"
    );

    // With sharing off every answer is new, so each is parsed.
    let off = Answers::new(0);
    for _ in 0..2 {
        let (res, _) = off
            .get("k", LIVE, async { ok("12345", 200) })
            .await
            .unwrap();
        res.parsed(parse).unwrap();
    }
    assert_eq!(parses.load(Relaxed), 3);

    // A failed parse is not remembered: the next caller tries again.
    let (res, _) = off.get("e", LIVE, async { ok("x", 500) }).await.unwrap();
    assert!(res.parsed(parse).is_err());
    assert!(res.parsed(parse).is_err());
    assert_eq!(parses.load(Relaxed), 5);
}

fn big(body: &'static [u8]) -> Result<UpstreamResponse, UpstreamError> {
    Ok(UpstreamResponse {
        status: 200,
        body: bytes::Bytes::from_static(body),
        size: body.len() as u64,
        elapsed: Duration::ZERO,
        served: Served::Upstream,
        memo: Default::default(),
    })
}

#[tokio::test]
async fn data_sources_share_one_bound_but_never_an_answer() {
    static BIG: [u8; 10_000] = [b'x'; 10_000];
    let store = Store::new(100_000);
    let (a, b) = (store.for_source(1), store.for_source(2));
    a.get("same", LIVE, async { ok("[a]", 200) }).await.unwrap();
    let (res, s) = b.get("same", LIVE, async { ok("[b]", 200) }).await.unwrap();
    assert_eq!(
        (s, &res.body[..]),
        (Served::Upstream, &b"[b]"[..]),
        "another source's identical request is not its answer"
    );

    // Each source alone would fit 2 of these; together they still do not
    // pass the one bound, and each counts its own evictions.
    for i in 0..20 {
        a.get(&format!("a{i}"), LIVE, async { big(&BIG) })
            .await
            .unwrap();
        b.get(&format!("b{i}"), LIVE, async { big(&BIG) })
            .await
            .unwrap();
    }
    store.cache.as_ref().unwrap().run_pending_tasks().await;
    let by = store.bytes_by_source();
    let total: u64 = by.values().sum();
    assert!(total <= 100_000, "{total} bytes held over both sources");
    assert_eq!(total, store.cache.as_ref().unwrap().weighted_size());
    assert_eq!(a.bytes(), by.get(&1).copied().unwrap_or(0));
    let evicted = |x: &Answers| x.counters.evictions.load(Relaxed);
    assert!(
        evicted(&a) >= 10 && evicted(&b) >= 10,
        "{} {}",
        evicted(&a),
        evicted(&b)
    );
    assert!(evicted(&a) + evicted(&b) >= 34);

    // A deleted source's answers go at once; the other's stay.
    let (kept_a, kept_b) = (a.bytes(), b.bytes());
    assert!(kept_a > 0 && kept_b > 0);
    store.forget(2);
    store.cache.as_ref().unwrap().run_pending_tasks().await;
    assert_eq!((a.bytes(), b.bytes()), (kept_a, 0));
}

#[tokio::test]
async fn an_answer_in_flight_and_its_parse_go_with_its_last_caller() {
    let answers = Arc::new(Answers::new(1 << 20));
    let (release, gate) = tokio::sync::watch::channel(false);
    let mut tasks = Vec::new();
    for _ in 0..3 {
        let (answers, mut gate) = (answers.clone(), gate.clone());
        tasks.push(tokio::spawn(async move {
            let (res, served) = answers
                .get("s", Freshness::InFlight, async move {
                    let _ = gate.wait_for(|open| *open).await;
                    ok("[1,2,3]", 200)
                })
                .await
                .unwrap();
            let page = res.parsed(|_, body| Ok(body.to_vec())).unwrap();
            (Arc::downgrade(&page), served)
        }));
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(
        answers.store.flights.len(),
        1,
        "one flight for three callers"
    );
    release.send(true).unwrap();
    let mut served = Vec::new();
    for t in tasks {
        let (page, s) = t.await.unwrap();
        assert!(
            page.upgrade().is_none(),
            "the parsed page outlived its callers"
        );
        served.push(s);
    }
    assert_eq!(
        answers.store.flights.len(),
        0,
        "a finished flight is forgotten"
    );
    served.sort_by_key(|s| *s == Served::Upstream);
    assert_eq!(
        served,
        [Served::Coalesced, Served::Coalesced, Served::Upstream]
    );
    assert_eq!(answers.counters.requests.load(Relaxed), 1);
    assert_eq!(answers.store.cache.as_ref().unwrap().entry_count(), 0);
}

#[tokio::test]
async fn a_cancelled_first_caller_leaves_the_load_to_a_waiter() {
    let answers = Arc::new(Answers::new(1 << 20));
    let first = {
        let answers = answers.clone();
        tokio::spawn(async move {
            answers
                .get("s", Freshness::InFlight, async {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    ok("never", 200)
                })
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(20)).await;
    let waiter = {
        let answers = answers.clone();
        tokio::spawn(async move {
            answers
                .get("s", Freshness::InFlight, async { ok("mine", 200) })
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(20)).await;
    first.abort();
    let (res, served) = tokio::time::timeout(Duration::from_secs(5), waiter)
        .await
        .expect("the waiter was left waiting")
        .unwrap()
        .unwrap();
    assert_eq!((served, &res.body[..]), (Served::Upstream, &b"mine"[..]));

    // A failure is shared with the callers waiting for it, not kept.
    let down = answers
        .get("d", Freshness::InFlight, async {
            Err(UpstreamError::Unreachable("refused".into()))
        })
        .await;
    assert!(matches!(down, Err(UpstreamError::Unreachable(_))));
    let (res, _) = answers
        .get("d", Freshness::InFlight, async { ok("up", 200) })
        .await
        .unwrap();
    assert_eq!(&res.body[..], b"up");
    assert_eq!(answers.store.flights.len(), 0);
}
