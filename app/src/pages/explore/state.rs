//! Explore's URL state. Everything the page shows follows from these
//! parameters, so a copied link reproduces the view, reload keeps it, and
//! back/forward move through it.

use crate::components::{TimeExprs, TimeState};
use crate::model::ExploreMode;

pub use crate::components::url::encode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExploreState {
    pub mode: ExploreMode,
    pub ds: Option<i64>,
    /// Lucene in logs mode, PromQL in metrics mode.
    pub q: String,
    /// Range, auto-refresh and zone, as every page keeps them.
    pub time: TimeState,
    /// Metrics: legend format, y unit, and chart or table.
    pub legend: String,
    pub unit: String,
    pub table: bool,
    /// Logs: an index pattern overriding the data source's default.
    pub index: String,
    /// Metrics: an asked-for resolution such as `15s` (empty: from the width).
    pub step: String,
    /// Logs: the table's columns after the time, comma-separated.
    pub cols: String,
}

impl ExploreState {
    /// Reads the state from the route's mode and URL parameters (missing
    /// ones take defaults).
    pub fn from_params(mode: ExploreMode, get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            mode,
            ds: get("ds").and_then(|v| v.parse().ok()),
            q: get("q").unwrap_or_default(),
            time: TimeState::from_params(&get),
            legend: get("legend").unwrap_or_default(),
            unit: get("unit").unwrap_or_default(),
            table: get("view").as_deref() == Some("table"),
            cols: get("cols").unwrap_or_default(),
            step: get("step").unwrap_or_default(),
            index: get("index").unwrap_or_default(),
        }
    }

    /// The link to this state; defaults are left out to keep links short.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if let Some(ds) = self.ds {
            parts.push(format!("ds={ds}"));
        }
        let mut add = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", encode(v)));
            }
        };
        add("q", &self.q);
        for (k, v) in self.time.params() {
            add(k, &v);
        }
        add("legend", &self.legend);
        add("unit", &self.unit);
        add("view", if self.table { "table" } else { "" });
        add("cols", &self.cols);
        add("step", &self.step);
        add("index", &self.index);
        let path = match self.mode {
            ExploreMode::Logs => "/explore",
            ExploreMode::Metrics => "/explore/metrics",
        };
        format!("{path}?{}", parts.join("&"))
    }

    /// The range and refresh in effect: the URL's, else the last 24 hours
    /// of logs or the last hour of metrics, without auto-refresh.
    pub fn times(&self) -> TimeExprs {
        let from = match self.mode {
            ExploreMode::Logs => "now-24h",
            ExploreMode::Metrics => "now-1h",
        };
        self.time.resolve(&TimeExprs::new(from, "now", "", false))
    }

    /// The asked-for step in ms (`500ms`, `15s`, `1m`, `1h`), if any.
    pub fn step_ms(&self) -> Result<Option<i64>, String> {
        let s = self.step.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n: Option<i64> = s[..digits].parse().ok().filter(|n| *n > 0);
        let unit = match &s[digits..] {
            "ms" => Some(1),
            "s" | "" => Some(1000),
            "m" => Some(60_000),
            "h" => Some(3_600_000),
            _ => None,
        };
        n.zip(unit).map(|(n, u)| Some(n * u)).ok_or_else(|| {
            format!(
                "Step {s:?} is not a duration: use e.g. 500ms, 15s, 1m or 1h, or leave it empty."
            )
        })
    }

    /// The log table's columns after the time.
    pub fn columns(&self) -> Vec<String> {
        let cols: Vec<String> = self
            .cols
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        if cols.is_empty() {
            ["level", "service", "message"].map(String::from).into()
        } else {
            cols
        }
    }

    /// The same view in another mode, on another data source and query.
    pub fn switch(&self, mode: ExploreMode, ds: Option<i64>, q: String) -> Self {
        Self {
            mode,
            ds,
            q,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_link() {
        let s = ExploreState {
            mode: ExploreMode::Metrics,
            ds: Some(2),
            q: "sum(rate(x{a=\"b c\"}[5m]))".into(),
            time: TimeState {
                from: Some("2026-11-26T10:00:00Z".into()),
                to: Some("now".into()),
                refresh: Some("10s".into()),
                utc: Some(true),
            },
            legend: "{{instance}}".into(),
            unit: "percent".into(),
            table: true,
            cols: "level,service".into(),
            step: "15s".into(),
            index: "logs-2026.*".into(),
        };
        assert_eq!(s.step_ms(), Ok(Some(15_000)));
        let bad = ExploreState {
            step: "fast".into(),
            ..s.clone()
        };
        assert!(bad.step_ms().unwrap_err().contains("not a duration"));
        let href = s.href();
        assert!(
            href.starts_with("/explore/metrics?ds=2&q=sum%28rate%28x%7Ba%3D%22b%20c%22"),
            "{href}"
        );
        let params: Vec<(String, String)> = href["/explore/metrics?".len()..]
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), crate::components::url::decode(v).unwrap())
            })
            .collect();
        let back = ExploreState::from_params(ExploreMode::Metrics, |k| {
            params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        });
        assert_eq!(back, s);
        let logs = ExploreState::from_params(ExploreMode::Logs, |_| None);
        let t = logs.times();
        assert_eq!(
            (logs.mode, t.from.as_str(), t.to.as_str()),
            (ExploreMode::Logs, "now-24h", "now")
        );
        assert!(!logs.href().contains("from="), "defaults stay out of links");
    }
}
