//! What particular columns mean: HubSpot's stage-tracking columns feed the
//! stage history (never the outcome), and a `touch_seq` column orders
//! same-day touches (spec §3).

use engine::ingest::{load, InputFile};
use engine::journey::Journeys;

use crate::common::fixture;

#[test]
fn hubspot_date_entered_columns_feed_the_stage_history_not_the_outcome() {
    // `Date entered "Closed won (Sales Pipeline)"` contains "closed won" (a
    // won-flag synonym) over dates: it must not become the won flag, which
    // left nine in ten rows out as "not yes/no".
    let data = load(&[fixture("stage/hubspot_deals_date_entered.csv")]).unwrap();
    assert_eq!(data.deals.len(), 400, "{:?}", data.quality.notices());
    assert!(data.quality.skipped.is_empty());
    assert_eq!(data.deals.iter().filter(|d| d.won).count(), 98);
    let history = data.accounts.stage_history.as_ref().expect("the wide columns are read as the history");
    let stages: std::collections::BTreeSet<&str> = history.entries.iter().map(|e| e.stage.as_str()).collect();
    assert_eq!(
        stages.into_iter().collect::<Vec<_>>(),
        ["Appointment scheduled", "Closed lost", "Closed won", "Contract sent", "Qualified to buy"]
    );
}

#[test]
fn same_day_touches_follow_the_touch_seq_column() {
    use engine::attribution::{attribute, ModelId, Params};
    // Spec §3: Bolt's row comes first in the file but its sequence is later;
    // on the same day, the sequence decides: Acme is first, Bolt last.
    let deals = "deal_id,amount,stage,created_date,close_date\nD1,1000,Closed Won,2025-01-01,2025-02-01\n";
    let touches =
        "deal_id,touch_date,actor,actor_type,touch_seq\nD1,2025-01-10,Bolt,partner,20\nD1,2025-01-10,Acme,partner,10\n";
    let data = load(&[
        InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() },
        InputFile { name: "touches.csv".into(), bytes: touches.as_bytes().to_vec() },
    ])
    .unwrap();
    let journeys = Journeys::build(&data);
    let credit = |model| {
        let r = attribute(&data, &journeys, model, &Params::default());
        r.credits.iter().filter(|c| c.revenue_cents > 0).map(|c| data.name(c.key).to_string()).collect::<Vec<_>>()
    };
    assert_eq!(credit(ModelId::FirstTouch), ["Acme"]);
    assert_eq!(credit(ModelId::LastTouch), ["Bolt"]);
    // Without the column, file order decides: Bolt first.
    let plain = touches.replace(",touch_seq", "").replace(",20\n", "\n").replace(",10\n", "\n");
    let data = load(&[
        InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() },
        InputFile { name: "touches.csv".into(), bytes: plain.into_bytes() },
    ])
    .unwrap();
    let journeys = Journeys::build(&data);
    let first = attribute(&data, &journeys, ModelId::FirstTouch, &Params::default());
    let names: Vec<&str> = first.credits.iter().filter(|c| c.revenue_cents > 0).map(|c| data.name(c.key)).collect();
    assert_eq!(names, ["Bolt"]);
}
