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
