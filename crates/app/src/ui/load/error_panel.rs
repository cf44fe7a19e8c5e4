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
            // Link messages all start "This … link"; they are not about a file.
            let about_link = message.starts_with("This") && message.split('.').next().is_some_and(|s| s.contains(" link"));
            let heading = if about_link { "That link could not be opened" } else { "That file could not be used" };
            let way_forward = if about_link {
                "The page works as usual: drop your export, or open the sample."
            } else if mapping_open {
                "Choose the highlighted columns in the mapping panel below and press “Use these columns”, or drop another file."
            } else {
                "Nothing else changed: fix the file and drop it again, or try the sample."
            };
            view! {
                <div class="error-panel" role="alert" data-testid="error">
                    <div>
                        <strong>{heading}</strong>
                        <p>{message}</p>
                        <p class="muted" data-testid="error-way-forward">{way_forward}</p>
                    </div>
                    <button class="button subtle" on:click=move |_| state.error.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
