//! The file drop zone, file picker and sample-data button.

use crate::ui::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where files come in: drag and drop, a picker, or the built-in sample.
#[component]
pub fn DropZone(
    /// A one-line toolbar (results page) instead of the large landing card.
    compact: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let files = input.files().map(file_vec).unwrap_or_default();
        input.set_value("");
        start_load(state, files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = ev.data_transfer().and_then(|dt| dt.files()).map(file_vec).unwrap_or_default();
        start_load(state, files);
    };
    let on_drag_over = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let class = move || {
        let base = if compact { "dropzone compact" } else { "dropzone" };
        if dragging.get() {
            format!("{base} dragging")
        } else {
            base.to_string()
        }
    };
    view! {
        <div class=class on:drop=on_drop on:dragover=on_drag_over on:dragleave=move |_| dragging.set(false)>
            <div class="dropzone-text">
                <strong>{if compact { "Drop another export here" } else { "Drop your CRM export here" }}</strong>
                <span class="muted">" — it never leaves this browser"</span>
            </div>
            <div class="dropzone-actions">
                <label class="button primary">
                    "Choose files…"
                    <input type="file" class="visually-hidden" data-testid="file-input" multiple accept=".csv,.tsv,.txt,.xlsx,.xls,.xlsb,.ods,text/csv" on:change=on_change/>
                </label>
                <button class="button" data-testid="sample-data" on:click=move |_| state.load_sample()>
                    "Try sample data"
                </button>
            </div>
        </div>
    }
}

/// The files of a `FileList`, taken before the input is cleared.
fn file_vec(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Hand the files to ingest (a worker reads them in chunks).
fn start_load(state: AppState, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    state.pending.set(None);
    #[cfg(target_arch = "wasm32")]
    state.load_web_files(files);
}
