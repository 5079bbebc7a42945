use super::*;
use serde_json::json;

fn dashboard() -> Dashboard {
    Dashboard::from_value(json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "a", "title": "A" },
        "spec": {
            "time": { "from": "now-1h", "to": "now" },
            "variables": [
                { "name": "one", "kind": "custom", "spec": { "options": ["x", "y"], "default": "x" } },
                { "name": "many", "kind": "custom", "spec": { "options": ["x", "y"], "multi": true, "includeAll": true } }
            ]
        }
    }))
    .unwrap()
}

fn opts(time: bool, vars: bool) -> ShareOptions {
    ShareOptions {
        allow_time: time,
        allow_vars: vars,
        max_span_days: 2,
        ..ShareOptions::default()
    }
}

#[test]
fn tokens_have_one_shape() {
    assert!(well_formed(&format!("lks_{}", "0a".repeat(32))));
    assert!(
        !well_formed(&format!("lks_{}", "0A".repeat(32))),
        "lower case only"
    );
    assert!(
        !well_formed(&format!("lk_{}", "0a".repeat(32))),
        "an API token is not a link"
    );
    assert!(!well_formed(&format!("lks_{}", "0a".repeat(31))));
    assert!(!well_formed(&format!("lks_{}é", "0a".repeat(31))));
    assert!(!well_formed(""));
}

#[test]
fn the_range_is_the_dashboards_unless_the_link_allows_another() {
    let (d, now) = (dashboard(), 10 * 86_400_000);
    let own = range(&d, &opts(false, false), None, now).unwrap();
    assert_eq!((own.from_ms, own.to_ms), (now - 3_600_000, now));
    let day = TimeRange {
        from_ms: now - 86_400_000,
        to_ms: now,
    };
    let refused = range(&d, &opts(false, false), Some(day), now).unwrap_err();
    assert!(matches!(refused, AppError::Forbidden(_)), "{refused:?}");
    assert_eq!(range(&d, &opts(true, false), Some(day), now), Ok(day));
    let three = TimeRange {
        from_ms: now - 3 * 86_400_000,
        to_ms: now,
    };
    assert!(matches!(
        range(&d, &opts(true, false), Some(three), now),
        Err(AppError::Forbidden(_))
    ));
    let backwards = TimeRange {
        from_ms: now,
        to_ms: now - 1,
    };
    assert!(matches!(
        range(&d, &opts(true, false), Some(backwards), now),
        Err(AppError::Invalid(_))
    ));
    let huge = TimeRange {
        from_ms: i64::MIN,
        to_ms: i64::MAX,
    };
    assert!(
        range(&d, &opts(true, false), Some(huge), now).is_err(),
        "no overflow"
    );
}

#[test]
fn picked_values_need_a_link_that_allows_them_and_the_right_shape() {
    let d = dashboard();
    let ask = |pairs: &[(&str, &[&str])]| -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    };
    assert_eq!(picked(&d, &opts(false, false), &ask(&[])), Ok(vec![]));
    let one = ask(&[("one", &["y"])]);
    assert!(matches!(
        picked(&d, &opts(false, false), &one),
        Err(AppError::Forbidden(_))
    ));
    assert_eq!(picked(&d, &opts(false, true), &one), Ok(vec!["one"]));
    assert_eq!(
        picked(&d, &opts(false, true), &ask(&[("one", &["x"])])),
        Ok(vec![]),
        "its default"
    );
    type Case<'a> = (&'a [(&'a str, &'a [&'a str])], &'a str);
    let cases: [Case; 4] = [
        (&[("one", &["x", "y"])], "takes one value"),
        (&[("one", &[ALL])], "does not offer"),
        (&[("one", &[])], "pick 1 to"),
        (&[("ghost", &["x"])], "no variable"),
    ];
    for (pairs, says) in cases {
        let e = picked(&d, &opts(false, true), &ask(pairs)).unwrap_err();
        assert!(e.to_string().contains(says), "{pairs:?}: {e}");
    }
    let both = ask(&[("many", &["x", ALL]), ("one", &["y"])]);
    assert_eq!(
        picked(&d, &opts(false, true), &both),
        Ok(vec!["one", "many"]),
        "in the dashboard's order"
    );
}

#[test]
fn quoted_values_are_short_and_on_one_line() {
    let q = quoted(&format!("a\nb{}", "z".repeat(200)));
    assert!(!q.contains('\n') && q.chars().count() <= 82, "{q}");
}
