//! The results appear section by section after a load, one section a task,
//! so no single task computes and draws them all (issue 13: the page never
//! freezes). Each section computes what it shows when it mounts, so the
//! summary is on screen after the first, cheapest step.

use super::{AppState, SCENARIO_KEY};
use crate::ui::browser::{mark, on_next_task};
use leptos::prelude::*;

/// Steps of the reveal; at this one every section is mounted.
pub const ALL_SECTIONS: usize = 8;

/// The step at which the scenario planner mounts: its inputs are prefilled
/// just before, from the value-model and leaderboard memos shown above it.
pub const SCENARIO_STEP: usize = 7;

/// User Timing marks of the steps (a profile or the benchmark names each task by them).
const STEP_MARKS: [&str; ALL_SECTIONS + 1] = [
    "pa:shown",
    "pa:overview",
    "pa:attribution",
    "pa:ranks",
    "pa:value",
    "pa:stages",
    "pa:leaderboard",
    "pa:scenario",
    "pa:present",
];

impl AppState {
    /// Start revealing the results of job `job` from the first step.
    pub(super) fn reveal_from_start(&self, job: u32) {
        self.reveal.set(0);
        mark(STEP_MARKS[0]);
        let state = *self;
        on_next_task(move || state.reveal_step(job, 1));
    }

    /// Mount the sections of step `step`, then schedule the next one; a
    /// newer load (another job) stops this sequence.
    fn reveal_step(&self, job: u32, step: usize) {
        // `try_`: the page may be gone (unmounted) when a step comes.
        if self.job.try_get_value() != Some(job) || self.loaded.try_with_untracked(Option::is_none) != Some(false) {
            return;
        }
        if step == SCENARIO_STEP
            && !self.scenario_from_link.get_value()
            && crate::ui::browser::load_setting(SCENARIO_KEY).is_none()
        {
            if let Some(loaded) = self.loaded.get_untracked() {
                self.scenario.set(self.scenario_of(&loaded));
            }
        }
        self.reveal.set(step);
        mark(STEP_MARKS[step]);
        if step < ALL_SECTIONS {
            let state = *self;
            on_next_task(move || state.reveal_step(job, step + 1));
        } else {
            mark("pa:revealed");
        }
    }
}
