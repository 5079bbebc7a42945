//! Time-range expressions as Grafana and Kibana users type them: `now`,
//! `now-15m`, `now-1d/d` (rounded to the start of the day), absolute
//! `2026-11-26 10:00`, `2026-11-26T10:00:00Z` or epoch milliseconds. Rounding
//! and absolute times without a zone use the caller's offset (browser time
//! zone) or 0 for UTC. Shared by the time picker, URL state and the server.

const SEC: i64 = 1000;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

/// Round intervals (1s … 30d), each at most 2.5× the one before: log
/// histogram buckets on the server, time-axis ticks in the browser.
pub const NICE_MS: [i64; 22] = [
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000,
    172_800_000,
    604_800_000,
    1_209_600_000,
    2_592_000_000,
];

fn unit_ms(u: char) -> Option<i64> {
    Some(match u {
        's' => SEC,
        'm' => MIN,
        'h' => HOUR,
        'd' => DAY,
        'w' => 7 * DAY,
        _ => return None,
    })
}

/// Whether a range end rounds down (`from`) or up to the unit's last ms (`to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    From,
    To,
}

/// Resolves an expression to epoch ms. `offset_min` is the zone's offset from
/// UTC in minutes (e.g. 540 for UTC+9); months and years are not units, to
/// keep "1m" unambiguous (minutes), as in Kibana.
/// The earliest time an expression may name: the epoch.
pub const MIN_MS: i64 = 0;
/// The latest: 9999-12-31T23:59:59.999Z. Bounding times here keeps every
/// later sum and product on them (steps, windows, formatting) far from
/// overflow; the server checks the same bounds on every query.
pub const MAX_MS: i64 = 253_402_300_799_999;

/// Resolves an expression to epoch ms. `offset_min` is the zone's offset from
/// UTC in minutes (e.g. 540 for UTC+9); months and years are not units, to
/// keep "1m" unambiguous (minutes), as in Kibana. Any string is safe here:
/// nothing panics or overflows, and a time outside 1970 … 9999 is an error.
pub fn resolve(expr: &str, now_ms: i64, offset_min: i64, edge: Edge) -> Result<i64, String> {
    let e = expr.trim();
    let offset = offset_min.clamp(-24 * 60, 24 * 60) * MIN;
    let ms = if let Some(rest) = e.strip_prefix("now") {
        relative(rest, now_ms.clamp(MIN_MS, MAX_MS), offset, edge).ok_or_else(|| {
            format!(
                "{e:?} is not a time: use now, now-15m, now-1d/d, or a date like 2026-11-26 10:00"
            )
        })?
    } else if let Ok(ms) = e.parse::<i64>() {
        ms
    } else {
        absolute(e, offset).ok_or_else(|| {
            format!("{e:?} is not a time: use a date like 2026-11-26 10:00 or now-1h")
        })?
    };
    if !(MIN_MS..=MAX_MS).contains(&ms) {
        return Err(format!(
            "{e:?} is outside 1970-01-01 … 9999-12-31: pick a time in between"
        ));
    }
    Ok(ms)
}

fn relative(mut rest: &str, now_ms: i64, offset: i64, edge: Edge) -> Option<i64> {
    let mut t = now_ms;
    while let Some(op) = rest
        .strip_prefix(['+', '-'])
        .map(|r| (rest.as_bytes()[0], r))
    {
        let (sign, after) = op;
        let len = after.bytes().take_while(u8::is_ascii_digit).count();
        let n: i64 = after[..len].parse().ok()?;
        let unit_char = after[len..].chars().next()?;
        let step = n.checked_mul(unit_ms(unit_char)?)?;
        t = if sign == b'-' {
            t.checked_sub(step)?
        } else {
            t.checked_add(step)?
        };
        rest = &after[len + unit_char.len_utf8()..];
    }
    match rest.strip_prefix('/') {
        None if rest.is_empty() => Some(t),
        Some(u) if u.len() == 1 => {
            let unit = unit_ms(u.chars().next()?)?;
            // Weeks start on Monday: the epoch was a Thursday, 3 days later.
            let shift = if unit == 7 * DAY { 3 * DAY } else { 0 };
            let local = t.checked_add(offset)?.checked_add(shift)?;
            let start = local
                .div_euclid(unit)
                .checked_mul(unit)?
                .checked_sub(offset + shift)?;
            if edge == Edge::To {
                start.checked_add(unit - 1)
            } else {
                Some(start)
            }
        }
        _ => None,
    }
}

/// `YYYY-MM-DD[ T]HH:MM[:SS[.mmm]][Z]`; without `Z` in the given offset.
fn absolute(s: &str, offset: i64) -> Option<i64> {
    let (s, utc) = match s.strip_suffix('Z') {
        Some(s) => (s, true),
        None => (s, false),
    };
    let (date, time) = s.split_once(['T', ' ']).unwrap_or((s, "00:00"));
    // Only plain digits: `parse` alone would take signs (`-1`, `+5`).
    let num = |p: &str| -> Option<i64> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let mut d = date.split('-').map(num);
    let (y, mo, da) = (d.next()??, d.next()??, d.next()??);
    if d.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&da) {
        return None;
    }
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let mut t = hms.split(':').map(num);
    let (h, mi, se) = (t.next()??, t.next()??, t.next().unwrap_or(Some(0))?);
    if t.next().is_some() || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    // Milliseconds: the first three digits of the fraction, ASCII only.
    if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: i64 = format!("{:0<3}", &frac[..frac.len().min(3)]).parse().ok()?;
    let local = days_from_civil(y, mo, da) * DAY + h * HOUR + mi * MIN + se * SEC + ms;
    Some(if utc { local } else { local - offset })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A from/to pair of expressions as a range, or what is wrong with it.
pub fn resolve_range(
    from: &str,
    to: &str,
    now_ms: i64,
    offset_min: i64,
) -> Result<super::TimeRange, String> {
    let from_ms = resolve(from, now_ms, offset_min, Edge::From)?;
    let to_ms = resolve(to, now_ms, offset_min, Edge::To)?;
    if to_ms <= from_ms {
        return Err("The range ends before it starts: pick a later \"to\".".into());
    }
    Ok(super::TimeRange { from_ms, to_ms })
}

/// `YYYY-MM-DD HH:MM:SS.mmm` of epoch ms in the given zone offset (times
/// outside 1970 … 9999 are shown at the nearest end).
pub fn format(ms: i64, offset_min: i64) -> String {
    let local = ms.clamp(MIN_MS, MAX_MS) + offset_min.clamp(-24 * 60, 24 * 60) * MIN;
    let (days, rest) = (local.div_euclid(DAY), local.rem_euclid(DAY));
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, milli) = (rest / HOUR, rest % HOUR / MIN, rest % MIN / SEC, rest % SEC);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}.{milli:03}")
}

/// The date of a day count since 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Now, in epoch ms, in the browser or on the server.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-26T16:45:30.250Z
    const NOW: i64 = 1_795_711_530_250;

    #[test]
    fn relative_expressions() {
        assert_eq!(resolve("now", NOW, 0, Edge::From), Ok(NOW));
        assert_eq!(resolve("now-15m", NOW, 0, Edge::From), Ok(NOW - 15 * MIN));
        assert_eq!(
            resolve("now-1h+30m", NOW, 0, Edge::From),
            Ok(NOW - 30 * MIN)
        );
        assert_eq!(resolve(" now-7d ", NOW, 0, Edge::From), Ok(NOW - 7 * DAY));
    }

    #[test]
    fn rounding_follows_the_zone_and_the_edge() {
        let day_start_utc = resolve("2026-11-26T00:00:00Z", 0, 0, Edge::From).unwrap();
        assert_eq!(resolve("now/d", NOW, 0, Edge::From), Ok(day_start_utc));
        assert_eq!(
            resolve("now/d", NOW, 0, Edge::To),
            Ok(day_start_utc + DAY - 1)
        );
        assert_eq!(
            resolve("now-1d/d", NOW, 0, Edge::From),
            Ok(day_start_utc - DAY)
        );
        // UTC+9: it is already 01:45 on the 27th there.
        assert_eq!(
            resolve("now/d", NOW, 540, Edge::From),
            Ok(day_start_utc + DAY - 9 * HOUR)
        );
        // Weeks start on Monday; 2026-11-23 is a Monday.
        assert_eq!(
            resolve("now/w", NOW, 0, Edge::From),
            resolve("2026-11-23Z", 0, 0, Edge::From)
        );
        assert_eq!(
            resolve("now/h", NOW, 0, Edge::From),
            Ok(NOW - 45 * MIN - 30_250)
        );
    }

    #[test]
    fn absolute_times() {
        assert_eq!(
            resolve("2026-11-26T16:45:30.250Z", 0, 0, Edge::From),
            Ok(NOW)
        );
        assert_eq!(resolve("2026-11-26 16:45:30.25", 0, 0, Edge::From), Ok(NOW));
        assert_eq!(
            resolve("2026-11-27 01:45:30.250", 0, 540, Edge::From),
            Ok(NOW),
            "local time in UTC+9"
        );
        assert_eq!(resolve("1970-01-01", 0, 0, Edge::From), Ok(0));
        assert_eq!(
            resolve("2000-02-29 12:00", 0, 0, Edge::From),
            Ok(951_825_600_000)
        );
        assert_eq!(resolve("1795711530250", 0, 0, Edge::From), Ok(NOW));
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(format(NOW, 0), "2026-11-26 16:45:30.250");
        assert_eq!(format(NOW, 540), "2026-11-27 01:45:30.250");
        assert_eq!(format(951_825_600_000, 0), "2000-02-29 12:00:00.000");
        assert_eq!(resolve(&format(NOW, -300), 0, -300, Edge::From), Ok(NOW));
    }

    #[test]
    fn nonsense_says_what_is_accepted() {
        for bad in [
            "now-",
            "now-5x",
            "now/y",
            "yesterday",
            "2026-13-01",
            "2026-11-26 25:00",
            "now/dd",
        ] {
            let err = resolve(bad, NOW, 0, Edge::From).unwrap_err();
            assert!(err.contains("is not a time"), "{bad}: {err}");
        }
    }

    /// Finding 8: this input sliced a string off a char boundary.
    #[test]
    fn hostile_input_is_an_error_not_a_panic() {
        for bad in [
            "2026-01-01 10:00.a€",
            "2026-01-01 10:00.€",
            "now-€",
            "now-1€",
            "now/€",
            "€",
            "now-9999999999999999999d",
            "now+99999999999999d",
            "-1",
            "9223372036854775807",
            "2026-01-01 -1:00",
            "+2026-01-01",
            "2026-01-01 10:00:00:00",
            "now-1d/€",
        ] {
            assert!(
                resolve(bad, NOW, 0, Edge::From).is_err(),
                "{bad:?} accepted"
            );
        }
        let _ = format(i64::MAX, i64::MAX);
        let _ = format(i64::MIN, i64::MIN);
    }

    proptest::proptest! {
        #[test]
        fn any_string_resolves_or_errs_in_bounds(s in "\\PC{0,40}", now in proptest::num::i64::ANY, off in proptest::num::i64::ANY) {
            if let Ok(ms) = resolve(&s, now, off, Edge::To) {
                proptest::prop_assert!((MIN_MS..=MAX_MS).contains(&ms));
            }
        }

        #[test]
        fn now_expressions_never_panic(s in "now[-+0-9smhdw/€.a ]{0,30}") {
            let _ = resolve(&s, NOW, 540, Edge::From);
        }

        #[test]
        fn dates_never_panic(s in "[0-9]{1,5}-[0-9€]{1,3}-[0-9]{1,3}[ T][0-9:.a€Z]{0,16}") {
            let _ = resolve(&s, NOW, -300, Edge::To);
        }

        #[test]
        fn any_time_formats(ms in proptest::num::i64::ANY, off in proptest::num::i64::ANY) {
            let _ = format(ms, off);
        }
    }
}
