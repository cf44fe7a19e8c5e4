//! Money as exact integer minor units (cents) and its text forms.

/// The largest amount one deal may hold: 9,999,999,999,999.99 (13 digits
/// before the point). A larger cell is read like any unreadable amount
/// (counted as 0 and reported, spec §2): it is a column of something else,
/// or a decimal mark read wrong, never a deal.
pub const MAX_AMOUNT_CENTS: i64 = 999_999_999_999_999;

/// The most the amounts of one data set may add up to, in cents: 2^53, the
/// largest whole number a JavaScript number holds exactly. Below it every
/// sum, credit and total is exact in `i64` here and as a number on the page;
/// a file above it is refused with a message ([`check_total`]).
pub const MAX_TOTAL_CENTS: i128 = 1 << 53;

/// Refuse amounts whose absolute values add up to more than
/// [`MAX_TOTAL_CENTS`]: the message names the largest one.
pub fn check_total(amounts: impl Iterator<Item = (i64, u64)>) -> Result<(), (u64, i64)> {
    let mut total: i128 = 0;
    let mut largest = (0u64, 0i64);
    for (cents, line) in amounts {
        total += i128::from(cents).abs();
        if cents.unsigned_abs() > largest.1.unsigned_abs() {
            largest = (line, cents);
        }
    }
    if total > MAX_TOTAL_CENTS {
        Err(largest)
    } else {
        Ok(())
    }
}

/// Parse a plain decimal amount (`1234`, `-1234.5`, `1234.56`) into cents.
///
/// More than two decimals are rounded half away from zero. Returns `None`
/// for anything that is not a plain number, or whose size passes
/// [`MAX_AMOUNT_CENTS`]; locale-aware parsing of currency symbols and
/// separators lives in the ingest layer.
pub fn parse_cents(text: &str) -> Option<i64> {
    let t = crate::ingest::values::trim(text);
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    if (whole.is_empty() && frac.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || whole.trim_start_matches('0').len() > 13
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let mut frac_digits = frac.bytes().map(|b| i64::from(b - b'0'));
    let tens = frac_digits.next().unwrap_or(0);
    let ones = frac_digits.next().unwrap_or(0);
    let round_up = frac_digits.next().unwrap_or(0) >= 5;
    let cents = whole * 100 + tens * 10 + ones + i64::from(round_up);
    Some(if negative { -cents } else { cents })
}

/// Format cents as a plain decimal with two places: `-1234.50`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Format an amount for people: `$1.2M`, `$850k`, `$12,400` (whole units).
pub fn format_compact(amount: f64, symbol: &str) -> String {
    let sign = if amount < 0.0 { "-" } else { "" };
    let a = amount.abs();
    let body = if a >= 999_500_000.0 {
        format!("{:.1}B", a / 1e9)
    } else if a >= 999_500.0 {
        format!("{:.1}M", a / 1e6)
    } else if a >= 10_000.0 {
        format!("{:.0}k", a / 1e3)
    } else {
        group_thousands(a.round() as u64)
    };
    format!("{sign}{symbol}{}", body.replace(".0M", "M").replace(".0B", "B"))
}

/// Format whole units with thousands separators: `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The display symbol for an ISO currency code (the code itself when unknown).
pub fn currency_symbol(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "INR" => "₹".into(),
        other => format!("{other} "),
    }
}
