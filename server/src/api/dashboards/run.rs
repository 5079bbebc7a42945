//! Running what a dashboard stores: a panel's queries, a variable's options.
//! The caller sends a range and values, never query text.

use app::model::QueryAnswer;

use crate::dashboards::panel_query::PanelRequest;
use axum::extract::{Path, State};
use axum::Json;

use crate::api::answers::{size_hint, AnswersJson};
use crate::api::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// Run a panel's stored queries
///
/// Any logged-in user: `{range, width, vars}`. The server runs the queries
/// stored in the dashboard with the variables filled in; query text is
/// never taken from the caller.
#[utoipa::path(post, path = "/api/v1/dashboards/{uid}/panels/{panel}/query", tag = "dashboards",
    params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`."), ("panel" = String, Path, description = "The panel's id in the dashboard.")),
    request_body = PanelRequest,
    responses((status = 200, description = "One answer per query of the panel.", body = Vec<QueryAnswer>)))]
pub async fn panel_query(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, panel)): Path<(String, String)>,
    ApiJson(req): ApiJson<PanelRequest>,
) -> Result<AnswersJson<Vec<QueryAnswer>>, ApiError> {
    let answers = state
        .dashboards
        .run_panel(
            &actor,
            &uid,
            &panel,
            &req,
            state.datasources.clone(),
            state.masker.clone(),
        )
        .await?;
    let size = size_hint(&answers);
    Ok(AnswersJson(answers, size))
}

/// List a variable's options
///
/// Any logged-in user: `{range, vars}`. The variable's query is filled in
/// with the other variables' values and run on the server.
#[utoipa::path(post, path = "/api/v1/dashboards/{uid}/variables/{name}/options", tag = "dashboards",
    params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`."), ("name" = String, Path, description = "The variable's name.")),
    request_body = PanelRequest,
    responses((status = 200, description = "The options, in the variable's order.", body = Vec<String>)))]
pub async fn variable_options(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, name)): Path<(String, String)>,
    ApiJson(req): ApiJson<PanelRequest>,
) -> Result<Json<Vec<String>>, ApiError> {
    let options = state
        .dashboards
        .variable_options(
            &actor,
            &uid,
            &name,
            &req,
            state.datasources.clone(),
            state.masker.clone(),
        )
        .await?;
    Ok(Json(options))
}
