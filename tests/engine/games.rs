//! Shapley and Markov: hand-computed games, axioms, independent brute-force
//! checks, and invariants over many generated data sets.

use crate::common;
use common::*;
use engine::attribution::{attribute, available_models, markov_removal_effects, shapley_values, ModelId, Params};
use engine::dataset::{Dataset, DIRECT};
use engine::journey::Journeys;
use engine::rng::SplitMix64;
use std::collections::HashMap;

fn row(id: &str, won: bool, partners: &str) -> String {
    let stage = if won { "Closed Won" } else { "Closed Lost" };
    format!("{id},1000.00,{stage},2025-01-01,2025-02-01,,{partners}\n")
}

/// Direct win rate 1/4, {A} 1/2, {B} 1/2, {A,B} 1/1, {C} 1/4 (= direct), {A,C} 1/2 (= {A}).
fn game_data() -> (Dataset, Journeys) {
    let mut csv = format!("{DEALS_HEADER}\n");
    for (i, won) in [true, false, false, false].iter().enumerate() {
        csv += &row(&format!("D{i}"), *won, "");
    }
    csv += &row("A1", true, "A");
    csv += &row("A2", false, "A");
    csv += &row("B1", true, "B");
    csv += &row("B2", false, "B");
    csv += &row("AB", true, "A;B");
    for (i, won) in [true, false, false, false].iter().enumerate() {
        csv += &row(&format!("C{i}"), *won, "C");
    }
    csv += &row("AC1", true, "A;C");
    csv += &row("AC2", false, "C;A");
    load_text(&csv, None)
}

#[test]
fn shapley_hand_computed_game() {
    let (data, journeys) = game_data();
    let got = credits(&data, &journeys, ModelId::Shapley, &Params::default());
    // Won direct deals (D0) → direct 1000. A1: g(A)=1/4, v=1/2 → A 500, direct 500. B1 likewise.
    // AB: φA = φB = ½·¼ + ½·(¾−¼) = 3/8, v=1 → A 375, B 375, direct 250.
    // C0: g(C)=0 → direct 1000. AC1: φC = 0 (null player), φA = ¼, v=½ → A 500, direct 500.
    assert_eq!(got, expect(&[("(direct)", 375_000), ("A", 137_500), ("B", 87_500)]));
    let total: i64 = got.iter().map(|g| g.1).sum();
    assert_eq!(total, 600_000, "efficiency: credits sum to won revenue");
    assert!(!got.iter().any(|g| g.0 == "C"), "null player C gets nothing");
}

#[test]
fn shapley_symmetry_between_identical_partners() {
    let (data, journeys) = game_data();
    let result = attribute(&data, &journeys, ModelId::Shapley, &Params::default());
    // Restricted to deal AB, A and B have identical statistics: equal credit there.
    let game = engine::attribution::ShapleyGame::new(&data, &journeys);
    let ab = data.deals.iter().position(|d| data.name(d.id) == "AB").unwrap();
    let mut shares = Vec::new();
    game.deal_shares(&journeys, ab, &mut shares);
    let share = |k: &str| shares.iter().find(|s| data.name(s.0) == k).map(|s| s.1).unwrap();
    assert!((share("A") - share("B")).abs() < 1e-12);
    assert!((shares.iter().map(|s| s.1).sum::<f64>() - 1.0).abs() < 1e-12);
    assert_eq!(result.total_cents(), result.base_cents);
}

/// Shapley values by enumerating all n! orderings (independent of the subset formula).
fn shapley_by_orderings(n: usize, g: &dyn Fn(usize) -> f64) -> Vec<f64> {
    fn permute(prefix: &mut Vec<usize>, n: usize, visit: &mut dyn FnMut(&[usize])) {
        if prefix.len() == n {
            visit(prefix);
            return;
        }
        for k in 0..n {
            if !prefix.contains(&k) {
                prefix.push(k);
                permute(prefix, n, visit);
                prefix.pop();
            }
        }
    }
    let mut phi = vec![0.0; n];
    let mut count = 0.0;
    permute(&mut Vec::new(), n, &mut |order| {
        let mut mask = 0;
        for &k in order {
            phi[k] += g(mask | (1 << k)) - g(mask);
            mask |= 1 << k;
        }
        count += 1.0;
    });
    phi.iter().map(|p| p / count).collect()
}

#[test]
fn shapley_subset_formula_equals_brute_force_orderings() {
    let mut rng = SplitMix64(7);
    for n in 1..=6 {
        for _ in 0..20 {
            let table: Vec<f64> = (0..1usize << n).map(|m| if m == 0 { 0.0 } else { rng.unit() }).collect();
            let g = |m: usize| table[m];
            let fast = shapley_values(n, g);
            let slow = shapley_by_orderings(n, &g);
            for (a, b) in fast.iter().zip(&slow) {
                assert!((a - b).abs() < 1e-12, "n={n}: {a} vs {b}");
            }
            let total: f64 = fast.iter().sum();
            assert!((total - table[(1 << n) - 1]).abs() < 1e-12, "efficiency");
        }
    }
}

/// A random deal-level data set: `deals` deals over `partners` partners.
fn random_data(seed: u64, deals: usize, partners: usize) -> (Dataset, Journeys) {
    let mut rng = SplitMix64(seed);
    let mut csv = format!("{DEALS_HEADER}\n");
    for i in 0..deals {
        let stage = ["Closed Won", "Closed Lost", "Closed Lost", "Proposal"][rng.below(4) as usize];
        let amount = format!("{}.{:02}", 1 + rng.below(200_000), rng.below(100));
        let sourcing = if rng.chance(0.3) { format!("P{}", rng.below(partners as u64)) } else { String::new() };
        let k = rng.below(4) as usize;
        let infl: Vec<String> = (0..k).map(|_| format!("P{}", rng.below(partners as u64))).collect();
        csv += &format!("D{i},{amount},{stage},2025-01-01,2025-03-01,{sourcing},{}\n", infl.join(";"));
    }
    load_text(&csv, None)
}

#[test]
fn additive_models_reconcile_to_the_cent_on_generated_data() {
    for seed in 0..60 {
        let (data, journeys) = random_data(seed, 40 + seed as usize * 3, 2 + seed as usize % 9);
        for model in available_models(&journeys) {
            let r = attribute(&data, &journeys, model, &Params::default());
            if model.additive() {
                assert_eq!(r.total_cents(), r.base_cents, "seed {seed} {model:?}");
            } else {
                assert!(r.total_cents() >= r.base_cents, "influenced never undercounts");
            }
        }
    }
}

#[test]
fn listing_order_of_influencers_does_not_matter_where_the_spec_says_so() {
    let deals = |order: &str| {
        format!(
            "{DEALS_HEADER}\nD1,1000.00,Closed Won,2025-01-01,2025-02-01,,{order}\nD2,500.00,Closed Lost,2025-01-01,2025-02-01,,B\nD3,700.00,Closed Won,2025-01-01,2025-02-01,,\n"
        )
    };
    let (d1, j1) = load_text(&deals("A;B;C"), None);
    let (d2, j2) = load_text(&deals("C;A;B"), None);
    for model in [ModelId::Influenced, ModelId::EvenSplit, ModelId::Sourced, ModelId::Shapley, ModelId::Linear] {
        let p = Params::default();
        assert_eq!(credits(&d1, &j1, model, &p), credits(&d2, &j2, model, &p), "{model:?}");
    }
}

#[test]
fn shapley_credits_sum_per_deal_on_generated_data() {
    for seed in 100..130 {
        let (data, journeys) = random_data(seed, 80, 6);
        let game = engine::attribution::ShapleyGame::new(&data, &journeys);
        for i in (0..data.deals.len()).filter(|&i| data.deals[i].won) {
            let mut shares = Vec::new();
            game.deal_shares(&journeys, i, &mut shares);
            let sum: f64 = shares.iter().map(|s| s.1).sum();
            assert!((sum - 1.0).abs() < 1e-9, "seed {seed} deal {i}: {sum}");
        }
    }
}

/// Markov removal effects by an independent method: push probability mass
/// through the observed transition matrix until it has all been absorbed.
fn markov_by_power_iteration(data: &Dataset, journeys: &Journeys) -> HashMap<String, f64> {
    let mut counts: HashMap<(String, String), f64> = HashMap::new();
    let mut out: HashMap<String, f64> = HashMap::new();
    let mut states: Vec<String> = Vec::new();
    for i in (0..data.deals.len()).filter(|&i| data.deals[i].closed) {
        let mut path = vec!["start".to_string()];
        path.extend(journeys.of(i).iter().map(|s| data.name(s.key).to_string()));
        path.push(if data.deals[i].won { "conv" } else { "null" }.to_string());
        for w in path.windows(2) {
            *counts.entry((w[0].clone(), w[1].clone())).or_default() += 1.0;
            *out.entry(w[0].clone()).or_default() += 1.0;
            if !states.contains(&w[1]) && w[1] != "conv" && w[1] != "null" {
                states.push(w[1].clone());
            }
        }
    }
    let conversion = |removed: Option<&str>| -> f64 {
        let mut mass: HashMap<String, f64> = HashMap::from([("start".to_string(), 1.0)]);
        let mut converted = 0.0;
        for _ in 0..5_000 {
            let mut next: HashMap<String, f64> = HashMap::new();
            for (from, m) in &mass {
                for ((a, b), c) in &counts {
                    if a != from {
                        continue;
                    }
                    let flow = m * c / out[a];
                    if b == "conv" {
                        converted += flow;
                    } else if b != "null" && Some(b.as_str()) != removed {
                        *next.entry(b.clone()).or_default() += flow;
                    }
                }
            }
            mass = next;
        }
        converted
    };
    let p = conversion(None);
    let effects: Vec<(String, f64)> = states.iter().map(|s| (s.clone(), (p - conversion(Some(s))) / p)).collect();
    let total: f64 = effects.iter().map(|e| e.1).sum();
    effects.into_iter().filter(|e| e.1 > 0.0).map(|(s, re)| (s, re / total)).collect()
}

#[test]
fn markov_exact_solve_matches_power_iteration() {
    let deals = "deal_id,amount,stage,created_date,close_date\n\
        D1,100,Closed Won,2025-01-01,2025-02-01\nD2,100,Closed Lost,2025-01-01,2025-02-01\n\
        D3,100,Closed Won,2025-01-01,2025-02-01\nD4,100,Closed Lost,2025-01-01,2025-02-01\n\
        D5,100,Closed Won,2025-01-01,2025-02-01\nD6,100,Closed Lost,2025-01-01,2025-02-01\n";
    // Repeated touches give self-loops; D6 has no partner touch (direct).
    let touches = "deal_id,touch_date,actor,actor_type\n\
        D1,2025-01-02,A,partner\nD1,2025-01-03,A,partner\nD1,2025-01-04,B,partner\n\
        D2,2025-01-02,B,partner\nD2,2025-01-03,C,partner\n\
        D3,2025-01-02,C,partner\nD3,2025-01-03,A,partner\n\
        D4,2025-01-02,A,partner\n\
        D5,2025-01-02,B,partner\nD5,2025-01-03,A,partner\nD5,2025-01-04,B,partner\n";
    let (data, journeys) = load_text(deals, Some(touches));
    let exact: HashMap<String, f64> =
        markov_removal_effects(&data, &journeys).into_iter().map(|(k, s)| (data.name(k).to_string(), s)).collect();
    let iterated = markov_by_power_iteration(&data, &journeys);
    assert_eq!(exact.len(), iterated.len());
    for (key, share) in &iterated {
        assert!((exact[key] - share).abs() < 1e-9, "{key}: {} vs {share}", exact[key]);
    }
    let sum: f64 = exact.values().sum();
    assert!((sum - 1.0).abs() < 1e-12);
}

#[test]
fn markov_is_identical_run_to_run_and_reconciles() {
    for seed in 200..215 {
        let (data, journeys) = random_data(seed, 120, 7);
        let a = attribute(&data, &journeys, ModelId::Markov, &Params::default());
        let b = attribute(&data, &journeys, ModelId::Markov, &Params::default());
        assert_eq!(a, b);
        if a.base_cents > 0 && !a.credits.is_empty() {
            assert_eq!(a.total_cents(), a.base_cents, "seed {seed}");
        }
        assert!(a
            .credits
            .iter()
            .all(|c| c.revenue_cents >= 0 && (c.key == DIRECT || data.name(c.key).starts_with('P'))));
    }
}

#[test]
fn shapley_beyond_fifteen_partners_is_approximate_but_efficient_and_deterministic() {
    // One won deal with 17 partners, plus lost and won deals that make some partners matter.
    let everyone: Vec<String> = (0..17).map(|k| format!("P{k:02}")).collect();
    let mut csv = format!("{DEALS_HEADER}\n");
    csv += &row("BIG", true, &everyone.join(";"));
    csv += &row("D1", false, "");
    csv += &row("D2", true, "");
    csv += &row("S1", true, "P00");
    csv += &row("S2", false, "P01");
    let (data, journeys) = load_text(&csv, None);
    let a = attribute(&data, &journeys, ModelId::Shapley, &Params::default());
    let b = attribute(&data, &journeys, ModelId::Shapley, &Params::default());
    assert_eq!(a, b, "seeded sampling: identical run to run");
    assert_eq!(a.total_cents(), a.base_cents, "efficiency holds exactly for sampled orderings");
    let p00 = a.credits.iter().find(|c| data.name(c.key) == "P00").map_or(0, |c| c.revenue_cents);
    let p01 = a.credits.iter().find(|c| data.name(c.key) == "P01").map_or(0, |c| c.revenue_cents);
    assert!(p00 > p01, "the partner that raised the win rate gets more: {p00} vs {p01}");
}
