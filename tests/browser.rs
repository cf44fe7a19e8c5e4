//! Browser-only pieces, run by wasm-bindgen-test in headless Chromium:
//! starting a download, the app mounting, and the results view rendering
//! a built data set. (Reading dropped files runs in the ingest worker, which
//! the Playwright tests drive against the built app.)
#![cfg(target_arch = "wasm32")]

use app::ui::browser::download;
use app::ui::results::ResultsView;
use app::ui::state::AppState;
use app::ui::App;
use engine::protocol::{Reply, SAMPLE_SOURCE};
use engine::sample::sample_dataset;
use leptos::prelude::*;
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
fn download_creates_and_releases_a_blob_link() {
    assert!(download("attribution.csv", "text/csv", "model,dimension\n").is_ok());
    // The temporary anchor is never attached to the document.
    assert!(document().query_selector("a[download]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn app_mounts_with_the_landing_page() {
    let host = host();
    let handle = leptos::mount::mount_to(host.clone(), App);
    assert!(host.query_selector("[data-testid=sample-data]").unwrap().is_some(), "sample button");
    assert!(host.query_selector("[data-testid=attribution-table]").unwrap().is_none());
    drop(handle);
}

#[wasm_bindgen_test]
async fn results_view_renders_a_built_data_set() {
    // The ingest worker is a separate bundle the test runner does not serve,
    // so the reply it would send is applied directly.
    let host = host();
    let handle = leptos::mount::mount_to(host.clone(), || {
        let state = AppState::new();
        provide_context(state);
        let data = sample_dataset();
        let quality = Box::new(data.quality.clone());
        let models = engine::view::Loaded::new(data.clone(), String::new()).first_results();
        state.apply(Reply::Built { job: 0, source: SAMPLE_SOURCE.into(), quality }, Some(data));
        state.apply(Reply::FirstResults { job: 0, models }, None);
        view! { <ResultsView/> }
    });
    // The summary comes first, then the sections one a task: wait for the last.
    let mut waited = 0;
    while host.query_selector("[data-testid=attribution-table]").unwrap().is_none() && waited < 5_000 {
        tick(20).await;
        waited += 20;
    }
    let count = host.query_selector("[data-testid=row-count]").unwrap().expect("row count shown");
    assert_eq!(count.text_content().unwrap(), "2000");
    let table = host.query_selector("[data-testid=attribution-table]").unwrap().expect("table shown");
    assert!(table.query_selector_all("tbody tr").unwrap().length() > 5);
    assert!(host.query_selector("figure.chart svg").unwrap().is_some(), "chart rendered");
    drop(handle);
}

fn host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}
