//! Moving a time range: zoom out, shift, and the absolute form a moved range
//! takes in the URL (UTC with `Z`, so a shared link means the same instant
//! in every time zone). Plus the browser's zone offset for display.

use super::time::format;

/// `YYYY-MM-DDTHH:MM:SSZ` (milliseconds only when there are any).
pub fn iso_utc(ms: i64) -> String {
    let f = format(ms, 0).replace(' ', "T");
    match f.strip_suffix(".000") {
        Some(whole) => format!("{whole}Z"),
        None => format!("{f}Z"),
    }
}

/// A range end for the URL: `now` if it reaches the present.
fn end(ms: i64, now: i64) -> String {
    if ms >= now {
        "now".into()
    } else {
        iso_utc(ms)
    }
}

/// Twice as long, around the same centre, never past now.
pub fn zoom_out(from: i64, to: i64, now: i64) -> (String, String) {
    let span = (to - from).max(1000);
    let (mut a, mut b) = (from - span / 2, to + span / 2);
    if b > now {
        a -= b - now;
        b = now;
    }
    (iso_utc(a), end(b, now))
}

/// Half a range earlier (`forward: false`) or later, never past now.
pub fn shift(from: i64, to: i64, forward: bool, now: i64) -> (String, String) {
    let half = (to - from).max(1000) / 2;
    let d = if forward {
        half.min(now - to).max(0)
    } else {
        -half
    };
    (iso_utc(from + d), end(to + d, now))
}

/// An absolute range for the URL, e.g. from a drag or a clicked bar.
pub fn absolute(from: i64, to: i64) -> (String, String) {
    (iso_utc(from), iso_utc(to))
}

/// Minutes east of UTC of the browser's zone at `ms` (0 on the server).
pub fn local_offset_min(ms: i64) -> i64 {
    #[cfg(feature = "hydrate")]
    {
        -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset()
            as i64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ms;
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::{resolve, Edge};

    const NOW: i64 = 1_795_711_530_000; // 2026-11-26T16:45:30Z
    const H: i64 = 3_600_000;

    #[test]
    fn moved_ranges_round_trip_through_the_url() {
        assert_eq!(iso_utc(NOW), "2026-11-26T16:45:30Z");
        assert_eq!(
            resolve(&iso_utc(NOW - 5), NOW, 540, Edge::From),
            Ok(NOW - 5),
            "Z ignores the zone"
        );
        assert_eq!(
            zoom_out(NOW - 2 * H, NOW - H, NOW),
            (iso_utc(NOW - 5 * H / 2), iso_utc(NOW - H / 2))
        );
        assert_eq!(
            zoom_out(NOW - H, NOW, NOW),
            (iso_utc(NOW - 2 * H), "now".into()),
            "clamped at now"
        );
        assert_eq!(
            shift(NOW - H, NOW, false, NOW),
            (iso_utc(NOW - 3 * H / 2), iso_utc(NOW - H / 2))
        );
        assert_eq!(
            shift(NOW - H, NOW, true, NOW),
            (iso_utc(NOW - H), "now".into()),
            "nothing later than now"
        );
    }
}
