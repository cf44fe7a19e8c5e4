//! The data-quality report, one click away: what was read, what was left
//! out and why, and the exchange rates still missing.

use crate::ui::state::AppState;
use leptos::prelude::*;

/// Data-quality details under the summary.
#[component]
pub fn QualityPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let set_rate = move |code: String| {
        move |ev: leptos::ev::Event| {
            let Ok(rate) = event_target_value(&ev).trim().replace(',', ".").parse::<f64>() else { return };
            if !(rate.is_finite() && rate > 0.0) {
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
        let notices = q.notices();
        let files = q
            .files
            .iter()
            .map(|f| {
                view! {
                    <li>{format!(
                        "{}: {}, {} rows, {}, delimiter \"{}\"",
                        f.name, f.kind, f.rows, f.encoding, f.delimiter
                    )}</li>
                }
            })
            .collect_view();
        let rates = q
            .missing_rates
            .iter()
            .map(|(code, n)| {
                view! {
                    <label class="control">
                        <span>{format!("1 {code} = ? {} ({n} deals)", loaded.data.currency)}</span>
                        <input type="text" inputmode="decimal" placeholder="rate" on:change=set_rate(code.clone())/>
                    </label>
                }
            })
            .collect_view();
        let summary = if notices.is_empty() {
            format!("Data quality: {} deals read, nothing left out", q.deals_kept)
        } else {
            format!("Data quality: {} deals kept · {} finding(s)", q.deals_kept, notices.len())
        };
        Some(view! {
            <details class="card quality" open=!q.missing_rates.is_empty()>
                <summary>{summary}</summary>
                <ul class="files">{files}</ul>
                <ul class="notices">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                {(!q.missing_rates.is_empty()).then(|| view! { <div class="rates">{rates}</div> })}
            </details>
        })
    }
}
