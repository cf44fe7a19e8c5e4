//! Number and date formatting for display (exports use the engine's exact,
//! locale-free formats). In the browser, numbers, money and dates follow
//! the browser's locale through `Intl` — `1.234.567 €` in Germany,
//! `$1,234,567` in the US — in the reporting currency; natively (tests)
//! they use the fixed English forms below.

use engine::date::Day;
use engine::money::{currency_symbol, group_thousands};

/// Money with `digits` decimals in the browser's locale, when `Intl` is there.
#[cfg(target_arch = "wasm32")]
fn intl_money(amount: f64, currency: &str, digits: u32) -> Option<String> {
    // Intl throws on a malformed code: only ISO-shaped codes go to it.
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    intl::format(&format!("c{digits}{currency}"), amount, |o| {
        intl::set(o, "style", "currency");
        intl::set(o, "currency", currency);
        intl::set_number(o, "minimumFractionDigits", digits);
        intl::set_number(o, "maximumFractionDigits", digits);
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn intl_money(_: f64, _: &str, _: u32) -> Option<String> {
    None
}

/// `$1,234,567` — whole currency units with separators.
pub fn money(amount: f64, currency: &str) -> String {
    intl_money(amount, currency, 0).unwrap_or_else(|| {
        let sign = if amount < 0.0 { "-" } else { "" };
        format!("{sign}{}{}", currency_symbol(currency), group_thousands(amount.abs().round() as u64))
    })
}

/// `$1,234,567` from cents (rounded to whole units).
pub fn money_cents(cents: i64, currency: &str) -> String {
    money(cents as f64 / 100.0, currency)
}

/// `$1,234,567.89` from cents, exactly.
pub fn money_exact(cents: i64, currency: &str) -> String {
    intl_money(cents as f64 / 100.0, currency, 2).unwrap_or_else(|| {
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        format!("{sign}{}{}.{:02}", currency_symbol(currency), group_thousands(abs / 100), abs % 100)
    })
}

/// `31.3%`.
pub fn percent(x: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = intl::format("p1", x, |o| {
        intl::set(o, "style", "percent");
        intl::set_number(o, "minimumFractionDigits", 1);
        intl::set_number(o, "maximumFractionDigits", 1);
    }) {
        return s;
    }
    format!("{:.1}%", x * 100.0)
}

/// `+12.4%` / `−3.0%` for a lift.
pub fn lift(x: f64) -> String {
    let magnitude = percent(x.abs());
    if x >= 0.0 {
        format!("+{magnitude}")
    } else {
        format!("−{magnitude}")
    }
}

/// A date in the browser's locale (`Mar 4, 2025`, `4 mars 2025`); ISO natively.
pub fn date(day: Day) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let (y, m, d) = day.ymd();
        let js = js_sys::Date::new_with_year_month_day(y as u32, m as i32 - 1, d as i32);
        let options = js_sys::Object::new();
        intl::set(&options, "year", "numeric");
        intl::set(&options, "month", "short");
        intl::set(&options, "day", "numeric");
        if let Some(s) = js.to_locale_date_string("default", &options).as_string() {
            return s;
        }
    }
    day.to_string()
}

/// A value or an em dash when undefined.
pub fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".into())
}

#[cfg(target_arch = "wasm32")]
mod intl {
    //! `Intl.NumberFormat` objects, made once per style and reused.
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsValue;

    thread_local! {
        static FORMATS: RefCell<HashMap<String, js_sys::Function>> = RefCell::new(HashMap::new());
    }

    pub fn set(o: &js_sys::Object, key: &str, value: &str) {
        let _ = js_sys::Reflect::set(o, &key.into(), &value.into());
    }

    pub fn set_number(o: &js_sys::Object, key: &str, value: u32) {
        let _ = js_sys::Reflect::set(o, &key.into(), &JsValue::from(value));
    }

    /// Format `x` with the number format named `key`, made by `options` the first time.
    pub fn format(key: &str, x: f64, options: impl FnOnce(&js_sys::Object)) -> Option<String> {
        FORMATS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if !cache.contains_key(key) {
                let o = js_sys::Object::new();
                options(&o);
                let formatter = js_sys::Intl::NumberFormat::new(&js_sys::Array::new(), &o);
                cache.insert(key.to_string(), formatter.format());
            }
            cache.get(key)?.call1(&JsValue::NULL, &JsValue::from(x)).ok()?.as_string()
        })
    }
}
