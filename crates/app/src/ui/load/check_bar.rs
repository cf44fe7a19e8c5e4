//! What the results say about how the file was read, one step from a fix:
//! a slim bar when optional columns were guessed with little confidence
//! (the results show anyway; the bar opens the mapping panel), and a prompt
//! for every currency whose deals wait for an exchange rate (the results
//! show the rest meanwhile, never quietly without them).

use crate::ui::state::AppState;
use engine::ingest::roles::{Mapping, CONFIDENT};
use leptos::prelude::*;

/// Most currencies listed with a rate field; the rest are counted.
const RATE_FIELDS: usize = 12;

/// The optional roles of the last load that were guessed, with why: (role, column, reason).
fn guessed(state: AppState) -> Vec<(String, String, String)> {
    let (Some(files), Some((mappings, _))) = (state.last_parsed.get_value(), state.last_choices.get_value()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (file, mapping) in files.iter().zip(&mappings) {
        for role in Mapping::uncertain(mapping, file.kind, CONFIDENT) {
            let column = mapping.column(role).and_then(|c| file.headers.get(c)).cloned().unwrap_or_default();
            let reason = file.reasons.iter().find(|(r, _)| r == role).map(|(_, why)| why.clone()).unwrap_or_default();
            out.push((role.replace('_', " "), column, reason));
        }
    }
    out
}

/// The "check the columns" bar (`data-testid="check-columns"`).
#[component]
pub fn CheckColumnsBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dismissed = RwSignal::new(false);
    // A new load shows the bar again.
    Effect::new(move |_| {
        state.loaded.track();
        dismissed.set(false);
    });
    move || {
        state.loaded.with(Option::is_some).then_some(())?;
        if dismissed.get() || state.pending.with(Option::is_some) {
            return None;
        }
        let roles = guessed(state);
        if roles.is_empty() {
            return None;
        }
        let list = roles
            .iter()
            .map(|(role, column, reason)| {
                let title = reason.clone();
                view! { <li title=title><strong>{role.clone()}</strong>{format!(" ← “{column}”")}</li> }
            })
            .collect_view();
        Some(view! {
            <section class="check-bar" data-testid="check-columns" role="status">
                <span>"Read with no click. A few optional columns were guessed:"</span>
                <ul class="guessed">{list}</ul>
                <button class="button small" data-testid="check-columns-open" on:click=move |_| state.review_mapping()>
                    "Check the columns"
                </button>
                <button class="button subtle icon" aria-label="Dismiss" on:click=move |_| dismissed.set(true)>"×"</button>
            </section>
        })
    }
}

/// Rate fields for the currencies whose deals are left out
/// (`data-testid="rates-prompt"`), above the results.
#[component]
pub fn RatesPrompt() -> impl IntoView {
    let state = expect_context::<AppState>();
    let set_rate = move |code: String| {
        move |ev: leptos::ev::Event| {
            let Ok(rate) = event_target_value(&ev).trim().replace(',', ".").parse::<f64>() else { return };
            if !(rate.is_finite() && rate > 0.0 && rate < 1e9) {
                return;
            }
            let code = code.clone();
            state.rebuild(move |options| {
                options.rates.insert(code, rate);
            });
        }
    };
    move || {
        let loaded = state.loaded.get()?;
        let q = &loaded.data.quality;
        if q.missing_rates.is_empty() {
            return None;
        }
        let base = loaded.data.currency.clone();
        let waiting: usize = q.missing_rates.iter().map(|(_, n)| n).sum::<usize>() + q.more_missing_rates.1;
        let kept = loaded.data.deal_count();
        let mut missing = q.missing_rates.clone();
        missing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let more = missing.len().saturating_sub(RATE_FIELDS) + q.more_missing_rates.0;
        let fields = missing
            .into_iter()
            .take(RATE_FIELDS)
            .map(|(code, n)| {
                view! {
                    <label class="control">
                        <span>{format!("1 {code} = ? {base} ({n} deals)")}</span>
                        <input type="text" inputmode="decimal" placeholder="rate" data-testid="rate-input"
                            on:change=set_rate(code.clone())/>
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card notice-card rates-prompt" data-testid="rates-prompt">
                <h2>{format!("{waiting} deals in other currencies are not counted yet")}</h2>
                <p>{format!(
                    "The figures below are for the {kept} deals in {base}. Give each currency's rate to {base} and every figure is recomputed with them; nothing leaves this tab."
                )}</p>
                <div class="rates">{fields}</div>
                {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more currencies with fewer deals")}</p> })}
            </section>
        })
    }
}
