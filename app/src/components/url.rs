//! Query-string values for the links pages build from their state, encoded
//! with the `percent-encoding` crate (the one `url` and reqwest use).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is escaped, so a value
/// can never end a parameter or start another.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a query-string value.
pub fn encode(v: &str) -> String {
    utf8_percent_encode(v, VALUE).to_string()
}

/// Reads a percent-encoded value back; `None` if the bytes are not UTF-8.
/// (The router decodes real URLs; tests use this to check that [`encode`]
/// round-trips.)
pub fn decode(v: &str) -> Option<String> {
    percent_decode_str(v)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_break_out_of_their_parameter() {
        assert_eq!(
            encode("a b&c=d#e/f?g%h+i"),
            "a%20b%26c%3Dd%23e%2Ff%3Fg%25h%2Bi"
        );
        assert_eq!(encode("é-_.~"), "%C3%A9-_.~");
    }

    proptest::proptest! {
        #[test]
        fn any_value_round_trips(v in "\\PC{0,30}") {
            proptest::prop_assert_eq!(decode(&encode(&v)), Some(v));
        }
    }
}
