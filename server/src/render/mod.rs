//! Panel images without a browser: `GET /render/d/{uid}/panel/{id}.svg` (or
//! `.png`) for a logged-in user or an API token, and the same under
//! `/render/s/{token}/…` for a share link's holder, with the link's rules.
//! The panel runs its stored queries exactly as on the page (masked for
//! non-admins, `width` points per series), then `image` draws it. A no-JS
//! page shows these images where the browser would draw a chart.

pub mod image;
pub mod params;

use app::components::panel::picture::picture;
use app::components::panel::Answers;
use app::error::AppError;
use app::model::dashboard::{Panel, PanelRequest};
use app::model::share::SharedRequest;
use app::model::time::{now_ms, resolve_range};
use app::model::{QueryAnswer, TimeRange};
use app::services::RequestContext;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::api::{Actor, ApiQuery};
use crate::state::AppState;
use crate::web::status::ApiError;
use params::{Format, Params};

/// Nothing in an image may run or load anything, even opened on its own.
const IMAGE_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

type Query = ApiQuery<Vec<(String, String)>>;

/// Draws the answers; drawing is CPU work, so off the async runtime.
async fn respond(
    p: Params,
    panel: Panel,
    range: TimeRange,
    answers: Vec<QueryAnswer>,
) -> Result<Response, ApiError> {
    let data = Answers::from_batch(answers).data;
    let pic = picture(&panel, data);
    let (size, offset, format) = ((p.width, p.height), p.offset_min, p.format);
    let drawn = tokio::task::spawn_blocking(move || match format {
        Format::Svg => {
            image::svg(pic, range, size, offset).map(|s| ("image/svg+xml", s.into_bytes()))
        }
        Format::Png => image::png(pic, range, size, offset).map(|b| ("image/png", b)),
    })
    .await
    .map_err(|e| anyhow::anyhow!("drawing a panel image: {e}"))
    .map_err(crate::error::ServiceError::from)?;
    let (kind, body) = drawn.map_err(|e| {
        crate::error::ServiceError::from(anyhow::anyhow!("drawing a panel image: {e}"))
    })?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(IMAGE_CSP),
    );
    Ok(res)
}

/// `GET /render/d/{uid}/panel/{file}`: any role, by session or API token.
pub async fn dashboard_panel(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, file)): Path<(String, String)>,
    ApiQuery(pairs): Query,
) -> Result<Response, ApiError> {
    let p = params::parse(&file, pairs, now_ms())?;
    let stored = state.dashboards.get(&actor, &uid).await?;
    let d = &stored.dashboard;
    let panel = d.spec.panels.get(&p.panel).cloned().ok_or_else(|| {
        AppError::NotFound(format!("Dashboard {uid:?} has no panel {:?}.", p.panel))
    })?;
    let range = match p.range {
        Some(r) => r,
        None => resolve_range(&d.spec.time.from, &d.spec.time.to, now_ms(), p.offset_min)
            .map_err(AppError::Invalid)?,
    };
    let req = PanelRequest {
        range,
        width: p.width,
        vars: p.vars.clone(),
        draft: None,
        variables: None,
    };
    let (ds, masker) = (state.datasources.clone(), state.masker.clone());
    // The dashboard is loaded once, above: run what it stores.
    let answers = crate::dashboards::run::run_stored(d, &actor, &p.panel, &req, ds, masker).await?;
    respond(p, panel, range, answers).await
}

/// `GET /render/s/{token}/panel/{file}`: the link's holder, as the link allows.
pub async fn shared_panel(
    State(state): State<AppState>,
    ctx: Option<Extension<RequestContext>>,
    Path((token, file)): Path<(String, String)>,
    ApiQuery(pairs): Query,
) -> Result<Response, ApiError> {
    let p = params::parse(&file, pairs, now_ms())?;
    let viewer = ctx.and_then(|Extension(c)| c.user);
    let req = SharedRequest {
        range: p.range,
        width: p.width,
        vars: p.vars.clone(),
    };
    let (panel, answer) = state
        .shares
        .run_with_panel(&token, viewer.as_ref(), &p.panel, req)
        .await?;
    respond(p, panel, answer.range, answer.answers).await
}
