//! Charts drawn with plotters from already-computed results. Every drawing
//! function is generic over the plotters backend, so tests render them to
//! an SVG string natively and the browser gets the same SVG.

pub mod agreement;
pub mod comparison;
pub mod projection;
pub mod theme;
pub mod waterfall;

pub use agreement::{agreement_rows, agreement_svg, draw_agreement, AgreementChart, AgreementRow};
pub use comparison::{comparison_svg, draw_comparison, ComparisonChart};
pub use projection::{draw_projection, projection_svg, ProjectionChart};
pub use waterfall::{draw_waterfall, waterfall_svg, Step, WaterfallChart};

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// White background, the title in bold and the subtitle under it: the head of every chart.
pub fn draw_heading<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let bold = (theme::FONT, 26).into_font().style(FontStyle::Bold).color(&theme::INK);
    root.draw(&Text::new(title.to_string(), (24, 16), bold))?;
    root.draw(&Text::new(subtitle.to_string(), (24, 52), (theme::FONT, 16).into_font().color(&theme::MUTED)))
}

/// A chart context with categories along x and money up y.
pub type ColumnChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Axes for `categories` columns left to right and money upwards (`$1.2M`),
/// with light horizontal grid lines only.
pub fn column_axes<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    categories: usize,
    (bottom, top): (f64, f64),
    currency_symbol: &str,
    x_label_area: u32,
) -> Result<ColumnChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let y_fmt = |v: &f64| engine::money::format_compact(*v, currency_symbol);
    let mut cc = ChartBuilder::on(body)
        .x_label_area_size(x_label_area)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..categories.max(1) as f64, bottom..top)?;
    cc.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_label_style((theme::FONT, 14).into_font().color(&theme::MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme::GRID)
        .axis_style(theme::GRID)
        .draw()?;
    Ok(cc)
}

/// Axes for `rows` horizontal rows top to bottom (row `r` centred at
/// `rows − r − 0.5`) and money along x from `left` to `right` (`$1.2M`),
/// with light vertical grid lines only and room for row labels on the left.
pub fn row_axes<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    rows: usize,
    (left, right): (f64, f64),
    currency_symbol: &str,
) -> Result<ColumnChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let x_fmt = |v: &f64| engine::money::format_compact(*v, currency_symbol);
    let mut cc = ChartBuilder::on(body)
        .x_label_area_size(28)
        .y_label_area_size(180)
        .build_cartesian_2d(left..right, 0.0..rows.max(1) as f64)?;
    cc.configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&x_fmt)
        .x_label_style((theme::FONT, 14).into_font().color(&theme::MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme::GRID)
        .axis_style(theme::GRID)
        .draw()?;
    Ok(cc)
}

/// The label of each row of [`row_axes`], right-aligned left of the plot
/// and shortened to `max_chars`; returns each row's pixel centre `y`.
pub fn draw_row_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    cc: &ColumnChart<'_, DB>,
    labels: &[&str],
    max_chars: usize,
) -> Result<Vec<i32>, DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let font = (theme::FONT, 15).into_font().color(&theme::INK).pos(Pos::new(HPos::Right, VPos::Center));
    let n = labels.len().max(1);
    let left = cc.x_range().start;
    let mut centres = Vec::with_capacity(labels.len());
    for (row, label) in labels.iter().enumerate() {
        let (px, py) = cc.backend_coord(&(left, (n - row) as f64 - 0.5));
        root.draw(&Text::new(theme::truncate(label, max_chars), (px - 8, py), font.clone()))?;
        centres.push(py);
    }
    Ok(centres)
}

/// Render a chart to an SVG document of the given size (an error becomes a small error SVG).
pub fn render_svg<E: std::fmt::Display>(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), E>,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        if let Err(e) = draw(&root) {
            return error_svg(&e.to_string());
        }
    }
    xml_safe(svg)
}

/// Characters XML 1.0 cannot hold (control characters a file or a link
/// brought into a name) replaced by U+FFFD, so every SVG parses, as an
/// image, a PNG and in the PowerPoint deck, and the replacement shows.
pub fn xml_safe(text: String) -> String {
    let forbidden = |c: char| (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}';
    if !text.chars().any(forbidden) {
        return text;
    }
    text.chars().map(|c| if forbidden(c) { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

/// A small SVG stating that a chart could not be drawn (the message escaped).
pub fn error_svg(message: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"40\"><text x=\"10\" y=\"24\">chart error: {}</text></svg>",
        theme::truncate(message, 80).replace('&', "&amp;").replace('<', "&lt;")
    )
}
