//! The wire form of a series' timestamps. Written out in full, a
//! millisecond timestamp costs 14 bytes a point, most of a metrics answer
//! (a gauge's value is often five or six characters). Samples sit on a
//! grid (a Prometheus step, a histogram interval), so they are sent as the
//! first timestamp, the grid's unit (the greatest common divisor of the
//! gaps) and each gap in units: usually `1,` — two bytes a point.
//!
//! ```json
//! "timestamps_ms": {"first": 1795766400000, "unit": 15000, "deltas": [1, 1, 3, 1]}
//! ```
//!
//! Short lists (under three points) stay a plain array, and a plain array
//! is always accepted, so hand-written and older answers still read.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserializer, Serialize, Serializer};

/// The grid the gaps sit on: the greatest common divisor of their sizes,
/// or `None` when a gap overflows (then the plain form is written).
fn unit(ts: &[i64]) -> Option<i64> {
    let mut g: i64 = 0;
    for w in ts.windows(2) {
        let gap = w[1].checked_sub(w[0])?.checked_abs()?;
        // Most gaps are a multiple of the unit found so far: one division
        // to see that, where Euclid's algorithm takes two or more.
        if g == 0 || gap % g != 0 {
            g = gcd(g, gap);
        }
    }
    Some(g.max(1))
}

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Writes `ts` in the compact form (see the module doc).
pub fn serialize<S: Serializer>(ts: &[i64], s: S) -> Result<S::Ok, S::Error> {
    match unit(ts) {
        Some(unit) if ts.len() >= 3 => {
            let mut m = s.serialize_map(Some(3))?;
            m.serialize_entry("first", &ts[0])?;
            m.serialize_entry("unit", &unit)?;
            m.serialize_entry("deltas", &Deltas(ts, unit))?;
            m.end()
        }
        _ => ts.serialize(s),
    }
}

/// The gaps in units, written as they are computed (no second list).
struct Deltas<'a>(&'a [i64], i64);

impl Serialize for Deltas<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len().saturating_sub(1)))?;
        for w in self.0.windows(2) {
            // `unit` divides every gap, and no gap overflowed (checked in `unit`).
            seq.serialize_element(&((w[1] - w[0]) / self.1))?;
        }
        seq.end()
    }
}

/// Reads either form.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    d.deserialize_any(TimestampsVisitor)
}

struct TimestampsVisitor;

impl<'de> Visitor<'de> for TimestampsVisitor {
    type Value = Vec<i64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of timestamps, or {first, unit, deltas}")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<i64>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(t) = seq.next_element()? {
            out.push(t);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<i64>, A::Error> {
        let (mut first, mut unit, mut deltas) = (None, None, None::<Vec<i64>>);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "first" => first = Some(map.next_value::<i64>()?),
                "unit" => unit = Some(map.next_value::<i64>()?),
                "deltas" => deltas = Some(map.next_value()?),
                other => {
                    return Err(de::Error::unknown_field(
                        other,
                        &["first", "unit", "deltas"],
                    ))
                }
            }
        }
        let first = first.ok_or_else(|| de::Error::missing_field("first"))?;
        let unit = unit.ok_or_else(|| de::Error::missing_field("unit"))?;
        let deltas = deltas.ok_or_else(|| de::Error::missing_field("deltas"))?;
        let mut out = Vec::with_capacity(deltas.len() + 1);
        let mut t = first;
        out.push(t);
        for d in deltas {
            t = d
                .checked_mul(unit)
                .and_then(|step| t.checked_add(step))
                .ok_or_else(|| de::Error::custom("a timestamp overflows"))?;
            out.push(t);
        }
        Ok(out)
    }
}

/// The OpenAPI description of either form.
#[cfg(feature = "ssr")]
pub fn schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{
        ArrayBuilder, KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type,
    };
    let int = || {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
    };
    OneOfBuilder::new()
        .item(ArrayBuilder::new().items(int()))
        .item(
            ObjectBuilder::new()
                .property("first", int())
                .property("unit", int())
                .property("deltas", ArrayBuilder::new().items(int()))
                .required("first")
                .required("unit")
                .required("deltas"),
        )
        .description(Some(
            "Milliseconds since the epoch: a plain list, or (for three points or more) \
             `first`, then each gap as a multiple of `unit`: t[i] = t[i-1] + deltas[i-1] × unit.",
        ))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, serde::Deserialize, PartialEq, Debug)]
    struct S(#[serde(with = "super")] Vec<i64>);

    fn round(ts: &[i64]) -> String {
        let text = serde_json::to_string(&S(ts.to_vec())).unwrap();
        assert_eq!(serde_json::from_str::<S>(&text).unwrap().0, ts, "{text}");
        text
    }

    #[test]
    fn grids_shrink_and_everything_reads_back() {
        let grid: Vec<i64> = (0..100).map(|i| 1_795_766_400_000 + i * 15_000).collect();
        let text = round(&grid);
        assert!(text.starts_with(r#"{"first":1795766400000,"unit":15000,"deltas":[1,1,"#));
        assert!(text.len() < 2 * grid.len() + 60, "{} bytes", text.len());
        // Decimated (gaps of several steps), unsorted, repeated, negative,
        // irregular, short and empty lists, and the extremes.
        round(&[0, 30_000, 45_000, 150_000]);
        round(&[5, 3, 9, 9, -4]);
        round(&[7, 7, 7]);
        round(&[1, 2, 4, 1_000_003]);
        round(&[42, 43]);
        round(&[]);
        round(&[i64::MIN, 0, i64::MAX]);
        round(&[i64::MAX, i64::MIN, 0]);
    }

    #[test]
    fn plain_lists_read_and_bad_maps_say_what_is_wrong() {
        assert_eq!(serde_json::from_str::<S>("[1,2,3]").unwrap().0, [1, 2, 3]);
        let err = |t: &str| serde_json::from_str::<S>(t).unwrap_err().to_string();
        assert!(err(r#"{"first":1,"deltas":[1]}"#).contains("unit"));
        assert!(
            err(r#"{"first":1,"unit":9223372036854775807,"deltas":[2]}"#).contains("overflows")
        );
        assert!(err(r#"{"first":1,"unit":1,"deltas":[1],"x":1}"#).contains("unknown field"));
    }
}
