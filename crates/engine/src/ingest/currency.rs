//! Currencies as exports write them: ISO codes, the names CRMs show
//! (Dynamics writes "US Dollar"), common symbols and aliases (`RMB`), and
//! per-row exchange rates whose direction is read from the rates
//! themselves.
//!
//! A rate column says how one currency relates to another, but not which
//! way: SAP Business One and Salesforce give units of the row's currency
//! per unit of the base (USD rows at 1.13 with EUR as base), other systems
//! the reverse (0.88). The base is the currency whose rows all carry 1.
//! The direction is decided by comparing each currency's typical rate with
//! both readings of a rough table of rates against the US dollar (order of
//! magnitude is enough: 7.6 against 0.13 for the yuan); when every currency
//! in the file is too near parity to tell, the common "units per base"
//! reading is assumed and the report says so.

/// ISO code of a currency cell: a three-letter code, a known name, symbol or alias.
pub fn currency_code(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        let upper = t.to_ascii_uppercase();
        return Some(alias(&upper).unwrap_or(&upper).to_string());
    }
    let lower = t.to_lowercase();
    NAMES.iter().find(|(name, _)| *name == lower).map(|(_, code)| code.to_string())
}

/// Non-ISO codes that exports use for ISO ones.
fn alias(code: &str) -> Option<&'static str> {
    match code {
        "RMB" => Some("CNY"),
        "NTD" => Some("TWD"),
        "RUR" => Some("RUB"),
        "STG" => Some("GBP"),
        _ => None,
    }
}

/// Names and symbols of currencies as CRMs write them (lower-case).
const NAMES: &[(&str, &str)] = &[
    ("us dollar", "USD"),
    ("us dollars", "USD"),
    ("u.s. dollar", "USD"),
    ("dollar", "USD"),
    ("$", "USD"),
    ("us$", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("€", "EUR"),
    ("pound sterling", "GBP"),
    ("british pound", "GBP"),
    ("£", "GBP"),
    ("canadian dollar", "CAD"),
    ("australian dollar", "AUD"),
    ("new zealand dollar", "NZD"),
    ("swiss franc", "CHF"),
    ("japanese yen", "JPY"),
    ("yen", "JPY"),
    ("¥", "JPY"),
    ("chinese yuan", "CNY"),
    ("yuan renminbi", "CNY"),
    ("renminbi", "CNY"),
    ("indian rupee", "INR"),
    ("₹", "INR"),
    ("brazilian real", "BRL"),
    ("mexican peso", "MXN"),
    ("swedish krona", "SEK"),
    ("norwegian krone", "NOK"),
    ("danish krone", "DKK"),
    ("polish zloty", "PLN"),
    ("russian ruble", "RUB"),
    ("russian rouble", "RUB"),
    ("рубль", "RUB"),
    ("руб", "RUB"),
    ("₽", "RUB"),
    ("south african rand", "ZAR"),
    ("singapore dollar", "SGD"),
    ("hong kong dollar", "HKD"),
    ("south korean won", "KRW"),
    ("korean won", "KRW"),
    ("₩", "KRW"),
    ("turkish lira", "TRY"),
    ("israeli new shekel", "ILS"),
    ("uae dirham", "AED"),
    ("saudi riyal", "SAR"),
];

/// Rough units of each currency per US dollar (2020s order of magnitude):
/// enough to tell 7.6 from 0.13, never used to convert.
const PER_USD: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 0.92),
    ("GBP", 0.79),
    ("CHF", 0.9),
    ("CAD", 1.35),
    ("AUD", 1.5),
    ("NZD", 1.65),
    ("JPY", 145.0),
    ("CNY", 7.1),
    ("HKD", 7.8),
    ("TWD", 31.0),
    ("SGD", 1.35),
    ("INR", 83.0),
    ("IDR", 15_500.0),
    ("KRW", 1_330.0),
    ("THB", 35.0),
    ("MYR", 4.6),
    ("PHP", 56.0),
    ("VND", 24_500.0),
    ("BRL", 5.0),
    ("MXN", 17.5),
    ("ARS", 350.0),
    ("CLP", 900.0),
    ("COP", 4_000.0),
    ("PEN", 3.75),
    ("SEK", 10.5),
    ("NOK", 10.5),
    ("DKK", 6.9),
    ("PLN", 4.0),
    ("CZK", 23.0),
    ("HUF", 360.0),
    ("RON", 4.6),
    ("RUB", 90.0),
    ("UAH", 38.0),
    ("TRY", 30.0),
    ("ILS", 3.7),
    ("AED", 3.67),
    ("SAR", 3.75),
    ("ZAR", 18.5),
    ("EGP", 40.0),
    ("NGN", 1_000.0),
    ("KES", 140.0),
];

/// The currency a header names for its figures: `amount_usd`, `Deal Value
/// (EUR)`, `Montant €`. Only ISO codes this module knows, and the euro and
/// pound signs (a dollar sign names too many dollars).
pub fn currency_in_header(header: &str) -> Option<&'static str> {
    if header.contains('€') {
        return Some("EUR");
    }
    if header.contains('£') {
        return Some("GBP");
    }
    let words = crate::ingest::roles::header::header_words(header);
    words
        .iter()
        .filter(|w| w.len() == 3)
        .find_map(|w| PER_USD.iter().find(|(code, _)| code.eq_ignore_ascii_case(w)).map(|&(code, _)| code))
}

/// Rough units of `code` per US dollar, when known.
fn per_usd(code: &str) -> Option<f64> {
    PER_USD.iter().find(|(c, _)| *c == code).map(|&(_, r)| r)
}

/// How a per-row rate turns an amount into the base currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RateDirection {
    /// The rate is units of the row's currency per unit of the base: divide.
    PerBase,
    /// The rate is units of the base per unit of the row's currency: multiply.
    BasePer,
}

/// What the rates of a file say: the base currency and the direction.
#[derive(Debug, Clone, PartialEq)]
pub struct RateReading {
    /// The currency whose rows carry a rate of 1.
    pub base: String,
    /// How to apply each row's rate.
    pub direction: RateDirection,
    /// Whether the rates decided the direction (`false`: assumed).
    pub decided: bool,
}

/// Read the base currency and the rate direction from (currency, rate)
/// pairs of a file's rows. `None` when no currency carries a rate of 1 on
/// most of its rows.
pub fn read_rates<'a>(pairs: impl Iterator<Item = (&'a str, f64)>) -> Option<RateReading> {
    let mut by_code: std::collections::BTreeMap<String, Vec<f64>> = std::collections::BTreeMap::new();
    for (code, rate) in pairs {
        if rate.is_finite() && rate > 0.0 {
            if let Some(code) = currency_code(code) {
                by_code.entry(code).or_default().push(rate);
            }
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut medians: Vec<(String, f64, usize)> =
        by_code.into_iter().map(|(code, mut v)| (code, median(&mut v), v.len())).collect();
    // The base: rate 1 on (nearly) all of its rows; the most rows if several.
    medians.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let base = medians.iter().find(|(_, m, _)| (*m - 1.0).abs() < 1e-9)?.0.clone();
    let base_usd = per_usd(&base);
    // Log-distance of each reading from the rough table, over the currencies both know.
    let (mut per_base, mut base_per, mut compared) = (0.0, 0.0, 0);
    for (code, rate, _) in medians.iter().filter(|(c, _, _)| *c != base) {
        let (Some(b), Some(c)) = (base_usd, per_usd(code)) else { continue };
        let expected = c / b; // units of `code` per unit of base
                              // Near parity (within 1.6×) a currency cannot tell the two readings apart.
        if (expected.ln()).abs() < 0.47 {
            continue;
        }
        per_base += (rate.ln() - expected.ln()).abs();
        base_per += (rate.ln() + expected.ln()).abs();
        compared += 1;
    }
    let (direction, decided) = if compared == 0 {
        (RateDirection::PerBase, false)
    } else if base_per < per_base {
        (RateDirection::BasePer, true)
    } else {
        (RateDirection::PerBase, true)
    };
    Some(RateReading { base, direction, decided })
}

/// Convert cents with a row's rate.
pub fn convert(cents: i64, rate: f64, direction: RateDirection) -> Option<i64> {
    if !(rate.is_finite() && rate > 0.0) {
        return None;
    }
    let value = match direction {
        RateDirection::PerBase => cents as f64 / rate,
        RateDirection::BasePer => cents as f64 * rate,
    };
    value.is_finite().then(|| value.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_that_name_their_currency() {
        assert_eq!(currency_in_header("amount_usd"), Some("USD"));
        assert_eq!(currency_in_header("Deal Value (EUR)"), Some("EUR"));
        assert_eq!(currency_in_header("Montant €"), Some("EUR"));
        assert_eq!(currency_in_header("Amount"), None);
        assert_eq!(currency_in_header("Sum total"), None);
    }

    #[test]
    fn names_and_aliases_become_codes() {
        assert_eq!(currency_code("US Dollar").as_deref(), Some("USD"));
        assert_eq!(currency_code("eur").as_deref(), Some("EUR"));
        assert_eq!(currency_code("RMB").as_deref(), Some("CNY"));
        assert_eq!(currency_code("Dollars and more"), None);
    }

    #[test]
    fn the_direction_is_read_from_a_currency_far_from_parity() {
        let rows = [("EUR", 1.0), ("EUR", 1.0), ("USD", 1.13), ("USD", 1.10), ("RMB", 7.66)];
        let r = read_rates(rows.into_iter()).unwrap();
        assert_eq!((r.base.as_str(), r.direction, r.decided), ("EUR", RateDirection::PerBase, true));
        let rows = [("EUR", 1.0), ("USD", 0.88), ("CNY", 0.13)];
        let r = read_rates(rows.into_iter()).unwrap();
        assert_eq!((r.direction, r.decided), (RateDirection::BasePer, true));
        let rows = [("EUR", 1.0), ("USD", 1.13)];
        let r = read_rates(rows.into_iter()).unwrap();
        assert_eq!((r.direction, r.decided), (RateDirection::PerBase, false), "near parity: assumed");
        assert!(read_rates([("USD", 1.1), ("EUR", 0.9)].into_iter()).is_none(), "no base");
    }
}
