//! Dimensions (partner type, team, touch type), filters, the open-pipeline
//! base and the extra position models.

use crate::common;
use common::*;
use engine::attribution::{attribute, attribute_with, Context, ModelId, Params, PositionWeights, RevenueBase};
use engine::dataset::Dataset;
use engine::date::Day;
use engine::export::attribution_csv;
use engine::journey::{default_team_for_lead_source, partner_types, Dimension, JourneyOptions, Journeys};

const DEALS: &str =
    "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners,partner_type,lead_source
D1,1000.00,Closed Won,2025-01-10,2025-03-01,A,B,SI,Partner Referral
D2,600.00,Closed Won,2025-01-10,2025-04-15,,B;C,Technology,Webinar
D3,300.00,Closed Lost,2025-01-10,2025-03-01,,C,Technology,Outbound
D4,900.00,Proposal,2025-01-10,2025-09-01,,A,SI,Outbound
D5,500.00,Closed Won,2025-01-10,2025-05-20,,,,Website
";

const TOUCHES: &str = "deal_id,touch_date,actor,actor_type,touch_type
D1,2024-10-01,A,partner,referral
D1,2025-01-05,A,partner,intro
D1,2025-02-01,Sam,sales,meeting
D1,2025-02-10,B,partner,co-sell
D2,2025-01-20,Mia,marketing,webinar
D2,2025-02-01,B,partner,integration
D2,2025-03-01,C,partner,co-sell
D3,2025-02-01,C,partner,co-sell
D4,2025-02-01,A,partner,intro
";

fn dimension_credits(data: &Dataset, dimension: Dimension, model: ModelId, params: &Params) -> Vec<(String, i64)> {
    let mut names = data.strings.clone();
    let options = JourneyOptions { dimension, ..JourneyOptions::default() };
    let journeys = Journeys::build_with(data, &mut names, &options);
    let table;
    let rollup = if dimension == Dimension::PartnerType {
        table = partner_types(data, &journeys);
        Some((&table, names.intern("(no type)")))
    } else {
        None
    };
    let ctx = Context { data, journeys: &journeys, names: &names, params };
    let r = attribute_with(&ctx, model, rollup);
    r.credits.iter().map(|c| (names.name(c.key).to_string(), c.revenue_cents)).collect()
}

#[test]
fn partner_type_rolls_partner_credit_up() {
    let (data, _) = load_text(DEALS, Some(TOUCHES));
    let p = Params::default();
    // Partner types: A sourced D1 (SI) → SI; B and C were first on Technology deals → Technology.
    let partner = dimension_credits(&data, Dimension::Partner, ModelId::Linear, &p);
    assert_eq!(partner, expect(&[("(direct)", 50_000), ("A", 66_667), ("B", 63_333), ("C", 30_000)]));
    let types = dimension_credits(&data, Dimension::PartnerType, ModelId::Linear, &p);
    assert_eq!(types, expect(&[("(direct)", 50_000), ("SI", 66_667), ("Technology", 93_333)]));
    // Influenced counts a type once per deal even when two of its partners are on it.
    let influenced = dimension_credits(&data, Dimension::PartnerType, ModelId::Influenced, &p);
    assert_eq!(influenced, expect(&[("(direct)", 50_000), ("SI", 100_000), ("Technology", 160_000)]));
}

#[test]
fn team_dimension_from_touches() {
    let (data, _) = load_text(DEALS, Some(TOUCHES));
    let p = Params::default();
    // D1: partnerships ×2, sales, partnerships → linear 3/4 and 1/4. D2: marketing, partnerships ×2.
    let linear = dimension_credits(&data, Dimension::Team, ModelId::Linear, &p);
    assert_eq!(
        linear,
        expect(&[("(direct)", 50_000), ("marketing", 20_000), ("partnerships", 115_000), ("sales", 25_000)])
    );
    // Sourced on the team dimension credits the creation touch's team, not the partner name.
    let sourced = dimension_credits(&data, Dimension::Team, ModelId::Sourced, &p);
    // Teams with no sourced deal keep their zero row (spec §8).
    assert_eq!(sourced, expect(&[("(direct)", 110_000), ("marketing", 0), ("partnerships", 100_000), ("sales", 0)]));
}

#[test]
fn team_dimension_from_lead_source_without_touches() {
    let (data, _) = load_text(DEALS, None);
    let linear = dimension_credits(&data, Dimension::Team, ModelId::Linear, &Params::default());
    assert_eq!(linear, expect(&[("marketing", 110_000), ("partnerships", 100_000), ("sales", 0)]));
    assert_eq!(default_team_for_lead_source("Partner Referral"), "partnerships");
    assert_eq!(default_team_for_lead_source("SDR outbound"), "sales");
    assert_eq!(default_team_for_lead_source("Website"), "marketing");
    assert_eq!(default_team_for_lead_source("Trade Show"), "marketing");
    assert_eq!(default_team_for_lead_source("Existing customer"), "other");
}

#[test]
fn touch_type_dimension() {
    let (data, _) = load_text(DEALS, Some(TOUCHES));
    let first = dimension_credits(&data, Dimension::TouchType, ModelId::FirstTouch, &Params::default());
    assert_eq!(
        first,
        expect(&[("(direct)", 50_000), ("co-sell", 0), ("integration", 60_000), ("intro", 0), ("referral", 100_000)])
    );
}

#[test]
fn lookback_window_drops_old_touches() {
    let (data, _) = load_text(DEALS, Some(TOUCHES));
    let mut names = data.strings.clone();
    let options = JourneyOptions { lookback_days: Some(30), ..JourneyOptions::default() };
    let journeys = Journeys::build_with(&data, &mut names, &options);
    // D1's referral on 2024-10-01 is 101 days before creation: ignored.
    let first = attribute(&data, &journeys, ModelId::Linear, &Params::default());
    let a = first.credits.iter().find(|c| data.name(c.key) == "A").unwrap();
    assert_eq!(a.revenue_cents, 50_000);
}

#[test]
fn close_date_filter_and_open_pipeline_base() {
    let (data, journeys) = load_text(DEALS, Some(TOUCHES));
    let april =
        Params { close_from: Day::from_ymd(2025, 4, 1), close_to: Day::from_ymd(2025, 4, 30), ..Params::default() };
    let r = attribute(&data, &journeys, ModelId::LastTouch, &april);
    assert_eq!(r.base_cents, 60_000, "only D2 closed in April");
    assert_eq!(named(&data, &r), expect(&[("C", 60_000)]));
    let pipeline = Params { base: RevenueBase::OpenPipeline, ..Params::default() };
    for model in [ModelId::Linear, ModelId::Shapley, ModelId::Markov] {
        let r = attribute(&data, &journeys, model, &pipeline);
        assert_eq!(r.base_cents, 90_000, "D4 is the open pipeline");
        assert_eq!(r.total_cents(), 90_000, "{model:?}");
    }
    assert_eq!(credits(&data, &journeys, ModelId::Linear, &pipeline), expect(&[("A", 90_000)]));
}

#[test]
fn extra_position_models() {
    let deals = "deal_id,amount,stage,created_date,close_date\nD1,1000.00,Closed Won,2025-01-10,2025-03-01\nD2,100.00,Closed Won,2025-01-10,2025-03-01\n";
    let touches = "deal_id,touch_date,actor,actor_type\nD1,2025-01-05,A,partner\nD1,2025-02-01,B,partner\nD1,2025-02-15,C,partner\nD2,2025-01-05,A,partner\nD2,2025-02-01,C,partner\n";
    let (data, journeys) = load_text(deals, Some(touches));
    let p = Params { custom: PositionWeights { first: 50.0, middle: 0.0, last: 50.0 }, ..Params::default() };
    // D1: A, B, C; D2: A, C (two touches: first and last in proportion).
    assert_eq!(credits(&data, &journeys, ModelId::JShaped, &p), expect(&[("A", 22_500), ("B", 20_000), ("C", 67_500)]));
    assert_eq!(
        credits(&data, &journeys, ModelId::InverseJ, &p),
        expect(&[("A", 67_500), ("B", 20_000), ("C", 22_500)])
    );
    assert_eq!(credits(&data, &journeys, ModelId::CustomPosition, &p), expect(&[("A", 55_000), ("C", 55_000)]));
}

#[test]
fn export_lists_each_dimension_shown() {
    let (data, journeys) = load_text(DEALS, Some(TOUCHES));
    let p = Params::default();
    let partner = vec![attribute(&data, &journeys, ModelId::Linear, &p)];
    let mut names = data.strings.clone();
    let team_journeys = Journeys::build_with(
        &data,
        &mut names,
        &JourneyOptions { dimension: Dimension::Team, ..JourneyOptions::default() },
    );
    let team = vec![attribute_with(
        &Context { data: &data, journeys: &team_journeys, names: &names, params: &p },
        ModelId::Linear,
        None,
    )];
    let csv = attribution_csv(&names, &[(Dimension::Partner, &partner), (Dimension::Team, &team)]);
    assert!(csv.contains("linear,partner,A,666.67,0.6667\r\n"), "{csv}");
    assert!(csv.contains("linear,team,sales,250.00,0.2500\r\n"), "{csv}");
    assert_eq!(csv.lines().filter(|l| l.starts_with("linear,team,")).count(), 4);
}
