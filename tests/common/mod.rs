//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use engine::attribution::{attribute, ModelCredits, ModelId, Params};
use engine::dataset::Dataset;
use engine::ingest::{load, InputFile};
use engine::journey::Journeys;

/// A file of `tests/fixtures/` by its path there.
pub fn fixture(name: &str) -> InputFile {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    InputFile { name: name.to_string(), bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")) }
}

/// Header of the small deal files written inline in tests.
pub const DEALS_HEADER: &str = "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners";

/// Load a deals CSV (and optionally a touches CSV) given as text.
pub fn load_text(deals: &str, touches: Option<&str>) -> (Dataset, Journeys) {
    let mut files = vec![InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() }];
    if let Some(t) = touches {
        files.push(InputFile { name: "touches.csv".into(), bytes: t.as_bytes().to_vec() });
    }
    let data = load(&files).expect("test data loads");
    let journeys = Journeys::build(&data);
    (data, journeys)
}

/// Credits of one model as (key name, cents) pairs, sorted by name.
pub fn credits(data: &Dataset, journeys: &Journeys, model: ModelId, params: &Params) -> Vec<(String, i64)> {
    named(data, &attribute(data, journeys, model, params))
}

/// Credits of a computed model as (key name, cents), leaving out the rows of
/// keys with no credit at all (spec §8 lists them; `zero_rows` tests them).
pub fn named(data: &Dataset, result: &ModelCredits) -> Vec<(String, i64)> {
    result
        .credits
        .iter()
        .filter(|c| c.revenue_cents != 0 || c.deals != 0.0)
        .map(|c| (data.name(c.key).to_string(), c.revenue_cents))
        .collect()
}

/// Build an owned expectation list from literals.
pub fn expect(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = pairs.iter().map(|(k, c)| (k.to_string(), *c)).collect();
    v.sort();
    v
}

/// Load a deals CSV with other files (name, text), each recognised by its columns.
pub fn load_files(deals: &str, others: &[(&str, &str)]) -> (Dataset, Journeys) {
    let mut files = vec![InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() }];
    files.extend(
        others.iter().map(|(name, text)| InputFile { name: name.to_string(), bytes: text.as_bytes().to_vec() }),
    );
    let data = load(&files).expect("test data loads");
    let journeys = Journeys::build(&data);
    (data, journeys)
}
