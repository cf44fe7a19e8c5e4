//! The overview that opens after loading: headline cards with the period
//! and definition under each, ordered by the KPIs peers of the company's
//! size are held to.

use crate::ui::format::{date, lift, money_cents, percent};
use crate::ui::state::{AppState, SIZE_KEY};
use engine::date::Day;
use engine::value::kpi::{CompanySize, Kpi};
use leptos::prelude::*;

/// One headline card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The KPI it answers, if one of the guidance KPIs.
    pub kpi: Option<Kpi>,
    /// What the figure is.
    pub title: &'static str,
    /// The figure, formatted.
    pub value: String,
    /// Definition and period.
    pub detail: String,
    /// Whether peers of this company size are held to it.
    pub focus: bool,
}

/// The headline cards for the loaded data, guidance KPIs first.
pub fn cards(state: AppState) -> Option<Vec<Card>> {
    let loaded = state.loaded.get()?;
    let value = state.value.get()?;
    let board = state.leaderboard.get()?;
    let (data, journeys) = (&loaded.data, &loaded.journeys);
    let currency = &data.currency;
    let (first, last): (Day, Day) = data.created_span()?;
    let period = format!("deals created {} – {}", date(first), date(last));
    let (mut sourced, mut sourced_won, mut influenced, mut influenced_won) = (0u64, 0i64, 0u64, 0i64);
    for (i, d) in data.deals.iter().enumerate() {
        // A warehouse group of deals (spec §10) counts as its deals.
        let deals = u64::from(data.weight(i));
        if d.sourcing.is_some() {
            sourced += deals;
            sourced_won += if d.won { d.amount_cents } else { 0 };
        } else if journeys.has_partner(i) {
            influenced += deals;
            influenced_won += if d.won { d.amount_cents } else { 0 };
        }
    }
    let year_before = Day(last.0 - 365);
    // New partnerships are known only from a roster's start dates; a deal
    // file alone cannot tell a new partner from an old one without deals.
    let has_starts = data.roster.iter().any(|r| r.start.is_some());
    let new_partners = board.rows.iter().filter(|r| r.start.is_some_and(|s| s > year_before)).count();
    let definition = value.definition.label();
    let involvement = value.partner.deals as f64 / data.deal_count().max(1) as f64;
    let win_lift = value.direct.win_rate().zip(value.partner.win_rate()).map(|(d, p)| p / d - 1.0);
    let cycle = value.partner.median_cycle_days().zip(value.direct.median_cycle_days()).map(|(p, d)| p - d);
    let card = |kpi, title, value, detail| Card { kpi, title, value, detail, focus: false };
    let mut cards = vec![
        card(
            Some(Kpi::SourcedRevenue),
            "Partner-sourced revenue",
            money_cents(sourced_won, currency),
            format!("won deals with a sourcing partner · {period}"),
        ),
        card(
            Some(Kpi::Leads),
            "Partner-sourced opportunities",
            sourced.to_string(),
            format!("open and closed · {period}"),
        ),
        card(
            Some(Kpi::InfluencedRevenue),
            "Partner-influenced revenue",
            money_cents(influenced_won, currency),
            format!("won deals with partners in the journey but no sourcing partner · {period}"),
        ),
        card(None, "Partner-influenced opportunities", influenced.to_string(), format!("open and closed · {period}")),
        card(None, "Partner involvement", percent(involvement), format!("of all deals · {definition} · {period}")),
        card(
            None,
            "Win-rate lift",
            win_lift.map_or_else(|| "—".into(), lift),
            format!("partner-involved vs direct, closed deals · {definition}"),
        ),
        card(
            None,
            "Cycle-time change",
            cycle.map_or_else(|| "—".into(), |c| format!("{c:+.0} days")),
            format!("median days to close, won deals, partner vs direct · {definition}"),
        ),
    ];
    if has_starts {
        cards.insert(
            4,
            card(
                Some(Kpi::NewPartnerships),
                "New partnerships",
                new_partners.to_string(),
                format!("roster partners who started after {}", date(year_before)),
            ),
        );
    }
    // §7a/§7b figures, when the files that carry them were dropped.
    if let Some(r) = state.retention.get() {
        if let (Some(p), Some(d)) = (r.partner.nrr(), r.direct.nrr()) {
            let who = if r.definition == "integration" {
                "accounts with a partner integration"
            } else {
                "partner-involved accounts"
            };
            cards.push(card(
                Some(Kpi::NetRevenueRetention),
                "Net revenue retention",
                format!("{} vs {}", percent(p), percent(d)),
                format!("{who} vs the others · ARR {} → {}", date(r.t0), date(r.t1)),
            ));
        }
    }
    if let Some(stages) = state.stage_days.get() {
        let total = |rows: &[engine::value::stage_days::StageRow]| -> Option<f64> {
            let medians: Vec<f64> = rows.iter().filter_map(|r| r.median_days()).collect();
            (!medians.is_empty()).then(|| medians.iter().sum())
        };
        if let (Some(p), Some(d)) = (total(&stages.partner), total(&stages.direct)) {
            cards.push(card(
                None,
                "Time in open stages",
                format!("{p:.0} vs {d:.0} days"),
                format!("sum of median days per stage, partner-involved vs direct · {definition}"),
            ));
        }
    }
    let kpis = state.company_size.get().kpis_for(engine::value::kpi::integration_led(data));
    let rank = |c: &Card| c.kpi.and_then(|k| kpis.iter().position(|&x| x == k)).unwrap_or(kpis.len());
    cards.sort_by_key(rank); // stable: the rest keep their order
    for c in &mut cards {
        c.focus = c.kpi.is_some_and(|k| kpis.contains(&k));
    }
    Some(cards)
}

/// What would unlock the cards the data cannot support (no empty claims).
pub fn locked_cards(state: AppState) -> Option<String> {
    let loaded = state.loaded.get()?;
    let data = &loaded.data;
    let mut missing = Vec::new();
    if !data.roster.iter().any(|r| r.start.is_some()) {
        missing.push("new partnerships need a partner roster with start dates");
    }
    if state.retention.get().is_none() {
        missing.push("net revenue retention needs finance's ARR by account");
    }
    if state.stage_days.get().is_none() {
        missing.push("time in stages needs a stage history");
    }
    (!missing.is_empty()).then(|| format!("Not shown, as this data cannot support them: {}.", missing.join("; ")))
}

/// Headline cards and KPI guidance.
#[component]
pub fn Overview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cards = move || {
        Some(
            cards(state)?
                .into_iter()
                .map(|c| {
                    view! {
                        <div class=if c.focus { "headline focus" } else { "headline" } data-testid="headline-card">
                            <span class="headline-title">{c.title}</span>
                            <span class="headline-value">{c.value}</span>
                            <span class="headline-detail">{c.detail}</span>
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    let on_size = move |ev: leptos::ev::Event| {
        if let Some(size) = CompanySize::from_id(&event_target_value(&ev)) {
            state.company_size.set(size);
            crate::ui::browser::save_setting(SIZE_KEY, size.id());
        }
    };
    let guidance = move || {
        let size = state.company_size.get();
        let led = state.loaded.with(|l| l.as_ref().is_some_and(|l| engine::value::kpi::integration_led(&l.data)));
        let kpis: Vec<&str> = size.kpis_for(led).iter().map(|k| k.label()).collect();
        let integration = if led {
            " This program is integration-led (an integration file, or mostly technology partners), so net revenue retention of the accounts using its integrations comes first."
        } else {
            ""
        };
        format!(
            "Partner programs at companies of {} are usually at the {} stage and are held to: {}. Those cards come first.{integration}",
            size.label(),
            size.maturity(),
            kpis.join(", ")
        )
    };
    view! {
        <div class="controls">
            <label class="control">
                <span>"Company size"</span>
                <select data-testid="company-size" on:change=on_size prop:value=move || state.company_size.get().id()>
                    {CompanySize::ALL.into_iter().map(|s| view! { <option value=s.id()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <p class="muted guidance" data-testid="kpi-guidance">{guidance}</p>
        </div>
        <div class="headlines">{cards}</div>
        <p class="muted" data-testid="cards-unlock">{move || locked_cards(state)}</p>
    }
}
