//! The value model beyond §7: intervals against published values, the
//! overlay's splits and mix adjustment, the leaderboard, the scenario
//! planner's projection and KPI guidance — each against hand-computed values.

use crate::common;
use common::*;
use engine::value::kpi::{CompanySize, Kpi};
use engine::value::leaderboard::{partners_needed, Leaderboard};
use engine::value::model::{Definition, ValueModel};
use engine::value::overlay::{compare, groups, mix_adjusted, Metric, Split};
use engine::value::scenario::{project, ScenarioInputs};
use engine::value::stats::{bootstrap, bootstrap_difference, median, rate_difference, wilson, Statistic};

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

macro_rules! wilson_cases {
    ($($name:ident: $s:expr, $n:expr => $low:expr, $high:expr;)*) => {$(
        #[test]
        fn $name() {
            let i = wilson($s, $n).unwrap();
            assert!(close(i.low, $low, 5e-5) && close(i.high, $high, 5e-5), "{i:?}");
        }
    )*};
}

// Published Wilson score intervals (Newcombe 1998, table I; z = 1.96).
wilson_cases! {
    wilson_81_of_263: 81, 263 => 0.2553, 0.3662;
    wilson_15_of_148: 15, 148 => 0.0624, 0.1605;
    wilson_0_of_20: 0, 20 => 0.0, 0.1611;
    wilson_1_of_29: 1, 29 => 0.0061, 0.1718;
}

#[test]
fn wilson_needs_trials() {
    assert_eq!(wilson(0, 0), None);
}

#[test]
fn newcombe_difference_matches_the_published_example() {
    // Newcombe (1998), method 10: 56/70 − 48/80 = 0.2000, 95% CI 0.0524 to 0.3339.
    let i = rate_difference(56, 70, 48, 80).unwrap();
    assert!(close(i.low, 0.0524, 5e-4) && close(i.high, 0.3339, 5e-4), "{i:?}");
    assert!(!i.includes_zero());
}

#[test]
fn median_of_odd_and_even_counts() {
    assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[]), None);
}

#[test]
fn bootstrap_is_seeded_and_degenerate_samples_give_a_point() {
    let values: Vec<f64> = (0..200).map(|i| f64::from(i % 37) * 10.0).collect();
    let a = bootstrap(&values, Statistic::Mean, 7).unwrap();
    assert_eq!(Some(a), bootstrap(&values, Statistic::Mean, 7), "same seed, same interval");
    let constant = bootstrap(&[42.0; 50], Statistic::Median, 7).unwrap();
    assert_eq!((constant.low, constant.high), (42.0, 42.0));
}

#[test]
fn bootstrap_mean_agrees_with_the_normal_interval() {
    // 2,000 values uniform on 0..1000: sd ≈ 288.7, so the interval is mean ± 1.96 × 288.7 / √2000 ≈ ± 12.65.
    let values: Vec<f64> = (0..2000).map(|i| f64::from((i * 7919) % 2000) / 2.0).collect();
    let i = bootstrap(&values, Statistic::Mean, 1).unwrap();
    let m = values.iter().sum::<f64>() / 2000.0;
    assert!(close(m - i.low, 12.65, 1.5) && close(i.high - m, 12.65, 1.5), "{i:?} around {m}");
}

#[test]
fn bootstrap_difference_separates_shifted_samples() {
    let a: Vec<f64> = (0..300).map(|i| 100.0 + f64::from(i % 10)).collect();
    let b: Vec<f64> = (0..300).map(|i| 50.0 + f64::from(i % 10)).collect();
    let i = bootstrap_difference(&a, &b, Statistic::Median, 3).unwrap();
    assert!(i.low > 45.0 && i.high < 55.0, "{i:?}");
    let same = bootstrap_difference(&a, &a, Statistic::Mean, 3).unwrap();
    assert!(same.includes_zero(), "{same:?}");
}

#[test]
fn large_samples_use_the_closed_form() {
    // 10,000 values: mean ± 1.96 s / √n, computed by hand.
    let values: Vec<f64> = (0..10_000).map(|i| f64::from(i % 100)).collect();
    let i = bootstrap(&values, Statistic::Mean, 1).unwrap();
    let (m, n) = (49.5, 10_000.0);
    let var = values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1.0);
    let half = 1.959_963_984_540_054 * (var / n).sqrt();
    assert!(close(i.low, m - half, 1e-9) && close(i.high, m + half, 1e-9), "{i:?}");
}

/// Partners work only on enterprise deals, which are bigger; within each
/// segment partner and direct deals have the same size and win rate.
const MIXED: &str =
    "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners,segment,deal_type
E1,10000.00,Closed Won,2025-01-01,2025-03-02,Acme,,Enterprise,New Business
E2,10000.00,Closed Lost,2025-01-01,2025-03-02,Acme,,Enterprise,New Business
E3,10000.00,Closed Won,2025-01-01,2025-03-02,,Globex,Enterprise,Renewal
E4,10000.00,Closed Won,2025-01-01,2025-03-02,,,Enterprise,New Business
E5,10000.00,Closed Lost,2025-01-01,2025-03-02,,,Enterprise,Renewal
E6,10000.00,Closed Won,2025-01-01,2025-03-02,,,Enterprise,New Business
S1,1000.00,Closed Won,2025-01-01,2025-01-31,,,SMB,New Business
S2,1000.00,Closed Lost,2025-01-01,2025-01-31,,,SMB,New Business
S3,1000.00,Closed Won,2025-01-01,2025-01-31,,,SMB,New Business
S4,1000.00,Closed Lost,2025-01-01,2025-01-31,,,SMB,New Business
";

#[test]
fn splits_by_segment_compare_within_each_segment() {
    let (data, journeys) = load_text(MIXED, None);
    let g = groups(&data, &journeys, Definition::AnyPartner, Split::Segment);
    assert_eq!(g.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), vec!["Enterprise", "SMB"]);
    let ent = &g[0];
    assert_eq!((ent.partner.closed_deals, ent.partner.won_deals), (3, 2));
    assert_eq!((ent.direct.closed_deals, ent.direct.won_deals), (3, 2));
    assert_eq!((g[1].partner.deals, g[1].direct.deals), (0, 4));
    assert!(ent.too_few(), "fewer than 10 won deals per side");
}

#[test]
fn splits_by_partner_compare_each_partner_with_all_direct_deals() {
    let (data, journeys) = load_text(MIXED, None);
    let g = groups(&data, &journeys, Definition::AnyPartner, Split::Partner);
    assert_eq!(g.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), vec!["Acme", "Globex"], "tie: alphabetical");
    assert_eq!((g[0].partner.closed_deals, g[0].partner.won_deals), (2, 1));
    assert_eq!(g[1].direct.deals, 7, "every direct deal");
    let sourced = groups(&data, &journeys, Definition::Sourced, Split::Partner);
    assert_eq!(sourced.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), vec!["Acme"]);
}

#[test]
fn raw_lift_credits_the_mix_and_the_adjusted_lift_does_not() {
    let (data, journeys) = load_text(MIXED, None);
    let raw = ValueModel::compute(&data, &journeys, Definition::AnyPartner);
    // Raw: partner avg 10,000 vs direct (10,000 + 10,000 + 1,000 + 1,000) / 4 = 5,500.
    let raw_lift = ValueModel::lift(raw.partner.avg_won_amount(), raw.direct.avg_won_amount()).unwrap();
    assert!(close(raw_lift, 10_000.0 / 5_500.0 - 1.0, 1e-12));
    let adjusted = mix_adjusted(&data, &journeys, Definition::AnyPartner);
    let size = adjusted.avg_won_amount.unwrap();
    assert_eq!((size.partner, size.direct), (10_000.0, 10_000.0), "only Enterprise has both sides");
    assert_eq!(size.lift(), Some(0.0));
    let wr = adjusted.win_rate.unwrap();
    assert!(close(wr.partner, 2.0 / 3.0, 1e-12) && close(wr.direct, 2.0 / 3.0, 1e-12), "{wr:?}");
    // Raw win rates differ (2/3 vs 4/7): the segment mix again.
    assert!(close(raw.partner.win_rate().unwrap(), 2.0 / 3.0, 1e-12));
    assert!(close(raw.direct.win_rate().unwrap(), 4.0 / 7.0, 1e-12));
    assert!(adjusted.by_segment);
    assert!(close(adjusted.coverage, 3.0 / 7.0, 1e-12), "direct SMB deals have no partner counterpart");
}

#[test]
fn compare_gives_intervals_and_flags_uncertain_lifts() {
    let (data, journeys) = load_text(MIXED, None);
    let g = &groups(&data, &journeys, Definition::AnyPartner, Split::Overall)[0];
    let rows = compare(g);
    let win = rows.iter().find(|r| r.metric == Metric::WinRate).unwrap();
    assert_eq!(win.partner_interval, wilson(2, 3));
    assert_eq!(win.direct_interval, wilson(4, 7));
    assert!(win.uncertain(), "3 vs 7 closed deals cannot tell the rates apart");
    let deals = rows.iter().find(|r| r.metric == Metric::Deals).unwrap();
    assert_eq!((deals.partner, deals.direct, deals.difference_interval), (Some(3.0), Some(7.0), None));
    assert_eq!(rows, compare(g), "seeded: the same data gives the same intervals");
}

#[test]
fn leaderboard_rows_hold_sourced_and_influenced_revenue() {
    let (data, journeys) = load_text(MIXED, None);
    let board = Leaderboard::compute(&data, &journeys);
    let names: Vec<&str> = board.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["Acme", "Globex"], "ties on won revenue go alphabetically");
    let acme = &board.rows[0];
    assert_eq!((acme.sourced_cents, acme.influenced_cents, acme.sourced_deals), (1_000_000, 0, 2));
    assert_eq!(acme.stats.win_rate(), Some(0.5));
    // Direct win rate 4/7: lift = 0.5 / (4/7) − 1.
    assert!(close(acme.win_rate_lift.unwrap(), 0.5 / (4.0 / 7.0) - 1.0, 1e-12));
    let globex = &board.rows[1];
    assert_eq!((globex.sourced_cents, globex.influenced_cents), (0, 1_000_000));
    assert_eq!(board.quarters.last().map(String::as_str), Some("2025-Q1"));
    assert_eq!(acme.trend.last(), Some(&1_000_000), "won in 2025-Q1");
    assert_eq!(acme.trend.iter().sum::<i64>(), acme.stats.won_revenue_cents);
    assert_eq!(partners_needed(1_000_000.0, 300_000.0), Some(4));
    assert_eq!(partners_needed(1_000_000.0, 0.0), None);
}

#[test]
fn attached_definition_uses_the_overlap_pairs() {
    let (mut data, journeys) = load_text(MIXED, None);
    data.attached = vec![(6, data.strings.get("Acme").unwrap())]; // S1
    let v = ValueModel::compute(&data, &journeys, Definition::Attached);
    assert_eq!((v.partner.deals, v.partner.won_deals), (1, 1));
    assert!(Definition::available(&data).contains(&Definition::Attached));
}

#[test]
fn scenario_steady_state_by_hand() {
    // 100 opportunities a month, half partner-involved, no ramp, no lag.
    let inputs = ScenarioInputs {
        yearly_opportunities: 1200.0,
        current_rate: 0.5,
        target_rate: 0.5,
        partner_win_rate: 0.5,
        direct_win_rate: 0.25,
        partner_deal_size: 1000.0,
        direct_deal_size: 1000.0,
        cycle_days: 0.0,
        active_partners: 10.0,
        program_cost: 120_000.0,
        commission: 0.0,
        years: 1,
    };
    let p = project(&inputs);
    let y = &p.years[0];
    // Partner bookings 100 × 0.5 × 0.5 × 1000 = 25,000 a month; incremental 100 × 0.5 × (500 − 250) = 12,500.
    assert!(close(y.partner_bookings, 300_000.0, 1e-6));
    assert!(close(y.bookings, 300_000.0 + 12.0 * 100.0 * 0.5 * 250.0, 1e-6));
    assert!(close(y.incremental, 150_000.0, 1e-6));
    assert!(close(y.gain_over_today, 0.0, 1e-6));
    assert!(close(y.cost, 120_000.0, 1e-6));
    assert!(close(y.roi.unwrap(), 0.25, 1e-12));
    assert_eq!(p.payback_month, Some(1), "12,500 in against 10,000 out from the first month");
    assert!(close(p.bookings_per_partner.unwrap(), 30_000.0, 1e-6));
}

#[test]
fn scenario_ramp_lag_and_commission() {
    let inputs = ScenarioInputs {
        yearly_opportunities: 1200.0,
        current_rate: 0.0,
        target_rate: 0.6,
        partner_win_rate: 0.5,
        direct_win_rate: 0.25,
        partner_deal_size: 1000.0,
        direct_deal_size: 1000.0,
        cycle_days: 61.0, // two months
        active_partners: 0.0,
        program_cost: 0.0,
        commission: 0.1,
        years: 2,
    };
    let p = project(&inputs);
    assert_eq!(p.cumulative_net[..2], [0.0, 0.0], "nothing lands before the cycle");
    // Month 3 books month 1's opportunities at rate 0.6 × 1/12 = 0.05:
    // incremental 100 × 0.05 × 250 = 1,250, commission 10% of 100 × 0.05 × 500 = 250.
    assert!(close(p.cumulative_net[2], 1_000.0, 1e-9));
    assert_eq!(p.payback_month, Some(3));
    assert!(close(p.years[1].rate, 0.6, 1e-12));
    assert!(p.years[1].gain_over_today > p.years[0].gain_over_today);
    assert_eq!(p.bookings_per_partner, None, "no active partners given");
    // Out-of-range inputs are clamped, never propagated.
    let wild = project(&ScenarioInputs { target_rate: 7.0, years: 9, yearly_opportunities: f64::NAN, ..inputs });
    assert_eq!(wild.years.len(), 3);
    assert!(wild.years.iter().all(|y| y.bookings == 0.0 && y.rate <= 1.0));
}

#[test]
fn kpi_guidance_follows_company_size() {
    assert_eq!(CompanySize::Under50.maturity(), "Explorer");
    assert_eq!(CompanySize::Under50.kpis(), &[Kpi::Leads, Kpi::NewPartnerships]);
    assert_eq!(CompanySize::From50To99.kpis()[0], Kpi::SourcedRevenue);
    assert_eq!(CompanySize::Over1000.maturity(), "Supernode");
    assert_eq!(CompanySize::from_id("100-999"), Some(CompanySize::From100To999));
}

#[test]
fn scenario_settings_round_trip_and_reject_garbage() {
    let inputs = ScenarioInputs { target_rate: 0.42, program_cost: 1.5e6, years: 2, ..ScenarioInputs::default() };
    assert_eq!(ScenarioInputs::decode(&inputs.encode()), Some(inputs.clone()));
    assert_eq!(ScenarioInputs::decode("tgt=0.5").map(|i| i.target_rate), Some(0.5), "missing keys keep defaults");
    assert_eq!(ScenarioInputs::decode("tgt=abc"), None);
    assert_eq!(ScenarioInputs::decode("tgt=inf"), None);
    assert_eq!(ScenarioInputs::decode("tgt"), None);
    assert_eq!(ScenarioInputs::decode("tgt=9").map(|i| i.target_rate), Some(1.0), "clamped");
}

#[test]
fn a_roster_file_is_recognised_and_joins_the_leaderboard() {
    use engine::date::Day;
    use engine::ingest::roles::FileKind;
    use engine::ingest::{load, parse_files, InputFile};
    use engine::journey::Journeys;
    let read = |name: &str| InputFile {
        name: name.into(),
        bytes: std::fs::read(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap(),
    };
    let files = vec![read("deals.csv"), read("partner_roster.csv")];
    let kinds: Vec<FileKind> = parse_files(&files).unwrap().iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![FileKind::Deals, FileKind::Roster]);
    let data = load(&files).unwrap();
    assert_eq!(data.roster.len(), 15);
    let journeys = Journeys::build(&data);
    let board = Leaderboard::compute(&data, &journeys);
    let row = |name: &str| board.rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name}"));
    // "northwind consulting" in the roster is the deal file's "Northwind Consulting".
    assert_eq!(row("Northwind Consulting").tier.as_deref(), Some("Platinum"));
    assert!(board.rows.iter().all(|r| r.name != "northwind consulting"));
    // On the roster without a deal: a row with nothing won.
    let horizon = row("Horizon Partners");
    assert_eq!((horizon.stats.deals, horizon.first_win, horizon.days_to_first_win()), (0, None, None));
    // Days to first win, checked against the deals file directly.
    let acme = data.strings.get("Acme Integrations").unwrap();
    let first_win = data
        .deals
        .iter()
        .enumerate()
        .filter(|(i, d)| d.won && (d.sourcing == Some(acme) || journeys.partner_set(*i).contains(&acme)))
        .filter_map(|(_, d)| d.close)
        .min()
        .unwrap();
    let start = Day::from_ymd(2023, 3, 1).unwrap();
    assert_eq!(row("Acme Integrations").days_to_first_win(), Some(first_win.0 - start.0));
    assert_eq!(row("Acme Integrations").tenure_days(board.today.unwrap()), Some(board.today.unwrap().0 - start.0));
    let gold = board.programs.iter().find(|p| p.program == "Gold").unwrap();
    assert_eq!(gold.partners, 4);
    let gold_revenue: i64 =
        board.rows.iter().filter(|r| r.tier.as_deref() == Some("Gold")).map(|r| r.stats.won_revenue_cents).sum();
    assert_eq!(gold.won_cents, gold_revenue);
    assert_eq!(board.programs.iter().map(|p| p.partners).sum::<usize>(), 15);
}

#[test]
fn renewal_and_expansion_motions_and_touch_timing() {
    use engine::value::motions::{motions, touch_timing, Motion};
    assert_eq!(Motion::of("Renewal"), Some(Motion::Renewal));
    assert_eq!(Motion::of("Upsell / Cross-sell"), Some(Motion::Expansion));
    assert_eq!(Motion::of("New Business"), None);
    let (data, journeys) = load_text(MIXED, None);
    let m = motions(&data, &journeys, Definition::AnyPartner);
    assert_eq!(m.len(), 1, "renewals only");
    assert_eq!((m[0].partner.closed_deals, m[0].partner.won_deals), (1, 1)); // E3
    assert_eq!((m[0].direct.closed_deals, m[0].direct.won_deals), (1, 0)); // E5
    assert_eq!(touch_timing(&data, &journeys), None, "deal-level data has no touch dates");
    let touches = "deal_id,touch_date,actor,actor_type,touch_type
E1,2025-01-11,Acme,partner,intro
E3,2024-12-22,Globex,partner,referral
E3,2025-02-01,Globex,partner,co-sell
";
    let (data, journeys) = load_text(MIXED, Some(touches));
    let t = touch_timing(&data, &journeys).unwrap();
    // E1: +10 days after creation, closes 50 days later; E3: −10 days, closes 70 days later.
    assert_eq!(t.deals, 2);
    assert_eq!((t.created_to_first_touch, t.first_touch_to_close), (0.0, 60.0));
}

#[test]
fn acv_divides_won_amounts_by_their_term_in_years() {
    // Hand-computed: P1 24,000 over 24 months → 12,000; P2 6,000 over
    // 6 months → 12,000; D1 36,000 over 36 months → 12,000; D2 has no term
    // (left out of ACV, kept in the average won deal); D3 is lost.
    let with_terms = "\
deal_id,amount,stage,created_date,close_date,sourcing_partner,Term (months)
P1,24000,Closed Won,2025-01-01,2025-02-01,Acme,24
P2,6000,Closed Won,2025-01-01,2025-02-01,Acme,6 months
D1,36000,Closed Won,2025-01-01,2025-02-01,,36
D2,1000,Closed Won,2025-01-01,2025-02-01,,
D3,5000,Closed Lost,2025-01-01,2025-02-01,,12
";
    let (data, journeys) = load_text(with_terms, None);
    let v = ValueModel::compute(&data, &journeys, Definition::AnyPartner);
    assert_eq!(v.partner.avg_acv(), Some(12_000.0));
    assert_eq!(v.partner.avg_won_amount(), Some(15_000.0));
    assert_eq!(v.direct.won_acv, vec![12_000.0], "D2 without a term is left out, D3 is lost");
    let rows = compare(&groups(&data, &journeys, Definition::AnyPartner, Split::Overall)[0]);
    let acv = rows.iter().find(|r| r.metric == Metric::Acv).expect("an ACV row when terms exist");
    assert_eq!((acv.partner, acv.direct), (Some(12_000.0), Some(12_000.0)));

    // Start and end dates: a year to the day before the anniversary is 12 months.
    let with_dates = "\
deal_id,amount,stage,created_date,close_date,sourcing_partner,Subscription Start Date,Subscription End Date
P1,24000,Closed Won,2025-01-01,2025-02-01,Acme,2025-02-01,2027-01-31
D1,12000,Closed Won,2025-01-01,2025-02-01,,2025-02-01,2026-01-31
";
    let (data, journeys) = load_text(with_dates, None);
    let v = ValueModel::compute(&data, &journeys, Definition::AnyPartner);
    assert_eq!(data.deals.iter().map(|d| d.term_months).collect::<Vec<_>>(), vec![Some(24.0), Some(12.0)]);
    assert_eq!((v.partner.avg_acv(), v.direct.avg_acv()), (Some(12_000.0), Some(12_000.0)));

    // No term column: no ACV row (the page says ACV equals the amount only for one-year terms).
    let (data, journeys) = load_text(MIXED, None);
    let rows = compare(&groups(&data, &journeys, Definition::AnyPartner, Split::Overall)[0]);
    assert!(rows.iter().all(|r| r.metric != Metric::Acv));
}

#[test]
fn integration_led_programs_put_net_revenue_retention_first() {
    use engine::value::kpi::integration_led;
    let tech = "deal_id,amount,stage,created_date,close_date,sourcing_partner,partner_type
T1,100,Closed Won,2025-01-01,2025-02-01,Acme,Technology partner
T2,100,Closed Won,2025-01-01,2025-02-01,Bolt,ISV
R1,100,Closed Won,2025-01-01,2025-02-01,Cora,Reseller
D1,100,Closed Won,2025-01-01,2025-02-01,,
";
    let (data, _) = load_text(tech, None);
    assert!(integration_led(&data), "two of three typed deals are technology partners");
    assert_eq!(CompanySize::Under50.kpis_for(true), vec![Kpi::NetRevenueRetention, Kpi::Leads, Kpi::NewPartnerships]);
    let resellers = tech.replace("Technology partner", "Reseller").replace("ISV", "SI");
    let (data, _) = load_text(&resellers, None);
    assert!(!integration_led(&data));
    assert_eq!(CompanySize::Under50.kpis_for(false), CompanySize::Under50.kpis().to_vec());
}
