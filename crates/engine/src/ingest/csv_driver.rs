//! The `csv-core` driver: bytes in, records out. `csv-core` never
//! allocates; this owns the buffers, grows them when a record does not fit,
//! carries a record that spans two chunks (the split BurntSushi's `csv`
//! crate uses), and remembers the line each record starts on.

use super::records::Records;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// The `csv-core` read loop with its growable buffers, fed chunk by chunk.
pub(super) struct CsvParser {
    reader: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    /// Whether the next byte starts a record (so blank lines can be skipped here).
    at_record_start: bool,
    /// Blank lines skipped here, before csv-core saw them (it counts only what it reads).
    skipped_lines: u64,
    /// Line the record being read started on.
    record_line: u64,
    /// A lone `\r` at the end of a chunk, at a record start: half a line break, held back.
    held_cr: bool,
    /// The line of a record that grew past [`MAX_RECORD_BYTES`]: reading
    /// stops there (the reader then says so, naming the line).
    pub(super) overlong: Option<u64>,
}

/// Longest record read: 16 MB (a CRM row is a few KB; a longer one is a
/// quote that never closes, or not a table at all).
pub const MAX_RECORD_BYTES: usize = 16 << 20;

impl CsvParser {
    pub(super) fn new(delimiter: u8) -> CsvParser {
        CsvParser {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            at_record_start: true,
            skipped_lines: 0,
            record_line: 1,
            held_cr: false,
            overlong: None,
        }
    }

    /// Whether everything fed so far ended exactly at the start of a record:
    /// no record, quote or line break is half read. Where another reader,
    /// started afresh, would go on exactly as this one would.
    pub(super) fn at_boundary(&self) -> bool {
        self.at_record_start && !self.held_cr && self.overlong.is_none() && self.out_len == 0 && self.ends_len == 0
    }

    /// The line the next record would start on (1 for a fresh parser):
    /// one more than the line breaks read.
    pub(super) fn next_line(&self) -> u64 {
        self.reader.line() + self.skipped_lines
    }

    /// Count `lines` more lines as read (another reader read them).
    pub(super) fn skip_lines(&mut self, lines: u64) {
        self.skipped_lines += lines;
    }

    /// Parse a chunk, pushing every completed non-blank record.
    pub(super) fn feed(&mut self, input: &[u8], sink: &mut Records) {
        if std::mem::take(&mut self.held_cr) {
            let mut joined = Vec::with_capacity(input.len() + 1);
            joined.push(b'\r');
            joined.extend_from_slice(input);
            self.feed_joined(&joined, sink);
        } else {
            self.feed_joined(input, sink);
        }
    }

    fn feed_joined(&mut self, mut input: &[u8], sink: &mut Records) {
        while !input.is_empty() && self.overlong.is_none() {
            if self.at_record_start {
                // Skip blank lines between records ourselves, so a record's
                // first line number is exact (csv-core would skip them silently).
                while let Some(rest) = input.strip_prefix(b"\r\n").or_else(|| input.strip_prefix(b"\n")) {
                    input = rest;
                    self.skipped_lines += 1;
                }
                if input.is_empty() {
                    return;
                }
                if input == b"\r" {
                    self.held_cr = true;
                    return;
                }
                self.record_line = self.reader.line() + self.skipped_lines;
                self.at_record_start = false;
            }
            let (result, nin, nout, nend) =
                self.reader.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match result {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => {}
                ReadRecordResult::OutputFull if self.out.len() >= MAX_RECORD_BYTES => {
                    self.overlong = Some(self.record_line);
                }
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => self.emit(sink),
            }
        }
    }

    /// Signal the end of input, pushing the last record.
    pub(super) fn finish(&mut self, sink: &mut Records) {
        if self.overlong.is_some() {
            return;
        }
        if std::mem::take(&mut self.held_cr) {
            self.skipped_lines += 1;
        }
        loop {
            if self.at_record_start {
                self.record_line = self.reader.line() + self.skipped_lines;
            }
            let (result, _, nout, nend) =
                self.reader.read_record(&[], &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            self.out_len += nout;
            self.ends_len += nend;
            match result {
                ReadRecordResult::OutputFull if self.out.len() >= MAX_RECORD_BYTES => {
                    self.overlong = Some(self.record_line);
                    return;
                }
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => self.emit(sink),
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return,
            }
        }
    }

    fn emit(&mut self, sink: &mut Records) {
        // The input is valid UTF-8 and csv-core splits only at ASCII bytes, so
        // the record is checked once and its cells are slices of it.
        // A record whose cells are all blank is all whitespace end to end.
        let ends = &self.ends[..self.ends_len];
        match std::str::from_utf8(&self.out[..self.out_len]) {
            Ok(data) if !data.chars().all(char::is_whitespace) => sink.push_joined(self.record_line, data, ends),
            Ok(_) => {}
            Err(_) => {
                // Not reachable for decoded input; kept safe: each cell on its own.
                let cell = |i: usize| {
                    let start = if i == 0 { 0 } else { ends[i - 1] };
                    std::str::from_utf8(&self.out[start..ends[i]]).unwrap_or("")
                };
                if (0..ends.len()).any(|i| !cell(i).trim().is_empty()) {
                    sink.push(self.record_line, (0..ends.len()).map(cell));
                }
            }
        }
        self.out_len = 0;
        self.ends_len = 0;
        self.at_record_start = true;
    }
}
