//! The results page: a summary strip, the attribution comparison and the
//! partner-vs-direct value model.

use super::attribution_table::AttributionTable;
use super::comparison_chart::ComparisonChartView;
use super::controls::Controls;
use super::drill_down::DrillDown;
use super::drop_zone::DropZone;
use super::format::{date, money_cents, percent};
use super::leaderboard::LeaderboardView;
use super::methodology::Methodology;
use super::overview::Overview;
use super::quality_panel::QualityPanel;
use super::rank_view::RankView;
use super::scenario::ScenarioPlanner;
use super::share_panel::SharePanel;
use super::state::AppState;
use super::value_table::ValueTable;
use leptos::prelude::*;

/// Everything shown once data is loaded.
#[component]
pub fn ResultsView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = move || {
        let loaded = state.loaded.get()?;
        let value = state.value.get()?;
        let data = &loaded.data;
        let won: i64 = data.deals.iter().filter(|d| d.won).map(|d| d.amount_cents).sum();
        let involved = value.partner.deals as f64 / data.deals.len().max(1) as f64;
        let mut dates: Vec<_> = data.deals.iter().filter_map(|d| d.close.filter(|_| d.won)).collect();
        dates.sort_unstable();
        let period = match (dates.first(), dates.last()) {
            (Some(a), Some(b)) => format!("won {} – {}", date(*a), date(*b)),
            _ => "no won deals".to_string(),
        };
        let journeys = if loaded.journeys.dated { "dated touches" } else { "deal-level partner fields" };
        Some(view! {
            <section class="summary">
                <div class="summary-source">
                    <span class="muted">"Source"</span>
                    <strong>{loaded.source.clone()}</strong>
                    <span class="muted">{format!("{period} · journeys from {journeys}")}</span>
                </div>
                <div class="kpi">
                    <span class="kpi-value"><span data-testid="row-count">{data.deals.len()}</span></span>
                    <span class="kpi-label">"deals loaded"</span>
                </div>
                <div class="kpi">
                    <span class="kpi-value">{money_cents(won, &data.currency)}</span>
                    <span class="kpi-label">"won revenue (the revenue base)"</span>
                </div>
                <div class="kpi">
                    <span class="kpi-value">{percent(involved)}</span>
                    <span class="kpi-label">"of deals involve a partner"</span>
                </div>
            </section>
        })
    };
    view! {
        <DropZone compact=true/>
        {summary}
        <nav class="section-nav" aria-label="Sections">
            <a href="#overview">"Overview"</a>
            <a href="#attribution">"Attribution"</a>
            <a href="#partner-vs-direct">"Partner vs direct"</a>
            <a href="#leaderboard">"Leaderboard"</a>
            <a href="#scenario">"Scenario"</a>
            <a href="#present">"Present & share"</a>
            <a href="#methodology">"Method"</a>
        </nav>
        <QualityPanel/>
        <section class="card" id="overview">
            <div class="card-head">
                <div>
                    <h2>"What partners add"</h2>
                    <p class="muted">"Headline figures for the whole file. The definition and period are under each."</p>
                </div>
            </div>
            <Overview/>
        </section>
        <section class="card" id="attribution">
            <div class="card-head">
                <div>
                    <h2>"Credit under every attribution rule"</h2>
                    <p class="muted">"The same revenue, divided by each rule. Partners that rank high in every column matter whichever rule your CFO prefers."</p>
                </div>
            </div>
            <Controls/>
            <ComparisonChartView/>
            <AttributionTable/>
        </section>
        <DrillDown/>
        <section class="card">
            <div class="card-head">
                <div>
                    <h2>"Which conclusions survive every rule"</h2>
                    <p class="muted">"Rank of each key under every additive model, and how far the rules disagree about it."</p>
                </div>
            </div>
            <RankView/>
        </section>
        <section class="card" id="partner-vs-direct">
            <div class="card-head">
                <div>
                    <h2>"Partner-involved vs direct deals: how sure are we?"</h2>
                    <p class="muted">"Win rate, deal size, cycle and velocity with 95% intervals (Wilson for rates, a seeded bootstrap for amounts and days). Open deals count in “deals” only."</p>
                </div>
            </div>
            <ValueTable/>
        </section>
        <section class="card" id="leaderboard">
            <div class="card-head">
                <div>
                    <h2>"Partner leaderboard"</h2>
                    <p class="muted">"One row per partner: deals it is involved in, revenue it sourced and influenced, and credit under the model selected above. Click a heading to sort."</p>
                </div>
            </div>
            <LeaderboardView/>
        </section>
        <section class="card" id="scenario">
            <div class="card-head">
                <div>
                    <h2>"What would more partner involvement return?"</h2>
                    <p class="muted">"Prefilled from this file; change any input."</p>
                </div>
            </div>
            <ScenarioPlanner/>
        </section>
        <section class="card" id="present">
            <div class="card-head">
                <div>
                    <h2>"Present and share"</h2>
                    <p class="muted">"Pick and order the slides, present full screen (arrow keys, Esc), print to PDF, or share a link."</p>
                </div>
            </div>
            <SharePanel/>
        </section>
        <Methodology/>
    }
}
