//! The data-source form's state: one signal per field, loaded from a stored
//! data source for editing and turned into a `DataSourceInput` to save.

use leptos::prelude::*;

use crate::model::{
    default_context_fields, default_timeout_ms, AuthKind, DataSource, DataSourceInput,
    DataSourceKind, DataSourceSettings, MetricsLink,
};

#[derive(Clone, Copy)]
pub struct FormState {
    pub id: RwSignal<Option<i64>>,
    pub version: RwSignal<Option<i64>>,
    pub name: RwSignal<String>,
    pub kind: RwSignal<String>,
    pub url: RwSignal<String>,
    pub auth: RwSignal<String>,
    pub basic_username: RwSignal<String>,
    /// Empty means "keep the stored secret" when one is stored.
    pub secret: RwSignal<String>,
    pub has_secret: RwSignal<bool>,
    pub tls_skip_verify: RwSignal<bool>,
    pub timeout_ms: RwSignal<String>,
    pub index_pattern: RwSignal<String>,
    pub allow_any_index: RwSignal<bool>,
    /// Empty means the server's default.
    pub max_response_mb: RwSignal<String>,
    pub time_field: RwSignal<String>,
    pub scrape_interval_secs: RwSignal<String>,
    /// Comma-separated.
    pub context_fields: RwSignal<String>,
    /// The metrics link's Prometheus source id, empty for none.
    pub link_datasource: RwSignal<String>,
    pub link_template: RwSignal<String>,
}

fn auth_str(a: AuthKind) -> &'static str {
    match a {
        AuthKind::None => "none",
        AuthKind::Basic => "basic",
        AuthKind::Bearer => "bearer",
        AuthKind::ApiKey => "api_key",
    }
}

fn parse_auth(s: &str) -> AuthKind {
    match s {
        "basic" => AuthKind::Basic,
        "bearer" => AuthKind::Bearer,
        "api_key" => AuthKind::ApiKey,
        _ => AuthKind::None,
    }
}

fn opt(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl FormState {
    pub fn new() -> Self {
        let s = |v: &str| RwSignal::new(v.to_owned());
        Self {
            id: RwSignal::new(None),
            version: RwSignal::new(None),
            name: s(""),
            kind: s("prometheus"),
            url: s(""),
            auth: s("none"),
            basic_username: s(""),
            secret: s(""),
            has_secret: RwSignal::new(false),
            tls_skip_verify: RwSignal::new(false),
            timeout_ms: RwSignal::new(default_timeout_ms().to_string()),
            index_pattern: s(""),
            allow_any_index: RwSignal::new(false),
            max_response_mb: s(""),
            time_field: s("@timestamp"),
            scrape_interval_secs: s("15"),
            context_fields: s(&default_context_fields().join(", ")),
            link_datasource: s(""),
            link_template: s(""),
        }
    }

    /// Fills the form from a stored data source, to edit it.
    pub fn load(&self, ds: &DataSource) {
        let s = &ds.settings;
        self.id.set(Some(ds.id));
        self.version.set(Some(ds.version));
        self.name.set(s.name.clone());
        self.kind.set(s.kind.as_str().to_owned());
        self.url.set(s.url.clone());
        self.auth.set(auth_str(s.auth).to_owned());
        self.basic_username
            .set(s.basic_username.clone().unwrap_or_default());
        self.secret.set(String::new());
        self.has_secret.set(ds.has_secret);
        self.tls_skip_verify.set(s.tls_skip_verify);
        self.timeout_ms.set(s.timeout_ms.to_string());
        self.index_pattern
            .set(s.index_pattern.clone().unwrap_or_default());
        self.allow_any_index.set(s.allow_any_index);
        self.max_response_mb
            .set(s.max_response_mb.map(|m| m.to_string()).unwrap_or_default());
        self.time_field
            .set(s.time_field.clone().unwrap_or_else(|| "@timestamp".into()));
        self.scrape_interval_secs
            .set(s.scrape_interval_secs.unwrap_or(15).to_string());
        self.context_fields.set(s.context_fields.join(", "));
        let link = s.metrics_link.as_ref();
        self.link_datasource
            .set(link.map(|l| l.datasource.to_string()).unwrap_or_default());
        self.link_template
            .set(link.map(|l| l.template.clone()).unwrap_or_default());
    }

    pub fn reset(&self) {
        let fresh = Self::new();
        self.id.set(None);
        self.version.set(None);
        for (a, b) in [
            (self.name, fresh.name),
            (self.url, fresh.url),
            (self.secret, fresh.secret),
            (self.basic_username, fresh.basic_username),
            (self.index_pattern, fresh.index_pattern),
            (self.max_response_mb, fresh.max_response_mb),
            (self.context_fields, fresh.context_fields),
            (self.link_datasource, fresh.link_datasource),
            (self.link_template, fresh.link_template),
        ] {
            a.set(b.get_untracked());
        }
        self.has_secret.set(false);
        self.allow_any_index.set(false);
    }

    /// The input to save, or what is wrong with the form.
    pub fn input(&self) -> Result<(Option<i64>, DataSourceInput), String> {
        let kind: DataSourceKind = self.kind.get_untracked().parse()?;
        let timeout_ms = self
            .timeout_ms
            .get_untracked()
            .trim()
            .parse::<u64>()
            .map_err(|_| "Timeout must be a whole number of milliseconds.".to_owned())?;
        let scrape = self
            .scrape_interval_secs
            .get_untracked()
            .trim()
            .parse::<u64>()
            .ok();
        let max_response_mb = match opt(self.max_response_mb.get_untracked()) {
            None => None,
            Some(m) => Some(m.parse::<u64>().map_err(|_| {
                "Largest answer must be a whole number of MiB, or empty for the default.".to_owned()
            })?),
        };
        let auth = parse_auth(&self.auth.get_untracked());
        let secret = self.secret.get_untracked();
        let secret = match (auth, secret.is_empty(), self.has_secret.get_untracked()) {
            (AuthKind::None, _, true) => Some(String::new()),
            (_, true, true) => None,
            (_, _, _) => Some(secret),
        };
        let metrics_link = match (
            self.link_datasource
                .get_untracked()
                .trim()
                .parse::<i64>()
                .ok(),
            opt(self.link_template.get_untracked()),
        ) {
            (Some(datasource), Some(template)) => Some(MetricsLink {
                datasource,
                template,
            }),
            (None, None) => None,
            _ => {
                return Err(
                    "A metrics link needs both a Prometheus source and a PromQL template.".into(),
                )
            }
        };
        let context_fields = self
            .context_fields
            .get_untracked()
            .split(',')
            .filter_map(|f| opt(f.to_owned()))
            .collect();
        let settings = DataSourceSettings {
            name: self.name.get_untracked().trim().to_owned(),
            kind,
            url: self.url.get_untracked().trim().to_owned(),
            auth,
            basic_username: opt(self.basic_username.get_untracked()),
            tls_skip_verify: self.tls_skip_verify.get_untracked(),
            timeout_ms,
            index_pattern: opt(self.index_pattern.get_untracked()),
            allow_any_index: self.allow_any_index.get_untracked(),
            max_response_mb,
            time_field: opt(self.time_field.get_untracked()),
            scrape_interval_secs: scrape,
            context_fields,
            metrics_link,
        };
        Ok((
            self.id.get_untracked(),
            DataSourceInput {
                settings,
                secret,
                version: self.version.get_untracked(),
            },
        ))
    }
}
