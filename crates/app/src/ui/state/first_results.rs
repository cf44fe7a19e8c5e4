//! The credits the ingest worker computes for a fresh load, and when the
//! page may show them instead of computing its own.

use super::shared::Shared;
use engine::attribution::{ModelCredits, Params};
use engine::journey::Dimension;
use engine::view::is_first_view;
use leptos::prelude::*;

/// The credits the ingest worker computed for a fresh load
/// ([`engine::view::Loaded::first_results`]), used while the settings are the ones they
/// were computed for, so the page's main thread never runs the models of
/// a fresh load (issue 13).
#[derive(Debug, Clone, PartialEq)]
pub enum FirstResults {
    /// The data set of this job is shown; its credits are still being computed.
    Waiting(u32),
    /// The credits of this job, for the data set on screen.
    Ready(u32, Shared<Vec<ModelCredits>>),
    /// The credits of this job, come before its data set is shown: they
    /// wait beside the data on screen (whose keys they do not name) until
    /// [`FirstResults::shown`] turns them `Ready` with their data set.
    Arrived(u32, Shared<Vec<ModelCredits>>),
}

/// What a results memo does: compute, wait for the worker, or show its credits.
pub enum FirstUse {
    /// Compute on the page (other settings, or nothing is coming).
    Compute,
    /// Show nothing yet: the worker's credits are on their way.
    Wait,
    /// Show the worker's credits.
    Show(Shared<Vec<ModelCredits>>),
}

impl FirstResults {
    /// The job these belong to.
    pub fn job(&self) -> u32 {
        match self {
            FirstResults::Waiting(job) | FirstResults::Ready(job, _) | FirstResults::Arrived(job, _) => *job,
        }
    }

    /// Take the worker's credits for job `job`: shown at once when its
    /// data set is, else kept (without telling the memos, which show the
    /// previous data) until it is.
    pub fn arrive(signal: RwSignal<Option<FirstResults>>, job: u32, models: Shared<Vec<ModelCredits>>) {
        if signal.with_untracked(|f| matches!(f, Some(FirstResults::Waiting(j)) if *j == job)) {
            signal.set(Some(FirstResults::Ready(job, models)));
        } else {
            signal.update_untracked(|f| *f = Some(FirstResults::Arrived(job, models)));
        }
    }

    /// The data set of job `job` is being shown: its credits, if they
    /// arrived, are ready; else they are awaited. Set in the same step as
    /// the data set, so no memo ever pairs one job's data with another's credits.
    pub fn shown(signal: RwSignal<Option<FirstResults>>, job: u32) {
        let arrived = signal.with_untracked(|f| match f {
            Some(FirstResults::Arrived(j, models)) if *j == job => Some(models.clone()),
            _ => None,
        });
        signal.set(Some(match arrived {
            Some(models) => FirstResults::Ready(job, models),
            None => FirstResults::Waiting(job),
        }));
    }

    /// Credits still awaited will not come (the job was cancelled, or the
    /// worker failed): the page computes them.
    pub fn stop_waiting(signal: RwSignal<Option<FirstResults>>) {
        if signal.with_untracked(|f| matches!(f, Some(FirstResults::Waiting(_)))) {
            signal.set(None);
        }
    }

    /// What a results memo does with these settings. Tracks what it reads.
    pub fn lookup(
        signal: RwSignal<Option<FirstResults>>,
        dimension: Dimension,
        lookback_days: Option<u32>,
        params: &Params,
        extras: bool,
    ) -> FirstUse {
        if !is_first_view(dimension, lookback_days, params, extras) {
            return FirstUse::Compute;
        }
        match signal.get() {
            Some(FirstResults::Waiting(_) | FirstResults::Arrived(..)) => FirstUse::Wait,
            Some(FirstResults::Ready(_, models)) => FirstUse::Show(models),
            None => FirstUse::Compute,
        }
    }
}
