use super::*;

fn req(segments: &[&str]) -> UpstreamRequest {
    UpstreamRequest::get(segments)
}

/// The class behind finding 1: no segment text changes the origin or
/// leaves the base path, whatever it holds.
#[test]
fn segments_cannot_leave_the_base() {
    let base = Url::parse("https://es.internal:9200/proxy/").unwrap();
    for evil in [
        "http:127.0.0.1:9",
        "https:evil",
        "//evil",
        "../..",
        "..",
        ".",
        "%2e%2e",
        "a?b=1",
        "a#frag",
        "user@evil",
        "a/../../b",
        "\\evil",
        "a\r\nHost: evil",
        "http://evil/",
    ] {
        let Ok(url) = build_url(&base, &req(&[evil, "_search"])) else {
            assert!(matches!(evil, ".." | "."), "{evil:?} refused");
            continue;
        };
        assert_eq!(url.origin(), base.origin(), "{evil:?} → {url}");
        assert!(url.path().starts_with("/proxy/"), "{evil:?} → {url}");
        assert!(
            url.query().is_none() && url.fragment().is_none(),
            "{evil:?} → {url}"
        );
    }
}

proptest::proptest! {
    #[test]
    fn any_segments_stay_on_the_configured_origin_and_path(
        a in "\\PC{0,20}", b in "[./\\\\:@?#%a-z]{0,12}"
    ) {
        let base = Url::parse("http://127.0.0.1:9200/es/").unwrap();
        let Ok(url) = build_url(&base, &req(&[&a, &b])) else {
            proptest::prop_assert!([&a, &b].iter().any(|s| s.is_empty() || *s == "." || *s == ".."));
            return Ok(());
        };
        proptest::prop_assert_eq!(url.origin(), base.origin());
        proptest::prop_assert!(url.path().starts_with("/es/"));
        proptest::prop_assert!(url.query().is_none() && url.fragment().is_none());
        let _ = crate::datasources::elasticsearch::index::resolve(Some(&a), Some("logs-*"), false);
    }
}

/// Counts the chunks fed; the parsed form is the bytes, joined.
struct Counting(Vec<u8>);
static FED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl BodyReader for Counting {
    fn feed(&mut self, chunk: &[u8]) {
        FED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.0.extend_from_slice(chunk);
    }
    fn finish(self: Box<Self>) -> Option<Arc<dyn std::any::Any + Send + Sync>> {
        Some(Arc::new(self.0))
    }
}

/// A stub answering `status` with a chunked body written in three pieces,
/// 30 ms apart, as a big upstream answer arrives.
async fn pieces(status: u16) -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut head = [0u8; 4096];
        let _ = s.read(&mut head).await;
        let head = format!("HTTP/1.1 {status} X\r\nTransfer-Encoding: chunked\r\n\r\n");
        s.write_all(head.as_bytes()).await.unwrap();
        for piece in ["one,", "two,", "three"] {
            s.write_all(format!("{:x}\r\n{piece}\r\n", piece.len()).as_bytes())
                .await
                .unwrap();
            s.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        s.write_all(b"0\r\n\r\n").await.unwrap();
    });
    addr
}

/// A 2xx answer is fed to the request's reader chunk by chunk as it
/// arrives, and what the reader made is the answer's parsed form (the raw
/// body is then not kept); an error
/// answer is never fed (its message is read from the whole body).
#[tokio::test]
async fn a_streamed_answer_is_read_as_it_arrives_and_kept_as_parsed() {
    fn counting() -> Box<dyn BodyReader> {
        Box::new(Counting(Vec::new()))
    }
    for (status, fed) in [(200, true), (500, false)] {
        let addr = pieces(status).await;
        let settings: DataSourceSettings = serde_json::from_value(serde_json::json!({
            "name": "stub", "kind": "prometheus", "url": format!("http://{addr}/")
        }))
        .unwrap();
        let client = HttpClient::new(&settings, None, Limits::default()).unwrap();
        let mut req = req(&["x"]);
        req.stream = Some(Streamed::new(counting));
        let before = FED.load(std::sync::atomic::Ordering::SeqCst);
        let res = client.send(&req).await.unwrap();
        let chunks = FED.load(std::sync::atomic::Ordering::SeqCst) - before;
        assert_eq!(res.size, 13);
        let parsed = res.parsed(|_, _| Ok(b"parsed whole".to_vec())).unwrap();
        if fed {
            assert!(chunks >= 2, "fed {chunks} chunk(s)");
            assert_eq!(&parsed[..], b"one,two,three");
            assert!(res.body.is_empty(), "the raw body is not kept as well");
        } else {
            assert_eq!(chunks, 0);
            assert_eq!(&parsed[..], b"parsed whole");
            assert_eq!(&res.body[..], b"one,two,three");
        }
    }
}
