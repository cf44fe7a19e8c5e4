//! Markov-chain removal-effect attribution (spec §6), solved exactly.
//!
//! The chain. Every closed deal's journey is a path
//! `start → J[0] → … → J[n−1] → conversion` (won) or `→ null` (lost), and
//! the transition probabilities are the observed frequencies, self-loops
//! included. Let `x_s` be the probability of eventually converting from
//! state s. Then `x_conversion = 1`, `x_null = 0`, and for every other
//! state `x_s = Σ_t P(s→t) x_t`: a linear system `(I − Q) x = r` over the
//! transient states, where Q holds transient-to-transient probabilities
//! and r the one-step conversion probabilities. Every state seen in a
//! journey has a way out (its last step leaves it), so `I − Q` is
//! non-singular and Gaussian elimination with partial pivoting solves it
//! deterministically — no simulation, identical results run to run.
//!
//! Removal. Removing state k redirects every transition into k to null,
//! which is the same as pinning `x_k = 0`; `P_k = x_start` of that system,
//! and `RE_k = (P − P_k) / P`. Credits are `RE_k / Σ RE` of the base.
//! One solve per state: O(K⁴) for K states, instant for realistic K.
//!
//! The budget. Beyond [`STATE_LIMIT`] keys (a file listing thousands of
//! partners) O(K⁴) would freeze the page, so the keys with the fewest
//! visits are merged into one state: the `STATE_LIMIT − 1` most visited keys
//! keep their own state and are solved exactly as above; the merged state's
//! removal effect is shared among its keys in proportion to their visits.
//! Shares still sum to 1; only the rarest keys' split is approximate.

use super::Params;
use crate::dataset::{Dataset, Sym};
use crate::journey::Journeys;

/// Share of the base for each key with a positive removal effect (shares sum to 1).
pub fn markov_removal_effects(data: &Dataset, journeys: &Journeys) -> Vec<(Sym, f64)> {
    markov_removal_effects_in(data, journeys, &Params::default())
}

/// The same over the closed deals that pass the parameters' filters.
pub fn markov_removal_effects_in(data: &Dataset, journeys: &Journeys, params: &Params) -> Vec<(Sym, f64)> {
    let chain = Chain::observe(data, journeys, params);
    let Some(p) = chain.conversion_probability(None).filter(|&p| p > 0.0) else {
        return Vec::new();
    };
    let removal = |state: usize| ((p - chain.conversion_probability(Some(state)).unwrap_or(0.0)) / p).max(0.0);
    let mut effects: Vec<(Sym, f64)> = chain.keys.iter().enumerate().map(|(k, &key)| (key, removal(k + 1))).collect();
    if !chain.merged.is_empty() {
        let re = removal(chain.keys.len() + 1);
        let visits: f64 = chain.merged.iter().map(|m| m.1).sum();
        effects.extend(chain.merged.iter().map(|&(key, v)| (key, re * v / visits)));
    }
    let effects: Vec<(Sym, f64)> = effects.into_iter().filter(|&(_, re)| re > 0.0).collect();
    let total: f64 = effects.iter().map(|e| e.1).sum();
    effects.into_iter().map(|(k, re)| (k, re / total)).collect()
}

/// Most states of the chain (keys) solved one by one; see the module comment.
pub const STATE_LIMIT: usize = 150;

/// Transition counts between states: 0 = start, 1..=K the keys kept, then
/// the merged state when there are more keys than [`STATE_LIMIT`].
struct Chain {
    keys: Vec<Sym>,
    /// Keys merged into the last state, with their visits.
    merged: Vec<(Sym, f64)>,
    /// counts[s][t] for transient t; conversions[s] and exits[s] (total out) per state.
    counts: Vec<Vec<f64>>,
    conversions: Vec<f64>,
    exits: Vec<f64>,
}

impl Chain {
    fn observe(data: &Dataset, journeys: &Journeys, params: &Params) -> Chain {
        // The state of each symbol (0: not seen), a dense table: no hashing per step.
        let mut index: Vec<usize> = Vec::new();
        let mut keys = Vec::new();
        let closed: Vec<usize> =
            (0..data.deals.len()).filter(|&i| data.deals[i].closed && params.in_scope(&data.deals[i])).collect();
        // Visits of each key, in the order keys were first seen.
        let mut visits: Vec<f64> = Vec::new();
        for &i in &closed {
            let weight = f64::from(data.weight(i));
            for s in journeys.of(i) {
                let k = s.key as usize;
                if k >= index.len() {
                    index.resize(k + 1, 0);
                }
                if index[k] == 0 {
                    keys.push(s.key);
                    visits.push(0.0);
                    index[k] = keys.len();
                }
                visits[index[k] - 1] += weight;
            }
        }
        let mut merged = Vec::new();
        if keys.len() > STATE_LIMIT {
            // Keep the most visited keys (ties: first seen); merge the rest.
            let mut ranked: Vec<(usize, Sym)> = keys.iter().copied().enumerate().collect();
            ranked.sort_by(|a, b| visits[b.0].total_cmp(&visits[a.0]).then(a.0.cmp(&b.0)));
            let (kept, rest) = ranked.split_at(STATE_LIMIT - 1);
            let mut kept: Vec<(usize, Sym)> = kept.to_vec();
            kept.sort_unstable();
            keys = kept.iter().map(|k| k.1).collect();
            for (i, &k) in keys.iter().enumerate() {
                index[k as usize] = i + 1;
            }
            for &(first_seen, k) in rest {
                index[k as usize] = keys.len() + 1;
                merged.push((k, visits[first_seen]));
            }
        }
        let size = keys.len() + 1 + usize::from(!merged.is_empty());
        let mut chain = Chain {
            keys,
            merged,
            counts: vec![vec![0.0; size]; size],
            conversions: vec![0.0; size],
            exits: vec![0.0; size],
        };
        for &i in &closed {
            // A warehouse group of deals walks its path once per deal.
            let weight = f64::from(data.weight(i));
            let mut from = 0;
            for s in journeys.of(i) {
                let to = index[s.key as usize];
                chain.counts[from][to] += weight;
                chain.exits[from] += weight;
                from = to;
            }
            chain.exits[from] += weight;
            if data.deals[i].won {
                chain.conversions[from] += weight;
            }
        }
        chain
    }

    /// Probability of converting from start, with state `removed` pinned to 0.
    fn conversion_probability(&self, removed: Option<usize>) -> Option<f64> {
        let size = self.exits.len();
        let mut a = vec![vec![0.0; size + 1]; size]; // augmented [I − Q | r]
        for (s, row) in a.iter_mut().enumerate() {
            let exits = self.exits[s];
            if Some(s) == removed || exits == 0.0 {
                row[s] = 1.0;
                continue;
            }
            for (cell, &count) in row.iter_mut().zip(&self.counts[s]) {
                *cell = -count / exits;
            }
            row[s] += 1.0;
            row[size] = self.conversions[s] / exits;
        }
        solve(a).map(|x| x[0])
    }
}

/// Solve an augmented system by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>) -> Option<Vec<f64>> {
    let n = a.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for row in lower.iter_mut() {
            let factor = row[col] / pivot_row[col];
            if factor != 0.0 {
                for (cell, &p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                    *cell -= factor * p;
                }
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (a[row][n] - sum) / a[row][row];
    }
    Some(x)
}
