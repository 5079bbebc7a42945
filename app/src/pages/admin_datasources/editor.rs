//! The add/edit form with "Save & test".

use leptos::prelude::*;

use super::form::FormState;
use crate::error::AppError;
use crate::model::DataSourceInput;
use crate::server_fns::datasources::Saved;

type SaveAction = Action<(Option<i64>, DataSourceInput), Result<Saved, AppError>>;

#[component]
pub fn Editor(
    form: FormState,
    save: SaveAction,
    /// Id and name of each Prometheus source, for the metrics link.
    prometheus_sources: Signal<Vec<(i64, String)>>,
) -> impl IntoView {
    let local_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.input() {
            Ok(input) => {
                local_error.set(None);
                save.dispatch(input);
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let is_es = move || form.kind.get() == "elasticsearch";
    let needs_secret = move || form.auth.get() != "none";
    let secret_hint = move || {
        if form.has_secret.get() {
            "stored: leave empty to keep it"
        } else {
            ""
        }
    };
    view! {
        <form class="card wide" data-test="datasource-form" on:submit=submit>
            <h2>{move || if form.id.get().is_some() { "Edit data source" } else { "Add a data source" }}</h2>
            <label>"Name" <input name="name" bind:value=form.name maxlength="100" required /></label>
            <label>
                "Kind"
                <select name="kind" bind:value=form.kind>
                    <option value="prometheus">"Prometheus-compatible (Prometheus, VictoriaMetrics, Thanos, Mimir)"</option>
                    <option value="elasticsearch">"Elasticsearch / OpenSearch"</option>
                </select>
            </label>
            <label>"URL" <input name="url" bind:value=form.url placeholder="http://prometheus:9090" required /></label>
            <label>
                "Auth"
                <select name="auth" bind:value=form.auth>
                    <option value="none">"none"</option>
                    <option value="basic">"basic"</option>
                    <option value="bearer">"bearer token"</option>
                    <option value="api_key">"Elasticsearch API key"</option>
                </select>
            </label>
            <Show when=move || form.auth.get() == "basic">
                <label>"Username" <input name="basic_username" bind:value=form.basic_username /></label>
            </Show>
            <Show when=needs_secret>
                <label>
                    "Password, token or key (write-only)"
                    <input name="secret" type="password" autocomplete="new-password" bind:value=form.secret placeholder=secret_hint />
                </label>
            </Show>
            <label class="check"><input type="checkbox" bind:checked=form.tls_skip_verify /> "Skip TLS certificate verification"</label>
            <label>"Timeout (ms)" <input name="timeout_ms" bind:value=form.timeout_ms inputmode="numeric" /></label>
            <label>"Largest answer (MiB)" <input name="max_response_mb" bind:value=form.max_response_mb inputmode="numeric" placeholder="server default" /></label>
            <Show
                when=is_es
                fallback=move || view! {
                    <label>"Scrape interval (s)" <input name="scrape_interval_secs" bind:value=form.scrape_interval_secs inputmode="numeric" /></label>
                }
            >
                <label>"Default index pattern" <input name="index_pattern" bind:value=form.index_pattern placeholder="logs-*" /></label>
                <label class="check"><input type="checkbox" name="allow_any_index" bind:checked=form.allow_any_index /> "Searches may name indices outside this pattern"</label>
                <label>"Time field" <input name="time_field" bind:value=form.time_field /></label>
                <label>"Context fields (surrounding logs share these)" <input name="context_fields" bind:value=form.context_fields placeholder="service, host" /></label>
                <fieldset class="metrics-link">
                    <legend>"Metrics link (optional)"</legend>
                    <label>"Prometheus source"
                        <Suspense fallback=|| ()>
                            <select name="link_datasource" on:change=move |ev| form.link_datasource.set(event_target_value(&ev))>
                                <option value="">"None"</option>
                                {move || {
                                    let chosen = form.link_datasource.get();
                                    prometheus_sources.get().into_iter().map(|(id, name)| {
                                        let v = id.to_string();
                                        view! { <option selected=chosen == v value=v.clone()>{name}</option> }
                                    }).collect_view()
                                }}
                            </select>
                        </Suspense>
                    </label>
                    <label>"PromQL template" <input name="link_template" bind:value=form.link_template placeholder="sum(rate(http_requests_total{service=\"${service}\"}[5m]))" /></label>
                </fieldset>
            </Show>
            <div class="row">
                <button type="submit" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else { "Save & test" }}
                </button>
                <button type="button" class="link" on:click=move |_| form.reset()>"New"</button>
            </div>
            {move || local_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || save.value().get().map(|r| match r {
                Ok(s) if s.test.ok => view! { <p class="ok" role="status" data-test="save-result">"Saved. " {s.test.message}</p> }.into_any(),
                Ok(s) => view! { <p class="error" role="alert" data-test="save-result">"Saved, but the test failed: " {s.test.message}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert" data-test="save-result">{e.to_string()}</p> }.into_any(),
            })}
        </form>
    }
}
