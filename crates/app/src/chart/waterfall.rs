//! The value waterfall: what partner-involved deals would have earned at
//! direct win rate and size, the win-rate effect, the deal-size effect, and
//! the partner revenue actually won.

use super::theme::{FONT, INK, MUTED, PALETTE};
use engine::money::format_compact;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar of a waterfall.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A total drawn from zero.
    Total(String, f64),
    /// A change drawn from the running total.
    Change(String, f64),
}

/// What the waterfall shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallChart {
    /// Headline stating what is shown.
    pub title: String,
    /// Definition, period and data source.
    pub subtitle: String,
    /// Currency symbol for labels.
    pub currency_symbol: String,
    /// Bars, left to right.
    pub steps: Vec<Step>,
}

/// Draw the waterfall on any plotters drawing area.
pub fn draw_waterfall<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &WaterfallChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    super::draw_heading(root, &chart.title, &chart.subtitle)?;
    // Running totals: each bar spans [from, to].
    let mut running = 0.0;
    let spans: Vec<(f64, f64)> = chart
        .steps
        .iter()
        .map(|s| match s {
            Step::Total(_, v) => {
                running = *v;
                (0.0, *v)
            }
            Step::Change(_, v) => {
                let from = running;
                running += v;
                (from, running)
            }
        })
        .collect();
    let top = spans.iter().flat_map(|&(a, b)| [a, b]).fold(0.0f64, f64::max).max(1.0) * 1.15;
    let bottom = spans.iter().flat_map(|&(a, b)| [a, b]).fold(0.0f64, f64::min) * 1.15;
    let n = chart.steps.len().max(1);
    let body = root.margin(90, 16, 8, 16);
    let mut cc = super::column_axes(&body, n, (bottom, top), &chart.currency_symbol, 44)?;
    let (total, up, down) = (PALETTE[0], PALETTE[2], PALETTE[5]);
    let value_font =
        (FONT, 15).into_font().style(FontStyle::Bold).color(&INK).pos(Pos::new(HPos::Center, VPos::Bottom));
    let label_font = (FONT, 15).into_font().color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
    for (i, (step, &(from, to))) in chart.steps.iter().zip(&spans).enumerate() {
        let (label, value, color) = match step {
            Step::Total(l, v) => (l, *v, total),
            Step::Change(l, v) if *v >= 0.0 => (l, *v, up),
            Step::Change(l, v) => (l, *v, down),
        };
        let x = i as f64;
        cc.draw_series(std::iter::once(Rectangle::new(
            [(x + 0.18, from.min(to)), (x + 0.82, from.max(to))],
            color.filled(),
        )))?;
        if i + 1 < n {
            // A thin connector to the next bar's start.
            cc.draw_series(std::iter::once(PathElement::new(vec![(x + 0.82, to), (x + 1.18, to)], MUTED)))?;
        }
        let sign = if matches!(step, Step::Change(..)) && value > 0.0 { "+" } else { "" };
        let (px, py) = cc.backend_coord(&(x + 0.5, from.max(to)));
        root.draw(&Text::new(
            format!("{sign}{}", format_compact(value, &chart.currency_symbol)),
            (px, py - 4),
            value_font.clone(),
        ))?;
        let (lx, ly) = cc.backend_coord(&(x + 0.5, bottom));
        root.draw(&Text::new(super::theme::truncate(label, 24), (lx, ly + 8), label_font.clone()))?;
    }
    root.present()
}

/// Render the waterfall to an SVG document of the given size.
pub fn waterfall_svg(chart: &WaterfallChart, width: u32, height: u32) -> String {
    super::render_svg(width, height, |root| draw_waterfall(root, chart))
}
