//! Which column is the deal id, by its values over the whole file.
//!
//! A column is an id when its values are unique, or when they repeat only
//! on rows that describe the same deal: the same dates and outcome (an
//! "Opportunities with Partners" report repeats a deal once per partner; a
//! line-item sheet once per product, with different amounts). A column
//! that repeats on rows with different dates or outcomes names something
//! else (an opportunity *name*, an account, a lead): taking it as the id
//! would drop every repeat as a "duplicate". The spec's own duplicate rule
//! (§1: the first row wins, reported) still applies to a column whose
//! header says it is the deal id and whose conflicting repeats are rare.

use super::profile::is_filled;
use crate::hash::FastMap;
use crate::ingest::csv_reader::Table;
use crate::ingest::values::trim;

/// Columns a repeated row is compared on.
#[derive(Debug, Clone, Copy, Default)]
pub struct SameDeal {
    /// The amount column.
    pub amount: Option<usize>,
    /// Date and outcome columns (created, close, stage, won/closed flags).
    pub facts: [Option<usize>; 5],
}

/// What a candidate column's values say over every row.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IdEvidence {
    /// Rows with a value.
    pub filled: usize,
    /// Distinct values.
    pub distinct: usize,
    /// Repeats whose dates, outcome and amount all equal the first row's.
    pub same: usize,
    /// Repeats with the same dates and outcome but another amount (line items).
    pub line_items: usize,
    /// Repeats whose dates or outcome differ from the first row's.
    pub conflicts: usize,
}

impl IdEvidence {
    /// Whether every value is unique.
    pub fn unique(&self) -> bool {
        self.filled > 0 && self.distinct == self.filled
    }

    /// Share of rows that repeat a value with other dates or outcome.
    pub fn conflict_share(&self) -> f64 {
        self.conflicts as f64 / self.filled.max(1) as f64
    }

    /// Whether repeated rows look like the line items of one deal.
    pub fn is_line_items(&self) -> bool {
        crate::ingest::build::is_line_item_file(self.line_items, self.conflicts, self.filled)
    }

    /// A line for the mapping panel.
    pub fn describe(&self) -> String {
        if self.unique() {
            return format!("unique in {} rows", thousands(self.filled));
        }
        let repeats = self.filled - self.distinct;
        if self.conflicts == 0 && self.line_items == 0 {
            return format!(
                "{} rows repeat a deal with the same amount, dates and outcome (a row per partner): merged",
                thousands(repeats)
            );
        }
        if self.is_line_items() {
            return format!(
                "{} rows repeat a deal with the same dates and outcome and other amounts: line items, summed per deal",
                thousands(repeats)
            );
        }
        if self.conflicts == 0 {
            return format!(
                "{} rows repeat an id with another amount (first row of each kept, reported)",
                thousands(self.line_items)
            );
        }
        format!(
            "{} of {} rows repeat an id with other dates or outcome (first row of each kept, reported)",
            thousands(self.conflicts),
            thousands(self.filled)
        )
    }
}

/// Measure column `c` against the columns in `same`.
pub fn id_evidence(table: &Table, c: usize, same: &SameDeal) -> IdEvidence {
    let mut first: FastMap<&str, usize> = FastMap::default();
    let mut e = IdEvidence::default();
    let cell = |i: usize, col: Option<usize>| col.and_then(|col| table.row(i).get(col)).map(trim).unwrap_or("");
    for i in 0..table.len() {
        let Some(v) = table.row(i).get(c).map(trim).filter(|v| is_filled(v)) else { continue };
        e.filled += 1;
        match first.get(v) {
            None => {
                first.insert(v, i);
            }
            Some(&j) => {
                if same.facts.iter().any(|&col| cell(i, col) != cell(j, col)) {
                    e.conflicts += 1;
                } else if cell(i, same.amount) != cell(j, same.amount) {
                    e.line_items += 1;
                } else {
                    e.same += 1;
                }
            }
        }
    }
    e.distinct = first.len();
    e
}

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
