//! Query-string values for the links pages build from their state.

/// Percent-encodes a query-string value (everything but unreserved bytes).
pub fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads a percent-encoded value back; `None` if an escape is broken or the
/// bytes are not UTF-8. (The router decodes real URLs; tests use this to
/// check that [`encode`] round-trips.)
pub fn decode(v: &str) -> Option<String> {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_value_round_trips(v in "\\PC{0,30}") {
            proptest::prop_assert_eq!(decode(&encode(&v)), Some(v));
        }
    }
}
