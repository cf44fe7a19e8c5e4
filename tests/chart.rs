//! Charts render natively to SVG through the same code the browser uses.

use partner_attribution::chart::{comparison_svg, ComparisonChart};

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
    assert!(!svg.contains("Would Overlap Bars"));
}

#[test]
fn empty_chart_still_renders() {
    let svg = comparison_svg(&chart(&[]), 640, 360);
    assert!(svg.contains("Top partners"));
}
