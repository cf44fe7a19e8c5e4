//! Reading files: the csv-core driver, values, and errors that name the row
//! and column. Table-driven, in the style of rust-csv's tests.

use crate::common;
use common::*;
use engine::date::{parse_iso_date, Day};
use engine::export::text_cell;
use engine::ingest::csv_reader::read_table;
use engine::ingest::{load, sniff_delimiter, stage_outcome, InputFile};
use engine::money::{format_cents, format_compact, parse_cents};

macro_rules! table_cases {
    ($($name:ident: $input:expr => $rows:expr;)*) => {$(
        #[test]
        fn $name() {
            let table = read_table("t.csv", $input.as_bytes(), b',').expect("parses");
            let expected: Vec<Vec<&str>> = $rows;
            assert_eq!(table.headers, expected[0]);
            let rows: Vec<Vec<String>> = table.rows().map(|(_, r)| r.to_vec()).collect();
            assert_eq!(rows, expected[1..].iter().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()).collect::<Vec<_>>());
        }
    )*};
}

table_cases! {
    plain: "a,b\n1,2\n" => vec![vec!["a", "b"], vec!["1", "2"]];
    crlf_and_no_final_newline: "a,b\r\n1,2\r\n3,4" => vec![vec!["a", "b"], vec!["1", "2"], vec!["3", "4"]];
    utf8_bom_is_dropped: "\u{feff}a,b\n1,2\n" => vec![vec!["a", "b"], vec!["1", "2"]];
    quoted_comma_quote_and_newline: "a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n" => vec![vec!["a", "b"], vec!["x, y", "say \"hi\"\nthere"]];
    blank_lines_are_skipped: "a,b\n\n1,2\n,\n3,4\n" => vec![vec!["a", "b"], vec!["1", "2"], vec!["3", "4"]];
    header_cells_are_trimmed: " a , b\n1,2\n" => vec![vec!["a", "b"], vec!["1", "2"]];
    unicode_names: "partner\nMüller Consulting GmbH\nSociété Tech SARL\n" => vec![vec!["partner"], vec!["Müller Consulting GmbH"], vec!["Société Tech SARL"]];
}

#[test]
fn rows_remember_their_line_in_the_file() {
    let table = read_table("t.csv", b"a,b\n1,\"multi\nline\"\n\n2,3\n", b',').unwrap();
    assert_eq!(table.rows().map(|(line, _)| line).collect::<Vec<_>>(), vec![2, 5]);
}

macro_rules! error_cases {
    ($($name:ident: $input:expr => $message:expr;)*) => {$(
        #[test]
        fn $name() {
            let err = load(&[InputFile { name: "deals.csv".into(), bytes: $input.to_vec() }]).unwrap_err();
            let text = err.to_string();
            assert!(text.contains($message), "{text:?} should contain {:?}", $message);
        }
    )*};
}

error_cases! {
    empty_file: b"" => "the file is empty";
    whitespace_only: b"  \n\n" => "the file is empty";
    png_image: b"\x89PNG\r\n\x1a\nrest" => "looks like a PNG image";
    pdf_document: b"%PDF-1.7 ..." => "looks like a PDF document";
    plain_zip: b"PK\x03\x04.....data.csv" => "zip archive, not a spreadsheet";
    corrupt_xlsx: b"PK\x03\x04....[Content_Types].xml garbage" => "cannot be opened";
    binary_with_nul: b"a,b\n\x00\x01\x02" => "looks like a binary file";
    missing_stage_and_won: b"deal_id,amount,created_date,close_date\nD1,1,2025-01-01,2025-01-02\n" => "column \"stage\": required column is missing";
    every_missing_role_named_at_once: b"deal_id,created_date,owner\nD1,2025-01-01,Ann\n" => "column \"amount, close_date, stage\": required columns are missing";
    header_only: b"deal_id,amount,stage,created_date,close_date\n" => "no data rows";
    no_row_readable_names_first_row_and_column: b"deal_id,amount,stage,created_date,close_date\nD2,12,Closed Won,2025-01-01,2025-13-02\nD3,12,Closed Won,2025-01-01,soon\n" => "deals.csv, row 2, column \"close_date\": \"2025-13-02\" is not a date — no deal could be read (2 of 2 rows have this problem)";
    closed_without_close_date: b"deal_id,amount,stage,created_date,close_date\nD1,1,Closed Won,2025-01-01,\n" => "row 2, column \"close_date\": the deal is closed but has no close date";
    blank_deal_id: b"deal_id,amount,stage,created_date,close_date\n,1,Closed Won,2025-01-01,2025-01-02\n" => "row 2, column \"deal_id\"";
    only_touches: b"deal_id,touch_date,actor,actor_type\nD1,2025-01-01,A,partner\n" => "no deal file was given";
}

#[test]
fn bad_rows_never_sink_the_file_and_are_counted_by_reason() {
    // Half the rows are bad: the old 5% rule rejected this file.
    let (data, _) = load_text(
        "deal_id,amount,stage,created_date,close_date\nD1,5,Closed Won,2025-01-01,2025-01-09\nD2,7,Closed Won,2025-01-01,2025-13-02\nD3,=1+1,Closed Lost,2025-02-01,2025-01-09\nD4,9,Closed Won,2025-01-01,\n",
        None,
    );
    assert_eq!(data.deals.len(), 2, "D1 and D3 kept");
    let problems = data.quality.problems();
    assert_eq!((problems.deal_rows_affected, problems.deal_rows), (3, 4));
    let reasons: Vec<(&str, &str, Vec<u64>)> =
        problems.groups.iter().map(|g| (g.reason.as_str(), g.effect.label(), g.lines.clone())).collect();
    assert!(reasons.contains(&("close date is not a date", "left out", vec![3])), "{reasons:?}");
    assert!(reasons.contains(&("closed without a close date", "left out", vec![5])), "{reasons:?}");
    assert!(reasons.contains(&("amount is not a number", "kept, amount counted as 0", vec![4])), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.0 == "closes before it was created" && r.2 == vec![4]), "{reasons:?}");
    let csv = data.quality.problem_rows_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "file,row,column,problem,what_was_done,deal_id,amount,stage,created_date,close_date");
    assert!(lines.contains(&"deals.csv,3,close_date,\"\"\"2025-13-02\"\" is not a date\",left out,D2,7,Closed Won,2025-01-01,2025-13-02"), "{csv}");
    assert!(csv.contains("'=1+1") || !csv.contains("=1+1"), "formula-safe: {csv}");
    assert_eq!(lines.len(), 1 + 4, "one line per problem: {csv}");
}

#[test]
fn no_deal_id_column_numbers_the_rows_and_no_created_column_drops_only_cycle() {
    let (data, _) = load_text("Amount,Stage,Close Date\n5,Closed Won,2025-01-09\n7,Closed Lost,2025-01-10\n", None);
    let ids: Vec<&str> = data.deals.iter().map(|d| data.strings.name(d.id)).collect();
    assert_eq!(ids, vec!["1", "2"], "§1: the 1-based data row number is the id");
    assert!(data.deals.iter().all(|d| d.created.is_none()));
    let notices = data.quality.notices().join("\n");
    assert!(notices.contains("No deal id column"), "{notices}");
    assert!(notices.contains("No created-date column"), "{notices}");
    assert!(data.quality.problems().is_empty(), "a missing column is said once, not per row");
}

#[test]
fn duplicates_and_blank_amounts_are_reported_not_dropped_silently() {
    let (data, _) = load_text(
        "deal_id,amount,stage,created_date,close_date\nD1,5,Closed Won,2025-01-01,2025-01-02\nD1,7,Closed Won,2025-01-01,2025-01-02\nD2,,Open,2025-01-01,\n",
        None,
    );
    assert_eq!(data.deals.len(), 2);
    assert_eq!(data.deals[0].amount_cents, 500, "first row wins");
    assert!(data.quality.notices().iter().any(|n| n.contains("1 duplicate deal id") && n.contains("row 3")));
    assert!(data.quality.notices().iter().any(|n| n.contains("blank amount") && n.contains("row 4")));
}

#[test]
fn touch_file_is_recognised_whatever_the_order_and_unknown_deals_reported() {
    let deals = InputFile {
        name: "d.csv".into(),
        bytes: b"deal_id,amount,stage,created_date,close_date\nD1,5,Closed Won,2025-01-01,2025-01-09\n".to_vec(),
    };
    let touches = InputFile {
        name: "t.csv".into(),
        bytes: b"deal_id,touch_date,actor,actor_type\nD1,2025-01-02,A,partner\nD9,2025-01-02,A,partner\n".to_vec(),
    };
    let data = load(&[touches, deals]).unwrap();
    assert_eq!(data.touches.as_ref().map(Vec::len), Some(1));
    assert!(data.quality.notices().iter().any(|n| n.contains("D9 (row 3)")));
}

macro_rules! value_cases {
    ($($name:ident: $f:expr, $input:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() { assert_eq!($f($input), $want); }
    )*};
}

value_cases! {
    cents_plain: parse_cents, "1234.56" => Some(123_456);
    cents_whole: parse_cents, "222000" => Some(22_200_000);
    cents_one_decimal: parse_cents, "5.5" => Some(550);
    cents_rounds_third_decimal: parse_cents, "0.125" => Some(13);
    cents_negative: parse_cents, "-3.10" => Some(-310);
    cents_leading_dot: parse_cents, ".5" => Some(50);
    cents_rejects_text: parse_cents, "12abc" => None;
    cents_rejects_empty: parse_cents, "" => None;
    cents_rejects_lone_dot: parse_cents, "." => None;
    date_iso: parse_iso_date, "2025-03-31" => Day::from_ymd(2025, 3, 31);
    date_with_time: parse_iso_date, "2024-09-25 16:38" => Day::from_ymd(2024, 9, 25);
    date_with_t_and_zone: parse_iso_date, "2024-09-25T16:38:00Z" => Day::from_ymd(2024, 9, 25);
    date_leap_day: parse_iso_date, "2024-02-29" => Day::from_ymd(2024, 2, 29);
    date_not_leap: parse_iso_date, "2025-02-29" => None;
    date_european_not_iso: parse_iso_date, "31/02/2025" => None;
    format_positive: format_cents, 123_456 => "1234.56".to_string();
    format_negative: format_cents, -5 => "-0.05".to_string();
    stage_won: stage_outcome, "Closed Won" => (true, true);
    stage_hubspot_lost: stage_outcome, "Closed lost" => (true, false);
    stage_open: stage_outcome, "Negotiation" => (false, false);
    cell_plain: text_cell, "Acme" => "Acme".to_string();
    cell_comma: text_cell, "Smith, Jones & Partners" => "\"Smith, Jones & Partners\"".to_string();
    cell_formula: text_cell, "=HYPERLINK(\"x\")" => "\"'=HYPERLINK(\"\"x\"\")\"".to_string();
    cell_plus: text_cell, "+1 Partners" => "'+1 Partners".to_string();
    cell_at: text_cell, "@risk" => "'@risk".to_string();
    cell_minus: text_cell, "-Acme" => "'-Acme".to_string();
}

#[test]
fn days_round_trip_over_four_centuries() {
    for n in (-200_000..200_000).step_by(997) {
        let (y, m, d) = Day(n).ymd();
        assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)));
    }
    assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
    assert_eq!(Day::from_ymd(2000, 3, 1).unwrap().0 - Day::from_ymd(2000, 2, 28).unwrap().0, 2);
}

#[test]
fn delimiter_is_sniffed_from_the_header() {
    assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3"), b';');
    assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
    assert_eq!(sniff_delimiter(b"a|b|c\n"), b'|');
    assert_eq!(sniff_delimiter(b"a,b\n"), b',');
    assert_eq!(sniff_delimiter(b"single\n"), b',');
}

#[test]
fn compact_money_for_axes() {
    assert_eq!(format_compact(1_234_000.0, "$"), "$1.2M");
    assert_eq!(format_compact(850_000.0, "€"), "€850k");
    assert_eq!(format_compact(4_000_000.0, "$"), "$4M");
    assert_eq!(format_compact(9_500.0, "$"), "$9,500");
    assert_eq!(format_compact(-20_000.0, "$"), "-$20k");
}

#[test]
fn semicolon_file_loads_like_the_comma_file() {
    let comma = "deal_id,amount,stage,created_date,close_date\nD1,5.25,Closed Won,2025-01-01,2025-01-09\n";
    let (a, _) = load_text(comma, None);
    let (b, _) = load_text(&comma.replace(',', ";"), None);
    assert_eq!(a.deals, b.deals);
}

#[test]
fn mixed_date_formats_are_read_value_by_value_where_unambiguous() {
    // Month-first overall (03/15), with one day-first value (15/03) that can only be read one way.
    let (data, _) = load_text(
        "deal_id,amount,stage,created_date,close_date\nD1,5,Closed Won,01/02/2025,03/15/2025\nD2,7,Closed Won,01/02/2025,15/03/2025\nD3,9,Closed Won,2025-01-02,2025-03-15\n",
        None,
    );
    assert_eq!(data.deals.len(), 3, "no row left out");
    let closes: Vec<Option<Day>> = data.deals.iter().map(|d| d.close).collect();
    assert!(closes.iter().all(|c| *c == Day::from_ymd(2025, 3, 15)), "{closes:?}");
}

#[test]
fn a_pivot_table_gets_a_message_saying_what_to_export_instead() {
    let bytes = b"Row Labels,Sum of Amount\nClosed Won,1200\nClosed Lost,300\nGrand Total,1500\n".to_vec();
    let parsed = engine::ingest::parse_files(&[InputFile { name: "pivot.csv".into(), bytes }]).unwrap();
    let message = parsed[0].unfixable().expect("a summary cannot be mapped").to_string();
    assert!(message.contains("pivot table") && message.contains("underlying data"), "{message}");
}

#[test]
fn direct_in_a_partner_column_is_not_a_partner() {
    let (data, journeys) = load_text(
        "deal_id,amount,stage,created_date,close_date,Partner\nD1,5,Closed Won,2025-01-02,2025-02-01,Direct\nD2,7,Closed Won,2025-01-02,2025-02-01,Acme\nD3,9,Closed Won,2025-01-02,2025-02-01,None\n",
        None,
    );
    let partners: Vec<bool> = (0..3).map(|i| journeys.has_partner(i)).collect();
    assert_eq!(partners, vec![false, true, false]);
    assert!(data.strings.get("Direct").is_none(), "\"Direct\" never becomes a key");
}

#[test]
fn every_stage_label_is_listed_with_its_count_and_outcome() {
    let (data, _) = load_text(
        "deal_id,amount,stage,created_date,close_date\nD1,5,Ganada,2025-01-02,2025-02-01\nD2,7,Facturado,2025-01-02,2025-02-01\nD3,9,Ganada,2025-01-02,2025-02-01\nD4,9,Perdida,2025-01-02,2025-02-01\nD5,1,Negociación,2025-01-02,\n",
        None,
    );
    let labels: Vec<(&str, usize, bool, bool, bool)> =
        data.quality.stage_labels.iter().map(|l| (l.label.as_str(), l.rows, l.closed, l.won, l.unknown)).collect();
    assert_eq!(
        labels,
        vec![
            ("Ganada", 2, true, true, false),
            ("Facturado", 1, false, false, true),
            ("Negociación", 1, false, false, false),
            ("Perdida", 1, true, false, false),
        ]
    );
}

#[test]
fn a_file_without_a_header_row_keeps_its_first_row_and_gets_value_sniffed_roles() {
    let csv = "D-1,1000,Closed Won,2025-01-02,2025-02-01\nD-2,500,Closed Lost,2025-01-05,2025-03-01\nD-3,700,Negotiation,2025-01-07,2025-04-01\n";
    let parsed =
        engine::ingest::parse_files(&[InputFile { name: "raw.csv".into(), bytes: csv.as_bytes().to_vec() }]).unwrap();
    let file = &parsed[0];
    assert!(file.report.headerless);
    assert_eq!(file.table.headers, vec!["Column 1", "Column 2", "Column 3", "Column 4", "Column 5"]);
    assert_eq!(file.table.len(), 3, "the first row is data");
    let role = |r: &str| file.mapping.column(r);
    assert_eq!(
        (role("amount"), role("stage"), role("created_date"), role("close_date"), role("deal_id")),
        (Some(1), Some(2), Some(3), Some(4), Some(0))
    );
    assert!(!file.is_confident(), "sniffed roles are confirmed in the panel");
    let data = engine::ingest::build(&parsed, &Default::default()).unwrap();
    assert_eq!(data.deals.len(), 3);
    assert!(data.quality.notices().iter().any(|n| n.contains("no header row")));
    // A month-per-column ARR header above numbers keeps its header.
    let wide = "account,2024-01-31,2024-02-29\nAcme,100,120\nBeta,50,55\n";
    let (table, report) = engine::ingest::csv_reader::read_table_with("arr.csv", wide.as_bytes(), None).unwrap();
    assert!(!report.headerless);
    assert_eq!(table.headers[1], "2024-01-31");
}

#[test]
fn old_and_protected_excel_files_say_what_to_do() {
    let ole = |stream: &str| {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 600));
        bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend(std::iter::repeat_n(0u8, 600));
        InputFile { name: "old.xls".into(), bytes }
    };
    let message = |f: InputFile| load(&[f]).unwrap_err().to_string();
    assert!(message(ole("EncryptionInfo")).contains("password-protected"));
    assert!(message(ole("Book")).contains("Excel 5.0/95"));
}
