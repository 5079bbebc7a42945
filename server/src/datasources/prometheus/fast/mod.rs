//! A fast reader for the one answer that is big: a range query's `matrix`,
//! byte for byte as Prometheus writes it:
//!
//! ```json
//! {"status":"success","data":{"resultType":"matrix","result":[
//!   {"metric":{"instance":"a"},"values":[[1795788000,"0.5"],…]},…]}…
//! ```
//!
//! Why: the general reader (`result.rs`, serde) spent about 20 ms on the
//! 5.9 MB answer of 50 series × a day at 15 s, most of what Lookout added
//! to Prometheus' own time. This one scans the samples by hand (timestamps
//! as integers, values with the same float parse) in a fraction of that.
//!
//! It reads nothing it is unsure of: any other shape (whitespace, another
//! key order, escapes in a value, a finer timestamp than a millisecond,
//! native histograms, a `warnings` before `data`…) gives `None`, and the
//! general reader reads the answer. A property test checks that both read
//! the same series from the same answer.

use std::collections::BTreeMap;

use app::model::Series;

const HEAD: &[u8] = br#"{"status":"success","data":{"resultType":"matrix","result":["#;

/// Most digits of whole seconds read here (to year 5138); more fall back.
const MAX_SECS_DIGITS: usize = 11;

/// The series of a matrix answer in Prometheus' own layout, or `None`.
pub fn matrix(body: &[u8]) -> Option<Vec<Series>> {
    let mut r = Reader {
        b: body,
        i: body.strip_prefix(HEAD).map(|_| HEAD.len())?,
    };
    let mut out = Vec::new();
    let mut guess = 0;
    if !r.eat(b']') {
        loop {
            let s = r.item(guess)?;
            guess = s.values.len();
            out.push(s);
            if r.eat(b']') {
                break;
            }
            r.expect(b',')?;
        }
    }
    r.expect(b'}')?;
    // The end of the answer, or its other members (warnings, infos): not
    // needed, but they must be valid JSON, as the general reader requires.
    match &body[r.i..] {
        b"}" => Some(out),
        // A member follows a comma (`{}` would accept a trailing comma).
        [b',', rest @ ..] if rest.first() == Some(&b'"') => {
            let mut others = Vec::with_capacity(rest.len() + 1);
            others.push(b'{');
            others.extend_from_slice(rest);
            serde_json::from_slice::<serde::de::IgnoredAny>(&others).ok()?;
            Some(out)
        }
        _ => None,
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.b.get(self.i) == Some(&c);
        self.i += usize::from(hit);
        hit
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    fn literal(&mut self, s: &[u8]) -> Option<()> {
        let end = self.i.checked_add(s.len())?;
        (self.b.get(self.i..end)? == s).then(|| self.i = end)
    }

    /// `{"metric":{…},"values":[…]}`
    fn item(&mut self, guess: usize) -> Option<Series> {
        self.literal(br#"{"metric":{"#)?;
        let mut labels = BTreeMap::new();
        if !self.eat(b'}') {
            loop {
                let k = self.string()?;
                self.expect(b':')?;
                let v = self.string()?;
                labels.insert(k, v);
                if self.eat(b'}') {
                    break;
                }
                self.expect(b',')?;
            }
        }
        self.literal(br#","values":["#)?;
        let mut timestamps_ms = Vec::with_capacity(guess);
        let mut values = Vec::with_capacity(guess);
        if !self.eat(b']') {
            loop {
                self.expect(b'[')?;
                timestamps_ms.push(self.seconds_as_ms()?);
                self.literal(b",\"")?;
                let text = self.raw_until_quote()?;
                values.push(match decimal(text) {
                    Some(v) => Some(v),
                    None => super::result::number(std::str::from_utf8(text).ok()?),
                });
                self.expect(b']')?;
                if self.eat(b']') {
                    break;
                }
                self.expect(b',')?;
            }
        }
        self.expect(b'}')?;
        Some(Series {
            labels,
            timestamps_ms,
            values,
        })
    }

    /// A JSON string, escapes and all (labels may hold any text).
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            match *self.b.get(self.i)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.i += 2;
                }
                _ => self.i += 1,
            }
        }
        self.i += 1;
        let quoted = self.b.get(start..self.i)?;
        if escaped {
            serde_json::from_slice(quoted).ok()
        } else {
            std::str::from_utf8(&quoted[1..quoted.len() - 1])
                .ok()
                .map(str::to_owned)
        }
    }

    /// The text up to the next quote, which ends it; none may be escaped.
    fn raw_until_quote(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        let len = self.b.get(start..)?.iter().position(|&c| c == b'"')?;
        let text = &self.b[start..start + len];
        self.i = start + len + 1;
        (!text.contains(&b'\\')).then_some(text)
    }

    /// `1795788000` or `1795788000.5`: whole seconds and up to three decimals.
    fn seconds_as_ms(&mut self) -> Option<i64> {
        let mut secs: i64 = 0;
        let start = self.i;
        while let Some(d) = self.b.get(self.i).filter(|c| c.is_ascii_digit()) {
            secs = secs * 10 + i64::from(d - b'0');
            self.i += 1;
        }
        let digits = self.i - start;
        if digits == 0 || digits > MAX_SECS_DIGITS {
            return None;
        }
        let mut ms = 0;
        if self.eat(b'.') {
            let mut scale = 100;
            let frac = self.i;
            while let Some(d) = self.b.get(self.i).filter(|c| c.is_ascii_digit()) {
                ms += i64::from(d - b'0') * scale;
                scale /= 10;
                self.i += 1;
            }
            if self.i == frac || self.i - frac > 3 {
                return None;
            }
        }
        Some(secs * 1000 + ms)
    }
}

/// Exact powers of ten, up to the most decimals [`decimal`] reads.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// `-12.345`-like text of at most 15 digits, as `str::parse` would read it:
/// both the digits (below 2^53) and the power of ten are exact, and one
/// division rounds correctly. Anything else (exponents, `NaN`, more digits)
/// gives `None`, for the general float parse.
fn decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    let (mut mantissa, mut count, mut decimals, mut dot) = (0u64, 0usize, 0usize, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                count += 1;
                decimals += usize::from(dot);
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
        if count > 15 {
            return None;
        }
    }
    // "", "-", "." and "5." are left to the general parse.
    if count == 0 || (dot && decimals == 0) || digits.first() == Some(&b'.') {
        return None;
    }
    let v = mantissa as f64 / POW10[decimals];
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests;
