use leptos::prelude::*;

/// Text with search matches marked. Matches arrive between the private-use
/// markers `\u{e000}` and `\u{e001}` (never HTML), and every piece is
/// rendered as a text node, so markup in log data shows literally.
#[component]
pub fn Highlighted(#[prop(into)] text: String) -> impl IntoView {
    let mut parts = Vec::new();
    for (i, chunk) in text.split('\u{e000}').enumerate() {
        let (matched, rest) = match chunk.split_once('\u{e001}') {
            Some((m, r)) if i > 0 => (Some(m.to_owned()), r.to_owned()),
            _ => (None, chunk.replace('\u{e001}', "")),
        };
        if let Some(m) = matched {
            parts.push(view! { <mark>{m}</mark> }.into_any());
        }
        if !rest.is_empty() {
            parts.push(view! { <span>{rest}</span> }.into_any());
        }
    }
    parts.collect_view()
}
