//! Attribution models (spec §4–§6): who gets credit for won revenue.
//!
//! Every model except Markov is a *per-deal share rule*: it splits one won
//! deal among keys with shares that sum to 1 (or, for `influenced`, gives
//! every partner 1). Credits are the shares times the amount, summed over
//! won deals exactly in `f64` cents and then rounded to whole cents by the
//! largest-remainder method so each additive column adds up to the base.

mod markov;
mod rounding;
mod rules;
mod shapley;

pub use markov::markov_removal_effects;
pub use rounding::largest_remainder;
pub use shapley::{shapley_values, ShapleyGame};

use super::dataset::{Dataset, Sym};
use super::journey::Journeys;
use std::collections::HashMap;

/// The attribution models of spec §4, in the order the export lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelId {
    /// Full credit to the sourcing partner.
    Sourced,
    /// Full credit to every partner involved (non-additive).
    Influenced,
    /// Equal credit to each distinct partner.
    EvenSplit,
    /// Full credit to the first touch.
    FirstTouch,
    /// Full credit to the last touch.
    LastTouch,
    /// Full credit to the touch that created the pipeline.
    PipelineTouch,
    /// Equal credit to each touch.
    Linear,
    /// More credit to touches closer to the close date.
    TimeDecay,
    /// 40% first, 40% last, 20% the middle.
    PositionBased,
    /// 30% each to first, creation and last touches; 10% the rest.
    WShaped,
    /// Shapley value of the incremental win-rate game.
    Shapley,
    /// Markov-chain removal effect.
    Markov,
}

impl ModelId {
    /// Every model, in export order.
    pub const ALL: [ModelId; 12] = [
        ModelId::Sourced,
        ModelId::Influenced,
        ModelId::EvenSplit,
        ModelId::FirstTouch,
        ModelId::LastTouch,
        ModelId::PipelineTouch,
        ModelId::Linear,
        ModelId::TimeDecay,
        ModelId::PositionBased,
        ModelId::WShaped,
        ModelId::Shapley,
        ModelId::Markov,
    ];

    /// The id used in exports.
    pub fn id(self) -> &'static str {
        match self {
            ModelId::Sourced => "sourced",
            ModelId::Influenced => "influenced",
            ModelId::EvenSplit => "even_split",
            ModelId::FirstTouch => "first_touch",
            ModelId::LastTouch => "last_touch",
            ModelId::PipelineTouch => "pipeline_touch",
            ModelId::Linear => "linear",
            ModelId::TimeDecay => "time_decay",
            ModelId::PositionBased => "position_based",
            ModelId::WShaped => "w_shaped",
            ModelId::Shapley => "shapley",
            ModelId::Markov => "markov",
        }
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            ModelId::Sourced => "Sourced",
            ModelId::Influenced => "Influenced",
            ModelId::EvenSplit => "Even split",
            ModelId::FirstTouch => "First touch",
            ModelId::LastTouch => "Last touch",
            ModelId::PipelineTouch => "Pipeline touch",
            ModelId::Linear => "Linear",
            ModelId::TimeDecay => "Time decay",
            ModelId::PositionBased => "Position-based",
            ModelId::WShaped => "W-shaped",
            ModelId::Shapley => "Shapley",
            ModelId::Markov => "Markov",
        }
    }

    /// One sentence on what the model rewards, in plain words.
    pub fn explanation(self) -> &'static str {
        match self {
            ModelId::Sourced => "All the revenue goes to the partner that brought the deal in.",
            ModelId::Influenced => "Every partner that touched a won deal is credited with all of it, so totals exceed revenue.",
            ModelId::EvenSplit => "Each won deal is split equally between the distinct partners involved.",
            ModelId::FirstTouch => "All the revenue goes to the first partner that touched the deal.",
            ModelId::LastTouch => "All the revenue goes to the last partner to touch the deal before it closed.",
            ModelId::PipelineTouch => "All the revenue goes to the partner whose touch put the deal into the pipeline.",
            ModelId::Linear => "Each touch earns an equal share; a partner with two touches earns two shares.",
            ModelId::TimeDecay => "Touches closer to the close date earn more; a touch's weight halves every half-life.",
            ModelId::PositionBased => "40% to the first touch, 40% to the last, 20% shared by the touches in between.",
            ModelId::WShaped => "30% each to the first, pipeline-creating and last touches; 10% shared by the rest.",
            ModelId::Shapley => "Credit in proportion to how much each partner raises the win rate, fairly shared among partners that work together.",
            ModelId::Markov => "Credit in proportion to how much conversion would drop if the partner were removed from every journey.",
        }
    }

    /// Whether credits add up to the revenue base.
    pub fn additive(self) -> bool {
        self != ModelId::Influenced
    }

    /// Whether the model needs touch dates (and so deal-level data cannot feed it).
    pub fn needs_dates(self) -> bool {
        self == ModelId::TimeDecay
    }

    /// Parse an export id.
    pub fn from_id(id: &str) -> Option<ModelId> {
        ModelId::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// Model parameters the user can change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Time-decay half-life in days.
    pub half_life_days: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            half_life_days: 30.0,
        }
    }
}

/// One key's credit under one model.
#[derive(Debug, Clone, PartialEq)]
pub struct Credit {
    /// Partner (or `(direct)`).
    pub key: Sym,
    /// Credited revenue in cents (rounded; additive columns sum to the base).
    pub revenue_cents: i64,
    /// Credited deals (shares applied to 1 instead of the amount).
    pub deals: f64,
}

/// A model's credits for every key with non-zero credit, sorted by key name.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCredits {
    /// Which model.
    pub model: ModelId,
    /// Credits per key.
    pub credits: Vec<Credit>,
    /// The revenue base (won revenue) in cents.
    pub base_cents: i64,
}

impl ModelCredits {
    /// Sum of credited revenue.
    pub fn total_cents(&self) -> i64 {
        self.credits.iter().map(|c| c.revenue_cents).sum()
    }

    /// Credit of one key, 0 when absent.
    pub fn revenue_of(&self, key: Sym) -> i64 {
        self.credits
            .iter()
            .find(|c| c.key == key)
            .map_or(0, |c| c.revenue_cents)
    }
}

/// The models this data can feed (time-based ones need dated touches).
pub fn available_models(journeys: &Journeys) -> Vec<ModelId> {
    ModelId::ALL
        .into_iter()
        .filter(|m| journeys.dated || !m.needs_dates())
        .collect()
}

/// Won revenue in cents.
pub fn won_revenue_cents(data: &Dataset) -> i64 {
    data.deals
        .iter()
        .filter(|d| d.won)
        .map(|d| d.amount_cents)
        .sum()
}

/// Compute one model's credits over all won deals.
pub fn attribute(
    data: &Dataset,
    journeys: &Journeys,
    model: ModelId,
    params: &Params,
) -> ModelCredits {
    let base_cents = won_revenue_cents(data);
    let mut sums: HashMap<Sym, (f64, f64)> = HashMap::new(); // key -> (cents, deals)
    let mut add = |key: Sym, cents: f64, deals: f64| {
        let e = sums.entry(key).or_default();
        e.0 += cents;
        e.1 += deals;
    };
    if model == ModelId::Markov {
        let won_count = data.deals.iter().filter(|d| d.won).count() as f64;
        for (key, share) in markov_removal_effects(data, journeys) {
            add(key, share * base_cents as f64, share * won_count);
        }
    } else {
        let game = (model == ModelId::Shapley).then(|| ShapleyGame::new(data, journeys));
        let mut shares = Vec::new();
        for (i, deal) in data.deals.iter().enumerate().filter(|(_, d)| d.won) {
            shares.clear();
            match &game {
                Some(game) => game.deal_shares(journeys, i, &mut shares),
                None => rules::deal_shares(model, data, journeys, i, params, &mut shares),
            }
            for &(key, share) in &shares {
                add(key, share * deal.amount_cents as f64, share);
            }
        }
    }
    let mut exact: Vec<(Sym, f64, f64)> = sums
        .into_iter()
        .filter(|(_, (c, d))| *c != 0.0 || *d != 0.0)
        .map(|(k, (c, d))| (k, c, d))
        .collect();
    exact.sort_by(|a, b| data.name(a.0).cmp(data.name(b.0)));
    let revenue: Vec<i64> = if model.additive() {
        let names: Vec<&str> = exact.iter().map(|e| data.name(e.0)).collect();
        let values: Vec<f64> = exact.iter().map(|e| e.1).collect();
        largest_remainder(&values, &names, base_cents)
    } else {
        exact.iter().map(|e| e.1.round() as i64).collect()
    };
    let credits = exact
        .iter()
        .zip(revenue)
        .map(|(e, revenue_cents)| Credit {
            key: e.0,
            revenue_cents,
            deals: e.2,
        })
        .collect();
    ModelCredits {
        model,
        credits,
        base_cents,
    }
}

/// Per-deal shares of one model for drill-down: (deal index, key, share) of won deals.
pub fn deal_shares(
    data: &Dataset,
    journeys: &Journeys,
    model: ModelId,
    params: &Params,
    deal: usize,
) -> Vec<(Sym, f64)> {
    let mut shares = Vec::new();
    match model {
        ModelId::Shapley => {
            ShapleyGame::new(data, journeys).deal_shares(journeys, deal, &mut shares)
        }
        ModelId::Markov => {}
        _ => rules::deal_shares(model, data, journeys, deal, params, &mut shares),
    }
    shares
}
