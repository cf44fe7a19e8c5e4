//! The built-in sample, and the app's reactive state driven natively with an Owner.

use app::ui::state::{AppState, FirstResults, Shared};
use engine::attribution::{attribute, ModelId, Params, RevenueBase};
use engine::ingest::InputFile;
use engine::journey::Journeys;
use engine::protocol::Reply;
use engine::sample::{sample_csv, sample_dataset, SAMPLE_DEALS};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[test]
fn sample_is_deterministic_and_realistic() {
    assert_eq!(sample_csv(), sample_csv(), "same bytes every time");
    let data = sample_dataset();
    assert_eq!(data.deals.len(), SAMPLE_DEALS);
    let journeys = Journeys::build(&data);
    let partners: BTreeSet<_> = (0..data.deals.len()).flat_map(|i| journeys.partner_set(i)).collect();
    assert!((12..=15).contains(&partners.len()), "{} partners", partners.len());
    let open = data.deals.iter().filter(|d| !d.closed).count();
    assert!(open > 10, "some open deals: {open}");
    assert!(data.deals.iter().any(|d| d.sourcing.is_some()), "sourced deals");
    assert!(data.deals.iter().any(|d| d.sourcing.is_none() && !data.influencers_of(d).is_empty()), "influenced deals");
    let first = data.deals.iter().filter_map(|d| d.created).min().unwrap();
    let last = data.deals.iter().filter_map(|d| d.created).max().unwrap();
    assert!(last.0 - first.0 > 600, "spans about two years");
    let r = attribute(&data, &journeys, ModelId::Shapley, &Params::default());
    assert_eq!(r.total_cents(), r.base_cents);
}

#[test]
fn state_loads_files_and_keeps_results_when_a_bad_file_follows() {
    let owner = Owner::new();
    owner.with(|| {
        let state = AppState::new();
        assert!(state.results.get_untracked().is_none());
        let deals = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/deals.csv")).unwrap();
        state.load_files(vec![InputFile { name: "deals.csv".into(), bytes: deals }]);
        let results = state.results.get_untracked().expect("results computed");
        assert_eq!(state.loaded.get_untracked().unwrap().data.deals.len(), 400);
        assert!(results.model(ModelId::Shapley).is_some());
        assert!(results.model(ModelId::TimeDecay).is_none(), "deal-level data has no time decay");

        state.load_files(vec![InputFile { name: "bad.csv".into(), bytes: b"deal_id,amount\n".to_vec() }]);
        let error = state.error.get_untracked().expect("error shown");
        assert!(error.contains("bad.csv"), "{error}");
        assert_eq!(state.loaded.get_untracked().unwrap().data.deals.len(), 400, "previous results kept");

        state.load_sample();
        assert!(state.error.get_untracked().is_none(), "a good load clears the error");
        assert_eq!(state.loaded.get_untracked().unwrap().data.deals.len(), SAMPLE_DEALS);
    });
}

#[test]
fn a_fresh_load_shows_the_workers_first_results_while_the_settings_are_theirs() {
    let owner = Owner::new();
    owner.with(|| {
        let state = AppState::new();
        state.load_sample();
        let job = state.job.get_value();
        assert!(matches!(state.first_results.get_untracked(), Some(FirstResults::Ready(j, _)) if j == job));
        let from_worker = state.results.get_untracked().expect("results shown");
        assert!(from_worker.model(ModelId::TimeDecay).is_some(), "time decay comes with them");
        // The page's own computation for the same settings is the same.
        state.first_results.set(None);
        let from_page = state.results.get_untracked().expect("computed on the page");
        assert_eq!(from_worker.models, from_page.models);

        // What the worker sent is what is shown: a stand-in set of credits proves it.
        let linear = from_page.model(ModelId::Linear).unwrap().clone();
        state.first_results.set(Some(FirstResults::Ready(job, Shared(std::sync::Arc::new(vec![linear.clone()])))));
        assert_eq!(state.results.get_untracked().unwrap().models, vec![linear]);

        // On their way: no results yet (the page says so), unless the settings are others.
        state.first_results.set(Some(FirstResults::Waiting(job)));
        assert!(state.results.get_untracked().is_none());
        state.base.set(RevenueBase::OpenPipeline);
        assert!(state.results.get_untracked().is_some(), "other settings are computed at once");
        state.base.set(RevenueBase::Won);
        state.half_life.set(7.0);
        let decay_only = state.results.get_untracked();
        assert!(decay_only.is_none(), "the other models still wait for the worker");
        state.half_life.set(Params::default().half_life_days);

        // A worker that stopped will not send them: the page computes.
        state.apply(Reply::Failed { job: u32::MAX, message: "stopped".into() }, None);
        assert_eq!(state.first_results.get_untracked(), None);
        assert_eq!(state.results.get_untracked().unwrap().models, from_page.models);

        // First results that come before their data set is shown wait for it:
        // the data on screen (another file, other keys) keeps its own results.
        let deals = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/deals.csv")).unwrap();
        state.load_files(vec![InputFile { name: "deals.csv".into(), bytes: deals }]);
        let file_results = state.results.get_untracked().expect("the file's results").models.clone();
        let next = state.job.get_value() + 1;
        state.job.set_value(next);
        state.apply(Reply::FirstResults { job: next, models: from_page.models.clone() }, None);
        assert!(matches!(state.first_results.get_untracked(), Some(FirstResults::Arrived(j, _)) if j == next));
        assert_eq!(state.results.get_untracked().unwrap().models, file_results, "not paired with the file");
        let data = engine::sample::sample_dataset();
        let quality = Box::new(data.quality.clone());
        state.apply(Reply::Built { job: next, source: "again".into(), quality }, Some(data));
        assert!(matches!(state.first_results.get_untracked(), Some(FirstResults::Ready(j, _)) if j == next));
        assert_eq!(state.results.get_untracked().unwrap().models, from_page.models);
    });
}

#[test]
fn half_life_change_recomputes_time_decay_only_results() {
    let owner = Owner::new();
    owner.with(|| {
        let state = AppState::new();
        state.load_sample();
        let before = state.results.get_untracked().unwrap();
        state.half_life.set(7.0);
        let after = state.results.get_untracked().unwrap();
        assert_ne!(before.model(ModelId::TimeDecay), after.model(ModelId::TimeDecay));
        assert_eq!(before.model(ModelId::Linear), after.model(ModelId::Linear));
    });
}

#[test]
fn state_derives_the_value_model_views_and_prefills_the_scenario() {
    use engine::value::model::Definition;
    use engine::value::overlay::Split;
    let owner = Owner::new();
    owner.with(|| {
        let state = AppState::new();
        state.load_sample();
        let loaded = state.loaded.get_untracked().expect("sample loaded");
        let value = state.value.get_untracked().unwrap();
        // The scenario starts from the data: today's involvement and the win rates.
        let s = state.scenario.get_untracked();
        let involvement = value.partner.deals as f64 / loaded.data.deals.len() as f64;
        assert!((s.current_rate - involvement).abs() < 1e-12);
        assert_eq!(Some(s.partner_win_rate), value.partner.win_rate());
        assert!((s.target_rate - (involvement + 0.15)).abs() < 1e-12);
        // The overlay: overall always; split groups follow the split and definition.
        let overlay = state.overlay.get_untracked().unwrap();
        assert_eq!(overlay.overall.0.partner, value.partner);
        assert!(overlay.groups.is_empty());
        state.split.set(Split::Partner);
        let by_partner = state.overlay.get_untracked().unwrap();
        assert!(by_partner.groups.len() >= 12, "{} partners", by_partner.groups.len());
        state.definition.set(Definition::Sourced);
        let sourced = state.overlay.get_untracked().unwrap();
        assert!(sourced.overall.0.partner.deals < by_partner.overall.0.partner.deals);
        let board = state.leaderboard.get_untracked().unwrap();
        // Every partner with deals, and the sample roster's partner without one.
        assert_eq!(board.rows.len(), by_partner.groups.len() + 1);
        assert!(board.rows.iter().any(|r| r.name == "Nimbus Apps" && r.stats.deals == 0));
        // A typed input sticks (the scenario is the user's once edited).
        state.set_scenario(|s| s.target_rate = 0.9);
        assert_eq!(state.scenario.get_untracked().target_rate, 0.9);
    });
}

#[test]
fn the_retention_window_recomputes_retention_but_not_days_in_stage() {
    let owner = Owner::new();
    owner.with(|| {
        let state = AppState::new();
        state.load_sample();
        let stages = state.stage_days.get_untracked().expect("the sample has a stage history");
        let twelve = state.retention.get_untracked().expect("the sample has ARR");
        state.stages_settings.update(|s| s.retention_months = 6);
        let six = state.retention.get_untracked().unwrap();
        assert_ne!(six.t0, twelve.t0, "the window moved");
        assert!(std::sync::Arc::ptr_eq(&stages.0, &state.stage_days.get_untracked().unwrap().0), "days in stage kept");
    });
}
