//! The metrics link of an Elasticsearch source must point at a Prometheus
//! source that exists. Provisioning files may name it instead of giving an
//! id (`"metrics_link": {"datasource_name": "…", "template": "…"}`), since
//! ids differ between databases.

use app::error::AppError;
use app::model::{DataSource, DataSourceKind, MetricsLink};
use serde_json::Value;

/// Whether `link` may be saved, given the data source it points at.
pub fn check(link: &MetricsLink, target: Option<&DataSource>) -> Result<(), AppError> {
    if link.template.trim().is_empty() {
        return Err(AppError::invalid("The metrics link needs a PromQL template, e.g. sum(rate(http_requests_total{service=\"${service}\"}[5m]))."));
    }
    if target.is_none_or(|t| t.settings.kind != DataSourceKind::Prometheus) {
        return Err(AppError::Invalid(format!(
            "The metrics link points at data source {}, which is not a Prometheus data source: pick one from the list.",
            link.datasource
        )));
    }
    Ok(())
}

/// Replaces `metrics_link.datasource_name` with the id of that data source.
pub fn resolve_name(input: &mut Value, known: &[DataSource]) -> Result<(), String> {
    let Some(link) = input.get_mut("metrics_link").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    let Some(name) = link.remove("datasource_name") else {
        return Ok(());
    };
    let name = name.as_str().unwrap_or_default().to_lowercase();
    let id = known
        .iter()
        .find(|d| d.settings.name.to_lowercase() == name)
        .map(|d| d.id)
        .ok_or_else(|| format!("metrics_link names {name:?}, which is not a data source (list it earlier in the file)"))?;
    link.insert("datasource".into(), id.into());
    Ok(())
}
