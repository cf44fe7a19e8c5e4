//! Between the state and share links: the settings on screen as a
//! [`Settings`], a [`Settings`] applied back, and the board's
//! [`Snapshot`] built from what is on screen (aggregates only).

use crate::ui::board::slides::Slide;
use crate::ui::state::AppState;
use engine::attribution::{ModelId, PositionWeights, RevenueBase};
use engine::date::parse_iso_date;
use engine::journey::Dimension;
use engine::share::{Settings, Snapshot, SnapshotCard, SnapshotChart, SnapshotPartner, SnapshotRetention};
use engine::value::kpi::CompanySize;
use engine::value::model::Definition;
use engine::value::overlay::Split;
use engine::value::scenario::ScenarioInputs;
use engine::value::stats::rate_difference;
use leptos::prelude::*;

/// The settings on screen (and the mappings remembered for the loaded files).
pub fn current_settings(state: AppState) -> Settings {
    let custom = state.custom.get();
    let base = match state.base.get() {
        RevenueBase::Won => "won",
        RevenueBase::OpenPipeline => "open",
    };
    Settings {
        half_life: state.half_life.get(),
        base: base.into(),
        close_from: state.close_from.get().map(|d| d.to_string()),
        close_to: state.close_to.get().map(|d| d.to_string()),
        lookback: state.lookback_days.get(),
        weights: [custom.first, custom.middle, custom.last],
        extras: state.extras.get(),
        dimension: state.dimension.get().id().into(),
        model: state.model.get().id().into(),
        definition: state.definition.get().id().into(),
        split: state.split.get().id().into(),
        company_size: state.company_size.get().id().into(),
        scenario: state.scenario.get().encode(),
        slides: state.slides.get().iter().map(|s| s.id().to_string()).collect(),
        mappings: state.shared_mappings.get(),
        titles: state.slide_titles.get(),
    }
}

/// Apply settings from a link; unknown ids keep the current value.
pub fn apply_settings(state: AppState, s: &Settings) {
    state.half_life.set(s.half_life);
    state.base.set(if s.base == "open" { RevenueBase::OpenPipeline } else { RevenueBase::Won });
    state.close_from.set(s.close_from.as_deref().and_then(parse_iso_date));
    state.close_to.set(s.close_to.as_deref().and_then(parse_iso_date));
    state.lookback_days.set(s.lookback);
    let [first, middle, last] = s.weights;
    state.custom.set(PositionWeights { first, middle, last });
    state.extras.set(s.extras);
    if let Some(d) = Dimension::from_id(&s.dimension) {
        state.dimension.set(d);
    }
    if let Some(m) = ModelId::from_id(&s.model) {
        state.model.set(m);
    }
    if let Some(d) = Definition::from_id(&s.definition) {
        state.definition.set(d);
    }
    if let Some(sp) = Split::from_id(&s.split) {
        state.split.set(sp);
    }
    if let Some(c) = CompanySize::from_id(&s.company_size) {
        state.company_size.set(c);
    }
    // A link's settings are for this visit: nothing of it is stored until
    // the user changes something themselves.
    if let Some(inputs) = ScenarioInputs::decode(&s.scenario) {
        state.scenario.set(inputs);
        state.scenario_from_link.set_value(true);
    }
    let mut slides: Vec<Slide> = Vec::new();
    for slide in s.slides.iter().filter_map(|id| Slide::from_id(id)) {
        if !slides.contains(&slide) {
            slides.push(slide);
        }
    }
    if !slides.is_empty() {
        state.slides.set(slides);
    }
    // Mappings from a link are proposals, shown in the panel when a
    // matching file is dropped (`jobs.rs`), never remembered unseen.
    state.shared_mappings.set(s.mappings.clone());
    state.slide_titles.set(s.titles.clone());
}

/// How many partners the leaderboard slide shows.
pub const TOP_PARTNERS: usize = 10;

/// The board's content, from what is on screen: aggregates only.
pub fn snapshot(state: AppState) -> Option<Snapshot> {
    let loaded = state.loaded.get()?;
    let results = state.results.get()?;
    let value = state.value.get()?;
    let board = state.leaderboard.get()?;
    let model = state.model.get();
    let cards = crate::ui::value::overview::cards(state)?
        .into_iter()
        .map(|c| SnapshotCard { title: c.title.into(), value: c.value, detail: c.detail })
        .collect();
    // Every model shown (additive ones and Influenced): the board's agreement chart.
    use crate::ui::attribution::comparison_chart::{every_model, top_keys_of};
    let (all_keys, all_series) = top_keys_of(&results, 100, &every_model(&results));
    let top = crate::chart::agreement_rows(&all_keys, &all_series, model.label(), 10);
    let index: Vec<usize> = top.iter().filter_map(|r| all_keys.iter().position(|k| *k == r.key)).collect();
    let keys: Vec<String> = index.iter().map(|&i| all_keys[i].clone()).collect();
    let series = all_series.into_iter().map(|(label, v)| (label, index.iter().map(|&i| v[i]).collect())).collect();
    let attribution = SnapshotChart { keys, series };
    let waterfall = value.incremental().map(|i| {
        [
            i.direct_baseline,
            i.win_rate_effect,
            i.deal_size_effect,
            i.direct_baseline + i.win_rate_effect + i.deal_size_effect,
        ]
    });
    let credit = (results.view.dimension == Dimension::Partner).then(|| results.model(model)).flatten();
    let partners = board
        .rows
        .iter()
        .take(TOP_PARTNERS)
        .map(|r| SnapshotPartner {
            name: r.name.clone(),
            deals: r.stats.deals,
            sourced: r.sourced_cents as f64 / 100.0,
            influenced: r.influenced_cents as f64 / 100.0,
            win_rate: r.stats.win_rate(),
            credit: credit.map_or(0.0, |c| c.revenue_of(r.key) as f64 / 100.0),
        })
        .collect();
    let stages = state.stage_days.get().map(|r| {
        let rows: Vec<usize> = (0..r.stages.len())
            .filter(|&k| r.partner[k].median_days().is_some() && r.direct[k].median_days().is_some())
            .collect();
        SnapshotChart {
            keys: rows.iter().map(|&k| r.stages[k].clone()).collect(),
            series: vec![
                ("Partner-involved".into(), rows.iter().filter_map(|&k| r.partner[k].median_days()).collect()),
                ("Direct".into(), rows.iter().filter_map(|&k| r.direct[k].median_days()).collect()),
            ],
        }
    });
    let retention = state.retention.get().map(|r| {
        let separated = match (r.partner.grr_interval(), r.direct.grr_interval()) {
            (Some(p), Some(d)) => p.low > d.high || p.high < d.low,
            _ => false,
        };
        SnapshotRetention {
            who: if r.definition == "integration" {
                "Accounts using a partner integration".into()
            } else {
                "Partner-involved accounts".into()
            },
            window: format!("{} to {}", r.t0, r.t1),
            grr: [r.partner.grr(), r.direct.grr()],
            nrr: [r.partner.nrr(), r.direct.nrr()],
            accounts: [r.partner.accounts, r.direct.accounts],
            separated,
        }
    });
    let period = match loaded.data.created_span() {
        Some((a, b)) => format!("Deals created {a} – {b}"),
        None => String::new(),
    };
    Some(
        Snapshot {
            title: state.deck_title.get(),
            subtitle: format!("{period} · {}", loaded.source),
            currency: loaded.data.currency.clone(),
            model: model.label().into(),
            definition: value.definition.label().into(),
            cards,
            attribution,
            waterfall,
            partners,
            scenario: state.scenario.get().encode(),
            slides: state.slides.get().iter().map(|s| s.id().to_string()).collect(),
            stages,
            retention,
            notes: left_out_notes(&loaded.data, &value),
            win_rates: {
                let (p, d) = (&value.partner, &value.direct);
                match (
                    p.win_rate(),
                    d.win_rate(),
                    rate_difference(p.won_deals, p.closed_deals, d.won_deals, d.closed_deals),
                ) {
                    (Some(a), Some(b), Some(i)) => Some([a, b, i.low, i.high]),
                    _ => None,
                }
            },
            closed: Some([value.partner.closed_deals, value.direct.closed_deals]),
            titles: state.slide_titles.get(),
        }
        .bounded(),
    )
}

/// What the figures leave out and why, in plain sentences (spec §2: every
/// deal left out of a metric is counted where the metric is shown).
pub fn left_out_notes(data: &engine::dataset::Dataset, value: &engine::value::model::ValueModel) -> Vec<String> {
    use engine::ingest::problems::{Effect, REPEATED_ID};
    let q = &data.quality;
    let mut notes = Vec::new();
    // The problem-rows panel's groups (repeated ids have their own line below).
    let problems = q.problems();
    let left: Vec<_> =
        problems.groups.iter().filter(|g| g.effect == Effect::LeftOut && g.reason != REPEATED_ID).collect();
    if !left.is_empty() {
        let rows: usize = left.iter().map(|g| g.count).sum();
        let why: Vec<String> = left.iter().take(3).map(|g| format!("{} {}", g.count, g.reason)).collect();
        notes.push(format!("{rows} row(s) of the file left out of every figure ({}).", why.join("; ")));
    }
    if !q.duplicates.is_empty() {
        notes.push(format!("{} repeated deal id(s): the first row of each kept.", q.duplicates.len()));
    }
    let cycle = value.partner.cycle_left_out + value.direct.cycle_left_out;
    if cycle > 0 {
        notes.push(format!(
            "{cycle} won deal(s) left out of days to close and velocity (no readable created date, or closed before created)."
        ));
    }
    let zero = q.blank_amounts.len() + q.unreadable_amounts.len();
    if zero > 0 {
        notes.push(format!("{zero} deal(s) with a blank or unreadable amount counted at 0."));
    }
    notes
}
