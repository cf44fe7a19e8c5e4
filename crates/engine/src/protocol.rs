//! Messages between the page and the ingest worker (plain serde types; the
//! browser glue that carries them lives in the `worker` and `app` crates).

use crate::attribution::ModelCredits;
use crate::ingest::quality::Quality;
use crate::ingest::{FileSummary, LoadOptions};
use serde::{Deserialize, Serialize};

/// Bytes read per chunk from a `File`.
pub const CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// Where the built-in sample says it came from (chart subtitles).
pub const SAMPLE_SOURCE: &str = "Sample data (2 years, 14 partners)";

/// Key of the message the worker posts once it listens: `{ready: true}`.
pub const READY: &str = "ready";

/// A mapping as plain pairs: (role, columns, confidence).
pub type MappingPairs = Vec<(String, Vec<usize>, f64)>;

/// What the page asks. `Parse` carries the `File` objects beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Read the files sent with the message and propose mappings.
    Parse {
        /// Job number; replies to older jobs are ignored.
        job: u32,
    },
    /// Read one file again with another delimiter or sheet.
    Reparse {
        /// Job number.
        job: u32,
        /// Which file.
        file: usize,
        /// Delimiter to use (`None`: sniff).
        delimiter: Option<u8>,
        /// Sheet to read (workbooks).
        sheet: Option<String>,
        /// Encoding to read it as (a label such as `windows-1251`; `None`: detect).
        #[serde(default)]
        encoding: Option<String>,
    },
    /// Read one file's first row as its header, or as data.
    SetHeader {
        /// Job number.
        job: u32,
        /// Which file.
        file: usize,
        /// Whether the first row is a header.
        header: bool,
    },
    /// Build the data set with these mappings (one per file) and choices.
    Build {
        /// Job number.
        job: u32,
        /// Mapping of each file.
        mappings: Vec<MappingPairs>,
        /// Decimal mark, date order, stage overrides, rates.
        options: LoadOptions,
        /// How each file sent beside this message was read, for a worker
        /// that no longer holds them (released after a load, or restarted):
        /// it reads them again the same way, then builds.
        #[serde(default)]
        restore: Option<Vec<ReadChoice>>,
    },
    /// Build the built-in sample.
    Sample {
        /// Job number.
        job: u32,
    },
    /// Read bytes `start..end` of the file sent with the message as one
    /// range of a file split across readers ([`crate::ingest::ranges`]);
    /// sent by a worker to the workers it starts beside itself. The answer
    /// is [`Reply::RangeRead`] with the part's bytes beside it.
    ReadRange {
        /// Job number.
        job: u32,
        /// First byte of the range.
        start: f64,
        /// One past its last byte.
        end: f64,
        /// Encoding label the file is read as.
        encoding: String,
        /// The delimiter.
        delimiter: u8,
        /// Whether the range ends the file.
        last: bool,
    },
}

pub use crate::ingest::ReadChoice;

/// The `type` tag of [`Reply::Progress`] as sent (for a reader of the tag alone).
pub const PROGRESS_TAG: &str = "progress";

/// The `type` tag of [`Reply::RangeRead`] as sent.
pub const RANGE_READ_TAG: &str = "range_read";

/// What the worker answers. `Built` carries the encoded data set beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// Reading progress.
    Progress {
        /// Job number.
        job: u32,
        /// File being read.
        file: String,
        /// Bytes read of all files.
        done: f64,
        /// Bytes of all files.
        total: f64,
        /// Records read so far in this file.
        rows: u64,
    },
    /// Files read; mappings proposed.
    Parsed {
        /// Job number.
        job: u32,
        /// One summary per file.
        files: Vec<FileSummary>,
    },
    /// The data set is ready (its bytes travel beside this message).
    Built {
        /// Job number.
        job: u32,
        /// File names, for subtitles.
        source: String,
        /// The data-quality report.
        quality: Box<Quality>,
    },
    /// The credits a fresh load shows first ([`crate::view::Loaded::first_results`]),
    /// computed in the worker after the data set was handed over.
    FirstResults {
        /// Job number (that of the `Built` reply they belong to).
        job: u32,
        /// Every shown model's credits on the partner dimension.
        models: Vec<ModelCredits>,
    },
    /// A range was read ([`Request::ReadRange`]): the figures of its
    /// [`crate::ingest::ranges::RangePart`]; its records' four buffers
    /// ([`crate::ingest::records::Records::raw_parts`]) travel beside the
    /// reply as transferred typed arrays (`text`, `cell_ends`,
    /// `record_ends`, `lines`).
    RangeRead {
        /// Job number.
        job: u32,
        /// Line breaks read.
        line_breaks: f64,
        /// Whether the range ended at a record's start.
        clean_end: bool,
        /// Invalid byte sequences replaced.
        replaced: f64,
        /// The line (in the range) of a record too long to read.
        overlong: Option<f64>,
        /// Bytes of the file read.
        bytes: f64,
    },
    /// The job failed; the message names row and column where it can.
    Failed {
        /// Job number.
        job: u32,
        /// What went wrong.
        message: String,
    },
}

impl Request {
    /// The job a request belongs to.
    pub fn job(&self) -> u32 {
        match self {
            Request::Parse { job }
            | Request::Reparse { job, .. }
            | Request::SetHeader { job, .. }
            | Request::Build { job, .. }
            | Request::Sample { job }
            | Request::ReadRange { job, .. } => *job,
        }
    }
}

impl Reply {
    /// The job a reply belongs to.
    pub fn job(&self) -> u32 {
        match self {
            Reply::Progress { job, .. }
            | Reply::Parsed { job, .. }
            | Reply::Built { job, .. }
            | Reply::FirstResults { job, .. }
            | Reply::RangeRead { job, .. }
            | Reply::Failed { job, .. } => *job,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tags_read_alone_are_the_ones_sent() {
        let tag = |reply: &Reply| serde_json::to_value(reply).unwrap()["type"].as_str().unwrap().to_string();
        let read =
            Reply::RangeRead { job: 1, line_breaks: 2.0, clean_end: true, replaced: 0.0, overlong: None, bytes: 9.0 };
        assert_eq!(tag(&read), RANGE_READ_TAG);
        let progress = Reply::Progress { job: 1, file: "f".into(), done: 1.0, total: 2.0, rows: 3 };
        assert_eq!(tag(&progress), PROGRESS_TAG);
    }
}
