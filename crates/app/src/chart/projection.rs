//! The scenario projection: per year, partner-involved bookings, the
//! incremental revenue they bring, and what the program costs.

use super::theme::{series_color, FONT, INK};
use engine::money::format_compact;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the projection chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionChart {
    /// Headline.
    pub title: String,
    /// Assumptions in one line.
    pub subtitle: String,
    /// Currency symbol for labels.
    pub currency_symbol: String,
    /// Category labels (`Year 1`…).
    pub periods: Vec<String>,
    /// Series: label and one value per period.
    pub series: Vec<(String, Vec<f64>)>,
}

/// Draw the projection on any plotters drawing area.
pub fn draw_projection<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ProjectionChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    super::draw_heading(root, &chart.title, &chart.subtitle)?;
    let legend_font = (FONT, 15).into_font().color(&INK);
    let mut x = 24;
    for (i, (label, _)) in chart.series.iter().enumerate() {
        root.draw(&Rectangle::new([(x, 86), (x + 12, 98)], series_color(i).filled()))?;
        root.draw(&Text::new(label.clone(), (x + 18, 85), legend_font.clone()))?;
        x += 40 + 9 * label.chars().count() as i32;
    }
    let values = chart.series.iter().flat_map(|(_, v)| v.iter().copied());
    let top = values.clone().fold(0.0f64, f64::max).max(1.0) * 1.15;
    let bottom = values.fold(0.0f64, f64::min) * 1.15;
    let n = chart.periods.len().max(1);
    let body = root.margin(112, 16, 8, 16);
    let mut cc = super::column_axes(&body, n, (bottom, top), &chart.currency_symbol, 36)?;
    let groups = chart.series.len().max(1) as f64;
    let band = 0.7 / groups;
    let value_font = (FONT, 13).into_font().color(&INK).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (s, (_, values)) in chart.series.iter().enumerate() {
        for (p, &v) in values.iter().enumerate() {
            let left = p as f64 + 0.15 + band * s as f64;
            cc.draw_series(std::iter::once(Rectangle::new(
                [(left, 0.0f64.min(v)), (left + band * 0.9, 0.0f64.max(v))],
                series_color(s).filled(),
            )))?;
            let (px, py) = cc.backend_coord(&(left + band * 0.45, 0.0f64.max(v)));
            root.draw(&Text::new(format_compact(v, &chart.currency_symbol), (px, py - 3), value_font.clone()))?;
        }
    }
    let label_font = (FONT, 16).into_font().color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
    for (p, label) in chart.periods.iter().enumerate() {
        let (px, py) = cc.backend_coord(&(p as f64 + 0.5, bottom));
        root.draw(&Text::new(label.clone(), (px, py + 8), label_font.clone()))?;
    }
    root.present()
}

/// Render the projection to an SVG document of the given size.
pub fn projection_svg(chart: &ProjectionChart, width: u32, height: u32) -> String {
    super::render_svg(width, height, |root| draw_projection(root, chart))
}
