//! Attribution models (spec §4–§6): who gets credit for the revenue base.
//!
//! Every model except Markov is a *per-deal share rule*: it splits one
//! credited deal among keys with shares that sum to 1 (or, for
//! `influenced`, gives every key 1). Credits are the shares times the
//! amount, summed exactly (see [`exact`]: fractions for the rule models,
//! fixed-point for time decay, Shapley and Markov) and then rounded to
//! whole cents by the largest-remainder method, ties to the smaller key, so
//! each additive column adds up to the base exactly.

pub mod exact;
mod markov;
mod model_id;
mod params;
mod rules;
mod shapley;

pub use exact::{CentSums, Ratio};
pub use markov::{markov_removal_effects, markov_removal_effects_in};
pub use model_id::ModelId;
pub use params::{Params, PositionWeights, RevenueBase};
pub use shapley::{shapley_values, ShapleyGame};

use super::dataset::{Dataset, Interner, Sym, DIRECT};
use super::journey::Journeys;
use crate::hash::{FastMap, FastSet};
use std::collections::HashMap;

/// One key's credit under one model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Credit {
    /// Partner, type, team or touch type (or `(direct)`).
    pub key: Sym,
    /// Credited revenue in cents (rounded; additive columns sum to the base).
    pub revenue_cents: i64,
    /// Credited deals (shares applied to 1 instead of the amount).
    pub deals: f64,
}

/// A model's credits for every key with non-zero credit, sorted by key name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModelCredits {
    /// Which model.
    pub model: ModelId,
    /// Credits per key.
    pub credits: Vec<Credit>,
    /// The revenue base in cents.
    pub base_cents: i64,
}

impl ModelCredits {
    /// Sum of credited revenue.
    pub fn total_cents(&self) -> i64 {
        self.credits.iter().map(|c| c.revenue_cents).sum()
    }

    /// Credit of one key, 0 when absent.
    pub fn revenue_of(&self, key: Sym) -> i64 {
        self.credits.iter().find(|c| c.key == key).map_or(0, |c| c.revenue_cents)
    }

    /// Credit in cents of every key, for lookups over many keys (a file may
    /// list thousands of partners; [`ModelCredits::revenue_of`] is linear).
    pub fn revenue_by_key(&self) -> crate::hash::FastMap<Sym, i64> {
        self.credits.iter().map(|c| (c.key, c.revenue_cents)).collect()
    }
}

/// The specification's models this data can feed (time-based ones need dated touches).
pub fn available_models(journeys: &Journeys) -> Vec<ModelId> {
    ModelId::SPEC.into_iter().filter(|m| journeys.dated || !m.needs_dates()).collect()
}

/// Won revenue in cents.
pub fn won_revenue_cents(data: &Dataset) -> i64 {
    data.deals.iter().filter(|d| d.won).map(|d| d.amount_cents).sum()
}

/// The revenue base in cents under `params`.
pub fn base_cents(data: &Dataset, params: &Params) -> i64 {
    data.deals.iter().filter(|d| params.credited(d)).map(|d| d.amount_cents).sum()
}

/// Everything a model needs: the deals, journeys of one dimension, the
/// names of their keys, and the parameters.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The deals.
    pub data: &'a Dataset,
    /// Journeys of the dimension being attributed.
    pub journeys: &'a Journeys,
    /// Names of every key (extends `data.strings` with team and touch-type names).
    pub names: &'a Interner,
    /// Parameters and filters.
    pub params: &'a Params,
}

/// A key roll-up: each partner's group (its type), and the group of
/// partners missing from the table.
pub type Rollup<'a> = (&'a HashMap<Sym, Sym>, Sym);

/// The key a credit lands on after a roll-up: `(direct)` stays itself,
/// partners missing from the table go to the roll-up's unknown key.
pub fn rollup_key(rollup: Option<Rollup>, key: Sym) -> Sym {
    match rollup {
        Some((table, unknown)) if key != DIRECT => table.get(&key).copied().unwrap_or(unknown),
        _ => key,
    }
}

/// Compute one model's credits on the spec's partner journeys.
pub fn attribute(data: &Dataset, journeys: &Journeys, model: ModelId, params: &Params) -> ModelCredits {
    attribute_with(&Context { data, journeys, names: &data.strings, params }, model, None)
}

/// Compute one model's credits, optionally rolling keys up (partner → type).
pub fn attribute_with(ctx: &Context, model: ModelId, rollup: Option<Rollup>) -> ModelCredits {
    let Context { data, journeys, names, params } = *ctx;
    let map = |k: Sym| rollup_key(rollup, k);
    let base_cents = base_cents(data, params);
    let mut cents = CentSums::default();
    let credited = || data.deals.iter().enumerate().filter(|(_, d)| params.credited(d));
    let warehouse_decay = data.warehouse.as_ref().and_then(|w| w.time_decay.as_ref());
    match model {
        ModelId::TimeDecay if warehouse_decay.is_some() => {
            // Spec §10: each touch's day gap stayed in the warehouse, which summed
            // the time-decay credit of every pattern; direct patterns are whole.
            let decay = warehouse_decay.map_or(&[][..], |v| v.as_slice());
            for (i, deal) in credited() {
                if journeys.has_partner(i) {
                    for &(key, c, d) in decay.get(i).map_or(&[][..], |v| v.as_slice()) {
                        cents.add_float_counted(map(key), c, d);
                    }
                } else {
                    cents.add_counted(map(DIRECT), deal.amount_cents, Ratio::ONE, f64::from(data.weight(i)));
                }
            }
        }
        ModelId::Markov => {
            let credited_count: f64 = credited().map(|(i, _)| f64::from(data.weight(i))).sum();
            for (key, share) in markov_removal_effects_in(data, journeys, params) {
                cents.add_float_counted(map(key), share * base_cents as f64, share * credited_count);
            }
        }
        ModelId::Shapley => {
            // Deals of one coalition share its split: their cents are summed
            // exactly first, so the credit does not depend on the order of the
            // deals (or on whether a warehouse summed them).
            let game = ShapleyGame::with_params(data, journeys, params);
            let mut by_coalition: FastMap<u32, (i128, f64)> = FastMap::default();
            for (i, deal) in credited() {
                let e = by_coalition.entry(game.coalition_of(i)).or_default();
                e.0 += i128::from(deal.amount_cents);
                e.1 += f64::from(data.weight(i));
            }
            let mut coalitions: Vec<_> = by_coalition.into_iter().collect();
            coalitions.sort_unstable_by_key(|c| c.0);
            let direct = [(DIRECT, 1.0)];
            for (id, (sum, weight)) in coalitions {
                for &(key, share) in game.split_of(id).unwrap_or(&direct) {
                    cents.add_float_counted(map(key), share * sum as f64, share * weight);
                }
            }
        }
        ModelId::TimeDecay => {
            let mut shares = Vec::new();
            for (i, deal) in credited() {
                shares.clear();
                rules::time_decay_shares(data, journeys, i, params, &mut shares);
                let weight = f64::from(data.weight(i));
                for &(key, share) in &shares {
                    cents.add_float_counted(map(key), share * deal.amount_cents as f64, share * weight);
                }
            }
        }
        _ => {
            let mut shares = Vec::new();
            for (i, deal) in credited() {
                shares.clear();
                rules::deal_shares(model, data, journeys, i, params, &mut shares);
                if rollup.is_some() && !model.additive() {
                    // `influenced` counts each rolled-up key once.
                    let mut seen: Vec<Sym> = Vec::with_capacity(shares.len());
                    shares.retain(|s| {
                        let key = map(s.0);
                        !seen.contains(&key) && {
                            seen.push(key);
                            true
                        }
                    });
                }
                // A warehouse group's amount is already its sum; its deal count weighs the shares.
                let weight = f64::from(data.weight(i));
                for &(key, share) in &shares {
                    cents.add_counted(map(key), deal.amount_cents, share, share.to_f64() * weight);
                }
            }
        }
    }
    let keys = journeys.keys.iter().map(|&k| map(k));
    // Without a roll-up the keys' name order is known once for every model.
    let order = rollup.is_none().then(|| journeys.keys_by_name(names));
    rounded_credits(model, cents, keys, names, base_cents, order)
}

/// Close a model's exact sums: every key that appears in the data gets a
/// row, zero included (spec §8); rows are sorted by key name, and additive
/// models' cents are rounded by the largest-remainder method (ties to the
/// smaller key) so they add up to the base.
pub fn rounded_credits(
    model: ModelId,
    mut cents: CentSums,
    keys: impl IntoIterator<Item = Sym>,
    names: &Interner,
    base_cents: i64,
    order: Option<&[Sym]>,
) -> ModelCredits {
    for key in keys {
        cents.touch(key);
    }
    let mut seen: FastSet<Sym> = cents.keys().collect();
    // Keys already in name order (`order`) are taken in it; any other key
    // (none, unless the journeys' key list misses one) is sorted in.
    let mut sorted: Vec<Sym> = Vec::with_capacity(seen.len());
    for &k in order.unwrap_or(&[]) {
        if seen.remove(&k) {
            sorted.push(k);
        }
    }
    if !seen.is_empty() {
        sorted.extend(seen);
        sorted.sort_unstable_by(|&a, &b| names.name(a).cmp(names.name(b)));
    }
    let revenue = cents.round(&sorted, model.additive().then_some(base_cents));
    let credits = sorted
        .iter()
        .zip(revenue)
        .map(|(&key, revenue_cents)| Credit { key, revenue_cents, deals: cents.deals(key) })
        .collect();
    ModelCredits { model, credits, base_cents }
}

/// Per-deal shares for drill-down: each credited deal's share per key under
/// a per-deal model (Markov credits the chain as a whole and has none).
pub fn per_deal_shares(ctx: &Context, model: ModelId) -> Vec<(usize, Vec<(Sym, f64)>)> {
    let Context { data, journeys, params, .. } = *ctx;
    if model == ModelId::Markov {
        return Vec::new();
    }
    let game = (model == ModelId::Shapley).then(|| ShapleyGame::with_params(data, journeys, params));
    let mut out = Vec::new();
    let mut fractions = Vec::new();
    for (i, _) in data.deals.iter().enumerate().filter(|(_, d)| params.credited(d)) {
        let mut shares = Vec::new();
        match &game {
            Some(game) => game.deal_shares(journeys, i, &mut shares),
            None if model == ModelId::TimeDecay => rules::time_decay_shares(data, journeys, i, params, &mut shares),
            None => {
                fractions.clear();
                rules::deal_shares(model, data, journeys, i, params, &mut fractions);
                shares.extend(fractions.iter().map(|&(k, r)| (k, r.to_f64())));
            }
        }
        out.push((i, shares));
    }
    out
}
