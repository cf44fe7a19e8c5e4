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

use super::deal_id::{id_evidence, thousands, SameDeal};
use super::header::{header_match, says_id, HeaderMatch};
use super::profile::{ColumnProfile, Profiles};
use super::{roles_of, FileKind, Mapping, RoleSpec, ValueKind};
use crate::ingest::csv_reader::Table;

/// Confidence of a role proposed from values alone (the panel asks to confirm).
pub(super) const SNIFFED: f64 = 0.4;

/// Amount synonyms that name a weighted or expected figure (amount ×
/// probability): taken only when no column names the deal's value.
const LAST_RESORT_AMOUNTS: &[&str] = &[
    "expected revenue",
    "expected amount",
    "weighted amount",
    "weighted revenue",
    "forecast amount",
    "prorated revenue",
];

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
                } else if LAST_RESORT_AMOUNTS.contains(&spec.synonyms[m.synonym.min(spec.synonyms.len() - 1)]) {
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

/// Choose the deal id among the columns still free, by their values over
/// the whole file (see `deal_id`). Without one, rows are numbered (spec §1)
/// and the reason says why each candidate was passed over.
fn choose_deal_id(table: &Table, profiles: &Profiles, mapping: &mut Mapping, used: &[bool]) {
    let spec = roles_of(FileKind::Deals).iter().find(|r| r.id == "deal_id").copied();
    let Some(spec) = spec else { return };
    let same = SameDeal {
        amount: mapping.column("amount"),
        facts: [
            mapping.column("created_date"),
            mapping.column("close_date"),
            mapping.column("stage"),
            mapping.column("is_won"),
            mapping.column("is_closed"),
        ],
    };
    // Candidates: free columns whose header names the id, strongest first.
    let mut named: Vec<(f64, usize)> = table
        .headers
        .iter()
        .enumerate()
        .filter(|&(c, _)| !used[c])
        .filter_map(|(c, h)| {
            let strength = header_match(h, &spec).map(|m| m.score).unwrap_or(0.0);
            let strength = if says_id(h) { strength.max(0.7) } else { strength };
            // A row's or a line's own number identifies the row, not the deal.
            let words = super::header::header_words(h);
            let row_level = words.iter().any(|w| matches!(w.as_str(), "row" | "line" | "index" | "item" | "lineitem"));
            let strength = if row_level && strength < 0.95 { 0.3 } else { strength };
            (strength > 0.0).then_some((strength, c))
        })
        .collect();
    named.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut passed_over: Vec<String> = Vec::new();
    for &(strength, c) in named.iter().take(6) {
        let p = &profiles.columns[c];
        let header = &table.headers[c];
        if p.fill_share() < 0.5 && strength < 1.0 {
            passed_over.push(format!("“{header}” is mostly blank"));
            continue;
        }
        if p.real_date_fit() >= 0.9 || (p.amount_fit >= 0.9 && p.digits_only < 0.5) {
            passed_over.push(format!("“{header}” holds dates or amounts"));
            continue;
        }
        let e = id_evidence(table, c, &same);
        // The spec's own column name is the id whatever its repeats (§1:
        // the first row wins, reported); a synonym may repeat on a tenth of
        // the rows, a column that only says "id" on one in a hundred.
        let allowed = if strength >= 1.0 {
            1.0
        } else if strength >= 0.95 {
            0.10
        } else {
            0.01
        };
        if e.conflict_share() > allowed {
            passed_over.push(format!(
                "“{header}” repeats on {} of {} rows with other dates or outcome: a name, not an id",
                thousands(e.conflicts),
                thousands(e.filled)
            ));
            continue;
        }
        let confidence = match (e.unique(), e.conflicts) {
            (true, _) if strength < 0.7 => 0.6,
            (true, _) => strength.max(0.9),
            (false, 0) => strength.clamp(0.85, 0.95),
            _ if strength >= 0.95 => 0.85,
            _ => 0.8,
        };
        let says = if strength >= 0.95 { "header says deal id" } else { "header says id" };
        mapping.columns.insert("deal_id", vec![c]);
        mapping.confidence.insert("deal_id", confidence);
        mapping.reasons.insert("deal_id", format!("“{header}”: {}; {says}", e.describe()));
        return;
    }
    // No named id: a unique deal name can stand in (the panel asks to confirm).
    if let Some(c) = mapping.column("deal_name") {
        let e = id_evidence(table, c, &same);
        if e.unique() && profiles.columns[c].fill_share() >= 0.99 {
            mapping.columns.insert("deal_id", vec![c]);
            mapping.confidence.insert("deal_id", 0.6);
            mapping.reasons.insert(
                "deal_id",
                format!("no id column; the deal name “{}” is unique in {} rows", table.headers[c], thousands(e.filled)),
            );
            return;
        }
        passed_over.push(format!("the deal name “{}” repeats", table.headers[c]));
    }
    // A file whose headers say nothing (no header row): a free column of
    // unique values that are neither dates nor amounts, to be confirmed.
    let unique_text = (0..table.headers.len()).find(|&c| {
        let p = &profiles.columns[c];
        !used[c]
            && p.filled > 0
            && p.fill_share() >= 0.99
            && p.distinct == p.filled
            && p.real_date_fit() < 0.5
            && p.amount_fit < 0.5
    });
    if let Some(c) = unique_text {
        let e = id_evidence(table, c, &same);
        if e.unique() {
            mapping.columns.insert("deal_id", vec![c]);
            mapping.confidence.insert("deal_id", SNIFFED);
            mapping.reasons.insert(
                "deal_id",
                format!("guessed from the values of “{}”: unique in {} rows", table.headers[c], thousands(e.filled)),
            );
            return;
        }
    }
    let why = if passed_over.is_empty() { String::new() } else { format!(" ({})", passed_over.join("; ")) };
    mapping
        .reasons
        .insert("deal_id", format!("no column qualifies as the deal id{why}: each row is a deal, numbered from 1"));
}

/// Fill required roles that no header named from the values of unused
/// columns: amounts, dates (the earlier column is the created date) and
/// stages (won/lost words). Each is proposed at [`SNIFFED`] confidence.
fn sniff_values(table: &Table, profiles: &Profiles, mapping: &mut Mapping, used: &mut [bool]) {
    let free = |used: &[bool]| (0..table.headers.len()).filter(|&c| !used[c]).collect::<Vec<_>>();
    let take = |mapping: &mut Mapping, used: &mut [bool], role: &'static str, c: usize, why: String| {
        used[c] = true;
        mapping.columns.insert(role, vec![c]);
        mapping.confidence.insert(role, SNIFFED);
        mapping.reasons.insert(role, format!("guessed from the values of “{}”: {why}", table.headers[c]));
    };
    let p = |c: usize| &profiles.columns[c];
    if mapping.column("amount").is_none() {
        // Numbers in a column not named as an id, and not dates; the larger figure first.
        let mut amounts: Vec<usize> = free(used)
            .into_iter()
            .filter(|&c| {
                let id_like = p(c).distinct == p(c).filled && p(c).increasing >= 0.9 && p(c).money_written < 0.5;
                p(c).filled > 0
                    && p(c).amount_fit >= 0.95
                    && p(c).real_date_fit() < 0.5
                    && !says_id(&table.headers[c])
                    && !id_like
            })
            .collect();
        // Money written as money (decimals, a currency mark) first, then the larger figure.
        amounts.sort_by(|&a, &b| {
            let written = |c: usize| p(c).money_written >= 0.5;
            written(b).cmp(&written(a)).then(p(b).median_amount.total_cmp(&p(a).median_amount)).then(a.cmp(&b))
        });
        if let Some(&c) = amounts.first() {
            take(mapping, used, "amount", c, "numbers in every sampled row".into());
        }
    }
    let mut dates: Vec<usize> =
        free(used).into_iter().filter(|&c| p(c).filled > 0 && p(c).real_date_fit() >= 0.95).collect();
    let mean_day = |c: usize| {
        use crate::ingest::values::{parse_date, DateOrder};
        let days: Vec<i32> = super::profile::sample_rows(table.len())
            .filter_map(|i| table.row(i).get(c))
            .filter_map(|v| parse_date(v, DateOrder::MonthFirst).or_else(|| parse_date(v, DateOrder::DayFirst)))
            .map(|d| d.0)
            .collect();
        days.iter().map(|&d| f64::from(d)).sum::<f64>() / days.len().max(1) as f64
    };
    dates.sort_by(|&a, &b| mean_day(a).total_cmp(&mean_day(b)));
    let mut dates = dates.into_iter();
    if mapping.column("created_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "created_date", c, "dates, the earliest of the date columns".into());
        }
    }
    if mapping.column("close_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "close_date", c, "dates, later than the created dates".into());
        }
    }
    if mapping.column("stage").is_none() && mapping.column("is_won").is_none() {
        let best = free(used)
            .into_iter()
            .filter(|&c| p(c).won_lost > 0 && p(c).stage_recognised() >= 0.5)
            .max_by(|&a, &b| p(a).won_lost_share().total_cmp(&p(b).won_lost_share()).then(b.cmp(&a)));
        if let Some(c) = best {
            let labels = p(c).top_labels.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
            take(mapping, used, "stage", c, format!("labels {labels}… say won or lost"));
        }
    }
}
