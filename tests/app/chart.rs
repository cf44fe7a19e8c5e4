//! Charts render natively to SVG through the same code the browser uses.

use app::chart::{comparison_svg, ComparisonChart};

fn chart(keys: &[&str]) -> ComparisonChart {
    ComparisonChart {
        title: "Top partners by credited won revenue".into(),
        subtitle: "Six attribution models · fixture".into(),
        currency_symbol: "$".into(),
        keys: keys.iter().map(|k| k.to_string()).collect(),
        series: vec![
            ("Sourced".into(), keys.iter().enumerate().map(|(i, _)| 1_000_000.0 * (i + 1) as f64).collect()),
            ("Linear".into(), keys.iter().enumerate().map(|(i, _)| 500_000.0 * (i + 1) as f64).collect()),
        ],
    }
}

#[test]
fn svg_has_title_subtitle_legend_labels_and_one_bar_per_value() {
    let svg = comparison_svg(&chart(&["Northwind", "Acme"]), 960, 560);
    assert!(svg.starts_with("<svg"));
    for text in
        ["Top partners by credited won revenue", "Six attribution models", "Sourced", "Linear", "Northwind", "Acme"]
    {
        assert!(svg.contains(text), "missing {text}");
    }
    // Background + 2 legend swatches + 2×2 bars, at least.
    assert!(svg.matches("<rect").count() >= 7, "{}", svg.matches("<rect").count());
    assert!(svg.contains("$2M") || svg.contains("$1M"), "currency axis labels");
}

#[test]
fn file_text_in_labels_is_escaped() {
    let svg = comparison_svg(&chart(&["<script>alert(1)</script>", "Smith & Co"]), 960, 560);
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;") || svg.contains("&lt;script"));
    assert!(svg.contains("Smith &amp; Co"));
}

#[test]
fn long_partner_names_are_truncated_with_an_ellipsis() {
    let svg = comparison_svg(&chart(&["An Extremely Long Partner Name That Would Overlap Bars"]), 960, 560);
    assert!(svg.contains("…"));
    // The full name is only in the tooltip, never drawn across the bars.
    assert_eq!(svg.matches("Would Overlap Bars").count(), 1);
    assert!(svg.contains("<title>An Extremely Long Partner Name That Would Overlap Bars</title>"));
}

#[test]
fn empty_chart_still_renders() {
    let svg = comparison_svg(&chart(&[]), 640, 360);
    assert!(svg.contains("Top partners"));
}

#[test]
fn waterfall_runs_from_baseline_through_both_effects_to_actual() {
    use app::chart::{waterfall_svg, Step, WaterfallChart};
    let chart = WaterfallChart {
        title: "What partner-involved deals added".into(),
        subtitle: "Any partner involved · fixture".into(),
        currency_symbol: "$".into(),
        steps: vec![
            Step::Total("Direct baseline".into(), 1_000_000.0),
            Step::Change("Win-rate effect".into(), 500_000.0),
            Step::Change("Deal-size effect".into(), -200_000.0),
            Step::Total("Partner revenue".into(), 1_300_000.0),
        ],
    };
    let svg = waterfall_svg(&chart, 960, 480);
    for text in ["What partner-involved deals added", "Direct baseline", "Win-rate effect", "+$500k", "-$200k", "$1.3M"]
    {
        assert!(svg.contains(text), "missing {text}");
    }
    // Background + four bars at least.
    assert!(svg.matches("<rect").count() >= 5);
}

#[test]
fn projection_has_a_bar_and_value_per_series_and_year() {
    use app::chart::{projection_svg, ProjectionChart};
    let chart = ProjectionChart {
        title: "Three-year projection".into(),
        subtitle: "assumptions".into(),
        currency_symbol: "€".into(),
        periods: vec!["Year 1".into(), "Year 2".into()],
        series: vec![("Partner bookings".into(), vec![2e6, 3e6]), ("Program cost".into(), vec![5e5, 5e5])],
    };
    let svg = projection_svg(&chart, 960, 480);
    for text in ["Three-year projection", "Year 1", "Year 2", "Partner bookings", "€2M", "€3M", "€500k"] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(svg.matches("<rect").count() >= 1 + 2 + 4);
}

#[test]
fn a_partner_keeps_its_colour_whatever_the_file() {
    use app::chart::theme::{key_color, PALETTE};
    assert_eq!(key_color("Acme Integrations"), key_color(" acme integrations "));
    assert_eq!(key_color("(direct)"), PALETTE[7], "direct is grey");
    let names = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell"];
    let used: std::collections::BTreeSet<_> = names.iter().map(|n| format!("{:?}", key_color(n))).collect();
    assert!(used.len() >= 4, "names spread over the palette: {used:?}");
    assert!(names.iter().all(|n| key_color(n) != PALETTE[7]), "grey is reserved for (direct)");
}

#[test]
fn shortened_labels_keep_their_full_name_as_a_tooltip() {
    let long = "Worldwide Strategic Alliances & Cloud Resellers Group";
    let svg = comparison_svg(&chart(&[long, "Acme"]), 960, 560);
    assert!(svg.contains("<title>Worldwide Strategic Alliances &amp; Cloud Resellers Group</title>"), "{svg}");
    assert!(svg.contains("Worldwide Strategic Allia…"));
    assert!(!svg.contains("<title>Acme</title>"), "short names need no tooltip");
}

#[test]
fn agreement_rows_range_over_additive_rules_sorted_by_median_with_influenced_apart() {
    use app::chart::{agreement_rows, agreement_svg, AgreementChart};
    let keys: Vec<String> = ["Acme", "Bolt", "Cora & Co"].iter().map(|k| k.to_string()).collect();
    let series = vec![
        ("Sourced".to_string(), vec![100.0, 0.0, 50.0]),
        ("Influenced".to_string(), vec![900.0, 800.0, 700.0]),
        ("Linear".to_string(), vec![60.0, 40.0, 50.0]),
        ("Shapley".to_string(), vec![20.0, 80.0, 50.0]),
    ];
    let rows = agreement_rows(&keys, &series, "Linear", 10);
    type Row<'a> = (&'a str, f64, f64, f64, Option<f64>, Option<f64>);
    let summary: Vec<Row> =
        rows.iter().map(|r| (r.key.as_str(), r.low, r.median, r.high, r.selected, r.influenced)).collect();
    assert_eq!(
        summary,
        vec![
            ("Acme", 20.0, 60.0, 100.0, Some(60.0), Some(900.0)),
            ("Cora & Co", 50.0, 50.0, 50.0, Some(50.0), Some(700.0)),
            ("Bolt", 0.0, 40.0, 80.0, Some(40.0), Some(800.0)),
        ],
        "Influenced never widens a range"
    );
    assert_eq!(agreement_rows(&keys, &series, "Influenced", 1)[0].selected, None, "a non-additive pick is not marked");
    let svg = agreement_svg(
        &AgreementChart {
            title: "Credit by partner under 3 additive rules".into(),
            subtitle: "fixture".into(),
            currency_symbol: "$".into(),
            selected_label: "Linear".into(),
            models: 3,
            rows,
        },
        1200,
        600,
    );
    for text in
        ["Credit by partner under 3 additive rules", "range over 3 additive rules", "not additive", "Cora &amp; Co"]
    {
        assert!(svg.contains(text), "missing {text}");
    }
    // Three dots per row plus the selected marker and the legend's two circles.
    assert_eq!(svg.matches("<circle").count(), 3 * 3 + 3 + 2);
}

#[test]
fn control_characters_from_a_file_never_make_an_svg_invalid() {
    // NUL and U+0008 in partner names once made the chart invalid XML, so
    // PNG and PowerPoint export failed; every chart is XML 1.0 now.
    let svg = comparison_svg(&chart(&["Acme\u{0}Corp", "Beta\u{8}Labs"]), 960, 560);
    let forbidden = |c: char| (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}';
    assert!(!svg.chars().any(forbidden), "no character XML 1.0 forbids");
    assert!(svg.contains("Acme\u{FFFD}Corp"), "the replaced character shows");
    let rows = app::chart::agreement_rows(&["Acme\u{1}".into()], &[("Linear".into(), vec![1.0])], "Linear", 10);
    let agreement = app::chart::AgreementChart {
        title: "t".into(),
        subtitle: "s".into(),
        currency_symbol: "$".into(),
        selected_label: "Linear".into(),
        models: 1,
        rows,
    };
    assert!(!app::chart::agreement_svg(&agreement, 960, 560).chars().any(forbidden));
}
