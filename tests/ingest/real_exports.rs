//! Real exports that nobody on this team wrote (`tests/fixtures/real/`, with
//! their sources and licences in the README there): each gives results with
//! the automatic mapping, or a mapping with every role it can guess already
//! chosen — never a dead end.

use engine::ingest::{build, parse_files, InputFile};
use engine::journey::Journeys;
use std::path::Path;

fn real(name: &str) -> InputFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real").join(name);
    InputFile { name: name.into(), bytes: std::fs::read(&path).expect("fixture present") }
}

#[test]
fn every_real_export_gives_results_or_a_mapping_with_guesses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real");
    let mut tried = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        tried += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let parsed = parse_files(&[real(&name)]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = &parsed[0];
        assert!(file.unfixable().is_none(), "{name}: a dead end: {:?}", file.unfixable());
        if file.is_confident() {
            let data = build(&parsed, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!data.deals.is_empty(), "{name}: no deals");
        } else {
            assert!(file.mapping.columns.len() >= 3, "{name}: the panel should open with guesses");
        }
    }
    assert!(tried >= 2, "the corpus is there");
}

#[test]
fn salesforce_object_export_reads_true_false_flags_and_times() {
    let parsed = parse_files(&[real("salesforce_opportunity_fivetran.csv")]).unwrap();
    assert!(parsed[0].is_confident(), "no click needed");
    let data = build(&parsed, &Default::default()).unwrap();
    assert_eq!(data.deals.len(), 10);
    // Stage names are hashed in this file: the is_won / is_closed flags decide.
    assert_eq!(data.deals.iter().filter(|d| d.won).count(), 5);
    assert_eq!(data.deals.iter().filter(|d| d.closed).count(), 9, "one row says is_closed false");
    assert!(data.deals.iter().all(|d| d.created.is_some()), "created dates with a time of day");
    // Blank amounts are kept as 0 and counted; the close-before-created row too.
    let problems = data.quality.problems();
    assert_eq!(problems.deal_rows, 10);
    assert!(problems.groups.iter().any(|g| g.reason == "blank amount" && g.count == 6));
    assert!(problems.groups.iter().any(|g| g.reason == "closes before it was created" && g.lines == vec![6]));
    let journeys = Journeys::build(&data);
    assert!((0..data.deals.len()).all(|i| !journeys.has_partner(i)), "no partner column, no partner lead source");
    assert!(data.quality.no_partner_column);
}

#[test]
fn hubspot_synced_deals_map_their_property_columns() {
    let parsed = parse_files(&[real("hubspot_deal_fivetran.csv")]).unwrap();
    let m = &parsed[0].mapping;
    let header = |role: &str| m.column(role).map(|c| parsed[0].table.headers[c].as_str());
    assert_eq!(header("amount"), Some("property_amount"));
    assert_eq!(header("close_date"), Some("property_closedate"));
    assert_eq!(header("created_date"), Some("property_createdate"));
    let data = build(&parsed, &Default::default()).unwrap();
    assert_eq!(data.deals.len(), 44);
    assert!(data.deals.iter().all(|d| !d.closed), "every stage is blank: every deal is open");
}
