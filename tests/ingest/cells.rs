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
