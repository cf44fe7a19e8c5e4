//! Browser side effects, kept at the edge: local storage, saving
//! downloads, and turning a panic into the error panel.

/// Key prefix of remembered column mappings in `localStorage` (mappings
/// only: role and header names, never data).
const MAPPING_KEY: &str = "partner-attribution.mapping.";

fn storage() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?.local_storage().ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Key prefix of other settings (scenario inputs, company size): settings only.
const SETTING_KEY: &str = "partner-attribution.setting.";

/// A remembered setting.
pub fn load_setting(name: &str) -> Option<String> {
    storage()?.get_item(&format!("{SETTING_KEY}{name}")).ok().flatten()
}

/// Remember a setting on this device.
pub fn save_setting(name: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{SETTING_KEY}{name}"), value);
    }
}

/// Forget a setting.
pub fn remove_setting(name: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{SETTING_KEY}{name}"));
    }
}

/// The mapping remembered for a header signature.
pub fn load_mapping(signature: &str) -> Option<String> {
    storage()?.get_item(&format!("{MAPPING_KEY}{signature}")).ok().flatten()
}

/// Remember the user's mapping for a header signature.
pub fn save_mapping(signature: &str, mapping: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{MAPPING_KEY}{signature}"), mapping);
    }
}
use wasm_bindgen::prelude::*;

/// Offer `content` as a download named `filename`.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// The page's URL fragment (`#…`), if any.
pub fn location_hash() -> Option<String> {
    web_sys::window()?.location().hash().ok().filter(|h| !h.is_empty())
}

/// Install a panic hook that logs the panic and shows it in the error panel.
///
/// The message is handed over on a fresh task (`setTimeout`), after the
/// panicking call has unwound, so no reactive lock it held is touched.
pub fn install_panic_hook(show: impl Fn(String) + Send + Sync + 'static) {
    let show = std::sync::Arc::new(show);
    std::panic::set_hook(Box::new(move |info| {
        let message = format!(
            "Something went wrong inside the calculator and this step was stopped: {info}. Your data stayed in this tab. Try the file again or reload the page."
        );
        web_sys::console::error_1(&JsValue::from_str(&message));
        let show = std::sync::Arc::clone(&show);
        let callback = Closure::once_into_js(move || show(message));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(callback.unchecked_ref());
        }
    }));
}
