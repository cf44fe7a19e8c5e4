//! A thin driver over `csv-core`: bytes in, a header plus flat rows of cells
//! out, each row remembering the line it started on in the original file.
//!
//! `csv-core` never allocates; this layer owns the buffers and grows them
//! when a record does not fit, the same split BurntSushi's `csv` crate uses.

use super::error::IngestError;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// A parsed delimited file: a header row and data rows of equal meaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Data rows; a row may be shorter or longer than the header.
    pub rows: Vec<Vec<String>>,
    /// For each data row, the 1-based line in the file where it starts.
    pub lines: Vec<u64>,
}

impl Table {
    /// Index of the header equal to `name`, ignoring case and spaces/underscores.
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = normalise_header(name);
        self.headers.iter().position(|h| normalise_header(h) == want)
    }
}

/// Lower-case a header and drop everything but letters and digits.
pub fn normalise_header(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Parse `bytes` as UTF-8 CSV with a header row and the given delimiter.
///
/// Blank lines are skipped. A file that is empty, binary or not UTF-8 is
/// rejected with a message saying what it looks like instead.
pub fn read_table(file: &str, bytes: &[u8], delimiter: u8) -> Result<Table, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::file(file, "the file is empty: export the report again and drop the .csv file"));
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(IngestError::file(file, format!("this is not a CSV file, it looks like {kind}. Export the data as CSV (comma-separated) and drop that file")));
    }
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut records =
        Records { reader: &mut reader, input: bytes, out: vec![0; 4096], ends: vec![0; 64], skipped_lines: 0 };
    let mut table = Table::default();
    let mut header_seen = false;
    while let Some((line, cells)) = records.next_record(file)? {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            table.headers = cells.into_iter().map(|c| c.trim().to_string()).collect();
            header_seen = true;
        } else {
            table.rows.push(cells);
            table.lines.push(line);
        }
    }
    Ok(table)
}

/// The `csv-core` read loop with its growable buffers.
struct Records<'a> {
    reader: &'a mut Reader,
    input: &'a [u8],
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Blank lines skipped here, before csv-core saw them (it counts only what it reads).
    skipped_lines: u64,
}

impl Records<'_> {
    /// The next record with the line it started on, or `None` at the end.
    fn next_record(&mut self, file: &str) -> Result<Option<(u64, Vec<String>)>, IngestError> {
        // Skip blank lines between records ourselves, so the record's first
        // line number is exact (csv-core would skip them silently).
        while let Some(rest) = self.input.strip_prefix(b"\r\n").or_else(|| self.input.strip_prefix(b"\n")) {
            self.input = rest;
            self.skipped_lines += 1;
        }
        let start_line = self.reader.line() + self.skipped_lines;
        let (mut out_len, mut ends_len) = (0, 0);
        loop {
            let (result, nin, nout, nend) =
                self.reader.read_record(self.input, &mut self.out[out_len..], &mut self.ends[ends_len..]);
            self.input = &self.input[nin..];
            out_len += nout;
            ends_len += nend;
            match result {
                ReadRecordResult::InputEmpty => continue,
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    return self.cells(file, start_line, out_len, ends_len).map(|c| Some((start_line, c)))
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Split the record buffer into owned UTF-8 cells.
    fn cells(&self, file: &str, line: u64, out_len: usize, ends_len: usize) -> Result<Vec<String>, IngestError> {
        let data = &self.out[..out_len];
        let mut start = 0;
        let mut cells = Vec::with_capacity(ends_len);
        for &end in &self.ends[..ends_len] {
            let cell = std::str::from_utf8(&data[start..end]).map_err(|_| {
                IngestError::file(
                    file,
                    format!("row {line} is not UTF-8 text. Save the file as \"CSV UTF-8\" and try again"),
                )
            })?;
            cells.push(cell.to_string());
            start = end;
        }
        Ok(cells)
    }
}

/// Name what a non-text file looks like, from its first bytes.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive or an Excel .xlsx workbook"),
        (b"\xD0\xCF\x11\xE0", "an old Excel .xls workbook"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        return Some("a binary file");
    }
    None
}
