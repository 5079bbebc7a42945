//! Annotations: a moment or a span with text and tags, global or for one
//! dashboard (and panel), drawn on charts as markers. The text comes from
//! whoever posted it (a CI job), so it is shown as text, never as HTML.

use serde::{Deserialize, Serialize};

/// Longest text accepted.
pub const TEXT_MAX: usize = 2_000;
/// Most tags on one annotation, and the longest tag.
pub const TAGS_MAX: usize = 20;
pub const TAG_MAX: usize = 50;
/// Most annotations one list answers (newest first).
pub const LIST_MAX: usize = 1_000;
/// Longest span one annotation may cover.
pub const SPAN_MAX_MS: i64 = 366 * 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Annotation {
    pub id: i64,
    /// Start, in ms since the epoch; `end_ms` for a span.
    pub time_ms: i64,
    pub end_ms: Option<i64>,
    pub text: String,
    pub tags: Vec<String>,
    /// A dashboard uid (and panel id), or `None` for every dashboard.
    pub dashboard: Option<String>,
    pub panel: Option<String>,
    /// Who posted it (`None` once that user is deleted).
    pub author: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
}

/// What `POST /api/v1/annotations` takes; `time_ms` defaults to now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAnnotation {
    #[serde(default)]
    pub time_ms: Option<i64>,
    #[serde(default)]
    pub end_ms: Option<i64>,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub dashboard: Option<String>,
    #[serde(default)]
    pub panel: Option<String>,
}

/// Which annotations to list: those overlapping the range; with
/// `dashboard`, that dashboard's own and the global ones; with `tags`,
/// only those carrying any of them (a dashboard's own always show).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AnnotationQuery {
    pub from_ms: i64,
    pub to_ms: i64,
    #[serde(default)]
    pub dashboard: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Annotation {
    /// Shown for `q`: overlaps its range, and is the dashboard's own or a
    /// global one with a wanted tag (any tag when none is asked for).
    pub fn matches(&self, q: &AnnotationQuery) -> bool {
        let end = self.end_ms.unwrap_or(self.time_ms);
        let overlaps = self.time_ms <= q.to_ms && end >= q.from_ms;
        let own = q.dashboard.is_some() && self.dashboard == q.dashboard;
        let scoped = self.dashboard.is_none() || own;
        let tagged = q.tags.is_empty() || self.tags.iter().any(|t| q.tags.contains(t));
        overlaps && scoped && (own || tagged)
    }
}

/// The tags as given, trimmed and checked; the error says which rule broke.
pub fn check_tags(tags: &[String]) -> Result<Vec<String>, String> {
    if tags.len() > TAGS_MAX {
        return Err(format!("tags: at most {TAGS_MAX}"));
    }
    let mut out = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() || t.chars().count() > TAG_MAX || t.chars().any(char::is_control) {
            return Err(format!(
                "tags[{i}]: use 1 to {TAG_MAX} characters without line breaks"
            ));
        }
        if !out.iter().any(|o: &String| o == t) {
            out.push(t.to_owned());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(
        time_ms: i64,
        end_ms: Option<i64>,
        dashboard: Option<&str>,
        tags: &[&str],
    ) -> Annotation {
        Annotation {
            id: 1,
            time_ms,
            end_ms,
            text: "deployed".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            dashboard: dashboard.map(str::to_owned),
            panel: None,
            author: None,
            created_at: 0,
        }
    }

    #[test]
    fn a_dashboard_sees_its_own_and_wanted_global_notes_in_range() {
        let q = AnnotationQuery {
            from_ms: 100,
            to_ms: 200,
            dashboard: Some("host".into()),
            tags: vec!["deploy".into()],
        };
        assert!(note(150, None, None, &["deploy"]).matches(&q));
        assert!(
            !note(150, None, None, &["other"]).matches(&q),
            "global, unwanted tag"
        );
        assert!(
            note(150, None, Some("host"), &[]).matches(&q),
            "own, any tag"
        );
        assert!(
            !note(150, None, Some("other"), &["deploy"]).matches(&q),
            "another dashboard's"
        );
        assert!(
            note(50, Some(120), None, &["deploy"]).matches(&q),
            "a span reaching in"
        );
        assert!(
            !note(201, None, None, &["deploy"]).matches(&q),
            "after the range"
        );
        let all = AnnotationQuery { tags: vec![], ..q };
        assert!(note(150, None, None, &["other"]).matches(&all));
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_bounded() {
        let tags = ["deploy ", "deploy", "v1.4.2"].map(String::from);
        assert_eq!(check_tags(&tags).unwrap(), ["deploy", "v1.4.2"]);
        assert!(check_tags(&["a\nb".to_owned()])
            .unwrap_err()
            .starts_with("tags[0]"));
        assert!(check_tags(&vec!["t".to_owned(); TAGS_MAX + 1]).is_err());
    }
}
