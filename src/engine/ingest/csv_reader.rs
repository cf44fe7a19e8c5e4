//! A thin driver over `csv-core`: bytes in, a header plus flat rows of cells
//! out, each row remembering the line it started on in the original file.
//!
//! `csv-core` never allocates; this layer owns the buffers and grows them
//! when a record does not fit, the same split BurntSushi's `csv` crate uses.

use super::decode::decode;
use crate::engine::error::IngestError;
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

/// A table with how it was found in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadReport {
    /// Encoding the bytes were read as.
    pub encoding: &'static str,
    /// The delimiter used.
    pub delimiter: u8,
    /// Lines of title or note rows skipped before the header.
    pub preamble: Vec<u64>,
    /// Lines of footer rows (report names, copyright, totals) skipped after the data.
    pub footer: Vec<u64>,
}

/// Parse `bytes` (any supported encoding) as a delimited table.
///
/// `delimiter` of `None` sniffs it. Title lines before the header and
/// footer blocks after the data are recognised and skipped (and reported);
/// blank lines are skipped. A file that is empty or binary is rejected with
/// a message saying what it looks like instead.
pub fn read_table_with(file: &str, bytes: &[u8], delimiter: Option<u8>) -> Result<(Table, ReadReport), IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(IngestError::file(file, "the file is empty: export the report again and drop the .csv file"));
    }
    let decoded = decode(bytes);
    let utf16 = decoded.encoding.starts_with("UTF-16");
    if let Some(kind) = sniff_binary(bytes).filter(|_| !utf16) {
        return Err(IngestError::file(file, format!("this is not a CSV file, it looks like {kind}. Export the data as CSV (comma-separated) and drop that file")));
    }
    let text = decoded.text.strip_prefix('\u{feff}').unwrap_or(&decoded.text);
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text.as_bytes()));
    let records = read_records(text.as_bytes(), delimiter, usize::MAX);
    let shape = locate_table(&records).ok_or_else(|| {
        IngestError::file(file, "no table found: the file has no row that looks like a header followed by data")
    })?;
    let (header_line, header) = &records[shape.header];
    let _ = header_line;
    let table = Table {
        headers: header.iter().map(|c| c.trim().to_string()).collect(),
        rows: shape.data.iter().map(|&i| records[i].1.clone()).collect(),
        lines: shape.data.iter().map(|&i| records[i].0).collect(),
    };
    let report = ReadReport {
        encoding: decoded.encoding,
        delimiter,
        preamble: shape.preamble.iter().map(|&i| records[i].0).collect(),
        footer: shape.footer.iter().map(|&i| records[i].0).collect(),
    };
    Ok((table, report))
}

/// Parse UTF-8 (or any supported encoding) CSV with a header row and the given delimiter.
pub fn read_table(file: &str, bytes: &[u8], delimiter: u8) -> Result<Table, IngestError> {
    read_table_with(file, bytes, Some(delimiter)).map(|(t, _)| t)
}

/// Every non-blank record with the line it starts on, up to `limit` records.
pub fn read_records(bytes: &[u8], delimiter: u8, limit: usize) -> Vec<(u64, Vec<String>)> {
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut records =
        Records { reader: &mut reader, input: bytes, out: vec![0; 4096], ends: vec![0; 64], skipped_lines: 0 };
    let mut out = Vec::new();
    while let Some((line, cells)) = records.next_record() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.push((line, cells));
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// Pick the delimiter (comma, semicolon, tab or pipe) that splits the first
/// rows into the most consistent number of columns (more than one).
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let score = |d: u8| {
        let records = read_records(head, d, 60);
        let mut widths: Vec<usize> = records.iter().map(|r| r.1.len()).collect();
        widths.sort_unstable();
        let modal = modal_width(&widths);
        if modal < 2 {
            return (0, 0);
        }
        let agreeing = widths.iter().filter(|&&w| w == modal).count();
        (agreeing, modal)
    };
    [b',', b';', b'\t', b'|'].into_iter().max_by_key(|&d| (score(d), d == b',')).unwrap_or(b',')
}

fn modal_width(sorted: &[usize]) -> usize {
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&w| w == sorted[i]).count();
        if j > best.0 || (j == best.0 && sorted[i] > best.1) {
            best = (j, sorted[i]);
        }
        i += j;
    }
    best.1
}

/// Where the table is among a file's records.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Index of the header record.
    pub header: usize,
    /// Indices of data records.
    pub data: Vec<usize>,
    /// Records before the header.
    pub preamble: Vec<usize>,
    /// Records after the data that are report footers.
    pub footer: Vec<usize>,
}

/// Words that start footer lines of CRM report exports.
const FOOTER_WORDS: &[&str] = &[
    "copyright",
    "confidential",
    "generated by",
    "grand total",
    "total",
    "totals",
    "report",
    "filtered by",
    "powered by",
    "©",
];

/// Number of non-blank cells in a record.
fn filled(cells: &[String]) -> usize {
    cells.iter().filter(|c| !c.trim().is_empty()).count()
}

/// Find the header and data rows: the header is the first record as wide
/// as the table (most records' width) whose cells are mostly text; records
/// before it are preamble; the trailing records that fill at most one cell,
/// or start with a footer word and fill less than half the row, are footer.
pub fn locate_table(records: &[(u64, Vec<String>)]) -> Option<Shape> {
    let mut widths: Vec<usize> = records.iter().map(|r| filled(&r.1)).collect();
    widths.sort_unstable();
    let modal = modal_width(&widths).max(1);
    let is_texty = |cells: &[String]| {
        let texts = cells.iter().filter(|c| {
            let t = c.trim();
            !t.is_empty() && t.parse::<f64>().is_err()
        });
        texts.count() * 2 >= filled(cells).max(1)
    };
    let header = records.iter().position(|r| filled(&r.1) * 10 >= modal * 8 && is_texty(&r.1))?;
    let mut end = records.len();
    while end > header + 1 {
        let cells = &records[end - 1].1;
        let first = cells.iter().find(|c| !c.trim().is_empty()).map(|c| c.trim().to_lowercase()).unwrap_or_default();
        let footer_word = FOOTER_WORDS.iter().any(|w| first.starts_with(w));
        if filled(cells) <= 1 && modal > 2 || footer_word && filled(cells) * 2 < modal {
            end -= 1;
        } else {
            break;
        }
    }
    Some(Shape {
        header,
        data: (header + 1..end).collect(),
        preamble: (0..header).collect(),
        footer: (end..records.len()).collect(),
    })
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
    fn next_record(&mut self) -> Option<(u64, Vec<String>)> {
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
                ReadRecordResult::Record => return Some((start_line, self.cells(out_len, ends_len))),
                ReadRecordResult::End => return None,
            }
        }
    }

    /// Split the record buffer into owned cells (the input is valid UTF-8
    /// and csv-core splits only at ASCII delimiters, so every cell is too).
    fn cells(&self, out_len: usize, ends_len: usize) -> Vec<String> {
        let data = &self.out[..out_len];
        let mut start = 0;
        let mut cells = Vec::with_capacity(ends_len);
        for &end in &self.ends[..ends_len] {
            cells.push(String::from_utf8_lossy(&data[start..end]).into_owned());
            start = end;
        }
        cells
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
