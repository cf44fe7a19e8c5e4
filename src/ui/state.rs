//! All reactive state in one place: the loaded data, the last error, model
//! parameters, and the results derived from them.

use crate::engine::attribution::{attribute, available_models, ModelCredits, ModelId, Params};
use crate::engine::dataset::Dataset;
use crate::engine::error::IngestError;
use crate::engine::ingest::{load, InputFile};
use crate::engine::journey::Journeys;
use crate::engine::sample::sample_dataset;
use crate::engine::value_model::{Definition, ValueModel};
use leptos::prelude::*;
use std::sync::Arc;

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
        Loaded {
            data,
            journeys,
            source,
        }
    }
}

/// Every model's credits and the value model for the current data and settings.
#[derive(Debug)]
pub struct Results {
    /// Credits of every model this data can feed, in export order.
    pub models: Vec<ModelCredits>,
    /// Partner vs direct.
    pub value: ValueModel,
}

impl Results {
    /// Compute everything for a loaded data set.
    pub fn compute(loaded: &Loaded, params: &Params, definition: Definition) -> Results {
        let models = available_models(&loaded.journeys)
            .into_iter()
            .map(|m| attribute(&loaded.data, &loaded.journeys, m, params))
            .collect();
        Results {
            models,
            value: ValueModel::compute(&loaded.data, &loaded.journeys, definition),
        }
    }

    /// Credits of one model, if computed.
    pub fn model(&self, id: ModelId) -> Option<&ModelCredits> {
        self.models.iter().find(|m| m.model == id)
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
    /// Derived results.
    pub results: Memo<Option<Shared<Results>>>,
}

impl AppState {
    /// Create the state with its derived results.
    pub fn new() -> AppState {
        let loaded: RwSignal<Option<Shared<Loaded>>> = RwSignal::new(None);
        let half_life = RwSignal::new(Params::default().half_life_days);
        let results = Memo::new(move |_| {
            let loaded = loaded.get()?;
            let params = Params {
                half_life_days: half_life.get(),
            };
            Some(Shared(Arc::new(Results::compute(
                &loaded,
                &params,
                Definition::AnyPartner,
            ))))
        });
        AppState {
            loaded,
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            half_life,
            results,
        }
    }

    /// Load the built-in sample.
    pub fn load_sample(&self) {
        self.show(
            Ok(sample_dataset()),
            "Sample data (2 years, 14 partners)".into(),
        );
    }

    /// Load user files, showing the error panel if they are rejected.
    pub fn load_files(&self, files: Vec<InputFile>) {
        let source = files
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        self.show(load(&files), source);
    }

    fn show(&self, result: Result<Dataset, IngestError>, source: String) {
        match result {
            Ok(data) => {
                self.error.set(None);
                self.loaded
                    .set(Some(Shared(Arc::new(Loaded::new(data, source)))));
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
