//! Grouped horizontal bars: credited revenue per key under several models.

use super::theme::{series_color, truncate, FONT, INK};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Longest row label drawn; longer names are shortened with an ellipsis.
const LABEL_CHARS: usize = 26;

/// What the comparison chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonChart {
    /// Headline stating what is shown.
    pub title: String,
    /// Model, period and data source.
    pub subtitle: String,
    /// Currency symbol for the axis (`$`, `€`…).
    pub currency_symbol: String,
    /// Row labels, top to bottom.
    pub keys: Vec<String>,
    /// One series per model: its label and one value per key (currency units).
    pub series: Vec<(String, Vec<f64>)>,
}

/// Draw the chart on any plotters drawing area.
pub fn draw_comparison<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ComparisonChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    super::draw_heading(root, &chart.title, &chart.subtitle)?;
    let (width, _) = root.dim_in_pixel();

    // Legend: one swatch per model, wrapping when the row is full.
    let legend_font = (FONT, 15).into_font().color(&INK);
    let (mut x, mut y) = (24i32, 86i32);
    for (i, (label, _)) in chart.series.iter().enumerate() {
        let w = 24 + 9 * label.chars().count() as i32;
        if x + w > width as i32 - 24 {
            x = 24;
            y += 22;
        }
        root.draw(&Rectangle::new([(x, y), (x + 12, y + 12)], series_color(i).filled()))?;
        root.draw(&Text::new(label.clone(), (x + 18, y - 1), legend_font.clone()))?;
        x += w + 12;
    }

    let body = root.margin(y as u32 + 26, 16, 8, 24);
    let n = chart.keys.len().max(1);
    let values = chart.series.iter().flat_map(|(_, v)| v.iter().copied());
    let max = values.clone().fold(0.0f64, f64::max).max(1.0) * 1.08;
    let min = values.fold(0.0f64, f64::min) * 1.08;
    let mut cc = super::row_axes(&body, n, (min, max), &chart.currency_symbol)?;

    let groups = chart.series.len().max(1) as f64;
    let band = 0.78 / groups;
    for (s, (_, values)) in chart.series.iter().enumerate() {
        let color = series_color(s);
        cc.draw_series(values.iter().enumerate().map(|(row, &v)| {
            let top = (n - row) as f64 - 0.11 - band * s as f64;
            Rectangle::new([(0.0, top - band * 0.92), (v, top)], color.filled())
        }))?;
    }
    let labels: Vec<&str> = chart.keys.iter().map(String::as_str).collect();
    super::draw_row_labels(root, &cc, &labels, LABEL_CHARS)?;
    root.present()
}

/// Render the chart to an SVG document of the given size.
/// Shortened row labels keep their full name as an SVG `<title>` (a tooltip).
pub fn comparison_svg(chart: &ComparisonChart, width: u32, height: u32) -> String {
    let mut svg = super::render_svg(width, height, |root| draw_comparison(root, chart));
    for key in &chart.keys {
        let short = truncate(key, LABEL_CHARS);
        if short != *key {
            // plotters writes the text on its own line: `>\n{text}\n</text>`.
            let shown = format!("\n{}\n</text>", escape(&short));
            let titled = format!("\n<title>{}</title>{}\n</text>", escape(key), escape(&short));
            svg = svg.replacen(&shown, &titled, 1);
        }
    }
    svg
}

/// Text escaped for SVG.
fn escape(text: &str) -> String {
    super::xml_safe(
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;"),
    )
}
