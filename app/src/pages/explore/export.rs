//! Export of the current log search as CSV or NDJSON, straight from the
//! search (no need to save it first). The browser reads the server's stream,
//! shows a row count as it arrives, then hands the file to the user.

use leptos::prelude::*;

use super::search::Search;
use super::state::encode;

/// The export URL for a search (the range resolved now).
pub fn export_url(search: &Search, columns: &[String], format: &str) -> Result<String, String> {
    let range = search.range()?;
    Ok(format!(
        "/api/v1/export?datasource={}&query={}&from_ms={}&to_ms={}&format={format}&columns={}&index={}",
        search.datasource,
        encode(&search.query),
        range.from_ms,
        range.to_ms,
        encode(&columns.join(",")),
        encode(search.index.as_deref().unwrap_or_default())
    ))
}

#[component]
pub fn ExportButtons(search: Search, #[prop(into)] columns: Signal<Vec<String>>) -> impl IntoView {
    let status = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let search = StoredValue::new(search);
    let start = move |format: &'static str| {
        let url = match search.with_value(|s| export_url(s, &columns.get_untracked(), format)) {
            Ok(u) => u,
            Err(e) => return status.set(Some(Err(e))),
        };
        busy.set(true);
        status.set(Some(Ok("Exporting…".into())));
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let name = format!("lookout-logs.{format}");
            let done = download::run(&url, &name, format, status).await;
            status.set(Some(done));
            busy.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = url;
    };
    view! {
        <span class="export" data-test="export">
            <button type="button" class="secondary small" data-test="export-csv" disabled=busy on:click=move |_| start("csv")>"Export CSV"</button>
            <button type="button" class="secondary small" data-test="export-ndjson" disabled=busy on:click=move |_| start("ndjson")>"Export NDJSON"</button>
            {move || status.get().map(|s| match s {
                Ok(text) => view! { <span class="muted" role="status" data-test="export-status">{text}</span> }.into_any(),
                Err(text) => view! { <span class="error" role="alert" data-test="export-status">{text}</span> }.into_any(),
            })}
        </span>
    }
}

#[cfg(feature = "hydrate")]
mod download {
    use js_sys::{Array, Reflect, Uint8Array};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn text(e: impl Into<JsValue>) -> String {
        let e: JsValue = e.into();
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    /// Streams `url` into a file named `name`; the final status line.
    pub async fn run(
        url: &str,
        name: &str,
        format: &str,
        status: RwSignal<Option<Result<String, String>>>,
    ) -> Result<String, String> {
        let window = web_sys::window().ok_or("no window")?;
        let res: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
            .await
            .map_err(text)?
            .dyn_into()
            .map_err(text)?;
        if !res.ok() {
            let body = JsFuture::from(res.text().map_err(text)?)
                .await
                .map_err(text)?
                .as_string()
                .unwrap_or_default();
            let message = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| {
                    v.pointer("/error/message")
                        .and_then(|m| m.as_str())
                        .map(str::to_owned)
                })
                .unwrap_or(body);
            return Err(format!("Export failed: {message}"));
        }
        let expected = res
            .headers()
            .get("x-lookout-rows")
            .ok()
            .flatten()
            .unwrap_or_default();
        let reader: web_sys::ReadableStreamDefaultReader = res
            .body()
            .ok_or("empty answer")?
            .get_reader()
            .dyn_into()
            .map_err(text)?;
        let (parts, mut tail) = (Array::new(), Vec::new());
        let mut count = crate::pages::explore::row_count::RowCount::new(format == "csv");
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(text)?;
            if Reflect::get(&chunk, &"done".into())
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(true)
            {
                break;
            }
            let bytes: Uint8Array = Reflect::get(&chunk, &"value".into())
                .map_err(text)?
                .dyn_into()
                .map_err(text)?;
            tail = bytes.to_vec();
            count.feed(&tail);
            parts.push(&bytes);
            let rows = count.rows();
            status.set(Some(Ok(format!("Exporting… {rows} of {expected} rows"))));
        }
        let mime = if format == "csv" {
            "text/csv"
        } else {
            "application/x-ndjson"
        };
        crate::components::save_file::save(&parts, name, mime)?;
        let last = String::from_utf8_lossy(&tail);
        if last.contains("# export stopped") || last.contains("{\"error\"") {
            return Err(format!(
                "The export stopped early; the file holds what arrived. {}",
                last.lines().last().unwrap_or_default()
            ));
        }
        Ok(format!("Exported {expected} rows to {name}."))
    }
}
