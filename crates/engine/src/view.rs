//! Pure view logic the page needs and any front end could use: a loaded data
//! set with its journeys, the journeys of the dimension on screen with the
//! names of their keys, and which dimensions a data set offers.

use crate::attribution::{attribute_with, available_models, Context, ModelCredits, ModelId, Params};
use crate::dataset::{Dataset, Interner, Sym};
use crate::journey::{partner_types, Dimension, JourneyOptions, Journeys};
use std::collections::HashMap;
use std::sync::Arc;

/// A data set ready to compute on, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The deals (and touches).
    pub data: Dataset,
    /// Journeys derived once per load (shared with the partner view).
    pub journeys: Arc<Journeys>,
    /// File names or "Sample data", shown in subtitles.
    pub source: String,
}

impl Loaded {
    /// Derive journeys for a freshly loaded data set.
    pub fn new(data: Dataset, source: String) -> Loaded {
        let journeys = Arc::new(Journeys::build(&data));
        Loaded { data, journeys, source }
    }

    /// What a fresh load shows first: every model [`is_first_view`] covers,
    /// time decay included when the journeys are dated. The ingest worker
    /// computes these beside the data set it hands over, so the page need
    /// not (issue 13: compute where the data is).
    pub fn first_results(&self) -> Vec<ModelCredits> {
        let view = DimensionView::of_loaded(self, Dimension::Partner, None);
        let params = Params::default();
        view.models(false).into_iter().map(|m| view.attribute(&self.data, &params, m)).collect()
    }
}

/// Whether these settings are the ones [`Loaded::first_results`] was
/// computed for: partners, no lookback, no extra models, the default scope
/// (the half-life is left to the caller: only time decay depends on it).
pub fn is_first_view(dimension: Dimension, lookback_days: Option<u32>, scope: &Params, extras: bool) -> bool {
    let default = Params::default();
    dimension == Dimension::Partner
        && lookback_days.is_none()
        && !extras
        && Params { half_life_days: default.half_life_days, ..*scope } == default
}

/// Journeys of the dimension on screen, with the names of their keys.
#[derive(Debug)]
pub struct DimensionView {
    /// Which dimension.
    pub dimension: Dimension,
    /// Journeys keyed by that dimension.
    pub journeys: Arc<Journeys>,
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
        let journeys = Arc::new(Journeys::build_with(data, &mut names, &options));
        Self::with_journeys(data, dimension, journeys, names)
    }

    /// The view of a loaded data set: its own journeys when they are the
    /// ones asked for (partners, no lookback), else built.
    pub fn of_loaded(loaded: &Loaded, dimension: Dimension, lookback_days: Option<u32>) -> DimensionView {
        if dimension == Dimension::Partner && lookback_days.is_none() {
            let journeys = Arc::clone(&loaded.journeys);
            return Self::with_journeys(&loaded.data, dimension, journeys, loaded.data.strings.clone());
        }
        Self::build(&loaded.data, dimension, lookback_days)
    }

    fn with_journeys(
        data: &Dataset,
        dimension: Dimension,
        journeys: Arc<Journeys>,
        mut names: Interner,
    ) -> DimensionView {
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
    let types = data.deals.iter().any(|d| d.partner_type.is_some());
    if data.is_aggregated() {
        // The warehouse counted partner journeys (spec §10); partner types
        // roll them up when the patterns were split by partner type.
        return Dimension::ALL
            .into_iter()
            .filter(|&d| d == Dimension::Partner || (d == Dimension::PartnerType && types))
            .collect();
    }
    let touch_types = data.touches.as_ref().is_some_and(|t| t.iter().any(|t| t.touch_type.is_some()));
    let teams = data.has_touches() || data.deals.iter().any(|d| d.lead_source.is_some());
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
