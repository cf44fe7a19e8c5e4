//! The rule-based models: each splits one won deal's journey by position,
//! count or date. Shares always sum to 1 (except `influenced`, which gives
//! every partner 1). Every rule but time decay splits by exact fractions
//! ([`Ratio`]), so equal credits compare equal when rounded (see `exact`).

use super::exact::Ratio;
use super::{ModelId, Params, PositionWeights};
use crate::dataset::{Dataset, Sym, DIRECT};
use crate::journey::{Journeys, Step};

/// Push `(key, share)` pairs for won deal `i` under a rule-based model
/// other than time decay (see [`time_decay_shares`]).
pub(super) fn deal_shares(
    model: ModelId,
    data: &Dataset,
    journeys: &Journeys,
    i: usize,
    params: &Params,
    out: &mut Vec<(Sym, Ratio)>,
) {
    let j = journeys.of(i);
    let n = j.len();
    let creation = journeys.creation(i);
    match model {
        ModelId::Sourced => {
            // On other dimensions than partner, the sourcing partner is not a key:
            // the creation touch's team or touch type is credited instead.
            let sourcing = data.deals[i].sourcing.filter(|_| journeys.partner_keys);
            let key = sourcing.or_else(|| creation.map(|c| j[c].key)).unwrap_or(DIRECT);
            out.push((key, Ratio::ONE));
        }
        ModelId::Influenced => distinct(j, |key| out.push((key, Ratio::ONE))),
        ModelId::EvenSplit => {
            let start = out.len();
            distinct(j, |key| out.push((key, Ratio::ONE)));
            let share = Ratio::new(1, (out.len() - start) as u64);
            out[start..].iter_mut().for_each(|s| s.1 = share);
        }
        ModelId::FirstTouch => out.push((j[0].key, Ratio::ONE)),
        ModelId::LastTouch => out.push((j[n - 1].key, Ratio::ONE)),
        ModelId::PipelineTouch => out.push((creation.map_or(DIRECT, |c| j[c].key), Ratio::ONE)),
        ModelId::Linear => out.extend(j.iter().map(|s| (s.key, Ratio::new(1, n as u64)))),
        ModelId::PositionBased => by_position(j, PositionWeights { first: 0.4, middle: 0.2, last: 0.4 }, out),
        ModelId::JShaped => by_position(j, PositionWeights { first: 0.2, middle: 0.2, last: 0.6 }, out),
        ModelId::InverseJ => by_position(j, PositionWeights { first: 0.6, middle: 0.2, last: 0.2 }, out),
        ModelId::CustomPosition => by_position(j, params.custom, out),
        ModelId::WShaped => w_shaped(j, creation.unwrap_or(0), out),
        ModelId::TimeDecay | ModelId::Shapley | ModelId::Markov => {
            unreachable!("time decay and the game-based models are not fractions")
        }
    }
}

/// Push `(key, share)` for won deal `i` under time decay: touch weights
/// `2^(−Δ/h)`, normalised to 1 (floating point: not fractions).
pub(super) fn time_decay_shares(
    data: &Dataset,
    journeys: &Journeys,
    i: usize,
    params: &Params,
    out: &mut Vec<(Sym, f64)>,
) {
    time_decay(journeys.of(i), data.deals[i].close, params.half_life_days, out);
}

/// Call `f` once per distinct key of the journey, in journey order.
fn distinct(j: &[Step], mut f: impl FnMut(Sym)) {
    if j.len() <= 32 {
        for (idx, s) in j.iter().enumerate() {
            if !j[..idx].iter().any(|p| p.key == s.key) {
                f(s.key);
            }
        }
    } else {
        // Long journeys (a deal listing thousands of partners): a set keeps it linear.
        let mut seen = crate::hash::FastSet::default();
        for s in j {
            if seen.insert(s.key) {
                f(s.key);
            }
        }
    }
}

fn time_decay(j: &[Step], close: Option<crate::date::Day>, half_life: f64, out: &mut Vec<(Sym, f64)>) {
    let weight = |s: &Step| match (s.date, close) {
        (Some(d), Some(c)) => 2f64.powf(-f64::from(c.0 - d.0) / half_life),
        _ => 1.0,
    };
    let total: f64 = j.iter().map(weight).sum();
    out.extend(j.iter().map(|s| (s.key, weight(s) / total)));
}

/// Position weights read to a millionth, as whole numbers (all zero: equal).
fn whole_weights(w: PositionWeights) -> (u64, u64, u64) {
    let read = |x: f64| if x.is_finite() && x > 0.0 { (x.min(1e6) * 1e6).round() as u64 } else { 0 };
    match (read(w.first), read(w.middle), read(w.last)) {
        (0, 0, 0) => (1, 1, 1),
        weights => weights,
    }
}

/// First / middle / last weights (normalised to 1; read to a millionth).
/// One touch takes all; two touches split first and last in proportion
/// (40/40 → 50/50); the middle weight is shared equally by the touches in
/// between.
fn by_position(j: &[Step], w: PositionWeights, out: &mut Vec<(Sym, Ratio)>) {
    let n = j.len();
    let (first, middle, last) = whole_weights(w);
    let total = first + middle + last;
    match n {
        1 => out.push((j[0].key, Ratio::ONE)),
        2 if first + last == 0 => out.extend([(j[0].key, Ratio::new(1, 2)), (j[1].key, Ratio::new(1, 2))]),
        2 => out.extend([(j[0].key, Ratio::new(first, first + last)), (j[1].key, Ratio::new(last, first + last))]),
        _ => {
            out.push((j[0].key, Ratio::new(first, total)));
            let each = Ratio::new(middle, total.saturating_mul((n - 2) as u64));
            out.extend(j[1..n - 1].iter().map(|s| (s.key, each)));
            out.push((j[n - 1].key, Ratio::new(last, total)));
        }
    }
}

/// First, creation and last touch 30% each (on the same index they add
/// up); the other touches share 10%, or with none each role takes a third.
fn w_shaped(j: &[Step], creation: usize, out: &mut Vec<(Sym, Ratio)>) {
    let n = j.len();
    let roles = [0, creation, n - 1];
    let others: Vec<usize> = (0..n).filter(|i| !roles.contains(i)).collect();
    let role_share = if others.is_empty() { Ratio::new(1, 3) } else { Ratio::new(3, 10) };
    for &r in &roles {
        out.push((j[r].key, role_share));
    }
    if !others.is_empty() {
        let share = Ratio::new(1, 10 * others.len() as u64);
        out.extend(others.iter().map(|&i| (j[i].key, share)));
    }
}
