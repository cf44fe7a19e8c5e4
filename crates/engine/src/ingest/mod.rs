//! From dropped files to a [`Dataset`]: decode, find the table, recognise
//! what each file is, map its columns to the spec's roles, read the values,
//! and report everything that was not a plain copy in the data-quality
//! report. A row that cannot be read is left out and reported with its row
//! and column (see [`problems`]); only a file where no row at all can be read
//! is rejected, with the first problem's row and column.

pub mod arr;
pub(crate) mod build;
pub use build::UNNAMED_PARTNER;
mod csv_driver;
pub mod csv_reader;
pub mod currency;
pub mod decode;
pub mod partners;
pub mod problems;
pub mod quality;
pub mod ranges;
pub mod records;
pub mod roles;
pub mod stage_history;
pub mod stage_words;
mod table_shape;
pub mod values;
pub mod workbook;

use crate::dataset::{AccountFiles, Dataset};
use crate::error::IngestError;
use build::Builder;
use csv_reader::{read_table_as, ReadReport, Table};
use roles::profile::Profiles;
use roles::{auto_map_with, detect_kind_with, header_signature, FileKind, Mapping, CONFIDENT};
use std::collections::BTreeMap;
use values::{DateOrder, DecimalMark};

pub use partners::{commas_separate, split_partners};
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
        let profiles = Profiles::of(&table);
        let (kind, deals) = detect_kind_with(&table, &profiles);
        let mapping = deals.unwrap_or_else(|| auto_map_with(&table, kind, &profiles));
        let signature = header_signature(&table.headers);
        ParsedFile { name: name.to_string(), table, report, kind, mapping, signature, sheet }
    }

    /// The file with its first row read as the header (`true`) or as data
    /// (`false`), its kind and mapping proposed again.
    pub fn with_header_row(self, header: bool) -> ParsedFile {
        if header != self.report.headerless {
            return self; // already so
        }
        let table = self.table.with_header_row(header);
        let report = ReadReport { headerless: !header, ..self.report };
        ParsedFile::new(&self.name, table, report, self.sheet)
    }

    /// Whether every required role is mapped confidently.
    pub fn is_confident(&self) -> bool {
        self.mapping.is_confident(self.kind, CONFIDENT)
    }

    /// Why no mapping can make this file usable, if so: it has no data rows,
    /// or a required role is missing and no unmapped column could hold it.
    pub fn unfixable(&self) -> Option<IngestError> {
        if let Some(message) = self.looks_like_summary() {
            return Some(IngestError::file(&self.name, message));
        }
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

impl ParsedFile {
    /// A pivot table or report summary saved instead of the rows ("Row
    /// Labels", "Sum of Amount", "Grand Total"): no mapping can help, the
    /// user needs the underlying data.
    fn looks_like_summary(&self) -> Option<String> {
        let headers: Vec<String> = self.table.headers.iter().map(|h| h.trim().to_lowercase()).collect();
        let pivot_header = headers.iter().any(|h| {
            h == "row labels"
                || h == "column labels"
                || h.starts_with("sum of ")
                || h.starts_with("count of ")
                || h.starts_with("average of ")
        });
        let summary_cell = |c: &str| {
            let c = c.trim().to_lowercase();
            c == "grand total" || c == "row labels" || c.starts_with("sum of ") || c.starts_with("count of ")
        };
        let grand_total = (0..self.table.len().min(200)).any(|i| self.table.row(i).get(0).is_some_and(summary_cell));
        let has_id = self
            .mapping
            .column("deal_id")
            .is_some_and(|_| self.mapping.confidence.get("deal_id").is_some_and(|&c| c >= 0.9));
        (self.kind == FileKind::Deals && (pivot_header || grand_total) && !has_id).then(|| {
            "this looks like a pivot table or report summary (\"Row Labels\", \"Sum of …\", \"Grand Total\"), not one row per deal. Export the underlying data instead: in Excel, double-click the pivot table's grand total to get its rows, or export the report as \"Details only\" / the opportunity list".to_string()
        })
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
    /// Whether the file was read without a header row (columns `Column 1…N`).
    #[serde(default)]
    pub headerless: bool,
    /// Why no mapping can make the file usable, if so.
    pub unfixable: Option<String>,
    /// Why each role got its column (or none), one line each.
    #[serde(default)]
    pub reasons: Vec<(String, String)>,
    /// Optional roles guessed with little confidence: the results show with
    /// a bar asking to check them.
    #[serde(default)]
    pub uncertain: Vec<String>,
    /// Invalid byte sequences replaced while decoding.
    #[serde(default)]
    pub replaced: usize,
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
            headerless: self.report.headerless,
            unfixable: self.unfixable().map(|e| e.to_string()),
            reasons: self.mapping.reason_pairs(),
            uncertain: self.mapping.uncertain(self.kind, CONFIDENT).into_iter().map(String::from).collect(),
            replaced: self.report.replaced,
        }
    }
}

/// Most bytes of files the page reads at once. At its peak the tab holds
/// about four times a file's size (4.3 GB for a 1.1 GB export of 8M deals,
/// measured in Chromium; the worker and the page never hold their copies at
/// once), and no WebAssembly memory grows past 4 GB: a larger drop is
/// refused at once with this limit named, rather than risking the tab (a
/// worker that runs out of memory below it gets a message too).
pub const MAX_PAGE_BYTES: f64 = 1200e6;

/// The message for files above [`MAX_PAGE_BYTES`].
pub fn too_large_message(total_bytes: f64) -> String {
    format!(
        "These files hold {:.0} MB; the page reads at most {:.0} MB at once (a browser tab cannot hold more). Filter the export (for example the last two or three years), or run the same definitions on the whole file with the command-line program (`partner-attribution export`) or in your warehouse.",
        total_bytes / 1e6,
        MAX_PAGE_BYTES / 1e6
    )
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
    /// How a per-row rate column converts, when the user said (otherwise
    /// read from the rates: `ingest::currency::read_rates`).
    #[serde(default)]
    pub rate_direction: Option<currency::RateDirection>,
    /// Turn off the partner signal of lead sources (spec §1): with no partner
    /// column, a lead source such as "Partner Referral" otherwise makes
    /// `(partner, unnamed)` the deal's sourcing partner.
    pub ignore_partner_lead_source: bool,
}

/// How one file is read: the choices made in the mapping panel (each
/// `None` to detect), so a fresh worker reads it again exactly as before.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadChoice {
    /// Delimiter chosen (`None`: sniffed).
    pub delimiter: Option<u8>,
    /// Sheet chosen (workbooks).
    pub sheet: Option<String>,
    /// Whether the first row was set to be a header (`None`: as detected).
    pub header: Option<bool>,
    /// Encoding chosen, as a label such as `windows-1251` (`None`: detected).
    #[serde(default)]
    pub encoding: Option<String>,
    /// Readers splitting a large delimited file (`None`: one per core, see
    /// [`ranges::readers_for`]); the result is the same whatever the count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readers: Option<u32>,
}

/// Decode and parse each file, recognise its kind and propose a mapping.
pub fn parse_files(files: &[InputFile]) -> Result<Vec<ParsedFile>, IngestError> {
    parse_files_with(files, &ReadChoice::default())
}

/// [`parse_files`] with the same choices for every file.
pub fn parse_files_with(files: &[InputFile], choice: &ReadChoice) -> Result<Vec<ParsedFile>, IngestError> {
    if files.is_empty() {
        return Err(IngestError::file("input", "no file was given"));
    }
    files.iter().map(|f| parse_file(f, choice)).collect()
}

/// Readers for a file of `len` bytes: the choice, else one per core of this machine.
fn readers_of(choice: &ReadChoice, len: usize) -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    #[cfg(target_arch = "wasm32")]
    let cores = 1;
    ranges::readers_chosen(choice.readers, len as u64, cores)
}

/// Parse one file with the user's choices of delimiter, encoding, sheet and header row.
pub fn parse_file(f: &InputFile, choice: &ReadChoice) -> Result<ParsedFile, IngestError> {
    let (table, report, sheet) = if workbook::is_workbook(&f.bytes) && !f.bytes.is_empty() {
        let (table, report, name, names) = workbook::read_sheet(&f.name, &f.bytes, choice.sheet.as_deref())?;
        (table, report, Some((name, names)))
    } else {
        let (table, report) = match readers_of(choice, f.bytes.len()) {
            #[cfg(not(target_arch = "wasm32"))]
            readers if readers > 1 => {
                ranges::read_table_in_ranges(&f.name, &f.bytes, choice.delimiter, choice.encoding.as_deref(), readers)?
            }
            _ => read_table_as(&f.name, &f.bytes, choice.delimiter, choice.encoding.as_deref())?,
        };
        (table, report, None)
    };
    let parsed = ParsedFile::new(&f.name, table, report, sheet);
    Ok(match choice.header {
        Some(header) => parsed.with_header_row(header),
        None => parsed,
    })
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
    let mut data = builder.finish(&files);
    money_in_range(&data, &deals.0.name)?;
    data.accounts = account_files(&files, deals.0)?;
    Ok(data)
}

/// Refuse a data set whose amounts add up past what can be counted to the
/// cent ([`crate::money::MAX_TOTAL_CENTS`]), naming the largest amount.
pub fn money_in_range(data: &Dataset, file: &str) -> Result<(), IngestError> {
    let amounts = data.deals.iter().map(|d| (d.amount_cents, d.line));
    crate::money::check_total(amounts).map_err(|(line, cents)| {
        IngestError::cell(
            file,
            line,
            "amount",
            format!(
                "the amounts add up to more than 90,071,992,547,409.92, the most this app counts to the cent; the largest is {}. Check that the amount column holds amounts and that its decimal mark is read right (the mapping panel), or split the file",
                crate::money::format_cents(cents)
            ),
        )
    })
}

/// The §7a/§7b files among `files`: a stage history (its own file, else the
/// deal file's "Date entered" columns), ARR snapshots and installs.
fn account_files(files: &[(&ParsedFile, &Mapping)], deals: &ParsedFile) -> Result<AccountFiles, IngestError> {
    let of_kind = |kind: FileKind| files.iter().find(|f| f.0.kind == kind).map(|f| f.0);
    let stage_history = match of_kind(FileKind::StageHistory) {
        Some(f) => Some(stage_history::stage_history_of(&f.name, &f.table)?),
        None if stage_history::has_wide_stage_columns(&deals.table) => {
            Some(stage_history::stage_history_of(&deals.name, &deals.table)?).filter(|h| !h.entries.is_empty())
        }
        None => None,
    };
    let arr = match of_kind(FileKind::Arr) {
        Some(f) => arr::arr_of(&f.name, &f.table, f.report.delimiter)?.rows,
        None => Vec::new(),
    };
    let installs =
        of_kind(FileKind::Integrations).map(|f| arr::installs_of(&f.name, &f.table).map(|r| r.rows)).transpose()?;
    Ok(AccountFiles { stage_history, arr, installs })
}

/// Re-exported for callers that sniff before parsing.
pub use csv_reader::sniff_delimiter;
