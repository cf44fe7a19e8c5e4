//! Number formatting for display (exports use the engine's exact formats).

use crate::engine::money::{currency_symbol, group_thousands};

/// `$1,234,567` — whole currency units with separators.
pub fn money(amount: f64, currency: &str) -> String {
    let sign = if amount < 0.0 { "-" } else { "" };
    format!("{sign}{}{}", currency_symbol(currency), group_thousands(amount.abs().round() as u64))
}

/// `$1,234,567` from cents (rounded to whole units).
pub fn money_cents(cents: i64, currency: &str) -> String {
    money(cents as f64 / 100.0, currency)
}

/// `$1,234,567.89` from cents, exactly.
pub fn money_exact(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}{}.{:02}", currency_symbol(currency), group_thousands(abs / 100), abs % 100)
}

/// `31.3%`.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// `+12.4%` / `−3.0%` for a lift.
pub fn lift(x: f64) -> String {
    if x >= 0.0 {
        format!("+{:.1}%", x * 100.0)
    } else {
        format!("−{:.1}%", -x * 100.0)
    }
}

/// A value or an em dash when undefined.
pub fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".into())
}
