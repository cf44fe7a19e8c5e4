//! The builder: mapped rows of each file kind into the [`Dataset`], with the
//! data-quality report. One file per kind of input file.

mod deal_partners;
mod deals;
pub use deals::UNNAMED_PARTNER;
mod outcome;
mod overlap;
mod rates;
mod repeats;

pub use repeats::is_line_item_file;
mod roster;
mod touches;

use super::partners::{lookalike_key, PartnerNames};
use super::quality::{FileQuality, Quality, Skipped};
use super::records::Row;
use super::roles::{roles_of, FileKind, Mapping};
use super::values::{is_null_marker, DateOrder};
use super::{LoadOptions, ParsedFile};
use crate::dataset::{Dataset, Sym};
use crate::error::IngestError;
use crate::hash::FastMap;
use std::collections::BTreeMap;

/// Read one cell of a role, trimmed; `None` when unmapped or blank.
/// Null markers (`#N/A`, `NULL`, `-`…) read as blank.
fn cell<'a>(row: Row<'a>, mapping: &Mapping, role: &str) -> Option<&'a str> {
    at(row, mapping.column(role))
}

/// Read the cell in a column, trimmed; `None` when there is no column, or
/// the cell is blank or a null marker.
fn at(row: Row<'_>, column: Option<usize>) -> Option<&str> {
    row.get(column?).map(super::values::trim).filter(|s| !s.is_empty() && !is_null_marker(s))
}

fn delimiter_name(d: u8) -> String {
    match d {
        0 => "none (spreadsheet)".into(),
        b'\t' => "tab".into(),
        other => (other as char).to_string(),
    }
}

pub(crate) struct Builder<'o> {
    options: &'o LoadOptions,
    data: Dataset,
    quality: Quality,
    influencers: Vec<Vec<Sym>>,
    /// The deal index of each symbol that is a deal id (`u32::MAX` for none): dense, so no hashing per row.
    deal_of: Vec<u32>,
    names: PartnerNames,
    date_order: DateOrder,
    commas_split: bool,
    /// Outcome of each stage label seen, and whether the label is unknown.
    stages: FastMap<String, ((bool, bool), bool)>,
    /// Whether the stage column holds Dynamics 365 state codes (0, 1, 2).
    state_codes: bool,
    /// Partner cells already resolved to their kept spelling's symbol.
    partner_syms: FastMap<String, Sym>,
    /// Multi-partner cells already split and resolved (cell text → partners in order).
    influencing_syms: FastMap<String, Vec<Sym>>,
}

/// A problem in one row: left out and reported.
struct RowProblem {
    column: &'static str,
    /// The kind of problem, without the row's value (rows are grouped by it).
    group: &'static str,
    reason: String,
}

fn problem(column: &'static str, group: &'static str, reason: impl Into<String>) -> RowProblem {
    RowProblem { column, group, reason: reason.into() }
}

impl<'o> Builder<'o> {
    pub(crate) fn new(options: &'o LoadOptions) -> Self {
        Builder {
            options,
            data: Dataset::default(),
            quality: Quality::default(),
            influencers: Vec::new(),
            deal_of: Vec::new(),
            names: PartnerNames::default(),
            date_order: DateOrder::MonthFirst,
            commas_split: false,
            stages: FastMap::default(),
            state_codes: false,
            partner_syms: FastMap::default(),
            influencing_syms: FastMap::default(),
        }
    }

    /// The index of the deal whose id is `id`, if one was kept.
    fn deal_index(&self, id: Sym) -> Option<usize> {
        self.deal_of.get(id as usize).copied().filter(|&i| i != u32::MAX).map(|i| i as usize)
    }

    fn set_deal_index(&mut self, id: Sym, deal: usize) {
        let at = id as usize;
        if at >= self.deal_of.len() {
            self.deal_of.resize(at + 1, u32::MAX);
        }
        self.deal_of[at] = deal as u32;
    }

    pub(crate) fn require(file: &ParsedFile, mapping: &Mapping) -> Result<(), IngestError> {
        let missing = mapping.missing(file.kind);
        if !missing.is_empty() {
            let hint = match file.kind {
                FileKind::Deals => {
                    "A deal file needs an amount, a stage (or is_won/is_closed) and close dates; a deal id and created date are used when present"
                        .to_string()
                }
                _ => {
                    let needed: Vec<&str> =
                        roles_of(file.kind).iter().filter(|r| r.required).map(|r| r.id).collect();
                    format!("This file needs {}", needed.join(", "))
                }
            };
            let (noun, verb) = if missing.len() == 1 { ("column", "is") } else { ("columns", "are") };
            return Err(IngestError::column(
                &file.name,
                &missing.join(", "),
                format!(
                    "required {noun} {verb} missing. {hint}; choose the columns in the mapping panel or rename them"
                ),
            ));
        }
        if file.table.is_empty() {
            return Err(IngestError::file(&file.name, "the file has a header but no data rows"));
        }
        Ok(())
    }

    /// Leave a row out and report it with its cells, for the problem-rows
    /// panel and its download. The rest of the file is still read: a bad row
    /// never sinks the file.
    fn skip(&mut self, file: &ParsedFile, line: u64, row: Row<'_>, p: RowProblem) {
        self.quality.skipped.push(Skipped {
            file: file.name.clone(),
            line,
            column: Some(p.column.to_string()),
            reason: p.reason,
            group: p.group.to_string(),
            cells: row.to_vec(),
        });
    }

    /// When no row at all could be read, the first problem, with how many rows share it.
    fn nothing_read(&self, file: &ParsedFile) -> IngestError {
        let skipped: Vec<&Skipped> = self.quality.skipped.iter().filter(|s| s.file == file.name).collect();
        match skipped.first() {
            Some(first) => {
                let same = skipped.iter().filter(|s| s.group == first.group).count();
                IngestError::cell(
                    &file.name,
                    first.line,
                    first.column.as_deref().unwrap_or(""),
                    format!(
                        "{} — no deal could be read ({same} of {} rows have this problem); check which column holds this role in the mapping panel",
                        first.reason,
                        file.table.len()
                    ),
                )
            }
            None => IngestError::file(&file.name, "no deal could be read from the file"),
        }
    }

    pub(crate) fn finish(mut self, files: &[(&ParsedFile, &Mapping)]) -> Dataset {
        for (deal, list) in self.data.deals.iter_mut().zip(&self.influencers) {
            let start = self.data.influencers.len() as u32;
            self.data.influencers.extend_from_slice(list);
            deal.influencers = start..self.data.influencers.len() as u32;
        }
        for (_, list) in self.names.spellings.iter().filter(|(_, l)| l.len() > 1) {
            let kept = self.names.canonical(&list[0].0);
            let others: Vec<String> = list.iter().map(|s| s.0.clone()).filter(|s| *s != kept).collect();
            self.quality.merged_spellings.push((kept, others));
        }
        self.quality.merged_spellings.sort();
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for key in self.names.spellings.keys() {
            let name = self.names.canonical(key);
            groups.entry(lookalike_key(&name)).or_default().push(name);
        }
        self.quality.lookalike_partners = groups
            .into_values()
            .filter(|g| g.len() > 1)
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        self.quality.files = files
            .iter()
            .map(|(f, _)| FileQuality {
                name: f.name.clone(),
                kind: f.kind.label().into(),
                encoding: match &f.sheet {
                    Some((name, names)) if names.len() > 1 => {
                        format!("Excel workbook, sheet \"{name}\" of {}", names.join(", "))
                    }
                    Some((name, _)) => format!("Excel workbook, sheet \"{name}\""),
                    None => f.report.encoding.to_string(),
                },
                delimiter: delimiter_name(f.report.delimiter),
                rows: f.table.len(),
                headers: f.table.headers.clone(),
                preamble: f.report.preamble.clone(),
                footer: f.report.footer.clone(),
                headerless: f.report.headerless,
                replaced: f.report.replaced,
                replaced_lines: replaced_lines(f),
                readers: f.report.readers.max(1),
            })
            .collect();
        self.quality.deals_kept = self.data.deals.len();
        self.data.quality = self.quality;
        self.data
    }
}

/// The lines of rows holding a replacement character (the first 1,000),
/// when decoding replaced invalid bytes.
fn replaced_lines(f: &ParsedFile) -> Vec<u64> {
    if f.report.replaced == 0 {
        return Vec::new();
    }
    f.table
        .rows()
        .filter(|(_, row)| row.iter().any(|c| c.contains('\u{FFFD}')))
        .map(|(line, _)| line)
        .take(1_000)
        .collect()
}

/// The most common currency code of a column, or USD when it has none.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> String {
    // Count each spelling as it is (no allocation per cell), then by code.
    let mut spelled: FastMap<&str, usize> = FastMap::default();
    for v in values.map(super::values::trim).filter(|v| !v.is_empty()) {
        *spelled.entry(v).or_default() += 1;
    }
    // Only what reads as a currency counts (not an invoice's "Sin_Factura").
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (v, n) in spelled {
        if let Some(code) = super::currency::currency_code(v) {
            *counts.entry(code).or_default() += n;
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(c, _)| c).unwrap_or_else(|| "USD".into())
}
