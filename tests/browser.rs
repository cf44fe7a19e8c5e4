//! Browser-only pieces, run by wasm-bindgen-test in headless Chromium:
//! reading a `File`, starting a download, and the mounted app reacting to
//! a click on the sample button.
#![cfg(target_arch = "wasm32")]

use partner_attribution::ui::browser::{download, read_file};
use partner_attribution::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Let queued effects and timers run.
async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn read_file_returns_the_exact_bytes() {
    let bytes = "deal_id,amount\nD-1,\"1,234.50\"\nD-2,Müller €\n".as_bytes();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "deals.csv").unwrap();
    let input = read_file(&file).await.unwrap();
    assert_eq!(input.name, "deals.csv");
    assert_eq!(input.bytes, bytes);
}

#[wasm_bindgen_test]
fn download_creates_and_releases_a_blob_link() {
    assert!(download("attribution.csv", "text/csv", "model,dimension\n").is_ok());
    // The temporary anchor is never attached to the document.
    assert!(document().query_selector("a[download]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn sample_button_shows_results() {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    let button: web_sys::HtmlElement =
        host.query_selector("[data-testid=sample-data]").unwrap().expect("sample button").dyn_into().unwrap();
    assert!(host.query_selector("[data-testid=attribution-table]").unwrap().is_none());
    button.click();
    tick(50).await;
    let count = host.query_selector("[data-testid=row-count]").unwrap().expect("row count shown");
    assert_eq!(count.text_content().unwrap(), "2000");
    let table = host.query_selector("[data-testid=attribution-table]").unwrap().expect("table shown");
    assert!(table.query_selector_all("tbody tr").unwrap().length() > 5);
    assert!(host.query_selector("figure.chart svg").unwrap().is_some(), "chart rendered");
    drop(handle);
}
