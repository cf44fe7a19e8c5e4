//! Bounded work (issue 16): a deal listing thousands of partners, or
//! hundreds of deals with hundreds of partners each, still gives every
//! model — reconciled to the cent — and every value figure. The work is
//! bounded by design (state limit, ordering budget, linear dedupes); the
//! benchmark `partner-attribution export` on such files is in the README.

use engine::attribution::{ModelId, Params};
use engine::ingest::{load, InputFile};
use engine::journey::Dimension;
use engine::value::leaderboard::Leaderboard;
use engine::value::model::{Definition, ValueModel};
use engine::value::overlay::{compare, groups, mix_adjusted, Split};
use engine::view::DimensionView;

/// One deal with `wide` partners, then `deals` deals with `per_deal` random partners each.
fn file(wide: usize, deals: usize, per_deal: usize, partners: usize) -> InputFile {
    let mut out = String::from("deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners\n");
    let names: Vec<String> = (0..wide).map(|i| format!("P{i}")).collect();
    out.push_str(&format!("BIG,5000,Closed Won,2025-01-02,2025-02-01,P0,{}\n", names[1..].join(";")));
    let mut state = 7u64;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n.max(1)
    };
    for d in 0..deals {
        let stage = if next(10) < 4 { "Closed Won" } else { "Closed Lost" };
        let list: Vec<String> = (0..per_deal).map(|_| format!("P{}", next(partners))).collect();
        out.push_str(&format!(
            "D{d},{},{stage},2025-01-0{},2025-03-1{},P{},{}\n",
            100 + next(9000),
            1 + d % 9,
            d % 9,
            next(partners),
            list.join(";")
        ));
    }
    InputFile { name: "wide.csv".into(), bytes: out.into_bytes() }
}

fn every_figure_reconciles(input: InputFile) {
    let data = load(&[input]).expect("loads");
    let view = DimensionView::build(&data, Dimension::Partner, None);
    let params = Params::default();
    for model in view.models(true) {
        let credits = view.attribute(&data, &params, model);
        if model != ModelId::Influenced {
            assert_eq!(credits.total_cents(), credits.base_cents, "{model:?} reconciles to the cent");
        }
    }
    let journeys = &view.journeys;
    let value = ValueModel::compute(&data, journeys, Definition::AnyPartner);
    assert!(value.partner.deals > 0);
    let board = Leaderboard::compute(&data, journeys);
    assert!(!board.rows.is_empty());
    for g in groups(&data, journeys, Definition::AnyPartner, Split::Partner) {
        let _ = compare(&g);
    }
    let _ = mix_adjusted(&data, journeys, Definition::AnyPartner);
}

#[test]
fn one_deal_with_two_thousand_partners() {
    every_figure_reconciles(file(2_000, 300, 2, 2_000));
}

#[test]
fn four_hundred_deals_with_forty_partners_each() {
    // Coalitions above the exact Shapley limit on every deal: the shared ordering budget keeps it bounded.
    every_figure_reconciles(file(20, 400, 40, 600));
}
