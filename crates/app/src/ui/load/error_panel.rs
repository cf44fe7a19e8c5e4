//! The error panel: why the last input was rejected (file content is text, never HTML).

use crate::ui::state::AppState;
use leptos::prelude::*;

/// Shown whenever input is rejected, with the reason, row and column.
#[component]
pub fn ErrorPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let mapping_open = state.pending.with(Option::is_some);
        state.error.get().map(|message| {
            let way_forward = if mapping_open {
                "Choose the highlighted columns in the mapping panel below and press “Use these columns”, or drop another file."
            } else {
                "Nothing else changed: fix the file and drop it again, or try the sample."
            };
            view! {
                <div class="error-panel" role="alert" data-testid="error">
                    <div>
                        <strong>"That file could not be used"</strong>
                        <p>{message}</p>
                        <p class="muted" data-testid="error-way-forward">{way_forward}</p>
                    </div>
                    <button class="button subtle" on:click=move |_| state.error.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
