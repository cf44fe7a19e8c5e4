//! The app's exports for the spec fixtures equal the reference exports.

use engine::export::default_exports;
use engine::ingest::{load, InputFile};

use crate::common::fixture;

fn expected(path: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn exports(files: &[&str]) -> (String, String) {
    let inputs: Vec<InputFile> = files.iter().map(|f| fixture(f)).collect();
    default_exports(&load(&inputs).expect("fixture loads"))
}

/// The fixtures' expected files predate the §8 amendment that lists every
/// key under every model with its zero credit: compare without those rows,
/// and check them apart (`every_key_has_a_row_under_every_model`).
fn without_zero_rows(export: &str) -> String {
    export.split_inclusive("\r\n").filter(|l| !l.ends_with(",0.00,0.0000\r\n")).collect()
}

/// `expected` (the file `dir/attribution.csv`) with each largest-remainder
/// tie that the fixture broke by floating-point noise given to the smaller
/// key, as spec §2 says ("ties: keys in ascending order"): one cent moved
/// per line of `tests/fixtures/spec_ties.csv`. Computed exactly, the
/// deal-level fixture's w_shaped credits of Müller Consulting GmbH
/// (30,617,285 2/5 cents) and Quantum Partners (1,284,647 2/5) end in the
/// same 2/5 of a cent; in floats Quantum's remainder came out 0.39999999991
/// and Müller's 0.39999999851, and the expected file gave Quantum the cent.
fn ties_by_key(expected: &str, dir: &str) -> String {
    let ties = std::fs::read_to_string(format!("{}/fixtures/spec_ties.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut lines: Vec<String> = expected.split_inclusive("\r\n").map(String::from).collect();
    for tie in ties.lines().skip(1) {
        let [fixture, model, to, from] = tie.split(',').collect::<Vec<_>>()[..] else { panic!("spec_ties.csv: {tie}") };
        if fixture != dir {
            continue;
        }
        for (key, cents) in [(to, 1i64), (from, -1)] {
            let prefix = format!("{model},partner,{key},");
            let line = lines.iter_mut().find(|l| l.starts_with(&prefix)).expect("a tie names a fixture line");
            let mut cells: Vec<String> = line.trim_end().split(',').map(String::from).collect();
            let value: i64 = cells[3].replace('.', "").parse().unwrap();
            cells[3] = engine::money::format_cents(value + cents);
            *line = cells.join(",") + "\r\n";
        }
    }
    lines.concat()
}

/// Compare line by line so a failure names the first differing row.
fn assert_same(actual: &str, expected: &str) {
    let actual = &without_zero_rows(actual);
    for (i, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
        assert_eq!(a, e, "line {} differs", i + 1);
    }
    assert_eq!(actual.lines().count(), expected.lines().count(), "line counts differ");
    assert_eq!(actual, expected, "same lines, different bytes (line endings?)");
}

#[test]
fn deal_level_fixture_matches_reference_exports() {
    let (attribution, value) = exports(&["deals.csv"]);
    assert_same(&attribution, &ties_by_key(&expected("expected_deal/attribution.csv"), "expected_deal"));
    assert_same(&value, &expected("expected_deal/value_model.csv"));
}

#[test]
fn touch_level_fixture_matches_reference_exports() {
    let (attribution, value) = exports(&["deals.csv", "touches.csv"]);
    assert_same(&attribution, &ties_by_key(&expected("expected_touch/attribution.csv"), "expected_touch"));
    assert_same(&value, &expected("expected_touch/value_model.csv"));
}

#[test]
fn every_key_has_a_row_under_every_model() {
    for files in [&["deals.csv"][..], &["deals.csv", "touches.csv"]] {
        let (attribution, _) = exports(files);
        let rows: Vec<Vec<&str>> = attribution.lines().skip(1).map(|l| l.split(',').collect()).collect();
        let models: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0]).collect();
        let keys: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[2]).collect();
        assert!(models.len() >= 11 && keys.contains("(direct)"), "{models:?} {keys:?}");
        for model in &models {
            let listed: std::collections::BTreeSet<&str> =
                rows.iter().filter(|r| r[0] == *model).map(|r| r[2]).collect();
            assert_eq!(listed, keys, "{model} lists other keys");
        }
        // Zero rows exist (Evergreen Agency sources no won deal) and say 0.00 / 0.0000.
        assert!(attribution.contains("sourced,partner,Evergreen Agency,0.00,0.0000\r\n"));
    }
}
