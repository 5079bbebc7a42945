//! A hit's `_source` read straight into dotted field names. Building a JSON
//! object first and flattening it after cost a second map per hit, and the
//! search answer's parse was the biggest part of what Lookout adds to a
//! direct `_search`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Number, Value};

/// Every field of a document. Nested objects become dotted names; arrays
/// stay values; an empty object leaves no field.
#[derive(Debug, Default)]
pub struct Flat(pub BTreeMap<String, Value>);

impl<'de> Deserialize<'de> for Flat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut out = BTreeMap::new();
        d.deserialize_map(Object {
            prefix: "",
            out: &mut out,
        })?;
        Ok(Flat(out))
    }
}

/// An object whose keys go under `prefix`.
struct Object<'a> {
    prefix: &'a str,
    out: &'a mut BTreeMap<String, Value>,
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let key = if self.prefix.is_empty() {
                key
            } else {
                format!("{}.{key}", self.prefix)
            };
            map.next_value_seed(Field {
                key,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }
}

/// One value, stored under `key` unless it is an object (then flattened).
struct Field<'a> {
    key: String,
    out: &'a mut BTreeMap<String, Value>,
}

impl Field<'_> {
    fn put<E>(self, v: Value) -> Result<(), E> {
        self.out.insert(self.key, v);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Field<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Field<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let out = self.out;
        Object {
            prefix: &self.key,
            out,
        }
        .visit_map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let v = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        self.put(v)
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.put(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.put(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.put(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.put(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.put(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<(), E> {
        self.put(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.put(Value::Null)
    }

    fn visit_none<E>(self) -> Result<(), E> {
        self.put(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_objects_become_dotted_names_and_arrays_stay() {
        let text =
            r#"{"a":{"b":{"c":1},"d":"x","e":{}},"tags":[1,{"k":2}],"n":null,"f":1.5,"t":true}"#;
        let Flat(got) = serde_json::from_str(text).unwrap();
        let want: BTreeMap<String, Value> = [
            ("a.b.c", json!(1)),
            ("a.d", json!("x")),
            ("tags", json!([1, {"k": 2}])),
            ("n", Value::Null),
            ("f", json!(1.5)),
            ("t", json!(true)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_source_that_is_not_an_object_is_an_error() {
        assert!(serde_json::from_str::<Flat>("[1]").is_err());
        assert!(serde_json::from_str::<Flat>("\"x\"").is_err());
    }
}
