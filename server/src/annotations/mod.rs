//! Annotations: editors (and their API tokens, e.g. a CI job marking a
//! deploy) post them; anyone logged in lists them for a range; the poster
//! or an admin deletes one. Every field is checked before it is stored.

use app::error::AppError;
use app::model::annotation::{
    check_tags, Annotation, AnnotationQuery, NewAnnotation, LIST_MAX, SPAN_MAX_MS, TEXT_MAX,
};
use app::model::{CurrentUser, Role};
use sqlx::SqlitePool;

use crate::dashboards::DashboardService;
use crate::error::ServiceResult;
use crate::storage::annotations::{self as store, AnnotationRow, NewRow};

/// Times outside year 1970 to 9999 are mistakes (seconds for ms, or junk).
const TIME_MAX_MS: i64 = 253_402_300_799_999;

#[derive(Clone)]
pub struct AnnotationService {
    pool: SqlitePool,
    /// For the dashboard (and panel) an annotation names.
    dashboards: DashboardService,
}

fn decode(r: AnnotationRow) -> Annotation {
    Annotation {
        id: r.id,
        time_ms: r.time_ms,
        end_ms: r.end_ms,
        text: r.text,
        tags: serde_json::from_str(&r.tags).unwrap_or_default(),
        dashboard: r.dashboard_uid,
        panel: r.panel_id,
        author: r.author,
        created_at: r.created_at,
    }
}

fn bad(msg: impl Into<String>) -> AppError {
    AppError::Invalid(msg.into())
}

/// Start and end checked: inside the calendar, end after start, span bounded.
fn times(new: &NewAnnotation, now_ms: i64) -> Result<(i64, Option<i64>), AppError> {
    let time = new.time_ms.unwrap_or(now_ms);
    let valid = |t: i64| (0..=TIME_MAX_MS).contains(&t);
    if !valid(time) {
        return Err(bad("time_ms: give milliseconds since 1970 (e.g. from `date +%s%3N`), or leave it out for now."));
    }
    match new.end_ms {
        Some(end) if !valid(end) || end < time => Err(bad(
            "end_ms: must be milliseconds since 1970, at or after time_ms.",
        )),
        Some(end) if end - time > SPAN_MAX_MS => {
            Err(bad("end_ms: a span may cover at most 366 days."))
        }
        end => Ok((time, end)),
    }
}

impl AnnotationService {
    pub fn new(pool: SqlitePool, dashboards: DashboardService) -> Self {
        Self { pool, dashboards }
    }

    /// Stores one annotation for an editor (or an editor's token).
    pub async fn create(
        &self,
        actor: &CurrentUser,
        new: NewAnnotation,
    ) -> ServiceResult<Annotation> {
        actor.require(Role::Editor)?;
        let text = new.text.trim();
        if text.is_empty() || text.chars().count() > TEXT_MAX {
            return Err(bad(format!(
                "text: write 1 to {TEXT_MAX} characters, e.g. \"deployed v1.4.2\"."
            ))
            .into());
        }
        let (time_ms, end_ms) = times(&new, app::model::time::now_ms())?;
        let tags = check_tags(&new.tags).map_err(bad)?;
        if new.panel.is_some() && new.dashboard.is_none() {
            return Err(bad("panel: name the dashboard too.").into());
        }
        if let Some(uid) = &new.dashboard {
            let stored = self.dashboards.get(actor, uid).await?;
            if let Some(panel) = &new.panel {
                if !stored.dashboard.spec.panels.contains_key(panel) {
                    return Err(AppError::NotFound(format!(
                        "panel: dashboard {uid:?} has no panel {panel:?}."
                    ))
                    .into());
                }
            }
        }
        let tags_json = serde_json::to_string(&tags).map_err(anyhow::Error::from)?;
        let now = crate::now_secs();
        let id = store::insert(
            &self.pool,
            NewRow {
                time_ms,
                end_ms,
                text,
                tags: &tags_json,
                dashboard_uid: new.dashboard.as_deref(),
                panel_id: new.panel.as_deref(),
                created_by: actor.id,
                now,
            },
        )
        .await?;
        tracing::info!(event = "annotation_created", user = %actor.username, id, "annotation created");
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "annotation_created",
            &format!("annotation {id}"),
            text,
        )
        .await;
        Ok(Annotation {
            id,
            time_ms,
            end_ms,
            text: text.to_owned(),
            tags,
            dashboard: new.dashboard,
            panel: new.panel,
            author: Some(actor.username.clone()),
            created_at: now,
        })
    }

    /// Those matching `q`, newest first, at most [`LIST_MAX`].
    pub async fn list(
        &self,
        actor: &CurrentUser,
        q: &AnnotationQuery,
    ) -> ServiceResult<Vec<Annotation>> {
        actor.require(Role::Viewer)?;
        if q.to_ms < q.from_ms {
            return Err(bad("to_ms: must be at or after from_ms.").into());
        }
        let tags = check_tags(&q.tags).map_err(bad)?;
        let q = AnnotationQuery { tags, ..q.clone() };
        // Tags are filtered here, so read a few more rows than are answered.
        let rows = store::in_range(
            &self.pool,
            q.from_ms,
            q.to_ms,
            SPAN_MAX_MS,
            q.dashboard.as_deref(),
            (LIST_MAX * 4) as i64,
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(decode)
            .filter(|a| a.matches(&q))
            .take(LIST_MAX)
            .collect())
    }

    /// Deletes one: its poster or an admin.
    pub async fn delete(&self, actor: &CurrentUser, id: i64) -> ServiceResult<()> {
        actor.require(Role::Editor)?;
        let row = store::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("No annotation {id}.")))?;
        if actor.role != Role::Admin && row.created_by != Some(actor.id) {
            return Err(AppError::Forbidden(
                "Only its author or an admin may delete an annotation.".into(),
            )
            .into());
        }
        store::delete(&self.pool, id).await?;
        Ok(())
    }
}
