//! The grouped-bar chart of credit under the core models.

use super::attribution_table::CHART_MODELS;
use super::state::AppState;
use crate::chart::{comparison_svg, ComparisonChart};
use crate::engine::dataset::{Sym, DIRECT};
use crate::engine::money::currency_symbol;
use leptos::prelude::*;

/// Keys shown in the chart (the rest are in the table).
const TOP_KEYS: usize = 10;

/// The chart, rendered by plotters to SVG (text in it is escaped by plotters).
#[component]
pub fn ComparisonChartView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let svg = move || {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let columns: Vec<_> = CHART_MODELS.iter().filter_map(|&m| results.model(m)).collect();
        let mut keys: Vec<Sym> =
            columns.iter().flat_map(|c| c.credits.iter().map(|k| k.key)).filter(|&k| k != DIRECT).collect();
        keys.sort_unstable();
        keys.dedup();
        let best = |k: Sym| columns.iter().map(|c| c.revenue_of(k)).max().unwrap_or(0);
        keys.sort_by_key(|&k| std::cmp::Reverse(best(k)));
        keys.truncate(TOP_KEYS);
        let dimension = results.view.dimension.label().to_lowercase();
        let chart = ComparisonChart {
            title: format!("Top {} by credited revenue: {dimension}", keys.len()),
            subtitle: format!("Six attribution models · {} · (direct) not shown", loaded.source),
            currency_symbol: currency_symbol(&loaded.data.currency),
            keys: keys.iter().map(|&k| results.name(k).to_string()).collect(),
            series: columns
                .iter()
                .map(|c| (c.model.label().to_string(), keys.iter().map(|&k| c.revenue_of(k) as f64 / 100.0).collect()))
                .collect(),
        };
        Some(comparison_svg(&chart, 960, 560))
    };
    view! { <figure class="chart" role="img" aria-label="Credit by attribution model" inner_html=svg></figure> }
}
