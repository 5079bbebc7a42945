//! Explore, logs mode: search an Elasticsearch/OpenSearch source with Lucene
//! syntax over a time range. All state lives in the URL (`ds`, `q`, `from`,
//! `to`), so a copied link reproduces the view and back/forward move
//! through searches.

mod fields;
mod search;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{LogTable, TimeRange};
use crate::model::{DataSourceKind, LogHit};
use crate::server_fns::datasources::list_datasources;
use fields::FieldSidebar;
use search::{count_label, Search};

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The first Elasticsearch/OpenSearch data source, if any.
async fn first_log_source() -> Option<i64> {
    let all = list_datasources().await.ok()?;
    all.into_iter()
        .find(|d| d.settings.kind == DataSourceKind::Elasticsearch)
        .map(|d| d.id)
}

#[component]
pub fn ExplorePage() -> impl IntoView {
    let params = use_query_map();
    let get = move |k: &str, default: &str| {
        params
            .with(|p| p.get(k))
            .unwrap_or_else(|| default.to_owned())
    };
    let q = Signal::derive(move || get("q", ""));
    let from = Signal::derive(move || get("from", "now-24h"));
    let to = Signal::derive(move || get("to", "now"));
    let sources = Resource::new(|| (), |_| list_datasources());
    let log_sources = Signal::derive(move || {
        let all = sources.get().and_then(Result::ok).unwrap_or_default();
        all.into_iter()
            .filter(|d| d.settings.kind == DataSourceKind::Elasticsearch)
            .collect::<Vec<_>>()
    });
    let ds_param = Signal::derive(move || {
        params
            .with(|p| p.get("ds"))
            .and_then(|v| v.parse::<i64>().ok())
    });
    // One resource picks the data source (the URL's, else the first log
    // source) and searches, so no resource waits on another.
    let results = Resource::new(
        move || (ds_param.get(), q.get(), from.get(), to.get()),
        |(ds, query, from, to)| async move {
            let datasource = match ds {
                Some(d) => d,
                None => first_log_source().await?,
            };
            Some((
                datasource,
                Search {
                    datasource,
                    query,
                    from,
                    to,
                }
                .run(None)
                .await,
            ))
        },
    );
    let ds = Signal::derive(move || {
        ds_param
            .get()
            .or_else(|| results.get().flatten().map(|(d, _)| d))
    });
    let navigate = use_navigate();
    let go = Callback::new(
        move |(ds, q, from, to): (Option<i64>, String, String, String)| {
            let ds = ds.map(|d| format!("ds={d}&")).unwrap_or_default();
            navigate(
                &format!(
                    "/explore?{ds}q={}&from={}&to={}",
                    encode(&q),
                    encode(&from),
                    encode(&to)
                ),
                Default::default(),
            );
        },
    );
    let current = move || {
        ds.get_untracked().map(|datasource| Search {
            datasource,
            query: q.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
        })
    };
    let more = RwSignal::new(Vec::<LogHit>::new());
    let next = RwSignal::new(None);
    Effect::new(move |_| {
        more.set(Vec::new());
        next.set(
            results
                .get()
                .flatten()
                .and_then(|(_, r)| r.ok())
                .and_then(|p| p.next),
        );
    });
    let load_more = Action::new(move |_: &()| {
        let (s, after) = (current(), next.get_untracked());
        async move { s?.run(after).await.ok() }
    });
    Effect::new(move |_| {
        if let Some(Some(page)) = load_more.value().get() {
            more.update(|m| m.extend(page.hits));
            next.set(page.next);
        }
    });
    let input = RwSignal::new(String::new());
    Effect::new(move |_| input.set(q.get()));
    let query_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = query_box.get() {
            let _ = el.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go.run((
            ds.get_untracked(),
            input.get_untracked(),
            from.get_untracked(),
            to.get_untracked(),
        ));
    };
    view! {
        <Title text="Explore · Lookout" />
        <form class="querybar" on:submit=submit data-test="query-bar">
            <Suspense fallback=|| ()>
                <select aria-label="Data source" on:change=move |ev| go.run((event_target_value(&ev).parse().ok(), q.get_untracked(), from.get_untracked(), to.get_untracked()))>
                    {move || {
                        let chosen = ds.get();
                        log_sources.get().into_iter().map(|d| view! {
                            <option value=d.id selected=chosen == Some(d.id)>{d.settings.name}</option>
                        }).collect_view()
                    }}
                </select>
            </Suspense>
            <input name="q" node_ref=query_box bind:value=input autofocus placeholder="Lucene query, e.g. 1234567 or service:payments AND level:error" />
            <TimeRange from to on_change=Callback::new(move |(f, t)| go.run((ds.get_untracked(), q.get_untracked(), f, t))) />
            <button type="submit">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"Searching…"</p> }>
            {move || results.get().map(|r| match r.map(|(_, page)| page) {
                None => view! { <p class="muted">"No log data source yet: an admin can add one under Data sources."</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(page)) => {
                    let first = page.hits.clone();
                    let hits = Signal::derive(move || first.iter().cloned().chain(more.get()).collect::<Vec<_>>());
                    let filter = Callback::new(move |q: String| go.run((ds.get_untracked(), q, from.get_untracked(), to.get_untracked())));
                    view! {
                        <p class="hitcount" data-test="hit-count">{count_label(page.total)}</p>
                        <div class="explore">
                            {current().map(|search| view! { <FieldSidebar search on_filter=filter /> })}
                            <div class="results">
                                <LogTable hits />
                        <Show when=move || next.get().is_some()>
                            <button type="button" class="secondary" data-test="load-more" on:click=move |_| { load_more.dispatch(()); }>
                                {move || if load_more.pending().get() { "Loading…" } else { "Load more" }}
                            </button>
                        </Show>
                            </div>
                        </div>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
