//! Calendar dates as whole days since 1970-01-01, with the civil-calendar
//! conversions from Howard Hinnant's `days_from_civil` algorithm.

/// A calendar date: days since 1970-01-01 (negative before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Day(pub i32);

impl Day {
    /// The date for a year, month (1–12) and day (1–31), if it exists.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Year, month and day of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// Calendar quarter label such as `2025-Q3`.
    pub fn quarter_label(self) -> String {
        let (y, m, _) = self.ymd();
        format!("{y}-Q{}", (m - 1) / 3 + 1)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The date part of a cell: up to the first `T` or space.
pub fn date_part(text: &str) -> &str {
    match text.bytes().position(|b| b == b'T' || b == b' ') {
        Some(i) => &text[..i],
        None => text,
    }
}

/// Parse an ISO date `YYYY-MM-DD`, optionally followed by a time
/// (`T` or a space, then anything). Returns `None` when it is not one.
pub fn parse_iso_date(text: &str) -> Option<Day> {
    let b = text.as_bytes();
    // The usual cell, `2025-03-31`, read byte by byte.
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let digits = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return Day::from_ymd(y as i32, m, d);
        }
    }
    let t = text.trim();
    let date = date_part(t);
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    Day::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}
