//! Admins add, edit, test and delete data sources. Secrets are write-only:
//! the form never shows a stored one, it can only replace it.

mod editor;
mod form;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorBox;
use crate::error::AppError;
use crate::model::DataSource;
use crate::server_fns::datasources::{
    delete_datasource, list_datasources, save_datasource, test_datasource, Saved,
};
use editor::Editor;
use form::FormState;

#[component]
pub fn AdminDataSourcesPage() -> impl IntoView {
    let form = FormState::new();
    let save = Action::new(
        move |(id, input): &(Option<i64>, crate::model::DataSourceInput)| {
            save_datasource(*id, input.clone())
        },
    );
    let test = Action::new(move |id: &i64| test_datasource(*id));
    let delete = Action::new(move |id: &i64| delete_datasource(*id));
    let list = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| list_datasources(),
    );
    Effect::new(move |_| {
        if let Some(Ok(Saved { datasource, .. })) = save.value().get() {
            form.load(&datasource);
        }
    });
    let prometheus_sources = Signal::derive(move || {
        let rows = list.get().and_then(Result::ok).unwrap_or_default();
        rows.into_iter()
            .filter(|d| d.settings.kind == crate::model::DataSourceKind::Prometheus)
            .map(|d| (d.id, d.settings.name))
            .collect::<Vec<_>>()
    });
    let delete_error = Signal::derive(move || delete.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Data sources · Lookout" />
        <h1>"Data sources"</h1>
        <ErrorBox error=delete_error />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || list.get().map(|r| match r {
                Ok(rows) => view! { <Table rows form test delete /> }.into_any(),
                Err(e) => view! { <ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
            })}
        </Suspense>
        <TestResult test />
        <Editor form save prometheus_sources />
    }
}

#[component]
fn Table(
    rows: Vec<DataSource>,
    form: FormState,
    test: Action<i64, Result<crate::model::TestOutcome, AppError>>,
    delete: Action<i64, Result<(), AppError>>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">"No data sources yet: add one below."</p> }.into_any();
    }
    view! {
        <table class="users" data-test="datasources">
            <thead><tr><th>"Name"</th><th>"Kind"</th><th>"URL"</th><th>"Auth"</th><th></th></tr></thead>
            <tbody>
                {rows.into_iter().map(|ds| {
                    let (id, edit) = (ds.id, ds.clone());
                    view! {
                        <tr data-datasource=ds.settings.name.clone()>
                            <td>{ds.settings.name.clone()}</td>
                            <td>{ds.settings.kind.as_str()}</td>
                            <td>{ds.settings.url.clone()}</td>
                            <td>{format!("{:?}", ds.settings.auth).to_lowercase()}{if ds.has_secret { " (secret set)" } else { "" }}</td>
                            <td class="actions">
                                <button type="button" class="link" on:click=move |_| form.load(&edit)>"Edit"</button>
                                " "
                                <button type="button" class="link" on:click=move |_| { test.dispatch(id); }>"Test"</button>
                                " "
                                <button type="button" class="link" on:click=move |_| { delete.dispatch(id); }>"Delete"</button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The outcome of the last "Test" click.
#[component]
fn TestResult(test: Action<i64, Result<crate::model::TestOutcome, AppError>>) -> impl IntoView {
    move || {
        test.value().get().map(|r| match r {
            Ok(t) if t.ok => {
                view! { <p class="ok" role="status" data-test="test-result">{t.message}</p> }
                    .into_any()
            }
            Ok(t) => {
                view! { <p class="error" role="alert" data-test="test-result">{t.message}</p> }
                    .into_any()
            }
            Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
        })
    }
}
