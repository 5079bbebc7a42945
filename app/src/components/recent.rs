//! Recent queries, remembered in the browser's local storage (per mode, the
//! last 10) and offered as the query input's suggestions: Explore's search
//! bar and the panel editor's Lucene input share them.

use leptos::prelude::*;

const KEEP: usize = 10;

fn key(mode: &str) -> String {
    format!("lookout.recent.{mode}")
}

/// The remembered queries for `mode`, newest first (browser only).
pub fn recall(mode: &str) -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        let stored = window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(&key(mode)).ok().flatten());
        stored
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key(mode);
        Vec::new()
    }
}

/// Puts `query` first in the remembered list.
pub fn remember(mode: &str, query: &str) {
    let q = query.trim();
    if q.is_empty() {
        return;
    }
    let mut list = recall(mode);
    list.retain(|x| x != q);
    list.insert(0, q.to_owned());
    list.truncate(KEEP);
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(json)) = (
        window().local_storage().ok().flatten(),
        serde_json::to_string(&list),
    ) {
        let _ = storage.set_item(&key(mode), &json);
    }
}

/// A `<datalist>` of the recent queries, filled once hydrated and again
/// whenever `query` (the page's current one) changes.
#[component]
pub fn RecentQueries(
    id: &'static str,
    mode: &'static str,
    #[prop(into)] query: Signal<String>,
) -> impl IntoView {
    let list = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        query.track();
        list.set(recall(mode));
    });
    view! {
        <datalist id=id data-test="recent-queries">
            {move || list.get().into_iter().map(|q| view! { <option value=q></option> }).collect_view()}
        </datalist>
    }
}
