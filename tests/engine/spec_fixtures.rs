//! The app's exports for the spec fixtures equal the reference exports.

use engine::export::default_exports;
use engine::ingest::{load, InputFile};

fn fixture(name: &str) -> InputFile {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    InputFile { name: name.to_string(), bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")) }
}

fn expected(path: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn exports(files: &[&str]) -> (String, String) {
    let inputs: Vec<InputFile> = files.iter().map(|f| fixture(f)).collect();
    default_exports(&load(&inputs).expect("fixture loads"))
}

/// Compare line by line so a failure names the first differing row.
fn assert_same(actual: &str, expected: &str) {
    for (i, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
        assert_eq!(a, e, "line {} differs", i + 1);
    }
    assert_eq!(actual.lines().count(), expected.lines().count(), "line counts differ");
    assert_eq!(actual, expected, "same lines, different bytes (line endings?)");
}

#[test]
fn deal_level_fixture_matches_reference_exports() {
    let (attribution, value) = exports(&["deals.csv"]);
    assert_same(&attribution, &expected("expected_deal/attribution.csv"));
    assert_same(&value, &expected("expected_deal/value_model.csv"));
}

#[test]
fn touch_level_fixture_matches_reference_exports() {
    let (attribution, value) = exports(&["deals.csv", "touches.csv"]);
    assert_same(&attribution, &expected("expected_touch/attribution.csv"));
    assert_same(&value, &expected("expected_touch/value_model.csv"));
}
