//! Errors that explain themselves: every rejected input names the file, the
//! row (as a spreadsheet would number it) and the column, and says what to do.

use std::fmt;

/// Why an input was rejected, with enough position to find the culprit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The file the problem is in (`deals`, `touches`, or the file's name).
    pub file: String,
    /// 1-based line number in the original file, when the problem has one.
    pub row: Option<u64>,
    /// The column header, when the problem is in one column.
    pub column: Option<String>,
    /// What is wrong and what to do about it, in plain words.
    pub message: String,
}

impl IngestError {
    /// A problem with the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self { file: file.to_string(), row: None, column: None, message: message.into() }
    }

    /// A problem in one cell.
    pub fn cell(file: &str, row: u64, column: &str, message: impl Into<String>) -> Self {
        Self { file: file.to_string(), row: Some(row), column: Some(column.to_string()), message: message.into() }
    }

    /// A problem with one row as a whole.
    pub fn row(file: &str, row: u64, message: impl Into<String>) -> Self {
        Self { file: file.to_string(), row: Some(row), column: None, message: message.into() }
    }

    /// A problem in one column, wherever it is (e.g. a missing header).
    pub fn column(file: &str, column: &str, message: impl Into<String>) -> Self {
        Self { file: file.to_string(), row: None, column: Some(column.to_string()), message: message.into() }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for IngestError {}
