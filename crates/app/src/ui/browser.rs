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
    download_blob(filename, &text_blob(mime, content)?)
}

/// A blob holding `content`.
fn text_blob(mime: &str, content: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Offer a blob as a download named `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
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

/// Readers a large file is split across, when the address asks for a
/// number (`?readers=N`, for tests and benchmarks); `None`: the worker
/// uses one per two cores.
pub fn readers_in_address() -> Option<u32> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("readers")?.trim().parse().ok().filter(|&n: &u32| n >= 1)
}

/// Leave a User Timing mark (`performance.mark`): the ingest benchmark and
/// any browser profile split a load into its phases with these.
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Run `f` on a task of its own (`setTimeout`), after the current one has
/// finished and the browser had a chance to paint (natively: at once).
pub fn on_next_task(f: impl FnOnce() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        let callback = Closure::once_into_js(f);
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(callback.unchecked_ref());
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    f();
}

/// Install a panic hook that logs the panic and shows it in the error panel.
///
/// The message is handed over on a fresh task, after the panicking call has
/// unwound, so no reactive lock it held is touched.
pub fn install_panic_hook(show: impl Fn(String) + Send + Sync + 'static) {
    let show = std::sync::Arc::new(show);
    std::panic::set_hook(Box::new(move |info| {
        let message = format!(
            "Something went wrong inside the calculator and this step was stopped: {info}. Your data stayed in this tab. Try the file again or reload the page."
        );
        web_sys::console::error_1(&JsValue::from_str(&message));
        let show = std::sync::Arc::clone(&show);
        on_next_task(move || show(message));
    }));
}

/// An image decoded from a blob (through an object URL, released after).
async fn load_image(blob: &web_sys::Blob) -> Result<web_sys::HtmlImageElement, JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
    web_sys::Url::revoke_object_url(&url)?;
    result.map(|_| image)
}

/// A canvas of `width` × `height` pixels and its 2D context.
fn canvas_2d(
    width: u32,
    height: u32,
) -> Result<(web_sys::HtmlCanvasElement, web_sys::CanvasRenderingContext2d), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    Ok((canvas, context))
}

/// What a canvas shows, as a PNG blob.
async fn canvas_png(canvas: &web_sys::HtmlCanvasElement) -> Result<web_sys::Blob, JsValue> {
    // A canvas the browser will not read back (tainted by an image) rejects
    // at once, so the caller says so instead of waiting for ever.
    let blob = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob_with_type(&resolve, "image/png") {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    wasm_bindgen_futures::JsFuture::from(blob).await?.dyn_into()
}

/// Render an SVG document to a PNG at `scale`× its size (white background).
pub async fn svg_to_png(svg: &str, width: u32, height: u32, scale: f64) -> Result<web_sys::Blob, JsValue> {
    let image = load_image(&text_blob("image/svg+xml", svg)?).await?;
    let (canvas, context) = canvas_2d((f64::from(width) * scale) as u32, (f64::from(height) * scale) as u32)?;
    context.scale(scale, scale)?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(width), f64::from(height))?;
    canvas_png(&canvas).await
}

/// Put a PNG on the clipboard, where the browser allows it.
pub async fn copy_png(blob: &web_sys::Blob) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let constructor = js_sys::Reflect::get(&window, &"ClipboardItem".into())?;
    if constructor.is_undefined() {
        return Err("this browser cannot copy images".into());
    }
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &"image/png".into(), blob)?;
    let constructor: js_sys::Function = constructor.dyn_into()?;
    let item = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&items))?;
    wasm_bindgen_futures::JsFuture::from(window.navigator().clipboard().write(&js_sys::Array::of1(&item))).await?;
    Ok(())
}

/// Put text on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    wasm_bindgen_futures::JsFuture::from(window.navigator().clipboard().write_text(text)).await?;
    Ok(())
}

/// The page address without its fragment.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Clear the address's fragment without reloading (after a link was read).
pub fn clear_location_hash() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page_address()));
    }
}

/// Forget every setting and mapping this app stored on this device.
pub fn forget_everything() -> usize {
    let Some(s) = storage() else { return 0 };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("partner-attribution."))
        .collect();
    for k in &keys {
        let _ = s.remove_item(k);
    }
    keys.len()
}

/// Register the service worker that keeps the app working offline.
pub fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("./sw.js");
    }
}

/// Ask for full screen (ignored where the browser refuses).
pub fn enter_fullscreen() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.request_fullscreen();
    }
}

/// Leave full screen, if in it.
pub fn exit_fullscreen() {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if document.fullscreen_element().is_some() {
            document.exit_fullscreen();
        }
    }
}

/// Open the print dialog (the print stylesheet gives one slide per page).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// What can take keyboard focus inside a container.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex='-1'])";

/// The focusable elements inside the first element matching `container`.
fn focusables(container: &str) -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(container).ok().flatten())
    else {
        return Vec::new();
    };
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

/// Move focus to the first focusable element inside `container`.
pub fn focus_first_in(container: &str) {
    if let Some(first) = focusables(container).first() {
        let _ = first.focus();
    }
}

/// Move focus to the element with this `data-testid`, if it is on the page.
pub fn focus_testid(id: &str) {
    use wasm_bindgen::JsCast;
    let selector = format!("[data-testid=\"{id}\"]");
    let found = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten());
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Keep Tab inside `container` (a modal): from the last element Tab goes to
/// the first, from the first Shift+Tab to the last, and from outside to the
/// first. Returns whether focus was moved (the key's default is then prevented).
pub fn trap_tab(container: &str, backwards: bool) -> bool {
    let items = focusables(container);
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return false };
    let document = web_sys::window().and_then(|w| w.document());
    let active = document.as_ref().and_then(|d| d.active_element());
    let inside = active.as_ref().is_some_and(|a| items.iter().any(|i| AsRef::<web_sys::Element>::as_ref(i) == a));
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| AsRef::<web_sys::Element>::as_ref(el) == a);
    let target = if !inside {
        Some(first)
    } else if backwards && at(first) {
        Some(last)
    } else if !backwards && at(last) {
        Some(first)
    } else {
        None
    };
    target.map(|t| t.focus().is_ok()).unwrap_or(false)
}

/// The element a keyboard event happened in, when it is being edited in
/// place (`contenteditable`): shortcuts leave such keys to the text.
pub fn editing_target(e: &web_sys::KeyboardEvent) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let el = e.target()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    el.is_content_editable().then_some(el)
}

/// The bytes of a blob.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A blob holding `bytes`.
pub fn bytes_blob(mime: &str, bytes: &[u8]) -> Result<web_sys::Blob, JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// An image file (PNG, JPEG, SVG, WebP…) redrawn as a PNG at most
/// `max_height` pixels tall, with its size: how a logo is kept.
pub async fn image_as_png(bytes: &[u8], mime: &str, max_height: u32) -> Result<(Vec<u8>, (u32, u32)), JsValue> {
    let image = load_image(&bytes_blob(mime, bytes)?)
        .await
        .map_err(|_| JsValue::from_str("this file is not an image the browser can read"))?;
    let (w, h) = (image.natural_width().max(1), image.natural_height().max(1));
    let scale = (f64::from(max_height) / f64::from(h)).min(1.0);
    let (cw, ch) = (((f64::from(w) * scale) as u32).max(1), ((f64::from(h) * scale) as u32).max(1));
    let (canvas, context) = canvas_2d(cw, ch)?;
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(cw), f64::from(ch))?;
    Ok((blob_bytes(&canvas_png(&canvas).await?).await?, (cw, ch)))
}
