//! What each column's values look like, measured once per file on a sample
//! of rows spread over the whole table: how many read as amounts, dates,
//! yes/no flags or currency codes, how many differ, what stage labels say.
//! The mapping weighs these beside the header words (`auto_map`).

use crate::ingest::csv_reader::Table;
use crate::ingest::values::{
    is_null_marker, parse_amount, parse_bool, parse_date, stage_outcome, trim, DateOrder, DecimalMark,
};
use crate::ingest::{currency::currency_code, stage_words::OPEN_STAGE_WORDS};

/// Rows sampled per column (spread evenly over the table).
pub const SAMPLE_ROWS: usize = 2_000;

/// What a column's values say about the role it can hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnProfile {
    /// Rows sampled.
    pub sampled: usize,
    /// Cells that are neither blank nor a null marker.
    pub filled: usize,
    /// Share of filled cells that read as amounts.
    pub amount_fit: f64,
    /// Share of filled cells that read as dates.
    pub date_fit: f64,
    /// Share of filled cells that read as yes/no.
    pub bool_fit: f64,
    /// Share of filled cells made of digits only (ids, codes, compact dates).
    pub digits_only: f64,
    /// Share of filled cells that are compact dates (`20190701`).
    pub compact_date_fit: f64,
    /// Share of filled cells that read as dates only as Excel serial day
    /// numbers (plain numbers such as `45747` or `100.50`).
    pub serial_date_fit: f64,
    /// Share of filled cells that are currency codes or names.
    pub currency_fit: f64,
    /// Distinct filled values among the sample.
    pub distinct: usize,
    /// Median of the amounts read (point as the decimal mark).
    pub median_amount: f64,
    /// Share of consecutive sampled numbers that increase (row numbers and
    /// ids do; amounts do about half the time).
    pub increasing: f64,
    /// Share of filled cells written with decimals or a currency mark (money).
    pub money_written: f64,
    /// Rows whose label says won or lost (read as a stage).
    pub won_lost: usize,
    /// Rows whose label is a known open stage.
    pub open: usize,
    /// The most frequent labels, most frequent first (at most 6).
    pub top_labels: Vec<String>,
}

impl ColumnProfile {
    /// Share of filled cells in the sample (0 when nothing was sampled).
    pub fn fill_share(&self) -> f64 {
        if self.sampled == 0 {
            0.0
        } else {
            self.filled as f64 / self.sampled as f64
        }
    }

    /// Share of filled rows whose label is a known stage (won, lost or open).
    pub fn stage_recognised(&self) -> f64 {
        if self.filled == 0 {
            0.0
        } else {
            (self.won_lost + self.open) as f64 / self.filled as f64
        }
    }

    /// Share of filled rows whose label says won or lost.
    pub fn won_lost_share(&self) -> f64 {
        if self.filled == 0 {
            0.0
        } else {
            self.won_lost as f64 / self.filled as f64
        }
    }

    /// Share of filled cells that read as dates, not counting plain
    /// integers (which read as Excel serial days) unless they are compact
    /// dates.
    pub fn real_date_fit(&self) -> f64 {
        (self.date_fit - self.serial_date_fit).max(0.0)
    }

    /// Whether the values are plain numbers of many different values (an
    /// id, an amount or a measure: never a category such as a segment).
    pub fn is_numeric_measure(&self) -> bool {
        self.filled > 0 && self.amount_fit >= 0.9 && self.distinct > 20
    }
}

/// The profile of every column of a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profiles {
    /// One per header.
    pub columns: Vec<ColumnProfile>,
    /// Data rows in the table.
    pub rows: usize,
}

/// The rows sampled: all of a small table, else `SAMPLE_ROWS` spread evenly.
pub fn sample_rows(len: usize) -> impl Iterator<Item = usize> {
    let n = len.min(SAMPLE_ROWS);
    (0..n).map(move |i| if len <= SAMPLE_ROWS { i } else { i * len / n })
}

/// Whether a trimmed cell counts as filled.
pub fn is_filled(v: &str) -> bool {
    !v.is_empty() && !is_null_marker(v)
}

impl Profiles {
    /// Measure every column of `table`.
    pub fn of(table: &Table) -> Profiles {
        let rows: Vec<usize> = sample_rows(table.len()).collect();
        let columns = (0..table.headers.len()).map(|c| profile(table, c, &rows)).collect();
        Profiles { columns, rows: table.len() }
    }

    /// The profile of column `c` (an empty one past the last column).
    pub fn get(&self, c: usize) -> ColumnProfile {
        self.columns.get(c).cloned().unwrap_or_default()
    }
}

fn profile(table: &Table, c: usize, rows: &[usize]) -> ColumnProfile {
    let mut p = ColumnProfile { sampled: rows.len(), ..ColumnProfile::default() };
    let (mut amounts, mut dates, mut bools, mut digits, mut currencies, mut compact) = (0, 0, 0, 0, 0, 0);
    let (mut money, mut serials) = (0, 0);
    let mut values: Vec<f64> = Vec::new();
    let mut labels: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in rows {
        let Some(v) = table.row(i).get(c).map(trim) else { continue };
        if !is_filled(v) {
            continue;
        }
        p.filled += 1;
        *labels.entry(v).or_default() += 1;
        if v.bytes().all(|b| b.is_ascii_digit()) {
            digits += 1;
            if matches!(v.len(), 8 | 12 | 14) && parse_date(v, DateOrder::MonthFirst).is_some() {
                compact += 1;
            }
        }
        let amount = parse_amount(v, DecimalMark::Point).or_else(|| parse_amount(v, DecimalMark::Comma));
        if let Some(cents) = amount {
            amounts += 1;
            values.push(cents as f64 / 100.0);
            if v.contains(['.', ',', '$', '€', '£', '¥']) || v.bytes().any(|b| b.is_ascii_alphabetic()) {
                money += 1;
            }
        }
        if parse_date(v, DateOrder::MonthFirst).is_some() || parse_date(v, DateOrder::DayFirst).is_some() {
            dates += 1;
            let plain_number =
                v.bytes().all(|b| b.is_ascii_digit() || b == b'.') && v.bytes().filter(|&b| b == b'.').count() <= 1;
            let compact = matches!(v.len(), 8 | 12 | 14) && v.bytes().all(|b| b.is_ascii_digit());
            if plain_number && !compact {
                serials += 1;
            }
        }
        if parse_bool(v).is_some() {
            bools += 1;
        }
        if currency_code(v).is_some() {
            currencies += 1;
        }
    }
    let share = |n: usize| if p.filled == 0 { 0.0 } else { n as f64 / p.filled as f64 };
    p.amount_fit = share(amounts);
    p.date_fit = share(dates);
    p.bool_fit = share(bools);
    p.digits_only = share(digits);
    p.compact_date_fit = share(compact);
    p.serial_date_fit = share(serials);
    p.currency_fit = share(currencies);
    p.distinct = labels.len();
    p.money_written = share(money);
    let rises = values.windows(2).filter(|w| w[1] > w[0]).count();
    p.increasing = if values.len() > 1 { rises as f64 / (values.len() - 1) as f64 } else { 0.0 };
    values.sort_by(f64::total_cmp);
    p.median_amount = values.get(values.len() / 2).copied().unwrap_or(0.0);
    // Stage evidence, label by label (a column has few distinct labels).
    if labels.len() <= 300 {
        for (label, n) in &labels {
            let (closed, _) = stage_outcome(label);
            let lower = label.to_lowercase();
            if closed {
                p.won_lost += n;
            } else if OPEN_STAGE_WORDS.iter().any(|w| lower.contains(w)) {
                p.open += n;
            }
        }
    }
    let mut top: Vec<(&str, usize)> = labels.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    p.top_labels = top.into_iter().take(6).map(|(l, _)| l.to_string()).collect();
    p
}
