//! The partner × model credit table with totals and the export button.

use super::browser::download;
use super::format::money_exact;
use super::state::AppState;
use crate::engine::attribution::ModelId;
use crate::engine::dataset::{Sym, DIRECT};
use crate::engine::export::attribution_csv;
use leptos::prelude::*;

/// The models compared on screen, in column order.
pub const TABLE_MODELS: [ModelId; 6] = [
    ModelId::Sourced,
    ModelId::Influenced,
    ModelId::EvenSplit,
    ModelId::FirstTouch,
    ModelId::LastTouch,
    ModelId::Linear,
];

/// Rows = partners and `(direct)`, columns = models, footer = totals.
#[component]
pub fn AttributionTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        let (Some(loaded), Some(results)) =
            (state.loaded.get_untracked(), state.results.get_untracked())
        else {
            return;
        };
        let csv = attribution_csv(&loaded.data, &results.models);
        if let Err(e) = download("attribution.csv", "text/csv;charset=utf-8", &csv) {
            state
                .error
                .set(Some(format!("The download could not start: {e:?}")));
        }
    };
    let table = move || {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let data = &loaded.data;
        let currency = data.currency.clone();
        let columns: Vec<_> = TABLE_MODELS
            .iter()
            .filter_map(|&m| results.model(m))
            .collect();
        let mut keys: Vec<Sym> = columns
            .iter()
            .flat_map(|c| c.credits.iter().map(|k| k.key))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let sort_value = |k: Sym| {
            results
                .model(ModelId::EvenSplit)
                .map_or(0, |m| m.revenue_of(k))
        };
        keys.sort_by_key(|&k| (k == DIRECT, std::cmp::Reverse(sort_value(k))));
        let base = results.models.first().map_or(0, |m| m.base_cents);
        let overlap = results
            .model(ModelId::Influenced)
            .filter(|_| base > 0)
            .map(|m| m.total_cents() as f64 / base as f64)
            .unwrap_or(1.0);
        let header = columns
            .iter()
            .map(|c| {
                let label = if c.model.additive() {
                    c.model.label().to_string()
                } else {
                    format!("{} *", c.model.label())
                };
                view! { <th scope="col" class="num" title=c.model.explanation()>{label}</th> }
            })
            .collect_view();
        let body = keys
            .iter()
            .map(|&k| {
                let cells = columns
                    .iter()
                    .map(|c| {
                        let v = c.revenue_of(k);
                        view! { <td class="num">{if v == 0 { "—".to_string() } else { money_exact(v, &currency) }}</td> }
                    })
                    .collect_view();
                let class = if k == DIRECT { "direct-row" } else { "" };
                view! { <tr class=class><th scope="row">{data.name(k).to_string()}</th>{cells}</tr> }
            })
            .collect_view();
        let totals = columns
            .iter()
            .map(|c| view! { <td class="num">{money_exact(c.total_cents(), &currency)}</td> })
            .collect_view();
        let note = format!(
            "Every column except Influenced adds up exactly, to the cent, to won revenue of {}. * Influenced credits every partner on a deal with all of it, so it is not additive: its total is {:.2}× won revenue (the overlap factor).",
            money_exact(base, &currency),
            overlap
        );
        Some(view! {
            <div class="table-wrap">
                <table class="data-table" data-testid="attribution-table">
                    <thead><tr><th scope="col">"Partner"</th>{header}</tr></thead>
                    <tbody>{body}</tbody>
                    <tfoot><tr><th scope="row">"Total"</th>{totals}</tr></tfoot>
                </table>
            </div>
            <p class="table-note">{note}</p>
        })
    };
    view! {
        {table}
        <div class="actions">
            <button class="button" data-testid="export-attribution" on:click=export>"Download attribution.csv"</button>
            <span class="muted">"All models this data supports, one row per model and partner."</span>
        </div>
    }
}
