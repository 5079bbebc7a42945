//! The checks serde's types cannot express, each naming the bad field's path.

use std::collections::{BTreeMap, BTreeSet};

use super::{Dashboard, GridItem, ModelError, Panel, GRID_COLUMNS, PANEL_KINDS, VARIABLE_KINDS};

/// Longest title, uid, tag or name accepted.
const MAX_TEXT: usize = 200;
/// Most panels, variables or tags in one dashboard.
const MAX_ITEMS: usize = 500;

pub fn check(d: &Dashboard) -> Result<(), ModelError> {
    if d.kind != "Dashboard" {
        return Err(ModelError::at(
            "kind",
            format!("{:?}: must be \"Dashboard\"", d.kind),
        ));
    }
    let m = &d.metadata;
    uid(&m.uid)?;
    text("metadata.title", &m.title, true)?;
    count("metadata.tags", m.tags.len())?;
    for (i, tag) in m.tags.iter().enumerate() {
        text(&format!("metadata.tags[{i}]"), tag, true)?;
    }
    count("spec.panels", d.spec.panels.len())?;
    count("spec.variables", d.spec.variables.len())?;
    crate::model::annotation::check_tags(&d.spec.annotations.tags).map_err(|e| {
        let (field, message) = e.split_once(": ").unwrap_or(("tags", e.as_str()));
        ModelError::at(format!("spec.annotations.{field}"), message)
    })?;
    variables(d)?;
    for (id, panel) in &d.spec.panels {
        self::panel(id, panel)?;
    }
    layout(d)
}

fn uid(uid: &str) -> Result<(), ModelError> {
    let ok = !uid.is_empty()
        && uid.len() <= 64
        && uid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(ModelError::at(
            "metadata.uid",
            format!("{uid:?}: use 1–64 letters, digits, - or _"),
        ));
    }
    Ok(())
}

fn text(path: &str, value: &str, required: bool) -> Result<(), ModelError> {
    if required && value.trim().is_empty() {
        return Err(ModelError::at(path, "missing"));
    }
    if value.chars().count() > MAX_TEXT {
        return Err(ModelError::at(
            path,
            format!("longer than {MAX_TEXT} characters"),
        ));
    }
    Ok(())
}

fn count(path: &str, n: usize) -> Result<(), ModelError> {
    if n > MAX_ITEMS {
        return Err(ModelError::at(
            path,
            format!("{n} entries: at most {MAX_ITEMS}"),
        ));
    }
    Ok(())
}

fn panel(id: &str, p: &Panel) -> Result<(), ModelError> {
    let at = |rest: &str| format!("spec.panels.{id}{rest}");
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
    {
        return Err(ModelError::at(
            at(""),
            "a panel id uses 1–64 letters, digits, - or _",
        ));
    }
    for (i, link) in p.spec.links.iter().enumerate() {
        let url = link.get("url").and_then(|u| u.as_str());
        let url =
            url.ok_or_else(|| ModelError::at(at(&format!(".spec.links[{i}].url")), "missing"))?;
        crate::model::safe_url::check(url)
            .map_err(|e| ModelError::at(at(&format!(".spec.links[{i}].url")), e))?;
    }
    if !PANEL_KINDS.contains(&p.kind.as_str()) {
        return Err(ModelError::at(
            at(".kind"),
            format!(
                "unknown panel kind {:?}: use one of {}",
                p.kind,
                PANEL_KINDS.join(", ")
            ),
        ));
    }
    text(&at(".spec.title"), &p.spec.title, false)?;
    let logs = matches!(p.kind.as_str(), "logs" | "logvolume");
    for (i, q) in p.spec.queries.iter().enumerate() {
        let qat = |f: &str| at(&format!(".spec.queries[{i}].{f}"));
        if q.datasource
            .as_deref()
            .or(p.spec.datasource.as_deref())
            .is_none_or(|d| d.trim().is_empty())
        {
            return Err(ModelError::at(
                qat("datasource"),
                "missing (set it on the query or the panel)",
            ));
        }
        let (field, value) = if logs {
            ("query", &q.query)
        } else {
            ("expr", &q.expr)
        };
        if !logs && value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(ModelError::at(qat(field), "missing"));
        }
        if logs && value.is_none() {
            return Err(ModelError::at(
                qat(field),
                "missing (use \"\" for every log)",
            ));
        }
    }
    if p.kind != "text" && p.spec.queries.is_empty() {
        return Err(ModelError::at(
            at(".spec.queries"),
            "missing: a panel needs a query",
        ));
    }
    Ok(())
}

/// Names are unique and well-formed, kinds known, and no variable depends
/// on itself through others (`$a` in `b`'s spec and `$b` in `a`'s).
fn variables(d: &Dashboard) -> Result<(), ModelError> {
    let mut names = BTreeSet::new();
    for (i, v) in d.spec.variables.iter().enumerate() {
        let at = format!("spec.variables[{i}]");
        let ok = !v.name.is_empty()
            && v.name.len() <= 64
            && v.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !v.name.starts_with("__");
        if !ok {
            return Err(ModelError::at(
                format!("{at}.name"),
                format!("{:?}: use letters, digits and _", v.name),
            ));
        }
        if !names.insert(v.name.as_str()) {
            return Err(ModelError::at(
                format!("{at}.name"),
                format!("{:?} is defined twice", v.name),
            ));
        }
        if !VARIABLE_KINDS.contains(&v.kind.as_str()) {
            return Err(ModelError::at(
                format!("{at}.kind"),
                format!(
                    "unknown variable kind {:?}: use one of {}",
                    v.kind,
                    VARIABLE_KINDS.join(", ")
                ),
            ));
        }
    }
    let deps: BTreeMap<&str, Vec<&str>> = d
        .spec
        .variables
        .iter()
        .map(|v| {
            let text = v.spec.to_string();
            let uses = names
                .iter()
                .copied()
                .filter(|n| *n != v.name && mentions(&text, n))
                .collect();
            (v.name.as_str(), uses)
        })
        .collect();
    for (i, v) in d.spec.variables.iter().enumerate() {
        if let Some(path) = cycle_from(&v.name, &deps) {
            return Err(ModelError::at(
                format!("spec.variables[{i}].spec"),
                format!(
                    "variables depend on each other in a circle: {}",
                    path.join(" → ")
                ),
            ));
        }
    }
    Ok(())
}

/// `$name` or `${name}` in `text`, not as the start of a longer name.
pub fn mentions(text: &str, name: &str) -> bool {
    if text.contains(&format!("${{{name}}}")) {
        return true;
    }
    let needle = format!("${name}");
    text.match_indices(&needle).any(|(i, _)| {
        !text[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

fn cycle_from<'a>(start: &'a str, deps: &BTreeMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    fn walk<'a>(
        at: &'a str,
        start: &'a str,
        deps: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        seen: &mut BTreeSet<&'a str>,
    ) -> bool {
        for &next in deps.get(at).map(Vec::as_slice).unwrap_or_default() {
            path.push(next);
            if next == start || (seen.insert(next) && walk(next, start, deps, path, seen)) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start];
    walk(start, start, deps, &mut path, &mut BTreeSet::new()).then_some(path)
}

/// Items name existing panels, fit the 24 columns, and do not overlap.
fn layout(d: &Dashboard) -> Result<(), ModelError> {
    let mut placed: Vec<(&GridItem, String)> = Vec::new();
    for (r, row) in d.spec.layout.iter().enumerate() {
        text(&format!("spec.layout[{r}].title"), &row.title, false)?;
        for (i, item) in row.items.iter().enumerate() {
            let at = format!("spec.layout[{r}].items[{i}]");
            if !d.spec.panels.contains_key(&item.panel) {
                return Err(ModelError::at(
                    format!("{at}.panel"),
                    format!("{:?} is not a panel of this dashboard", item.panel),
                ));
            }
            if item.w == 0 || item.h == 0 || item.h > 100 || item.y > 10_000 {
                return Err(ModelError::at(
                    at,
                    "w and h must be at least 1 (h at most 100)",
                ));
            }
            if item.x.saturating_add(item.w) > GRID_COLUMNS {
                return Err(ModelError::at(
                    at,
                    format!("x + w is past the grid's {GRID_COLUMNS} columns"),
                ));
            }
            if let Some((_, other)) = placed
                .iter()
                .find(|(o, p)| p.starts_with(&format!("spec.layout[{r}]")) && overlaps(o, item))
            {
                return Err(ModelError::at(at, format!("overlaps {other}")));
            }
            placed.push((item, at));
        }
    }
    Ok(())
}

fn overlaps(a: &GridItem, b: &GridItem) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}
