//! The time every view keeps in its URL: `from`, `to`, `refresh` and
//! `tz=utc`. Explore and dashboards both embed a [`TimeState`], so they
//! read, write and change it the same way; a key missing from the URL falls
//! back to the page's defaults (Explore's per mode, a dashboard's stored
//! time), so a copied link reproduces the view and reload keeps it.

use super::time_range::TimeChange;
use crate::model::timenav::absolute;

/// The URL's time keys; `None` when the URL leaves a key out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeState {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Auto-refresh interval (`5s`…`5m`); `Some("")` is "off" even where the
    /// page's default refreshes.
    pub refresh: Option<String>,
    /// `tz=utc` or `tz=browser`; `None` leaves the zone to the page.
    pub utc: Option<bool>,
}

/// Range, refresh and zone in effect, defaults filled in: what the picker
/// shows and what queries resolve.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeExprs {
    pub from: String,
    pub to: String,
    pub refresh: String,
    pub utc: bool,
}

impl TimeExprs {
    pub fn new(from: &str, to: &str, refresh: &str, utc: bool) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            refresh: refresh.into(),
            utc,
        }
    }
}

impl TimeState {
    /// Takes one URL pair if it is a time key; false leaves it to the page.
    pub fn read(&mut self, key: &str, value: &str) -> bool {
        match key {
            "from" => self.from = Some(value.into()),
            "to" => self.to = Some(value.into()),
            "refresh" => self.refresh = Some(value.into()),
            "tz" => self.utc = Some(value == "utc"),
            _ => return false,
        }
        true
    }

    /// Reads the time keys through a lookup of the URL's parameters.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let mut s = Self::default();
        for key in ["from", "to", "refresh", "tz"] {
            if let Some(v) = get(key) {
                s.read(key, &v);
            }
        }
        s
    }

    /// The pairs to write back, in a fixed order; absent keys stay absent.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = [
            ("from", &self.from),
            ("to", &self.to),
            ("refresh", &self.refresh),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
        .collect();
        if let Some(utc) = self.utc {
            out.push(("tz", if utc { "utc" } else { "browser" }.into()));
        }
        out
    }

    /// The URL's values over `defaults`.
    pub fn resolve(&self, defaults: &TimeExprs) -> TimeExprs {
        let pick = |v: &Option<String>, d: &String| v.clone().unwrap_or_else(|| d.clone());
        TimeExprs {
            from: pick(&self.from, &defaults.from),
            to: pick(&self.to, &defaults.to),
            refresh: pick(&self.refresh, &defaults.refresh),
            utc: self.utc.unwrap_or(defaults.utc),
        }
    }

    /// What the time picker asked for.
    pub fn apply(&mut self, change: TimeChange) {
        match change {
            TimeChange::Range(f, t) => (self.from, self.to) = (Some(f), Some(t)),
            TimeChange::Refresh(r) => self.refresh = Some(r),
            TimeChange::Utc(u) => self.utc = Some(u),
        }
    }

    /// An absolute range in ms (a drag-zoom, a context jump).
    pub fn set_absolute(&mut self, from_ms: i64, to_ms: i64) {
        let (f, t) = absolute(from_ms, to_ms);
        (self.from, self.to) = (Some(f), Some(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_keys_fall_back_and_changes_are_kept() {
        let pairs = [("to", "now"), ("tz", "utc"), ("var-x", "1")];
        let mut s = TimeState::default();
        let kept: Vec<_> = pairs.iter().filter(|(k, v)| !s.read(k, v)).collect();
        assert_eq!(kept, [&("var-x", "1")], "only time keys are taken");
        let defaults = TimeExprs::new("now-6h", "now", "30s", false);
        assert_eq!(
            s.resolve(&defaults),
            TimeExprs::new("now-6h", "now", "30s", true)
        );
        s.apply(TimeChange::Utc(false));
        assert!(
            !s.resolve(&TimeExprs::new("now-1h", "now", "", true)).utc,
            "browser overrides a UTC default"
        );
        s.apply(TimeChange::Utc(true));
        s.apply(TimeChange::Refresh(String::new()));
        assert_eq!(s.resolve(&defaults).refresh, "", "off overrides a default");
        s.set_absolute(0, 60_000);
        assert_eq!(
            s.params(),
            [
                ("from", "1970-01-01T00:00:00Z".to_owned()),
                ("to", "1970-01-01T00:01:00Z".to_owned()),
                ("refresh", String::new()),
                ("tz", "utc".to_owned()),
            ]
        );
        let back = TimeState::from_params(|k| {
            s.params()
                .into_iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v)
        });
        assert_eq!(back, s);
    }
}
