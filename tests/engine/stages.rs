//! Days in stage (§7a) and retention (§7b): the spec fixtures in both
//! history shapes, and hand-computed cases.

use crate::common::*;
use engine::date::parse_iso_date;
use engine::ingest::arr::{read_arr, read_installs, ArrSnapshot};
use engine::ingest::stage_history::read_stage_history;
use engine::value::model::Definition;
use engine::value::retention::{retention, retention_csv};
use engine::value::stage_days::{stage_days, stage_days_csv};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

/// Exports use CRLF; the reference files LF: compare lines.
fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::to_string).collect()
}

#[test]
fn stage_days_fixture_in_both_shapes() {
    let (data, journeys) = load_text(&text("deals.csv"), None);
    let expected = lines(&text("stage/ref/stage_days.csv"));
    for file in ["stage/stage_history.csv", "stage/salesforce_opportunity_history.csv"] {
        let history = read_stage_history(file, &fixture(file)).unwrap();
        let result = stage_days(&data, &journeys, &history, Definition::AnyPartner);
        assert_eq!(lines(&stage_days_csv(&result)), expected, "{file}");
        assert_eq!(result.unmatched_ids.len(), 3, "unknown deals are counted");
    }
}

#[test]
fn retention_fixture_by_deals_and_by_integrations() {
    let (data, journeys) = load_text(&text("deals.csv"), None);
    let arr = read_arr("arr.csv", &fixture("stage/arr.csv")).unwrap().rows;
    let by_deals = retention(&data, &journeys, &arr, None, None).unwrap();
    assert_eq!(lines(&retention_csv(&by_deals)), lines(&text("stage/ref/retention.csv")));
    let installs = read_installs("i.csv", &fixture("stage/integrations.csv")).unwrap().rows;
    let by_installs = retention(&data, &journeys, &arr, Some(&installs), None).unwrap();
    assert_eq!(lines(&retention_csv(&by_installs)), lines(&text("stage/ref_int/retention.csv")));
}

const DEALS: &str = "deal_id,amount,stage,created_date,close_date,sourcing_partner,account
P1,100,Closed Won,2025-01-01,2025-01-31,Acme,A1
P2,100,Closed Lost,2025-01-01,2025-02-10,Acme,A2
D1,100,Closed Won,2025-01-01,2025-02-20,,A3
D2,100,Negotiation,2025-01-01,2025-06-30,,A4
";

#[test]
fn repeated_stages_add_up_and_same_day_entries_keep_file_order() {
    let history = "deal_id,stage,entered_date
P1,Prospecting,2025-01-01
P1,Demo,2025-01-05
P1,Prospecting,2025-01-08
P1,Demo,2025-01-10
P1,Closed Won,2025-01-31
P2,Prospecting,2025-01-01
P2,Demo,2025-01-03
P2,Closed Lost,2025-01-03
D1,Prospecting,2025-01-01
D1,Demo,2025-01-01
D1,Closed Won,2025-02-20
D2,Prospecting,2025-01-01
X9,Prospecting,2025-01-01
";
    let (data, journeys) = load_text(DEALS, None);
    let history = read_stage_history("h.csv", history.as_bytes()).unwrap();
    let r = stage_days(&data, &journeys, &history, Definition::AnyPartner);
    assert_eq!(r.stages, ["Prospecting", "Demo", "Closed Lost", "Closed Won"]);
    // P1: Prospecting 4 + 2 = 6 days, Demo 3 + 21 = 24; P2: Prospecting 2, Demo 0 (same day as its loss).
    assert_eq!(r.partner[0].days, [6.0, 2.0]);
    assert_eq!(r.partner[1].days, [24.0, 0.0]);
    // D1: same-day entries keep file order: Prospecting 0, Demo 50. D2 has only its last entry.
    assert_eq!(r.direct[0].days, [0.0]);
    assert_eq!(r.direct[1].days, [50.0]);
    // Advanced: P1 won; P2 entered only a lost stage after Demo; D2 never moved.
    assert_eq!((r.partner[1].entered, r.partner[1].advanced), (2, 1));
    assert_eq!((r.direct[0].entered, r.direct[0].advanced), (2, 1));
    assert_eq!(r.unmatched_ids, ["X9"]);
    let csv = stage_days_csv(&r);
    assert!(csv.contains("partner,any_partner,Prospecting,2,4.00,4.00,1.0000\r\n"), "{csv}");
    assert!(csv.contains("direct,any_partner,Closed Lost,0,,,\r\n"), "no deal entered it: blank: {csv}");
}

#[test]
fn retention_window_tolerance_and_accounts_missing_at_the_end() {
    let (data, journeys) = load_text(DEALS, None);
    let day = |s: &str| parse_iso_date(s).unwrap();
    let snap = |a: &str, d: &str, v: i64| ArrSnapshot { account: a.into(), date: day(d), arr_cents: v * 100 };
    let arr = vec![
        snap("A1", "2025-02-14", 1000), // 14 days from t0: counts
        snap("A1", "2026-01-31", 1200),
        snap("A2", "2025-01-31", 500),
        snap("A2", "2025-01-31", 500), // two rows on one date add up
        // A2 absent at t1: end ARR 0
        snap("A3", "2025-01-31", 800),
        snap("A3", "2026-01-31", 600),
        snap("A4", "2025-02-16", 700), // 16 days from t0: not at t0, so not counted
        snap("A4", "2026-01-31", 900),
    ];
    let r = retention(&data, &journeys, &arr, None, None).unwrap();
    assert_eq!((r.t0, r.t1), (day("2025-01-31"), day("2026-01-31")));
    // Partner accounts: A1 (P1 won 2025-01-31, on t0). A2's deal was lost, so A2 is not partner-involved.
    assert_eq!((r.partner.accounts, r.partner.start_cents, r.partner.end_cents), (1, 100_000, 120_000));
    assert_eq!(r.partner.grr(), Some(1.0));
    assert_eq!(r.partner.nrr(), Some(1.2));
    assert_eq!((r.direct.accounts, r.direct.start_cents, r.direct.end_cents), (2, 180_000, 60_000));
    assert_eq!(r.direct.grr(), Some(600.0 / 1800.0));
    let csv = retention_csv(&r);
    assert!(csv.contains("direct,any_partner,2,1800.00,600.00,0.3333,0.3333\r\n"), "{csv}");
}

#[test]
fn the_files_are_recognised_when_dropped_with_the_deals() {
    let file = |name: &str| engine::ingest::InputFile { name: name.into(), bytes: fixture(name) };
    for history in ["stage/stage_history.csv", "stage/salesforce_opportunity_history.csv"] {
        let files = [file("deals.csv"), file(history), file("stage/arr.csv"), file("stage/integrations.csv")];
        let kinds: Vec<_> = engine::ingest::parse_files(&files).unwrap().iter().map(|f| f.kind.label()).collect();
        assert_eq!(kinds, ["deals", "stage history", "ARR by account", "integration installs"], "{history}");
        let data = engine::ingest::load(&files).unwrap();
        assert_eq!(data.deals.len(), 400);
        assert!(data.accounts.stage_history.as_ref().is_some_and(|h| h.entries.len() > 2000));
        assert_eq!(data.accounts.arr.len(), 1570);
        assert_eq!(data.accounts.installs.as_ref().map(Vec::len), Some(74));
        // The data set, and these files with it, survive the worker hand-over.
        let back = engine::codec::decode(&engine::codec::encode(&data)).unwrap();
        assert_eq!(back.accounts, data.accounts);
    }
}

#[test]
fn retention_and_days_in_stage_carry_bootstrap_intervals_around_their_figures() {
    use engine::value::retention::RetentionRow;
    use engine::value::stats::bootstrap_ratio;
    let row = RetentionRow {
        accounts: 4,
        start_cents: 400,
        end_cents: 380,
        kept_cents: 330,
        per_account: vec![(100, 150), (100, 80), (100, 100), (100, 50)],
    };
    let (grr, nrr) = (row.grr().unwrap(), row.nrr().unwrap());
    let (gi, ni) = (row.grr_interval().unwrap(), row.nrr_interval().unwrap());
    assert!(gi.low <= grr && grr <= gi.high, "{gi:?} around {grr}");
    assert!(ni.low <= nrr && nrr <= ni.high, "{ni:?} around {nrr}");
    assert!(gi.high <= 1.0, "GRR never above 100%");
    assert_eq!(row.grr_interval(), row.grr_interval(), "seeded: the same every time");
    // Identical accounts: no spread.
    let flat = bootstrap_ratio(&[(9.0, 10.0); 5], 1).unwrap();
    assert!((flat.low - 0.9).abs() < 1e-12 && (flat.high - 0.9).abs() < 1e-12);
    assert_eq!(bootstrap_ratio(&[], 1), None);
}

#[test]
fn the_sample_has_a_stage_history_arr_and_installs_so_both_views_show_at_once() {
    let data = engine::sample::sample_dataset();
    let journeys = engine::journey::Journeys::build(&data);
    let history = data.accounts.stage_history.as_ref().expect("a stage history");
    let days = stage_days(&data, &journeys, history, Definition::AnyPartner);
    assert_eq!(days.unmatched_rows, 0, "every entry names a sample deal");
    let qualification = days.partner.iter().find(|r| r.stage == "Qualification").unwrap();
    assert!(qualification.days.len() > 100 && qualification.median_days().unwrap() > 0.0);
    let r =
        retention(&data, &journeys, &data.accounts.arr, data.accounts.installs.as_deref(), None).expect("retention");
    assert_eq!(r.definition, "integration");
    assert!(r.partner.accounts > 10 && r.direct.accounts > 10, "{} vs {}", r.partner.accounts, r.direct.accounts);
    assert!(r.partner.nrr().unwrap() > r.direct.nrr().unwrap(), "the sample's integration accounts expand more");
    assert_eq!(engine::sample::sample_dataset().accounts, data.accounts, "seeded: the same every time");
}

#[test]
fn breakdowns_group_partner_deals_and_accounts_and_cohorts_follow_first_involvement() {
    use engine::value::breakdown::Breakdown;
    use engine::value::retention::retention_by;
    use engine::value::stage_days::stage_days_by;
    // Two partner types; P3 has partners of both types and counts in both groups.
    let deals =
        "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners,partner_type,account
P1,100,Closed Won,2024-01-01,2024-02-15,Acme,,Reseller,A1
P2,100,Closed Won,2024-01-01,2024-05-10,Bolt,,Technology,A2
P3,100,Closed Won,2024-01-01,2024-05-20,Acme,Bolt,,A3
D1,100,Closed Won,2024-01-01,2024-03-01,,,,A4
";
    let roster = "partner,partner type,tier\nAcme,Reseller,Gold\nBolt,Technology,Silver\n";
    let data_files = load_files(deals, &[("roster.csv", roster)]);
    let (data, journeys) = (&data_files.0, &data_files.1);
    let history = "deal_id,stage,entered_date
P1,Demo,2024-01-01
P1,Closed Won,2024-01-11
P2,Demo,2024-01-01
P2,Closed Won,2024-01-21
P3,Demo,2024-01-01
P3,Closed Won,2024-01-31
D1,Demo,2024-01-01
D1,Closed Won,2024-01-05
";
    let history = read_stage_history("h.csv", history.as_bytes()).unwrap();
    let by_type = stage_days_by(data, journeys, &history, Definition::AnyPartner, Breakdown::PartnerType);
    let demo = |rows: &Vec<engine::value::stage_days::StageRow>| rows[0].days.clone();
    let groups: Vec<(&str, Vec<f64>)> = by_type.groups.iter().map(|(k, rows)| (k.as_str(), demo(rows))).collect();
    // P3 has no partner type on the deal: the roster gives Reseller (Acme) and Technology (Bolt).
    assert_eq!(groups, vec![("Reseller", vec![10.0, 30.0]), ("Technology", vec![20.0, 30.0])]);
    assert_eq!(demo(&by_type.partner), vec![10.0, 20.0, 30.0], "the overall rows are unchanged");
    assert_eq!(demo(&by_type.direct), vec![4.0]);
    let by_program = stage_days_by(data, journeys, &history, Definition::AnyPartner, Breakdown::Program);
    let names: Vec<&str> = by_program.groups.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["Gold", "Silver"]);

    // Retention over 2024-06-30 → 2025-06-30: A1 first involved 2024 Q1, A2 and A3 in Q2.
    let arr = "account,date,arr
A1,2024-06-30,1000
A1,2025-06-30,1200
A2,2024-06-30,1000
A2,2025-06-30,500
A3,2024-06-30,2000
A3,2025-06-30,2000
A4,2024-06-30,1000
A4,2025-06-30,900
";
    let arr = read_arr("arr.csv", arr.as_bytes()).unwrap().rows;
    let r = retention_by(data, journeys, &arr, None, None, Breakdown::Program).unwrap();
    let cohorts: Vec<(&str, u64, Option<f64>)> =
        r.cohorts.iter().map(|(k, row)| (k.as_str(), row.accounts, row.nrr())).collect();
    assert_eq!(cohorts, vec![("2024 Q1", 1, Some(1.2)), ("2024 Q2", 2, Some(2500.0 / 3000.0))]);
    // Gold: A1 and A3 (Acme), Silver: A2 and A3 (Bolt); largest starting ARR first.
    let groups: Vec<(&str, i64, i64)> =
        r.groups.iter().map(|(k, row)| (k.as_str(), row.start_cents, row.end_cents)).collect();
    assert_eq!(groups, vec![("Gold", 300_000, 320_000), ("Silver", 300_000, 250_000)]);
    assert_eq!((r.partner.accounts, r.direct.accounts), (3, 1));
    assert_eq!(r.direct.grr(), Some(0.9));
}
