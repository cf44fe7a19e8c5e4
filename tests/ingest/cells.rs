//! Single cells read the same on every path: the byte-level fast paths
//! (plain digits, a leading minus, ASCII trims) give what the general
//! readers give, and null markers and "no partner" words match in any case.

use engine::ingest::values::{parse_amount, DecimalMark};

#[test]
fn amount_fast_paths_read_as_the_general_path() {
    let cases: &[(&str, DecimalMark, Option<i64>)] = &[
        ("13490.00", DecimalMark::Point, Some(1_349_000)),
        ("-5", DecimalMark::Point, Some(-500)),
        (" 12.505 ", DecimalMark::Point, Some(1251)),
        ("1.2.3", DecimalMark::Point, None),
        ("1,234.50", DecimalMark::Point, Some(123_450)),
        ("13490.00", DecimalMark::Comma, Some(134_900_000)),
        ("12,5", DecimalMark::Comma, Some(1250)),
        ("--5", DecimalMark::Point, None),
        ("-", DecimalMark::Point, None),
        ("5-", DecimalMark::Point, Some(-500)),
        ("(1,200)", DecimalMark::Point, Some(-120_000)),
        ("USD 1,200", DecimalMark::Point, Some(120_000)),
        ("\u{a0}42", DecimalMark::Point, Some(4200)),
    ];
    for (text, mark, want) in cases {
        assert_eq!(parse_amount(text, *mark), *want, "{text:?} with {mark:?}");
    }
}

#[test]
fn null_markers_and_no_partner_words_match_whatever_the_case() {
    use engine::ingest::partners::means_no_partner;
    use engine::ingest::split_partners;
    use engine::ingest::values::is_null_marker;
    for marker in ["#N/A", "n/a", "NULL", "none", "-", "--", "(blank)", "\\N", "#ref!"] {
        assert!(is_null_marker(marker), "{marker}");
    }
    for value in ["Acme", "0", "North", "", "#1 Partner"] {
        assert!(!is_null_marker(value), "{value}");
    }
    for word in ["Direct", "DIRECT SALES", " no partner ", "Internal"] {
        assert!(means_no_partner(word), "{word}");
    }
    assert!(!means_no_partner("Directory Partners"));
    assert_eq!(split_partners(" Acme ;; n/a | Globex\nDirect;Initech ", false), ["Acme", "Globex", "Initech"]);
    assert_eq!(split_partners("Acme, Globex", true), ["Acme", "Globex"]);
    assert_eq!(split_partners("Acme, Globex", false), ["Acme, Globex"]);
    assert_eq!(split_partners("Société Générale;Zürich AG", false), ["Société Générale", "Zürich AG"]);
}

#[test]
fn every_date_form_people_export() {
    use engine::date::Day;
    use engine::ingest::values::{parse_date, DateOrder};
    let ymd = |y, m, d| Day::from_ymd(y, m, d);
    let cases: &[(&str, DateOrder, Option<Day>)] = &[
        // Compact dates of ERPs and databases (SAP Business One).
        ("20190701", DateOrder::MonthFirst, ymd(2019, 7, 1)),
        ("20190701153000", DateOrder::MonthFirst, ymd(2019, 7, 1)),
        ("201907011530", DateOrder::MonthFirst, ymd(2019, 7, 1)),
        ("20191301", DateOrder::MonthFirst, None),
        ("20192501153000", DateOrder::MonthFirst, None),
        // Zoho, Dynamics, German/Russian CRMs, ISO with offsets, two-digit years.
        ("15 Apr, 2021 00:02:00", DateOrder::MonthFirst, ymd(2021, 4, 15)),
        ("5/20/2024 7:42", DateOrder::MonthFirst, ymd(2024, 5, 20)),
        ("14.06.2026 09:20", DateOrder::MonthFirst, ymd(2026, 6, 14)),
        ("2020-09-10T03:00:00+03:00", DateOrder::MonthFirst, ymd(2020, 9, 10)),
        ("2024-01-22T16:14:25.000+0000", DateOrder::MonthFirst, ymd(2024, 1, 22)),
        ("2023-09-26 15:15:00.000000 UTC", DateOrder::MonthFirst, ymd(2023, 9, 26)),
        ("02/03/24", DateOrder::MonthFirst, ymd(2024, 2, 3)),
        ("02/03/24", DateOrder::DayFirst, ymd(2024, 3, 2)),
        // Month names in the seven stage languages, with their small words.
        ("31 de marzo de 2025", DateOrder::DayFirst, ymd(2025, 3, 31)),
        ("31. März 2025", DateOrder::DayFirst, ymd(2025, 3, 31)),
        ("1 déc. 2024", DateOrder::DayFirst, ymd(2024, 12, 1)),
        ("12 settembre 2024", DateOrder::DayFirst, ymd(2024, 9, 12)),
        ("3 mrt 2025", DateOrder::DayFirst, ymd(2025, 3, 3)),
        ("7 outubro 2023", DateOrder::DayFirst, ymd(2023, 10, 7)),
        ("Jan 5, 2025", DateOrder::MonthFirst, ymd(2025, 1, 5)),
        ("5-Sep-23", DateOrder::DayFirst, ymd(2023, 9, 5)),
        ("45747", DateOrder::MonthFirst, ymd(2025, 3, 31)),
        ("soon", DateOrder::MonthFirst, None),
    ];
    for (text, order, want) in cases {
        assert_eq!(parse_date(text, *order), *want, "{text:?}");
    }
}

#[test]
fn amounts_with_codes_marks_and_separators() {
    let cases: &[(&str, DecimalMark, Option<i64>)] = &[
        ("$22,700.00", DecimalMark::Point, Some(2_270_000)),
        ("1.234,56 €", DecimalMark::Comma, Some(123_456)),
        ("EUR 1.234,56", DecimalMark::Comma, Some(123_456)),
        ("1 234,56", DecimalMark::Comma, Some(123_456)),
        ("1\u{202f}234,56", DecimalMark::Comma, Some(123_456)),
        ("1'234.50", DecimalMark::Point, Some(123_450)),
        ("CHF 1'234.50", DecimalMark::Point, Some(123_450)),
        ("2900000.00 ", DecimalMark::Point, Some(290_000_000)),
        ("-$1,000", DecimalMark::Point, Some(-100_000)),
        ("12 500 RUB", DecimalMark::Comma, Some(1_250_000)),
    ];
    for (text, mark, want) in cases {
        assert_eq!(parse_amount(text, *mark), *want, "{text:?} with {mark:?}");
    }
}
