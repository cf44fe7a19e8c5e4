//! Excel workbooks (`.xlsx`, `.xls`, `.xlsb`, `.ods`) read with `calamine`:
//! each sheet becomes rows of text cells, with date cells as ISO dates,
//! then goes through the same table finder as a CSV.

use super::csv_reader::{table_from_records, ReadReport, Table};
use super::records::Records;
use crate::error::IngestError;
use calamine::{open_workbook_auto_from_rs, Data, Reader};
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

/// The sum of the uncompressed sizes a zip's central directory declares
/// (`None` when there is no readable directory: calamine then reports it).
fn declared_inflated_size(bytes: &[u8]) -> Option<u64> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize);
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    // End of central directory: the last "PK\x05\x06" within the final 64 KiB + 22 bytes.
    let tail = bytes.len().saturating_sub(65_557);
    let end = (tail..bytes.len().saturating_sub(21)).rev().find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let entries = u16_at(end + 10)?;
    let mut at = u32_at(end + 16)? as usize;
    let mut total = 0u64;
    for _ in 0..entries {
        if !bytes.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        total = total.saturating_add(u64::from(u32_at(at + 24)?));
        at += 46 + u16_at(at + 28)? + u16_at(at + 30)? + u16_at(at + 32)?;
    }
    Some(total)
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

/// Sheets of a workbook with their rows as text.
pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<Vec<(String, Records)>, IngestError> {
    if bytes.starts_with(b"PK\x03\x04") && !zip_holds_spreadsheet(bytes) {
        return Err(IngestError::file(
            file,
            "this is a zip archive, not a spreadsheet: unzip it and drop the CSV or Excel file inside",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if let Some(size) = declared_inflated_size(bytes).filter(|&s| s > MAX_INFLATED_BYTES) {
            return Err(IngestError::file(
                file,
                format!(
                    "this workbook would inflate to {:.1} GB, more than the {} GB a tab can read (it may be a zip bomb, or a very large workbook): export the sheet as CSV, or use the command-line program",
                    size as f64 / 1e9,
                    MAX_INFLATED_BYTES >> 30
                ),
            ));
        }
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        IngestError::file(file, old_format_reason(bytes).unwrap_or_else(|| format!("this looks like an Excel workbook but it cannot be opened ({e}); it may be damaged or password-protected. Save it again from Excel, or export the sheet as CSV")))
    })?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let Ok(range) = book.worksheet_range(&name) else { continue };
        let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
        let mut records = Records::default();
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if let Some(long) = cells.iter().find(|c| c.len() > MAX_SHEET_CELL_BYTES) {
                return Err(IngestError::file(
                    file,
                    format!(
                        "sheet \"{name}\", row {}: a cell holds {:.1} MB, far more than a spreadsheet cell can (32,767 characters): the workbook is damaged or was not made by a spreadsheet program. Export the sheet as CSV",
                        first_row + i as u64 + 1,
                        long.len() as f64 / 1e6
                    ),
                ));
            }
            if cells.iter().any(|c| !c.trim().is_empty()) {
                records.push(first_row + i as u64 + 1, cells);
            }
        }
        sheets.push((name, records));
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
