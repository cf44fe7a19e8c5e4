//! Reading the values people type into CRMs and spreadsheets: amounts with
//! currency signs, thousands separators, decimal commas and accounting
//! negatives; dates in ISO, US, European, month-name and Excel-serial forms.
//! The ambiguous cases (`1,234`; `03/04/2025`) are decided from the whole
//! column, never cell by cell.

use crate::date::{parse_iso_date, Day};

/// Which character separates decimals in a column of amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DecimalMark {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

/// What the whole column says about its decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inferred<T> {
    /// The values decide it.
    Sure(T),
    /// The values allow both; this is the assumption (ask the user).
    Assumed(T),
}

impl<T: Copy> Inferred<T> {
    /// The value, sure or assumed.
    pub fn value(self) -> T {
        match self {
            Inferred::Sure(v) | Inferred::Assumed(v) => v,
        }
    }

    /// Whether the values left it open.
    pub fn is_assumed(self) -> bool {
        matches!(self, Inferred::Assumed(_))
    }
}

/// Currency symbols and codes recognised around amounts.
const CURRENCY_MARKS: &[&str] =
    &["US$", "A$", "C$", "NZ$", "HK$", "R$", "$", "€", "£", "¥", "₹", "₩", "CHF", "kr", "zł", "Fr."];

/// Strip currency marks, spaces and sign wrappers; returns (negative, core).
/// The common case — digits and marks with at most a leading minus — is
/// returned as a slice of the cell, not copied.
fn strip_amount_borrowed(text: &str) -> Option<(bool, std::borrow::Cow<'_, str>)> {
    let t = trim(text);
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let bytes = digits.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
    {
        return Some((negative, std::borrow::Cow::Borrowed(digits)));
    }
    strip_amount_owned(text).map(|(n, s)| (n, std::borrow::Cow::Owned(s)))
}

fn strip_amount_owned(text: &str) -> Option<(bool, String)> {
    let mut t = text.trim().to_string();
    if t.is_empty() {
        return None;
    }
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') {
        negative = true;
        t = t[1..t.len() - 1].trim().to_string();
    }
    // Most cells are plain numbers: skip the search for codes and marks.
    let plain = t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+'));
    if !plain {
        // ISO codes before or after: "USD 1,200" / "1.200 EUR".
        let upper3 = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase());
        if let Some((head, rest)) = t.split_once(' ') {
            if upper3(head) {
                t = rest.trim().to_string();
            }
        }
        if let Some((rest, tail)) = t.rsplit_once(' ') {
            if upper3(tail) {
                t = rest.trim().to_string();
            }
        }
        for mark in CURRENCY_MARKS {
            if t.contains(mark) {
                t = t.replace(mark, "");
            }
        }
        t.retain(|c| !c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\'');
    }
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_suffix('-')) {
        negative = !negative;
        t = rest.to_string();
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest.to_string();
    }
    if t.starts_with('(') && t.ends_with(')') {
        negative = !negative;
        t = t[1..t.len() - 1].to_string();
    }
    if t.is_empty()
        || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !t.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((negative, t))
}

/// What one cell says about the decimal mark: `Some(mark)` when it decides.
fn decides(core: &str) -> Option<DecimalMark> {
    // One pass over the bytes: how many of each mark, and where each last is.
    let (mut dots, mut commas, mut last_dot, mut last_comma) = (0usize, 0usize, 0usize, 0usize);
    for (i, b) in core.bytes().enumerate() {
        match b {
            b'.' => (dots, last_dot) = (dots + 1, i),
            b',' => (commas, last_comma) = (commas + 1, i),
            _ => {}
        }
    }
    let after = |sep: char| core.len() - 1 - if sep == '.' { last_dot } else { last_comma };
    match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => Some(DecimalMark::Comma),   // 1.234.567
        (0, _) if commas > 1 => Some(DecimalMark::Point), // 1,234,567
        (1, 0) => (after('.') != 3).then_some(DecimalMark::Point), // 12.5 / 12.50; 1.234 is open
        (0, 1) => (after(',') != 3).then_some(DecimalMark::Comma), // 12,5; 1,234 is open
        _ => {
            // Both: whichever comes last is the decimal mark.
            if last_dot > last_comma {
                Some(DecimalMark::Point)
            } else {
                Some(DecimalMark::Comma)
            }
        }
    }
}

/// Decide a column's decimal mark from all its values. When no value
/// decides, `default` is assumed (a semicolon-delimited file suggests a
/// decimal comma).
pub fn infer_decimal_mark<'a>(values: impl Iterator<Item = &'a str>, default: DecimalMark) -> Inferred<DecimalMark> {
    let (mut point, mut comma, mut open) = (0usize, 0usize, 0usize);
    for v in values {
        let Some((_, core)) = strip_amount_borrowed(v) else { continue };
        match decides(&core) {
            Some(DecimalMark::Point) => point += 1,
            Some(DecimalMark::Comma) => comma += 1,
            None if core.contains(['.', ',']) => open += 1,
            None => {}
        }
    }
    match (point, comma) {
        (0, 0) if open > 0 => Inferred::Assumed(default),
        (0, 0) => Inferred::Sure(default),
        (p, c) if p >= c => Inferred::Sure(DecimalMark::Point),
        _ => Inferred::Sure(DecimalMark::Comma),
    }
}

/// Parse an amount into cents with a known decimal mark.
/// `None` when the text is not an amount; blank text is `None` too.
pub fn parse_amount(text: &str, mark: DecimalMark) -> Option<i64> {
    let (negative, core) = strip_amount_borrowed(text)?;
    let (group, decimal) = match mark {
        DecimalMark::Point => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    if !core.contains(group) && !core.contains(',') {
        // No group mark and no comma to turn into a point: read as it is.
        let cents = crate::money::parse_cents(&core)?;
        return Some(if negative { -cents } else { cents });
    }
    let plain: String = core.chars().filter(|&c| c != group).map(|c| if c == decimal { '.' } else { c }).collect();
    if plain.matches('.').count() > 1 {
        return None;
    }
    let cents = crate::money::parse_cents(&plain)?;
    Some(if negative { -cents } else { cents })
}

/// Day/month order of slash- or dot-separated dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    /// `03/31/2025` (US).
    MonthFirst,
    /// `31/03/2025`, `31.03.2025` (Europe and most of the world).
    DayFirst,
}

/// Month names in the seven languages of the stage words (English,
/// German, French, Spanish, Portuguese, Italian, Dutch), lower-case. A
/// word of three letters or more that starts one of them names its month
/// (`Mar`, `mär`, `sept`, `déc`, `ene`, `mrt` is listed whole); no prefix
/// names two different months in these languages.
const MONTHS: [&[&str]; 12] = [
    &["january", "januar", "janvier", "enero", "janeiro", "gennaio", "januari"],
    &["february", "februar", "février", "fevrier", "febrero", "fevereiro", "febbraio", "februari"],
    &["march", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt"],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maio", "maggio", "mei"],
    &["june", "juni", "juin", "junio", "junho", "giugno"],
    &["july", "juli", "juillet", "julio", "julho", "luglio"],
    &["august", "août", "aout", "agosto", "augustus"],
    &["september", "septembre", "septiembre", "setiembre", "setembro", "settembre"],
    &["october", "oktober", "octobre", "octubre", "outubro", "ottobre"],
    &["november", "novembre", "noviembre", "novembro"],
    &["december", "dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre"],
];

fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    MONTHS.iter().position(|names| names.iter().any(|name| name.starts_with(&w))).map(|i| i as u32 + 1)
}

fn year_of(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(y),
        2 => Some(if y < 70 { 2000 + y } else { 1900 + y }),
        _ => None,
    }
}

/// The three numbers of a `a/b/yyyy`, `a.b.yyyy` or `a-b-yyyy` date (time ignored).
fn numeric_parts(text: &str) -> Option<(u32, u32, i32)> {
    let date = crate::date::date_part(trim(text));
    // Whichever separator is used, the first part runs at least to the first
    // separator of any kind: past two digits (`2025-03-31`), it is no a/b/y date.
    if date.bytes().position(|b| matches!(b, b'/' | b'.' | b'-'))? > 2 {
        return None;
    }
    let sep = [b'/', b'.', b'-'].into_iter().find(|&s| date.as_bytes().contains(&s))? as char;
    let mut parts = date.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, year_of(y)?))
}

/// Decide the day/month order of a date column from all its values.
pub fn infer_date_order<'a>(values: impl Iterator<Item = &'a str>, default: DateOrder) -> Inferred<DateOrder> {
    let (mut month_first, mut day_first, mut seen) = (false, false, false);
    for v in values {
        if let Some((a, b, _)) = numeric_parts(v) {
            seen = true;
            if a > 12 && b <= 12 {
                day_first = true;
            }
            if b > 12 && a <= 12 {
                month_first = true;
            }
        }
    }
    match (month_first, day_first) {
        (true, false) => Inferred::Sure(DateOrder::MonthFirst),
        (false, true) => Inferred::Sure(DateOrder::DayFirst),
        _ if !seen => Inferred::Sure(default),
        _ => Inferred::Assumed(default),
    }
}

/// Parse a date in any of the common forms, with a known day/month order.
///
/// ISO (`2025-03-31`, with time or zone), `3/31/2025` or `31/03/2025` (by
/// `order`), `31.03.2025`, `2025/03/31`, month names (`Mar 31, 2025`,
/// `31 March 2025`, `31-Mar-25`), and Excel serial numbers (`45747`).
pub fn parse_date(text: &str, order: DateOrder) -> Option<Day> {
    let t = trim(text);
    if t.is_empty() {
        return None;
    }
    if let Some(d) = parse_iso_date(t) {
        return Some(d);
    }
    // 2025/03/31
    let date = crate::date::date_part(t);
    if let Some((y, rest)) = date.split_once('/').filter(|(y, _)| y.len() == 4) {
        let (m, d) = rest.split_once('/')?;
        return Day::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    if let Some((a, b, y)) = numeric_parts(t) {
        let (m, d) = match (order, date.contains('.')) {
            (_, true) | (DateOrder::DayFirst, _) => (b, a),
            (DateOrder::MonthFirst, false) => (a, b),
        };
        // Mixed formats in one column: a value that only reads the other way
        // round (15/03/2025 in a month-first file) is unambiguous, so it is
        // read that way; only values that fit both orders follow `order`.
        return Day::from_ymd(y, m, d).or_else(|| if date.contains('.') { None } else { Day::from_ymd(y, d, m) });
    }
    if let Some(day) = parse_compact_date(t) {
        return Some(day);
    }
    // Excel serial day numbers (1900 date system): 1 = 1900-01-01, with Excel's 1900 leap bug.
    if let Ok(serial) = t.parse::<f64>() {
        if (1.0..2_958_466.0).contains(&serial) && t.chars().all(|c| c.is_ascii_digit() || c == '.') {
            let base = Day::from_ymd(1899, 12, 30)?.0;
            return Some(Day(base + serial.floor() as i32));
        }
        return None;
    }
    parse_month_name_date(t)
}

/// `20190701` (SAP, ERP and database exports), `201907011530` and
/// `20190701153000`: digits only, a year from 1900 to 2199 and a real day.
fn parse_compact_date(t: &str) -> Option<Day> {
    let b = t.as_bytes();
    if !matches!(b.len(), 8 | 12 | 14) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().ok();
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    if !(1900..2200).contains(&y) {
        return None;
    }
    if b.len() > 8 && (num(8..10)? > 23 || num(10..12)? > 59 || (b.len() == 14 && num(12..14)? > 59)) {
        return None;
    }
    Day::from_ymd(y as i32, m, d)
}

/// `Mar 31, 2025`, `March 31 2025`, `31 March 2025`, `31-Mar-2025`,
/// `31-Mar-25`, `31. März 2025`, `31 de marzo de 2025`, `15 Apr, 2021 00:02:00`.
fn parse_month_name_date(t: &str) -> Option<Day> {
    const FILLERS: &[&str] = &["de", "del", "of", "the", "le", "di"];
    let words: Vec<&str> = t
        .split([' ', ',', '-', '/'])
        .filter(|w| !w.is_empty() && !FILLERS.contains(&w.to_lowercase().as_str()))
        .take(3)
        .collect();
    if words.len() != 3 {
        return None;
    }
    let (m, d, y) = if let Some(m) = month_from_name(words[0]) {
        (m, words[1].trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']).parse().ok()?, year_of(words[2])?)
    } else {
        (month_from_name(words[1])?, words[0].trim_end_matches('.').parse().ok()?, year_of(words[2])?)
    };
    Day::from_ymd(y, m, d)
}

/// What a stage label says: (closed, won), from the usual words in
/// English, German, French, Spanish, Portuguese, Italian, Dutch and Russian
/// CRMs, and stage codes (`WON`, `C2:WON`, `LOSE`, Bitrix24's `APOLOGY`).
pub fn stage_outcome(stage: &str) -> (bool, bool) {
    let s = stage.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    // Short words only as whole words ("perso" is not "persona").
    let word = |words: &[&str]| s.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w));
    let won = has(&[
        "won",
        "gewonnen",
        "gagné",
        "ganad",
        "ganho",
        "ganha",
        "signed",
        "booked",
        "conquistad",
        "успешн",
        "выигра",
    ]) || word(&["vinto", "vinta", "vinte"]);
    if won && !has(&["not won"]) {
        (true, true)
    } else if word(&["perso", "persa", "perse", "lose", "apology"])
        || has(&[
            "lost",
            "verloren",
            "perdu",
            "perdid",
            "descartad",
            "rejected",
            "abandon",
            "closed",
            "dead",
            "disqualified",
            "no decision",
            "churn",
            "cancel",
            "провал",
            "проигр",
            "отказ",
        ])
    {
        (true, false)
    } else {
        (false, false)
    }
}

/// Cells that spreadsheets and databases write for "no value" (spec §2):
/// read as blank in every column.
pub const NULL_MARKERS: &[&str] =
    &["#N/A", "N/A", "NA", "\\N", "NULL", "null", "None", "nan", "-", "--", "(blank)", "#VALUE!", "#REF!"];

/// Whether a trimmed cell is a null marker (case-insensitive).
pub fn is_null_marker(text: &str) -> bool {
    // Every marker starts with one of these bytes: most cells are rejected on their first.
    let first = text.as_bytes().first().map(u8::to_ascii_lowercase);
    matches!(first, Some(b'#' | b'n' | b'\\' | b'-' | b'('))
        && text.len() <= 8
        && NULL_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(text))
}

/// `text.trim()`, answered without decoding characters when the text
/// starts and ends with a visible ASCII character (nearly every cell).
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Read a yes/no cell (`true`, `yes`, `1`, `won`, `x`…).
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "won" | "closed" | "x" | "wahr" | "ja" | "oui" | "sí" | "si" => Some(true),
        "false" | "no" | "n" | "0" | "" | "lost" | "open" | "falsch" | "nein" | "non" => Some(false),
        _ => None,
    }
}
