//! Takeaway titles (issue 17): each slide states its finding with its
//! number, or says why none can be stated.

use app::ui::board::slides::Slide;
use app::ui::board::takeaways::takeaway;
use engine::share::{Snapshot, SnapshotCard, SnapshotChart, SnapshotPartner, SnapshotRetention};

fn snapshot() -> Snapshot {
    let card =
        |title: &str, value: &str| SnapshotCard { title: title.into(), value: value.into(), detail: String::new() };
    Snapshot {
        title: "Review".into(),
        subtitle: String::new(),
        currency: "USD".into(),
        model: "Linear".into(),
        definition: "Any partner involved".into(),
        cards: vec![card("Partner involvement", "52.2%"), card("Win-rate lift", "+49.5%")],
        attribution: SnapshotChart {
            keys: vec!["Northwind".into(), "Vertex".into(), "Acme".into(), "Zeta".into()],
            series: vec![
                ("Sourced".into(), vec![900.0, 500.0, 10.0, 400.0]),
                ("Linear".into(), vec![800.0, 600.0, 20.0, 300.0]),
                ("Influenced".into(), vec![1.0, 2.0, 9e9, 3.0]),
            ],
        },
        win_rates: None,
        closed: None,
        waterfall: Some([1_000_000.0, 600_000.0, 200_000.0, 1_800_000.0]),
        partners: vec![SnapshotPartner {
            name: "Northwind".into(),
            deals: 42,
            sourced: 300_000.0,
            influenced: 200_000.0,
            win_rate: Some(0.4),
            credit: 1.0,
        }],
        scenario: String::new(),
        slides: vec![],
        stages: None,
        retention: None,
        notes: vec![],
        titles: vec![],
    }
}

#[test]
fn every_slide_states_its_finding_with_its_number() {
    let s = snapshot();
    let cases = [
        (Slide::Overview, "Partners were involved in 52.2% of deals, which won 49.5% more often than direct deals"),
        // Influenced is not additive and is left out of the agreement.
        (Slide::Attribution, "Northwind, Vertex and Zeta lead under all 2 additive rules"),
        (
            Slide::Waterfall,
            "Partner-involved deals won $1,800,000, $800,000 more than at direct rates; 75.0% of the gain from higher win rates",
        ),
        (Slide::Leaderboard, "Northwind leads the partners with $500,000 of partner revenue over 42 deals"),
    ];
    for (slide, expected) in cases {
        assert_eq!(takeaway(slide, &s), expected, "{slide:?}");
    }
    assert!(takeaway(Slide::Scenario, &s).starts_with("At "), "{}", takeaway(Slide::Scenario, &s));
}

#[test]
fn when_the_data_cannot_support_a_claim_the_title_says_so() {
    let mut s = snapshot();
    s.cards[1].value = "—".into();
    assert!(takeaway(Slide::Overview, &s).contains("too few closed deals to compare win rates"));
    s.attribution.series[1].1 = vec![0.0, 0.0, 5.0, 0.0];
    assert!(takeaway(Slide::Attribution, &s).starts_with("The rule decides the ranking"));
    s.waterfall = Some([1_000.0, -200.0, 100.0, 900.0]);
    assert!(takeaway(Slide::Waterfall, &s).contains("no more than direct win rates"));
    s.waterfall = None;
    assert!(takeaway(Slide::Waterfall, &s).contains("cannot be stated"));
    s.partners.clear();
    assert_eq!(takeaway(Slide::Leaderboard, &s), "No partner deals to rank");
}

#[test]
fn the_retention_slide_claims_a_difference_only_when_the_intervals_separate() {
    use app::ui::board::slide_charts::slides_of;
    let mut s = snapshot();
    assert!(!slides_of(&s).contains(&Slide::Retention), "no retention or stages: no slide");
    assert_eq!(
        takeaway(Slide::Retention, &s),
        "Retention and days in stage cannot be stated: no ARR file or stage history was loaded"
    );
    s.stages = Some(SnapshotChart {
        keys: vec!["Demo".into(), "Proposal".into()],
        series: vec![("Partner-involved".into(), vec![10.0, 20.0]), ("Direct".into(), vec![15.0, 30.0])],
    });
    assert!(slides_of(&s).contains(&Slide::Retention));
    assert_eq!(
        takeaway(Slide::Retention, &s),
        "Partner-involved deals spend 30 days in their stages vs 45 for direct (15 days faster)"
    );
    let mut r = SnapshotRetention {
        who: "Accounts using a partner integration".into(),
        window: "2024-12-31 to 2025-12-31".into(),
        grr: [Some(0.96), Some(0.88)],
        nrr: [Some(1.12), Some(0.97)],
        accounts: [40, 60],
        separated: true,
    };
    s.retention = Some(r.clone());
    assert_eq!(
        takeaway(Slide::Retention, &s),
        "Accounts using a partner integration kept 96.0% of their revenue vs 88.0% for other accounts (NRR 112.0% vs 97.0%)"
    );
    r.separated = false;
    s.retention = Some(r);
    assert!(takeaway(Slide::Retention, &s).ends_with("the data cannot tell the two apart"));
    // The link carries it and refuses out-of-range figures.
    let link = engine::share::snapshot_link(&s);
    let Some(engine::share::Link::Snapshot(back)) = engine::share::decode_link(&link).unwrap() else {
        panic!("a snapshot")
    };
    assert_eq!(back.retention, s.retention);
    assert_eq!(back.stages, s.stages);
    s.retention.as_mut().unwrap().grr[0] = Some(1.5);
    assert!(engine::share::decode_link(&engine::share::snapshot_link(&s)).is_err(), "GRR above 100%");
}

#[test]
fn the_summary_states_three_findings_and_what_was_left_out_and_the_appendix_defines_every_rule() {
    use app::ui::board::summary::{definitions, summary_facts};
    use app::ui::board::takeaways::findings;
    let mut s = snapshot();
    let three = findings(&s);
    assert_eq!(three.len(), 3);
    assert_eq!(three[0], takeaway(Slide::Overview, &s));
    assert_eq!(three[1], takeaway(Slide::Waterfall, &s));
    assert_eq!(three[2], takeaway(Slide::Attribution, &s));
    assert_eq!(takeaway(Slide::Summary, &s), three[0], "the summary's title is its first finding");
    assert!(three.iter().all(|f| f.chars().any(|c| c.is_ascii_digit())), "each finding has its number: {three:?}");
    assert_eq!(summary_facts(&s)[1], "No deal was left out of any figure.");
    s.notes = vec!["12 row(s) of the file left out of every figure (12 close date is not a date).".into()];
    assert_eq!(summary_facts(&s)[1], s.notes[0]);
    let terms: Vec<String> = definitions(&s).into_iter().map(|(t, _)| t).collect();
    for expected in ["Sourced", "Linear", "Influenced", "Additive rules", "Win rate", "What partners added"] {
        assert!(terms.iter().any(|t| t == expected), "{expected} in {terms:?}");
    }
    assert!(!terms.iter().any(|t| t == "GRR / NRR"), "no retention figure, no retention definition");
    // No partner data at all: the summary says so rather than inventing a finding.
    let empty = engine::share::Snapshot::default();
    assert_eq!(takeaway(Slide::Summary, &empty), "No finding can be stated: the data holds no partner deals");
}

#[test]
fn the_overview_claims_a_win_rate_difference_only_when_its_interval_excludes_zero() {
    let mut s = snapshot();
    s.win_rates = Some([0.44, 0.30, 0.11, 0.18]);
    s.closed = Some([400, 500]);
    assert_eq!(
        takeaway(Slide::Overview, &s),
        "Partner-involved deals win 44.0% vs 30.0% for direct (95% interval of the difference: +11.0 to +18.0 points)"
    );
    s.win_rates = Some([0.33, 0.30, -0.02, 0.08]);
    assert_eq!(
        takeaway(Slide::Overview, &s),
        "Partner-involved deals win 33.0% vs 30.0% for direct, a difference this data cannot tell from zero (95%: -2.0 to +8.0 points)"
    );
    s.closed = Some([12, 500]);
    assert_eq!(
        takeaway(Slide::Overview, &s),
        "Partners were involved in 52.2% of deals; too few closed deals to compare win rates (12 partner-involved, 500 direct)"
    );
}

#[test]
fn without_partner_deals_the_deck_leaves_out_what_it_cannot_support_and_says_why() {
    use app::ui::board::slide_charts::slides_of;
    use app::ui::board::summary::summary_facts;
    let mut s = snapshot();
    s.partners.clear();
    for (_, values) in &mut s.attribution.series {
        values.iter_mut().for_each(|v| *v = 0.0);
    }
    s.waterfall = None;
    assert_eq!(slides_of(&s), vec![Slide::Summary, Slide::Overview, Slide::Definitions]);
    assert_eq!(
        takeaway(Slide::Summary, &s),
        "No deal in this data names a partner, so there is nothing to compare yet"
    );
    let facts = summary_facts(&s).join(" ");
    assert!(
        facts
            .contains("Slides left out, as this data cannot support them: attribution needs deals that name a partner"),
        "{facts}"
    );
    assert!(facts.contains("the scenario needs partner win rates"), "{facts}");
}

#[test]
fn the_left_out_notes_count_what_the_problem_rows_panel_counts() {
    use app::ui::board::sharing::left_out_notes;
    use engine::ingest::{load, InputFile};
    use engine::journey::Journeys;
    use engine::value::model::{Definition, ValueModel};
    let deals = "deal_id,amount,stage,created_date,close_date,sourcing_partner
D1,100,Closed Won,2025-01-01,2025-02-01,Acme
D2,100,Closed Won,2025-01-01,not a date,
D3,,Closed Won,2025-01-01,2025-02-01,
D1,999,Closed Lost,2025-01-01,2025-02-01,
D4,100,Closed Won,2025-03-01,2025-02-01,
";
    let data = load(&[InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() }]).unwrap();
    let value = ValueModel::compute(&data, &Journeys::build(&data), Definition::AnyPartner);
    assert_eq!(
        left_out_notes(&data, &value),
        vec![
            "1 row(s) of the file left out of every figure (1 close date is not a date).".to_string(),
            "1 repeated deal id(s): the first row of each kept.".into(),
            "1 won deal(s) left out of days to close and velocity (no readable created date, or closed before created).".into(),
            "1 deal(s) with a blank or unreadable amount counted at 0.".into(),
        ]
    );
}
