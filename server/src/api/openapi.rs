//! The REST API's OpenAPI 3.1 document, generated from the code: each
//! handler's `#[utoipa::path]` (its summary is the doc comment's first line)
//! and the model types' `ToSchema` derives. Served at
//! `/api/v1/openapi.json`; a test checks that every route in [`super::paths`]
//! has an operation with a summary, and CI validates the document.

use app::error::AppError;
use axum::Json;
use serde::Serialize;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

use super::{
    annotations, audit, auth, dashboards, datasources, export, query, saved, shares, tokens, users,
    Actor,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lookout REST API",
        description = "Log search, metric queries, dashboards, sharing and administration, \
            for scripts and automation. Authenticate with the `lookout_session` cookie from \
            `POST /api/v1/auth/login`, or with an API token as `Authorization: Bearer lk_…`. \
            Every error answers `{\"error\": {\"kind\", \"message\"}}`: `kind` is stable for \
            programs, `message` says what was wrong and what to do."
    ),
    paths(
        serve,
        auth::login, auth::logout, auth::me, auth::change_password,
        users::list, users::create, users::update, users::reset_password,
        tokens::list, tokens::create, tokens::revoke,
        shares::list, shares::create, shares::revoke,
        audit::list,
        annotations::list, annotations::create, annotations::delete,
        datasources::list, datasources::create, datasources::update, datasources::delete,
        datasources::test,
        query::run, export::run,
        saved::list, saved::create, saved::delete,
        dashboards::list, dashboards::create, dashboards::get, dashboards::save,
        dashboards::delete, dashboards::undelete, dashboards::star, dashboards::unstar,
        dashboards::export,
        dashboards::versions::versions, dashboards::versions::version,
        dashboards::versions::diff, dashboards::versions::restore,
        dashboards::run::panel_query, dashboards::run::variable_options,
        dashboards::library::library, dashboards::library::import,
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&Security, &Errors, &OperationIds),
    security(("session" = []), ("token" = [])),
    tags(
        (name = "auth", description = "Logging in and out, and the caller's own account."),
        (name = "users", description = "User accounts and roles (admins)."),
        (name = "tokens", description = "API tokens for automation."),
        (name = "shares", description = "Read-only share links for a dashboard or a saved search."),
        (name = "audit", description = "Who did what, and when (admins)."),
        (name = "annotations", description = "Marks on charts, such as deploys."),
        (name = "datasources", description = "Prometheus and Elasticsearch/OpenSearch connections."),
        (name = "query", description = "Running log searches and metric queries."),
        (name = "saved-queries", description = "Named searches and queries."),
        (name = "dashboards", description = "Dashboards, their versions and the library."),
        (name = "meta", description = "This document."),
    )
)]
struct ApiDoc;

/// The document, built once per call (it is small and rarely fetched).
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// This API's OpenAPI document
///
/// Any logged-in user or API token: the OpenAPI 3.1 description of every
/// `/api/v1` route.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document.", content_type = "application/json")))]
pub async fn serve(Actor(_, _): Actor) -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

/// Every error's body.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong: `kind` for programs, `message` for people.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code; the values are listed in the schema.
    #[schema(schema_with = kind_schema)]
    kind: String,
    /// What was wrong and what to do about it.
    message: String,
}

/// One error of each kind, so the document lists every `kind` the API can
/// answer. The match makes a new `AppError` variant fail to compile here
/// until it is listed.
fn samples() -> Vec<AppError> {
    let all = vec![
        AppError::Invalid(String::new()),
        AppError::Unauthenticated,
        AppError::BadToken,
        AppError::BadLink,
        AppError::BadCredentials,
        AppError::Forbidden(String::new()),
        AppError::NotFound(String::new()),
        AppError::Conflict(String::new()),
        AppError::TooManyAttempts {
            retry_after_secs: 0,
        },
        AppError::Unavailable(String::new()),
        AppError::Internal(String::new()),
        AppError::Transport(String::new()),
    ];
    for e in &all {
        match e {
            AppError::Invalid(_)
            | AppError::Unauthenticated
            | AppError::BadToken
            | AppError::BadLink
            | AppError::BadCredentials
            | AppError::Forbidden(_)
            | AppError::NotFound(_)
            | AppError::Conflict(_)
            | AppError::TooManyAttempts { .. }
            | AppError::Unavailable(_)
            | AppError::Internal(_)
            | AppError::Transport(_) => {}
        }
    }
    all
}

/// The `kind` values, as the API serialises them.
pub fn kinds() -> Vec<String> {
    samples()
        .iter()
        .filter_map(|e| {
            serde_json::to_value(e)
                .ok()?
                .get("kind")?
                .as_str()
                .map(String::from)
        })
        .collect()
}

fn kind_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(kinds()))
        .build()
}

/// The two ways to authenticate: the session cookie and a bearer token.
struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::cookie::NAME,
                "The session cookie set by `POST /api/v1/auth/login`.",
            ))),
        );
        c.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token (`lk_…`) made under API tokens."))
                    .build(),
            ),
        );
    }
}

/// Adds the shared error answers (`4XX`, `5XX`) to every operation, so each
/// one documents the error body without repeating it.
struct Errors;

impl Modify for Errors {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let body = || {
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(Ref::from_schema_name("ErrorBody"))))
                .build()
        };
        let client = ResponseBuilder::new()
            .description("The request was refused: bad input (400), not logged in (401), not allowed (403), not found (404), a stale save or a taken name (409), too many attempts (429, with `Retry-After`).")
            .content("application/json", body())
            .build();
        let server = ResponseBuilder::new()
            .description("Lookout or an upstream failed: an upstream that is down or answered garbage (502), a read-only database (503), an internal fault (500).")
            .content("application/json", body())
            .build();
        for item in doc.paths.paths.values_mut() {
            for op in operations(item) {
                let r = &mut op.responses.responses;
                r.insert("4XX".into(), RefOr::T(client.clone()));
                r.insert("5XX".into(), RefOr::T(server.clone()));
            }
        }
    }
}

/// Handler names repeat across modules (`list`, `create`), so each
/// operation id is prefixed with its tag: `dashboards_list`.
struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for item in doc.paths.paths.values_mut() {
            for op in operations(item) {
                let tag = op.tags.as_ref().and_then(|t| t.first()).cloned();
                if let (Some(tag), Some(id)) = (tag, op.operation_id.as_mut()) {
                    *id = format!("{}_{id}", tag.replace('-', "_"));
                }
            }
        }
    }
}

/// The operations of one path, whatever their method.
pub fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
        &mut item.head,
        &mut item.options,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}
