//! The key × model credit matrix with totals, drill-down links and the export.

use crate::ui::browser::download;
use crate::ui::format::money_exact;
use crate::ui::state::{AppState, Results};
use engine::attribution::ModelId;
use engine::dataset::{Sym, DIRECT};
use leptos::prelude::*;

/// The models compared in the chart, in legend order.
pub const CHART_MODELS: [ModelId; 6] = [
    ModelId::Sourced,
    ModelId::Influenced,
    ModelId::EvenSplit,
    ModelId::FirstTouch,
    ModelId::LastTouch,
    ModelId::Linear,
];

/// Rows listed in the table (the export holds every key).
pub const ROW_LIMIT: usize = 100;

/// Keys of the results, partners by descending even-split credit, `(direct)` last.
pub fn ordered_keys(results: &Results) -> Vec<Sym> {
    let mut keys: Vec<Sym> = results.models.iter().flat_map(|c| c.credits.iter().map(|k| k.key)).collect();
    keys.sort_unstable();
    keys.dedup();
    let even = results.model(ModelId::EvenSplit).map(|m| m.revenue_by_key()).unwrap_or_default();
    let sort_value = |k: Sym| even.get(&k).copied().unwrap_or(0);
    keys.sort_by(|&a, &b| {
        (a == DIRECT, std::cmp::Reverse(sort_value(a)), results.name(a)).cmp(&(
            b == DIRECT,
            std::cmp::Reverse(sort_value(b)),
            results.name(b),
        ))
    });
    keys
}

/// Rows = keys and `(direct)`, columns = every shown model, footer = totals.
#[component]
pub fn AttributionTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        let Some(csv) = state.attribution_export() else { return };
        if let Err(e) = download("attribution.csv", "text/csv;charset=utf-8", &csv) {
            state.error.set(Some(format!("The download could not start: {e:?}")));
        }
    };
    let table = move || {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let currency = loaded.data.currency.clone();
        let mut keys = ordered_keys(&results);
        // A file may list thousands of partners: the table shows the largest
        // and says how many more the export holds, so the page stays responsive.
        let hidden = keys.len().saturating_sub(ROW_LIMIT + 1);
        if hidden > 0 {
            let direct = keys.last().copied().filter(|&k| k == DIRECT);
            keys.truncate(ROW_LIMIT);
            keys.extend(direct);
        }
        let by_model: Vec<_> = results.models.iter().map(|m| m.revenue_by_key()).collect();
        let base = results.models.first().map_or(0, |m| m.base_cents);
        let overlap = results
            .model(ModelId::Influenced)
            .filter(|_| base > 0)
            .map(|m| m.total_cents() as f64 / base as f64)
            .unwrap_or(1.0);
        let selected = state.model.get();
        let header = results
            .models
            .iter()
            .map(|c| {
                let model = c.model;
                let label = if model.additive() { model.label().to_string() } else { format!("{} *", model.label()) };
                let class = if model == selected { "num selected" } else { "num" };
                view! {
                    <th scope="col" class=class title=model.explanation()>
                        <button class="link" on:click=move |_| state.model.set(model)>{label}</button>
                    </th>
                }
            })
            .collect_view();
        let dimension = results.view.dimension.label();
        let body = keys
            .iter()
            .map(|&k| {
                let cells = results
                    .models
                    .iter()
                    .zip(&by_model)
                    .map(|(c, values)| {
                        let v = values.get(&k).copied().unwrap_or(0);
                        let class = if c.model == selected { "num selected" } else { "num" };
                        view! { <td class=class>{if v == 0 { "—".to_string() } else { money_exact(v, &currency) }}</td> }
                    })
                    .collect_view();
                let class = if k == DIRECT { "direct-row" } else { "" };
                let name = results.name(k).to_string();
                view! {
                    <tr class=class>
                        <th scope="row">
                            <button class="link" title="Show the deals behind this number" on:click=move |_| state.drill.set(Some(k))>{name}</button>
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let totals = results
            .models
            .iter()
            .map(|c| view! { <td class="num">{money_exact(c.total_cents(), &currency)}</td> })
            .collect_view();
        let base_label = match state.base.get() {
            engine::attribution::RevenueBase::Won => "won revenue",
            engine::attribution::RevenueBase::OpenPipeline => "open pipeline",
        };
        let note = format!(
            "Every column except Influenced adds up exactly, to the cent, to {base_label} of {}. * Influenced credits every key on a deal with all of it, so it is not additive: its total is {:.2}× the base (the overlap factor). Click a name to see the deals behind it, a column title to select that model.",
            money_exact(base, &currency),
            overlap
        );
        Some(view! {
            <div class="table-wrap">
                <table class="data-table matrix" data-testid="attribution-table">
                    <thead><tr><th scope="col">{dimension}</th>{header}</tr></thead>
                    <tbody>{body}</tbody>
                    <tfoot><tr><th scope="row">"Total"</th>{totals}</tr></tfoot>
                </table>
            </div>
            {(hidden > 0).then(|| view! {
                <p class="table-note" data-testid="rows-hidden">{format!(
                    "{hidden} more keys with smaller credit are not listed here; attribution.csv holds every key. The totals include them."
                )}</p>
            })}
            <p class="table-note">{note}</p>
        })
    };
    view! {
        {table}
        <div class="actions">
            <button class="button" data-testid="export-attribution" on:click=export>"Download attribution.csv"</button>
            <span class="muted">"Every model shown, on the partner dimension and the dimension on screen."</span>
        </div>
    }
}
