//! The error panel: why the last input was rejected (file content is text, never HTML).

use crate::ui::state::AppState;
use leptos::prelude::*;

/// Shown whenever input is rejected, with the reason, row and column.
#[component]
pub fn ErrorPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.error.get().map(|message| {
            view! {
                <div class="error-panel" role="alert" data-testid="error">
                    <div>
                        <strong>"That file could not be used"</strong>
                        <p>{message}</p>
                        <p class="muted">"Nothing else changed: fix the file and drop it again, or try the sample."</p>
                    </div>
                    <button class="button subtle" on:click=move |_| state.error.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
