//! Finance's recurring revenue by account (spec §7b): long snapshots
//! (`account, date, arr`) or a wide sheet with one column per month; and
//! integration installs (`account, partner`/`integration`, `installed_date`)
//! as a marketplace or integration-usage export gives them.

use super::csv_reader::{normalise_header, read_table_with, Table};
use super::values::{
    infer_date_order, infer_decimal_mark, is_null_marker, parse_amount, parse_date, DateOrder, DecimalMark,
};
use crate::date::Day;
use crate::error::IngestError;

/// One account's recurring revenue at one date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArrSnapshot {
    /// Account name or id, as written.
    pub account: String,
    /// Snapshot date.
    pub date: Day,
    /// Recurring revenue, cents.
    pub arr_cents: i64,
}

/// One integration installed on an account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Install {
    /// Account name or id, as written.
    pub account: String,
    /// The partner or integration.
    pub partner: String,
    /// When it was installed.
    pub installed: Day,
}

/// Rows read and rows ignored (with their lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Read<T> {
    /// What was read, in file order.
    pub rows: Vec<T>,
    /// Lines left out (blank account, unreadable date or amount).
    pub ignored: Vec<u64>,
}

impl<T> Default for Read<T> {
    fn default() -> Self {
        Read { rows: Vec::new(), ignored: Vec::new() }
    }
}

const ACCOUNT: &[&str] = &["account", "account name", "account id", "company", "customer", "company name", "domain"];
const DATE: &[&str] = &["date", "snapshot date", "month", "as of", "period", "snapshot"];
const ARR: &[&str] = &["arr", "mrr x 12", "annual recurring revenue", "recurring revenue", "arr (usd)"];
const PARTNER: &[&str] = &["partner", "integration", "app", "app name", "integration name", "partner name"];
const INSTALLED: &[&str] = &["installed_date", "installed date", "install date", "installed", "installed at", "date"];

fn cell(table: &Table, i: usize, c: usize) -> Option<&str> {
    table.row(i).get(c).map(str::trim).filter(|v| !v.is_empty() && !is_null_marker(v))
}

/// Read an ARR file: long, or wide with one date per column header.
pub fn read_arr(name: &str, bytes: &[u8]) -> Result<Read<ArrSnapshot>, IngestError> {
    let (table, report) = read_table_with(name, bytes, None)?;
    arr_of(name, &table, report.delimiter)
}

/// A date (or a month such as `2025-01`) written as a column header.
fn header_date(h: &str) -> Option<Day> {
    let h = h.trim();
    parse_date(h, DateOrder::MonthFirst).or_else(|| parse_date(&format!("{h}-01"), DateOrder::MonthFirst))
}

/// Whether a table looks like an ARR file: an account column and an ARR
/// column with a date, or at least three month columns; no deal id or stage.
pub fn looks_like_arr(table: &Table) -> bool {
    let dealish = table.headers.iter().any(|h| {
        let h = normalise_header(h);
        h.contains("stage") || h == "dealid" || h.contains("opportunity") || h == "amount"
    });
    let long = table.first_column_named(DATE).is_some() && table.first_column_named(ARR).is_some();
    let wide = table.headers.iter().filter(|h| header_date(h).is_some()).count() >= 3;
    !dealish && table.first_column_named(ACCOUNT).is_some() && (long || wide)
}

/// Whether a table looks like integration installs.
pub fn looks_like_installs(table: &Table) -> bool {
    let installed = table.headers.iter().any(|h| normalise_header(h).contains("install"));
    installed && table.first_column_named(ACCOUNT).is_some() && table.first_column_named(PARTNER).is_some()
}

/// Read ARR snapshots from a parsed table (`delimiter` hints the decimal mark).
pub fn arr_of(name: &str, table: &Table, delimiter: u8) -> Result<Read<ArrSnapshot>, IngestError> {
    let account = table
        .first_column_named(ACCOUNT)
        .ok_or_else(|| IngestError::file(name, "an ARR file needs an account column (account, date, arr)"))?;
    let default_mark = if delimiter == b';' { DecimalMark::Comma } else { DecimalMark::Point };
    let mut read = Read::default();
    if let (Some(date), Some(arr)) = (table.first_column_named(DATE), table.first_column_named(ARR)) {
        let order = infer_date_order((0..table.len()).filter_map(|i| cell(table, i, date)), DateOrder::MonthFirst);
        let mark = infer_decimal_mark((0..table.len()).filter_map(|i| cell(table, i, arr)), default_mark).value();
        for (i, (line, _)) in table.rows().enumerate() {
            let parsed = (
                cell(table, i, account),
                cell(table, i, date).and_then(|t| parse_date(t, order.value())),
                cell(table, i, arr).and_then(|t| parse_amount(t, mark)),
            );
            match parsed {
                (Some(a), Some(d), Some(v)) => read.rows.push(ArrSnapshot { account: a.into(), date: d, arr_cents: v }),
                _ => read.ignored.push(line),
            }
        }
        return Ok(read);
    }
    // Wide: every other column whose header is a date (or a month such as 2025-01).
    let month = header_date;
    let columns: Vec<(usize, Day)> = table
        .headers
        .iter()
        .enumerate()
        .filter(|&(c, _)| c != account)
        .filter_map(|(c, h)| month(h).map(|d| (c, d)))
        .collect();
    if columns.is_empty() {
        return Err(IngestError::file(
            name,
            "an ARR file needs account, date and arr columns, or one column per month (headers such as 2025-01-31)",
        ));
    }
    let t = &table;
    let mark = infer_decimal_mark(
        columns.iter().flat_map(|&(c, _)| (0..t.len()).filter_map(move |i| cell(t, i, c))),
        default_mark,
    )
    .value();
    for (i, (line, _)) in table.rows().enumerate() {
        let Some(a) = cell(table, i, account) else {
            read.ignored.push(line);
            continue;
        };
        for &(c, date) in &columns {
            if let Some(v) = cell(table, i, c).and_then(|t| parse_amount(t, mark)) {
                read.rows.push(ArrSnapshot { account: a.into(), date, arr_cents: v });
            }
        }
    }
    Ok(read)
}

/// Read an integration-install file.
pub fn read_installs(name: &str, bytes: &[u8]) -> Result<Read<Install>, IngestError> {
    let (table, _) = read_table_with(name, bytes, None)?;
    installs_of(name, &table)
}

/// Read integration installs from a parsed table.
pub fn installs_of(name: &str, table: &Table) -> Result<Read<Install>, IngestError> {
    let need = "an integration file needs account, partner (or integration) and installed_date columns";
    let account = table.first_column_named(ACCOUNT).ok_or_else(|| IngestError::file(name, need))?;
    let partner = table.first_column_named(PARTNER).ok_or_else(|| IngestError::file(name, need))?;
    let installed = table.first_column_named(INSTALLED).ok_or_else(|| IngestError::file(name, need))?;
    let order = infer_date_order((0..table.len()).filter_map(|i| cell(table, i, installed)), DateOrder::MonthFirst);
    let mut read = Read::default();
    for (i, (line, _)) in table.rows().enumerate() {
        let parsed = (
            cell(table, i, account),
            cell(table, i, partner),
            cell(table, i, installed).and_then(|t| parse_date(t, order.value())),
        );
        match parsed {
            (Some(a), Some(p), Some(d)) => {
                read.rows.push(Install { account: a.into(), partner: p.into(), installed: d })
            }
            _ => read.ignored.push(line),
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_wide_arr_files_give_the_same_snapshots() {
        let long = "account,date,arr\nAcme,2025-01-31,1200\nAcme,2025-02-28,1300.50\nBeta,2025-01-31,#N/A\n";
        let wide = "Account,2025-01-31,2025-02-28\nAcme,1200,1300.50\nBeta,,\n";
        let a = read_arr("long.csv", long.as_bytes()).unwrap();
        let b = read_arr("wide.csv", wide.as_bytes()).unwrap();
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.rows[1].arr_cents, 130_050);
        assert_eq!(a.ignored, vec![4]);
    }

    #[test]
    fn installs_need_their_three_columns() {
        let ok = read_installs("i.csv", b"account,integration,installed_date\nAcme,Vertex,2024-08-18\nBeta,Vertex,\n")
            .unwrap();
        assert_eq!(ok.rows.len(), 1);
        assert_eq!(ok.ignored, vec![3]);
        let err = read_installs("i.csv", b"account,when\nAcme,2024-08-18\n").unwrap_err();
        assert!(err.to_string().contains("integration file needs"), "{err}");
    }
}
