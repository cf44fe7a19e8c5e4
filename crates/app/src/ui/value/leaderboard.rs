//! The partner leaderboard: sortable, one row per partner, with credit under
//! the selected attribution model and a quarterly trend sparkline.

use crate::chart::theme::{hex, key_color};
use crate::ui::format::{date, lift, money, money_cents, or_dash, percent};
use crate::ui::state::AppState;
use engine::date::Day;
use engine::journey::Dimension;
use engine::value::leaderboard::{partners_needed, PartnerRow};
use engine::view::DimensionView;
use leptos::prelude::*;

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Partner,
    Deals,
    Sourced,
    Influenced,
    WinRate,
    Lift,
    AvgSize,
    Cycle,
    Credit,
    First,
    Latest,
    Tier,
    FirstWin,
    Tenure,
}

impl Column {
    const ALL: [Column; 14] = [
        Column::Partner,
        Column::Deals,
        Column::Sourced,
        Column::Influenced,
        Column::WinRate,
        Column::Lift,
        Column::AvgSize,
        Column::Cycle,
        Column::Credit,
        Column::First,
        Column::Latest,
        Column::Tier,
        Column::FirstWin,
        Column::Tenure,
    ];

    /// Whether the column needs a roster file.
    fn roster_only(self) -> bool {
        matches!(self, Column::Tier | Column::FirstWin | Column::Tenure)
    }

    fn label(self) -> &'static str {
        match self {
            Column::Partner => "Partner",
            Column::Deals => "Deals",
            Column::Sourced => "Sourced revenue",
            Column::Influenced => "Influenced revenue",
            Column::WinRate => "Win rate",
            Column::Lift => "Lift vs direct",
            Column::AvgSize => "Avg won deal",
            Column::Cycle => "Median days",
            Column::Credit => "Credit",
            Column::First => "First deal",
            Column::Latest => "Latest deal",
            Column::Tier => "Tier",
            Column::FirstWin => "Days to first win",
            Column::Tenure => "Tenure (days)",
        }
    }

    /// The sort value of a row (text columns sort by name separately).
    fn value(self, row: &PartnerRow, credit: i64, today: Option<Day>) -> f64 {
        let or_low = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
        match self {
            Column::Partner => 0.0,
            Column::Deals => row.stats.deals as f64,
            Column::Sourced => row.sourced_cents as f64,
            Column::Influenced => row.influenced_cents as f64,
            Column::WinRate => or_low(row.stats.win_rate()),
            Column::Lift => or_low(row.win_rate_lift),
            Column::AvgSize => or_low(row.stats.avg_won_amount()),
            Column::Cycle => or_low(row.stats.median_cycle_days()),
            Column::Credit => credit as f64,
            Column::First => row.first_deal.map_or(f64::NEG_INFINITY, |d| f64::from(d.0)),
            Column::Latest => row.latest_deal.map_or(f64::NEG_INFINITY, |d| f64::from(d.0)),
            Column::Tier => 0.0,
            Column::FirstWin => row.days_to_first_win().map_or(f64::NEG_INFINITY, f64::from),
            Column::Tenure => today.and_then(|t| row.tenure_days(t)).map_or(f64::NEG_INFINITY, f64::from),
        }
    }
}

/// Points of a sparkline polyline in an 84×22 box.
pub fn sparkline_points(values: &[i64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = if values.len() > 1 { 80.0 / (values.len() - 1) as f64 } else { 0.0 };
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| format!("{:.1},{:.1}", 2.0 + step * i as f64, 20.0 - 18.0 * v.max(0) as f64 / max))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row per partner, sortable by any column.
#[component]
pub fn LeaderboardView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sort = RwSignal::new((Column::Sourced, true));
    let goal = RwSignal::new(1_000_000.0f64);
    // Partner credits under the selected model, whatever dimension is on screen.
    let credits = Memo::new(move |_| {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let model = state.model.get();
        let credits = if results.view.dimension == Dimension::Partner {
            results.model(model).cloned()
        } else {
            let view = DimensionView::build(&loaded.data, Dimension::Partner, state.lookback_days.get());
            view.models(true).contains(&model).then(|| view.attribute(&loaded.data, &state.params_untracked(), model))
        };
        Some(crate::ui::state::Shared(std::sync::Arc::new(credits?)))
    });
    let table = move || {
        let loaded = state.loaded.get()?;
        let board = state.leaderboard.get()?;
        let currency = loaded.data.currency.clone();
        let credits = credits.get();
        let credit_map = credits.as_ref().map(|c| c.revenue_by_key()).unwrap_or_default();
        let credit_of = |row: &PartnerRow| credit_map.get(&row.key).copied().unwrap_or(0);
        let (column, descending) = sort.get();
        let today = board.today;
        let roster = !loaded.data.roster.is_empty();
        let mut rows: Vec<&PartnerRow> = board.rows.iter().collect();
        rows.sort_by(|a, b| {
            let order = match column {
                Column::Partner => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                Column::Tier => a.tier.cmp(&b.tier),
                _ => column.value(a, credit_of(a), today).total_cmp(&column.value(b, credit_of(b), today)),
            };
            if descending {
                order.reverse()
            } else {
                order
            }
        });
        let quarters = board.quarters.clone();
        let trend_title = format!(
            "Won revenue per quarter, {} – {}",
            or_dash(quarters.first().cloned()),
            or_dash(quarters.last().cloned())
        );
        let mut header = Column::ALL
            .into_iter()
            .filter(|c| roster || !c.roster_only())
            .map(|c| {
                let label = if c == Column::Credit { format!("Credit ({})", state.model.get().label()) } else { c.label().to_string() };
                let arrow = move || match sort.get() {
                    (col, true) if col == c => " ▼",
                    (col, false) if col == c => " ▲",
                    _ => "",
                };
                let aria = move || match sort.get() {
                    (col, true) if col == c => "descending",
                    (col, false) if col == c => "ascending",
                    _ => "none",
                };
                view! {
                    <th scope="col" class=if c == Column::Partner { "" } else { "num" } aria-sort=aria>
                        <button class="link" on:click=move |_| sort.update(|s| *s = if s.0 == c { (c, !s.1) } else { (c, c != Column::Partner) })>
                            {label}{arrow}
                        </button>
                    </th>
                }
            })
            .collect::<Vec<_>>();
        let first = header.remove(0);
        let hidden = rows.len().saturating_sub(crate::ui::attribution::attribution_table::ROW_LIMIT);
        let body = rows
            .into_iter()
            .take(crate::ui::attribution::attribution_table::ROW_LIMIT)
            .map(|r| {
                let points = sparkline_points(&r.trend);
                let trend_label = format!(
                    "{}: {}",
                    r.name,
                    r.trend.iter().zip(&quarters).map(|(v, q)| format!("{q} {}", money_cents(*v, &currency))).collect::<Vec<_>>().join(", ")
                );
                let aria = trend_label.clone();
                let color = hex(key_color(&r.name));
                view! {
                    <tr>
                        <th scope="row">{r.name.clone()}</th>
                        <td>
                            <svg class="sparkline" width="84" height="22" viewBox="0 0 84 22" role="img" aria-label=aria>
                                <title>{trend_label}</title>
                                <polyline points=points fill="none" stroke=color stroke-width="1.8"/>
                            </svg>
                        </td>
                        <td class="num">{r.stats.deals}</td>
                        <td class="num">{money_cents(r.sourced_cents, &currency)}</td>
                        <td class="num">{money_cents(r.influenced_cents, &currency)}</td>
                        <td class="num">{or_dash(r.stats.win_rate().map(percent))}</td>
                        <td class="num">{or_dash(r.win_rate_lift.map(lift))}</td>
                        <td class="num">{or_dash(r.stats.avg_won_amount().map(|v| money(v, &currency)))}</td>
                        <td class="num">{or_dash(r.stats.median_cycle_days().map(|d| format!("{d:.0}")))}</td>
                        <td class="num">{money_cents(credit_of(r), &currency)}</td>
                        <td class="num">{or_dash(r.first_deal.map(date))}</td>
                        <td class="num">{or_dash(r.latest_deal.map(date))}</td>
                        {roster.then(|| view! {
                            <td>{or_dash(r.tier.clone())}</td>
                            <td class="num">{or_dash(r.days_to_first_win().map(|d| d.to_string()))}</td>
                            <td class="num" title=r.start.map(|d| format!("partner since {d}")).unwrap_or_default()>
                                {or_dash(today.and_then(|t| r.tenure_days(t)).map(|d| d.to_string()))}
                            </td>
                        })}
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="table-wrap">
                <table class="data-table" data-testid="leaderboard">
                    <thead><tr>{first}<th scope="col" title=trend_title.clone()>"Trend"</th>{header}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {(hidden > 0).then(|| view! {
                <p class="table-note">{format!("{hidden} more partners are not listed; sort by another column to see them at the top.")}</p>
            })}
        })
    };
    let needed = move || {
        let loaded = state.loaded.get()?;
        let board = state.leaderboard.get()?;
        let per_partner = board.revenue_per_partner_per_year(&loaded.data)?;
        let n = partners_needed(goal.get(), per_partner)?;
        Some(format!(
            "At {} of partner-involved won revenue per active partner per year, adding {} a year takes about {n} more active partners.",
            money(per_partner, &loaded.data.currency),
            money(goal.get(), &loaded.data.currency)
        ))
    };
    let on_goal = move |ev: leptos::ev::Event| {
        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
            goal.set(v.max(0.0));
        }
    };
    let programs = move || {
        let loaded = state.loaded.get()?;
        let board = state.leaderboard.get()?;
        if board.programs.is_empty() {
            return None;
        }
        let currency = loaded.data.currency.clone();
        let rows = board
            .programs
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <th scope="row">{p.program.clone()}</th>
                        <td class="num">{p.partners}</td>
                        <td class="num">{p.active}</td>
                        <td class="num">{money_cents(p.won_cents, &currency)}</td>
                        <td class="num">{or_dash(p.revenue_per_partner().map(|v| money(v, &currency)))}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <h3>"Revenue per partner, by program"</h3>
            <div class="table-wrap">
                <table class="data-table" data-testid="programs">
                    <thead><tr>
                        <th scope="col">"Tier / program"</th>
                        <th scope="col" class="num">"Partners on roster"</th>
                        <th scope="col" class="num">"With a won deal"</th>
                        <th scope="col" class="num">"Won revenue (involved)"</th>
                        <th scope="col" class="num">"Per partner"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        {table}
        {programs}
        <div class="controls">
            <label class="control">
                <span>"Revenue to add per year"</span>
                <input type="number" min="0" step="100000" data-testid="revenue-goal" prop:value=move || goal.get().to_string() on:input=on_goal/>
            </label>
            <p class="muted" data-testid="partners-needed">{needed}</p>
        </div>
    }
}
