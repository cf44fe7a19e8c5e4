//! Problem rows: the rows of the deal file that were left out or kept with a
//! caveat, grouped by reason, for the "N of M deals have problems" panel and
//! its CSV download. A bad row never sinks the file (spec §2, "kept, not
//! dropped"); this is where each one is accounted for.

use super::quality::Quality;
use crate::export::text_cell;
use std::collections::{BTreeMap, BTreeSet};

/// The reason of the group of rows repeating an earlier deal id.
pub const REPEATED_ID: &str = "repeats an earlier deal id";

/// What happened to the rows of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    /// Not used anywhere.
    LeftOut,
    /// Kept everywhere, with a value read as blank or 0.
    KeptAsZero,
    /// Kept, and left out of the cycle-time figures and time-based inputs.
    KeptWithoutCycle,
}

impl Effect {
    /// In words, for the panel and the download.
    pub fn label(self) -> &'static str {
        match self {
            Effect::LeftOut => "left out",
            Effect::KeptAsZero => "kept, amount counted as 0",
            Effect::KeptWithoutCycle => "kept, left out of cycle time and time-based inputs",
        }
    }
}

/// Rows sharing one problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemGroup {
    /// The file the rows are in.
    pub file: String,
    /// The column at fault, as a role (`close_date`), when there is one.
    pub column: String,
    /// The problem, without any row's value.
    pub reason: String,
    /// What was done with the rows.
    pub effect: Effect,
    /// Lines of the rows in the original file, ascending.
    pub lines: Vec<u64>,
    /// How many rows (more than `lines` when some rows carry no line).
    pub count: usize,
}

/// Every problem of a load, grouped, with how many distinct deal rows are
/// affected out of how many.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problems {
    /// The groups, left-out ones first, larger groups first.
    pub groups: Vec<ProblemGroup>,
    /// Distinct rows of the deal file with at least one problem.
    pub deal_rows_affected: usize,
    /// Data rows of the deal file.
    pub deal_rows: usize,
}

impl Problems {
    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// One line of the problem-rows download.
struct ProblemRow<'q> {
    file: &'q str,
    line: u64,
    column: String,
    reason: String,
    effect: Effect,
    cells: &'q [String],
}

impl Quality {
    /// The problem rows grouped by reason (see the module comment).
    pub fn problems(&self) -> Problems {
        let deal_file = self.files.iter().find(|f| f.kind == "deals");
        let deal_name = deal_file.map(|f| f.name.clone()).unwrap_or_default();
        let mut groups: BTreeMap<(String, String, String, Effect), Vec<u64>> = BTreeMap::new();
        let mut add = |file: &str, column: &str, reason: &str, effect: Effect, line: u64| {
            groups.entry((file.to_string(), column.to_string(), reason.to_string(), effect)).or_default().push(line);
        };
        for s in &self.skipped {
            let reason = if s.group.is_empty() { s.reason.as_str() } else { s.group.as_str() };
            add(&s.file, s.column.as_deref().unwrap_or(""), reason, Effect::LeftOut, s.line);
        }
        for (_, line, _) in &self.duplicates {
            add(&deal_name, "deal_id", REPEATED_ID, Effect::LeftOut, *line);
        }
        for line in &self.blank_amounts {
            add(&deal_name, "amount", "blank amount", Effect::KeptAsZero, *line);
        }
        for (line, _) in &self.unreadable_amounts {
            add(&deal_name, "amount", "amount is not a number", Effect::KeptAsZero, *line);
        }
        if !self.no_created_column {
            for (line, text) in &self.missing_created {
                let reason = if text.is_empty() { "blank created date" } else { "created date is not a date" };
                add(&deal_name, "created_date", reason, Effect::KeptWithoutCycle, *line);
            }
        }
        for line in &self.close_before_create {
            add(&deal_name, "close_date", "closes before it was created", Effect::KeptWithoutCycle, *line);
        }
        let mut affected: BTreeSet<u64> = BTreeSet::new();
        let mut out: Vec<ProblemGroup> = groups
            .into_iter()
            .map(|((file, column, reason, effect), mut lines)| {
                lines.sort_unstable();
                if file == deal_name {
                    affected.extend(lines.iter().copied());
                }
                let count = lines.len();
                ProblemGroup { file, column, reason, effect, lines, count }
            })
            .collect();
        let (more_currencies, more_deals) = self.more_missing_rates;
        let unrated: usize = self.missing_rates.iter().map(|(_, n)| n).sum::<usize>() + more_deals;
        for (code, n) in &self.missing_rates {
            out.push(ProblemGroup {
                file: deal_name.clone(),
                column: "currency".into(),
                reason: format!("no exchange rate for {code}"),
                effect: Effect::LeftOut,
                lines: Vec::new(),
                count: *n,
            });
        }
        if more_currencies > 0 {
            out.push(ProblemGroup {
                file: deal_name.clone(),
                column: "currency".into(),
                reason: format!("no exchange rate for {more_currencies} other currencies"),
                effect: Effect::LeftOut,
                lines: Vec::new(),
                count: more_deals,
            });
        }
        out.sort_by(|a, b| a.effect.cmp(&b.effect).then(b.count.cmp(&a.count)).then(a.reason.cmp(&b.reason)));
        Problems {
            groups: out,
            deal_rows_affected: affected.len() + unrated,
            deal_rows: deal_file.map_or(0, |f| f.rows),
        }
    }

    /// The problem rows as CSV, formula-safe: file, row, column, problem,
    /// what was done, then the row's own cells when it was left out (under
    /// its file's headers).
    pub fn problem_rows_csv(&self) -> String {
        let widest = self.skipped.iter().map(|s| s.cells.len()).max().unwrap_or(0);
        let deal_headers = self.files.iter().find(|f| f.kind == "deals").map(|f| f.headers.clone()).unwrap_or_default();
        let mut out = String::from("file,row,column,problem,what_was_done");
        for i in 0..widest {
            out.push(',');
            out.push_str(&text_cell(&deal_headers.get(i).cloned().unwrap_or_else(|| format!("Column {}", i + 1))));
        }
        out.push('\n');
        let mut rows: Vec<ProblemRow<'_>> = self
            .skipped
            .iter()
            .map(|s| ProblemRow {
                file: &s.file,
                line: s.line,
                column: s.column.clone().unwrap_or_default(),
                reason: s.reason.clone(),
                effect: Effect::LeftOut,
                cells: &s.cells,
            })
            .collect();
        // The other groups come from the deal file's own lists (not `skipped`).
        let skipped_lines: BTreeSet<(&str, u64)> = self.skipped.iter().map(|s| (s.file.as_str(), s.line)).collect();
        let deal_file = self.files.iter().find(|f| f.kind == "deals").map_or("", |f| f.name.as_str());
        for group in self.problems().groups.into_iter().filter(|g| g.file == deal_file) {
            for &line in group.lines.iter().filter(|&&l| !skipped_lines.contains(&(deal_file, l))) {
                rows.push(ProblemRow {
                    file: deal_file,
                    line,
                    column: group.column.clone(),
                    reason: group.reason.clone(),
                    effect: group.effect,
                    cells: &[],
                });
            }
        }
        rows.sort_by(|a, b| a.file.cmp(b.file).then(a.line.cmp(&b.line)));
        for row in rows {
            out.push_str(&format!(
                "{},{},{},{},{}",
                text_cell(row.file),
                row.line,
                text_cell(&row.column),
                text_cell(&row.reason),
                text_cell(row.effect.label())
            ));
            for c in row.cells {
                out.push(',');
                out.push_str(&text_cell(c));
            }
            out.push('\n');
        }
        out
    }
}
