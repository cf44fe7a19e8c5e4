//! From dropped files to a [`Dataset`]: decode, find the table, recognise
//! what each file is, map its columns to the spec's roles, read the values,
//! and report everything that was not a plain copy in the data-quality
//! report. A row that cannot be read is left out and reported; a file
//! where more than 5% of rows cannot be read is rejected with the first
//! problem's row and column, since its columns are probably mis-mapped.

pub mod csv_reader;
pub mod decode;
pub mod quality;
pub mod records;
pub mod roles;
pub mod values;
pub mod workbook;

use crate::engine::dataset::{ActorType, Dataset, Deal, RosterEntry, Sym, Touch};
use crate::engine::error::IngestError;
use crate::engine::hash::FastMap;
use csv_reader::{read_table_with, ReadReport, Table};
use quality::{FileQuality, Quality, Skipped};
use records::Row;
use roles::{auto_map, detect_kind, header_signature, roles_of, FileKind, Mapping, CONFIDENT};
use std::collections::{BTreeMap, HashMap};
use values::{infer_date_order, infer_decimal_mark, parse_amount, parse_bool, parse_date, DateOrder, DecimalMark};

pub use values::stage_outcome;

/// A file the user gave us: its name and raw bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// File name as shown to the user.
    pub name: String,
    /// Raw content.
    pub bytes: Vec<u8>,
}

/// A file read into a table, with what it is and how its columns map.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// File name.
    pub name: String,
    /// The table found in it.
    pub table: Table,
    /// How it was read (encoding, delimiter, skipped lines).
    pub report: ReadReport,
    /// Deals, touches or overlap.
    pub kind: FileKind,
    /// Columns of each role (automatic until the user changes it).
    pub mapping: Mapping,
    /// Signature of the header row, to remember the user's mapping.
    pub signature: String,
    /// For workbooks: the sheet read, and every sheet's name.
    pub sheet: Option<(String, Vec<String>)>,
}

impl ParsedFile {
    /// Recognise a table's kind and propose its mapping.
    pub fn new(name: &str, table: Table, report: ReadReport, sheet: Option<(String, Vec<String>)>) -> ParsedFile {
        let kind = detect_kind(&table);
        let mapping = auto_map(&table, kind);
        let signature = header_signature(&table.headers);
        ParsedFile { name: name.to_string(), table, report, kind, mapping, signature, sheet }
    }

    /// Whether every required role is mapped confidently.
    pub fn is_confident(&self) -> bool {
        self.mapping.is_confident(self.kind, CONFIDENT)
    }

    /// Why no mapping can make this file usable, if so: it has no data rows,
    /// or a required role is missing and no unmapped column could hold it.
    pub fn unfixable(&self) -> Option<IngestError> {
        if self.table.is_empty() {
            return Some(IngestError::file(&self.name, "the file has a header but no data rows"));
        }
        let used: Vec<usize> = self.mapping.columns.values().flatten().copied().collect();
        let free = (0..self.table.headers.len()).filter(|c| !used.contains(c)).count();
        let missing = self.mapping.missing(self.kind);
        (free == 0)
            .then(|| {
                missing.first().map(|role| {
                    Builder::require(self, &self.mapping)
                        .err()
                        .unwrap_or_else(|| IngestError::column(&self.name, role, "required column is missing"))
                })
            })
            .flatten()
    }
}

/// What the page needs to know of a parsed file: enough for the mapping
/// panel (headers, a preview, stage labels), without the table itself.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileSummary {
    /// File name.
    pub name: String,
    /// Deals, touches or overlap.
    pub kind: FileKind,
    /// Header cells.
    pub headers: Vec<String>,
    /// The first data rows, as text.
    pub preview: Vec<Vec<String>>,
    /// Number of data rows.
    pub rows: usize,
    /// The proposed mapping: role, columns, confidence.
    pub mapping: Vec<(String, Vec<usize>, f64)>,
    /// Signature of the header row.
    pub signature: String,
    /// For workbooks: the sheet read, and every sheet's name.
    pub sheet: Option<(String, Vec<String>)>,
    /// Delimiter used (0 for workbooks).
    pub delimiter: u8,
    /// Encoding detected.
    pub encoding: String,
    /// Distinct stage labels (first 40), for the stage editor.
    pub stage_labels: Vec<String>,
    /// Whether the mapping is confident enough to skip the panel.
    pub confident: bool,
    /// Why no mapping can make the file usable, if so.
    pub unfixable: Option<String>,
}

/// Rows in a summary's preview.
pub const PREVIEW_ROWS: usize = 5;

impl ParsedFile {
    /// The summary the page needs.
    pub fn summary(&self) -> FileSummary {
        let stage_labels = self
            .mapping
            .column("stage")
            .map(|c| {
                let mut labels: Vec<String> = self
                    .table
                    .rows()
                    .filter_map(|(_, r)| r.get(c))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                labels.sort();
                labels.dedup();
                labels.truncate(40);
                labels
            })
            .unwrap_or_default();
        FileSummary {
            name: self.name.clone(),
            kind: self.kind,
            headers: self.table.headers.clone(),
            preview: (0..self.table.len().min(PREVIEW_ROWS)).map(|i| self.table.row(i).to_vec()).collect(),
            rows: self.table.len(),
            mapping: self.mapping.to_pairs(),
            signature: self.signature.clone(),
            sheet: self.sheet.clone(),
            delimiter: self.report.delimiter,
            encoding: self.report.encoding.to_string(),
            stage_labels,
            confident: self.is_confident(),
            unfixable: self.unfixable().map(|e| e.to_string()),
        }
    }
}

/// Choices that override what the data suggests.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoadOptions {
    /// Decimal mark of amounts (otherwise inferred per column).
    pub decimal_mark: Option<DecimalMark>,
    /// Day/month order of dates (otherwise inferred per column).
    pub date_order: Option<DateOrder>,
    /// Stage label → (closed, won), overriding the usual words.
    pub stage_overrides: BTreeMap<String, (bool, bool)>,
    /// Reporting currency (otherwise the most common one).
    pub reporting_currency: Option<String>,
    /// Units of reporting currency per unit of each other currency.
    pub rates: BTreeMap<String, f64>,
}

/// Decode and parse each file, recognise its kind and propose a mapping.
pub fn parse_files(files: &[InputFile]) -> Result<Vec<ParsedFile>, IngestError> {
    if files.is_empty() {
        return Err(IngestError::file("input", "no file was given"));
    }
    files.iter().map(|f| parse_file(f, None, None)).collect()
}

/// Parse one file, with a delimiter or a sheet chosen by the user.
pub fn parse_file(f: &InputFile, delimiter: Option<u8>, sheet: Option<&str>) -> Result<ParsedFile, IngestError> {
    let (table, report, sheet) = if workbook::is_workbook(&f.bytes) && !f.bytes.is_empty() {
        let (table, report, name, names) = workbook::read_sheet(&f.name, &f.bytes, sheet)?;
        (table, report, Some((name, names)))
    } else {
        let (table, report) = read_table_with(&f.name, &f.bytes, delimiter)?;
        (table, report, None)
    };
    Ok(ParsedFile::new(&f.name, table, report, sheet))
}

/// Load files with automatic mapping (the path of the spec's canonical files).
pub fn load(files: &[InputFile]) -> Result<Dataset, IngestError> {
    build(&parse_files(files)?, &LoadOptions::default())
}

/// Build the data set from parsed files with their own mappings.
pub fn build(files: &[ParsedFile], options: &LoadOptions) -> Result<Dataset, IngestError> {
    let mappings: Vec<Mapping> = files.iter().map(|f| f.mapping.clone()).collect();
    build_mapped(files, &mappings, options)
}

/// Build the data set from parsed files with the given mappings (one per
/// file, as edited in the mapping panel) and choices.
pub fn build_mapped(files: &[ParsedFile], mappings: &[Mapping], options: &LoadOptions) -> Result<Dataset, IngestError> {
    let files: Vec<(&ParsedFile, &Mapping)> = files.iter().zip(mappings).collect();
    let mut deal_files = files.iter().filter(|f| f.0.kind == FileKind::Deals);
    let deals = deal_files.next().ok_or_else(|| {
        IngestError::file("input", "no deal file was given; add the deal export (one row per opportunity with an id, amount, stage, created and close dates)")
    })?;
    if let Some(second) = deal_files.next() {
        return Err(IngestError::file(
            &second.0.name,
            "two deal files were given; drop one deal file (and optionally a touch file and an overlap file)",
        ));
    }
    let mut builder = Builder::new(options);
    builder.deals(deals.0, deals.1)?;
    if let Some((t, m)) = files.iter().find(|f| f.0.kind == FileKind::Touches) {
        builder.touches(t, m)?;
    }
    if let Some((o, m)) = files.iter().find(|f| f.0.kind == FileKind::Overlap) {
        builder.overlap(o, m)?;
    }
    if let Some((r, m)) = files.iter().find(|f| f.0.kind == FileKind::Roster) {
        builder.roster(r, m)?;
    }
    Ok(builder.finish(&files))
}

/// Read one cell of a role, trimmed; `None` when unmapped or blank.
fn cell<'a>(row: Row<'a>, mapping: &Mapping, role: &str) -> Option<&'a str> {
    row.get(mapping.column(role)?).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn delimiter_name(d: u8) -> String {
    match d {
        0 => "none (spreadsheet)".into(),
        b'\t' => "tab".into(),
        other => (other as char).to_string(),
    }
}

/// Legal-form suffixes: a comma before one of these is part of a company
/// name ("Gamma, Inc."), not a separator.
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "llp",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "plc",
    "pty",
    "oy",
    "ab",
    "as",
    "srl",
    "spa",
    "kg",
    "lp",
];

/// Whether commas separate partner names in multi-valued partner cells: only
/// when no partner name is known to contain one, no cell of the column uses
/// another separator (`;`, `|`, newline), and no comma comes before a
/// legal-form suffix such as "Inc.".
pub fn commas_separate<'a>(
    known_names: impl IntoIterator<Item = &'a str>,
    cells: impl IntoIterator<Item = &'a str>,
) -> bool {
    if known_names.into_iter().any(|n| n.contains(',')) {
        return false;
    }
    let suffix = |part: &str| {
        let word = part.trim().trim_end_matches('.').to_ascii_lowercase();
        COMPANY_SUFFIXES.contains(&word.as_str())
    };
    for cell in cells {
        if cell.contains([';', '|', '\n']) || (cell.contains(',') && cell.split(',').skip(1).any(suffix)) {
            return false;
        }
    }
    true
}

/// Split a multi-valued partner cell on `;`, `|` or newlines (and commas
/// when `commas`; see [`commas_separate`]).
pub fn split_partners(cell: &str, commas: bool) -> Vec<&str> {
    let seps: &[char] = if commas { &[';', '|', '\n', ','] } else { &[';', '|', '\n'] };
    cell.split(seps).map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Words of open stages, so other labels can be reported as unknown.
const OPEN_STAGE_WORDS: &[&str] = &[
    "prospect",
    "qualif",
    "proposal",
    "negotiat",
    "discovery",
    "demo",
    "evaluat",
    "pipeline",
    "open",
    "commit",
    "contract",
    "appointment",
    "decision",
    "present",
    "new",
    "lead",
    "scop",
    "solution",
    "verbal",
    "poc",
    "trial",
    "pending",
    "progress",
    "best case",
    "upside",
    "quote",
    "review",
    "develop",
    "identif",
    "needs",
    "analysis",
    "value",
    "perception",
    "id. decision",
    "legal",
    "procure",
    "sent",
    "meeting",
    "propos",
    "angebot",
    "verhandlung",
];

/// Legal suffixes ignored when looking for partners that may be the same.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "co",
    "company",
    "sarl",
    "sa",
    "plc",
    "ag",
    "bv",
    "pty",
    "srl",
    "group",
    "the",
];

/// Key for grouping look-alike partner names: lower case, letters and digits, no legal suffixes.
fn lookalike_key(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LEGAL_SUFFIXES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Partner names, matched case-insensitively with the most common spelling kept.
#[derive(Default)]
struct PartnerNames {
    spellings: FastMap<String, Vec<(String, usize)>>,
}

impl PartnerNames {
    fn key(name: &str) -> String {
        name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
    }

    fn count(&mut self, name: &str, times: usize) {
        let spelled = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let entry = self.spellings.entry(Self::key(name)).or_default();
        match entry.iter_mut().find(|(s, _)| *s == spelled) {
            Some(e) => e.1 += times,
            None => entry.push((spelled, times)),
        }
    }

    /// The kept spelling of a name (most common; ties to the first seen).
    fn canonical(&self, name: &str) -> String {
        let list = &self.spellings[&Self::key(name)];
        let mut best = &list[0];
        for s in list {
            if s.1 > best.1 {
                best = s;
            }
        }
        best.0.clone()
    }
}

struct Builder<'o> {
    options: &'o LoadOptions,
    data: Dataset,
    quality: Quality,
    influencers: Vec<Vec<Sym>>,
    index: FastMap<Sym, usize>,
    names: PartnerNames,
    date_order: DateOrder,
    commas_split: bool,
    /// Outcome of each stage label seen, and whether the label is unknown.
    stages: FastMap<String, ((bool, bool), bool)>,
    /// Partner cells already resolved to their kept spelling's symbol.
    partner_syms: FastMap<String, Sym>,
}

/// A problem in one row: left out and reported.
struct RowProblem {
    column: &'static str,
    reason: String,
}

fn problem(column: &'static str, reason: impl Into<String>) -> RowProblem {
    RowProblem { column, reason: reason.into() }
}

impl<'o> Builder<'o> {
    fn new(options: &'o LoadOptions) -> Self {
        Builder {
            options,
            data: Dataset::default(),
            quality: Quality::default(),
            influencers: Vec::new(),
            index: FastMap::default(),
            names: PartnerNames::default(),
            date_order: DateOrder::MonthFirst,
            commas_split: false,
            stages: FastMap::default(),
            partner_syms: FastMap::default(),
        }
    }

    fn require(file: &ParsedFile, mapping: &Mapping) -> Result<(), IngestError> {
        if let Some(role) = mapping.missing(file.kind).first() {
            let needed: Vec<&str> = roles_of(file.kind).iter().filter(|r| r.required).map(|r| r.id).collect();
            let hint = match file.kind {
                FileKind::Deals => format!("A deal file needs {} and stage (or is_won/is_closed)", needed.join(", ")),
                _ => format!("This file needs {}", needed.join(", ")),
            };
            return Err(IngestError::column(
                &file.name,
                role,
                format!("required column is missing. {hint}; choose the column in the mapping panel or rename it"),
            ));
        }
        if file.table.is_empty() {
            return Err(IngestError::file(&file.name, "the file has a header but no data rows"));
        }
        Ok(())
    }

    /// Leave a row out, or reject the file when too many rows are bad.
    fn skip(&mut self, file: &ParsedFile, line: u64, p: RowProblem) {
        self.quality.skipped.push(Skipped {
            file: file.name.clone(),
            line,
            column: Some(p.column.to_string()),
            reason: p.reason,
        });
    }

    fn check_skips(&self, file: &ParsedFile) -> Result<(), IngestError> {
        let skipped: Vec<&Skipped> = self.quality.skipped.iter().filter(|s| s.file == file.name).collect();
        let rows = file.table.len();
        if !skipped.is_empty() && skipped.len() * 20 > rows {
            let first = skipped[0];
            let more = if skipped.len() > 1 {
                format!(" ({} of {rows} rows have problems like this)", skipped.len())
            } else {
                String::new()
            };
            return Err(IngestError::cell(
                &file.name,
                first.line,
                first.column.as_deref().unwrap_or(""),
                format!("{}{more}", first.reason),
            ));
        }
        Ok(())
    }

    fn deals(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let table = &file.table;
        let column_values = |role: &str| {
            let c = m.column(role);
            (0..table.len()).filter_map(move |i| c.and_then(|c| table.row(i).get(c)))
        };
        let semicolon_file = file.report.delimiter == b';';
        let mark = match self.options.decimal_mark {
            Some(mark) => mark,
            None => {
                let default = if semicolon_file { DecimalMark::Comma } else { DecimalMark::Point };
                let inferred = infer_decimal_mark(column_values("amount"), default);
                if inferred.is_assumed() {
                    self.quality.assumptions.push(format!(
                        "Amounts such as 1,234 could use either decimal mark; read with \"{}\" as the decimal mark (change it in the mapping panel).",
                        if inferred.value() == DecimalMark::Point { "." } else { "," }
                    ));
                }
                inferred.value()
            }
        };
        self.date_order = match self.options.date_order {
            Some(order) => order,
            None => {
                let default = if semicolon_file { DateOrder::DayFirst } else { DateOrder::MonthFirst };
                let inferred =
                    infer_date_order(column_values("created_date").chain(column_values("close_date")), default);
                if inferred.is_assumed() {
                    self.quality.assumptions.push(format!(
                        "Dates such as 03/04/2025 could be day or month first; read as {} (change it in the mapping panel).",
                        if inferred.value() == DateOrder::MonthFirst { "month/day/year" } else { "day/month/year" }
                    ));
                }
                inferred.value()
            }
        };
        // Partner names: commas separate names only when no name is known to contain one.
        // Count each spelling once per occurrence, then group spellings.
        // (order first seen, count) per spelling.
        let mut spellings: FastMap<&str, (usize, usize)> = FastMap::default();
        fn seen<'t>(spellings: &mut FastMap<&'t str, (usize, usize)>, s: &'t str) {
            let next = spellings.len();
            spellings.entry(s).or_insert((next, 0)).1 += 1;
        }
        for s in column_values("sourcing_partner").map(str::trim).filter(|s| !s.is_empty()) {
            seen(&mut spellings, s);
        }
        let influencing_cells =
            m.all("influencing_partners").iter().flat_map(|&c| table.rows().filter_map(move |(_, row)| row.get(c)));
        self.commas_split = commas_separate(spellings.keys().copied(), influencing_cells);
        for &c in m.all("influencing_partners") {
            for (_, row) in table.rows() {
                if let Some(v) = row.get(c) {
                    for p in split_partners(v, self.commas_split) {
                        seen(&mut spellings, p);
                    }
                }
            }
        }
        let mut spellings: Vec<(&str, (usize, usize))> = spellings.into_iter().collect();
        spellings.sort_unstable_by_key(|&(_, (first, _))| first);
        for (s, (_, n)) in spellings {
            self.names.count(s, n);
        }
        self.data.currency =
            self.options.reporting_currency.clone().unwrap_or_else(|| most_common(column_values("currency")));
        let mut first_line: FastMap<Sym, u64> = FastMap::default();
        let mut unknown_stages: BTreeMap<String, usize> = BTreeMap::new();
        let mut missing_rates: BTreeMap<String, usize> = BTreeMap::new();
        for (line, row) in table.rows() {
            match self.deal_row(m, row, line, mark, &mut first_line, &mut unknown_stages, &mut missing_rates) {
                Ok(()) => {}
                Err(p) => self.skip(file, line, p),
            }
        }
        self.check_skips(file)?;
        if self.data.deals.is_empty() {
            return Err(IngestError::file(&file.name, "no deal could be read from the file"));
        }
        self.quality.unknown_stages = unknown_stages.into_iter().collect();
        self.quality.missing_rates = missing_rates.into_iter().collect();
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn deal_row(
        &mut self,
        m: &Mapping,
        row: Row<'_>,
        line: u64,
        mark: DecimalMark,
        first_line: &mut FastMap<Sym, u64>,
        unknown_stages: &mut BTreeMap<String, usize>,
        missing_rates: &mut BTreeMap<String, usize>,
    ) -> Result<(), RowProblem> {
        let id_text = cell(row, m, "deal_id")
            .ok_or_else(|| problem("deal_id", "the deal id is blank; every deal needs a unique id"))?;
        let id = self.data.strings.intern(id_text);
        let (mut sourcing, influencing) = self.row_partners(row, m);
        let amount_text = cell(row, m, "amount");
        let amount_cents = match amount_text {
            None => 0,
            Some(text) => {
                parse_amount(text, mark).ok_or_else(|| problem("amount", format!("\"{text}\" is not an amount")))?
            }
        };
        let amount_cents = match cell(row, m, "currency").map(str::to_uppercase) {
            Some(code) if code != self.data.currency => match self.options.rates.get(&code) {
                Some(rate) if rate.is_finite() && *rate > 0.0 => (amount_cents as f64 * rate).round() as i64,
                _ => {
                    *missing_rates.entry(code).or_default() += 1;
                    return Ok(());
                }
            },
            _ => amount_cents,
        };
        let created_text =
            cell(row, m, "created_date").ok_or_else(|| problem("created_date", "the created date is blank"))?;
        let created = parse_date(created_text, self.date_order)
            .ok_or_else(|| problem("created_date", format!("\"{created_text}\" is not a date")))?;
        let close = match cell(row, m, "close_date") {
            Some(text) => Some(
                parse_date(text, self.date_order)
                    .ok_or_else(|| problem("close_date", format!("\"{text}\" is not a date")))?,
            ),
            None => None,
        };
        let (mut closed, mut won) = (false, false);
        if let Some(stage) = cell(row, m, "stage") {
            let (outcome, unknown) = match self.stages.get(stage) {
                Some(&known) => known,
                None => {
                    let known = match self.options.stage_overrides.get(stage) {
                        Some(&outcome) => (outcome, false),
                        None => {
                            let outcome = stage_outcome(stage);
                            let lower = stage.to_lowercase();
                            (outcome, !outcome.0 && !OPEN_STAGE_WORDS.iter().any(|w| lower.contains(w)))
                        }
                    };
                    self.stages.insert(stage.to_string(), known);
                    known
                }
            };
            if unknown {
                *unknown_stages.entry(stage.to_string()).or_default() += 1;
            }
            (closed, won) = outcome;
        }
        if let Some(text) = cell(row, m, "is_won") {
            won = parse_bool(text).ok_or_else(|| problem("is_won", format!("\"{text}\" is not yes/no")))?;
            closed |= won;
        }
        if let Some(text) = cell(row, m, "is_closed") {
            closed = parse_bool(text).ok_or_else(|| problem("is_closed", format!("\"{text}\" is not yes/no")))? || won;
        }
        if closed && close.is_none() {
            return Err(problem("close_date", "the deal is closed but has no close date"));
        }
        if let Some(&first) = first_line.get(&id) {
            // The same deal again. With the same amount, dates and outcome and a
            // partner, it is a row of a deal–partner report ("Opportunities with
            // Partners"): its partners join the deal. Otherwise it is a
            // duplicate: the first row wins (spec §1) and the line is reported.
            let i = self.index[&id];
            let kept = &self.data.deals[i];
            let same_deal = (kept.amount_cents, kept.created, kept.close, kept.closed, kept.won)
                == (amount_cents, created, close, closed, won);
            if same_deal && (sourcing.is_some() || !influencing.is_empty()) {
                if self.data.deals[i].sourcing.is_none() {
                    self.data.deals[i].sourcing = sourcing.take();
                }
                let list = &mut self.influencers[i];
                for p in sourcing.into_iter().chain(influencing) {
                    if !list.contains(&p) && self.data.deals[i].sourcing != Some(p) {
                        list.push(p);
                    }
                }
                self.quality.merged_partner_rows.push(line);
            } else {
                self.quality.duplicates.push((id_text.to_string(), line, first));
            }
            return Ok(());
        }
        // Reported once per deal, never for the repeated rows above.
        match amount_text {
            None => self.quality.blank_amounts.push(line),
            Some(_) if amount_cents <= 0 => self.quality.non_positive_amounts.push(line),
            Some(_) => {}
        }
        if close.is_some_and(|c| c < created) {
            self.quality.close_before_create.push(line);
        }
        first_line.insert(id, line);
        let mut opt = |role: &str| cell(row, m, role).map(|v| self.data.strings.intern(v));
        let deal = Deal {
            id,
            amount_cents,
            created,
            close,
            closed,
            won,
            sourcing,
            influencers: 0..0,
            partner_type: opt("partner_type"),
            deal_type: opt("deal_type"),
            segment: opt("segment"),
            account: opt("account"),
            owner: opt("owner"),
            lead_source: opt("lead_source"),
            line,
        };
        self.index.insert(id, self.data.deals.len());
        self.data.deals.push(deal);
        self.influencers.push(influencing);
        Ok(())
    }

    /// The row's sourcing partner and influencers (by partner role when mapped).
    /// The symbol of a partner's kept spelling, cached per spelling seen.
    fn partner(&mut self, spelled: &str) -> Sym {
        if let Some(&sym) = self.partner_syms.get(spelled) {
            return sym;
        }
        let name = self.names.canonical(spelled);
        let sym = self.data.strings.intern(&name);
        self.partner_syms.insert(spelled.to_string(), sym);
        sym
    }

    fn row_partners(&mut self, row: Row<'_>, m: &Mapping) -> (Option<Sym>, Vec<Sym>) {
        let mut sourcing = cell(row, m, "sourcing_partner").map(|p| self.partner(p));
        let mut influencing: Vec<Sym> = Vec::new();
        for &c in m.all("influencing_partners") {
            if let Some(v) = row.get(c) {
                for p in split_partners(v, self.commas_split) {
                    let sym = self.partner(p);
                    if Some(sym) != sourcing && !influencing.contains(&sym) {
                        influencing.push(sym);
                    }
                }
            }
        }
        // "Opportunities with Partners": the partner column is the sourcing
        // partner only when its role says so (referral, sourced, primary).
        if let (Some(role), Some(p)) = (cell(row, m, "partner_role"), sourcing) {
            let r = role.to_lowercase();
            let sources =
                ["referr", "sourc", "primary", "originat", "registered", "deal reg"].iter().any(|w| r.contains(w));
            if !sources {
                sourcing = None;
                if !influencing.contains(&p) {
                    influencing.insert(0, p);
                }
            }
        }
        (sourcing, influencing)
    }

    fn touches(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let order = self.options.date_order.unwrap_or_else(|| {
            let c = m.column("touch_date");
            let values = (0..file.table.len()).filter_map(|i| c.and_then(|c| file.table.row(i).get(c)));
            infer_date_order(values, self.date_order).value()
        });
        let mut touches = Vec::with_capacity(file.table.len());
        for (line, row) in file.table.rows() {
            let Some(id_text) = cell(row, m, "deal_id") else {
                self.skip(file, line, problem("deal_id", "the deal id is blank; every touch must name its deal"));
                continue;
            };
            let Some(&deal) = self.data.strings.get(id_text).and_then(|s| self.index.get(&s)) else {
                self.quality.unmatched.push((id_text.to_string(), line));
                continue;
            };
            let date = match cell(row, m, "touch_date").map(|t| (t, parse_date(t, order))) {
                Some((_, Some(d))) => d,
                Some((t, None)) => {
                    self.skip(file, line, problem("touch_date", format!("\"{t}\" is not a date")));
                    continue;
                }
                None => {
                    self.skip(file, line, problem("touch_date", "the touch date is blank"));
                    continue;
                }
            };
            let Some(actor_text) = cell(row, m, "actor") else {
                self.skip(file, line, problem("actor", "the actor is blank; name the partner, person or team"));
                continue;
            };
            let actor_type = ActorType::parse(cell(row, m, "actor_type").unwrap_or("partner"));
            let actor = if actor_type != ActorType::Partner {
                self.data.strings.intern(actor_text)
            } else if self.partner_syms.contains_key(actor_text)
                || self.names.spellings.contains_key(&PartnerNames::key(actor_text))
            {
                self.partner(actor_text)
            } else {
                self.data.strings.intern(actor_text)
            };
            let touch_type = cell(row, m, "touch_type").map(|t| self.data.strings.intern(t));
            touches.push(Touch { deal: deal as u32, date, actor, actor_type, touch_type });
        }
        self.check_skips(file)?;
        self.data.touches = Some(touches);
        Ok(())
    }

    fn overlap(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let norm = |s: &str| lookalike_key(s);
        let mut by_account: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in self.data.deals.iter().enumerate() {
            if let Some(a) = d.account {
                by_account.entry(norm(self.data.strings.name(a))).or_default().push(i);
            }
        }
        let mut attached: Vec<(u32, Sym)> = Vec::new();
        for (line, row) in file.table.rows() {
            let Some(partner) = cell(row, m, "partner") else { continue };
            let population = cell(row, m, "population").unwrap_or("customer").to_lowercase();
            if population.contains("prospect") || population.contains("lead") {
                continue; // only customers and open opportunities make a deal partner-attached
            }
            let key = cell(row, m, "account").map(norm).or_else(|| {
                cell(row, m, "domain").map(|d| norm(d.trim_start_matches("www.").split('.').next().unwrap_or(d)))
            });
            let Some(deals) = key.as_ref().and_then(|k| by_account.get(k)) else {
                self.quality.unmatched.push((key.unwrap_or_default(), line));
                continue;
            };
            let p = self.data.strings.intern(&self.names_or_raw(partner));
            attached.extend(deals.iter().map(|&d| (d as u32, p)));
        }
        attached.sort_unstable();
        attached.dedup();
        self.data.attached = attached;
        Ok(())
    }

    fn roster(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let order = self.options.date_order.unwrap_or_else(|| {
            let c = m.column("start_date");
            let values = (0..file.table.len()).filter_map(|i| c.and_then(|c| file.table.row(i).get(c)));
            infer_date_order(values, self.date_order).value()
        });
        let mut seen: FastMap<Sym, u64> = FastMap::default();
        for (line, row) in file.table.rows() {
            let Some(name) = cell(row, m, "partner") else {
                self.skip(file, line, problem("partner", "the partner name is blank"));
                continue;
            };
            let start = match cell(row, m, "start_date") {
                Some(text) => match parse_date(text, order) {
                    Some(d) => Some(d),
                    None => {
                        self.skip(file, line, problem("start_date", format!("\"{text}\" is not a date")));
                        continue;
                    }
                },
                None => None,
            };
            let partner = self.data.strings.intern(&self.names_or_raw(name));
            if let Some(&first) = seen.get(&partner) {
                self.quality.duplicates.push((name.to_string(), line, first));
                continue;
            }
            seen.insert(partner, line);
            let mut opt = |role: &str| cell(row, m, role).map(|v| self.data.strings.intern(v));
            let (partner_type, tier) = (opt("partner_type"), opt("tier"));
            self.data.roster.push(RosterEntry { partner, partner_type, tier, start });
        }
        self.check_skips(file)?;
        Ok(())
    }

    fn names_or_raw(&self, name: &str) -> String {
        if self.names.spellings.contains_key(&PartnerNames::key(name)) {
            self.names.canonical(name)
        } else {
            name.trim().to_string()
        }
    }

    fn finish(mut self, files: &[(&ParsedFile, &Mapping)]) -> Dataset {
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
                preamble: f.report.preamble.clone(),
                footer: f.report.footer.clone(),
            })
            .collect();
        self.quality.deals_kept = self.data.deals.len();
        self.data.quality = self.quality;
        self.data
    }
}

/// The most common currency code of a column, or USD when it has none.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        *counts.entry(v.to_uppercase()).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(c, _)| c).unwrap_or_else(|| "USD".into())
}

/// Re-exported for callers that sniff before parsing.
pub use csv_reader::sniff_delimiter;
