//! The CSV exports of spec §8, with every text cell made safe to open in a
//! spreadsheet. Lines end in CRLF, as RFC 4180 and the reference files do.

use super::attribution::ModelCredits;
use super::dataset::Interner;
use super::journey::Dimension;
use super::money::format_cents;
use super::value::model::{SegmentStats, ValueModel};

/// Line ending of every export.
pub const EOL: &str = "\r\n";

/// Header of `attribution.csv`.
pub const ATTRIBUTION_HEADER: &str = "model,dimension,key,credited_revenue,credited_deals";

/// Header of `value_model.csv`.
pub const VALUE_MODEL_HEADER: &str = "segment,definition,deals,closed_deals,won_deals,win_rate,avg_won_amount,median_cycle_days,mean_cycle_days,won_revenue,velocity_per_day";

/// Quote a text cell for CSV and defuse spreadsheet formulas.
///
/// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return would be
/// run as a formula by Excel or Sheets; it gets a leading apostrophe.
pub fn text_cell(value: &str) -> String {
    let defused =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// `attribution.csv`: one row per (model, key), dimension by dimension.
pub fn attribution_csv(names: &Interner, sections: &[(Dimension, &[ModelCredits])]) -> String {
    use std::fmt::Write;
    let mut out = format!("{ATTRIBUTION_HEADER}{EOL}");
    for (dimension, results) in sections {
        for r in results.iter() {
            for c in &r.credits {
                // Written in place (a file of half a million keys makes
                // millions of rows): no string per row.
                let _ = write!(out, "{},{},", r.model.id(), dimension.id());
                let name = names.name(c.key);
                if name.starts_with(['=', '+', '-', '@', '\t', '\r']) || name.contains([',', '"', '\n', '\r']) {
                    out.push_str(&text_cell(name));
                } else {
                    out.push_str(name);
                }
                let cents = c.revenue_cents;
                let sign = if cents < 0 { "-" } else { "" };
                let abs = cents.unsigned_abs();
                let _ = write!(out, ",{sign}{}.{:02},{:.4}{EOL}", abs / 100, abs % 100, c.deals);
            }
        }
    }
    out
}

fn fixed(value: Option<f64>, places: usize) -> String {
    value.map(|v| format!("{v:.places$}")).unwrap_or_default()
}

fn segment_row(name: &str, definition: &str, s: &SegmentStats) -> String {
    format!(
        "{name},{definition},{},{},{},{},{},{},{},{},{}{EOL}",
        s.deals,
        s.closed_deals,
        s.won_deals,
        fixed(s.win_rate(), 6),
        fixed(s.avg_won_amount(), 2),
        fixed(s.median_cycle_days(), 1),
        fixed(s.mean_cycle_days(), 2),
        format_cents(s.won_revenue_cents),
        fixed(s.velocity_per_day(), 2),
    )
}

/// `value_model.csv`: one row for partner-involved deals, one for direct.
pub fn value_model_csv(model: &ValueModel) -> String {
    let def = model.definition.id();
    let mut out = format!("{VALUE_MODEL_HEADER}{EOL}");
    out.push_str(&segment_row("partner", def, &model.partner));
    out.push_str(&segment_row("direct", def, &model.direct));
    out
}

/// The spec exports with the spec's default settings, as the page writes
/// them before any control is touched: `(attribution.csv, value_model.csv)`.
/// The command-line program and the fixture tests share this one path.
pub fn default_exports(data: &crate::dataset::Dataset) -> (String, String) {
    use crate::attribution::{attribute, available_models, Params};
    use crate::journey::Journeys;
    use crate::value::model::Definition;
    let journeys = Journeys::build(data);
    let params = Params::default();
    let results: Vec<ModelCredits> =
        available_models(&journeys).into_iter().map(|m| attribute(data, &journeys, m, &params)).collect();
    let value = ValueModel::compute(data, &journeys, Definition::AnyPartner);
    (attribution_csv(&data.strings, &[(Dimension::Partner, &results)]), value_model_csv(&value))
}
