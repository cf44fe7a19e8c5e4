//! All reactive state in one place: the loaded data, the last error, model
//! parameters, and the results derived from them.

use super::ingest::{build_request, Ingest, Source};
use super::sharing::Slide;
use crate::engine::attribution::{
    attribute_with, available_models, Context, ModelCredits, ModelId, Params, PositionWeights, RevenueBase,
};
use crate::engine::dataset::{Dataset, Interner, Sym};
use crate::engine::date::Day;
use crate::engine::error::IngestError;
use crate::engine::export::attribution_csv;
use crate::engine::ingest::roles::{roles_of, FileKind, Mapping};
use crate::engine::ingest::{FileSummary, InputFile, LoadOptions};
use crate::engine::journey::Journeys;
use crate::engine::journey::{partner_types, Dimension, JourneyOptions};
use crate::engine::share::Snapshot;
use crate::engine::value::kpi::CompanySize;
use crate::engine::value::leaderboard::Leaderboard;
use crate::engine::value::overlay::{
    compare, compare_quick, groups, mix_adjusted, Group, MetricRow, MixAdjusted, Split,
};
use crate::engine::value::scenario::ScenarioInputs;
use crate::engine::value_model::{Definition, ValueModel};
use crate::worker::protocol::{Reply, Request};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Local-storage key of the scenario planner's inputs.
pub const SCENARIO_KEY: &str = "scenario";
/// Local-storage key of the company size.
pub const SIZE_KEY: &str = "company-size";

/// Milliseconds from a monotonic clock (the browser's `performance.now()`; 0 natively).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// A shared, immutable value compared by identity (cheap for memos).
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A data set ready to compute on, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The deals (and touches).
    pub data: Dataset,
    /// Journeys derived once per load.
    pub journeys: Journeys,
    /// File names or "Sample data", shown in subtitles.
    pub source: String,
}

impl Loaded {
    /// Derive journeys for a freshly loaded data set.
    pub fn new(data: Dataset, source: String) -> Loaded {
        let journeys = Journeys::build(&data);
        Loaded { data, journeys, source }
    }
}

/// Journeys of the dimension on screen, with the names of their keys.
#[derive(Debug)]
pub struct DimensionView {
    /// Which dimension.
    pub dimension: Dimension,
    /// Journeys keyed by that dimension.
    pub journeys: Journeys,
    /// Names of every key (the data's strings plus team and touch-type names).
    pub names: Interner,
    /// For partner types: each partner's type, and the key for partners without one.
    pub rollup: Option<(HashMap<Sym, Sym>, Sym)>,
}

impl DimensionView {
    /// Build the journeys of `dimension` with a lookback window.
    pub fn build(data: &Dataset, dimension: Dimension, lookback_days: Option<u32>) -> DimensionView {
        let mut names = data.strings.clone();
        let options = JourneyOptions { dimension, lookback_days, ..JourneyOptions::default() };
        let journeys = Journeys::build_with(data, &mut names, &options);
        let rollup = (dimension == Dimension::PartnerType).then(|| {
            let unknown = names.intern("(no type)");
            (partner_types(data, &journeys), unknown)
        });
        DimensionView { dimension, journeys, names, rollup }
    }

    /// The attribution context for these journeys.
    pub fn context<'a>(&'a self, data: &'a Dataset, params: &'a Params) -> Context<'a> {
        Context { data, journeys: &self.journeys, names: &self.names, params }
    }

    /// One model's credits on this dimension.
    pub fn attribute(&self, data: &Dataset, params: &Params, model: ModelId) -> ModelCredits {
        let rollup = self.rollup.as_ref().map(|(table, unknown)| (table, *unknown));
        attribute_with(&self.context(data, params), model, rollup)
    }

    /// The models shown: the spec's models this data can feed, plus the extras when asked.
    pub fn models(&self, extras: bool) -> Vec<ModelId> {
        let mut models = available_models(&self.journeys);
        if extras {
            models.extend(ModelId::EXTRA);
        }
        models
    }
}

/// The dimensions this data offers (partner always).
pub fn available_dimensions(data: &Dataset) -> Vec<Dimension> {
    let touch_types = data.touches.as_ref().is_some_and(|t| t.iter().any(|t| t.touch_type.is_some()));
    let teams = data.has_touches() || data.deals.iter().any(|d| d.lead_source.is_some());
    let types = data.deals.iter().any(|d| d.partner_type.is_some());
    Dimension::ALL
        .into_iter()
        .filter(|d| match d {
            Dimension::Partner => true,
            Dimension::PartnerType => types,
            Dimension::Team => teams,
            Dimension::TouchType => touch_types,
        })
        .collect()
}

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
    /// Every shown model's credits on that dimension.
    pub results: Memo<Option<Shared<Results>>>,
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
    /// Company size, for KPI guidance.
    pub company_size: RwSignal<CompanySize>,
    /// Scenario planner inputs (kept in local storage: settings only).
    pub scenario: RwSignal<ScenarioInputs>,
    /// Slides of the board view, in order.
    pub slides: RwSignal<Vec<Slide>>,
    /// The board view on screen, if open (built from the data or read from a snapshot link).
    pub board: RwSignal<Option<Shared<Snapshot>>>,
    /// Title of the board deck.
    pub deck_title: RwSignal<String>,
    /// Column mappings to carry in share links: (header signature, mapping lines).
    pub shared_mappings: RwSignal<Vec<(String, String)>>,
    /// A one-line notice (settings restored from a link…).
    pub notice: RwSignal<Option<String>>,
    /// Files waiting in the mapping panel.
    pub pending: RwSignal<Option<Shared<Pending>>>,
    /// The mappings and choices behind the loaded data (to rebuild with new rates).
    pub last_choices: StoredValue<Option<(Vec<Mapping>, LoadOptions)>>,
    /// Reading progress of the job under way.
    pub progress: RwSignal<Option<Progress>>,
    /// Where ingest runs (a Web Worker in the browser).
    pub ingest: StoredValue<Rc<Ingest>, LocalStorage>,
    /// Number of the current ingest job; replies to older jobs are ignored.
    pub job: StoredValue<u32>,
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

/// A mapping as remembered in the browser: one `role<TAB>header` per line
/// (header names, not positions, so a re-ordered export still matches).
pub fn encode_mapping(mapping: &Mapping, headers: &[String]) -> String {
    let mut out = String::new();
    for (role, columns) in &mapping.columns {
        for &c in columns {
            if let Some(h) = headers.get(c) {
                out.push_str(&format!("{role}\t{h}\n"));
            }
        }
    }
    out
}

/// Read a remembered mapping back against a header row; `None` if it no longer fits.
pub fn decode_mapping(text: &str, headers: &[String], kind: FileKind) -> Option<Mapping> {
    let mut mapping = Mapping::default();
    for line in text.lines() {
        let (role, header) = line.split_once('\t')?;
        let spec = roles_of(kind).iter().find(|r| r.id == role)?;
        let column = headers.iter().position(|h| h == header)?;
        mapping.columns.entry(spec.id).or_default().push(column);
        mapping.confidence.insert(spec.id, 1.0);
    }
    mapping.is_confident(kind, 1.0).then_some(mapping)
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
            Some(Shared(Arc::new(DimensionView::build(&loaded.data, dim, lookback_days.get()))))
        });
        let scope = move || Params {
            half_life_days: Params::default().half_life_days,
            base: base.get(),
            close_from: close_from.get(),
            close_to: close_to.get(),
            custom: custom.get(),
        };
        let steady: Memo<Option<Shared<Vec<ModelCredits>>>> = Memo::new(move |_| {
            let (loaded, view) = (loaded.get()?, view.get()?);
            let params = scope();
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
        let saved = super::browser::load_setting(SCENARIO_KEY).and_then(|s| ScenarioInputs::decode(&s));
        let scenario = RwSignal::new(saved.unwrap_or_default());
        let company_size = RwSignal::new(
            super::browser::load_setting(SIZE_KEY).and_then(|s| CompanySize::from_id(&s)).unwrap_or_default(),
        );
        AppState {
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
            value,
            split,
            overlay,
            mix,
            leaderboard,
            company_size,
            scenario,
            slides: RwSignal::new(Slide::ALL.to_vec()),
            board: RwSignal::new(None),
            deck_title: RwSignal::new("Partner program review".to_string()),
            shared_mappings: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            compute_ms,
            pending: RwSignal::new(None),
            last_choices: StoredValue::new(None),
            progress: RwSignal::new(None),
            ingest: StoredValue::new_local(Rc::new(Ingest::new())),
            job: StoredValue::new(0),
        }
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
        let partner = DimensionView::build(&loaded.data, Dimension::Partner, self.lookback_days.get_untracked());
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

    /// Start a new ingest job (replies to earlier jobs are ignored from now on).
    fn start(&self, make: impl FnOnce(u32) -> Request, sources: Vec<Source>) {
        let job = self.job.get_value().wrapping_add(1) % u32::MAX;
        self.job.set_value(job);
        self.error.set(None); // the last file's error no longer applies
        self.busy.set(true);
        self.ingest.get_value().send(*self, make(job), sources);
    }

    /// Load the built-in sample.
    pub fn load_sample(&self) {
        self.start(|job| Request::Sample { job }, Vec::new());
    }

    /// Load files held in memory.
    pub fn load_files(&self, files: Vec<InputFile>) {
        self.start(|job| Request::Parse { job }, files.into_iter().map(Source::Bytes).collect());
    }

    /// Load dropped or picked files (read in chunks by the worker).
    #[cfg(target_arch = "wasm32")]
    pub fn load_web_files(&self, files: Vec<web_sys::File>) {
        let total = files.iter().map(|f| f.size()).sum();
        let file = files.first().map(|f| f.name()).unwrap_or_default();
        self.progress.set(Some(Progress { file, done: 0.0, total, rows: 0, started_ms: now_ms() }));
        self.start(|job| Request::Parse { job }, files.into_iter().map(Source::File).collect());
    }

    /// Read one pending file again with another delimiter or sheet.
    pub fn reparse(&self, file: usize, delimiter: Option<u8>, sheet: Option<String>) {
        self.start(|job| Request::Reparse { job, file, delimiter, sheet }, Vec::new());
    }

    /// Build the data set with these mappings and choices.
    pub fn build(&self, mappings: Vec<Mapping>, options: LoadOptions) {
        self.last_choices.set_value(Some((mappings.clone(), options.clone())));
        self.start(|job| build_request(job, &mappings, &options), Vec::new());
    }

    /// Rebuild the loaded data with changed choices (exchange rates).
    pub fn rebuild(&self, change: impl FnOnce(&mut LoadOptions)) {
        if let Some((mappings, mut options)) = self.last_choices.get_value() {
            change(&mut options);
            self.build(mappings, options);
        }
    }

    /// Change the scenario inputs and remember them on this device.
    pub fn set_scenario(&self, change: impl FnOnce(&mut ScenarioInputs)) {
        self.scenario.update(change);
        super::browser::save_setting(SCENARIO_KEY, &self.scenario.get_untracked().encode());
    }

    /// Prefill the scenario from the loaded data again (forgetting typed inputs).
    pub fn reset_scenario(&self) {
        super::browser::remove_setting(SCENARIO_KEY);
        let inputs = match self.loaded.get_untracked() {
            Some(loaded) => {
                let value = ValueModel::compute(&loaded.data, &loaded.journeys, Definition::AnyPartner);
                let active = self
                    .leaderboard
                    .get_untracked()
                    .map_or(0, |b| b.rows.iter().filter(|r| r.stats.won_deals > 0).count());
                ScenarioInputs::from_data(&loaded.data, &value, active)
            }
            None => ScenarioInputs::default(),
        };
        self.scenario.set(inputs);
    }

    /// Stop the job under way.
    pub fn cancel(&self) {
        self.job.set_value(self.job.get_value().wrapping_add(1) % u32::MAX);
        self.ingest.get_value().cancel(*self);
        self.busy.set(false);
        self.progress.set(None);
    }

    /// Take a reply from ingest.
    pub fn apply(&self, reply: Reply, data: Option<Dataset>) {
        let job = reply.job();
        if job != u32::MAX && job != self.job.get_value() {
            return; // a reply to a job that was cancelled or replaced
        }
        match reply {
            Reply::Progress { file, done, total, rows, .. } => {
                let started_ms = self.progress.with_untracked(|p| p.as_ref().map_or_else(now_ms, |p| p.started_ms));
                self.progress.set(Some(Progress { file, done, total, rows, started_ms }));
            }
            Reply::Parsed { files, .. } => {
                self.busy.set(false);
                self.progress.set(None);
                if let Some(reason) = files.iter().find_map(|f| f.unfixable.clone()) {
                    self.error.set(Some(reason));
                    return;
                }
                let mut confident = true;
                let mappings: Vec<Mapping> = files
                    .iter()
                    .map(|f| {
                        let remembered = super::browser::load_mapping(&f.signature)
                            .and_then(|saved| decode_mapping(&saved, &f.headers, f.kind));
                        confident &= remembered.is_some() || f.confident;
                        remembered.unwrap_or_else(|| Mapping::from_pairs(f.kind, &f.mapping))
                    })
                    .collect();
                // A reparse keeps the choices already made in the panel.
                let options =
                    self.pending.with_untracked(|p| p.as_ref().map(|p| p.options.clone())).unwrap_or_default();
                if confident && self.pending.with_untracked(Option::is_none) {
                    self.build(mappings, options);
                } else {
                    self.error.set(None);
                    self.pending.set(Some(Shared(Arc::new(Pending { files, mappings, options }))));
                }
            }
            Reply::Built { source, .. } => {
                self.busy.set(false);
                self.progress.set(None);
                self.pending.set(None);
                match data {
                    Some(data) => self.show(Ok(data), source),
                    None => self.error.set(Some("The data could not be read back from the file reader.".into())),
                }
            }
            Reply::Failed { message, .. } => {
                self.busy.set(false);
                self.progress.set(None);
                self.error.set(Some(message));
            }
        }
    }

    fn show(&self, result: Result<Dataset, IngestError>, source: String) {
        match result {
            Ok(data) => {
                self.error.set(None);
                self.drill.set(None);
                let loaded = Loaded::new(data, source);
                if super::browser::load_setting(SCENARIO_KEY).is_none() {
                    let value = ValueModel::compute(&loaded.data, &loaded.journeys, Definition::AnyPartner);
                    let board = Leaderboard::compute(&loaded.data, &loaded.journeys);
                    let active = board.rows.iter().filter(|r| r.stats.won_deals > 0).count();
                    self.scenario.set(ScenarioInputs::from_data(&loaded.data, &value, active));
                }
                self.loaded.set(Some(Shared(Arc::new(loaded))));
            }
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
