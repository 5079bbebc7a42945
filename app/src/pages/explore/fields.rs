//! The field sidebar: every field with its types; for an aggregatable field,
//! its top 5 values among the current hits, each with `+` (must match) and
//! `−` (must not match) filters that rewrite the query.

use leptos::prelude::*;

use super::search::Search;
use crate::model::template::lucene::{add_filter, filter_clause};
use crate::model::{FieldInfo, Query, QueryData, TopValue};
use crate::server_fns::query::run_one;

async fn fields(datasource: i64, index: Option<String>) -> Result<Vec<FieldInfo>, String> {
    match run_one(Query::Fields { datasource, index }).await?.0 {
        QueryData::Fields { fields } => Ok(fields),
        _ => Err("unexpected answer".into()),
    }
}

async fn top(search: Search, field: String) -> Result<Vec<TopValue>, String> {
    let range = search.range()?;
    let q = Query::TopValues {
        datasource: search.datasource,
        field,
        query: search.query,
        range,
        index: search.index,
    };
    match run_one(q).await?.0 {
        QueryData::TopValues { values, .. } => Ok(values),
        _ => Err("unexpected answer".into()),
    }
}

/// One field's top values, or why they could not be had.
type FieldValues = Result<Vec<TopValue>, String>;

/// What the sidebar keeps across the page's refreshes: the sidebar is drawn
/// again with each answer, and an auto-refresh tick asked for the field list
/// again and closed the field a reader had open.
#[derive(Clone, Copy)]
pub struct SidebarState {
    open: RwSignal<Option<String>>,
    /// Asked again only when the data source or index changes.
    list: LocalResource<Option<Result<Vec<FieldInfo>, String>>>,
    /// The open field's top values, asked again on each refresh tick and
    /// each new search (they count the current hits); the last ones stay
    /// shown meanwhile.
    values: LocalResource<Option<(String, FieldValues)>>,
}

impl SidebarState {
    /// `search` is the answer's search (none before the first answer);
    /// `tick` is the page's auto-refresh count.
    pub fn new(search: Memo<Option<Search>>, tick: RwSignal<u64>) -> Self {
        let open = RwSignal::new(None::<String>);
        let source = Memo::new(move |_| {
            search.with(|s| s.as_ref().map(|s| (s.datasource, s.index.clone())))
        });
        let list = LocalResource::new(move || {
            let source = source.get();
            async move {
                let (ds, index) = source?;
                Some(fields(ds, index).await)
            }
        });
        let values = LocalResource::new(move || {
            let (search, field, _) = (search.get(), open.get(), tick.get());
            async move {
                let field = field?;
                Some((field.clone(), top(search?, field).await))
            }
        });
        Self { open, list, values }
    }

    /// Shuts the open field: a new search starts with every field shut.
    pub fn shut(self) {
        self.open.set(None);
    }
}

/// `on_filter` receives the new query.
#[component]
pub fn FieldSidebar(
    query: String,
    state: SidebarState,
    on_filter: Callback<String>,
) -> impl IntoView {
    let SidebarState { open, list, values } = state;
    let live = crate::components::use_hydrated();
    view! {
        <aside class="fields-sidebar" data-test="field-sidebar">
            <h2>"Fields"</h2>
            {move || live.get().then(|| list.get()).flatten().flatten().map(|r| match r {
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                Ok(fields) => {
                    let query = query.clone();
                    fields.into_iter().map(move |f| {
                        let name = f.name.clone();
                        let toggle = { let name = name.clone(); move |_| open.update(|o| *o = if o.as_deref() == Some(name.as_str()) { None } else { Some(name.clone()) }) };
                        let is_open = { let name = name.clone(); move || open.get().as_deref() == Some(name.as_str()) };
                        let query = query.clone();
                        let field = name.clone();
                        view! {
                            <div class="field" data-field=name.clone()>
                                <button type="button" class="link" disabled=!f.aggregatable on:click=toggle>{name.clone()}</button>
                                <span class="muted">" " {f.types.join(", ")}</span>
                                <Show when=is_open.clone()>
                                    {
                                        let (query, field) = (query.clone(), field.clone());
                                        move || values.get().flatten().filter(|(f, _)| *f == field).map(|(_, r)| match r {
                                            Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                                            Ok(vals) => view! { <TopValues vals field=field.clone() query=query.clone() on_filter /> }.into_any(),
                                        })
                                    }
                                </Show>
                            </div>
                        }
                    }).collect_view().into_any()
                }
            })}
        </aside>
    }
}

#[component]
fn TopValues(
    vals: Vec<TopValue>,
    field: String,
    query: String,
    on_filter: Callback<String>,
) -> impl IntoView {
    view! {
        <ul class="top-values" data-test="top-values">
            {vals.into_iter().map(|v| {
                let text = v.value.as_str().map(str::to_owned).unwrap_or_else(|| v.value.to_string());
                let plus = add_filter(&query, &filter_clause(&field, &text, true));
                let minus = add_filter(&query, &filter_clause(&field, &text, false));
                view! {
                    <li data-value=text.clone()>
                        <span class="value">{text.clone()}</span>
                        <span class="count">{v.count}</span>
                        <button type="button" class="secondary small" title="Only this value" data-test="filter-in" on:click=move |_| on_filter.run(plus.clone())>"+"</button>
                        <button type="button" class="secondary small" title="Not this value" data-test="filter-out" on:click=move |_| on_filter.run(minus.clone())>"−"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
