//! The table reader: decoding chunk by chunk into compact records (through
//! the `csv-core` driver in `csv_driver`), delimiter sniffing, and the
//! table found among title and footer lines (`table_shape`).

use super::csv_driver::CsvParser;
use super::decode::StreamDecoder;
use super::records::{Records, Row};
pub use super::table_shape::{locate_table, Shape};
use super::table_shape::{looks_like_data, modal_width};
use crate::error::IngestError;

/// A table: a header row and data rows (a view into the file's records).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    records: Records,
    first: usize,
    end: usize,
}

impl Table {
    /// A table from owned rows (tests, spreadsheets).
    pub fn from_rows(headers: Vec<String>, rows: &[(u64, Vec<String>)]) -> Table {
        let mut records = Records::default();
        for (line, cells) in rows {
            records.push(*line, cells);
        }
        Table { headers, end: records.len(), records, first: 0 }
    }

    /// The same table with its first data row taken as the header
    /// (`header`), or with its header row given back as data and the
    /// columns named `Column 1…N` (`!header`). For the "first row is a
    /// header" switch of the mapping panel.
    pub fn with_header_row(mut self, header: bool) -> Table {
        if header && self.first < self.end {
            self.headers = self.records.get(self.first).iter().map(header_text).collect();
            self.first += 1;
        } else if !header && self.first > 0 {
            self.first -= 1;
            let width =
                (self.first..self.end.min(self.first + 50)).map(|i| self.records.get(i).len()).max().unwrap_or(0);
            self.headers = (1..=width).map(|i| format!("Column {i}")).collect();
        }
        self
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.end - self.first
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Data row `i`.
    pub fn row(&self, i: usize) -> Row<'_> {
        self.records.get(self.first + i)
    }

    /// The line data row `i` starts on in the original file.
    pub fn line(&self, i: usize) -> u64 {
        self.records.line(self.first + i)
    }

    /// Data rows with their lines.
    pub fn rows(&self) -> impl Iterator<Item = (u64, Row<'_>)> + '_ {
        (0..self.len()).map(|i| (self.line(i), self.row(i)))
    }

    /// The first of `names` (in their order) that some header equals,
    /// ignoring case and punctuation: its column index.
    pub fn first_column_named(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }

    /// Index of the header equal to `name`, ignoring case and spaces/underscores.
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = normalise_header(name);
        self.headers.iter().position(|h| normalise_header(h) == want)
    }
}

/// Longest header kept: a column's name is short; a longer cell in the
/// header row is cut, with "…", for display, matching and the signature.
pub const MAX_HEADER_BYTES: usize = 1_000;

/// A header cell as kept: trimmed, and cut past [`MAX_HEADER_BYTES`].
fn header_text(cell: &str) -> String {
    let t = cell.trim();
    if t.len() <= MAX_HEADER_BYTES {
        t.to_string()
    } else {
        format!("{}…", &t[..t.floor_char_boundary(MAX_HEADER_BYTES)])
    }
}

/// Lower-case a header and drop everything but letters and digits.
pub fn normalise_header(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Most columns a table may have (a CRM export has a few hundred at most);
/// beyond it the file is refused with a message before any column is mapped.
pub const MAX_COLUMNS: usize = 2_000;

/// How a table was found in its file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadReport {
    /// Encoding the bytes were read as.
    pub encoding: &'static str,
    /// The delimiter used (0 for spreadsheets).
    pub delimiter: u8,
    /// Lines of title or note rows skipped before the header.
    pub preamble: Vec<u64>,
    /// Lines of footer rows (report names, copyright, totals) skipped after the data.
    pub footer: Vec<u64>,
    /// Whether the file has no header row: its first row looked like data,
    /// so the columns are named `Column 1…N` and that row is kept as data.
    pub headerless: bool,
    /// Invalid byte sequences replaced by U+FFFD while decoding.
    pub replaced: usize,
    /// Whether the encoding was chosen by the user rather than detected.
    pub encoding_chosen: bool,
    /// Readers whose ranges make up the records (1: one reader; see [`super::ranges`]).
    pub readers: usize,
}

/// Parse a whole file held in memory (see [`TableReader`] for streaming).
pub fn read_table_with(file: &str, bytes: &[u8], delimiter: Option<u8>) -> Result<(Table, ReadReport), IngestError> {
    read_table_as(file, bytes, delimiter, None)
}

/// Parse a whole file held in memory with a delimiter and an encoding
/// (a label such as `windows-1251`) chosen by the user, each `None` to detect.
pub fn read_table_as(
    file: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    encoding: Option<&str>,
) -> Result<(Table, ReadReport), IngestError> {
    let mut reader = TableReader::new(file, bytes, delimiter, encoding)?;
    reader.feed(&bytes[reader.consumed()..]);
    reader.finish()
}

/// Parse UTF-8 (or any supported encoding) CSV with a header row and the given delimiter.
pub fn read_table(file: &str, bytes: &[u8], delimiter: u8) -> Result<Table, IngestError> {
    read_table_with(file, bytes, Some(delimiter)).map(|(t, _)| t)
}

/// Reads a delimited file chunk by chunk: the first chunk decides the
/// encoding and the delimiter; every chunk is decoded and parsed straight
/// into compact records; `finish` finds the table among them.
pub struct TableReader {
    file: String,
    decoder: StreamDecoder,
    parser: CsvParser,
    records: Records,
    delimiter: u8,
    consumed: usize,
    decoded: String,
    /// Bytes replaced while decoding ranges other readers read.
    range_replaced: usize,
    /// Ranges other readers read, appended.
    ranges_appended: usize,
}

impl TableReader {
    /// Start reading with the file's first chunk (which it consumes; see
    /// [`TableReader::consumed`]); `delimiter` and `encoding` (a label such
    /// as `windows-1251`) are the user's choices, `None` to detect.
    pub fn new(
        file: &str,
        first_chunk: &[u8],
        delimiter: Option<u8>,
        encoding: Option<&str>,
    ) -> Result<TableReader, IngestError> {
        TableReader::start(file, first_chunk, first_chunk, delimiter, encoding)
    }

    /// [`TableReader::new`] with the encoding detected from `evidence`
    /// (the file's start, at least `first_chunk`; a file held in memory
    /// gives all of it).
    pub fn start(
        file: &str,
        evidence: &[u8],
        first_chunk: &[u8],
        delimiter: Option<u8>,
        encoding: Option<&str>,
    ) -> Result<TableReader, IngestError> {
        if evidence.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
            return Err(IngestError::file(file, "the file is empty: export the report again and drop the .csv file"));
        }
        let mut decoder = match encoding {
            Some(label) => StreamDecoder::forced(label, evidence).ok_or_else(|| {
                IngestError::file(file, format!("\"{label}\" is not an encoding this app knows; choose another"))
            })?,
            None => StreamDecoder::detect(evidence),
        };
        if let Some(kind) = sniff_binary(evidence).filter(|_| !decoder.encoding().starts_with("UTF-16")) {
            return Err(IngestError::file(
                file,
                format!("this is not a CSV file, it looks like {kind}. Export the data as CSV (comma-separated) and drop that file"),
            ));
        }
        // The delimiter is sniffed from the file's first 64 KB of text, however
        // little of it the first chunk holds (a reader of the first range
        // may start with a few bytes): 128 KB of bytes decode to at least
        // that in every encoding read.
        let delimiter = delimiter.unwrap_or_else(|| {
            let mut head = String::new();
            decoder.fresh().decode(&evidence[..evidence.len().min(SNIFF_BYTES * 2)], &mut head);
            sniff_delimiter(head.as_bytes())
        });
        let mut decoded = String::new();
        decoder.decode(first_chunk, &mut decoded);
        let mut reader = TableReader {
            file: file.to_string(),
            decoder,
            parser: CsvParser::new(delimiter),
            records: Records::default(),
            delimiter,
            consumed: first_chunk.len(),
            decoded: String::new(),
            range_replaced: 0,
            ranges_appended: 0,
        };
        reader.parser.feed(decoded.as_bytes(), &mut reader.records);
        Ok(reader)
    }

    /// Size the record buffers for a file of `total` bytes, from what its
    /// first chunk held (text, cells and records per byte read), plus 2%.
    pub fn expect_total(&mut self, total: u64) {
        let read = self.consumed.max(1) as f64;
        let rest = (total as f64 - read).max(0.0) * 1.02 / read;
        let scale = |n: usize| (n as f64 * rest).ceil() as usize;
        let (text, cells, records) = (self.records.text_bytes(), self.records.cells(), self.records.len());
        self.records.reserve(scale(text), scale(cells), scale(records));
    }

    /// Bytes of the file consumed so far.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    /// The encoding's name (`UTF-8`, `windows-1251`…).
    pub fn encoding(&self) -> &'static str {
        self.decoder.encoding()
    }

    /// The delimiter read with.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Records read so far.
    pub fn records(&self) -> usize {
        self.records.len()
    }

    /// Read the next chunk of bytes.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.consumed += chunk.len();
        self.decoded.clear();
        self.decoder.decode(chunk, &mut self.decoded);
        self.parser.feed(self.decoded.as_bytes(), &mut self.records);
    }

    /// A reader for a later range of this file (same encoding and
    /// delimiter), or `None` when the encoding cannot be read by range
    /// (see [`super::ranges`]).
    pub fn range_reader(&self) -> Option<super::ranges::RangeReader> {
        Some(super::ranges::RangeReader::with_decoder(self.decoder.for_range()?, self.delimiter))
    }

    /// Whether what was read so far ends exactly at a record's start.
    pub fn at_boundary(&self) -> bool {
        self.parser.at_boundary() && !self.decoder.mid_character()
    }

    /// Append the range read by another reader from where this one stopped.
    /// Refused (false, nothing changed) unless this reader ended at a
    /// record's start and the part did too (or ends the file): otherwise
    /// the caller reads that range with this reader.
    pub fn append(&mut self, part: &super::ranges::RangePart) -> bool {
        if !self.at_boundary() || !part.clean_end {
            return false;
        }
        let lines = self.parser.next_line() - 1;
        self.records.append(&part.records, lines);
        self.parser.skip_lines(part.line_breaks);
        self.consumed += part.bytes as usize;
        self.range_replaced += part.replaced;
        self.ranges_appended += 1;
        if let Some(line) = part.overlong {
            self.parser.overlong = Some(line + lines);
        }
        true
    }

    /// Finish reading and find the table.
    pub fn finish(mut self) -> Result<(Table, ReadReport), IngestError> {
        self.decoded.clear();
        self.decoder.finish(&mut self.decoded);
        self.parser.feed(self.decoded.as_bytes(), &mut self.records);
        self.parser.finish(&mut self.records);
        if let Some(line) = self.parser.overlong {
            return Err(IngestError::row(
                &self.file,
                line,
                format!(
                    "this row runs past {} MB: a quote opened on it is never closed, or the file is not a table. Check the export (or open and save it in a spreadsheet program), then drop it again",
                    super::csv_driver::MAX_RECORD_BYTES >> 20
                ),
            ));
        }
        let encoding = self.decoder.encoding();
        let (table, mut report) = table_from_records(&self.file, self.records, encoding, self.delimiter)?;
        report.replaced = self.decoder.replaced() + self.range_replaced;
        report.readers = 1 + self.ranges_appended;
        report.encoding_chosen = self.decoder.evidence() == super::decode::Evidence::Chosen;
        Ok((table, report))
    }
}

/// Find the table among records and report what was skipped around it.
pub fn table_from_records(
    file: &str,
    records: Records,
    encoding: &'static str,
    delimiter: u8,
) -> Result<(Table, ReadReport), IngestError> {
    let shape = locate_table(&records).ok_or_else(|| {
        IngestError::file(file, "no table found: the file has no row that looks like a header followed by data")
    })?;
    let width = records.get(shape.header).len();
    if width > MAX_COLUMNS {
        return Err(IngestError::file(
            file,
            format!("the table has {width} columns; at most {MAX_COLUMNS} can be read. Is the delimiter right? Export only the columns you need (deals: id, amount, stage, dates, partners)"),
        ));
    }
    let headerless =
        shape.data_end > shape.header + 1 && looks_like_data(records.get(shape.header), records.get(shape.header + 1));
    let report = ReadReport {
        encoding,
        delimiter,
        preamble: (0..shape.header).map(|i| records.line(i)).collect(),
        footer: (shape.data_end..records.len()).map(|i| records.line(i)).collect(),
        headerless,
        ..ReadReport::default()
    };
    if headerless {
        let width =
            (shape.header..shape.data_end.min(shape.header + 50)).map(|i| records.get(i).len()).max().unwrap_or(0);
        let headers = (1..=width).map(|i| format!("Column {i}")).collect();
        return Ok((Table { headers, records, first: shape.header, end: shape.data_end }, report));
    }
    let headers = records.get(shape.header).iter().map(header_text).collect();
    Ok((Table { headers, records, first: shape.header + 1, end: shape.data_end }, report))
}

/// Bytes of text the delimiter is sniffed from.
const SNIFF_BYTES: usize = 64 * 1024;

/// Pick the delimiter (comma, semicolon, tab or pipe) that splits the first
/// rows into the most consistent number of columns (more than one).
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    let head = &text[..text.len().min(SNIFF_BYTES)];
    let score = |d: u8| {
        let mut parser = CsvParser::new(d);
        let mut records = Records::default();
        parser.feed(head, &mut records);
        let mut widths: Vec<usize> = (0..records.len().min(60)).map(|i| records.get(i).len()).collect();
        widths.sort_unstable();
        let modal = modal_width(&widths);
        if modal < 2 {
            return (0, 0);
        }
        (widths.iter().filter(|&&w| w == modal).count(), modal)
    };
    [b',', b';', b'\t', b'|'].into_iter().max_by_key(|&d| (score(d), d == b',')).unwrap_or(b',')
}

/// Name what a non-text file looks like, from its first bytes.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive"),
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
