//! Inputs built to break the engine (issue 25), each family generated here
//! at the size that once hung, aborted or misled: money at the edges of
//! what can be counted, work that grew faster than the file. Each must give
//! results or a message, never a hang or a wrong total. (The command line
//! runs the same files under time and memory limits: `crates/cli/tests`.)

use engine::attribution::{CentSums, ModelId, Params, Ratio};
use engine::ingest::{load, InputFile};
use engine::journey::Dimension;
use engine::view::DimensionView;

fn csv(name: &str, text: String) -> InputFile {
    InputFile { name: name.into(), bytes: text.into_bytes() }
}

/// `n` won deals at `amount`, split between two partners and direct.
fn deals_at(amount: &str, n: usize) -> InputFile {
    let mut out = String::from("deal_id,amount,stage,created_date,close_date,sourcing_partner\n");
    for i in 0..n {
        let partner = ["Acme", "Beta", ""][i % 3];
        out.push_str(&format!("D{i},{amount},Closed Won,2025-01-02,2025-02-01,{partner}\n"));
    }
    csv("money.csv", out)
}

#[test]
fn the_largest_readable_amounts_reconcile_to_the_cent() {
    // Nine deals of 9,999,999,999,999.99 stay under 2^53 cents: every
    // additive model adds up to the base exactly, no key goes negative.
    let data = load(&[deals_at("9999999999999.99", 9)]).expect("loads");
    let view = DimensionView::build(&data, Dimension::Partner, None);
    for model in view.models(true) {
        let credits = view.attribute(&data, &Params::default(), model);
        if model != ModelId::Influenced {
            assert_eq!(credits.total_cents(), credits.base_cents, "{model:?}");
        }
        assert!(credits.credits.iter().all(|c| c.revenue_cents >= 0), "{model:?}: no negative credit");
    }
}

#[test]
fn amounts_past_what_can_be_counted_are_a_message_not_a_hang() {
    // Ten such deals pass 2^53 cents: the file is refused, naming the largest amount.
    let err = load(&[deals_at("9999999999999.99", 10)]).unwrap_err().to_string();
    assert!(err.contains("add up to more than 90,071,992,547,409.92"), "{err}");
    assert!(err.contains("row 2"), "{err}");
    // One cell past the per-deal limit reads like any unreadable amount (spec §2).
    let data = load(&[deals_at("99999999999999999", 3)]).expect("loads");
    assert!(data.deals.iter().all(|d| d.amount_cents == 0));
    assert_eq!(data.quality.unreadable_amounts.len(), 3);
}

#[test]
fn largest_remainder_is_linear_whatever_the_totals() {
    // A total far from the floors (float noise on huge inputs) used to be
    // handed out one cent per loop turn: 10^18 turns.
    let sums = |values: [(u64, u64); 3]| {
        let mut sums = CentSums::default();
        for (key, (num, den)) in values.into_iter().enumerate() {
            sums.add(key as u32, 1, Ratio::new(num, den));
        }
        sums
    };
    let halves = sums([(3, 2), (5, 2), (3, 1)]);
    let out = halves.round(&[0, 1, 2], Some(1_000_000_000_000_000_007));
    assert_eq!(out.iter().map(|&c| i128::from(c)).sum::<i128>(), 1_000_000_000_000_000_007);
    let out = halves.round(&[0, 1, 2], Some(-1_000_000_000_000));
    assert_eq!(out.iter().map(|&c| i128::from(c)).sum::<i128>(), -1_000_000_000_000);
    // The usual case is unchanged: the missing cent to the larger remainder, ties to the smaller key.
    assert_eq!(halves.round(&[0, 1, 2], Some(8)), vec![2, 3, 3]);
    assert_eq!(halves.round(&[0, 1, 2], Some(6)), vec![1, 2, 3]);
    // Keys are taken in the order given: the tie goes to the first.
    assert_eq!(halves.round(&[0, 1, 2], Some(7)), vec![2, 2, 3]);
    assert_eq!(halves.round(&[1, 0, 2], Some(7)), vec![3, 1, 3]);
}
