use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::annotation::{Annotation, AnnotationQuery};

/// The annotations a view's charts draw: those overlapping the range, the
/// dashboard's own and the global ones with a wanted tag. Anyone logged in.
#[server(prefix = "/api/fn", endpoint = "list_annotations", input = Json)]
pub async fn list_annotations(query: AnnotationQuery) -> Result<Vec<Annotation>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.list_annotations(&actor, query).await
}
