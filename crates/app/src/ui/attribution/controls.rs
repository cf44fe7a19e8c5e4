//! Model parameters, filters and the dimension on screen.

use crate::ui::state::AppState;
use engine::attribution::{PositionWeights, RevenueBase};
use engine::date::parse_iso_date;
use engine::journey::Dimension;
use engine::view::available_dimensions;
use leptos::prelude::*;

/// The settings bar above the comparison. Every control recomputes at once.
#[component]
pub fn Controls() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Warehouse counts (spec §10): the SQL fixed the half-life, and neither
    // lookback nor close dates can be applied to patterns.
    let warehouse =
        move || state.loaded.with(|l| l.as_ref().and_then(|l| l.data.warehouse.as_ref().map(|w| w.half_life_days)));
    let dated = move || state.view.with(|v| v.as_ref().is_some_and(|v| v.journeys.dated)) && warehouse().is_none();
    let rows = move || warehouse().is_none();
    let dimensions =
        move || state.loaded.with(|l| l.as_ref().map(|l| available_dimensions(&l.data)).unwrap_or_default());
    let on_dimension = move |ev: leptos::ev::Event| {
        if let Some(d) = Dimension::from_id(&event_target_value(&ev)) {
            state.drill.set(None);
            state.dimension.set(d);
        }
    };
    let on_half_life = move |ev: leptos::ev::Event| {
        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
            if v.is_finite() && v > 0.0 {
                state.half_life.set(v.min(3650.0));
            }
        }
    };
    let on_lookback = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        state.lookback_days.set(text.trim().parse::<u32>().ok());
    };
    let on_from = move |ev: leptos::ev::Event| state.close_from.set(parse_iso_date(&event_target_value(&ev)));
    let on_to = move |ev: leptos::ev::Event| state.close_to.set(parse_iso_date(&event_target_value(&ev)));
    let on_base = move |ev: leptos::ev::Event| {
        state.base.set(if event_target_value(&ev) == "open" { RevenueBase::OpenPipeline } else { RevenueBase::Won });
    };
    let weight = move |pick: fn(&mut PositionWeights) -> &mut f64| {
        move |ev: leptos::ev::Event| {
            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                if v.is_finite() && v >= 0.0 {
                    state.custom.update(|w| *pick(w) = v / 100.0);
                }
            }
        }
    };
    let pct = move |get: fn(&PositionWeights) -> f64| move || format!("{:.0}", get(&state.custom.get()) * 100.0);
    view! {
        <div class="controls" role="group" aria-label="Attribution settings">
            <label class="control">
                <span>"Credit by"</span>
                <select data-testid="dimension" on:change=on_dimension prop:value=move || state.dimension.get().id()>
                    {move || dimensions().into_iter().map(|d| view! { <option value=d.id()>{d.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="control">
                <span>"Revenue base"</span>
                <select data-testid="revenue-base" on:change=on_base>
                    <option value="won">"Won revenue"</option>
                    <option value="open">"Open pipeline"</option>
                </select>
            </label>
            <label class="control">
                <span>"Closed from"</span>
                <input type="date" on:change=on_from prop:disabled=move || !rows()/>
            </label>
            <label class="control">
                <span>"to"</span>
                <input type="date" on:change=on_to prop:disabled=move || !rows()/>
            </label>
            <label class="control" title=move || match warehouse() {
                Some(_) => "Time decay was computed in your warehouse with this half-life (run the SQL again with --half-life to change it)",
                None if dated() => "Time decay: a touch's weight halves every half-life before the close date",
                None => "Time decay needs dated touches (add a touches file)",
            }>
                <span>"Half-life (days)"</span>
                <input type="number" min="1" max="3650" step="1" data-testid="half-life" prop:value=move || warehouse().unwrap_or_else(|| state.half_life.get()).to_string() on:input=on_half_life prop:disabled=move || !dated()/>
            </label>
            <label class="control" title="Ignore touches more than this many days before the deal was created">
                <span>"Lookback (days)"</span>
                <input type="number" min="0" step="1" placeholder="all" on:input=on_lookback prop:disabled=move || !dated()/>
            </label>
            <label class="control checkbox">
                <input type="checkbox" prop:checked=move || state.extras.get() on:change=move |ev| state.extras.set(event_target_checked(&ev))/>
                <span>"Extra models (J, inverse J, custom)"</span>
            </label>
            <Show when=move || state.extras.get()>
                <div class="control weights" title="Custom model: share of first, middle and last touches (normalised to 100%)">
                    <span>"Custom first / middle / last %"</span>
                    <input type="number" min="0" max="100" aria-label="first %" prop:value=pct(|w| w.first) on:input=weight(|w| &mut w.first)/>
                    <input type="number" min="0" max="100" aria-label="middle %" prop:value=pct(|w| w.middle) on:input=weight(|w| &mut w.middle)/>
                    <input type="number" min="0" max="100" aria-label="last %" prop:value=pct(|w| w.last) on:input=weight(|w| &mut w.last)/>
                </div>
            </Show>
            <span class="muted compute-time" title="Time the last recompute took in this tab">
                {move || format!("recomputed in {:.1} ms", state.compute_ms.get())}
            </span>
        </div>
    }
}
