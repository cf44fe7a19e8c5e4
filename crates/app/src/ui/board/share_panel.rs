//! Present and share: the board view with chosen slides, the settings link
//! (`share-url`), the explicit snapshot link with a preview of exactly what
//! it holds, and "Forget everything on this device".

use crate::ui::board::sharing::{current_settings, snapshot};
use crate::ui::board::slides::Slide;
use crate::ui::state::AppState;
use engine::share::{settings_link, snapshot_link, Snapshot};
use leptos::prelude::*;
use std::sync::Arc;

/// Slide picker, present button and share links.
#[component]
pub fn SharePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings_url =
        move || format!("{}#{}", crate::ui::browser::page_address(), settings_link(&current_settings(state)));
    let preview = RwSignal::new(None::<Arc<Snapshot>>);
    let status = RwSignal::new(None::<String>);
    let making = RwSignal::new(false);
    let present = move |_| {
        if let Some(s) = snapshot(state) {
            state.board.set(Some(crate::ui::state::Shared(Arc::new(s))));
            crate::ui::browser::enter_fullscreen();
        }
    };
    let copy = move |text: String, what: &'static str| {
        wasm_bindgen_futures::spawn_local(async move {
            let done = crate::ui::browser::copy_text(&text).await.is_ok();
            status.set(Some(if done { format!("{what} copied.") } else { format!("Select the {what} and copy it.") }));
        });
    };
    let forget = move |_| {
        let n = crate::ui::browser::forget_everything();
        state.reset_scenario();
        status.set(Some(format!("Forgot {n} stored settings and mappings on this device.")));
    };
    let slide_rows = move || {
        let chosen = state.slides.get();
        let mut order: Vec<Slide> = chosen.clone();
        order.extend(Slide::ALL.into_iter().filter(|s| !chosen.contains(s)));
        order
            .into_iter()
            .map(|slide| {
                let included = chosen.contains(&slide);
                let toggle = move |_| {
                    state.slides.update(|v| {
                        if let Some(i) = v.iter().position(|&s| s == slide) {
                            v.remove(i);
                        } else {
                            v.push(slide);
                        }
                    })
                };
                let shift = move |by: isize| {
                    state.slides.update(|v| {
                        if let Some(i) = v.iter().position(|&s| s == slide) {
                            let j = i as isize + by;
                            if (0..v.len() as isize).contains(&j) {
                                v.swap(i, j as usize);
                            }
                        }
                    })
                };
                view! {
                    <li class="slide-pick">
                        <label><input type="checkbox" prop:checked=included on:change=toggle data-testid=format!("slide-{}", slide.id())/>{slide.label()}</label>
                        <button class="button small" disabled=!included on:click=move |_| shift(-1) aria-label=format!("Move {} earlier", slide.label())>"↑"</button>
                        <button class="button small" disabled=!included on:click=move |_| shift(1) aria-label=format!("Move {} later", slide.label())>"↓"</button>
                    </li>
                }
            })
            .collect_view()
    };
    let snapshot_view = move || {
        let s = preview.get()?;
        let fragment = snapshot_link(&s);
        if fragment.len() > engine::share::MAX_LINK {
            return Some(view! {
                <p class="notice-card card" data-testid="snapshot-too-long">
                    {format!("This snapshot would need a {}-character link, longer than the {} a link may hold. Choose fewer slides.", fragment.len(), engine::share::MAX_LINK)}
                </p>
            }.into_any());
        }
        let url = format!("{}#{}", crate::ui::browser::page_address(), fragment);
        let size = url.len();
        let lines = s.describe().into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
        let url_for_copy = url.clone();
        Some(view! {
            <div class="snapshot-preview" data-testid="snapshot-preview">
                <p><strong>"This link holds exactly the following, and nothing else"</strong>
                    {format!(" ({size} characters; no deal rows, deal ids or account names):")}</p>
                <ul class="snapshot-lines">{lines}</ul>
                <label class="control wide">
                    <span>"Snapshot link"</span>
                    <input type="text" readonly data-testid="snapshot-url" prop:value=url/>
                </label>
                <button class="button" data-testid="copy-snapshot" on:click=move |_| copy(url_for_copy.clone(), "Snapshot link")>"Copy snapshot link"</button>
            </div>
        }.into_any())
    };
    view! {
        <div class="share">
            <div class="share-col">
                <h3>"Board view"</h3>
                <label class="control wide">
                    <span>"Deck title"</span>
                    <input type="text" prop:value=move || state.deck_title.get() on:input=move |ev| state.deck_title.set(event_target_value(&ev))/>
                </label>
                <ol class="slide-picker">{slide_rows}</ol>
                <div class="actions">
                    <button class="button primary" data-testid="board-view" on:click=present>"Present (full screen)"</button>
                    <button class="button" data-testid="export-pptx" disabled=move || making.get()
                        on:click=move |_| crate::ui::board::pptx_export::start_pptx(state, making)>
                        {move || if making.get() { "Making the PowerPoint…" } else { "Download PowerPoint (.pptx)" }}
                    </button>
                </div>
                <crate::ui::board::brand::BrandPanel/>
            </div>
            <div class="share-col">
                <h3>"Share the settings"</h3>
                <p class="muted">"Model, parameters, filters, value-model choices, scenario inputs, slides and column choices — never data. Whoever opens it drops their own file."</p>
                <label class="control wide">
                    <span>"Link"</span>
                    <input type="text" readonly data-testid="share-url" prop:value=settings_url/>
                </label>
                <button class="button" on:click=move |_| copy(settings_url(), "Link")>"Copy link"</button>
                <h3>"Share a snapshot"</h3>
                <p class="muted">"For someone without the file: only the aggregates on the slides, opened straight into the board view."</p>
                <button class="button" data-testid="share-snapshot" on:click=move |_| preview.set(snapshot(state).map(Arc::new))>"Prepare a snapshot link…"</button>
                {snapshot_view}
                <p class="muted" role="status">{move || status.get()}</p>
                <button class="button danger" data-testid="forget" on:click=forget>"Forget everything on this device"</button>
            </div>
        </div>
    }
}
