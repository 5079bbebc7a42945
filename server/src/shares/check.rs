//! What a link's holder may ask, checked before anything runs: the range
//! (the dashboard's own, or another no wider than the link allows) and the
//! variable values' shape. Whether a picked value is one of the variable's
//! options needs the options themselves, which `view` looks up.

use std::collections::BTreeMap;

use app::error::AppError;
use app::model::dashboard::Dashboard;
use app::model::share::{ShareOptions, SHARE_PREFIX};
use app::model::template::vars::{default_of, ALL};
use app::model::time::resolve_range;
use app::model::TimeRange;

/// Most values one variable may be given.
const VALUES_MAX: usize = 100;

/// `lks_` and 64 lower-case hex digits (256 random bits).
pub fn well_formed(token: &str) -> bool {
    crate::auth::cookie::has_shape(token, SHARE_PREFIX)
}

/// The range to run: the dashboard's default (resolved here, in UTC) when
/// none is asked, else the asked one if the link allows picking and it is
/// no wider than the link's maximum.
pub fn range(
    d: &Dashboard,
    o: &ShareOptions,
    asked: Option<TimeRange>,
    now_ms: i64,
) -> Result<TimeRange, AppError> {
    let Some(r) = asked else {
        let t = &d.spec.time;
        return resolve_range(&t.from, &t.to, now_ms, 0).map_err(|e| {
            AppError::Invalid(format!(
                "The shared dashboard's own range does not work: {e}"
            ))
        });
    };
    if !o.allow_time {
        return Err(AppError::Forbidden(
            "This link shows the dashboard's own time range; it does not allow picking another."
                .into(),
        ));
    }
    let span = r.to_ms.checked_sub(r.from_ms).filter(|s| *s > 0);
    let max = i64::from(o.max_span_days) * 86_400_000;
    match span {
        None => Err(AppError::invalid(
            "The range ends before it starts: pick a later \"to\".",
        )),
        Some(s) if s > max => Err(AppError::Forbidden(format!(
            "This link allows ranges up to {} days wide: pick a shorter range.",
            o.max_span_days
        ))),
        Some(_) => Ok(r),
    }
}

/// A value as an error message quotes it: short, on one line.
pub fn quoted(v: &str) -> String {
    let short: String = v.chars().take(80).filter(|c| !c.is_control()).collect();
    format!("{short:?}")
}

/// Checks the shape of the picked values and returns the variables (in
/// the dashboard's order, so one that depends on another comes after it)
/// whose values must be looked up among their options. A variable's own
/// default needs no lookup: its author chose it.
pub fn picked<'a>(
    d: &'a Dashboard,
    o: &ShareOptions,
    asked: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<&'a str>, AppError> {
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    if !o.allow_vars {
        return Err(AppError::Forbidden(
            "This link does not allow picking variable values.".into(),
        ));
    }
    if let Some(unknown) = asked
        .keys()
        .find(|n| !d.spec.variables.iter().any(|v| &v.name == *n))
    {
        return Err(AppError::Invalid(format!(
            "This dashboard has no variable {}.",
            quoted(unknown)
        )));
    }
    let flag =
        |spec: &serde_json::Value, k: &str| spec.get(k).and_then(|b| b.as_bool()) == Some(true);
    let mut lookups = Vec::new();
    for v in &d.spec.variables {
        let Some(values) = asked.get(&v.name) else {
            continue;
        };
        let name = quoted(&v.name);
        if values.is_empty() || values.len() > VALUES_MAX {
            return Err(AppError::Invalid(format!(
                "Variable {name}: pick 1 to {VALUES_MAX} values."
            )));
        }
        if values.len() > 1 && !flag(&v.spec, "multi") {
            return Err(AppError::Forbidden(format!(
                "Variable {name} takes one value."
            )));
        }
        if values.iter().any(|x| x == ALL) && !flag(&v.spec, "includeAll") {
            return Err(AppError::Forbidden(format!(
                "Variable {name} does not offer \"All\"."
            )));
        }
        if *values != default_of(&v.spec) {
            lookups.push(v.name.as_str());
        }
    }
    Ok(lookups)
}

#[cfg(test)]
mod tests;
