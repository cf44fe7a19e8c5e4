//! The grouped-bar chart of credit under the core models.

use crate::chart::{comparison_svg, ComparisonChart};
use crate::ui::attribution::attribution_table::CHART_MODELS;
use crate::ui::chart_frame::ChartFrame;
use crate::ui::format::money;
use crate::ui::state::{AppState, Results};
use engine::dataset::{Sym, DIRECT};
use engine::money::currency_symbol;
use leptos::prelude::*;

/// Keys shown in the chart (the rest are in the table).
const TOP_KEYS: usize = 10;

/// Size of the chart in pixels.
const SIZE: (u32, u32) = (960, 560);

/// The `n` keys with the most credit under any compared model ((direct) left
/// out), with one series (model label, credit per key in currency units) per model.
pub fn top_keys(results: &Results, n: usize) -> (Vec<String>, Vec<(String, Vec<f64>)>) {
    top_keys_of(results, n, &CHART_MODELS)
}

/// Every model shown: the additive ones and Influenced (for the agreement chart).
pub fn every_model(results: &Results) -> Vec<engine::attribution::ModelId> {
    results.models.iter().map(|m| m.model).collect()
}

/// [`top_keys`] over the given models.
pub fn top_keys_of(
    results: &Results,
    n: usize,
    models: &[engine::attribution::ModelId],
) -> (Vec<String>, Vec<(String, Vec<f64>)>) {
    let columns: Vec<_> = models.iter().filter_map(|&m| results.model(m)).collect();
    let mut keys: Vec<Sym> =
        columns.iter().flat_map(|c| c.credits.iter().map(|k| k.key)).filter(|&k| k != DIRECT).collect();
    keys.sort_unstable();
    keys.dedup();
    let maps: Vec<_> = columns.iter().map(|c| c.revenue_by_key()).collect();
    let of = |m: &engine::hash::FastMap<Sym, i64>, k: Sym| m.get(&k).copied().unwrap_or(0);
    let best = |k: Sym| maps.iter().map(|m| of(m, k)).max().unwrap_or(0);
    keys.sort_by_cached_key(|&k| std::cmp::Reverse(best(k)));
    keys.truncate(n);
    let series = columns
        .iter()
        .zip(&maps)
        .map(|(c, m)| (c.model.label().to_string(), keys.iter().map(|&k| of(m, k) as f64 / 100.0).collect()))
        .collect();
    (keys.iter().map(|&k| results.name(k).to_string()).collect(), series)
}

/// The numbers behind a comparison chart, as a table.
pub fn chart_table(chart: &ComparisonChart, currency: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = vec!["Key".to_string()];
    head.extend(chart.series.iter().map(|(label, _)| label.clone()));
    let rows = chart
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let mut row = vec![k.clone()];
            row.extend(chart.series.iter().map(|(_, v)| money(v[i], currency)));
            row
        })
        .collect();
    (head, rows)
}

/// The agreement chart of the page: each key's credit range over every
/// additive model shown, the selected model marked, Influenced apart.
#[component]
pub fn AgreementChartView() -> impl IntoView {
    use crate::chart::{agreement_rows, agreement_svg, AgreementChart};
    let state = expect_context::<AppState>();
    let chart = Memo::new(move |_| {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let (keys, series) = top_keys_of(&results, 100, &every_model(&results));
        let selected = state.model.get().label().to_string();
        let rows = agreement_rows(&keys, &series, &selected, TOP_KEYS);
        let models = series.iter().filter(|(l, _)| l != crate::chart::agreement::INFLUENCED).count();
        let dimension = results.view.dimension.label().to_lowercase();
        Some(AgreementChart {
            title: format!("How much the rule matters: credit by {dimension} under {models} additive rules"),
            subtitle: format!("Sorted by median credit · {} · (direct) not shown", loaded.source),
            currency_symbol: currency_symbol(&loaded.data.currency),
            selected_label: selected,
            models,
            rows,
        })
    });
    let height = move || chart.with(|c| c.as_ref().map_or(300, |c| 150 + 44 * c.rows.len() as u32));
    let svg = Signal::derive(move || {
        chart.with(|c| c.as_ref().map(|c| agreement_svg(c, SIZE.0, 150 + 44 * c.rows.len() as u32)))
    });
    let table = Signal::derive(move || {
        chart.with(|c| {
            let c = c.as_ref()?;
            let currency = state.loaded.with(|l| l.as_ref().map(|l| l.data.currency.clone()).unwrap_or_default());
            let head = vec![
                "Key".to_string(),
                "Lowest".into(),
                "Median".into(),
                "Highest".into(),
                c.selected_label.clone(),
                "Influenced (not additive)".into(),
            ];
            let rows = c
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.key.clone(),
                        money(r.low, &currency),
                        money(r.median, &currency),
                        money(r.high, &currency),
                        r.selected.map_or_else(|| "–".into(), |v| money(v, &currency)),
                        r.influenced.map_or_else(|| "–".into(), |v| money(v, &currency)),
                    ]
                })
                .collect();
            Some((head, rows))
        })
    });
    move || {
        let h = height();
        view! {
            <ChartFrame svg=svg width=SIZE.0 height=h name="agreement-chart" label="Credit range over every additive rule" primary=false table=table/>
        }
    }
}

/// The chart, rendered by plotters to SVG, with its exports and data table.
#[component]
pub fn ComparisonChartView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let chart = Memo::new(move |_| {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let (keys, series) = top_keys(&results, TOP_KEYS);
        let dimension = results.view.dimension.label().to_lowercase();
        let chart = ComparisonChart {
            title: format!("Top {} by credited revenue: {dimension}", keys.len()),
            subtitle: format!("{} attribution models · {} · (direct) not shown", series.len(), loaded.source),
            currency_symbol: currency_symbol(&loaded.data.currency),
            keys,
            series,
        };
        Some((chart, loaded.data.currency.clone()))
    });
    let svg = Signal::derive(move || chart.with(|c| c.as_ref().map(|(c, _)| comparison_svg(c, SIZE.0, SIZE.1))));
    let table = Signal::derive(move || chart.with(|c| c.as_ref().map(|(c, currency)| chart_table(c, currency))));
    let primary = Signal::derive(move || state.board.with(Option::is_none));
    view! {
        <ChartFrame svg=svg width=SIZE.0 height=SIZE.1 name="attribution-chart" label="Credit by attribution model" primary=primary table=table/>
    }
}
