//! Runs several queries at once; each answers with its own data or its own
//! error, so one failed panel never fails the others.

use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use app::model::{CurrentUser, Query, QueryAnswer, QueryError, QueryErrorKind, QueryOutcome, Role};

use crate::datasources::error::MISSING_PREFIX;
use crate::datasources::service::DataSourceService;
use crate::datasources::Scope;
use crate::masking::Masker;

/// Most queries one request may carry.
pub const MAX_BATCH: usize = 50;
/// A hard ceiling over the data source's own timeout, in case an upstream
/// trickles bytes forever.
const CEILING: Duration = Duration::from_secs(310);

/// Runs `queries` for `actor`; log data is masked unless the actor is an admin.
pub async fn run(
    service: Arc<DataSourceService>,
    masker: Arc<Masker>,
    actor: &CurrentUser,
    queries: Vec<(String, Query)>,
) -> Result<Vec<QueryAnswer>, AppError> {
    if queries.len() > MAX_BATCH {
        return Err(AppError::invalid(format!(
            "Too many queries in one request ({}): send at most {MAX_BATCH}.",
            queries.len()
        )));
    }
    let limits = service.query_limits();
    let masked = !actor.role.allows(Role::Admin);
    for (ref_id, query) in &queries {
        limits
            .check(query)
            .and_then(|()| {
                if masked {
                    masker.check_query(query)
                } else {
                    Ok(())
                }
            })
            .map_err(|why| AppError::invalid(format!("Query {ref_id}: {why}.")))?;
    }
    let scope = if masked {
        masker.scope()
    } else {
        Arc::new(Scope::default())
    };
    // Masking needs each answer's query (field names, search words).
    let asked: Vec<Query> = if masked {
        queries.iter().map(|(_, q)| q.clone()).collect()
    } else {
        Vec::new()
    };
    let mut answers = if queries.len() == 1 {
        // One query (the common case) runs on this task: no spawn, no hand-off.
        let mut answers = Vec::with_capacity(1);
        for (ref_id, query) in queries {
            let outcome = one(&service, &query, &scope).await;
            answers.push(QueryAnswer { ref_id, outcome });
        }
        answers
    } else {
        concurrently(service, queries, scope).await
    };
    for (answer, query) in answers.iter_mut().zip(&asked) {
        match &mut answer.outcome {
            QueryOutcome::Data { data, .. } => masker.mask_data(query, data),
            QueryOutcome::Error { error } => redact(error),
        }
    }
    Ok(answers)
}

/// Each query on its own task, so big answers parse on every core; in order.
async fn concurrently(
    service: Arc<DataSourceService>,
    queries: Vec<(String, Query)>,
    scope: Arc<Scope>,
) -> Vec<QueryAnswer> {
    let mut tasks = tokio::task::JoinSet::new();
    for (i, (ref_id, query)) in queries.into_iter().enumerate() {
        let (service, scope) = (service.clone(), scope.clone());
        tasks.spawn(async move {
            let outcome = one(&service, &query, &scope).await;
            (i, QueryAnswer { ref_id, outcome })
        });
    }
    let mut answers: Vec<(usize, QueryAnswer)> = tasks.join_all().await;
    answers.sort_by_key(|(i, _)| *i);
    answers.into_iter().map(|(_, a)| a).collect()
}

/// For non-admins, an error whose text may hold internals (addresses,
/// database or TLS detail, an upstream's stack) is replaced by what to do
/// and a reference; the full text is logged once under that reference. A
/// bad query's reason and a timeout stay as they are: the user needs them.
pub fn redact(error: &mut QueryError) {
    let what = match error.kind {
        QueryErrorKind::BadQuery | QueryErrorKind::Timeout => return,
        QueryErrorKind::BadDataSource
            if error.message.starts_with(MISSING_PREFIX)
                || error.message.starts_with("this is a") =>
        {
            return
        }
        QueryErrorKind::BadDataSource => "The data source is misconfigured",
        QueryErrorKind::Unreachable => "The data source cannot be reached",
        QueryErrorKind::Unauthorized => "The data source refused Lookout's credentials",
        QueryErrorKind::Upstream => "The data source failed",
        QueryErrorKind::BadResponse => "The data source's answer could not be read",
    };
    let reference = format!("ref {:08x}", rand::random::<u32>());
    tracing::warn!(datasource = %error.datasource, kind = ?error.kind, detail = %error.message, reference, "query failed");
    error.message =
        format!("{what} ({reference}). Try again later, or tell an admin this reference.");
}

async fn one(service: &DataSourceService, query: &Query, scope: &Scope) -> QueryOutcome {
    let id = query.datasource();
    let fail = |kind, datasource, message| QueryOutcome::Error {
        error: QueryError {
            kind,
            datasource,
            message,
        },
    };
    let (name, upstream) = match service.upstream(id).await {
        Ok(found) => found,
        Err(e) => {
            return QueryOutcome::Error {
                error: e.for_query(id),
            }
        }
    };
    match tokio::time::timeout(CEILING, upstream.run(query, scope)).await {
        Ok(Ok((data, stats))) => QueryOutcome::Data { data, stats },
        Ok(Err(e)) => QueryOutcome::Error {
            error: e.for_datasource(&name),
        },
        Err(_) => fail(QueryErrorKind::Timeout, name, "no answer in time".into()),
    }
}
