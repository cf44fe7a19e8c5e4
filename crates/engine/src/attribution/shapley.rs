//! Shapley attribution over the incremental win-rate game (spec §5).
//!
//! The game. Every closed deal has a *coalition*: the set S of distinct
//! partners in its journey (∅ for direct deals). `p(S)` is the observed win
//! rate of closed deals with exactly that coalition. A coalition nobody
//! observed is worth the best of its proper subsets, so
//! `v(T) = p(T)` when observed, else `max v(U)` over `U ⊊ T`, with
//! `v(∅) = p(∅)` (0 without direct deals). The payoff of T is the lift it
//! brings over going direct, `g(T) = max(0, v(T) − v(∅))`.
//!
//! The credit. A won deal with coalition S gives partner k the fraction
//! `φₖ / v(S)` of its amount, where φₖ is k's Shapley value of g restricted
//! to the players of S; `(direct)` keeps the rest, `1 − g(S)/v(S)` (the
//! Shapley values sum to g(S), so the deal's credits sum to its amount).
//!
//! The computation. For |S| ≤ 15 everything is exact: one pass over the
//! 2^|S| subsets in increasing bit order fills `v` (a subset's proper
//! subsets are all smaller numbers), a running "best of all subsets" table
//! `M` makes the max over proper subsets O(|S|) per subset, and φ is the
//! weighted sum of marginal contributions over all subsets. For larger S
//! enumeration is out of reach, so φ is estimated from a fixed number of
//! seeded random orderings (`APPROX_PERMUTATIONS`): each ordering's marginal
//! contributions telescope to g(S), so efficiency still holds exactly;
//! each estimate is a mean of values in [−1, 1], so by Hoeffding's
//! inequality it is within ±0.027 (in win-rate units, before dividing by
//! v(S)) of the true φₖ with 95% probability. Results are deterministic.
//!
//! The budget. Work is bounded whatever the file holds: the orderings of
//! one coalition shrink so that orderings × |S| × (observed subsets) stays
//! within [`WORK_BUDGET`] shared by every sampled coalition, never below
//! [`MIN_PERMUTATIONS`]; the bound above becomes ±2·√(ln 40 / 2m) for m
//! orderings (±0.27 at the minimum of 100). Beyond 128 partners on one
//! deal no estimate is meaningful and the won amount is split evenly among
//! them.

use super::Params;
use crate::dataset::{Dataset, Sym, DIRECT};
use crate::hash::FastMap;
use crate::journey::Journeys;
use crate::rng::SplitMix64;
use std::collections::HashMap;

/// Largest coalition solved by exact enumeration.
pub const EXACT_LIMIT: usize = 15;

/// Orderings sampled for coalitions larger than [`EXACT_LIMIT`] (at most).
pub const APPROX_PERMUTATIONS: usize = 10_000;

/// Fewest orderings sampled for one coalition, whatever the budget.
pub const MIN_PERMUTATIONS: usize = 100;

/// Steps (orderings × players × observed subsets) shared by every sampled coalition.
pub const WORK_BUDGET: f64 = 4e8;

/// Steps spent finding the observed subsets of every solved coalition. A
/// coalition takes the cheaper of two searches: look up each of its 2^|S|
/// subsets, or count, for each of its members, the observed coalitions
/// that hold it (a subset is one all of whose members were counted). Past
/// the budget (only a file built for it gets there: a hundred thousand
/// distinct coalitions of twenty partners around one hub) a coalition sees
/// only itself, its single members and ∅ among the observed ones.
pub const SUBSET_BUDGET: u64 = 200_000_000;

/// The win-rate game of one data set, with each won coalition's split precomputed.
#[derive(Debug, Clone)]
pub struct ShapleyGame {
    /// Observed coalitions and their win rate.
    observed: HashMap<Vec<Sym>, f64>,
    /// The same, numbered, and for each partner the observed coalitions holding it.
    observed_list: Vec<(Vec<Sym>, f64)>,
    by_member: FastMap<Sym, Vec<u32>>,
    /// v(∅).
    v_empty: f64,
    /// Each deal's coalition, as an index into `splits` (found once per deal).
    coalition: Vec<u32>,
    /// For each coalition of a credited deal: the fraction of the amount per partner.
    splits: Vec<Option<Vec<(Sym, f64)>>>,
}

impl ShapleyGame {
    /// Build the game from closed deals and solve it for every won coalition.
    pub fn new(data: &Dataset, journeys: &Journeys) -> ShapleyGame {
        ShapleyGame::with_params(data, journeys, &Params::default())
    }

    /// The game over closed deals in scope, solved for every coalition of a
    /// credited deal (won deals, or open ones when the base is pipeline).
    pub fn with_params(data: &Dataset, journeys: &Journeys, params: &Params) -> ShapleyGame {
        // Number the distinct coalitions once: one lookup per deal, with no
        // allocation unless the coalition is new.
        let mut ids: FastMap<Vec<Sym>, u32> = FastMap::default();
        let mut sets: Vec<Vec<Sym>> = Vec::new();
        let mut coalition = Vec::with_capacity(data.deals.len());
        let mut scratch = Vec::new();
        for i in 0..data.deals.len() {
            journeys.partner_set_into(i, &mut scratch);
            let id = match ids.get(scratch.as_slice()) {
                Some(&id) => id,
                None => {
                    let id = sets.len() as u32;
                    ids.insert(scratch.clone(), id);
                    sets.push(scratch.clone());
                    id
                }
            };
            coalition.push(id);
        }
        let mut counts = vec![(0u32, 0u32); sets.len()];
        let mut credited = vec![false; sets.len()];
        for (i, (d, &id)) in data.deals.iter().zip(&coalition).enumerate() {
            if d.closed && params.in_scope(d) {
                let (e, weight) = (&mut counts[id as usize], data.weight(i));
                e.0 += if d.won { weight } else { 0 };
                e.1 += weight;
            }
            credited[id as usize] |= params.credited(d);
        }
        let observed: HashMap<Vec<Sym>, f64> = sets
            .iter()
            .zip(&counts)
            .filter(|(_, &(_, closed))| closed > 0)
            .map(|(s, &(won, closed))| (s.clone(), f64::from(won) / f64::from(closed)))
            .collect();
        let v_empty = observed.get(&Vec::new()).copied().unwrap_or(0.0);
        let observed_list: Vec<(Vec<Sym>, f64)> =
            observed.iter().filter(|(s, _)| !s.is_empty()).map(|(s, &p)| (s.clone(), p)).collect();
        let mut by_member: FastMap<Sym, Vec<u32>> = FastMap::default();
        for (id, (set, _)) in observed_list.iter().enumerate() {
            for &k in set {
                by_member.entry(k).or_default().push(id as u32);
            }
        }
        let mut game =
            ShapleyGame { observed, observed_list, by_member, v_empty, coalition, splits: vec![None; sets.len()] };
        let solve: Vec<usize> = (0..sets.len()).filter(|&id| credited[id] && !sets[id].is_empty()).collect();
        let sampled = solve.iter().filter(|&&id| sets[id].len() > EXACT_LIMIT && sets[id].len() <= 128).count();
        let budget = WORK_BUDGET / sampled.max(1) as f64;
        let mut subset_work = 0u64;
        for id in solve {
            game.splits[id] = Some(game.split(&sets[id], budget, &mut subset_work));
        }
        game
    }

    /// Push `(key, share)` for won deal `i`; shares sum to 1.
    pub fn deal_shares(&self, _journeys: &Journeys, i: usize, out: &mut Vec<(Sym, f64)>) {
        match self.coalition.get(i).and_then(|&id| self.splits[id as usize].as_ref()) {
            Some(split) => out.extend_from_slice(split),
            None => out.push((DIRECT, 1.0)),
        }
    }

    /// The number of deal `i`'s coalition.
    pub fn coalition_of(&self, i: usize) -> u32 {
        self.coalition.get(i).copied().unwrap_or(u32::MAX)
    }

    /// The split of a won coalition's amount (`None`: direct, or not solved).
    pub fn split_of(&self, coalition: u32) -> Option<&[(Sym, f64)]> {
        self.splits.get(coalition as usize)?.as_deref()
    }

    /// The observed coalitions that are subsets of `set` (sorted, at most
    /// 128 players), as bit masks with their win rate; `work` counts the
    /// steps spent against [`SUBSET_BUDGET`].
    fn observed_subsets(&self, set: &[Sym], work: &mut u64) -> Vec<(u128, f64)> {
        let n = set.len();
        let mut out: Vec<(u128, f64)> = Vec::new();
        if let Some(&p) = self.observed.get(&Vec::new()) {
            out.push((0, p));
        }
        let enumerate = if n <= 24 { 1u64 << n } else { u64::MAX };
        let index: u64 = set.iter().map(|k| self.by_member.get(k).map_or(0, |v| v.len() as u64)).sum();
        let cost = enumerate.min(index);
        let mut subset = Vec::with_capacity(n);
        if *work + cost > SUBSET_BUDGET {
            // Past the budget: the coalition itself and its single members.
            for mask in (0..n).map(|b| 1u128 << b).chain(std::iter::once(mask_of_all(n))) {
                subset.clear();
                subset.extend((0..n).filter(|&b| mask >> b & 1 == 1).map(|b| set[b]));
                if let Some(&p) = self.observed.get(&subset) {
                    out.push((mask, p));
                }
            }
            out.dedup_by_key(|e| e.0);
            return out;
        }
        *work += cost;
        if enumerate <= index {
            for mask in 1..(1u128 << n) {
                subset.clear();
                subset.extend((0..n).filter(|&b| mask >> b & 1 == 1).map(|b| set[b]));
                if let Some(&p) = self.observed.get(&subset) {
                    out.push((mask, p));
                }
            }
        } else {
            let mut held: FastMap<u32, (u32, u128)> = FastMap::default();
            for (b, k) in set.iter().enumerate() {
                for &id in self.by_member.get(k).map_or(&[][..], Vec::as_slice) {
                    let e = held.entry(id).or_insert((0, 0));
                    e.0 += 1;
                    e.1 |= 1u128 << b;
                }
            }
            for (id, (count, mask)) in held {
                let (members, p) = &self.observed_list[id as usize];
                if count as usize == members.len() {
                    out.push((mask, *p));
                }
            }
            out.sort_by_key(|e| e.0);
        }
        out
    }

    /// Fractions of a won deal's amount for each partner in `set`, and `(direct)`.
    fn split(&self, set: &[Sym], budget: f64, work: &mut u64) -> Vec<(Sym, f64)> {
        let n = set.len();
        let (phi, v_full) = if n <= EXACT_LIMIT {
            self.exact(n, &self.observed_subsets(set, work))
        } else if n <= 128 {
            let subsets = self.observed_subsets(set, work);
            let fits = budget / (n as f64 * (subsets.len() + 1) as f64);
            let orderings = (fits as usize).clamp(MIN_PERMUTATIONS, APPROX_PERMUTATIONS);
            self.approximate(n, &subsets, orderings)
        } else {
            // Beyond 128 partners on one deal, no estimate is meaningful: split evenly.
            (vec![1.0 / n as f64; n], 1.0)
        };
        if v_full <= 0.0 {
            // Only possible for an open deal whose coalition no closed deal
            // (nor any subset) ever won with: nothing to credit partners with.
            return vec![(DIRECT, 1.0)];
        }
        let mut out: Vec<(Sym, f64)> =
            set.iter().zip(&phi).filter(|(_, f)| f.abs() > 1e-15).map(|(&k, &f)| (k, f / v_full)).collect();
        let rest = 1.0 - phi.iter().sum::<f64>() / v_full;
        if rest.abs() > 1e-12 {
            out.push((DIRECT, rest));
        }
        out
    }

    /// Exact Shapley values by subset enumeration; also returns v(S).
    fn exact(&self, n: usize, subsets: &[(u128, f64)]) -> (Vec<f64>, f64) {
        let size = 1usize << n;
        let mut p_obs: Vec<Option<f64>> = vec![None; size];
        for &(mask, p) in subsets {
            p_obs[mask as usize] = Some(p);
        }
        let mut v = vec![0.0; size];
        let mut best = vec![0.0; size]; // max of v over all subsets of the mask
        v[0] = self.v_empty;
        best[0] = self.v_empty;
        for mask in 1..size {
            let mut below = f64::NEG_INFINITY;
            let mut bits = mask;
            while bits != 0 {
                let bit = bits & bits.wrapping_neg();
                below = below.max(best[mask ^ bit]);
                bits ^= bit;
            }
            v[mask] = p_obs[mask].unwrap_or(below);
            best[mask] = v[mask].max(below);
        }
        let g: Vec<f64> = v.iter().map(|&x| (x - self.v_empty).max(0.0)).collect();
        (shapley_values(n, |mask| g[mask]), v[size - 1])
    }

    /// Monte Carlo Shapley values over seeded random orderings; also returns v(S).
    fn approximate(&self, n: usize, subsets: &[(u128, f64)], orderings: usize) -> (Vec<f64>, f64) {
        let value = |t: u128| -> f64 {
            let mut below = self.v_empty;
            for &(mask, p) in subsets {
                if mask == t {
                    return p;
                }
                if mask & t == mask {
                    below = below.max(p);
                }
            }
            below
        };
        let g = |t: u128| (value(t) - self.v_empty).max(0.0);
        let mut rng = SplitMix64(0x5EED_0000 ^ n as u64);
        let mut phi = vec![0.0; n];
        let mut order: Vec<usize> = (0..n).collect();
        for _ in 0..orderings {
            for i in (1..n).rev() {
                order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
            }
            let mut mask = 0u128;
            let mut prev = g(0);
            for &k in &order {
                mask |= 1 << k;
                let now = g(mask);
                phi[k] += now - prev;
                prev = now;
            }
        }
        phi.iter_mut().for_each(|x| *x /= orderings as f64);
        (phi, value(if n == 128 { u128::MAX } else { (1u128 << n) - 1 }))
    }
}

/// The mask of all `n` players (n ≤ 128).
fn mask_of_all(n: usize) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}

/// Exact Shapley values of an `n`-player game given as a function of the coalition bit mask.
///
/// `φₖ = Σ_{T ∌ k} |T|!(n−|T|−1)!/n! · (g(T ∪ {k}) − g(T))`.
pub fn shapley_values(n: usize, g: impl Fn(usize) -> f64) -> Vec<f64> {
    // weight[t] = t!(n−t−1)!/n!, built without factorial overflow.
    let mut weight = vec![0.0; n.max(1)];
    for (t, w) in weight.iter_mut().enumerate().take(n) {
        let mut x = 1.0 / n as f64;
        for i in 0..t {
            x *= (t - i) as f64 / (n - 1 - i) as f64;
        }
        *w = x;
    }
    let mut phi = vec![0.0; n];
    for mask in 0..(1usize << n) {
        let size = mask.count_ones() as usize;
        let here = g(mask);
        for (k, p) in phi.iter_mut().enumerate() {
            if mask & (1 << k) == 0 {
                *p += weight[size] * (g(mask | (1 << k)) - here);
            }
        }
    }
    phi
}
