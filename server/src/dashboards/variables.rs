//! A template variable's options, computed on the server from its stored
//! spec: a custom list, a constant, intervals, or a query against a data
//! source — Prometheus `label_values(label)`, `label_values(metric, label)`
//! and `query_result(expr)`, or the terms of an Elasticsearch field. Earlier
//! variables are substituted (escaped) into the query, so a variable can
//! depend on another. An optional `regex` filters the options and, with a
//! capture group, extracts part of each.

use app::model::dashboard::{Dashboard, PanelRequest};
use app::model::template::vars::{interpolate, Target};
use app::model::{Query, QueryData, TimeRange};

/// Most options one variable offers.
pub const MAX_OPTIONS: usize = 1000;

/// How a variable's options are found.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Known without asking anyone.
    Fixed(Vec<String>),
    /// Ask a data source; `label` is the series label to read, if any.
    Ask { query: Query, label: Option<String> },
}

fn spec_str<'a>(spec: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    spec.get(key).and_then(|v| v.as_str())
}

/// `spec.options` as a list of strings, or `spec.query` as `a, b, c`.
fn listed(spec: &serde_json::Value) -> Vec<String> {
    match spec.get("options") {
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Object(o) => o.get("value")?.as_str().map(str::to_owned),
                _ => None,
            })
            .collect(),
        _ => spec_str(spec, "query")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

fn label_name(s: &str) -> Result<String, String> {
    let s = s.trim();
    let ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!("{s:?} is not a label name"))
    }
}

/// The inside of `name(…)`, if `text` is such a call.
fn call<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.trim()
        .strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// How to find variable `name`'s options for this request.
pub fn plan(
    d: &Dashboard,
    name: &str,
    req: &PanelRequest,
    datasource_id: impl Fn(&str) -> Option<i64>,
) -> Result<Plan, String> {
    let var = d
        .spec
        .variables
        .iter()
        .find(|v| v.name == name)
        .ok_or_else(|| format!("this dashboard has no variable {name:?}"))?;
    let spec = &var.spec;
    match var.kind.as_str() {
        "custom" => return Ok(Plan::Fixed(listed(spec))),
        "interval" => {
            let l = listed(spec);
            return Ok(Plan::Fixed(if l.is_empty() {
                ["1m", "5m", "10m", "30m", "1h", "6h", "1d"]
                    .map(String::from)
                    .to_vec()
            } else {
                l
            }));
        }
        "constant" | "textbox" => {
            return Ok(Plan::Fixed(
                spec_str(spec, "value")
                    .or(spec_str(spec, "default"))
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
            ))
        }
        _ => {}
    }
    let ds_name = spec_str(spec, "datasource").unwrap_or_default();
    let datasource = datasource_id(ds_name)
        .ok_or_else(|| format!("spec.datasource: there is no data source named {ds_name:?}"))?;
    let vars = app::model::template::vars::values(d, &req.vars);
    let fill = |text: &str, target| interpolate(text, &vars, target);
    let range = req.range;
    if let Some(field) = spec_str(spec, "field") {
        let query = fill(spec_str(spec, "query").unwrap_or("*"), Target::Lucene)?;
        let field = field.to_owned();
        return Ok(Plan::Ask {
            query: Query::TopValues {
                datasource,
                field,
                query,
                range,
                index: None,
            },
            label: None,
        });
    }
    let text = spec_str(spec, "query").unwrap_or_default();
    if let Some(args) = call(text, "label_values") {
        return Ok(match args.rsplit_once(',') {
            None => Plan::Ask {
                query: Query::LabelValues {
                    datasource,
                    label: label_name(args)?,
                },
                label: None,
            },
            Some((metric, label)) => {
                let label = label_name(label)?;
                Plan::Ask {
                    query: values_of(datasource, &fill(metric, Target::PromQl)?, &label, range),
                    label: Some(label),
                }
            }
        });
    }
    if let Some(expr) = call(text, "query_result") {
        let expr = fill(expr, Target::PromQl)?;
        return Ok(Plan::Ask {
            query: Query::Instant {
                datasource,
                expr,
                time_ms: range.to_ms,
            },
            label: None,
        });
    }
    Err(format!(
        "spec.query: {text:?} is not label_values(label), label_values(metric, label) or query_result(expr)"
    ))
}

/// The query behind `label_values(metric, label)`: the label's values over
/// every series of `metric` with a sample anywhere in the range. For a
/// series selector that is one instant query of `last_over_time` over the
/// whole range: a range query at a coarse step (a 3 h range in 10 points is
/// an 18 minute step) saw only the series alive at its grid points, and
/// missed a host that came up after the last one. Anything else (an
/// expression) keeps the range query, at most 10 points.
fn values_of(datasource: i64, metric: &str, label: &str, range: TimeRange) -> Query {
    if is_selector(metric) {
        let secs = (range.to_ms.saturating_sub(range.from_ms) / 1000).max(1);
        return Query::Instant {
            datasource,
            expr: format!("group by ({label}) (last_over_time({metric}[{secs}s]))"),
            time_ms: range.to_ms,
        };
    }
    Query::Range {
        datasource,
        expr: format!("group by ({label}) ({metric})"),
        range,
        max_data_points: 10,
        min_step_ms: None,
        step_ms: None,
    }
}

/// `name`, `name{…}` or `{…}`: a selector a range (`[5m]`) may follow.
fn is_selector(text: &str) -> bool {
    let text = text.trim();
    let name_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    let (name, matchers) = (&text[..name_len], text[name_len..].trim_start());
    let matchers_ok = match matchers.strip_prefix('{').and_then(|m| m.strip_suffix('}')) {
        Some(inner) => !inner.contains(['{', '}']),
        None => matchers.is_empty() && !name.is_empty(),
    };
    !name.starts_with(|c: char| c.is_ascii_digit()) && matchers_ok
}

/// The options in an answer: label values, series (as `name{k="v"} value`)
/// or terms; filtered by `regex`, sorted, without repeats, at most
/// [`MAX_OPTIONS`].
pub fn options(data: QueryData, label: Option<&str>, regex: Option<&regex::Regex>) -> Vec<String> {
    let mut list = raw(data, label);
    list.sort();
    options_of(list, regex)
}

fn raw(data: QueryData, label: Option<&str>) -> Vec<String> {
    match data {
        QueryData::Names { names } => names,
        QueryData::TopValues { values, .. } => values
            .into_iter()
            .map(|v| match v.value {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
            .collect(),
        QueryData::Series { series, .. } => series
            .iter()
            .filter_map(|s| match label {
                Some(l) => s.labels.get(l).cloned(),
                None => {
                    let name = s.labels.get("__name__").cloned().unwrap_or_default();
                    let labels: Vec<String> = s
                        .labels
                        .iter()
                        .filter(|(k, _)| *k != "__name__")
                        .map(|(k, v)| format!("{k}={v:?}"))
                        .collect();
                    let value = s.values.iter().rev().flatten().next().copied();
                    Some(format!(
                        "{name}{{{}}} {}",
                        labels.join(", "),
                        value.map(|v| v.to_string()).unwrap_or_default()
                    ))
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `list` filtered by `regex`, without repeats, at most [`MAX_OPTIONS`], in
/// the order given (a custom list stays as its author wrote it).
pub fn options_of(list: Vec<String>, regex: Option<&regex::Regex>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = list
        .into_iter()
        .filter_map(|o| match regex {
            None => Some(o),
            Some(re) => {
                // A match keeps the option; a capture group keeps only its part.
                let caps = re.captures(&o)?;
                Some(caps.get(1).map_or(o.clone(), |g| g.as_str().to_owned()))
            }
        })
        .filter(|o| seen.insert(o.clone()))
        .collect();
    out.truncate(MAX_OPTIONS);
    out
}

/// The variable's `regex` (written `/…/` or bare), compiled with a size bound.
pub fn regex_of(d: &Dashboard, name: &str) -> Result<Option<regex::Regex>, String> {
    let Some(text) = d
        .spec
        .variables
        .iter()
        .find(|v| v.name == name)
        .and_then(|v| spec_str(&v.spec, "regex"))
        .filter(|r| !r.is_empty())
    else {
        return Ok(None);
    };
    let body = text
        .strip_prefix('/')
        .and_then(|t| t.strip_suffix('/'))
        .unwrap_or(text);
    regex::RegexBuilder::new(body)
        .size_limit(1 << 20)
        .build()
        .map(Some)
        .map_err(|e| format!("spec.regex: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_of_a_selector_asks_for_every_series_in_the_range() {
        let range = TimeRange {
            from_ms: 1_000_000,
            to_ms: 1_000_000 + 3 * 3_600_000,
        };
        let q = values_of(7, r#"up{job="node"}"#, "instance", range);
        assert_eq!(
            q,
            Query::Instant {
                datasource: 7,
                expr: r#"group by (instance) (last_over_time(up{job="node"}[10800s]))"#.into(),
                time_ms: range.to_ms,
            }
        );
        for selector in [
            "up",
            "node:cpu:rate5m",
            r#"{__name__="up"}"#,
            r#" up { a=~"x|y" } "#,
        ] {
            assert!(is_selector(selector), "{selector}");
        }
        for expr in [
            "sum(up)",
            "up + 1",
            "up[5m]",
            "rate(x[5m])",
            "",
            "{a=\"}\"} or up",
            "1up",
        ] {
            assert!(!is_selector(expr), "{expr}");
        }
        assert!(matches!(
            values_of(7, "sum by (instance) (up)", "instance", range),
            Query::Range {
                max_data_points: 10,
                ..
            }
        ));
    }

    #[test]
    fn custom_lists_keep_their_order_and_answers_are_sorted() {
        let list = ["prod", "staging", "prod", "qa"].map(String::from).to_vec();
        assert_eq!(options_of(list, None), ["prod", "staging", "qa"]);
        let names = QueryData::Names {
            names: ["b", "a", "b"].map(String::from).to_vec(),
        };
        let re = regex::Regex::new("^(a|b)").ok();
        assert_eq!(options(names, None, re.as_ref()), ["a", "b"]);
    }
}
