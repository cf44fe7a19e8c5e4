//! The scenario planner's inputs in the state: changed by the user (and
//! then remembered on this device), reset to the data's prefill, or taken
//! from a link for this visit only (`scenario_from_link`).

use super::shared::Shared;
use super::{AppState, SCENARIO_KEY};
use engine::value::model::{Definition, ValueModel};
use engine::value::scenario::ScenarioInputs;
use engine::view::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

impl AppState {
    /// Change the scenario inputs and remember them on this device (the
    /// user's own change keeps a scenario that came with a link).
    pub fn set_scenario(&self, change: impl FnOnce(&mut ScenarioInputs)) {
        self.scenario_from_link.set_value(false);
        self.scenario.update(|s| {
            change(s);
            *s = s.sane();
        });
        crate::ui::browser::save_setting(SCENARIO_KEY, &self.scenario.get_untracked().encode());
    }

    /// Prefill the scenario from the loaded data again (forgetting typed inputs).
    pub fn reset_scenario(&self) {
        self.scenario_from_link.set_value(false);
        crate::ui::browser::remove_setting(SCENARIO_KEY);
        let inputs = self.loaded.get_untracked().map(|loaded| self.scenario_of(&loaded)).unwrap_or_default();
        self.scenario.set(inputs);
    }

    /// Scenario inputs prefilled from loaded data: its partner-involved
    /// value model (the value memo's when it shows that definition) and the
    /// leaderboard memo's partners with a won deal.
    pub(super) fn scenario_of(&self, loaded: &Loaded) -> ScenarioInputs {
        let value = self
            .value
            .get_untracked()
            .filter(|_| self.definition.get_untracked() == Definition::AnyPartner)
            .unwrap_or_else(|| {
                Shared(Arc::new(ValueModel::compute(&loaded.data, &loaded.journeys, Definition::AnyPartner)))
            });
        let active =
            self.leaderboard.get_untracked().map_or(0, |b| b.rows.iter().filter(|r| r.stats.won_deals > 0).count());
        ScenarioInputs::from_data(&loaded.data, &value, active)
    }
}
