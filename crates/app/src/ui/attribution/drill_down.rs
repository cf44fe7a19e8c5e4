//! The deals behind one number: each deal's credit to the selected key
//! under the selected model, and the journey that produced it.

use crate::ui::format::{money_cents, percent};
use crate::ui::state::AppState;
use engine::attribution::{per_deal_shares, rollup_key, ModelId};
use leptos::prelude::*;

/// Deals listed at most (the rest are counted).
const MAX_ROWS: usize = 200;

/// Drill-down panel, shown when a key is clicked.
#[component]
pub fn DrillDown() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let key = state.drill.get()?;
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let view = results.view.clone();
        let data = &loaded.data;
        let model = state.model.get();
        let params = engine::attribution::Params { half_life_days: state.half_life.get(), ..state.params_untracked() };
        let name = results.name(key).to_string();
        let currency = data.currency.clone();
        let total = results.model(model).map_or(0, |m| m.revenue_of(key));
        let rows_model = if model == ModelId::Markov { ModelId::Linear } else { model };
        let rollup = view.rollup.as_ref().map(|(table, unknown)| (table, *unknown));
        let map = |k| rollup_key(rollup, k);
        let mut rows: Vec<(usize, f64)> = per_deal_shares(&view.context(data, &params), rows_model)
            .into_iter()
            .filter_map(|(i, shares)| {
                let mut share: f64 = shares.iter().filter(|s| map(s.0) == key).map(|s| s.1).sum();
                if rows_model == ModelId::Influenced {
                    share = share.min(1.0);
                }
                (share != 0.0).then_some((i, share))
            })
            .collect();
        rows.sort_by(|a, b| {
            let credit = |r: &(usize, f64)| data.deals[r.0].amount_cents as f64 * r.1;
            credit(b).total_cmp(&credit(a))
        });
        let count = rows.len();
        let sum: f64 = rows.iter().map(|&(i, s)| data.deals[i].amount_cents as f64 * s).sum();
        let markov_note = (model == ModelId::Markov).then(|| {
            view! { <p class="muted">"Markov credits the chain as a whole, not deal by deal: the deals below are this key's journeys with their Linear shares, to show where it appears."</p> }
        });
        let body = rows
            .iter()
            .take(MAX_ROWS)
            .map(|&(i, share)| {
                let deal = &data.deals[i];
                let journey: Vec<String> = view
                    .journeys
                    .of(i)
                    .iter()
                    .map(|s| match s.date {
                        Some(d) => format!("{} ({d})", view.names.name(s.key)),
                        None => view.names.name(s.key).to_string(),
                    })
                    .collect();
                view! {
                    <tr>
                        <th scope="row">{data.name(deal.id).to_string()}</th>
                        <td>{deal.account.map(|a| data.name(a).to_string()).unwrap_or_default()}</td>
                        <td>{deal.close.map(|d| d.to_string()).unwrap_or_default()}</td>
                        <td class="num">{money_cents(deal.amount_cents, &currency)}</td>
                        <td class="num">{percent(share)}</td>
                        <td class="num">{money_cents((deal.amount_cents as f64 * share).round() as i64, &currency)}</td>
                        <td class="journey">{journey.join(" → ")}</td>
                    </tr>
                }
            })
            .collect_view();
        let more = (count > MAX_ROWS).then(|| format!("…and {} more deals.", count - MAX_ROWS));
        Some(view! {
            <section class="card drill" aria-live="polite">
                <div class="card-head row">
                    <div>
                        <h2>{format!("{name} under {}", model.label())}</h2>
                        <p class="muted">{format!(
                            "{count} deals give {name} {} in the table; their unrounded credits sum to {}. {}",
                            money_cents(total, &currency),
                            money_cents(sum.round() as i64, &currency),
                            model.explanation()
                        )}</p>
                    </div>
                    <button class="button subtle" on:click=move |_| state.drill.set(None)>"Close"</button>
                </div>
                {markov_note}
                <div class="table-wrap tall">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">"Deal"</th><th scope="col">"Account"</th><th scope="col">"Closed"</th>
                            <th scope="col" class="num">"Amount"</th><th scope="col" class="num">"Share"</th>
                            <th scope="col" class="num">"Credit"</th><th scope="col">"Journey"</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                {more.map(|m| view! { <p class="muted">{m}</p> })}
            </section>
        })
    }
}
