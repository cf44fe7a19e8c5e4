//! The binary itself on the spec fixtures: `export` writes the reference
//! exports, and a bad file ends in a message and exit status 1.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_partner-attribution")).args(args).output().expect("the binary runs")
}

/// Lines without CR, and without the zero-credit rows the fixtures predate (spec §8).
fn lines(text: &str) -> Vec<String> {
    text.lines().map(|l| l.trim_end_matches('\r').to_string()).filter(|l| !l.ends_with(",0.00,0.0000")).collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn export_writes_the_reference_files() {
    let f = fixtures();
    let out = std::env::temp_dir().join(format!("pa-cli-{}", std::process::id()));
    let p = |name: &str| f.join(name).display().to_string();
    let o = out.display().to_string();
    let status = run(&[
        "export",
        "--deals",
        &p("deals.csv"),
        "--touches",
        &p("touches.csv"),
        "--stage-history",
        &p("stage/salesforce_opportunity_history.csv"),
        "--arr",
        &p("stage/arr.csv"),
        "--integrations",
        &p("stage/integrations.csv"),
        "--out",
        &o,
    ]);
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for (written, expected) in [
        ("attribution.csv", "expected_touch/attribution.csv"),
        ("value_model.csv", "expected_touch/value_model.csv"),
        ("stage_days.csv", "stage/ref/stage_days.csv"),
        ("retention.csv", "stage/ref_int/retention.csv"),
    ] {
        assert_eq!(lines(&read(&out.join(written))), lines(&read(&f.join(expected))), "{written}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_file_with_no_readable_row_exits_1_and_a_bad_row_is_only_noted() {
    let f = fixtures();
    let out = std::env::temp_dir().join(format!("pa-cli-bad-{}", std::process::id()));
    let export = |file: &str| {
        run(&["export", "--deals", &f.join(file).display().to_string(), "--out", &out.display().to_string()])
    };
    // No row can be read: exit 1, naming the first bad row and column.
    let result = export("no_readable_rows.csv");
    assert_eq!(result.status.code(), Some(1));
    let message = String::from_utf8_lossy(&result.stderr);
    assert!(message.contains("row 2") && message.contains("close_date") && message.contains("2 of 2"), "{message}");
    // One bad row of two: the export is written and the row is named in a note.
    let result = export("bad_date.csv");
    assert!(result.status.success());
    let message = String::from_utf8_lossy(&result.stderr);
    assert!(message.contains("row 3 (close_date"), "{message}");
    assert_eq!(run(&["export", "--out", "x"]).status.code(), Some(2), "usage error");
}
