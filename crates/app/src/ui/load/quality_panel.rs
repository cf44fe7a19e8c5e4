//! The data-quality report, one click away: what was read, what was left
//! out and why, and the currency of amounts when the file names none (the
//! rates still missing are asked for above the results: `check_bar`).

use crate::ui::state::AppState;
use leptos::prelude::*;

/// Data-quality details under the summary.
#[component]
pub fn QualityPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let set_currency = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev).trim().to_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            state.rebuild(move |options| options.reporting_currency = Some(code));
        }
    };
    move || {
        let loaded = state.loaded.get()?;
        let q = &loaded.data.quality;
        let notices = q.notices();
        let files = q
            .files
            .iter()
            .map(|f| {
                let readers =
                    if f.readers > 1 { format!(", read by {} readers at once", f.readers) } else { String::new() };
                view! {
                    <li>{format!(
                        "{}: {}, {} rows, {}, delimiter \"{}\"{readers}",
                        f.name, f.kind, f.rows, f.encoding, f.delimiter
                    )}</li>
                }
            })
            .collect_view();
        let currency = q.currency_assumed.then(|| {
            view! {
                <label class="control currency-choice">
                    <span>"Amounts are in (no currency column)"</span>
                    <input type="text" maxlength="3" size="4" data-testid="amounts-currency"
                        prop:value=loaded.data.currency.clone() on:change=set_currency/>
                </label>
            }
        });
        let summary = if notices.is_empty() {
            format!("Data quality: {} deals read, nothing left out", q.deals_kept)
        } else {
            format!("Data quality: {} deals kept · {} finding(s)", q.deals_kept, notices.len())
        };
        Some(view! {
            <details class="card quality">
                <summary>{summary}</summary>
                <ul class="files">{files}</ul>
                <ul class="notices">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                {currency}
                {q.rate_direction.map(|direction| {
                    use engine::ingest::currency::RateDirection;
                    let other = match direction {
                        RateDirection::PerBase => RateDirection::BasePer,
                        RateDirection::BasePer => RateDirection::PerBase,
                    };
                    view! {
                        <button class="button small" data-testid="flip-rates"
                            on:click=move |_| state.rebuild(move |o| o.rate_direction = Some(other))>
                            "Read the rates the other way round"
                        </button>
                    }
                })}
                {state.last_choices.with_value(Option::is_some).then(|| view! {
                    <button class="button small" data-testid="review-mapping" on:click=move |_| state.review_mapping()>
                        "Columns, encoding and formats…"
                    </button>
                })}
            </details>
        })
    }
}
