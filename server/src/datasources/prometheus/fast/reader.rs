//! The byte-level pieces of the fast reader: a cursor that notes when it
//! ran out of bytes (so a step cut by a chunk boundary is redone with the
//! next chunk, not taken for a bad answer), and the token readers.

use std::collections::BTreeMap;

/// Most digits of whole seconds read here (to year 5138); more fall back.
const MAX_SECS_DIGITS: usize = 11;

pub(super) struct Reader<'a> {
    pub b: &'a [u8],
    pub i: usize,
    /// Some read looked past the last byte: the outcome may change with more.
    pub starved: bool,
}

impl<'a> Reader<'a> {
    pub fn new(b: &'a [u8]) -> Self {
        Self {
            b,
            i: 0,
            starved: false,
        }
    }

    fn peek(&mut self) -> Option<u8> {
        let c = self.b.get(self.i).copied();
        self.starved |= c.is_none();
        c
    }

    pub fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }

    pub fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    /// `s`, byte for byte (a loop, not `memcmp`: these are a few bytes).
    pub fn literal(&mut self, s: &[u8]) -> Option<()> {
        for (k, &want) in s.iter().enumerate() {
            match self.b.get(self.i + k) {
                Some(&c) if c == want => {}
                Some(_) => return None,
                None => {
                    self.starved = true;
                    return None;
                }
            }
        }
        self.i += s.len();
        Some(())
    }

    /// `[t,"v"]` and the `,` or `]` after it: the time, the value, and
    /// whether it was the series' last sample. The hot loop: it reads
    /// through a local index, and any read past the end stops it as
    /// starved.
    pub fn sample(&mut self) -> Option<(i64, Option<f64>, bool)> {
        let b = self.b;
        let mut i = self.i;
        macro_rules! byte {
            () => {
                match b.get(i) {
                    Some(&c) => c,
                    None => {
                        self.starved = true;
                        return None;
                    }
                }
            };
        }
        if byte!() != b'[' {
            return None;
        }
        i += 1;
        let start = i;
        let mut secs: i64 = 0;
        loop {
            let c = byte!();
            if !c.is_ascii_digit() {
                break;
            }
            if i - start == MAX_SECS_DIGITS {
                return None;
            }
            secs = secs * 10 + i64::from(c - b'0');
            i += 1;
        }
        if i == start {
            return None;
        }
        let mut ms = 0;
        if byte!() == b'.' {
            i += 1;
            let frac = i;
            let mut scale = 100;
            loop {
                let c = byte!();
                if !c.is_ascii_digit() {
                    break;
                }
                if i - frac == 3 {
                    return None;
                }
                ms += i64::from(c - b'0') * scale;
                scale /= 10;
                i += 1;
            }
            if i == frac {
                return None;
            }
        }
        if byte!() != b',' {
            return None;
        }
        i += 1;
        if byte!() != b'"' {
            return None;
        }
        self.i = i + 1;
        let v = self.value()?;
        i = self.i;
        if byte!() != b']' {
            return None;
        }
        i += 1;
        let last = match byte!() {
            b']' => true,
            b',' => false,
            _ => return None,
        };
        self.i = i + 1;
        Some((secs * 1000 + ms, v, last))
    }

    /// A sample's value, its opening quote read. Short decimals are read
    /// in the same pass that finds the closing quote; anything else
    /// (`NaN`, exponents, long digits) as [`decimal`] or the float parse.
    fn value(&mut self) -> Option<Option<f64>> {
        let start = self.i;
        let negative = self.b.get(start) == Some(&b'-');
        let digits = start + usize::from(negative);
        let (mut mantissa, mut count, mut decimals, mut dot) = (0u64, 0usize, 0usize, false);
        let mut i = digits;
        loop {
            match self.b.get(i) {
                Some(&c @ b'0'..=b'9') if count < 15 => {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    count += 1;
                    decimals += usize::from(dot);
                }
                Some(b'.') if !dot && i > digits => dot = true,
                Some(b'"') if count > 0 && !(dot && decimals == 0) => {
                    self.i = i + 1;
                    let v = mantissa as f64 / POW10[decimals];
                    return Some(Some(if negative { -v } else { v }));
                }
                Some(_) => break,
                None => {
                    self.starved = true;
                    return None;
                }
            }
            i += 1;
        }
        let text = self.raw_until_quote()?;
        Some(match decimal(text) {
            Some(v) => Some(v),
            None => super::super::result::number(std::str::from_utf8(text).ok()?),
        })
    }

    /// `{"a":"b",…}`, the opening brace already read.
    pub fn labels(&mut self) -> Option<BTreeMap<String, String>> {
        let mut labels = BTreeMap::new();
        if self.eat(b'}') {
            return Some(labels);
        }
        loop {
            let k = self.string()?;
            self.expect(b':')?;
            let v = self.string()?;
            labels.insert(k, v);
            if self.eat(b'}') {
                return Some(labels);
            }
            self.expect(b',')?;
        }
    }

    /// A JSON string, escapes and all (labels may hold any text).
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            match self.peek()? {
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
    pub fn raw_until_quote(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        let Some(len) = self.b.get(start..)?.iter().position(|&c| c == b'"') else {
            self.starved = true;
            return None;
        };
        let text = &self.b[start..start + len];
        self.i = start + len + 1;
        (!text.contains(&b'\\')).then_some(text)
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
pub fn decimal(text: &[u8]) -> Option<f64> {
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
