//! The reactive state: the signals the user sets, the results derived from
//! them (each recomputed only when what it depends on changes), the ingest
//! session ([`jobs`]) and the board. Pure view logic lives in `engine::view`.

mod first_results;
mod jobs;
mod reveal;
mod scenario;
mod shared;

use engine::view::{available_dimensions, DimensionView, Loaded};
pub use first_results::{FirstResults, FirstUse};
pub use reveal::{ALL_SECTIONS, SCENARIO_STEP};
pub use shared::{now_ms, Shared};

use crate::ui::board::slides::Slide;
use crate::ui::ingest::Ingest;
use engine::attribution::{ModelCredits, ModelId, Params, PositionWeights, RevenueBase};
use engine::dataset::Sym;
use engine::date::Day;
use engine::export::attribution_csv;
use engine::ingest::roles::Mapping;
use engine::ingest::{FileSummary, LoadOptions};
use engine::journey::Dimension;
use engine::share::Snapshot;
use engine::value::breakdown::Breakdown;
use engine::value::kpi::CompanySize;
use engine::value::leaderboard::Leaderboard;
use engine::value::model::{Definition, ValueModel};
use engine::value::overlay::{compare, compare_quick, groups, mix_adjusted, Group, MetricRow, MixAdjusted, Split};
use engine::value::retention::Retention;
use engine::value::scenario::ScenarioInputs;
use engine::value::stage_days::StageDays;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// Local-storage key of the scenario planner's inputs.
pub const SCENARIO_KEY: &str = "scenario";
/// Local-storage key of the company size.
pub const SIZE_KEY: &str = "company-size";

/// Every shown model's credits on the dimension on screen.
#[derive(Debug)]
pub struct Results {
    /// The dimension these credits are for.
    pub view: Shared<DimensionView>,
    /// Credits of every shown model, in export order.
    pub models: Vec<ModelCredits>,
}

impl Results {
    /// Credits of one model, if computed.
    pub fn model(&self, id: ModelId) -> Option<&ModelCredits> {
        self.models.iter().find(|m| m.model == id)
    }

    /// The name of a key.
    pub fn name(&self, key: Sym) -> &str {
        self.view.names.name(key)
    }
}

/// The application state, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The loaded data, if any.
    pub loaded: RwSignal<Option<Shared<Loaded>>>,
    /// The message of the error panel, if shown.
    pub error: RwSignal<Option<String>>,
    /// Whether a file is being read.
    pub busy: RwSignal<bool>,
    /// Time-decay half-life in days.
    pub half_life: RwSignal<f64>,
    /// Touches more than this many days before creation are ignored.
    pub lookback_days: RwSignal<Option<u32>>,
    /// Close-date filter, first day.
    pub close_from: RwSignal<Option<Day>>,
    /// Close-date filter, last day.
    pub close_to: RwSignal<Option<Day>>,
    /// Won revenue or open pipeline.
    pub base: RwSignal<RevenueBase>,
    /// Weights of the custom position model.
    pub custom: RwSignal<PositionWeights>,
    /// Whether the extra position models are shown (and exported).
    pub extras: RwSignal<bool>,
    /// The dimension on screen.
    pub dimension: RwSignal<Dimension>,
    /// The model the chart highlights and the drill-down uses.
    pub model: RwSignal<ModelId>,
    /// The key being drilled into.
    pub drill: RwSignal<Option<Sym>>,
    /// Partner-involved definition of the value model.
    pub definition: RwSignal<Definition>,
    /// Journeys of the dimension on screen.
    pub view: Memo<Option<Shared<DimensionView>>>,
    /// Every shown model's credits on that dimension (`None` while the
    /// worker's first results are on their way).
    pub results: Memo<Option<Shared<Results>>>,
    /// How many steps of the section-by-section reveal after a load have run
    /// ([`ALL_SECTIONS`]: every section is mounted).
    pub reveal: RwSignal<usize>,
    /// The worker's credits for the data on screen, if it sent or will send them.
    pub first_results: RwSignal<Option<FirstResults>>,
    /// Partner-involved vs direct.
    pub value: Memo<Option<Shared<ValueModel>>>,
    /// Milliseconds the last attribution recompute took (shown for transparency).
    pub compute_ms: RwSignal<f64>,
    /// How the overlay is split.
    pub split: RwSignal<Split>,
    /// The overlay: the overall comparison and the split's, with their metrics.
    pub overlay: Memo<Option<Shared<Overlay>>>,
    /// Lifts within segments and deal-size bands, weighted like direct deals.
    pub mix: Memo<Option<Shared<MixAdjusted>>>,
    /// The partner leaderboard.
    pub leaderboard: Memo<Option<Shared<Leaderboard>>>,
    /// Days in stage (§7a) when a stage history was given, for the selected definition.
    pub stage_days: Memo<Option<Shared<StageDays>>>,
    /// Revenue retention (§7b) when ARR snapshots were given.
    pub retention: Memo<Option<Shared<Retention>>>,
    /// Breakdowns and window of the days-in-stage and retention views.
    pub stages_settings: RwSignal<StagesSettings>,
    /// Company size, for KPI guidance.
    pub company_size: RwSignal<CompanySize>,
    /// Scenario planner inputs (kept in local storage: settings only).
    pub scenario: RwSignal<ScenarioInputs>,
    /// Whether the scenario on screen came from a link: used for this visit,
    /// not stored, and not replaced by the data's prefill.
    pub scenario_from_link: StoredValue<bool>,
    /// Slides of the board view, in order.
    pub slides: RwSignal<Vec<Slide>>,
    /// The board view on screen, if open (built from the data or read from a snapshot link).
    pub board: RwSignal<Option<Shared<Snapshot>>>,
    /// Title of the board deck.
    pub deck_title: RwSignal<String>,
    /// Slide titles written over the computed takeaways: (slide id, title).
    pub slide_titles: RwSignal<Vec<(String, String)>>,
    /// Column mappings to carry in share links: (header signature, mapping
    /// lines). One that came with a link is only a proposal: a matching file
    /// opens the mapping panel with it filled in, never loads with it unseen.
    pub shared_mappings: RwSignal<Vec<(String, String)>>,
    /// A one-line notice (settings restored from a link…).
    pub notice: RwSignal<Option<String>>,
    /// Files waiting in the mapping panel.
    pub pending: RwSignal<Option<Shared<Pending>>>,
    /// The mappings and choices behind the loaded data (to rebuild with new rates).
    pub last_choices: StoredValue<Option<(Vec<Mapping>, LoadOptions)>>,
    /// What the last parse found, so a failed build can reopen the mapping
    /// panel on the same files (every column error has a way forward).
    pub last_parsed: StoredValue<Option<Vec<engine::ingest::FileSummary>>>,
    /// Reading progress of the job under way.
    pub progress: RwSignal<Option<Progress>>,
    /// Where ingest runs (a Web Worker in the browser).
    pub ingest: StoredValue<Rc<Ingest>, LocalStorage>,
    /// Number of the current ingest job; replies to older jobs are ignored.
    pub job: StoredValue<u32>,
}

/// How the days-in-stage and retention views are broken down, and the
/// retention window (months back from an end date; the latest snapshot by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StagesSettings {
    /// Breakdown of partner-involved deals in days in stage.
    pub stage_breakdown: Breakdown,
    /// Breakdown of partner-involved accounts in retention.
    pub retention_breakdown: Breakdown,
    /// Window length in months.
    pub retention_months: i32,
    /// Window end; `None`: the latest snapshot.
    pub retention_end: Option<Day>,
}

impl Default for StagesSettings {
    fn default() -> Self {
        StagesSettings {
            stage_breakdown: Breakdown::None,
            retention_breakdown: Breakdown::None,
            retention_months: 12,
            retention_end: None,
        }
    }
}

/// The overlay on screen: every deal's comparison and the split's.
#[derive(Debug)]
pub struct Overlay {
    /// Partner-involved vs direct over every deal, with bootstrap intervals.
    pub overall: (Group, Vec<MetricRow>),
    /// The split shown.
    pub split: Split,
    /// One comparison per group of the split (empty for the overall view).
    pub groups: Vec<(Group, Vec<MetricRow>)>,
}

/// Reading progress, for the progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// File being read.
    pub file: String,
    /// Bytes read.
    pub done: f64,
    /// Bytes in all.
    pub total: f64,
    /// Records read in this file.
    pub rows: u64,
    /// When reading started (ms).
    pub started_ms: f64,
}

/// Files read by ingest, waiting for the user's mapping.
#[derive(Debug, Clone)]
pub struct Pending {
    /// What ingest found in each file.
    pub files: Vec<FileSummary>,
    /// The mapping of each file, as edited in the mapping panel.
    pub mappings: Vec<Mapping>,
    /// Decimal mark, date order, stage overrides, currency rates.
    pub options: LoadOptions,
}

impl AppState {
    /// Create the state with its derived results.
    ///
    /// Recomputing is split so a control only redoes what depends on it:
    /// journeys on a dimension or lookback change; every model but time
    /// decay on a scope or base change; time decay alone on a half-life move.
    pub fn new() -> AppState {
        let loaded: RwSignal<Option<Shared<Loaded>>> = RwSignal::new(None);
        let half_life = RwSignal::new(Params::default().half_life_days);
        let lookback_days = RwSignal::new(None);
        let close_from = RwSignal::new(None);
        let close_to = RwSignal::new(None);
        let base = RwSignal::new(RevenueBase::Won);
        let custom = RwSignal::new(Params::default().custom);
        let extras = RwSignal::new(false);
        let dimension = RwSignal::new(Dimension::Partner);
        let definition = RwSignal::new(Definition::AnyPartner);
        let compute_ms = RwSignal::new(0.0);
        let pending_ms = StoredValue::new(0.0f64);
        let view = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let dim = dimension.get();
            let dim = if available_dimensions(&loaded.data).contains(&dim) { dim } else { Dimension::Partner };
            Some(Shared(Arc::new(DimensionView::of_loaded(&loaded, dim, lookback_days.get()))))
        });
        let scope = move || Params {
            half_life_days: Params::default().half_life_days,
            base: base.get(),
            close_from: close_from.get(),
            close_to: close_to.get(),
            custom: custom.get(),
        };
        let first_results: RwSignal<Option<FirstResults>> = RwSignal::new(None);
        let first = move |dimension: Dimension, params: &Params| {
            FirstResults::lookup(first_results, dimension, lookback_days.get(), params, extras.get())
        };
        let steady: Memo<Option<Shared<Vec<ModelCredits>>>> = Memo::new(move |_| {
            let (loaded, view) = (loaded.get()?, view.get()?);
            let params = scope();
            match first(view.dimension, &params) {
                FirstUse::Wait => return None,
                FirstUse::Show(models) => {
                    let models = models.iter().filter(|m| m.model != ModelId::TimeDecay).cloned().collect();
                    return Some(Shared(Arc::new(models)));
                }
                FirstUse::Compute => {}
            }
            let start = now_ms();
            let models = view
                .models(extras.get())
                .into_iter()
                .filter(|&m| m != ModelId::TimeDecay)
                .map(|m| view.attribute(&loaded.data, &params, m))
                .collect();
            pending_ms.update_value(|t| *t += now_ms() - start);
            Some(Shared(Arc::new(models)))
        });
        let decay: Memo<Option<Shared<ModelCredits>>> = Memo::new(move |_| {
            let (loaded, view) = (loaded.get()?, view.get()?);
            if !view.journeys.dated {
                return None;
            }
            let params = Params { half_life_days: half_life.get(), ..scope() };
            if params.half_life_days == Params::default().half_life_days {
                match first(view.dimension, &params) {
                    FirstUse::Wait => return None,
                    FirstUse::Show(models) => {
                        let decay = models.iter().find(|m| m.model == ModelId::TimeDecay)?;
                        return Some(Shared(Arc::new(decay.clone())));
                    }
                    FirstUse::Compute => {}
                }
            }
            let start = now_ms();
            let credits = view.attribute(&loaded.data, &params, ModelId::TimeDecay);
            pending_ms.update_value(|t| *t += now_ms() - start);
            Some(Shared(Arc::new(credits)))
        });
        // The stale memos recompute just before this one runs; each adds its
        // time to `pending_ms`, so this reports exactly the work a change caused.
        let results = Memo::new(move |_| {
            let (view, steady) = (view.get()?, steady.get()?);
            let decay = decay.get();
            compute_ms.set(pending_ms.get_value());
            pending_ms.set_value(0.0);
            let mut models: Vec<ModelCredits> = steady.iter().cloned().collect();
            if let Some(d) = decay {
                let at = models.iter().position(|m| m.model > ModelId::TimeDecay).unwrap_or(models.len());
                models.insert(at, (*d).clone());
            }
            Some(Shared(Arc::new(Results { view, models })))
        });
        let value = Memo::new(move |_| {
            let loaded = loaded.get()?;
            Some(Shared(Arc::new(ValueModel::compute(&loaded.data, &loaded.journeys, definition.get()))))
        });
        let split = RwSignal::new(Split::Overall);
        let overlay = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let (data, journeys, definition) = (&loaded.data, &loaded.journeys, definition.get());
            let split = split.get();
            let split = if Split::available(data).contains(&split) { split } else { Split::Overall };
            let overall = groups(data, journeys, definition, Split::Overall).remove(0);
            let overall_rows = compare(&overall);
            let split_groups = if split == Split::Overall {
                Vec::new()
            } else {
                groups(data, journeys, definition, split)
                    .into_iter()
                    .map(|g| {
                        let rows = compare_quick(&g);
                        (g, rows)
                    })
                    .collect()
            };
            Some(Shared(Arc::new(Overlay { overall: (overall, overall_rows), split, groups: split_groups })))
        });
        let mix = Memo::new(move |_| {
            let loaded = loaded.get()?;
            Some(Shared(Arc::new(mix_adjusted(&loaded.data, &loaded.journeys, definition.get()))))
        });
        let leaderboard = Memo::new(move |_| {
            let loaded = loaded.get()?;
            Some(Shared(Arc::new(Leaderboard::compute(&loaded.data, &loaded.journeys))))
        });
        // Computed once for the overview cards and the stages section.
        let stages_settings = RwSignal::new(StagesSettings::default());
        // Each view follows only its own settings: a retention window change
        // does not recompute days in stage, nor a stage breakdown retention.
        let stage_breakdown = Memo::new(move |_| stages_settings.with(|s| s.stage_breakdown));
        let retention_settings =
            Memo::new(move |_| stages_settings.with(|s| (s.retention_breakdown, s.retention_months, s.retention_end)));
        let stage_days = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let history = loaded.data.accounts.stage_history.as_ref()?;
            Some(Shared(Arc::new(engine::value::stage_days::stage_days_by(
                &loaded.data,
                &loaded.journeys,
                history,
                definition.get(),
                Some(stage_breakdown.get())
                    .filter(|b| Breakdown::available(&loaded.data, false).contains(b))
                    .unwrap_or_default(),
            ))))
        });
        let retention = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let files = &loaded.data.accounts;
            let (breakdown, months, end) = retention_settings.get();
            let latest = engine::value::retention::default_window(&files.arr)?.1;
            let end = end.unwrap_or(latest);
            let start = engine::value::retention::months_before(end, months);
            let r = engine::value::retention::retention_by(
                &loaded.data,
                &loaded.journeys,
                &files.arr,
                files.installs.as_deref(),
                Some((start, end)),
                Some(breakdown)
                    .filter(|b| Breakdown::available(&loaded.data, files.installs.is_some()).contains(b))
                    .unwrap_or_default(),
            )?;
            Some(Shared(Arc::new(r)))
        });
        let saved = crate::ui::browser::load_setting(SCENARIO_KEY).and_then(|s| ScenarioInputs::decode(&s));
        let scenario = RwSignal::new(saved.unwrap_or_default());
        let company_size = RwSignal::new(
            crate::ui::browser::load_setting(SIZE_KEY).and_then(|s| CompanySize::from_id(&s)).unwrap_or_default(),
        );
        let state = AppState {
            loaded,
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            half_life,
            lookback_days,
            close_from,
            close_to,
            base,
            custom,
            extras,
            dimension,
            model: RwSignal::new(ModelId::Linear),
            drill: RwSignal::new(None),
            definition,
            view,
            results,
            reveal: RwSignal::new(ALL_SECTIONS),
            first_results,
            value,
            split,
            overlay,
            mix,
            leaderboard,
            stage_days,
            retention,
            stages_settings,
            company_size,
            scenario,
            scenario_from_link: StoredValue::new(false),
            slides: RwSignal::new(Slide::ALL.to_vec()),
            board: RwSignal::new(None),
            deck_title: RwSignal::new("Partner program review".to_string()),
            slide_titles: RwSignal::new(Vec::new()),
            shared_mappings: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            compute_ms,
            pending: RwSignal::new(None),
            last_choices: StoredValue::new(None),
            last_parsed: StoredValue::new(None),
            progress: RwSignal::new(None),
            ingest: StoredValue::new_local(Rc::new(Ingest::new(Rc::new(|_, _| {})))),
            job: StoredValue::new(0),
        };
        // Ingest replies go to this state's handler (ingest itself knows no state).
        state.ingest.set_value(Rc::new(Ingest::new(Rc::new(move |reply, data| state.apply(reply, data)))));
        state
    }

    /// The parameters as currently set.
    pub fn params_untracked(&self) -> Params {
        Params {
            half_life_days: self.half_life.get_untracked(),
            base: self.base.get_untracked(),
            close_from: self.close_from.get_untracked(),
            close_to: self.close_to.get_untracked(),
            custom: self.custom.get_untracked(),
        }
    }

    /// `attribution.csv` for what is on screen: every shown model on the
    /// partner dimension, plus the dimension on screen when it is another.
    pub fn attribution_export(&self) -> Option<String> {
        let loaded = self.loaded.get_untracked()?;
        let results = self.results.get_untracked()?;
        let params = self.params_untracked();
        if results.view.dimension == Dimension::Partner {
            return Some(attribution_csv(&results.view.names, &[(Dimension::Partner, &results.models)]));
        }
        let partner = DimensionView::of_loaded(&loaded, Dimension::Partner, self.lookback_days.get_untracked());
        let partner_models: Vec<ModelCredits> = partner
            .models(self.extras.get_untracked())
            .into_iter()
            .map(|m| partner.attribute(&loaded.data, &params, m))
            .collect();
        Some(attribution_csv(
            &results.view.names,
            &[(Dimension::Partner, &partner_models), (results.view.dimension, &results.models)],
        ))
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
