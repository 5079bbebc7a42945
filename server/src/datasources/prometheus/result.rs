//! The `data` of a query answer, read in one pass. Prometheus writes
//! `resultType` before `result`, so the result can be parsed as the right
//! type as it is read. Reading `result` raw first and parsing it again cost a
//! whole extra pass over answers of several megabytes. Servers that put
//! `result` first still work: it is kept raw and parsed once the type is known.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// One series of a matrix or one sample of a vector. Labels are borrowed
/// from the body; samples go straight into the two columns the answer is
/// made of, each value parsed as it is read (no per-point string or pair).
#[derive(Deserialize)]
pub struct Item<'a> {
    #[serde(borrow)]
    pub metric: BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    #[serde(default)]
    pub values: Columns,
    #[serde(default, borrow)]
    pub value: Option<(f64, &'a str)>,
}

/// What `result` held.
pub enum Parsed<'a> {
    Items(Vec<Item<'a>>),
    /// A `scalar` or `string`: one timestamped value.
    Single((f64, &'a str)),
}

/// Samples as timestamps (ms) and values; `NaN`, infinities and text that
/// is not a number become `None`, as the chart shows gaps for them.
#[derive(Default)]
pub struct Columns {
    pub timestamps_ms: Vec<i64>,
    pub values: Vec<Option<f64>>,
}

impl Columns {
    /// Adds one `[seconds, "value"]` sample.
    pub fn push(&mut self, (secs, value): (f64, &str)) {
        self.timestamps_ms.push((secs * 1000.0).round() as i64);
        self.values.push(number(value));
    }
}

/// A sample value as Prometheus writes it (a string), if it is a finite number.
pub(super) fn number(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(ColumnsVisitor)
    }
}

struct ColumnsVisitor;

impl<'de> Visitor<'de> for ColumnsVisitor {
    type Value = Columns;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of [time, \"value\"] samples")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Columns, A::Error> {
        // The hint is a guess from the input; never trust it for more than
        // Prometheus's own point limit.
        let n = seq.size_hint().unwrap_or(0).min(11_000);
        let mut out = Columns {
            timestamps_ms: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
        };
        // Borrowed: a value never holds an escape, and an owned string
        // would be one allocation per sample.
        while let Some(sample) = seq.next_element::<(f64, &'de str)>()? {
            out.push(sample);
        }
        Ok(out)
    }
}

/// `data` of a query answer.
pub struct Data<'a>(pub Parsed<'a>);

impl<'de> Deserialize<'de> for Data<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(DataVisitor)
    }
}

struct DataVisitor;

impl<'de> Visitor<'de> for DataVisitor {
    type Value = Data<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with resultType and result")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Data<'de>, A::Error> {
        let mut kind: Option<Cow<'de, str>> = None;
        let mut parsed = None;
        let mut raw: Option<&'de RawValue> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match (key.as_ref(), &kind) {
                ("resultType", _) => kind = Some(map.next_value()?),
                ("result", Some(k)) => parsed = Some(map.next_value_seed(ResultSeed(k))?),
                ("result", None) => raw = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("resultType"))?;
        if let Some(p) = parsed {
            return Ok(Data(p));
        }
        let raw = raw.ok_or_else(|| de::Error::missing_field("result"))?;
        let mut inner = serde_json::Deserializer::from_str(raw.get());
        ResultSeed(&kind)
            .deserialize(&mut inner)
            .map(Data)
            .map_err(de::Error::custom)
    }
}

/// Reads `result` as what `resultType` said it is.
struct ResultSeed<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for ResultSeed<'_> {
    type Value = Parsed<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Parsed<'de>, D::Error> {
        match self.0 {
            "matrix" | "vector" => Vec::deserialize(d).map(Parsed::Items),
            "scalar" | "string" => Deserialize::deserialize(d).map(Parsed::Single),
            other => Err(de::Error::custom(format!("unknown resultType {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> usize {
        match serde_json::from_str::<Data>(text).unwrap().0 {
            Parsed::Items(v) => v.len(),
            Parsed::Single(_) => panic!("not items"),
        }
    }

    #[test]
    fn either_order_of_type_and_result_reads_the_same() {
        let series = r#"[{"metric":{"a":"b"},"values":[[1,"2"]]},{"metric":{},"value":[1,"3"]}]"#;
        let typed_first = format!(r#"{{"resultType":"matrix","result":{series},"stats":{{}}}}"#);
        let result_first = format!(r#"{{"result":{series},"resultType":"matrix"}}"#);
        assert_eq!(items(&typed_first), 2);
        assert_eq!(items(&result_first), 2);
    }

    #[test]
    fn scalars_missing_parts_and_unknown_types_say_what_is_wrong() {
        let scalar = serde_json::from_str::<Data>(r#"{"resultType":"scalar","result":[1.5,"7"]}"#);
        assert!(matches!(scalar.unwrap().0, Parsed::Single((t, "7")) if t == 1.5));
        let unknown = serde_json::from_str::<Data>(r#"{"resultType":"cube","result":[]}"#);
        assert!(unknown
            .err()
            .unwrap()
            .to_string()
            .contains("unknown resultType \"cube\""));
        let late_unknown = serde_json::from_str::<Data>(r#"{"result":[],"resultType":"cube"}"#);
        assert!(late_unknown.err().unwrap().to_string().contains("cube"));
        let missing = serde_json::from_str::<Data>(r#"{"resultType":"matrix"}"#);
        assert!(missing.err().unwrap().to_string().contains("result"));
    }
}
