//! The data-quality report: everything the load did besides copying rows,
//! so that nothing is ever dropped silently.

use std::fmt::Write;

/// One row left out, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// File name.
    pub file: String,
    /// Line in the original file.
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// Why it was left out.
    pub reason: String,
    /// The kind of problem without the row's value ("close date is not a
    /// date"): rows are grouped by it.
    #[serde(default)]
    pub group: String,
    /// The row's cells as read, for the problem-rows download.
    #[serde(default)]
    pub cells: Vec<String>,
}

/// One distinct stage label of the deal file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StageLabel {
    /// The label as written.
    pub label: String,
    /// Deal rows carrying it.
    pub rows: usize,
    /// Whether it was read as closed.
    pub closed: bool,
    /// Whether it was read as won.
    pub won: bool,
    /// Whether the label was not recognised (read as open).
    pub unknown: bool,
}

/// What reading one file found.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct FileQuality {
    /// File name.
    pub name: String,
    /// What it was read as: deals, touches or account overlap.
    pub kind: String,
    /// Encoding detected.
    pub encoding: String,
    /// Delimiter used, as shown to people (`,` `;` `tab` `|`).
    pub delimiter: String,
    /// Data rows read (after the header, without preamble and footer).
    pub rows: usize,
    /// The header row, for the problem-rows download.
    #[serde(default)]
    pub headers: Vec<String>,
    /// Lines of title rows skipped before the header.
    pub preamble: Vec<u64>,
    /// Lines of footer rows skipped after the data.
    pub footer: Vec<u64>,
    /// Whether the file had no header row (columns named `Column 1…N`).
    #[serde(default)]
    pub headerless: bool,
    /// Invalid byte sequences read as U+FFFD in an otherwise readable file.
    #[serde(default)]
    pub replaced: usize,
    /// Lines of the rows holding one (the first 1,000).
    #[serde(default)]
    pub replaced_lines: Vec<u64>,
    /// Readers that read the file at once, each a byte range (1: one reader).
    #[serde(default = "one")]
    pub readers: usize,
}

fn one() -> usize {
    1
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Quality {
    /// Per file.
    pub files: Vec<FileQuality>,
    /// Deals kept.
    pub deals_kept: usize,
    /// Rows left out with their reason.
    pub skipped: Vec<Skipped>,
    /// Duplicate deal ids: (id, line, line of the row kept).
    pub duplicates: Vec<(String, u64, u64)>,
    /// Rows merged into an earlier row of the same deal as extra partners.
    pub merged_partner_rows: Vec<u64>,
    /// Lines with a blank amount (counted as 0).
    pub blank_amounts: Vec<u64>,
    /// Lines with a zero or negative amount.
    pub non_positive_amounts: Vec<u64>,
    /// Lines whose close date is before their created date (kept; left out
    /// of cycle metrics).
    pub close_before_create: Vec<u64>,
    /// Lines whose amount could not be read: (line, text). Counted as 0.
    pub unreadable_amounts: Vec<(u64, String)>,
    /// Lines with no readable created date: (line, text, blank when blank).
    /// Kept; left out of cycle metrics and creation-dated inputs.
    pub missing_created: Vec<(u64, String)>,
    /// Stage labels not recognised, treated as open: (label, count).
    pub unknown_stages: Vec<(String, usize)>,
    /// Stage labels not recognised on deals a closed flag marks closed, so
    /// counted as lost: (label, count).
    #[serde(default)]
    pub unknown_closed_stages: Vec<(String, usize)>,
    /// The distinct labels of the stage column, most frequent first (at
    /// most [`MAX_STAGE_LABELS`]), with their deal counts and the outcome
    /// given to each, for the stage editor on the results.
    #[serde(default)]
    pub stage_labels: Vec<StageLabel>,
    /// How many distinct labels the stage column holds in all.
    #[serde(default)]
    pub stage_labels_total: usize,
    /// Groups of partner names that look like the same partner.
    pub lookalike_partners: Vec<Vec<String>>,
    /// Partner spellings merged case-insensitively: (kept, others).
    pub merged_spellings: Vec<(String, Vec<String>)>,
    /// How a per-row rate column was applied, when one was.
    #[serde(default)]
    pub rate_direction: Option<crate::ingest::currency::RateDirection>,
    /// Currencies without a rate: (code, deals left out), the most deals
    /// first, at most [`MAX_MISSING_RATES`].
    pub missing_rates: Vec<(String, usize)>,
    /// Currencies without a rate past those listed, and their deals.
    #[serde(default)]
    pub more_missing_rates: (usize, usize),
    /// Deals made partner-sourced by `(partner, unnamed)` because the file
    /// has no partner column and their lead source names a partner channel.
    pub unnamed_partner_deals: usize,
    /// Whether the file has no partner column at all (the results say so).
    pub no_partner_column: bool,
    /// Whether the deal file has no deal id column (ids are row numbers, §1).
    #[serde(default)]
    pub no_deal_id_column: bool,
    /// Whether the deal file names no currency, so the amounts' currency is
    /// assumed (the reporting currency's default) until the user says.
    #[serde(default)]
    pub currency_assumed: bool,
    /// Whether the deal file has no created-date column (no cycle metrics,
    /// no time-based model inputs).
    #[serde(default)]
    pub no_created_column: bool,
    /// Touch or overlap rows naming an unknown deal or account: (key, line).
    pub unmatched: Vec<(String, u64)>,
    /// Choices made where the data was ambiguous (decimal mark, date order…).
    pub assumptions: Vec<String>,
}

/// Most stage labels listed (and sent to the page): the most frequent.
pub const MAX_STAGE_LABELS: usize = 500;

/// Most currencies without a rate listed (and sent to the page).
pub const MAX_MISSING_RATES: usize = 100;

/// Most groups of look-alike partners named in the report.
pub const MAX_LOOKALIKE_GROUPS: usize = 20;

/// At most five examples, then "and N more".
pub fn examples<T: std::fmt::Display>(items: &[T]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().take(5).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{item}");
    }
    if items.len() > 5 {
        let _ = write!(out, " and {} more", items.len() - 5);
    }
    out
}

impl Quality {
    /// One sentence per finding, for the summary under the results.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        let rows = |lines: &[u64]| examples(&lines.iter().map(|l| format!("row {l}")).collect::<Vec<_>>());
        for f in &self.files {
            if !f.preamble.is_empty() {
                out.push(format!(
                    "{}: {} title line(s) before the header skipped ({}).",
                    f.name,
                    f.preamble.len(),
                    rows(&f.preamble)
                ));
            }
            if f.headerless {
                out.push(format!(
                    "{}: no header row found (the first row holds data), so the columns are named Column 1…{} and the first row is kept as a deal; check the mapping.",
                    f.name,
                    f.headers.len()
                ));
            }
            if f.replaced > 0 {
                out.push(format!(
                    "{}: {} byte sequence(s) are not valid {} and show as \u{FFFD} ({}); the rest of the file reads as {}. If names look wrong, choose another encoding in the mapping panel.",
                    f.name,
                    f.replaced,
                    f.encoding,
                    rows(&f.replaced_lines),
                    f.encoding
                ));
            }
            if !f.footer.is_empty() {
                out.push(format!(
                    "{}: {} footer line(s) after the data skipped ({}).",
                    f.name,
                    f.footer.len(),
                    rows(&f.footer)
                ));
            }
        }
        if !self.skipped.is_empty() {
            let list: Vec<String> = self
                .skipped
                .iter()
                .map(|s| match &s.column {
                    Some(c) => format!("{} row {} ({c}: {})", s.file, s.line, s.reason),
                    None => format!("{} row {} ({})", s.file, s.line, s.reason),
                })
                .collect();
            out.push(format!("{} row(s) left out: {}.", list.len(), examples(&list)));
        }
        if !self.duplicates.is_empty() {
            let list: Vec<String> =
                self.duplicates.iter().map(|(id, l, first)| format!("{id} (row {l}, kept row {first})")).collect();
            out.push(format!(
                "{} duplicate deal id(s) skipped, the first row of each kept: {}.",
                list.len(),
                examples(&list)
            ));
        }
        if !self.merged_partner_rows.is_empty() {
            out.push(format!(
                "{} row(s) repeat a deal with another partner and were merged into it: {}.",
                self.merged_partner_rows.len(),
                rows(&self.merged_partner_rows)
            ));
        }
        if self.unnamed_partner_deals > 0 {
            out.push(format!(
                "No partner column: {} deal(s) whose lead source names a partner channel are credited to \"(partner, unnamed)\" as their sourcing partner.",
                self.unnamed_partner_deals
            ));
        }
        if !self.blank_amounts.is_empty() {
            out.push(format!(
                "{} deal(s) with a blank amount counted as 0: {}.",
                self.blank_amounts.len(),
                rows(&self.blank_amounts)
            ));
        }
        if !self.non_positive_amounts.is_empty() {
            out.push(format!(
                "{} deal(s) with a zero or negative amount: {}.",
                self.non_positive_amounts.len(),
                rows(&self.non_positive_amounts)
            ));
        }
        if !self.close_before_create.is_empty() {
            out.push(format!(
                "{} deal(s) close before they were created: {}. They are kept, and left out of the cycle-time figures.",
                self.close_before_create.len(),
                rows(&self.close_before_create)
            ));
        }
        let cells = |list: &[(u64, String)]| {
            let shown: Vec<String> = list
                .iter()
                .map(
                    |(line, text)| {
                        if text.is_empty() {
                            format!("row {line}")
                        } else {
                            format!("row {line} (\"{text}\")")
                        }
                    },
                )
                .collect();
            examples(&shown)
        };
        if !self.unreadable_amounts.is_empty() {
            out.push(format!(
                "{} deal(s) with an amount that cannot be read (not a number, or more than 9,999,999,999,999.99), counted as 0: {}.",
                self.unreadable_amounts.len(),
                cells(&self.unreadable_amounts)
            ));
        }
        if self.currency_assumed {
            out.push(
                "No currency column: amounts are shown in USD; if they are in another currency, say which in this report."
                    .into(),
            );
        }
        if self.no_deal_id_column {
            out.push(
                "No deal id column: each deal's id is its row number (1 = the first row under the header).".into(),
            );
        }
        if self.no_created_column {
            out.push("No created-date column: cycle time, velocity and the time-based inputs (pipeline touch, lookback window, time decay) are left out; every other figure is computed.".into());
        } else if !self.missing_created.is_empty() {
            out.push(format!(
                "{} deal(s) without a readable created date: {}. They are kept, and left out of the cycle-time figures and the pipeline-touch and lookback inputs.",
                self.missing_created.len(),
                cells(&self.missing_created)
            ));
        }
        if !self.unknown_stages.is_empty() {
            let list: Vec<String> = self.unknown_stages.iter().map(|(s, n)| format!("\"{s}\" ({n})")).collect();
            out.push(format!("Stage labels not recognised, treated as open: {}.", examples(&list)));
        }
        if !self.unknown_closed_stages.is_empty() {
            let list: Vec<String> = self.unknown_closed_stages.iter().map(|(s, n)| format!("\"{s}\" ({n})")).collect();
            out.push(format!(
                "Stage labels not recognised on deals the closed flag marks closed, so counted as lost: {}. If one of them means won, mark it in the stage editor.",
                examples(&list)
            ));
        }
        for (kept, others) in self.merged_spellings.iter().take(MAX_LOOKALIKE_GROUPS) {
            out.push(format!("Partner spellings merged into \"{kept}\": {}.", examples(others)));
        }
        if self.merged_spellings.len() > MAX_LOOKALIKE_GROUPS {
            out.push(format!(
                "… and {} more partners whose spellings were merged.",
                self.merged_spellings.len() - MAX_LOOKALIKE_GROUPS
            ));
        }
        for group in self.lookalike_partners.iter().take(MAX_LOOKALIKE_GROUPS) {
            let names: Vec<&str> = group.iter().take(10).map(String::as_str).collect();
            let more = if group.len() > 10 { format!(" and {} more", group.len() - 10) } else { String::new() };
            out.push(format!("These partners may be the same: {}{more} (not merged).", names.join(" / ")));
        }
        if self.lookalike_partners.len() > MAX_LOOKALIKE_GROUPS {
            out.push(format!(
                "… and {} more groups of partners that may be the same.",
                self.lookalike_partners.len() - MAX_LOOKALIKE_GROUPS
            ));
        }
        for (code, n) in self.missing_rates.iter().take(MAX_LOOKALIKE_GROUPS) {
            out.push(format!("{n} deal(s) in {code} left out: no exchange rate for {code} was given."));
        }
        let (currencies, deals) = self.more_missing_rates;
        let listed = self.missing_rates.len().saturating_sub(MAX_LOOKALIKE_GROUPS);
        let (currencies, deals) = (
            currencies + listed,
            deals + self.missing_rates.iter().skip(MAX_LOOKALIKE_GROUPS).map(|(_, n)| n).sum::<usize>(),
        );
        if currencies > 0 {
            out.push(format!("{deals} more deal(s) in {currencies} other currencies left out for want of a rate."));
        }
        if !self.unmatched.is_empty() {
            let list: Vec<String> = self.unmatched.iter().map(|(k, l)| format!("{k} (row {l})")).collect();
            out.push(format!(
                "{} touch or overlap row(s) match no deal or account and were not used: {}.",
                list.len(),
                examples(&list)
            ));
        }
        out.extend(self.assumptions.iter().cloned());
        out
    }
}
