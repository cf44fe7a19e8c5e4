//! Attribution models (spec §4–§6): who gets credit for the revenue base.
//!
//! Every model except Markov is a *per-deal share rule*: it splits one
//! credited deal among keys with shares that sum to 1 (or, for
//! `influenced`, gives every key 1). Credits are the shares times the
//! amount, summed in deal order in `f64` cents and then rounded to whole
//! cents by the largest-remainder method, so each additive column adds up
//! to the base exactly.

mod markov;
mod model_id;
mod params;
mod rounding;
mod rules;
mod shapley;

pub use markov::{markov_removal_effects, markov_removal_effects_in};
pub use model_id::ModelId;
pub use params::{Params, PositionWeights, RevenueBase};
pub use rounding::largest_remainder;
pub use shapley::{shapley_values, ShapleyGame};

use super::dataset::{Dataset, Interner, Sym, DIRECT};
use super::journey::Journeys;
use crate::hash::FastMap;
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
    let mut sums: FastMap<Sym, (f64, f64)> = FastMap::default(); // key -> (cents, deals)
    let mut add = |key: Sym, cents: f64, deals: f64| {
        let e = sums.entry(key).or_default();
        e.0 += cents;
        e.1 += deals;
    };
    let warehouse_decay = data.warehouse.as_ref().and_then(|w| w.time_decay.as_ref());
    if let (ModelId::TimeDecay, Some(decay)) = (model, warehouse_decay) {
        // Spec §10: each touch's day gap stayed in the warehouse, which summed
        // the time-decay credit of every pattern; direct patterns are whole.
        for (i, deal) in data.deals.iter().enumerate().filter(|(_, d)| params.credited(d)) {
            if journeys.has_partner(i) {
                for &(key, cents, deals) in decay.get(i).map_or(&[][..], Vec::as_slice) {
                    add(map(key), cents, deals);
                }
            } else {
                add(map(DIRECT), deal.amount_cents as f64, f64::from(data.weight(i)));
            }
        }
    } else if model == ModelId::Markov {
        let credited_count: f64 = data
            .deals
            .iter()
            .enumerate()
            .filter(|(_, d)| params.credited(d))
            .map(|(i, _)| f64::from(data.weight(i)))
            .sum();
        for (key, share) in markov_removal_effects_in(data, journeys, params) {
            add(map(key), share * base_cents as f64, share * credited_count);
        }
    } else {
        let game = (model == ModelId::Shapley).then(|| ShapleyGame::with_params(data, journeys, params));
        let mut shares = Vec::new();
        for (i, deal) in data.deals.iter().enumerate().filter(|(_, d)| params.credited(d)) {
            shares.clear();
            match &game {
                Some(game) => game.deal_shares(journeys, i, &mut shares),
                None => rules::deal_shares(model, data, journeys, i, params, &mut shares),
            }
            if rollup.is_some() {
                merge_rolled_up(&mut shares, map, model.additive());
            }
            // A warehouse group's amount is already its sum; its deal count weighs the shares.
            let weight = f64::from(data.weight(i));
            for &(key, share) in &shares {
                add(key, share * deal.amount_cents as f64, share * weight);
            }
        }
    }
    let keys = journeys.keys.iter().map(|&k| map(k));
    // Without a roll-up the keys' name order is known once for every model.
    let order = rollup.is_none().then(|| journeys.keys_by_name(names));
    rounded_credits(model, sums, keys, names, base_cents, order)
}

/// Close a model's exact sums (`key → (cents, deals)`): every key that
/// appears in the data gets a row, zero included (spec §8); rows are sorted
/// by key name, and additive models' cents are rounded by the
/// largest-remainder method so they add up to the base.
pub fn rounded_credits(
    model: ModelId,
    mut sums: FastMap<Sym, (f64, f64)>,
    keys: impl IntoIterator<Item = Sym>,
    names: &Interner,
    base_cents: i64,
    order: Option<&[Sym]>,
) -> ModelCredits {
    for key in keys {
        sums.entry(key).or_default();
    }
    let mut exact: Vec<(Sym, f64, f64)> = Vec::with_capacity(sums.len());
    // Keys already in name order (`order`) are taken in it; any other key
    // (none, unless the journeys' key list misses one) is sorted in.
    for &k in order.unwrap_or(&[]) {
        if let Some((c, d)) = sums.remove(&k) {
            exact.push((k, c, d));
        }
    }
    if !sums.is_empty() {
        exact.extend(sums.into_iter().map(|(k, (c, d))| (k, c, d)));
        exact.sort_unstable_by(|a, b| names.name(a.0).cmp(names.name(b.0)));
    }
    let revenue: Vec<i64> = if model.additive() {
        let key_names: Vec<&str> = exact.iter().map(|e| names.name(e.0)).collect();
        let values: Vec<f64> = exact.iter().map(|e| e.1).collect();
        largest_remainder(&values, &key_names, base_cents)
    } else {
        exact.iter().map(|e| e.1.round() as i64).collect()
    };
    let credits =
        exact.iter().zip(revenue).map(|(e, revenue_cents)| Credit { key: e.0, revenue_cents, deals: e.2 }).collect();
    ModelCredits { model, credits, base_cents }
}

/// Map a deal's shares through a roll-up and merge keys that coincide:
/// additive shares add up; `influenced` counts each rolled-up key once.
fn merge_rolled_up(shares: &mut Vec<(Sym, f64)>, map: impl Fn(Sym) -> Sym, additive: bool) {
    let mut merged: Vec<(Sym, f64)> = Vec::with_capacity(shares.len());
    for &(key, share) in shares.iter() {
        let key = map(key);
        match merged.iter_mut().find(|m| m.0 == key) {
            Some(m) if additive => m.1 += share,
            Some(_) => {}
            None => merged.push((key, share)),
        }
    }
    *shares = merged;
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
    for (i, _) in data.deals.iter().enumerate().filter(|(_, d)| params.credited(d)) {
        let mut shares = Vec::new();
        match &game {
            Some(game) => game.deal_shares(journeys, i, &mut shares),
            None => rules::deal_shares(model, data, journeys, i, params, &mut shares),
        }
        out.push((i, shares));
    }
    out
}
