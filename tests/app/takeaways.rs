//! Takeaway titles (issue 17): each slide states its finding with its
//! number, or says why none can be stated.

use app::ui::board::slides::Slide;
use app::ui::board::takeaways::takeaway;
use engine::share::{Snapshot, SnapshotCard, SnapshotChart, SnapshotPartner};

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
    }
}

#[test]
fn every_slide_states_its_finding_with_its_number() {
    let s = snapshot();
    let cases = [
        (Slide::Overview, "Partners were involved in 52.2% of deals, which won 49.5% more often than direct deals"),
        // Influenced is not additive and is left out of the agreement.
        (Slide::Attribution, "Northwind, Vertex and Zeta lead under all 2 rules shown"),
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
