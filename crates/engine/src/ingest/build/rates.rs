//! Money in several currencies: the reporting currency, and per-row
//! exchange rates (`CurrencyRate`, `Exchange Rate`) read with the base and
//! direction the rates themselves show (`ingest::currency`).

use super::{at, most_common, Builder};
use crate::ingest::csv_reader::Table;
use crate::ingest::currency::{currency_code, currency_in_header, read_rates, RateDirection, RateReading};
use crate::ingest::roles::Mapping;

/// An exchange rate: a plain decimal number (point or comma), never rounded to cents.
pub(super) fn parse_rate(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = if t.contains('.') { t.replace(',', "") } else { t.replace(',', ".") };
    t.parse::<f64>().ok().filter(|r| r.is_finite() && *r > 0.0)
}

impl Builder<'_> {
    /// Set the reporting currency (the user's choice, else the base of a
    /// rate column, else the most common code) and read the file's per-row
    /// rates, saying in the report how they are applied. The rates are
    /// returned when they convert to the reporting currency.
    pub(super) fn row_rates(&mut self, table: &Table, m: &Mapping) -> Option<RateReading> {
        let column = m.column("currency").map(|c| table.rows().filter_map(move |(_, row)| row.get(c)));
        // A per-row rate column names the base: the currency whose rows carry 1.
        let rates: Option<RateReading> = m.column("currency_rate").and_then(|rc| {
            let cc = m.column("currency")?;
            read_rates(table.rows().filter_map(|(_, row)| {
                let code = at(row, Some(cc))?;
                let rate = parse_rate(at(row, Some(rc))?)?;
                Some((code, rate))
            }))
        });
        self.data.currency = self
            .options
            .reporting_currency
            .as_deref()
            .map(|c| currency_code(c).unwrap_or_else(|| c.to_uppercase()))
            .or_else(|| rates.as_ref().map(|r| r.base.clone()))
            .or_else(|| {
                // With no currency column, a header such as `amount_usd` names it.
                let amount = m.column("amount").filter(|_| m.column("currency").is_none())?;
                currency_in_header(&table.headers[amount]).map(String::from)
            })
            .unwrap_or_else(|| column.map(most_common).unwrap_or_else(|| "USD".into()));
        self.quality.currency_assumed = self.options.reporting_currency.is_none()
            && m.column("currency").is_none()
            && m.column("amount").and_then(|a| currency_in_header(&table.headers[a])).is_none();
        let mut rates = rates.filter(|r| r.base == self.data.currency);
        if let (Some(r), Some(chosen)) = (rates.as_mut(), self.options.rate_direction) {
            r.direction = chosen;
            r.decided = true;
        }
        self.quality.rate_direction = rates.as_ref().map(|r| r.direction);
        if let (Some(r), Some(rc)) = (&rates, m.column("currency_rate")) {
            let header = &table.headers[rc];
            let how = match r.direction {
                RateDirection::PerBase => {
                    format!("units of the deal's currency per {}: amounts divided by it", r.base)
                }
                RateDirection::BasePer => {
                    format!("{} per unit of the deal's currency: amounts multiplied by it", r.base)
                }
            };
            let basis = if self.options.rate_direction.is_some() {
                "as chosen in this report"
            } else if r.decided {
                "read from the rates themselves"
            } else {
                "assumed: the currencies are too near parity to tell; if the totals look wrong, read the rates the other way round in this report"
            };
            self.quality.assumptions.push(format!(
                "Deals in other currencies are converted to {} with each row's own rate in “{header}” ({how}; {basis}).",
                r.base
            ));
        }
        rates
    }
}
