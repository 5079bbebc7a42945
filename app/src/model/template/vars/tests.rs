use super::*;
use crate::model::template::promql::equality_matchers;

const HOSTILE: [&str; 8] = [
    "\"} or vector(1) #",
    "a\") OR (*",
    "back\\slash\\",
    "new\nline",
    "quote\"quote",
    "${other}",
    "x|y.*",
    "",
];

fn vars(name: &str, v: VarValue) -> BTreeMap<String, VarValue> {
    [(name.to_owned(), v)].into()
}

#[test]
fn a_promql_value_stays_one_matcher() {
    for bad in HOSTILE {
        let q = interpolate(
            "up{instance=\"$v\", job=\"x\"}",
            &vars("v", VarValue::one(bad)),
            Target::PromQl,
        )
        .unwrap();
        assert_eq!(
            equality_matchers(&q),
            vec![
                ("instance".to_owned(), bad.to_owned()),
                ("job".to_owned(), "x".to_owned())
            ],
            "{bad:?} → {q}"
        );
    }
}

#[test]
fn several_promql_values_are_an_escaped_alternation() {
    let v = VarValue {
        values: vec!["a.b".into(), "c\"}|d".into()],
        all: false,
        custom_all: None,
    };
    let q = interpolate("up{i=~\"${v}\"}", &vars("v", v), Target::PromQl).unwrap();
    assert_eq!(q, r#"up{i=~"(a\\.b|c\"\\}\\|d)"}"#);
    let all = VarValue {
        values: vec![],
        all: true,
        custom_all: None,
    };
    assert_eq!(
        interpolate("up{i=~\"$v\"}", &vars("v", all), Target::PromQl).unwrap(),
        "up{i=~\".*\"}"
    );
}

#[test]
fn outside_quotes_promql_takes_only_plain_tokens() {
    assert_eq!(
        interpolate(
            "topk($n, up)",
            &vars("n", VarValue::one("5")),
            Target::PromQl
        )
        .unwrap(),
        "topk(5, up)"
    );
    for bad in HOSTILE {
        assert!(
            interpolate(
                "topk($n, up)",
                &vars("n", VarValue::one(bad)),
                Target::PromQl
            )
            .is_err(),
            "{bad:?}"
        );
    }
}

#[test]
fn a_lucene_value_stays_one_term_or_phrase() {
    for bad in HOSTILE {
        let q = interpolate(
            "service:$v AND level:error",
            &vars("v", VarValue::one(bad)),
            Target::Lucene,
        )
        .unwrap();
        let term = q
            .strip_prefix("service:")
            .and_then(|r| r.strip_suffix(" AND level:error"))
            .unwrap();
        // Every syntax character in the term is escaped.
        let mut chars = term.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
                continue;
            }
            assert!(
                !("+-&|!(){}[]^\"~*?:/".contains(c) || c.is_whitespace()),
                "{bad:?} → {q}"
            );
        }
        let q = interpolate("msg:\"$v\"", &vars("v", VarValue::one(bad)), Target::Lucene).unwrap();
        let inner = &q[5..q.len() - 1];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => panic!("{bad:?} ended the phrase: {q}"),
                _ => {}
            }
        }
    }
    let two = VarValue {
        values: vec!["a b".into(), "c".into()],
        all: false,
        custom_all: None,
    };
    assert_eq!(
        interpolate("s:$v", &vars("v", two.clone()), Target::Lucene).unwrap(),
        "s:(a\\ b OR c)"
    );
    assert!(interpolate("s:\"$v\"", &vars("v", two), Target::Lucene).is_err());
}

#[test]
fn unknown_names_and_lone_dollars_stay() {
    let v = vars("v", VarValue::one("x"));
    assert_eq!(
        interpolate("a $w $ ${v} $vv", &v, Target::Lucene).unwrap(),
        "a $w $ x $vv"
    );
    assert_eq!(interpolate("${v", &v, Target::Lucene).unwrap(), "${v");
}

proptest::proptest! {
    #[test]
    fn any_value_stays_one_promql_matcher(v in "\\PC{0,20}") {
        let q = interpolate("up{a=\"$v\"}", &vars("v", VarValue::one(v.clone())), Target::PromQl).unwrap();
        proptest::prop_assert_eq!(equality_matchers(&q), vec![("a".to_owned(), v)]);
    }

    #[test]
    fn any_template_interpolates_without_panic(t in "\\PC{0,30}", v in "\\PC{0,10}") {
        let _ = interpolate(&t, &vars("v", VarValue::one(v.clone())), Target::PromQl);
        let _ = interpolate(&t, &vars("v", VarValue::one(v)), Target::Lucene);
    }
}
