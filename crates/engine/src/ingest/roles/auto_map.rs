//! Auto-mapping: every (role, column) pair scored by its header and its
//! values; unnamed columns get roles from their values alone.

use super::{roles_of, FileKind, Mapping, RoleSpec, ValueKind};
use crate::ingest::csv_reader::{normalise_header, Table};
use crate::ingest::values::{parse_bool, parse_date, DateOrder};

/// Header prefixes of HubSpot's per-stage tracking columns.
const STAGE_TRACKING_PREFIXES: &[&str] =
    &["date entered", "date exited", "cumulative time in", "latest time in", "time in "];

/// How well a header names a role: 1 for the role id itself, 0.95 for a
/// synonym, 0.9 for a Salesforce custom field naming a partner, 0.6 when a
/// synonym is part of the header, 0 otherwise. Export prefixes such as
/// Pipedrive's `Deal - ` and Salesforce's `Opportunity.` are ignored.
fn header_score(header: &str, spec: &RoleSpec) -> f64 {
    let lower = header.trim().to_lowercase();
    // HubSpot's stage-tracking properties (`Date entered "Closed won (Sales
    // Pipeline)"`, `Cumulative time in …`) name a stage, not a role: they
    // feed the stage history (spec §7a), never "won" or "close date".
    if STAGE_TRACKING_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return 0.0;
    }
    let bare = ["deal - ", "opportunity - ", "opportunity.", "deal.", "organization - ", "property_", "properties."]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .map_or(header.trim(), |rest| &header.trim()[header.trim().len() - rest.len()..]);
    if bare.len() < header.trim().len() {
        return header_score(bare, spec).max(score(header, spec));
    }
    if spec.id == "sourcing_partner" && lower.ends_with("__c") {
        let name = lower.trim_end_matches("__c");
        let partnerish = ["partner", "reseller", "referral", "channel"].iter().any(|w| name.contains(w));
        let other_role = ["type", "tier", "role", "level", "status", "program"].iter().any(|w| name.contains(w));
        if partnerish && !other_role {
            // A field named for the partner beats a channel or referral field
            // (which often says "Direct"/"Indirect" rather than who).
            return if name.contains("partner") || name.contains("reseller") { 0.9 } else { 0.85 };
        }
    }
    score(header, spec)
}

fn score(header: &str, spec: &RoleSpec) -> f64 {
    let h = normalise_header(header);
    if h.is_empty() {
        return 0.0;
    }
    if h == normalise_header(spec.id) {
        return 1.0;
    }
    let synonyms = spec.synonyms.iter().map(|s| normalise_header(s));
    if synonyms.clone().any(|s| s == h) {
        return 0.95;
    }
    if spec.multi && (h.starts_with("partner") && h.trim_start_matches("partner").parse::<u32>().is_ok()) {
        return 0.95;
    }
    // "date" names the close date only as a whole header: inside a header
    // ("Last Activity Date") it says nothing about the role.
    if synonyms.filter(|s| s.len() >= 4 && s != "date").any(|s| h.contains(&s)) {
        return 0.6;
    }
    0.0
}

/// Share of a column's non-blank values (first 500 rows) that fit a value kind.
fn plausibility(table: &Table, column: usize, kind: ValueKind) -> f64 {
    let values: Vec<&str> = (0..table.len().min(500))
        .filter_map(|i| table.row(i).get(column))
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return if kind == ValueKind::Text { 1.0 } else { 0.6 };
    }
    let fits = |v: &&str| match kind {
        ValueKind::Text => true,
        ValueKind::Amount => {
            crate::ingest::values::parse_amount(v, crate::ingest::values::DecimalMark::Point).is_some()
                || crate::ingest::values::parse_amount(v, crate::ingest::values::DecimalMark::Comma).is_some()
        }
        ValueKind::Date => {
            parse_date(v, DateOrder::MonthFirst).is_some() || parse_date(v, DateOrder::DayFirst).is_some()
        }
        ValueKind::Bool => parse_bool(v).is_some(),
    };
    values.iter().filter(|v| fits(v)).count() as f64 / values.len() as f64
}

/// Propose a mapping: every (role, column) pair is scored by header and
/// values; the best pairs are taken first, each column used once (multi
/// roles take every column that names them).
pub fn auto_map(table: &Table, kind: FileKind) -> Mapping {
    let specs = roles_of(kind);
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new(); // (score, role index, column)
    for (r, spec) in specs.iter().enumerate() {
        for (c, header) in table.headers.iter().enumerate() {
            let h = header_score(header, spec);
            if h > 0.0 {
                let fit = plausibility(table, c, spec.kind);
                // A named column keeps its role even when some values do not
                // fit (those rows are reported), but with less confidence.
                // The spec's own column name is trusted as is: bad values
                // there are row problems, reported with row and column.
                let score = if spec.kind == ValueKind::Text || h == 1.0 { h } else { h * (0.5 + 0.5 * fit) };
                // A header that only contains a synonym ("… Closed Won …")
                // over values of another kind is not that role.
                let score = if h < 0.95 && spec.kind != ValueKind::Text && fit < 0.5 { 0.0 } else { score };
                candidates.push((score, r, c));
            }
        }
    }
    // Highest score first; ties to the earlier role, then the earlier column.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut mapping = Mapping::default();
    let mut used = vec![false; table.headers.len()];
    for (score, r, c) in candidates {
        let spec = &specs[r];
        if used[c] || score < 0.3 || (!spec.multi && mapping.columns.contains_key(spec.id)) {
            continue;
        }
        used[c] = true;
        mapping.columns.entry(spec.id).or_default().push(c);
        let conf = mapping.confidence.entry(spec.id).or_insert(score);
        *conf = conf.min(score);
    }
    for cols in mapping.columns.values_mut() {
        cols.sort_unstable();
    }
    sniff_values(table, kind, &mut mapping, &mut used);
    // No id column: a deal-name column can stand in, but the user should confirm.
    if kind == FileKind::Deals && mapping.column("deal_id").is_none() {
        if let Some(c) = mapping.column("deal_name") {
            mapping.columns.insert("deal_id", vec![c]);
            mapping.confidence.insert("deal_id", 0.7);
        }
    }
    mapping
}

/// Confidence of a role proposed from values alone (the panel asks to confirm).
pub(super) const SNIFFED: f64 = 0.4;

/// Fill required roles that no header named from the values of unused
/// columns: amounts, dates (the earlier column is the created date), ids
/// (unique values) and stages (won/lost words).
fn sniff_values(table: &Table, kind: FileKind, mapping: &mut Mapping, used: &mut [bool]) {
    if kind != FileKind::Deals {
        return;
    }
    let sample = table.len().min(500);
    let values =
        |c: usize| (0..sample).filter_map(move |i| table.row(i).get(c)).map(|v| v.trim()).filter(|v| !v.is_empty());
    let free = |used: &[bool]| (0..table.headers.len()).filter(|&c| !used[c]).collect::<Vec<_>>();
    let take = |mapping: &mut Mapping, used: &mut [bool], role: &'static str, c: usize| {
        used[c] = true;
        mapping.columns.insert(role, vec![c]);
        mapping.confidence.insert(role, SNIFFED);
    };
    if mapping.column("amount").is_none() {
        if let Some(c) = free(used)
            .into_iter()
            .find(|&c| values(c).next().is_some() && plausibility(table, c, ValueKind::Amount) >= 0.95)
        {
            take(mapping, used, "amount", c);
        }
    }
    let date_columns: Vec<usize> = free(used)
        .into_iter()
        .filter(|&c| {
            values(c).any(|v| !v.chars().all(|ch| ch.is_ascii_digit()))
                && plausibility(table, c, ValueKind::Date) >= 0.95
        })
        .collect();
    let mean_day = |c: usize| {
        let days: Vec<i32> = values(c)
            .filter_map(|v| parse_date(v, DateOrder::MonthFirst).or_else(|| parse_date(v, DateOrder::DayFirst)))
            .map(|d| d.0)
            .collect();
        days.iter().map(|&d| f64::from(d)).sum::<f64>() / days.len().max(1) as f64
    };
    let mut dates = date_columns;
    dates.sort_by(|&a, &b| mean_day(a).total_cmp(&mean_day(b)));
    let mut dates = dates.into_iter();
    if mapping.column("created_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "created_date", c);
        }
    }
    if mapping.column("close_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "close_date", c);
        }
    }
    if mapping.column("stage").is_none() && mapping.column("is_won").is_none() {
        let stage_like = |c: usize| values(c).any(|v| crate::ingest::values::stage_outcome(v).0);
        if let Some(c) = free(used).into_iter().find(|&c| stage_like(c)) {
            take(mapping, used, "stage", c);
        }
    }
    if mapping.column("deal_id").is_none() {
        let unique = |c: usize| {
            let mut v: Vec<&str> = values(c).collect();
            let n = v.len();
            v.sort_unstable();
            v.dedup();
            n > 0 && v.len() == n
        };
        if let Some(c) = free(used).into_iter().find(|&c| unique(c)) {
            take(mapping, used, "deal_id", c);
        }
    }
}
