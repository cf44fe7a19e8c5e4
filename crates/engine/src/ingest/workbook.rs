//! Excel workbooks (`.xlsx`, `.xls`, `.xlsb`, `.ods`) read with `calamine`:
//! each sheet becomes rows of text cells, with date cells as ISO dates,
//! then goes through the same table finder as a CSV.

use super::csv_reader::{table_from_records, ReadReport, Table};
use super::records::Records;
use crate::error::IngestError;
use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use std::io::Cursor;

/// Whether the bytes are a workbook calamine can read (zip or OLE container).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

/// One cell as text: dates as `YYYY-MM-DD`, whole numbers without decimals.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_duration() => dt.as_f64().to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
    }
}

/// Whether a zip archive holds a spreadsheet (its entry names say so).
fn zip_holds_spreadsheet(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    [&b"[Content_Types].xml"[..], b"xl/", b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"]
        .iter()
        .any(|needle| head.windows(needle.len()).any(|w| w == *needle))
}

/// Largest cell a sheet may hold (Excel's own limit is 32,767 characters,
/// up to 4 bytes each in UTF-8).
pub const MAX_SHEET_CELL_BYTES: usize = 4 * 32_767;

/// Most bytes a workbook may inflate to: a zip bomb is refused before
/// anything is inflated.
pub const MAX_INFLATED_BYTES: u64 = 1 << 30;

/// Most entries a workbook archive may hold.
const MAX_ENTRIES: usize = 10_000;

/// Inflate every entry of a zip archive once, into nothing, counting the
/// bytes that come out: an archive whose directory lies about its sizes (a
/// forged end record in the comment, bytes before the archive) stops at
/// the limit with the honest one's message. The same reader as calamine's
/// finds the entries, so what is counted is what would be read.
fn check_inflated_size(file: &str, bytes: &[u8]) -> Result<(), IngestError> {
    use std::io::Read;
    let too_large = |size: u64| {
        IngestError::file(
            file,
            format!(
                "this workbook inflates to more than {:.1} GB, more than the {} GB a tab can read (it may be a zip bomb, or a very large workbook): export the sheet as CSV, or use the command-line program",
                size as f64 / 1e9,
                MAX_INFLATED_BYTES >> 30
            ),
        )
    };
    // An archive the zip reader cannot open is left to calamine's message.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    if archive.len() > MAX_ENTRIES {
        return Err(IngestError::file(
            file,
            format!(
                "this workbook holds {} files, far more than a spreadsheet does: export the sheet as CSV",
                archive.len()
            ),
        ));
    }
    let mut total = 0u64;
    let mut sink = [0u8; 64 * 1024];
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else { continue };
        loop {
            match entry.read(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > MAX_INFLATED_BYTES {
                        return Err(too_large(total));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Why an OLE container (`.xls`) cannot be read, when the reason is known:
/// an Excel 5.0/95 workbook (a `Book` stream, not `Workbook`), or a
/// password-protected file (an `EncryptionInfo` stream).
fn old_format_reason(bytes: &[u8]) -> Option<String> {
    if !bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return None;
    }
    let utf16 = |name: &str| name.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let holds = |name: &str| {
        let needle = utf16(name);
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if holds("EncryptionInfo") {
        Some("this Excel workbook is password-protected: open it in Excel, remove the password (File → Info → Protect Workbook), save, and drop it again — or export the sheet as CSV".into())
    } else if !holds("Workbook") && holds("Book") {
        Some("this is an old Excel 5.0/95 workbook, which cannot be read here: open it in Excel or LibreOffice and save it as .xlsx or CSV, then drop that file".into())
    } else {
        None
    }
}

/// Most cells (blank ones between filled ones included) the sheets of one
/// workbook may make: about 1 GB of records.
const MAX_SHEET_CELLS: usize = 100_000_000;

/// The filled cells of one sheet, as ((row, column), text). `.xlsx` and
/// `.xlsb` sheets are streamed cell by cell, so nothing is allocated by a
/// sheet's declared or spanned size (two cells far apart once asked for
/// 512 GB); `.xls` (at most 65,536 × 256 by its format) and `.ods` (whose
/// repeats calamine caps) are read whole.
fn sheet_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
) -> Option<Vec<((u32, u32), String)>> {
    let mut cells = Vec::new();
    let mut keep = |pos: (u32, u32), data: Data| {
        let text = cell_text(&data);
        if !text.trim().is_empty() {
            cells.push((pos, text));
        }
    };
    match book {
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).ok()?;
            while let Ok(Some(cell)) = reader.next_cell() {
                let pos = cell.get_position();
                keep(pos, Data::from(cell.get_value().clone()));
            }
        }
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).ok()?;
            while let Ok(Some(cell)) = reader.next_cell() {
                let pos = cell.get_position();
                keep(pos, Data::from(cell.get_value().clone()));
            }
        }
        other => {
            let range = other.worksheet_range(name).ok()?;
            for (r, c, value) in range.used_cells() {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                keep((r0 + r as u32, c0 + c as u32), value.clone());
            }
        }
    }
    Some(cells)
}

/// A sheet's filled cells as records: rows in order, each as wide as its
/// last filled cell, columns counted from the sheet's first used one.
/// Blank cells between filled ones count against `budget`.
fn records_of(
    file: &str,
    sheet: &str,
    mut cells: Vec<((u32, u32), String)>,
    budget: &mut usize,
) -> Result<Records, IngestError> {
    cells.sort_by_key(|c| c.0);
    let first_column = cells.iter().map(|c| c.0 .1).min().unwrap_or(0);
    let mut records = Records::default();
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].0 .0;
        let end = cells[i..].iter().position(|c| c.0 .0 != row).map_or(cells.len(), |n| i + n);
        let width = (cells[end - 1].0 .1 - first_column) as usize + 1;
        if width > super::csv_reader::MAX_COLUMNS {
            return Err(IngestError::file(
                file,
                format!(
                    "sheet \"{sheet}\", row {}: a cell stands in column {width}; at most {} columns can be read. Export only the columns you need, or the sheet as CSV",
                    row + 1,
                    super::csv_reader::MAX_COLUMNS
                ),
            ));
        }
        *budget = budget.checked_sub(width).ok_or_else(|| {
            IngestError::file(file, format!("sheet \"{sheet}\" is too large to read in a tab: export it as CSV, or use the command-line program"))
        })?;
        let mut row_cells = vec![String::new(); width];
        for (pos, text) in cells[i..end].iter_mut() {
            if text.len() > MAX_SHEET_CELL_BYTES {
                return Err(IngestError::file(
                    file,
                    format!(
                        "sheet \"{sheet}\", row {}: a cell holds {:.1} MB, far more than a spreadsheet cell can (32,767 characters): the workbook is damaged or was not made by a spreadsheet program. Export the sheet as CSV",
                        row + 1,
                        text.len() as f64 / 1e6
                    ),
                ));
            }
            row_cells[(pos.1 - first_column) as usize] = std::mem::take(text);
        }
        records.push(u64::from(row) + 1, row_cells);
        i = end;
    }
    Ok(records)
}

/// Sheets of a workbook with their rows as text.
pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<Vec<(String, Records)>, IngestError> {
    if bytes.starts_with(b"PK\x03\x04") && !zip_holds_spreadsheet(bytes) {
        return Err(IngestError::file(
            file,
            "this is a zip archive, not a spreadsheet: unzip it and drop the CSV or Excel file inside",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_inflated_size(file, bytes)?;
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        IngestError::file(file, old_format_reason(bytes).unwrap_or_else(|| format!("this looks like an Excel workbook but it cannot be opened ({e}); it may be damaged or password-protected. Save it again from Excel, or export the sheet as CSV")))
    })?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    let mut budget = MAX_SHEET_CELLS;
    for name in names {
        let Some(cells) = sheet_cells(&mut book, &name) else { continue };
        sheets.push((name.clone(), records_of(file, &name, cells, &mut budget)?));
    }
    if sheets.iter().all(|(_, rows)| rows.is_empty()) {
        return Err(IngestError::file(file, "the workbook has no sheet with data"));
    }
    Ok(sheets)
}

/// How much a sheet looks like the deal rows: the confidence with which
/// its amount, close date and outcome are found (a pivot or dictionary
/// sheet finds none), then its rows.
fn deal_sheet_score(table: &Table) -> (f64, usize) {
    use super::roles::{auto_map_with, profile::Profiles, FileKind};
    let mapping = auto_map_with(table, FileKind::Deals, &Profiles::of(table));
    let conf = |role: &str| mapping.confidence.get(role).copied().unwrap_or(0.0);
    let outcome = conf("stage").max(conf("is_won"));
    ((conf("amount") + conf("close_date") + outcome) / 3.0, table.len())
}

/// The table of one sheet (`None`: the sheet that best reads as deal rows,
/// else the largest), and the sheet names.
pub fn read_sheet(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Table, ReadReport, String, Vec<String>), IngestError> {
    let sheets = read_workbook(file, bytes)?;
    let names: Vec<String> = sheets.iter().map(|s| s.0.clone()).collect();
    let no_table = |name: &str| {
        IngestError::file(file, format!("sheet \"{name}\" has no row that looks like a header followed by data"))
    };
    if let Some(wanted) = sheet {
        let (name, records) = sheets
            .into_iter()
            .find(|s| s.0 == wanted)
            .ok_or_else(|| IngestError::file(file, format!("the workbook has no sheet named \"{wanted}\"")))?;
        let (table, report) = table_from_records(file, records, "Excel workbook", 0).map_err(|_| no_table(&name))?;
        return Ok((table, report, name, names));
    }
    // Every sheet with a table, scored; the best deal sheet, else the largest.
    let mut best: Option<((f64, usize), String, Table, ReadReport)> = None;
    let mut largest = String::new();
    for (name, records) in sheets {
        if largest.is_empty() {
            largest = name.clone();
        }
        let Ok((table, report)) = table_from_records(file, records, "Excel workbook", 0) else { continue };
        let score = deal_sheet_score(&table);
        let better = best.as_ref().is_none_or(|(s, ..)| {
            let (a, b) = (score, *s);
            a.0 > b.0 + 1e-9 || ((a.0 - b.0).abs() <= 1e-9 && a.1 > b.1)
        });
        if better {
            best = Some((score, name, table, report));
        }
    }
    let (_, name, table, report) = best.ok_or_else(|| no_table(&largest))?;
    Ok((table, report, name, names))
}
