//! Spec §7 metrics against hand-computed values.

use crate::common;
use common::*;
use engine::value::model::{Definition, ValueModel};

const DEALS: &str = "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners
P1,1000.00,Closed Won,2025-01-01,2025-01-11,A,
P2,3000.00,Closed Won,2025-01-01,2025-01-31,,B
P3,500.00,Closed Lost,2025-01-01,2025-02-01,,A
P4,700.00,Proposal,2025-01-01,2025-06-01,,B
D1,1000.00,Closed Won,2025-01-01,2025-02-10,,
D2,400.00,Closed Lost,2025-01-01,2025-02-01,,
D3,600.00,Closed Lost,2025-01-01,2025-02-01,,
";

#[test]
fn partner_and_direct_segments() {
    let (data, journeys) = load_text(DEALS, None);
    let v = ValueModel::compute(&data, &journeys, Definition::AnyPartner);
    let p = &v.partner;
    assert_eq!((p.deals, p.closed_deals, p.won_deals), (4, 3, 2));
    assert_eq!(p.win_rate(), Some(2.0 / 3.0));
    assert_eq!(p.avg_won_amount(), Some(2000.0));
    assert_eq!(p.median_cycle_days(), Some(20.0)); // 10 and 30 days
    assert_eq!(p.mean_cycle_days(), Some(20.0));
    assert_eq!(p.won_revenue_cents, 400_000);
    // velocity = deals × win rate × avg / mean cycle = 4 × 2/3 × 2000 / 20
    assert!((p.velocity_per_day().unwrap() - 4.0 * 2.0 / 3.0 * 2000.0 / 20.0).abs() < 1e-9);
    let d = &v.direct;
    assert_eq!((d.deals, d.closed_deals, d.won_deals), (3, 3, 1));
    assert_eq!(d.median_cycle_days(), Some(40.0));
    // Incremental = closed_p × (wr_p × avg_p − wr_d × avg_d) = 3 × (2/3 × 2000 − 1/3 × 1000) = 3000.
    let inc = v.incremental().unwrap();
    assert!((inc.total - 3000.0).abs() < 1e-9);
    assert!((inc.win_rate_effect - 3.0 * (2.0 / 3.0 - 1.0 / 3.0) * 1000.0).abs() < 1e-9);
    assert!((inc.deal_size_effect - 3.0 * (2.0 / 3.0) * 1000.0).abs() < 1e-9);
    assert!((inc.win_rate_effect + inc.deal_size_effect - inc.total).abs() < 1e-9, "the effects add up");
}

#[test]
fn alternative_definitions() {
    let (data, journeys) = load_text(DEALS, None);
    let sourced = ValueModel::compute(&data, &journeys, Definition::Sourced);
    assert_eq!(sourced.partner.deals, 1);
    let influenced = ValueModel::compute(&data, &journeys, Definition::InfluencedOnly);
    assert_eq!(influenced.partner.deals, 3);
    assert_eq!(influenced.partner.deals + influenced.direct.deals, 7);
}

#[test]
fn median_of_even_count_and_lift() {
    let (data, journeys) = load_text(DEALS, None);
    let v = ValueModel::compute(&data, &journeys, Definition::AnyPartner);
    assert_eq!(ValueModel::lift(v.partner.win_rate(), v.direct.win_rate()), Some(1.0));
    assert_eq!(ValueModel::lift(Some(1.0), Some(0.0)), None);
}
