//! A panel image's query string: `from`, `to` (epoch ms or expressions such
//! as `now-6h`), `width`, `height`, `tz` (`utc` or minutes east of UTC) and
//! `var-NAME` (repeated for several values). Everything is bounded before
//! use: the picture's size, the range, the number of values.

use std::collections::BTreeMap;

use app::error::AppError;
use app::model::time::{resolve, Edge};
use app::model::TimeRange;

/// Widest and tallest image, and most pixels in one (a PNG's buffer).
pub const MAX_WIDTH: u32 = 3000;
pub const MAX_HEIGHT: u32 = 2000;
pub const MAX_PIXELS: u32 = 2_400_000;
const MAX_VARS: usize = 50;
const MAX_VALUES: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub panel: String,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    /// `None`: the dashboard's own range.
    pub range: Option<TimeRange>,
    pub offset_min: i64,
    pub vars: BTreeMap<String, Vec<String>>,
}

fn bad(msg: String) -> AppError {
    AppError::Invalid(msg)
}

fn size(v: Option<&String>, name: &str, default: u32, max: u32) -> Result<u32, AppError> {
    let Some(v) = v else { return Ok(default) };
    v.parse::<u32>()
        .ok()
        .filter(|n| (16..=max).contains(n))
        .ok_or_else(|| bad(format!("{name}: give a number of pixels from 16 to {max}.")))
}

fn offset(tz: Option<&String>) -> Result<i64, AppError> {
    match tz.map(String::as_str) {
        None | Some("utc") | Some("UTC") => Ok(0),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|m| (-14 * 60..=14 * 60).contains(m))
            .ok_or_else(|| {
                bad(
                    "tz: give \"utc\" or the zone's offset in minutes east of UTC, e.g. 120."
                        .into(),
                )
            }),
    }
}

fn time(v: &str, now_ms: i64, offset_min: i64, edge: Edge) -> Result<i64, AppError> {
    match v.parse::<i64>() {
        Ok(ms) => Ok(ms),
        Err(_) => resolve(v, now_ms, offset_min, edge).map_err(|e| bad(format!("{v:?}: {e}"))),
    }
}

/// Reads `{panel}.svg` or `{panel}.png` and the query string.
pub fn parse(file: &str, pairs: Vec<(String, String)>, now_ms: i64) -> Result<Params, AppError> {
    let (panel, format) = match file.rsplit_once('.') {
        Some((p, "svg")) => (p, Format::Svg),
        Some((p, "png")) => (p, Format::Png),
        _ => return Err(bad("Ask for {panel}.svg or {panel}.png.".into())),
    };
    let mut one: BTreeMap<&str, String> = BTreeMap::new();
    let mut vars: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in pairs {
        if let Some(name) = k.strip_prefix("var-") {
            let values = vars.entry(name.to_owned()).or_default();
            values.push(v);
            if values.len() > MAX_VALUES || vars.len() > MAX_VARS {
                return Err(bad(format!(
                    "At most {MAX_VARS} variables of {MAX_VALUES} values each."
                )));
            }
        } else if let Some(key) = ["from", "to", "width", "height", "tz"]
            .into_iter()
            .find(|x| *x == k)
        {
            one.insert(key, v);
        } else {
            return Err(bad(format!(
                "Unknown parameter {:?}: use from, to, width, height, tz and var-NAME.",
                k.chars().take(40).collect::<String>()
            )));
        }
    }
    let width = size(one.get("width"), "width", 1000, MAX_WIDTH)?;
    let height = size(one.get("height"), "height", 300, MAX_HEIGHT)?;
    if width * height > MAX_PIXELS {
        return Err(bad(format!(
            "{width} × {height} is more than {MAX_PIXELS} pixels: ask for a smaller image."
        )));
    }
    let offset_min = offset(one.get("tz"))?;
    let range = match (one.get("from"), one.get("to")) {
        (None, None) => None,
        (Some(f), Some(t)) => {
            let from_ms = time(f, now_ms, offset_min, Edge::From)?;
            let to_ms = time(t, now_ms, offset_min, Edge::To)?;
            Some(TimeRange { from_ms, to_ms })
        }
        _ => {
            return Err(bad(
                "Give both from and to, or neither (the dashboard's range).".into(),
            ))
        }
    };
    Ok(Params {
        panel: panel.to_owned(),
        format,
        width,
        height,
        range,
        offset_min,
        vars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_every_parameter() {
        let p = parse(
            "cpu.png",
            pairs(&[
                ("from", "1000"),
                ("to", "now"),
                ("width", "640"),
                ("height", "200"),
                ("tz", "-300"),
                ("var-i", "a"),
                ("var-i", "b"),
            ]),
            5000,
        )
        .unwrap();
        assert_eq!(
            (p.panel.as_str(), p.format, p.width, p.height),
            ("cpu", Format::Png, 640, 200)
        );
        assert_eq!(
            p.range,
            Some(TimeRange {
                from_ms: 1000,
                to_ms: 5000
            })
        );
        assert_eq!(
            (p.offset_min, p.vars["i"].clone()),
            (-300, vec!["a".to_owned(), "b".to_owned()])
        );
        let d = parse("a.b.svg", vec![], 0).unwrap();
        assert_eq!(
            (d.panel.as_str(), d.width, d.height, d.range),
            ("a.b", 1000, 300, None)
        );
    }

    #[test]
    fn refuses_what_is_out_of_bounds() {
        let refused = |file: &str, list: &[(&str, &str)]| {
            parse(file, pairs(list), 0).unwrap_err().to_string()
        };
        assert!(refused("cpu.gif", &[]).contains(".svg or"));
        assert!(refused("cpu.svg", &[("width", "99999")]).contains("width"));
        assert!(refused("cpu.svg", &[("width", "-1")]).contains("width"));
        assert!(refused("cpu.svg", &[("width", "3000"), ("height", "2000")]).contains("pixels"));
        assert!(refused("cpu.svg", &[("from", "now-1h")]).contains("both"));
        assert!(refused("cpu.svg", &[("from", "yesterday"), ("to", "now")]).contains("yesterday"));
        assert!(refused("cpu.svg", &[("tz", "Europe/Berlin")]).contains("tz"));
        assert!(refused("cpu.svg", &[("query", "up")]).contains("Unknown parameter"));
        let many: Vec<(String, String)> = (0..101)
            .map(|i| ("var-x".to_owned(), i.to_string()))
            .collect();
        assert!(parse("cpu.svg", many, 0).is_err());
    }
}
