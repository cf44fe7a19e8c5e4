//! The overlay: partner-involved vs direct (spec §7) with 95% intervals,
//! lifts flagged when the data cannot tell them from zero, the mix-adjusted
//! lift beside the raw one, splits, the incremental-revenue waterfall and
//! the `value_model.csv` export.

use crate::chart::{waterfall_svg, Step, WaterfallChart};
use crate::ui::browser::download;
use crate::ui::chart_frame::{ChartFrame, DataTable};
use crate::ui::format::{lift, money, or_dash, percent};
use crate::ui::state::{AppState, Overlay};
use engine::export::value_model_csv;
use engine::money::currency_symbol;
use engine::value::model::{Definition, ValueModel};
use engine::value::motions::{motions, touch_timing};
use engine::value::overlay::{Group, Metric, MetricRow, MixAdjusted, Split, MIN_WON_PER_SIDE};
use engine::value::stats::Interval;
use engine::value::stats::{rate_difference, wilson};
use leptos::prelude::*;

/// A metric's value as shown (counts, rates, money or days).
fn show(metric: Metric, v: f64, currency: &str) -> String {
    match metric {
        Metric::Deals | Metric::ClosedDeals | Metric::WonDeals => format!("{v:.0}"),
        Metric::WinRate => percent(v),
        Metric::AvgWonAmount | Metric::Acv | Metric::WonRevenue | Metric::VelocityPerDay => money(v, currency),
        Metric::MedianCycleDays | Metric::MeanCycleDays => format!("{v:.1}"),
    }
}

/// `[low – high]` under a value.
fn interval_text(metric: Metric, i: Option<Interval>, currency: &str) -> Option<String> {
    let i = i?;
    Some(format!("95%: {} – {}", show(metric, i.low, currency), show(metric, i.high, currency)))
}

/// CSS class of a lift: better, worse or neutral (days: lower is better).
fn lift_class(metric: Metric, l: Option<f64>, uncertain: bool) -> &'static str {
    let better = |x: f64| if metric.lower_is_better() { -x } else { x };
    match l.map(better) {
        _ if uncertain => "num lift uncertain",
        Some(x) if x > 0.0005 => "num lift up",
        Some(x) if x < -0.0005 => "num lift down",
        _ => "num lift",
    }
}

fn adjusted_lift(metric: Metric, mix: &MixAdjusted) -> Option<f64> {
    match metric {
        Metric::WinRate => mix.win_rate?.lift(),
        Metric::AvgWonAmount => mix.avg_won_amount?.lift(),
        Metric::MeanCycleDays => mix.mean_cycle_days?.lift(),
        _ => None,
    }
}

const UNCERTAIN: &str =
    "The 95% interval of the difference includes zero: this data cannot tell the lift from no lift.";

/// Partner-involved vs direct with intervals, lifts, the mix-adjusted comparison and splits.
#[component]
pub fn ValueTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        let Some(value) = state.value.get_untracked() else { return };
        if let Err(e) = download("value_model.csv", "text/csv;charset=utf-8", &value_model_csv(&value)) {
            state.error.set(Some(format!("The download could not start: {e:?}")));
        }
    };
    let definitions = move || state.loaded.get().map(|l| Definition::available(&l.data)).unwrap_or_default();
    let splits = move || state.loaded.get().map(|l| Split::available(&l.data)).unwrap_or_default();
    let body = move || {
        let loaded = state.loaded.get()?;
        let value = state.value.get()?;
        let overlay = state.overlay.get()?;
        // Warehouse counts (spec §10) carry no single deal's amount: no size bands.
        let aggregated = loaded.data.is_aggregated();
        let mix = if aggregated { None } else { Some(state.mix.get()?.0) };
        let currency = loaded.data.currency.clone();
        if value.partner.deals == 0 || value.direct.deals == 0 {
            let side = if value.partner.deals == 0 { "involves a partner" } else { "is direct" };
            return Some(
                view! {
                    <p class="notice-card card" data-testid="nothing-to-compare">
                        {format!(
                            "Nothing to compare: no deal in this file {side} under “{}”. Partner-vs-direct figures need deals on both sides; choose another definition above, or load a file with a partner column.",
                            state.definition.get_untracked().label()
                        )}
                    </p>
                }
                .into_any(),
            );
        }
        Some(
            view! {
                <Incremental value=value.0.clone() currency=currency.clone() source=loaded.source.clone()/>
                <OverallTable overlay=overlay.0.clone() mix=mix currency=currency.clone()/>
                <SplitTable overlay=overlay.0.clone() currency=currency/>
                <Motions/>
            }
            .into_any(),
        )
    };
    view! {
        <div class="controls">
            <label class="control">
                <span>"Partner-involved means"</span>
                <select data-testid="definition" on:change=move |ev| {
                    if let Some(d) = Definition::from_id(&event_target_value(&ev)) {
                        state.definition.set(d);
                    }
                } prop:value=move || state.definition.get().id()>
                    {move || definitions().into_iter().map(|d| view! { <option value=d.id()>{d.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="control">
                <span>"Split"</span>
                <select data-testid="split" on:change=move |ev| {
                    if let Some(s) = Split::from_id(&event_target_value(&ev)) {
                        state.split.set(s);
                    }
                } prop:value=move || state.split.get().id()>
                    {move || splits().into_iter().map(|s| view! { <option value=s.id()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
        </div>
        {body}
        {move || {
            // Spec §2: every deal left out of a metric is counted where it is shown.
            let left_out = state.value.get().map_or(0, |v| v.partner.cycle_left_out + v.direct.cycle_left_out);
            (left_out > 0).then(|| {
                view! {
                    <p class="muted" data-testid="cycle-left-out">
                        {format!(
                            "Days to close and velocity: {left_out} won deal(s) left out (no readable created date, or closed before created); see the data-quality report."
                        )}
                    </p>
                }
            })
        }}
        {move || {
            // Spec §7b: ACV beside the average won amount, or why it is not there.
            let value = state.value.get()?;
            let (p, d) = (&value.partner, &value.direct);
            let with_term = (p.won_acv.len() + d.won_acv.len()) as u64;
            let won = p.won_deals + d.won_deals;
            let aggregated = state.loaded.with(|l| l.as_ref().is_some_and(|l| l.data.is_aggregated()));
            let text = if aggregated {
                "ACV needs each deal's contract term, which the warehouse's counts do not carry.".to_string()
            } else if with_term == 0 {
                "ACV: this file has no contract term (Term (months), Contract Term, or subscription start and end dates), so the average won deal equals ACV only where contracts run one year.".to_string()
            } else if with_term < won {
                format!("ACV = amount × 12 ÷ term months; {} won deal(s) without a term are left out of it.", won - with_term)
            } else {
                "ACV = amount × 12 ÷ term months, over every won deal.".to_string()
            };
            Some(view! { <p class="muted" data-testid="acv-note">{text}</p> })
        }}
        <div class="actions">
            <button class="button" data-testid="export-value" on:click=export>"Download value_model.csv"</button>
            <span class="muted">"For the definition selected above (spec §8)."</span>
        </div>
    }
}

/// The numbers behind a waterfall.
pub fn waterfall_table(chart: &WaterfallChart, currency: &str) -> DataTable {
    let rows = chart
        .steps
        .iter()
        .map(|s| match s {
            Step::Total(label, v) => vec![label.clone(), money(*v, currency)],
            Step::Change(label, v) => {
                vec![label.clone(), format!("{}{}", if *v >= 0.0 { "+" } else { "" }, money(*v, currency))]
            }
        })
        .collect();
    (vec!["Step".into(), "Amount".into()], rows)
}

/// The incremental revenue (spec §7), its waterfall and the cycle days saved.
#[component]
fn Incremental(
    /// Partner-involved vs direct under the selected definition.
    value: std::sync::Arc<ValueModel>,
    /// Reporting currency code.
    currency: String,
    /// Where the data came from (chart subtitle).
    source: String,
) -> impl IntoView {
    let Some(inc) = value.incremental() else {
        return view! {
            <p class="muted">"Incremental revenue needs won deals on both sides (partner-involved and direct)."</p>
        }
        .into_any();
    };
    let actual = inc.direct_baseline + inc.win_rate_effect + inc.deal_size_effect;
    let chart = WaterfallChart {
        title: "What partner-involved deals added".into(),
        subtitle: format!(
            "{} · closed partner deals at direct win rate and size, then each effect · {source}",
            value.definition.label()
        ),
        currency_symbol: currency_symbol(&currency),
        steps: vec![
            Step::Total("At direct rates".into(), inc.direct_baseline),
            Step::Change("Win-rate effect".into(), inc.win_rate_effect),
            Step::Change("Deal-size effect".into(), inc.deal_size_effect),
            Step::Total("Partner revenue won".into(), actual),
        ],
    };
    let svg = waterfall_svg(&chart, 960, 420);
    let table = waterfall_table(&chart, &currency);
    let saved = match (value.direct.median_cycle_days(), value.partner.median_cycle_days()) {
        (Some(d), Some(p)) if d > p => format!("Partner-involved deals close {:.0} days faster (median).", d - p),
        (Some(d), Some(p)) if p > d => {
            format!("Partner-involved deals take {:.0} days longer to close (median).", p - d)
        }
        (Some(_), Some(_)) => "Partner-involved and direct deals take as long to close (median).".to_string(),
        _ => String::new(),
    };
    view! {
        <div class="incremental">
            <span class="kpi-label">"Incremental revenue from partner-involved deals"</span>
            <span class="kpi-value" data-testid="incremental-revenue">{money(inc.total, &currency)}</span>
            <span class="muted">{format!(
                "{} from a higher win rate, {} from deal size — versus the same {} closed deals at direct win rate and size. {saved}",
                money(inc.win_rate_effect, &currency),
                money(inc.deal_size_effect, &currency),
                value.partner.closed_deals,
            )}</span>
        </div>
        <ChartFrame svg=Signal::stored(Some(svg)) width=960 height=420 name="value-waterfall"
            label="Waterfall: direct baseline, win-rate effect, deal-size effect, partner revenue"
            primary=false table=Signal::stored(Some(table))/>
    }
    .into_any()
}

/// The overall comparison: one row per metric.
#[component]
fn OverallTable(
    /// The overlay on screen.
    overlay: std::sync::Arc<Overlay>,
    /// Lifts within segment and deal-size band (`None` for warehouse counts).
    mix: Option<std::sync::Arc<MixAdjusted>>,
    /// Reporting currency code.
    currency: String,
) -> impl IntoView {
    let (group, rows) = &overlay.overall;
    let warning = group.too_few().then(|| {
        view! {
            <p class="warning" role="note">{format!(
                "Too few deals to be sure: {} partner-involved and {} direct won deals (at least {MIN_WON_PER_SIDE} on each side are needed). Read the lifts as indications only.",
                group.partner.won_deals, group.direct.won_deals
            )}</p>
        }
    });
    let rows = rows
        .iter()
        .map(|row| {
            let MetricRow { metric, partner, direct, lift: l, .. } = row.clone();
            let uncertain = row.uncertain();
            let adjusted = mix.as_ref().and_then(|mix| adjusted_lift(metric, mix));
            view! {
                <tr>
                    <th scope="row">{metric.label()}</th>
                    <td class="num">
                        {or_dash(partner.map(|v| show(metric, v, &currency)))}
                        <span class="ci">{interval_text(metric, row.partner_interval, &currency)}</span>
                    </td>
                    <td class="num">
                        {or_dash(direct.map(|v| show(metric, v, &currency)))}
                        <span class="ci">{interval_text(metric, row.direct_interval, &currency)}</span>
                    </td>
                    <td class=lift_class(metric, l, uncertain) title=if uncertain { UNCERTAIN } else { "" }>
                        {or_dash(l.map(lift))}
                        {uncertain.then(|| view! { <span class="flag">" ≈ 0?"</span> })}
                    </td>
                    <td class=lift_class(metric, adjusted, false)>{or_dash(adjusted.map(lift))}</td>
                </tr>
            }
        })
        .collect_view();
    let explanation = match &mix {
        Some(mix) => {
            let bands = mix.band_edges.iter().map(|e| money(*e, &currency)).collect::<Vec<_>>().join(", ");
            let within =
                if mix.by_segment { "the same segment and deal-size band" } else { "the same deal-size band" };
            format!(
                "Raw lift compares all partner-involved deals with all direct ones; mix-adjusted lift compares them within {within} and weights the result like the direct pipeline, so partners are not credited for working on bigger or easier deals. Size bands split closed deals at {bands}; {} of direct closed deals fall in a band that also holds partner deals.",
                percent(mix.coverage)
            )
        }
        None => "Computed from your warehouse's counts: win-rate intervals are exact (Wilson); days to close come from the exact histogram of cycle days; deal-size intervals are the normal closed form from the sums and sums of squares of amounts; the mix-adjusted lift needs single deals' amounts, which the counts do not carry, so it is left out.".to_string(),
    };
    view! {
        {warning}
        <div class="table-wrap">
            <table class="data-table" data-testid="value-table">
                <thead><tr>
                    <th scope="col">"Metric"</th>
                    <th scope="col" class="num">"Partner-involved"</th>
                    <th scope="col" class="num">"Direct"</th>
                    <th scope="col" class="num">"Lift"</th>
                    <th scope="col" class="num" title="Lift within segment and deal-size band, weighted like the direct deals">"Mix-adjusted lift"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="muted explain" data-testid="mix-explanation">{explanation}</p>
    }
}

/// One row per group of the split.
#[component]
fn SplitTable(
    /// The overlay on screen.
    overlay: std::sync::Arc<Overlay>,
    /// Reporting currency code.
    currency: String,
) -> impl IntoView {
    if overlay.split == Split::Overall {
        return ().into_any();
    }
    let find = |rows: &[MetricRow], m: Metric| rows.iter().find(|r| r.metric == m).cloned();
    let rows = overlay
        .groups
        .iter()
        .map(|(group, rows): &(Group, Vec<MetricRow>)| {
            let win = find(rows, Metric::WinRate);
            let size = find(rows, Metric::AvgWonAmount);
            let cycle = find(rows, Metric::MedianCycleDays);
            let cell = |r: Option<MetricRow>| {
                let r = r?;
                let class = lift_class(r.metric, r.lift, r.uncertain());
                Some(view! { <td class=class title=if r.uncertain() { UNCERTAIN } else { "" }>{or_dash(r.lift.map(lift))}</td> })
            };
            let days = cycle.as_ref().and_then(|c| Some(c.partner? - c.direct?));
            view! {
                <tr>
                    <th scope="row">{group.label.clone()}</th>
                    <td class="num">{group.partner.deals}</td>
                    <td class="num">{group.partner.won_deals}</td>
                    <td class="num">{or_dash(group.partner.win_rate().map(percent))}</td>
                    <td class="num">{or_dash(group.direct.win_rate().map(percent))}</td>
                    {cell(win)}
                    <td class="num">{money(group.partner.won_revenue(), &currency)}</td>
                    {cell(size)}
                    <td class="num">{or_dash(days.map(|d| format!("{d:+.0}")))}</td>
                    <td>{group.too_few().then_some("too few deals")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="split-table">
                <thead><tr>
                    <th scope="col">{overlay.split.label()}</th>
                    <th scope="col" class="num">"Partner deals"</th>
                    <th scope="col" class="num">"Won"</th>
                    <th scope="col" class="num">"Win rate"</th>
                    <th scope="col" class="num">"Direct win rate"</th>
                    <th scope="col" class="num">"Win-rate lift"</th>
                    <th scope="col" class="num">"Won revenue"</th>
                    <th scope="col" class="num">"Deal-size lift"</th>
                    <th scope="col" class="num">"Median days vs direct"</th>
                    <th scope="col">"Note"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Renewal and expansion win rates, and when partners join won deals.
#[component]
fn Motions() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loaded = state.loaded.get()?;
        let (data, journeys) = (&loaded.data, &loaded.journeys);
        let groups = motions(data, journeys, state.definition.get());
        let rate = |won: u64, closed: u64| {
            let text = if closed == 0 { "—".to_string() } else { percent(won as f64 / closed as f64) };
            let ci = wilson(won, closed).map(|i| format!("95%: {} – {}", percent(i.low), percent(i.high)));
            view! { {text}<span class="ci">{ci}</span> }
        };
        let rows = groups
            .iter()
            .map(|g| {
                let (p, d) = (&g.partner, &g.direct);
                let l = ValueModel::lift(p.win_rate(), d.win_rate());
                let uncertain = rate_difference(p.won_deals, p.closed_deals, d.won_deals, d.closed_deals)
                    .is_some_and(|i| i.includes_zero());
                view! {
                    <tr>
                        <th scope="row">{g.label.clone()}</th>
                        <td class="num">{format!("{} of {}", p.won_deals, p.closed_deals)}</td>
                        <td class="num">{rate(p.won_deals, p.closed_deals)}</td>
                        <td class="num">{format!("{} of {}", d.won_deals, d.closed_deals)}</td>
                        <td class="num">{rate(d.won_deals, d.closed_deals)}</td>
                        <td class=lift_class(Metric::WinRate, l, uncertain) title=if uncertain { UNCERTAIN } else { "" }>
                            {or_dash(l.map(lift))}
                        </td>
                        <td>{g.too_few().then_some("too few deals")}</td>
                    </tr>
                }
            })
            .collect_view();
        let table = (!groups.is_empty()).then(|| {
            view! {
                <h3>"Renewals and expansion"</h3>
                <div class="table-wrap">
                    <table class="data-table" data-testid="motions">
                        <thead><tr>
                            <th scope="col">"Deal type"</th>
                            <th scope="col" class="num">"Partner won / closed"</th>
                            <th scope="col" class="num">"Partner win rate"</th>
                            <th scope="col" class="num">"Direct won / closed"</th>
                            <th scope="col" class="num">"Direct win rate"</th>
                            <th scope="col" class="num">"Lift"</th>
                            <th scope="col">"Note"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="muted explain">"Gross and net revenue retention need each account's recurring revenue at the start and end of a period, which a deal export does not carry: drop finance's ARR by account with the deals to see them under Days in stage and retention. Without it, the renewal win rate is the closest measure."</p>
            }
        });
        // Touch timing needs each touch's date, which warehouse counts do not carry.
        let timing = touch_timing(data, journeys).filter(|_| !data.is_aggregated()).map(|t| {
            let when = match t.created_to_first_touch {
                d if d > 0.0 => format!("{d:.0} days after the deal was created"),
                d if d < 0.0 => format!("{:.0} days before the deal was created", -d),
                _ => "on the day the deal was created".to_string(),
            };
            format!(
                "From dated touches ({} won partner-involved deals): the first partner touch comes a median {when}, and the deal closes a median {:.0} days after it.",
                t.deals, t.first_touch_to_close
            )
        });
        Some(view! {
            {table}
            <p class="muted explain" data-testid="touch-timing">{timing}</p>
        })
    }
}
