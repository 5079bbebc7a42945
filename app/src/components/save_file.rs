//! Saves bytes made in the browser as a file the user downloads (a Blob
//! behind a temporary object URL), for exports and panel CSV.

/// Offers `parts` (JS `Uint8Array`s or strings) as a download named `name`.
#[cfg(feature = "hydrate")]
pub fn save(parts: &js_sys::Array, name: &str, mime: &str) -> Result<(), String> {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    let text = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts).map_err(text)?;
    let href = web_sys::Url::create_object_url_with_blob(&blob).map_err(text)?;
    let doc = document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(text)?
        .dyn_into()
        .map_err(|e| text(e.into()))?;
    a.set_href(&href);
    a.set_download(name);
    doc.body()
        .ok_or("no body")?
        .append_child(&a)
        .map_err(text)?;
    a.click();
    a.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&href);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Offers `text` as a download named `name` (on the server: nothing).
pub fn save_text(text: &str, name: &str, mime: &str) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        save(&parts, name, mime)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (text, name, mime);
        Ok(())
    }
}
