//! The results page: a summary strip, the attribution comparison and the
//! partner-vs-direct value model.

use crate::ui::attribution::attribution_table::AttributionTable;
use crate::ui::attribution::comparison_chart::{AgreementChartView, ComparisonChartView};
use crate::ui::attribution::controls::Controls;
use crate::ui::attribution::drill_down::DrillDown;
use crate::ui::attribution::methodology::Methodology;
use crate::ui::attribution::rank_view::RankView;
use crate::ui::board::share_panel::SharePanel;
use crate::ui::format::{date, money_cents, percent};
use crate::ui::load::check_bar::{CheckColumnsBar, RatesPrompt};
use crate::ui::load::drop_zone::DropZone;
use crate::ui::load::problem_rows::ProblemRows;
use crate::ui::load::quality_panel::QualityPanel;
use crate::ui::load::stage_labels::StageLabels;
use crate::ui::state::{AppState, ALL_SECTIONS, SCENARIO_STEP};
use crate::ui::value::leaderboard::LeaderboardView;
use crate::ui::value::overview::Overview;
use crate::ui::value::scenario::ScenarioPlanner;
use crate::ui::value::stages_view::StagesView;
use crate::ui::value::value_table::ValueTable;
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
        let involved = value.partner.deals as f64 / data.deal_count().max(1) as f64;
        let period = if data.is_aggregated() {
            // Warehouse groups carry no close dates; the creation span was counted.
            match data.created_span() {
                Some((a, b)) => format!("deals created {} – {}", date(a), date(b)),
                None => "no creation dates".to_string(),
            }
        } else {
            let mut dates: Vec<_> = data.deals.iter().filter_map(|d| d.close.filter(|_| d.won)).collect();
            dates.sort_unstable();
            match (dates.first(), dates.last()) {
                (Some(a), Some(b)) => format!("won {} – {}", date(*a), date(*b)),
                _ => "no won deals".to_string(),
            }
        };
        let journeys = match (data.is_aggregated(), loaded.journeys.dated) {
            (true, true) => "dated touches, as patterns counted in your warehouse",
            (true, false) => "deal-level partner fields, as patterns counted in your warehouse",
            (false, true) => "dated touches",
            (false, false) => "deal-level partner fields",
        };
        Some(view! {
            <section class="summary">
                <div class="summary-source">
                    <span class="muted">"Source"</span>
                    <h1 class="summary-title">{loaded.source.clone()}</h1>
                    <span class="muted">{format!("{period} · journeys from {journeys}")}</span>
                </div>
                <div class="kpi">
                    <span class="kpi-value"><span data-testid="row-count">{data.deal_count()}</span></span>
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
    // Spec §1 and issue 11: say plainly when the file names no partner, and
    // what the lead-source signal did, with a one-click way to undo it.
    let no_partner = move || {
        let loaded = state.loaded.get()?;
        let q = &loaded.data.quality;
        q.no_partner_column.then_some(())?;
        let unnamed = q.unnamed_partner_deals;
        let toggle = move |_| state.rebuild(|o| o.ignore_partner_lead_source = !o.ignore_partner_lead_source);
        let off = state.last_choices.with_value(|c| c.as_ref().is_some_and(|(_, o)| o.ignore_partner_lead_source));
        Some(view! {
            <section class="card notice-card" data-testid="no-partner-column">
                <h2>"This file has no partner column"</h2>
                <p>{if unnamed > 0 {
                    format!("{unnamed} deal(s) whose lead source names a partner channel (Partner, Partner Referral, Channel, Reseller…) are counted as sourced by \"(partner, unnamed)\". Every other deal is direct.")
                } else if off {
                    "The lead-source partner signal is off: every deal is direct.".to_string()
                } else {
                    "No deal names a partner, so every deal is direct and partner-vs-direct comparisons have nothing to compare.".to_string()
                }}</p>
                <p class="muted">"To credit named partners: in Salesforce, export the \"Opportunities with Partners\" report (the Opportunity Partner related list) or add your partner lookup field to the report; in HubSpot, add your partner property or the associated partner company to the deal export."</p>
                {(unnamed > 0 || off).then(|| view! {
                    <button class="button" data-testid="toggle-unnamed-partner" on:click=toggle>
                        {if off { "Use the lead source as a partner signal" } else { "Don't treat lead sources as partners" }}
                    </button>
                })}
            </section>
        })
    };
    let rows = move || state.loaded.with(|l| l.as_ref().is_some_and(|l| !l.data.is_aggregated()));
    view! {
        <DropZone compact=true/>
        {summary}
        <CheckColumnsBar/>
        <RatesPrompt/>
        <WarehouseNotice/>
        {no_partner}
        <nav class="section-nav" aria-label="Sections">
            <a href="#overview">"Overview"</a>
            <a href="#attribution">"Attribution"</a>
            <a href="#partner-vs-direct">"Partner vs direct"</a>
            <Show when=rows><a href="#stages">"Stages & retention"</a></Show>
            <a href="#leaderboard">"Leaderboard"</a>
            <a href="#scenario">"Scenario"</a>
            <a href="#present">"Present & share"</a>
            <a href="#methodology">"Method"</a>
        </nav>
        <ProblemRows/>
        <QualityPanel/>
        <StageLabels/>
        <Reveal step=1>
            <Section id="overview" title="What partners add"
                lede="Headline figures for the whole file. The definition and period are under each.">
                <Overview/>
            </Section>
        </Reveal>
        <Reveal step=2>
            <Section id="attribution" title="Credit under every attribution rule"
                lede="The same revenue, divided by each rule. Partners that rank high in every column matter whichever rule your CFO prefers.">
                <Controls/>
                <ModelsPending/>
                <ComparisonChartView/>
                <AgreementChartView/>
                <AttributionTable/>
            </Section>
        </Reveal>
        <Reveal step=3>
            <Show when=rows><DrillDown/></Show>
            <Section title="Which conclusions survive every rule"
                lede="Rank of each key under every additive model, and how far the rules disagree about it.">
                <RankView/>
            </Section>
        </Reveal>
        <Reveal step=4>
            <Section id="partner-vs-direct" title="Partner-involved vs direct deals: how sure are we?"
                lede="Win rate, deal size, cycle and velocity with 95% intervals (Wilson for rates, a seeded bootstrap for amounts and days). Open deals count in “deals” only.">
                <ValueTable/>
            </Section>
        </Reveal>
        <Reveal step=5>
            <Show when=rows>
                <Section id="stages" title="Days in stage and revenue retention"
                    lede="How long partner-involved and direct deals stay in each stage and how many move on (spec §7a); how much recurring revenue their accounts keep (§7b).">
                    <StagesView/>
                </Section>
            </Show>
        </Reveal>
        <Reveal step=6>
            <Section id="leaderboard" title="Partner leaderboard"
                lede="One row per partner: deals it is involved in, revenue it sourced and influenced, and credit under the model selected above. Click a heading to sort.">
                <LeaderboardView/>
            </Section>
        </Reveal>
        <Reveal step=SCENARIO_STEP>
            <Section id="scenario" title="What would more partner involvement return?"
                lede="Prefilled from this file; change any input.">
                <ScenarioPlanner/>
            </Section>
        </Reveal>
        <Reveal step=ALL_SECTIONS>
            <Section id="present" title="Present and share"
                lede="Pick and order the slides, present full screen (arrow keys, Esc), print to PDF, or share a link.">
                <SharePanel/>
            </Section>
            <Methodology/>
        </Reveal>
    }
}

/// What the page shows of results computed in a warehouse (spec §10), and
/// which views need the deal rows that stayed there.
#[component]
fn WarehouseNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loaded = state.loaded.get()?;
        let parts = loaded.data.warehouse.as_ref()?;
        let patterns = loaded.data.deals.len();
        let deals = loaded.data.deal_count();
        let decay = if parts.time_decay.is_some() {
            format!(" Time decay used a half-life of {} days, set in the SQL.", parts.half_life_days)
        } else {
            String::new()
        };
        Some(view! {
            <section class="card notice-card" data-testid="warehouse-results">
                <h2>"Computed in your warehouse"</h2>
                <p>{format!(
                    "These results come from {patterns} journey patterns counting {deals} deals, which your data team's SQL aggregated where the data lives: no deal row, id or account reached this page. Every attribution model, the value model, the leaderboard and the scenario planner are computed from them with the same definitions as for a file.{decay}"
                )}</p>
                <p class="muted">"Not available from counts (they need deal rows): drill-down to single deals, days in stage and retention, the team and touch-type dimensions, the lookback window and close-date filters, and the mix-adjusted lift. The partner-type dimension and the splits by partner type, segment and deal type appear when the SQL was given those columns."</p>
            </section>
        })
    }
}

/// Sections mounted at step `step` of the reveal after a load
/// (`crate::ui::state` explains why they come one a task).
#[component]
fn Reveal(
    /// The reveal step that mounts them.
    step: usize,
    /// The sections.
    children: ChildrenFn,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let mounted = move || state.reveal.get() >= step;
    view! { <Show when=mounted>{children()}</Show> }
}

/// Said while the worker computes a fresh load's models: the rest of the
/// page is already shown, and these take their place when they arrive.
#[component]
fn ModelsPending() -> impl IntoView {
    let state = expect_context::<AppState>();
    let waiting = move || state.loaded.with(Option::is_some) && state.results.with(Option::is_none);
    view! {
        <Show when=waiting>
            <p class="models-pending" data-testid="models-pending" role="status">
                <span class="spinner" aria-hidden="true"></span>
                "Dividing the revenue under every rule, beside your data in the background…"
            </p>
        </Show>
    }
}

/// A results section: a card with its heading and one-line explanation.
#[component]
fn Section(
    /// Anchor of the section (the section navigation links to it).
    #[prop(optional)]
    id: &'static str,
    /// The question the section answers.
    title: &'static str,
    /// How to read it, in one line.
    lede: &'static str,
    /// The section's content.
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card" id=(!id.is_empty()).then_some(id)>
            <div class="card-head">
                <div>
                    <h2>{title}</h2>
                    <p class="muted">{lede}</p>
                </div>
            </div>
            {children()}
        </section>
    }
}
