//! The partner-vs-direct metrics table (spec §7), incremental revenue and export.

use super::browser::download;
use super::format::{lift, money, or_dash, percent};
use super::state::AppState;
use crate::engine::export::value_model_csv;
use crate::engine::value_model::{SegmentStats, ValueModel};
use leptos::prelude::*;

/// One metric row: label, how to read it from a segment, how to show it,
/// and whether a lower value is the better one (days to close).
struct Metric {
    label: &'static str,
    get: fn(&SegmentStats) -> Option<f64>,
    show: fn(f64, &str) -> String,
    lower_is_better: bool,
}

const fn metric(label: &'static str, get: fn(&SegmentStats) -> Option<f64>, show: fn(f64, &str) -> String) -> Metric {
    Metric { label, get, show, lower_is_better: false }
}

fn count(v: f64, _: &str) -> String {
    format!("{v:.0}")
}

fn days(v: f64, _: &str) -> String {
    format!("{v:.1}")
}

fn metrics() -> [Metric; 9] {
    [
        metric("Deals", |s| Some(s.deals as f64), count),
        metric("Closed deals", |s| Some(s.closed_deals as f64), count),
        metric("Won deals", |s| Some(s.won_deals as f64), count),
        metric("Win rate", SegmentStats::win_rate, |v, _| percent(v)),
        metric("Average won deal", SegmentStats::avg_won_amount, money),
        Metric { lower_is_better: true, ..metric("Median days to close (won)", SegmentStats::median_cycle_days, days) },
        Metric { lower_is_better: true, ..metric("Mean days to close (won)", SegmentStats::mean_cycle_days, days) },
        metric("Won revenue", |s| Some(s.won_revenue()), money),
        metric("Velocity (revenue per day)", SegmentStats::velocity_per_day, money),
    ]
}

/// Partner-involved vs direct, with lift and incremental revenue.
#[component]
pub fn ValueTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        let Some(value) = state.value.get_untracked() else { return };
        if let Err(e) = download("value_model.csv", "text/csv;charset=utf-8", &value_model_csv(&value)) {
            state.error.set(Some(format!("The download could not start: {e:?}")));
        }
    };
    let body = move || {
        let loaded = state.loaded.get()?;
        let value = state.value.get()?;
        let currency = loaded.data.currency.clone();
        let rows = metrics()
            .into_iter()
            .map(|Metric { label, get, show, lower_is_better }| {
                let (p, d) = (get(&value.partner), get(&value.direct));
                let l = ValueModel::lift(p, d).map(lift);
                let better = |x: f64| if lower_is_better { -x } else { x };
                let class = match ValueModel::lift(p, d).map(better) {
                    Some(x) if x > 0.0005 => "num lift up",
                    Some(x) if x < -0.0005 => "num lift down",
                    _ => "num lift",
                };
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td class="num">{or_dash(p.map(|v| show(v, &currency)))}</td>
                        <td class="num">{or_dash(d.map(|v| show(v, &currency)))}</td>
                        <td class=class>{or_dash(l)}</td>
                    </tr>
                }
            })
            .collect_view();
        let incremental = value.incremental();
        let headline = incremental.map(|inc| {
            view! {
                <div class="incremental">
                    <span class="kpi-label">"Incremental revenue from partner-involved deals"</span>
                    <span class="kpi-value" data-testid="incremental-revenue">{money(inc.total, &currency)}</span>
                    <span class="muted">{format!(
                        "{} from a higher win rate, {} from deal size — versus the same closed deals at direct win rate and size.",
                        money(inc.win_rate_effect, &currency),
                        money(inc.deal_size_effect, &currency)
                    )}</span>
                </div>
            }
        });
        Some(view! {
            {headline}
            <div class="table-wrap">
                <table class="data-table" data-testid="value-table">
                    <thead><tr>
                        <th scope="col">"Metric"</th>
                        <th scope="col" class="num">"Partner-involved"</th>
                        <th scope="col" class="num">"Direct"</th>
                        <th scope="col" class="num">"Lift"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        {body}
        <div class="actions">
            <button class="button" data-testid="export-value" on:click=export>"Download value_model.csv"</button>
        </div>
    }
}
