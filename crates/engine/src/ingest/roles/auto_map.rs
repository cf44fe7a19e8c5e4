//! Auto-mapping by evidence: every (role, column) pair is scored by its
//! header words *and* its values (`profile`), the best pairs are taken
//! first, and each choice carries a one-line reason for the mapping panel.
//!
//! For a deal file three choices need more than one column's evidence, and
//! are made after the others:
//! - the outcome: of several stage-like columns (Dynamics has `Status`,
//!   `Status Reason` and `Sales Stage`) the one whose labels say won or lost;
//! - the deal id: a column whose values repeat on rows with other dates or
//!   outcome is a name, not an id (`deal_id`), whatever its header says;
//! - estimates and actuals: an actual close date or amount alone is *the*
//!   close date or amount; beside an estimate, closed deals use it.
//!
//! Confidence is what the panel acts on: at least [`super::CONFIDENT`] on
//! the amount, the outcome and the close date shows results with no click.
//! Uncertain optional roles are listed for a "check the columns" bar.

use super::deal_id::{choose_deal_id, thousands};
use super::header::{header_match, HeaderMatch};
use super::profile::{ColumnProfile, Profiles};
use super::sniff::sniff_values;
use super::{roles_of, FileKind, Mapping, RoleSpec, ValueKind};
use crate::ingest::csv_reader::Table;

/// The first amount synonym that names a weighted or expected figure
/// (amount × probability): it and every synonym after it in the catalogue
/// are taken only when no column names the deal's value.
const FIRST_LAST_RESORT_AMOUNT: &str = "expected revenue";

/// Roles that group deals: a column of many different numbers is none of them.
const CATEGORY_ROLES: &[&str] = &["segment", "deal_type", "partner_type", "lead_source", "partner_role", "currency"];

/// Propose a mapping for a table read as `kind`.
pub fn auto_map(table: &Table, kind: FileKind) -> Mapping {
    auto_map_with(table, kind, &Profiles::of(table))
}

/// One scored (role, column) pair.
struct Candidate {
    score: f64,
    /// Lower is preferred at equal score (the synonym's place in the catalogue).
    preference: i64,
    /// Higher is preferred at equal score and preference (amounts: the larger figure).
    tie: f64,
    role: usize,
    column: usize,
    reason: String,
}

/// [`auto_map`] with the columns' profiles already measured.
pub fn auto_map_with(table: &Table, kind: FileKind, profiles: &Profiles) -> Mapping {
    let specs = roles_of(kind);
    let multi_currency = kind == FileKind::Deals && has_several_currencies(table, profiles);
    let mut candidates: Vec<Candidate> = Vec::new();
    for (r, spec) in specs.iter().enumerate() {
        // The deal id is chosen by its values over the whole file, once the
        // columns it is compared on are known (`choose_deal_id`).
        if kind == FileKind::Deals && spec.id == "deal_id" {
            continue;
        }
        for (c, header) in table.headers.iter().enumerate() {
            let Some(m) = header_match(header, spec) else { continue };
            let p = &profiles.columns[c];
            let (mut score, reason) = evidence_score(spec, m, p, header, profiles.rows);
            if score < 0.3 {
                continue;
            }
            let converted = spec.id == "amount" && is_converted(header);
            if spec.id == "amount" {
                if converted && multi_currency {
                    // Several currencies: the figure already in one of them.
                    score = score.max(1.0);
                } else if spec
                    .synonyms
                    .iter()
                    .position(|s| *s == FIRST_LAST_RESORT_AMOUNT)
                    .is_some_and(|i| m.synonym >= i)
                {
                    // A weighted or expected figure only when nothing better exists.
                    score = score.min(0.8);
                }
            }
            let preference = if converted && multi_currency {
                -1000
            } else if spec.id == "amount" {
                m.synonym as i64 + amount_words(header)
            } else {
                m.synonym as i64
            };
            let tie = if spec.kind == ValueKind::Amount { p.median_amount } else { 0.0 };
            candidates.push(Candidate { score, preference, tie, role: r, column: c, reason });
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.preference.cmp(&b.preference))
            .then(b.tie.total_cmp(&a.tie))
            .then(a.role.cmp(&b.role))
            .then(a.column.cmp(&b.column))
    });
    let mut mapping = Mapping::default();
    let mut used = vec![false; table.headers.len()];
    for cand in candidates {
        let spec = &specs[cand.role];
        if used[cand.column] || (!spec.multi && mapping.columns.contains_key(spec.id)) {
            continue;
        }
        used[cand.column] = true;
        mapping.columns.entry(spec.id).or_default().push(cand.column);
        let conf = mapping.confidence.entry(spec.id).or_insert(cand.score);
        *conf = conf.min(cand.score);
        mapping.reasons.entry(spec.id).or_insert(cand.reason);
    }
    for cols in mapping.columns.values_mut() {
        cols.sort_unstable();
    }
    if kind == FileKind::Deals {
        actuals_alone(&mut mapping);
        sniff_values(table, profiles, &mut mapping, &mut used);
        converted_amounts(table, &mut mapping);
        amounts_named_in_a_currency(table, &mut mapping);
        choose_deal_id(table, profiles, &mut mapping, &used);
    }
    mapping
}

/// Whether a header names a figure converted to one currency (Salesforce
/// "Amount (converted)", HubSpot "Amount in company currency", SugarCRM
/// "amount_usdollar").
fn is_converted(header: &str) -> bool {
    let h = header.to_lowercase();
    ["convert", "company currency", "home currency", "corporate currency", "usdollar", "base currency"]
        .iter()
        .any(|w| h.contains(w))
}

/// How a header's other words shift an amount column's preference: the
/// final, net or booked figure before a list, gross, expected or weighted one.
fn amount_words(header: &str) -> i64 {
    let words = super::header::header_words(header);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(&["final", "net", "actual", "booked", "won", "closed", "signed", "converted"]) {
        -100
    } else if has(&[
        "list",
        "gross",
        "expected",
        "weighted",
        "forecast",
        "estimated",
        "est",
        "potential",
        "pipeline",
        "target",
        "max",
        "budget",
    ]) {
        100
    } else {
        0
    }
}

/// How a column's values support a role its header names: the score (0–1)
/// and the reason shown in the panel.
fn evidence_score(spec: &RoleSpec, m: HeaderMatch, p: &ColumnProfile, header: &str, rows: usize) -> (f64, String) {
    let named = format!("header “{header}”");
    let share = |x: f64| format!("{:.0}%", x * 100.0);
    let filled = if p.filled == 0 { ", every sampled row blank".to_string() } else { String::new() };
    match spec.kind {
        ValueKind::Text if spec.id == "stage" => {
            if p.filled == 0 {
                return (m.score * 0.5, format!("{named}{filled}"));
            }
            if super::header::is_dynamics_state_code(header, p.top_labels.iter().map(String::as_str)) {
                return (0.9, format!("{named}: Dynamics 365 state codes (0 open, 1 won, 2 lost)"));
            }
            let recognised = p.stage_recognised();
            let mut score = m.score * (0.5 + 0.5 * recognised) + 0.04 * p.won_lost_share();
            if recognised >= 0.5 && p.won_lost > 0 {
                score = score.max(0.85);
            }
            let labels = p.top_labels.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
            let reason = if p.won_lost > 0 {
                format!("{named}; labels {labels}…: won or lost on {} of sampled rows", share(p.won_lost_share()))
            } else {
                format!("{named}; labels {labels}…: none says won or lost")
            };
            (score.min(1.0), reason)
        }
        ValueKind::Text if spec.id == "currency" => {
            // A column of mostly other words (an invoice's "Sin_Factura") is not the deal's currency.
            let score = if p.filled == 0 {
                m.score * 0.6
            } else if p.currency_fit >= 0.9 {
                m.score.max(0.9)
            } else if p.currency_fit < 0.5 {
                0.0
            } else {
                m.score
            };
            (score, format!("{named}; currency codes in {} of sampled rows", share(p.currency_fit)))
        }
        ValueKind::Text => {
            if CATEGORY_ROLES.contains(&spec.id) && p.is_numeric_measure() {
                return (0.0, String::new());
            }
            (m.score, named)
        }
        ValueKind::Amount | ValueKind::Date | ValueKind::Bool => {
            let (fit, what) = match spec.kind {
                ValueKind::Amount => (p.amount_fit, "numbers"),
                ValueKind::Date if m.score >= 0.95 => (p.date_fit, "dates"),
                ValueKind::Date => (p.real_date_fit(), "dates"),
                _ => (p.bool_fit, "yes/no values"),
            };
            // A compact date column (20190701) reads as numbers too.
            let fit =
                if spec.kind == ValueKind::Amount && p.compact_date_fit >= 0.9 && m.score < 0.95 { 0.0 } else { fit };
            if p.filled == 0 {
                return (m.score * 0.6, format!("{named}{filled}"));
            }
            let score = if m.score >= 1.0 {
                // The spec's own column name is trusted as is: bad values
                // there are row problems, reported with row and column.
                1.0
            } else if m.score >= 0.95 {
                m.score * (0.5 + 0.5 * fit)
            } else if fit >= 0.9 {
                // The header mentions the role and the values fit it.
                0.85
            } else if fit < 0.5 {
                0.0
            } else {
                m.score * fit
            };
            let reason = format!(
                "{named}; {what} in {} of {} sampled rows",
                share(fit),
                thousands(p.sampled.min(rows.max(p.sampled)))
            );
            (score, reason)
        }
    }
}

/// Whether a currency-named column holds two codes or more.
fn has_several_currencies(table: &Table, profiles: &Profiles) -> bool {
    let spec = roles_of(FileKind::Deals).iter().find(|r| r.id == "currency");
    table.headers.iter().enumerate().any(|(c, h)| {
        let p = &profiles.columns[c];
        spec.and_then(|s| header_match(h, s)).is_some() && p.currency_fit >= 0.5 && p.distinct >= 2
    })
}

/// An actual close date (or amount) with no estimate beside it is the close
/// date (or amount) itself.
fn actuals_alone(mapping: &mut Mapping) {
    for (actual, main) in [("actual_close_date", "close_date"), ("actual_amount", "amount")] {
        if mapping.column(main).is_none() {
            if let Some(cols) = mapping.columns.remove(actual) {
                let conf = mapping.confidence.remove(actual).unwrap_or(0.0);
                mapping.columns.insert(main, cols[..1].to_vec());
                mapping.confidence.insert(main, conf);
                if let Some(reason) = mapping.reasons.remove(actual) {
                    mapping.reasons.insert(main, reason);
                }
                if cols.len() > 1 {
                    mapping.columns.insert(actual, cols[1..].to_vec());
                    mapping.confidence.insert(actual, conf);
                }
            }
        }
    }
}

/// Amounts from a converted-amount column (`Amount (converted)`) are in one
/// currency already: the deal's own currency column must not convert them
/// again. A currency column of the converted amount is kept.
fn converted_amounts(table: &Table, mapping: &mut Mapping) {
    let Some(amount) = mapping.column("amount") else { return };
    if !is_converted(&table.headers[amount]) {
        return;
    }
    // The currency of the converted figure, when the file names it.
    let converted_currency = table
        .headers
        .iter()
        .position(|h| is_converted(h) && super::header::header_words(h).iter().any(|w| w == "currency"));
    if let Some(c) = converted_currency {
        mapping.columns.insert("currency", vec![c]);
        mapping.confidence.insert("currency", 0.95);
    }
    let note = format!("amounts from “{}”, already in one currency", table.headers[amount]);
    match mapping.column("currency") {
        Some(c) if !is_converted(&table.headers[c]) => {
            mapping.columns.remove("currency");
            mapping.confidence.remove("currency");
            mapping.reasons.insert("currency", format!("{note}: the deal currency column is not applied"));
        }
        _ => {
            mapping.reasons.insert("currency", note);
        }
    }
}

/// An amount whose header names its currency (`amount_usd`) is in that
/// currency: a currency column beside it (an invoice's, say) is not applied.
fn amounts_named_in_a_currency(table: &Table, mapping: &mut Mapping) {
    let Some(amount) = mapping.column("amount") else { return };
    let Some(code) = crate::ingest::currency::currency_in_header(&table.headers[amount]) else { return };
    if is_converted(&table.headers[amount]) && mapping.column("currency").is_some() {
        return;
    }
    let note = format!("the amount's header “{}” says the amounts are in {code}", table.headers[amount]);
    if mapping.columns.remove("currency").is_some() {
        mapping.confidence.remove("currency");
    }
    mapping.reasons.insert("currency", note);
}
