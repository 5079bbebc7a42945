//! A shared answer written as JSON once, not once per caller. A crowd on
//! one panel is given one answer (a log search in flight, a kept panel
//! cut: `Arc`s), and every caller then wrote the same hits or points as
//! JSON again; floats and strings to text were most of what each answer
//! cost. The JSON of the last few shared lists is remembered by the list's
//! address ([`ByAddress`]), and later callers copy it.
//!
//! Only with the `ssr` feature: the browser never writes answers.

use std::sync::Arc;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::by_address::ByAddress;
use super::{LogHit, Series};

/// The JSON remembered for one element type, in bytes at most: beside the
/// answer cache's bound (32 MiB by default) it stays small, and it is not
/// counted there. One list longer than this is written per caller.
const BUDGET: usize = 4 << 20;

/// JSON remembered, by list.
type Written<T> = ByAddress<Vec<T>, (), Arc<RawValue>>;

/// An element of a list that crowds are given shared, with the JSON
/// remembered for such lists.
pub trait Shared: Serialize + Sized + 'static {
    fn written() -> &'static Written<Self>;
}

impl Shared for LogHit {
    fn written() -> &'static Written<Self> {
        // A few logs panels in view, each masked for viewers or not.
        static WRITTEN: Written<LogHit> = ByAddress::new(8);
        &WRITTEN
    }
}

impl Shared for Series {
    fn written() -> &'static Written<Self> {
        // The panels of a dashboard or two.
        static WRITTEN: Written<Series> = ByAddress::new(24);
        &WRITTEN
    }
}

/// `serialize_with` for a shared list: the remembered JSON if there is
/// one, and remembered for the callers after this one. A list nobody else
/// holds is written as usual.
pub fn serialize<T: Shared, S: Serializer>(list: &Arc<Vec<T>>, s: S) -> Result<S::Ok, S::Error> {
    if Arc::strong_count(list) < 2 {
        return list.serialize(s);
    }
    let written = T::written();
    if let Some(json) = written.get(list, &()) {
        return json.serialize(s);
    }
    let Ok(json) = serde_json::value::to_raw_value(&**list) else {
        // The same error comes back, from the serializer that was asked.
        return list.serialize(s);
    };
    let json: Arc<RawValue> = json.into();
    written.put_within(list, (), json.clone(), BUDGET, |j| j.get().len());
    json.serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(message: &str) -> LogHit {
        LogHit {
            id: "1".into(),
            index: "logs".into(),
            timestamp_ms: Some(1),
            message: message.into(),
            fields: Default::default(),
            highlight: Default::default(),
            sort: super::super::Cursor(vec![]),
        }
    }

    #[derive(Serialize)]
    struct Answer {
        #[serde(serialize_with = "serialize")]
        hits: Arc<Vec<LogHit>>,
    }

    #[test]
    fn a_shared_list_is_written_once_and_reads_the_same() {
        let page = Arc::new(vec![hit("a \"quoted\" line"), hit("two")]);
        let plain = format!("{{\"hits\":{}}}", serde_json::to_string(&*page).unwrap());
        let first = Answer { hits: page.clone() };
        let second = Answer { hits: page.clone() };
        assert_eq!(serde_json::to_string(&first).unwrap(), plain);
        assert!(LogHit::written().get(&page, &()).is_some(), "remembered");
        assert_eq!(serde_json::to_string(&second).unwrap(), plain);
        // As a value (what tests and exports read), it is the same too.
        assert_eq!(
            serde_json::to_value(&second).unwrap(),
            serde_json::json!({ "hits": &*page })
        );

        // A list nobody else holds is not remembered.
        let alone = Answer {
            hits: Arc::new(vec![hit("alone")]),
        };
        assert!(serde_json::to_string(&alone).unwrap().contains("alone"));
        assert!(LogHit::written().get(&alone.hits, &()).is_none());
    }
}
