//! Hand-computed cases for every rule-based model (spec §4).

use crate::common;
use common::*;
use engine::attribution::{available_models, ModelId, Params};

/// One won deal of 1,000.00 with four dated partner touches:
/// A (before creation), B, A, C; creation touch = A (index 0).
fn four_touch_deal() -> (engine::dataset::Dataset, engine::journey::Journeys) {
    let deals = "deal_id,amount,stage,created_date,close_date\nD1,1000.00,Closed Won,2025-01-10,2025-03-01\n";
    let touches = "deal_id,touch_date,actor,actor_type,touch_type\n\
        D1,2025-01-05,A,partner,intro\n\
        D1,2025-02-01,B,partner,co-sell\n\
        D1,2025-02-10,Rep,sales,meeting\n\
        D1,2025-02-15,A,partner,co-sell\n\
        D1,2025-02-20,C,partner,integration\n\
        D1,2025-03-05,Late,partner,co-sell\n";
    load_text(deals, Some(touches))
}

macro_rules! model_cases {
    ($($name:ident: $model:expr => [$(($key:expr, $cents:expr)),* $(,)?];)*) => {$(
        #[test]
        fn $name() {
            let (data, journeys) = four_touch_deal();
            let got = credits(&data, &journeys, $model, &Params::default());
            assert_eq!(got, expect(&[$(($key, $cents)),*]));
        }
    )*};
}

model_cases! {
    sourced_falls_back_to_creation_touch: ModelId::Sourced => [("A", 100_000)];
    influenced_gives_everyone_everything: ModelId::Influenced => [("A", 100_000), ("B", 100_000), ("C", 100_000)];
    even_split_ties_go_to_smaller_key: ModelId::EvenSplit => [("A", 33_334), ("B", 33_333), ("C", 33_333)];
    first_touch_is_a: ModelId::FirstTouch => [("A", 100_000)];
    last_touch_ignores_touches_after_close: ModelId::LastTouch => [("C", 100_000)];
    pipeline_touch_is_creation_touch: ModelId::PipelineTouch => [("A", 100_000)];
    linear_counts_touches: ModelId::Linear => [("A", 50_000), ("B", 25_000), ("C", 25_000)];
    position_based_40_20_40: ModelId::PositionBased => [("A", 50_000), ("B", 10_000), ("C", 40_000)];
    w_shaped_coinciding_first_and_creation: ModelId::WShaped => [("A", 65_000), ("B", 5_000), ("C", 30_000)];
}

#[test]
fn time_decay_halves_weight_every_half_life() {
    let (data, journeys) = four_touch_deal();
    for half_life in [7.0, 30.0, 90.0] {
        let got =
            credits(&data, &journeys, ModelId::TimeDecay, &Params { half_life_days: half_life, ..Params::default() });
        // Days to close: A 55 and 14, B 28, C 9.
        let w = |days: f64| 2f64.powf(-days / half_life);
        let total = w(55.0) + w(28.0) + w(14.0) + w(9.0);
        let exact = [("A", (w(55.0) + w(14.0)) / total), ("B", w(28.0) / total), ("C", w(9.0) / total)];
        let sum: i64 = got.iter().map(|g| g.1).sum();
        assert_eq!(sum, 100_000, "reconciles at half-life {half_life}");
        for ((key, cents), (want_key, share)) in got.iter().zip(exact) {
            assert_eq!(key, want_key);
            assert!(
                (*cents as f64 - share * 100_000.0).abs() <= 1.0,
                "{key} at {half_life}: {cents} vs {}",
                share * 100_000.0
            );
        }
    }
}

#[test]
fn one_touch_and_two_touch_journeys() {
    let deals = "deal_id,amount,stage,created_date,close_date\n\
        D1,300.00,Closed Won,2025-01-10,2025-02-01\n\
        D2,600.00,Closed Won,2025-01-10,2025-02-01\n";
    let touches = "deal_id,touch_date,actor,actor_type\n\
        D1,2025-01-12,A,partner\n\
        D2,2025-01-05,A,partner\n\
        D2,2025-01-20,B,partner\n";
    let (data, journeys) = load_text(deals, Some(touches));
    let p = Params::default();
    // D1: [A] → A takes all. D2: [A, B], creation = A.
    assert_eq!(credits(&data, &journeys, ModelId::PositionBased, &p), expect(&[("A", 60_000), ("B", 30_000)]));
    // W-shaped on D2: roles 0, 0, 1 and no other touch → each role 1/3: A 2/3, B 1/3.
    assert_eq!(credits(&data, &journeys, ModelId::WShaped, &p), expect(&[("A", 70_000), ("B", 20_000)]));
    // D1's only touch is after creation: no creation touch → pipeline goes direct.
    assert_eq!(credits(&data, &journeys, ModelId::PipelineTouch, &p), expect(&[("(direct)", 30_000), ("A", 60_000)]));
    assert_eq!(credits(&data, &journeys, ModelId::Linear, &p), expect(&[("A", 60_000), ("B", 30_000)]));
}

#[test]
fn direct_open_and_lost_deals() {
    let deals = format!(
        "{DEALS_HEADER}\n\
        D1,100.00,Closed Won,2025-01-01,2025-02-01,,\n\
        D2,200.00,Closed Lost,2025-01-01,2025-02-01,P,\n\
        D3,400.00,Negotiation,2025-01-01,2025-09-01,P,\n\
        D4,800.00,Closed Won,2025-01-01,2025-02-01,P,\n"
    );
    let (data, journeys) = load_text(&deals, None);
    for model in available_models(&journeys) {
        let got = credits(&data, &journeys, model, &Params::default());
        let total: i64 = got.iter().map(|g| g.1).sum();
        if model != ModelId::Shapley && model != ModelId::Markov {
            assert_eq!(got, expect(&[("(direct)", 10_000), ("P", 80_000)]), "{model:?}");
        }
        assert_eq!(total, 90_000, "{model:?} reconciles to won revenue; open and lost deals earn nothing");
    }
}

#[test]
fn undated_deal_level_journeys() {
    // Sourcing partner first, then influencers in listed order, no repeats.
    let deals = format!(
        "{DEALS_HEADER}\n\
        D1,900.00,Closed Won,2025-01-01,2025-02-01,S,X; S | Y\n\
        D2,300.00,Closed Won,2025-01-01,2025-02-01,,Y;X\n"
    );
    let (data, journeys) = load_text(&deals, None);
    let p = Params::default();
    assert!(!available_models(&journeys).contains(&ModelId::TimeDecay), "no dates, no time decay");
    assert_eq!(credits(&data, &journeys, ModelId::FirstTouch, &p), expect(&[("S", 90_000), ("Y", 30_000)]));
    assert_eq!(credits(&data, &journeys, ModelId::LastTouch, &p), expect(&[("X", 30_000), ("Y", 90_000)]));
    assert_eq!(credits(&data, &journeys, ModelId::Sourced, &p), expect(&[("(direct)", 30_000), ("S", 90_000)]));
    assert_eq!(credits(&data, &journeys, ModelId::Linear, &p), expect(&[("S", 30_000), ("X", 45_000), ("Y", 45_000)]));
    // W-shaped D1: first = creation = S (60%), last Y (30%), X gets the 10%: S 540, X 90, Y 270.
    // D2 has no creation touch (→ index 0) and no other touch: Y 2/3 = 200, X 1/3 = 100.
    assert_eq!(credits(&data, &journeys, ModelId::WShaped, &p), expect(&[("S", 54_000), ("X", 19_000), ("Y", 47_000)]));
}
