//! The `pa_` tables read back from the files a warehouse unloads (spec §10):
//! CSV with a header row, one file per table or several parts of one table
//! (Snowflake and BigQuery split large unloads), recognised by their header.

use super::dialect::JOURNEY_SEPARATOR;
use super::tables::{self, TableSpec};
use crate::error::IngestError;
use crate::ingest::csv_reader::{read_table_with, Table};
use crate::ingest::values::{is_null_marker, trim};
use crate::ingest::InputFile;
use std::collections::BTreeMap;

/// One journey pattern: deals alike in everything the models read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pattern {
    /// The pattern's id (joins the other tables).
    pub id: u64,
    /// The sourcing-partner cell, as written.
    pub sourcing: Option<String>,
    /// The influencing-partners cell, as written.
    pub influencing: Option<String>,
    /// Partner touches in journey order (touch data only).
    pub journey: Vec<String>,
    /// Index in `journey` of the creation touch.
    pub creation_index: Option<usize>,
    /// Stage label, won and closed flags, as written.
    pub stage: Option<String>,
    /// The won flag cell.
    pub is_won: Option<String>,
    /// The closed flag cell.
    pub is_closed: Option<String>,
    /// Currency code, as written.
    pub currency: Option<String>,
    /// Whether these deals have no readable close date.
    pub close_missing: bool,
    /// Partner type, deal type and segment cells, as written (when mapped).
    pub partner_type: Option<String>,
    /// The deal-type cell.
    pub deal_type: Option<String>,
    /// The segment cell.
    pub segment: Option<String>,
    /// Number of deals.
    pub deals: u64,
    /// Deals whose amount was blank or unreadable (counted as 0).
    pub blank_amounts: u64,
    /// Sum of the amounts, in cents of `currency`.
    pub amount_cents: i64,
    /// Sum of the squared amounts, in cents squared (for intervals).
    pub amount_squares: f64,
}

/// Every `pa_` table of one warehouse run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregates {
    /// `pa_journeys`.
    pub patterns: Vec<Pattern>,
    /// `pa_cycle_days`: (pattern id, cycle days, deals).
    pub cycle_days: Vec<(u64, i32, u64)>,
    /// `pa_time_decay`: (pattern id, partner as written or `None` for direct, cents, deals).
    pub time_decay: Vec<(u64, Option<String>, f64, f64)>,
    /// `pa_touch_partners`: (partner as written, touches).
    pub touch_partners: Vec<(String, u64)>,
    /// `pa_meta`: name → value.
    pub meta: BTreeMap<String, String>,
}

impl Aggregates {
    /// Whether the journeys came from dated touches.
    pub fn has_touches(&self) -> bool {
        self.meta.get("touches").is_some_and(|v| v == "yes")
    }

    /// A count recorded in `pa_meta` (0 when absent).
    pub fn meta_count(&self, name: &str) -> u64 {
        self.meta.get(name).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }
}

/// Read the unloaded `pa_` files (in any order, tables split in parts allowed).
pub fn read_aggregates(files: &[InputFile]) -> Result<Aggregates, IngestError> {
    let tables = files
        .iter()
        .map(|f| read_table_with(&f.name, &f.bytes, None).map(|(t, _)| (f.name.clone(), t)))
        .collect::<Result<Vec<_>, _>>()?;
    let named: Vec<(&str, &Table)> = tables.iter().map(|(n, t)| (n.as_str(), t)).collect();
    aggregates_of(&named)
}

/// Whether every table is a `pa_` table (the page's test for warehouse files).
pub fn all_aggregate_tables<'a>(mut headers: impl Iterator<Item = &'a [String]>) -> bool {
    headers.all(|h| tables::table_of(h).is_some())
}

/// The aggregates in already parsed tables: (file name, table).
pub fn aggregates_of(files: &[(&str, &Table)]) -> Result<Aggregates, IngestError> {
    let mut out = Aggregates::default();
    let mut seen: Vec<&'static str> = Vec::new();
    for &(name, table) in files {
        let Some(spec) = tables::table_of(&table.headers) else {
            return Err(IngestError::file(
                name,
                format!(
                    "this is not a pa_ table of the warehouse script: its header is \"{}\" (expected one of {})",
                    table.headers.join(","),
                    tables::ALL.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        seen.push(spec.name);
        for (line, row) in table.rows() {
            let cells: Vec<Option<&str>> = (0..spec.columns.len())
                .map(|c| row.get(c).map(trim).filter(|v| !v.is_empty() && !is_null_marker(v)))
                .collect();
            let cell = Cell { file: name, line, spec, cells: &cells };
            read_row(&mut out, &cell)?;
        }
    }
    for spec in tables::ALL.iter().filter(|t| t.required) {
        if !seen.contains(&spec.name) {
            return Err(IngestError::file(
                "warehouse aggregates",
                format!(
                    "{} is missing: unload every pa_ table the script created ({})",
                    spec.name,
                    tables::ALL.iter().filter(|t| t.required).map(|t| t.name).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    match out.meta.get("format") {
        Some(f) if f == tables::FORMAT => {}
        other => {
            return Err(IngestError::file(
                "pa_meta",
                format!(
                    "written by another version of the script ({}); run this version's `partner-attribution sql`",
                    other.map_or("no format", String::as_str)
                ),
            ))
        }
    }
    if out.has_touches() && !seen.contains(&tables::TIME_DECAY.name) {
        return Err(IngestError::file("warehouse aggregates", "pa_time_decay is missing: unload it too"));
    }
    Ok(out)
}

/// One row of one table, with its place for messages.
struct Cell<'a> {
    file: &'a str,
    line: u64,
    spec: TableSpec,
    cells: &'a [Option<&'a str>],
}

impl Cell<'_> {
    fn text(&self, column: &str) -> Option<String> {
        self.at(column).map(str::to_string)
    }

    fn at(&self, column: &str) -> Option<&str> {
        let i = self.spec.columns.iter().position(|c| *c == column)?;
        self.cells[i]
    }

    fn error(&self, column: &str, what: &str) -> IngestError {
        IngestError::cell(self.file, self.line, column, what)
    }

    fn integer(&self, column: &str) -> Result<Option<i64>, IngestError> {
        let Some(v) = self.at(column) else { return Ok(None) };
        // Warehouses write whole numbers of a decimal type as `12.0` or `12.00000`.
        let whole = match v.split_once('.') {
            Some((whole, zeros)) if zeros.bytes().all(|b| b == b'0') => whole,
            _ => v,
        };
        whole.parse::<i64>().map(Some).map_err(|_| self.error(column, &format!("\"{v}\" is not a whole number")))
    }

    fn count(&self, column: &str) -> Result<u64, IngestError> {
        match self.integer(column)? {
            Some(n) if n >= 0 => Ok(n as u64),
            Some(n) => Err(self.error(column, &format!("{n} is negative"))),
            None => Ok(0),
        }
    }

    fn float(&self, column: &str) -> Result<f64, IngestError> {
        let Some(v) = self.at(column) else { return Ok(0.0) };
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| self.error(column, &format!("\"{v}\" is not a number")))
    }

    fn flag(&self, column: &str) -> bool {
        matches!(self.at(column).map(str::to_ascii_lowercase).as_deref(), Some("1" | "true" | "yes" | "t"))
    }
}

fn read_row(out: &mut Aggregates, c: &Cell) -> Result<(), IngestError> {
    match c.spec.name {
        "pa_journeys" => {
            let journey: Vec<String> = c
                .at("journey")
                .map(|j| j.split(JOURNEY_SEPARATOR).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            let creation_index = c.integer("creation_index")?.filter(|&i| i >= 0).map(|i| i as usize);
            out.patterns.push(Pattern {
                id: c.count("pattern_id")?,
                sourcing: c.text("sourcing"),
                influencing: c.text("influencing"),
                journey,
                creation_index,
                stage: c.text("stage"),
                is_won: c.text("is_won"),
                is_closed: c.text("is_closed"),
                currency: c.text("currency"),
                close_missing: c.flag("close_missing"),
                partner_type: c.text("partner_type"),
                deal_type: c.text("deal_type"),
                segment: c.text("segment"),
                deals: c.count("deals")?,
                blank_amounts: c.count("blank_amounts")?,
                amount_cents: c.integer("amount_cents")?.unwrap_or(0),
                amount_squares: c.float("amount_squares")?,
            });
        }
        "pa_cycle_days" => {
            let days = c.integer("cycle_days")?.ok_or_else(|| c.error("cycle_days", "blank"))?;
            let days = i32::try_from(days).map_err(|_| c.error("cycle_days", "out of range"))?;
            out.cycle_days.push((c.count("pattern_id")?, days, c.count("deals")?));
        }
        "pa_time_decay" => {
            out.time_decay.push((
                c.count("pattern_id")?,
                c.text("actor"),
                c.float("credit_cents")?,
                c.float("credit_deals")?,
            ));
        }
        "pa_touch_partners" => {
            if let Some(actor) = c.text("actor") {
                out.touch_partners.push((actor, c.count("touches")?));
            }
        }
        _ => {
            if let Some(name) = c.text("name") {
                out.meta.insert(name, c.text("value").unwrap_or_default());
            }
        }
    }
    Ok(())
}
