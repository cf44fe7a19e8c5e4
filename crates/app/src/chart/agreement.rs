//! Agreement across rules: per key, the range of its credit over every
//! additive model (a dot-and-range chart), each model a small dot, the
//! selected model a large one, the median a tick; sorted by median credit.
//! Influenced credit is not additive (a deal counts for every partner), so
//! it is written beside each row as a figure, never on the same scale.

use super::theme::{series_color, FONT, INK, MUTED};
use engine::money::format_compact;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Longest row label drawn.
const LABEL_CHARS: usize = 24;

/// Label of the non-additive model in a series list.
pub const INFLUENCED: &str = "Influenced";

/// One key's credit across the additive models.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementRow {
    /// The key (partner, type, team…).
    pub key: String,
    /// Credit under each additive model, in series order.
    pub values: Vec<f64>,
    /// Lowest, median and highest of those.
    pub low: f64,
    /// Median over the additive models.
    pub median: f64,
    /// Highest.
    pub high: f64,
    /// Credit under the selected model, when it is additive and present.
    pub selected: Option<f64>,
    /// Influenced credit (non-additive), when present.
    pub influenced: Option<f64>,
}

/// What the agreement chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementChart {
    /// Headline.
    pub title: String,
    /// Period and source.
    pub subtitle: String,
    /// Currency symbol for the axis.
    pub currency_symbol: String,
    /// Label of the selected model.
    pub selected_label: String,
    /// Number of additive models behind each range.
    pub models: usize,
    /// Rows, largest median first.
    pub rows: Vec<AgreementRow>,
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Rows from per-model series over `keys` (the series labelled
/// [`INFLUENCED`] is kept apart), sorted by median credit, largest first
/// (ties by key), at most `limit`.
pub fn agreement_rows(
    keys: &[String],
    series: &[(String, Vec<f64>)],
    selected: &str,
    limit: usize,
) -> Vec<AgreementRow> {
    let additive: Vec<&(String, Vec<f64>)> = series.iter().filter(|(label, _)| label != INFLUENCED).collect();
    let influenced = series.iter().find(|(label, _)| label == INFLUENCED);
    let chosen = additive.iter().position(|(label, _)| label == selected);
    let mut rows: Vec<AgreementRow> = keys
        .iter()
        .enumerate()
        .filter(|_| !additive.is_empty())
        .map(|(i, key)| {
            let values: Vec<f64> = additive.iter().map(|(_, v)| v.get(i).copied().unwrap_or(0.0)).collect();
            AgreementRow {
                key: key.clone(),
                low: values.iter().copied().fold(f64::INFINITY, f64::min),
                high: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                median: median(&values),
                selected: chosen.map(|c| values[c]),
                influenced: influenced.and_then(|(_, v)| v.get(i).copied()),
                values,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.median.total_cmp(&a.median).then_with(|| a.key.cmp(&b.key)));
    rows.truncate(limit);
    rows
}

/// Draw the chart on any plotters drawing area.
pub fn draw_agreement<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &AgreementChart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    super::draw_heading(root, &chart.title, &chart.subtitle)?;
    let (width, _) = root.dim_in_pixel();
    let legend = (FONT, 15).into_font().color(&INK);
    let range_color = series_color(4).mix(0.45);
    let dot_color = MUTED.mix(0.7);
    let pick = series_color(0);
    let y = 86;
    root.draw(&Rectangle::new([(24, y + 3), (52, y + 9)], range_color.filled()))?;
    root.draw(&Text::new(format!("range over {} additive rules", chart.models), (58, y - 1), legend.clone()))?;
    root.draw(&Circle::new((290, y + 6), 3, dot_color.filled()))?;
    root.draw(&Text::new("each rule", (298, y - 1), legend.clone()))?;
    root.draw(&Rectangle::new([(380, y - 1), (382, y + 13)], INK.filled()))?;
    root.draw(&Text::new("median", (388, y - 1), legend.clone()))?;
    root.draw(&Circle::new((460, y + 6), 6, pick.filled()))?;
    root.draw(&Text::new(chart.selected_label.clone(), (472, y - 1), legend.clone()))?;
    let has_influenced = chart.rows.iter().any(|r| r.influenced.is_some());
    let right = if has_influenced { 190 } else { 24 };
    let body = root.margin(y as u32 + 26, 16, 8, right);
    let n = chart.rows.len().max(1);
    let max = chart.rows.iter().map(|r| r.high).fold(0.0f64, f64::max).max(1.0) * 1.05;
    let min = chart.rows.iter().map(|r| r.low).fold(0.0f64, f64::min) * 1.05;
    let mut cc = super::row_axes(&body, n, (min, max), &chart.currency_symbol)?;
    let centre = |row: usize| (n - row) as f64 - 0.5;
    cc.draw_series(chart.rows.iter().enumerate().map(|(r, row)| {
        Rectangle::new([(row.low, centre(r) - 0.12), (row.high, centre(r) + 0.12)], range_color.filled())
    }))?;
    for (r, row) in chart.rows.iter().enumerate() {
        cc.draw_series(row.values.iter().map(|&v| Circle::new((v, centre(r)), 3, dot_color.filled())))?;
        cc.draw_series(std::iter::once(PathElement::new(
            vec![(row.median, centre(r) - 0.3), (row.median, centre(r) + 0.3)],
            INK.stroke_width(2),
        )))?;
        if let Some(v) = row.selected {
            cc.draw_series(std::iter::once(Circle::new((v, centre(r)), 6, pick.filled())))?;
        }
    }
    let value_font = (FONT, 14).into_font().color(&MUTED).pos(Pos::new(HPos::Left, VPos::Center));
    let labels: Vec<&str> = chart.rows.iter().map(|r| r.key.as_str()).collect();
    let centres = super::draw_row_labels(root, &cc, &labels, LABEL_CHARS)?;
    for (row, py) in chart.rows.iter().zip(centres) {
        if let Some(v) = row.influenced {
            let x = width as i32 - right + 16;
            root.draw(&Text::new(format_compact(v, &chart.currency_symbol), (x, py), value_font.clone()))?;
        }
    }
    if has_influenced {
        let x = width as i32 - right + 16;
        let head = (FONT, 14).into_font().color(&MUTED);
        root.draw(&Text::new("Influenced", (x, y - 8), head.clone()))?;
        root.draw(&Text::new("(not additive)", (x, y + 9), head))?;
    }
    root.present()
}

/// Render the chart to an SVG document of the given size.
pub fn agreement_svg(chart: &AgreementChart, width: u32, height: u32) -> String {
    super::render_svg(width, height, |root| draw_agreement(root, chart))
}
