use leptos::prelude::*;

use crate::error::AppError;

/// Shows an error's message as text. Never interprets it as HTML.
#[component]
pub fn ErrorBox(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! { <p class="error" role="alert">{e.to_string()}</p> }
        })
    }
}

/// The outcome of the last submit of a form: its error, or a success note.
#[component]
pub fn FormResult<T: Clone + Send + Sync + 'static>(
    #[prop(into)] value: Signal<Option<Result<T, AppError>>>,
    #[prop(into)] ok: String,
) -> impl IntoView {
    move || match value.get() {
        Some(Err(e)) => {
            Some(view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any())
        }
        Some(Ok(_)) => Some(view! { <p class="ok" role="status">{ok.clone()}</p> }.into_any()),
        None => None,
    }
}
