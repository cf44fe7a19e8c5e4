//! The rule-based models: each splits one won deal's journey by position,
//! count or date. Shares always sum to 1 (except `influenced`, which gives
//! every partner 1).

use super::{ModelId, Params, PositionWeights};
use crate::dataset::{Dataset, Sym, DIRECT};
use crate::journey::{Journeys, Step};

/// Push `(key, share)` pairs for won deal `i` under a rule-based model.
pub(super) fn deal_shares(
    model: ModelId,
    data: &Dataset,
    journeys: &Journeys,
    i: usize,
    params: &Params,
    out: &mut Vec<(Sym, f64)>,
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
            out.push((key, 1.0));
        }
        ModelId::Influenced => distinct(j, |key| out.push((key, 1.0))),
        ModelId::EvenSplit => {
            let mut keys = Vec::new();
            distinct(j, |key| keys.push(key));
            let share = 1.0 / keys.len() as f64;
            out.extend(keys.into_iter().map(|k| (k, share)));
        }
        ModelId::FirstTouch => out.push((j[0].key, 1.0)),
        ModelId::LastTouch => out.push((j[n - 1].key, 1.0)),
        ModelId::PipelineTouch => out.push((creation.map_or(DIRECT, |c| j[c].key), 1.0)),
        ModelId::Linear => out.extend(j.iter().map(|s| (s.key, 1.0 / n as f64))),
        ModelId::TimeDecay => time_decay(j, data.deals[i].close, params.half_life_days, out),
        ModelId::PositionBased => by_position(j, PositionWeights { first: 0.4, middle: 0.2, last: 0.4 }, out),
        ModelId::JShaped => by_position(j, PositionWeights { first: 0.2, middle: 0.2, last: 0.6 }, out),
        ModelId::InverseJ => by_position(j, PositionWeights { first: 0.6, middle: 0.2, last: 0.2 }, out),
        ModelId::CustomPosition => by_position(j, params.custom, out),
        ModelId::WShaped => w_shaped(j, creation.unwrap_or(0), out),
        ModelId::Shapley | ModelId::Markov => {
            unreachable!("game-based models are not per-deal rules")
        }
    }
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

/// First / middle / last weights (normalised to 1). One touch takes all;
/// two touches split first and last in proportion (40/40 → 50/50); the
/// middle weight is shared equally by the touches in between.
fn by_position(j: &[Step], w: PositionWeights, out: &mut Vec<(Sym, f64)>) {
    let n = j.len();
    let total = w.first + w.middle + w.last;
    let (first, middle, last) =
        if total > 0.0 { (w.first / total, w.middle / total, w.last / total) } else { (1.0, 1.0, 1.0) };
    match n {
        1 => out.push((j[0].key, 1.0)),
        2 if first + last == 0.0 => out.extend([(j[0].key, 0.5), (j[1].key, 0.5)]),
        2 => out.extend([(j[0].key, first / (first + last)), (j[1].key, last / (first + last))]),
        _ => {
            out.push((j[0].key, first));
            let each = middle / (n - 2) as f64;
            out.extend(j[1..n - 1].iter().map(|s| (s.key, each)));
            out.push((j[n - 1].key, last));
        }
    }
}

fn w_shaped(j: &[Step], creation: usize, out: &mut Vec<(Sym, f64)>) {
    let n = j.len();
    let roles = [0, creation, n - 1];
    let others: Vec<usize> = (0..n).filter(|i| !roles.contains(i)).collect();
    let role_share = if others.is_empty() { 0.3 + 0.1 / 3.0 } else { 0.3 };
    for &r in &roles {
        out.push((j[r].key, role_share));
    }
    if !others.is_empty() {
        let share = 0.1 / others.len() as f64;
        out.extend(others.iter().map(|&i| (j[i].key, share)));
    }
}
