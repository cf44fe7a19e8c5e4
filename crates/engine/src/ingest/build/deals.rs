//! Deal rows: amounts, dates, outcome, partners, repeated ids.

use super::deal_partners::PartnerColumns;
use super::outcome::OutcomeColumns;
use super::rates::parse_rate;
use super::repeats::Repeats;
use super::{at, problem, Builder, RowProblem};
use crate::dataset::{Deal, Sym};
use crate::error::IngestError;
use crate::hash::{FastMap, FastSet};
use crate::ingest::partners::count_spellings;
use crate::ingest::quality::StageLabel;
use crate::ingest::records::Row;
use crate::ingest::roles::Mapping;
use crate::ingest::values::{infer_date_order, infer_decimal_mark, parse_amount, parse_date, DateOrder, DecimalMark};
use crate::ingest::ParsedFile;
use crate::journey::is_partner_lead_source;

/// Where a row is: its line in the file and its 1-based data row number.
#[derive(Clone, Copy)]
struct RowPlace {
    line: u64,
    number: u64,
}

/// A deal file's mapping resolved once: the column of each role, so a
/// row's cells are read by index, never by looking a role up by name.
struct DealColumns {
    deal_id: Option<usize>,
    amount: Option<usize>,
    actual_amount: Option<usize>,
    currency: Option<usize>,
    currency_rate: Option<usize>,
    created: Option<usize>,
    close: Option<usize>,
    actual_close: Vec<usize>,
    stage: Option<usize>,
    is_won: Option<usize>,
    is_closed: Option<usize>,
    sourcing: Option<usize>,
    influencing: Vec<usize>,
    partner_role: Option<usize>,
    partner_type: Option<usize>,
    deal_type: Option<usize>,
    segment: Option<usize>,
    account: Option<usize>,
    owner: Option<usize>,
    lead_source: Option<usize>,
    term_months: Option<usize>,
    contract_start: Option<usize>,
    contract_end: Option<usize>,
}

impl DealColumns {
    fn of(m: &Mapping) -> DealColumns {
        DealColumns {
            deal_id: m.column("deal_id"),
            amount: m.column("amount"),
            actual_amount: m.column("actual_amount"),
            currency: m.column("currency"),
            currency_rate: m.column("currency_rate"),
            created: m.column("created_date"),
            close: m.column("close_date"),
            actual_close: m.all("actual_close_date").to_vec(),
            stage: m.column("stage"),
            is_won: m.column("is_won"),
            is_closed: m.column("is_closed"),
            sourcing: m.column("sourcing_partner"),
            influencing: m.all("influencing_partners").to_vec(),
            partner_role: m.column("partner_role"),
            partner_type: m.column("partner_type"),
            deal_type: m.column("deal_type"),
            segment: m.column("segment"),
            account: m.column("account"),
            owner: m.column("owner"),
            lead_source: m.column("lead_source"),
            term_months: m.column("term_months"),
            contract_start: m.column("contract_start"),
            contract_end: m.column("contract_end"),
        }
    }
}

/// What the rows of a deal file did besides being copied, counted while
/// building and reported at the end.
#[derive(Default)]
struct DealTally {
    /// Won deals whose amount came from the actual-amount column.
    actual_amounts: usize,
    /// Closed deals whose close date came from an actual-close column.
    actual_closes: usize,
    /// Closed deals with no actual close date, using the expected one.
    expected_closes: usize,
    /// Rows converted with their own exchange rate.
    row_rates: usize,
    /// Rows that repeated a deal id.
    repeats: Repeats,
    /// The partners listed so far on each deal that rows were merged into.
    partners_of: FastMap<usize, FastSet<Sym>>,
    /// Rows whose stage label and won flag disagree (the flag decides).
    flag_disagrees: usize,
    /// Unknown stage labels on deals a closed flag marks closed (counted as lost).
    unknown_closed: BTreeMap<String, usize>,
}

/// The key of deals a partner brought in when the file names no partner.
pub const UNNAMED_PARTNER: &str = "(partner, unnamed)";
use crate::ingest::currency::{convert, currency_code, RateReading};
use std::collections::BTreeMap;

impl Builder<'_> {
    pub(in crate::ingest) fn deals(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let table = &file.table;
        self.quality.no_partner_column =
            m.column("sourcing_partner").is_none() && m.all("influencing_partners").is_empty();
        let column_values = |role: &str| {
            let c = m.column(role);
            (0..table.len()).filter_map(move |i| c.and_then(|c| table.row(i).get(c)))
        };
        let semicolon_file = file.report.delimiter == b';';
        let mark = match self.options.decimal_mark {
            Some(mark) => mark,
            None => {
                let default = if semicolon_file { DecimalMark::Comma } else { DecimalMark::Point };
                let inferred = infer_decimal_mark(column_values("amount"), default);
                if inferred.is_assumed() {
                    self.quality.assumptions.push(format!(
                        "Amounts such as 1,234 could use either decimal mark; read with \"{}\" as the decimal mark (change it in the mapping panel).",
                        if inferred.value() == DecimalMark::Point { "." } else { "," }
                    ));
                }
                inferred.value()
            }
        };
        self.date_order = match self.options.date_order {
            Some(order) => order,
            None => {
                let default = if semicolon_file { DateOrder::DayFirst } else { DateOrder::MonthFirst };
                let inferred =
                    infer_date_order(column_values("created_date").chain(column_values("close_date")), default);
                if inferred.is_assumed() {
                    self.quality.assumptions.push(format!(
                        "Dates such as 03/04/2025 could be day or month first; read as {} (change it in the mapping panel).",
                        if inferred.value() == DateOrder::MonthFirst { "month/day/year" } else { "day/month/year" }
                    ));
                }
                inferred.value()
            }
        };
        // Partner names: commas separate names only when no name is known to contain one.
        // Each distinct influencing cell once, in the order first seen, with
        // how often it occurs: a CRM column repeats a few hundred partner
        // combinations, so each is split once, not once per row.
        let mut distinct_cells: Vec<(&str, usize)> = Vec::new();
        let mut cell_at: FastMap<&str, usize> = FastMap::default();
        for &c in m.all("influencing_partners") {
            for v in table.rows().filter_map(|(_, row)| row.get(c)) {
                match cell_at.get(v) {
                    Some(&i) => distinct_cells[i].1 += 1,
                    None => {
                        cell_at.insert(v, distinct_cells.len());
                        distinct_cells.push((v, 1));
                    }
                }
            }
        }
        drop(cell_at);
        let sourcing = column_values("sourcing_partner").map(|s| (s, 1));
        self.commas_split = count_spellings(&mut self.names, sourcing, &distinct_cells);
        let rates = self.row_rates(table, m);
        let mut unknown_stages: BTreeMap<String, usize> = BTreeMap::new();
        let mut stage_rows: FastMap<String, usize> = FastMap::default();
        let mut missing_rates: BTreeMap<String, usize> = BTreeMap::new();
        self.quality.no_deal_id_column = m.column("deal_id").is_none();
        self.quality.no_created_column = m.column("created_date").is_none();
        self.state_codes = m.column("stage").is_some_and(|c| {
            crate::ingest::roles::header::is_dynamics_state_code(&table.headers[c], column_values("stage"))
        });
        let columns = DealColumns::of(m);
        let mut tally = DealTally::default();
        self.data.deals.reserve(table.len());
        self.influencers.reserve(table.len());
        self.data.strings.reserve(table.len());
        for (number, (line, row)) in table.rows().enumerate() {
            let place = RowPlace { line, number: number as u64 + 1 };
            if let Some(stage) = at(row, columns.stage) {
                match stage_rows.get_mut(stage) {
                    Some(n) => *n += 1,
                    None => {
                        stage_rows.insert(stage.to_string(), 1);
                    }
                }
            }
            match self.deal_row(
                &columns,
                row,
                place,
                mark,
                rates.as_ref(),
                &mut tally,
                &mut unknown_stages,
                &mut missing_rates,
            ) {
                Ok(()) => {}
                Err(p) => self.skip(file, line, row, p),
            }
        }
        if self.data.deals.is_empty() && !table.is_empty() && missing_rates.is_empty() {
            return Err(self.nothing_read(file));
        }
        self.settle_repeats(&mut tally.repeats, file);
        self.quality.unknown_closed_stages = std::mem::take(&mut tally.unknown_closed).into_iter().collect();
        self.report_tally(&tally, table, m);
        let unnamed = self.data.strings.get(UNNAMED_PARTNER);
        self.quality.unnamed_partner_deals =
            self.data.deals.iter().filter(|d| unnamed.is_some() && d.sourcing == unnamed).count();
        let mut unknown: Vec<(String, usize)> = unknown_stages.into_iter().collect();
        unknown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        unknown.truncate(crate::ingest::quality::MAX_STAGE_LABELS);
        self.quality.unknown_stages = unknown;
        let mut labels: Vec<StageLabel> = stage_rows
            .into_iter()
            .map(|(label, rows)| {
                let ((closed, won), unknown) = self.classify_stage(&label);
                StageLabel { label, rows, closed, won, unknown }
            })
            .collect();
        labels.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.label.cmp(&b.label)));
        // The editor lists the most frequent labels (a file of a million
        // distinct "stages" is not a pipeline; the rest are counted).
        self.quality.stage_labels_total = labels.len();
        labels.truncate(crate::ingest::quality::MAX_STAGE_LABELS);
        self.quality.stage_labels = labels;
        // The currencies with the most deals waiting, the rest counted: a
        // column of 300,000 codes is not 300,000 rate fields.
        let mut missing: Vec<(String, usize)> = missing_rates.into_iter().collect();
        missing.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let kept = missing.len().min(crate::ingest::quality::MAX_MISSING_RATES);
        self.quality.more_missing_rates = (missing.len() - kept, missing[kept..].iter().map(|(_, n)| n).sum());
        missing.truncate(kept);
        self.quality.missing_rates = missing;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn deal_row(
        &mut self,
        c: &DealColumns,
        row: Row<'_>,
        place: RowPlace,
        mark: DecimalMark,
        rates: Option<&RateReading>,
        tally: &mut DealTally,
        unknown_stages: &mut BTreeMap<String, usize>,
        missing_rates: &mut BTreeMap<String, usize>,
    ) -> Result<(), RowProblem> {
        let line = place.line;
        // Spec §1: without a deal id column, the 1-based data row number is the id.
        let numbered;
        let id_text = if c.deal_id.is_none() {
            numbered = place.number.to_string();
            numbered.as_str()
        } else {
            at(row, c.deal_id).ok_or_else(|| {
                problem("deal_id", "blank deal id", "the deal id is blank; every deal needs a unique id")
            })?
        };
        let partner_columns =
            PartnerColumns { sourcing: c.sourcing, influencing: &c.influencing, partner_role: c.partner_role };
        let (mut sourcing, influencing) = self.row_partners(row, partner_columns);
        if self.quality.no_partner_column && !self.options.ignore_partner_lead_source {
            // Spec §1: with no partner column, a partner lead source makes the
            // unnamed-partner key the sourcing partner.
            if at(row, c.lead_source).is_some_and(is_partner_lead_source) {
                sourcing = Some(self.data.strings.intern(UNNAMED_PARTNER));
            }
        }
        let outcome_columns = OutcomeColumns { stage: c.stage, is_won: c.is_won, is_closed: c.is_closed };
        let (closed, won, unknown_stage) = self.outcome(row, outcome_columns, &mut tally.flag_disagrees)?;
        // Won deals use the actual amount where the file has one beside the estimate.
        let actual_amount = if won { at(row, c.actual_amount).and_then(|t| parse_amount(t, mark)) } else { None };
        let amount_text = at(row, c.amount);
        // Spec §2: a blank or unreadable amount counts as 0 and is reported.
        let parsed_amount = match actual_amount {
            Some(cents) => Some(Some(cents)),
            None => amount_text.map(|text| parse_amount(text, mark)),
        };
        let amount_cents = parsed_amount.flatten().unwrap_or(0);
        // Most rows are in the reporting currency: that code is compared
        // as it is, without a new string per row.
        let other_currency = at(row, c.currency)
            .filter(|code| !code.trim().eq_ignore_ascii_case(&self.data.currency))
            .map(|code| currency_code(code).unwrap_or_else(|| code.to_uppercase()))
            .filter(|code| *code != self.data.currency);
        let amount_cents = match other_currency {
            Some(code) => {
                let row_rate = rates.and_then(|r| {
                    let rate = parse_rate(at(row, c.currency_rate)?)?;
                    convert(amount_cents, rate, r.direction)
                });
                match (row_rate, self.options.rates.get(&code)) {
                    (Some(cents), _) => {
                        tally.row_rates += 1;
                        cents
                    }
                    (None, Some(rate)) if rate.is_finite() && *rate > 0.0 => {
                        (amount_cents as f64 * rate).round() as i64
                    }
                    _ => {
                        *missing_rates.entry(code).or_default() += 1;
                        return Ok(());
                    }
                }
            }
            _ => amount_cents,
        };
        // Interned only once the row is kept (a row waiting for a rate adds no name).
        let id = self.data.strings.intern(id_text);
        // Spec §2: a deal without a readable created date is kept.
        let created_text = at(row, c.created);
        let created = created_text.and_then(|text| parse_date(text, self.date_order));
        if let Some(stage) = unknown_stage {
            let unknown = if closed { &mut tally.unknown_closed } else { unknown_stages };
            *unknown.entry(stage.to_string()).or_default() += 1;
        }
        // Closed deals use the actual close date where the file has one.
        let actual_close = if closed { c.actual_close.iter().find_map(|&col| at(row, Some(col))) } else { None };
        let close = match actual_close {
            Some(text) => Some(parse_date(text, self.date_order).ok_or_else(|| {
                problem("actual_close_date", "close date is not a date", format!("\"{text}\" is not a date"))
            })?),
            None => match at(row, c.close) {
                Some(text) => Some(parse_date(text, self.date_order).ok_or_else(|| {
                    problem("close_date", "close date is not a date", format!("\"{text}\" is not a date"))
                })?),
                None => None,
            },
        };
        if closed && close.is_none() {
            return Err(problem(
                "close_date",
                "closed without a close date",
                "the deal is closed but has no close date",
            ));
        }
        if let Some(i) = self.deal_index(id) {
            // The same deal again. With the same amount, dates and outcome and a
            // partner, it is a row of a deal–partner report ("Opportunities with
            // Partners"): its partners join the deal. Otherwise it is a
            // duplicate: the first row wins (spec §1) and the line is reported.
            let kept = &self.data.deals[i];
            let first = kept.line;
            let same_facts = (kept.created, kept.close, kept.closed, kept.won) == (created, close, closed, won);
            let same_deal = same_facts && kept.amount_cents == amount_cents;
            let has_partner = sourcing.is_some() || !influencing.is_empty();
            if same_facts && !same_deal {
                // Another line of the same deal (line items), or a duplicate:
                // decided for the whole file in `settle_repeats`.
                tally.repeats.line_items.push((i, amount_cents, line));
                self.data.deals[i].amount_cents += amount_cents;
            } else if !same_facts {
                tally.repeats.conflicts += 1;
            } else if !has_partner {
                tally.repeats.equal_repeats.push((i, amount_cents, line));
            }
            if same_facts && has_partner {
                if self.data.deals[i].sourcing.is_none() {
                    self.data.deals[i].sourcing = sourcing.take();
                }
                let list = &mut self.influencers[i];
                // The partners a deal already lists, kept from one merged row
                // to the next: a deal repeated on 200,000 rows stays linear.
                let seen = tally.partners_of.entry(i).or_insert_with(|| list.iter().copied().collect());
                for p in sourcing.into_iter().chain(influencing) {
                    if self.data.deals[i].sourcing != Some(p) && seen.insert(p) {
                        list.push(p);
                    }
                }
                if same_deal {
                    self.quality.merged_partner_rows.push(line);
                }
            } else if !same_facts || same_deal {
                self.quality.duplicates.push((id_text.to_string(), line, first));
            }
            return Ok(());
        }
        // Reported once per deal, never for the repeated rows above.
        match (amount_text, parsed_amount.flatten()) {
            (None, _) => self.quality.blank_amounts.push(line),
            (Some(text), None) => self.quality.unreadable_amounts.push((line, text.to_string())),
            (Some(_), Some(_)) if amount_cents <= 0 => self.quality.non_positive_amounts.push(line),
            _ => {}
        }
        match created {
            // Without the column it is said once (`no_created_column`), never row by row.
            None if c.created.is_none() => {}
            None => self.quality.missing_created.push((line, created_text.unwrap_or_default().to_string())),
            Some(created) if close.is_some_and(|c| c < created) => self.quality.close_before_create.push(line),
            Some(_) => {}
        }
        let mut opt = |col: Option<usize>| at(row, col).map(|v| self.data.strings.intern(v));
        let deal = Deal {
            id,
            amount_cents,
            created,
            close,
            closed,
            won,
            sourcing,
            influencers: 0..0,
            partner_type: opt(c.partner_type),
            deal_type: opt(c.deal_type),
            segment: opt(c.segment),
            account: opt(c.account),
            owner: opt(c.owner),
            lead_source: opt(c.lead_source),
            term_months: self.term_months(row, c, mark),
            line,
        };
        // Counted per deal kept (a repeated row adds nothing here).
        tally.actual_amounts += usize::from(actual_amount.is_some());
        if closed && !c.actual_close.is_empty() && c.close.is_some() {
            if actual_close.is_some() {
                tally.actual_closes += 1;
            } else {
                tally.expected_closes += 1;
            }
        }
        self.set_deal_index(id, self.data.deals.len());
        self.data.deals.push(deal);
        self.influencers.push(influencing);
        Ok(())
    }

    /// Say in the report where actual figures and row rates were used.
    fn report_tally(&mut self, tally: &DealTally, table: &crate::ingest::csv_reader::Table, m: &Mapping) {
        let header = |role: &str| m.column(role).map(|c| table.headers[c].clone()).unwrap_or_default();
        if m.column("actual_amount").is_some() {
            self.quality.assumptions.push(format!(
                "Won deals use “{}” where it is filled ({} deals); every other deal uses “{}”.",
                header("actual_amount"),
                tally.actual_amounts,
                header("amount")
            ));
        }
        if tally.flag_disagrees > 0 {
            self.quality.assumptions.push(format!(
                "On {} rows the stage (“{}”) and the won flag (“{}”) disagree; the flag decides whether a deal is won (spec §2). Check the stage editor if the labels are right instead.",
                tally.flag_disagrees,
                header("stage"),
                header("is_won")
            ));
        }
        if tally.actual_closes + tally.expected_closes > 0 {
            let actual: Vec<String> = m.all("actual_close_date").iter().map(|&c| table.headers[c].clone()).collect();
            self.quality.assumptions.push(format!(
                "Closed deals use “{}” where it is filled ({} deals); {} closed deals had none and use “{}”.",
                actual.join("” or “"),
                tally.actual_closes,
                tally.expected_closes,
                header("close_date")
            ));
        }
    }

    /// A deal's contract term in months (spec §7b): the term column when it
    /// holds a positive number (text such as "12 months" is read for its
    /// number), else contract start to end in whole months (an end date
    /// that is the day before the anniversary counts as the full month),
    /// at least one; `None` otherwise.
    fn term_months(&self, row: Row<'_>, c: &DealColumns, mark: DecimalMark) -> Option<f32> {
        if let Some(text) = at(row, c.term_months) {
            let text = text.trim();
            let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(text.len());
            let cents = parse_amount(&text[..end], mark)?;
            return (cents > 0).then(|| cents as f32 / 100.0);
        }
        let start = parse_date(at(row, c.contract_start)?, self.date_order)?;
        let end = parse_date(at(row, c.contract_end)?, self.date_order)?;
        let days = end.0 - start.0 + 1;
        (days > 0).then(|| ((f64::from(days) / (365.25 / 12.0)).round() as f32).max(1.0))
    }
}
