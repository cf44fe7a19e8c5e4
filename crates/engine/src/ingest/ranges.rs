//! Reading one delimited file with several readers at once, each given a
//! byte range, with a result identical to one reader's.
//!
//! The difficulty is that a quoted cell may hold line breaks, so a line
//! break in the middle of a file is not known to end a record without
//! reading everything before it. The rule used here is speculation that
//! proves itself:
//! - Each range after the first starts just past the first `\n` at or
//!   after its nominal split point ([`after_line_break`]), as if that line
//!   break ended a record, and is read by a fresh reader.
//! - The first range starts at the file's start, which is a record start.
//!   If its reader ends exactly at a record's start when its bytes run out
//!   (no record, quote or line break half read), then the second range's
//!   start really is a record start, so the second reader read exactly what
//!   one reader would have; and so on along the ranges (induction).
//! - The first range whose reader does not end at a record start (its end
//!   is inside a quoted cell) stops the merge: the ranges after it are
//!   dropped and the one reader goes on from that range's start itself
//!   ([`super::csv_reader::TableReader::append`] refuses; the caller
//!   feeds the rest).
//!
//! A range's line numbers count from 1; the merge shifts them by the line
//! breaks of the ranges before it, which is what one reader counts.
//! Encodings in which a `\n` byte may be part of a character (UTF-16) or
//! which keep state across lines (ISO-2022-JP) are read by one reader
//! ([`super::decode::StreamDecoder::for_range`] says so).

use super::csv_driver::CsvParser;
use super::csv_reader::TableReader;
use super::decode::StreamDecoder;
use super::records::Records;

/// Smallest file split across readers: below it, starting readers costs more than it saves.
pub const MIN_SPLIT_BYTES: u64 = 16 << 20;

/// Most readers a file is split across.
pub const MAX_READERS: usize = 8;

/// How many readers to use for a file of `len` bytes given `cores`
/// available: one below [`MIN_SPLIT_BYTES`], else up to one per core (at
/// most [`MAX_READERS`]) with each range at least 4 MB.
pub fn readers_for(len: u64, cores: usize) -> usize {
    if len < MIN_SPLIT_BYTES {
        return 1;
    }
    cores.clamp(1, MAX_READERS).min((len / (4 << 20)).max(1) as usize)
}

/// Readers for a file of `len` bytes: `forced` when given (1 to
/// [`MAX_READERS`]), else [`readers_for`] with `cores`.
pub fn readers_chosen(forced: Option<u32>, len: u64, cores: usize) -> usize {
    match forced {
        Some(n) => (n as usize).clamp(1, MAX_READERS),
        None => readers_for(len, cores),
    }
}

/// The nominal points that cut `len` bytes into `readers` equal ranges
/// (each range but the first then starts at the line break after its point).
pub fn split_points(len: u64, readers: usize) -> Vec<u64> {
    let readers = readers.max(1) as u64;
    (1..readers).map(|i| len * i / readers).collect()
}

/// Where a record may start in `probe` (bytes from a split point on): just
/// past its first `\n`; `None` when it holds none.
pub fn after_line_break(probe: &[u8]) -> Option<usize> {
    probe.iter().position(|&b| b == b'\n').map(|i| i + 1)
}

/// Turn nominal split points into range starts by reading a probe of the
/// file at each (`probe(at)` gives bytes from `at` on, at least a few KB,
/// fewer at the file's end). A point with no line break in its probe is
/// dropped, as is one at or past the next; the result is increasing and
/// never 0.
pub fn range_starts(points: &[u64], mut probe: impl FnMut(u64) -> Vec<u8>) -> Vec<u64> {
    let mut starts: Vec<u64> = Vec::new();
    for &point in points {
        let bytes = probe(point);
        if let Some(start) = after_line_break(&bytes).map(|i| point + i as u64) {
            if starts.last().is_none_or(|&last| start > last) {
                starts.push(start);
            }
        }
    }
    starts
}

/// Reads one range of a file, starting at a (supposed) record start.
pub struct RangeReader {
    decoder: StreamDecoder,
    parser: CsvParser,
    records: Records,
    decoded: String,
    bytes: u64,
}

/// What a [`RangeReader`] read: its records (lines counted from 1 at the
/// range's start) and whether it ended at a record start.
#[derive(Debug, Clone, PartialEq)]
pub struct RangePart {
    /// The records read.
    pub records: Records,
    /// Line breaks read (the next range's lines start this much further down).
    pub line_breaks: u64,
    /// Whether the range ended exactly at a record's start (always true of
    /// the file's last range, which is finished instead).
    pub clean_end: bool,
    /// Invalid byte sequences replaced while decoding.
    pub replaced: usize,
    /// The line (counted in the range) of a record longer than the reader allows.
    pub overlong: Option<u64>,
    /// Bytes of the file read.
    pub bytes: u64,
}

impl RangeReader {
    /// A reader of a range in the encoding named `encoding` (a label, as
    /// [`super::csv_reader::ReadReport::encoding`] gives it) with
    /// `delimiter`; `None` when that encoding cannot be read by range.
    pub fn new(encoding: &str, delimiter: u8) -> Option<RangeReader> {
        Some(RangeReader::with_decoder(StreamDecoder::for_range_of(encoding)?, delimiter))
    }

    pub(super) fn with_decoder(decoder: StreamDecoder, delimiter: u8) -> RangeReader {
        RangeReader {
            decoder,
            parser: CsvParser::new(delimiter),
            records: Records::default(),
            decoded: String::new(),
            bytes: 0,
        }
    }

    /// Make room for about this many bytes of text (a range's size).
    pub fn expect(&mut self, bytes: u64) {
        let bytes = bytes as usize;
        // Cells and records per byte as in a typical CRM export (about 9 and 130 bytes).
        self.records.reserve(bytes, bytes / 9, bytes / 130);
    }

    /// Records read so far.
    pub fn records(&self) -> usize {
        self.records.len()
    }

    /// Read the next bytes of the range.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        self.decoded.clear();
        self.decoder.decode(chunk, &mut self.decoded);
        self.parser.feed(self.decoded.as_bytes(), &mut self.records);
    }

    /// End the range; `last` when it ends the file (its last record need
    /// not end with a line break).
    pub fn finish(mut self, last: bool) -> RangePart {
        if last {
            self.decoded.clear();
            self.decoder.finish(&mut self.decoded);
            self.parser.feed(self.decoded.as_bytes(), &mut self.records);
            self.parser.finish(&mut self.records);
        }
        let clean_end = last || (self.parser.at_boundary() && !self.decoder.mid_character());
        RangePart {
            line_breaks: self.parser.next_line() - 1,
            clean_end,
            replaced: self.decoder.replaced(),
            overlong: self.parser.overlong,
            bytes: self.bytes,
            records: self.records,
        }
    }
}

/// Append `parts` (of the `ranges` after the reader's own, in file order)
/// to `reader`. Returns the index of the first range not appended — its
/// part was refused (the reading before it did not end at a record start)
/// or is missing (its reader failed): the caller then reads the file from
/// that range's start on with `reader` itself, which is where one reader
/// would be. `None` when every range was appended.
pub fn merge(reader: &mut TableReader, parts: impl IntoIterator<Item = RangePart>, ranges: usize) -> Option<usize> {
    let mut appended = 0;
    for part in parts.into_iter().take(ranges) {
        if !reader.append(&part) {
            break;
        }
        appended += 1;
    }
    (appended < ranges).then_some(appended)
}

/// Bytes a reader decodes at once (so a range's decoded copy stays small).
#[cfg(not(target_arch = "wasm32"))]
const FEED_BYTES: usize = 1 << 20;

/// Read a delimited file held in memory with `readers` threads (one reads
/// the first range and merges), identical to one reader's result; the
/// first 4 MB decide the delimiter, the whole file the encoding.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_table_in_ranges(
    file: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    encoding: Option<&str>,
    readers: usize,
) -> Result<(super::csv_reader::Table, super::csv_reader::ReadReport), crate::error::IngestError> {
    let first = &bytes[..bytes.len().min(crate::protocol::CHUNK_BYTES)];
    let mut reader = TableReader::start(file, bytes, first, delimiter, encoding)?;
    reader.expect_total(bytes.len() as u64);
    let read = reader.consumed() as u64;
    let points: Vec<u64> = split_points(bytes.len() as u64, readers).into_iter().filter(|&p| p > read).collect();
    let probe = |at: u64| bytes[at as usize..bytes.len().min(at as usize + 64 * 1024)].to_vec();
    let starts = match reader.range_reader() {
        Some(_) => range_starts(&points, probe),
        None => Vec::new(),
    };
    let own_end = starts.first().map_or(bytes.len(), |&s| s as usize);
    let ranges: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| (s as usize, starts.get(i + 1).map_or(bytes.len(), |&e| e as usize)))
        .collect();
    let parts: Vec<RangePart> = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|&(start, end)| {
                let range = reader.range_reader();
                scope.spawn(move || {
                    range.map(|mut range| {
                        range.expect((end - start) as u64);
                        bytes[start..end].chunks(FEED_BYTES).for_each(|chunk| range.feed(chunk));
                        range.finish(end == bytes.len())
                    })
                })
            })
            .collect();
        bytes[reader.consumed()..own_end].chunks(FEED_BYTES).for_each(|chunk| reader.feed(chunk));
        handles.into_iter().map_while(|h| h.join().ok().flatten()).collect()
    });
    // A refused range, or a thread that failed, leaves the rest to this reader.
    if let Some(i) = merge(&mut reader, parts, ranges.len()) {
        bytes[ranges[i].0..].chunks(FEED_BYTES).for_each(|chunk| reader.feed(chunk));
    }
    reader.finish()
}
