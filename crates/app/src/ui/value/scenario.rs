//! The scenario planner (`scenario`): what more partner involvement would
//! return over one to three years. Inputs are prefilled from the data when
//! there is some, every one is editable, and they are remembered on this
//! device (settings only).

use crate::chart::{projection_svg, ProjectionChart};
use crate::ui::chart_frame::{ChartFrame, DataTable};
use crate::ui::format::{money, percent};
use crate::ui::state::AppState;
use engine::money::currency_symbol;
use engine::value::scenario::{project, ScenarioInputs};
use leptos::prelude::*;

/// How an input is shown and edited.
#[derive(Clone, Copy)]
enum Kind {
    /// A share 0–1, typed as a percentage.
    Percent,
    /// Money in the reporting currency.
    Money,
    /// A plain count or number of days.
    Number,
}

/// One editable input: label, kind, slider range (in shown units), getter and setter.
struct Input {
    id: &'static str,
    label: &'static str,
    kind: Kind,
    range: (f64, f64, f64),
    get: fn(&ScenarioInputs) -> f64,
    set: fn(&mut ScenarioInputs, f64),
}

fn inputs() -> Vec<Input> {
    vec![
        Input {
            id: "opportunities",
            label: "Opportunities per year",
            kind: Kind::Number,
            range: (0.0, 20000.0, 50.0),
            get: |s| s.yearly_opportunities,
            set: |s, v| s.yearly_opportunities = v,
        },
        Input {
            id: "current-rate",
            label: "Partner-involved today",
            kind: Kind::Percent,
            range: (0.0, 100.0, 1.0),
            get: |s| s.current_rate,
            set: |s, v| s.current_rate = v,
        },
        Input {
            id: "target-rate",
            label: "Target partner involvement",
            kind: Kind::Percent,
            range: (0.0, 100.0, 1.0),
            get: |s| s.target_rate,
            set: |s, v| s.target_rate = v,
        },
        Input {
            id: "partner-win-rate",
            label: "Partner win rate",
            kind: Kind::Percent,
            range: (0.0, 100.0, 1.0),
            get: |s| s.partner_win_rate,
            set: |s, v| s.partner_win_rate = v,
        },
        Input {
            id: "direct-win-rate",
            label: "Direct win rate",
            kind: Kind::Percent,
            range: (0.0, 100.0, 1.0),
            get: |s| s.direct_win_rate,
            set: |s, v| s.direct_win_rate = v,
        },
        Input {
            id: "partner-deal-size",
            label: "Partner average won deal",
            kind: Kind::Money,
            range: (0.0, 500000.0, 1000.0),
            get: |s| s.partner_deal_size,
            set: |s, v| s.partner_deal_size = v,
        },
        Input {
            id: "direct-deal-size",
            label: "Direct average won deal",
            kind: Kind::Money,
            range: (0.0, 500000.0, 1000.0),
            get: |s| s.direct_deal_size,
            set: |s, v| s.direct_deal_size = v,
        },
        Input {
            id: "cycle-days",
            label: "Days to close",
            kind: Kind::Number,
            range: (0.0, 365.0, 1.0),
            get: |s| s.cycle_days,
            set: |s, v| s.cycle_days = v,
        },
        Input {
            id: "active-partners",
            label: "Active partners",
            kind: Kind::Number,
            range: (0.0, 500.0, 1.0),
            get: |s| s.active_partners,
            set: |s, v| s.active_partners = v,
        },
        Input {
            id: "program-cost",
            label: "Program cost per year",
            kind: Kind::Money,
            range: (0.0, 5_000_000.0, 10000.0),
            get: |s| s.program_cost,
            set: |s, v| s.program_cost = v,
        },
        Input {
            id: "commission",
            label: "Partner commission",
            kind: Kind::Percent,
            range: (0.0, 50.0, 0.5),
            get: |s| s.commission,
            set: |s, v| s.commission = v,
        },
        Input {
            id: "years",
            label: "Years projected",
            kind: Kind::Number,
            range: (1.0, 3.0, 1.0),
            get: |s| f64::from(s.years),
            set: |s, v| s.years = v.round().clamp(1.0, 3.0) as u32,
        },
    ]
}

/// Shown units from stored ones (percentages for shares).
fn shown(kind: Kind, v: f64) -> f64 {
    match kind {
        Kind::Percent => (v * 1000.0).round() / 10.0,
        Kind::Money | Kind::Number => v.round(),
    }
}

/// Stored units from shown ones.
fn stored(kind: Kind, v: f64) -> f64 {
    match kind {
        Kind::Percent => v / 100.0,
        Kind::Money | Kind::Number => v,
    }
}

/// The numbers behind the projection chart.
pub fn projection_table(chart: &ProjectionChart, currency: &str) -> DataTable {
    let mut head = vec!["Series".to_string()];
    head.extend(chart.periods.iter().cloned());
    let rows = chart
        .series
        .iter()
        .map(|(label, values)| {
            std::iter::once(label.clone()).chain(values.iter().map(|v| money(*v, currency))).collect()
        })
        .collect();
    (head, rows)
}

/// The planner: inputs with sliders, a projection chart and table, the assumptions.
#[component]
pub fn ScenarioPlanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let currency = move || state.loaded.get().map_or_else(|| "USD".to_string(), |l| l.data.currency.clone());
    let fields = inputs()
        .into_iter()
        .map(|input| {
            let Input { id, label, kind, range, get, set } = input;
            let value = move || shown(kind, get(&state.scenario.get())).to_string();
            let on_input = move |ev: leptos::ev::Event| {
                if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                    state.set_scenario(|s| set(s, stored(kind, v)));
                }
            };
            let unit = match kind {
                Kind::Percent => "%".to_string(),
                Kind::Money => String::new(),
                Kind::Number => String::new(),
            };
            view! {
                <label class="scenario-input">
                    <span>{label}</span>
                    <span class="scenario-edit">
                        <input type="range" min=range.0 max=range.1 step=range.2 prop:value=value on:input=on_input aria-label=label/>
                        <input type="number" min=range.0 step=range.2 data-testid=format!("scenario-{id}") prop:value=value on:change=on_input/>
                        <span class="unit">{unit}</span>
                    </span>
                </label>
            }
        })
        .collect_view();
    let result = move || {
        let inputs = state.scenario.get().sane();
        let currency = currency();
        let p = project(&inputs);
        let chart = ProjectionChart {
            title: format!("{}-year projection at {} partner involvement", inputs.years, percent(inputs.target_rate)),
            subtitle: format!(
                "from {} today · {:.0} opportunities a year · program {} a year · {} commission",
                percent(inputs.current_rate),
                inputs.yearly_opportunities,
                money(inputs.program_cost, &currency),
                percent(inputs.commission)
            ),
            currency_symbol: currency_symbol(&currency),
            periods: p.years.iter().map(|y| format!("Year {}", y.year)).collect(),
            series: vec![
                ("Partner bookings".into(), p.years.iter().map(|y| y.partner_bookings).collect()),
                ("Incremental revenue".into(), p.years.iter().map(|y| y.incremental).collect()),
                ("Cost (program + commission)".into(), p.years.iter().map(|y| y.cost).collect()),
            ],
        };
        let svg = projection_svg(&chart, 960, 440);
        let table = projection_table(&chart, &currency);
        let rows = p
            .years
            .iter()
            .map(|y| {
                view! {
                    <tr>
                        <th scope="row">{format!("Year {}", y.year)}</th>
                        <td class="num">{percent(y.rate)}</td>
                        <td class="num">{money(y.bookings, &currency)}</td>
                        <td class="num">{money(y.partner_bookings, &currency)}</td>
                        <td class="num">{money(y.incremental, &currency)}</td>
                        <td class="num">{money(y.gain_over_today, &currency)}</td>
                        <td class="num">{money(y.cost, &currency)}</td>
                        <td class="num">{y.roi.map_or_else(|| "—".into(), percent)}</td>
                    </tr>
                }
            })
            .collect_view();
        let payback = match p.payback_month {
            Some(m) => format!("Pays back in month {m}."),
            None => format!("Does not pay back within {} months on these inputs.", inputs.years * 12),
        };
        let per_partner = p
            .bookings_per_partner
            .map(|b| format!(" Each active partner would bring {} of bookings in the last year.", money(b, &currency)))
            .unwrap_or_default();
        view! {
            <p class="scenario-answer" data-testid="scenario-answer">{payback}{per_partner}</p>
            <ChartFrame svg=Signal::stored(Some(svg)) width=960 height=440 name="scenario-projection"
                label="Projection by year" primary=false table=Signal::stored(Some(table))/>
            <div class="table-wrap">
                <table class="data-table" data-testid="scenario-table">
                    <thead><tr>
                        <th scope="col">"Year"</th>
                        <th scope="col" class="num">"Involvement"</th>
                        <th scope="col" class="num">"All bookings"</th>
                        <th scope="col" class="num">"Partner bookings"</th>
                        <th scope="col" class="num">"Incremental revenue"</th>
                        <th scope="col" class="num">"Gain over today"</th>
                        <th scope="col" class="num">"Cost"</th>
                        <th scope="col" class="num">"ROI"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    let no_partner_deals = move || {
        let value = state.value.get()?;
        (value.partner.closed_deals == 0).then(|| {
            view! {
                <p class="notice-card card" data-testid="scenario-no-partner">
                    "No closed deal in this file involves a partner, so there is no partner win rate or deal size to measure. The partner figures below start equal to direct (no lift): enter the partner win rate and deal size you assume."
                </p>
            }
        })
    };
    view! {
        <div class="scenario" data-testid="scenario">
            {no_partner_deals}
            <div class="scenario-inputs">{fields}</div>
            <div class="actions">
                <button class="button" data-testid="scenario-reset" on:click=move |_| state.reset_scenario()>
                    {move || if state.loaded.with(Option::is_some) { "Refill from my data" } else { "Reset to typical values" }}
                </button>
                <span class="muted">"Inputs are remembered on this device (settings only, never data)."</span>
            </div>
            {result}
            <ul class="assumptions muted">
                <li>"Opportunities arrive evenly through the year; involvement moves in a straight line from today's rate to the target over the first 12 months, then holds."</li>
                <li>"Each month's opportunities close after the days to close, at the partner or direct win rate and deal size; revenue landing after the horizon is not counted."</li>
                <li>"Incremental revenue = partner-involved opportunities × (partner win rate × deal size − direct win rate × deal size): the value-model formula applied to the projection. Gain over today counts only the opportunities above today's rate."</li>
                <li>"Cost = program cost (spread evenly) + commission on partner bookings. ROI = (incremental revenue − cost) ÷ cost, on revenue, not margin. Payback is the first month cumulative incremental revenue covers cumulative cost."</li>
            </ul>
        </div>
    }
}
