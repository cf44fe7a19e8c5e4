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

use super::header::{header_match, says_id};
use super::profile::{is_filled, Profiles};
use super::{roles_of, FileKind, Mapping, SNIFFED};
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
    // Sized for every row at once: growing a map of a million ids rehashes
    // it twenty times (a third of this function's time, measured).
    let mut first: FastMap<&str, usize> = FastMap::with_capacity_and_hasher(table.len(), Default::default());
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
    crate::money::group_thousands(n as u64)
}

/// Choose the deal id among the columns still free, by their values over
/// the whole file (see `deal_id`). Without one, rows are numbered (spec §1)
/// and the reason says why each candidate was passed over.
pub(super) fn choose_deal_id(table: &Table, profiles: &Profiles, mapping: &mut Mapping, used: &[bool]) {
    let spec = roles_of(FileKind::Deals).iter().find(|r| r.id == "deal_id").copied();
    let Some(spec) = spec else { return };
    let same = SameDeal {
        amount: mapping.column("amount"),
        facts: [
            mapping.column("created_date"),
            mapping.column("close_date"),
            mapping.column("stage"),
            mapping.column("is_won"),
            mapping.column("is_closed"),
        ],
    };
    // Candidates: free columns whose header names the id, strongest first.
    let mut named: Vec<(f64, usize)> = table
        .headers
        .iter()
        .enumerate()
        .filter(|&(c, _)| !used[c])
        .filter_map(|(c, h)| {
            let strength = header_match(h, &spec).map(|m| m.score).unwrap_or(0.0);
            let strength = if says_id(h) { strength.max(0.7) } else { strength };
            // A row's or a line's own number identifies the row, not the deal.
            let words = super::header::header_words(h);
            let row_level = words.iter().any(|w| matches!(w.as_str(), "row" | "line" | "index" | "item" | "lineitem"));
            let strength = if row_level && strength < 0.95 { 0.3 } else { strength };
            (strength > 0.0).then_some((strength, c))
        })
        .collect();
    named.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut passed_over: Vec<String> = Vec::new();
    for &(strength, c) in named.iter().take(6) {
        let p = &profiles.columns[c];
        let header = &table.headers[c];
        if p.fill_share() < 0.5 && strength < 1.0 {
            passed_over.push(format!("“{header}” is mostly blank"));
            continue;
        }
        if p.real_date_fit() >= 0.9 || (p.amount_fit >= 0.9 && p.digits_only < 0.5) {
            passed_over.push(format!("“{header}” holds dates or amounts"));
            continue;
        }
        let e = id_evidence(table, c, &same);
        // The spec's own column name is the id whatever its repeats (§1:
        // the first row wins, reported); a synonym may repeat on a tenth of
        // the rows, a column that only says "id" on one in a hundred.
        let allowed = if strength >= 1.0 {
            1.0
        } else if strength >= 0.95 {
            0.10
        } else {
            0.01
        };
        if e.conflict_share() > allowed {
            passed_over.push(format!(
                "“{header}” repeats on {} of {} rows with other dates or outcome: a name, not an id",
                thousands(e.conflicts),
                thousands(e.filled)
            ));
            continue;
        }
        let confidence = match (e.unique(), e.conflicts) {
            (true, _) if strength < 0.7 => 0.6,
            (true, _) => strength.max(0.9),
            (false, 0) => strength.clamp(0.85, 0.95),
            _ if strength >= 0.95 => 0.85,
            _ => 0.8,
        };
        let says = if strength >= 0.95 { "header says deal id" } else { "header says id" };
        mapping.columns.insert("deal_id", vec![c]);
        mapping.confidence.insert("deal_id", confidence);
        mapping.reasons.insert("deal_id", format!("“{header}”: {}; {says}", e.describe()));
        return;
    }
    // No named id: a unique deal name can stand in (the panel asks to confirm).
    if let Some(c) = mapping.column("deal_name") {
        let e = id_evidence(table, c, &same);
        if e.unique() && profiles.columns[c].fill_share() >= 0.99 {
            mapping.columns.insert("deal_id", vec![c]);
            mapping.confidence.insert("deal_id", 0.6);
            mapping.reasons.insert(
                "deal_id",
                format!("no id column; the deal name “{}” is unique in {} rows", table.headers[c], thousands(e.filled)),
            );
            return;
        }
        passed_over.push(format!("the deal name “{}” repeats", table.headers[c]));
    }
    // A file whose headers say nothing (no header row): a free column of
    // unique values that are neither dates nor amounts, to be confirmed.
    let unique_text = (0..table.headers.len()).find(|&c| {
        let p = &profiles.columns[c];
        !used[c]
            && p.filled > 0
            && p.fill_share() >= 0.99
            && p.distinct == p.filled
            && p.real_date_fit() < 0.5
            && p.amount_fit < 0.5
    });
    if let Some(c) = unique_text {
        let e = id_evidence(table, c, &same);
        if e.unique() {
            mapping.columns.insert("deal_id", vec![c]);
            mapping.confidence.insert("deal_id", SNIFFED);
            mapping.reasons.insert(
                "deal_id",
                format!("guessed from the values of “{}”: unique in {} rows", table.headers[c], thousands(e.filled)),
            );
            return;
        }
    }
    let why = if passed_over.is_empty() { String::new() } else { format!(" ({})", passed_over.join("; ")) };
    mapping
        .reasons
        .insert("deal_id", format!("no column qualifies as the deal id{why}: each row is a deal, numbered from 1"));
}
