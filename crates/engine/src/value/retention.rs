//! Retention of partner-involved vs other accounts (spec §7b): gross and
//! net revenue retention over a window, from finance's ARR snapshots.

use super::breakdown::{deal_groups, Breakdown, RosterLookup};
use super::model::Definition;
use crate::dataset::Dataset;
use crate::date::Day;
use crate::export::EOL;
use crate::ingest::arr::{ArrSnapshot, Install};
use crate::ingest::partners::lookalike_key;
use crate::journey::Journeys;
use crate::money::format_cents;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Header of `retention.csv`.
pub const RETENTION_HEADER: &str = "segment,definition,accounts,start_arr,end_arr,grr,nrr";

/// Snapshots count for a date up to this many days either side.
pub const TOLERANCE_DAYS: i32 = 15;

/// One segment's retention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RetentionRow {
    /// Accounts with ARR above 0 at the start.
    pub accounts: u64,
    /// Σ ARR at the start, cents.
    pub start_cents: i64,
    /// Σ ARR at the end, cents.
    pub end_cents: i64,
    /// Σ min(end, start), cents.
    pub kept_cents: i64,
    /// Per account (start, end) in cents, for intervals.
    pub per_account: Vec<(i64, i64)>,
}

impl RetentionRow {
    /// Gross revenue retention (`None` without accounts).
    pub fn grr(&self) -> Option<f64> {
        (self.start_cents > 0).then(|| self.kept_cents as f64 / self.start_cents as f64)
    }

    /// Net revenue retention (`None` without accounts).
    pub fn nrr(&self) -> Option<f64> {
        (self.start_cents > 0).then(|| self.end_cents as f64 / self.start_cents as f64)
    }

    /// 95% interval of GRR, a seeded bootstrap over accounts.
    pub fn grr_interval(&self) -> Option<crate::value::stats::Interval> {
        let pairs: Vec<(f64, f64)> =
            self.per_account.iter().map(|&(start, end)| (end.min(start) as f64, start as f64)).collect();
        crate::value::stats::bootstrap_ratio(&pairs, 0x6772_7200)
    }

    /// 95% interval of NRR, a seeded bootstrap over accounts.
    pub fn nrr_interval(&self) -> Option<crate::value::stats::Interval> {
        let pairs: Vec<(f64, f64)> = self.per_account.iter().map(|&(start, end)| (end as f64, start as f64)).collect();
        crate::value::stats::bootstrap_ratio(&pairs, 0x6e72_7200)
    }
}

/// Retention of both segments over one window.
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    /// `any_partner` (deals decide) or `integration` (installs decide).
    pub definition: &'static str,
    /// Window start.
    pub t0: Day,
    /// Window end.
    pub t1: Day,
    /// Partner-involved accounts.
    pub partner: RetentionRow,
    /// All other accounts.
    pub direct: RetentionRow,
    /// The breakdown of the partner-involved accounts in [`Retention::groups`].
    pub breakdown: Breakdown,
    /// Partner-involved accounts per group (an account in several groups
    /// counts in each), largest starting ARR first; empty without a breakdown.
    pub groups: Vec<(String, RetentionRow)>,
    /// Partner-involved accounts by the quarter of their first involvement
    /// (first won partner-involved deal, or first install), oldest first.
    pub cohorts: Vec<(String, RetentionRow)>,
}

/// The key an account is matched on, as the overlap join does: a web
/// domain (`www.acme.com`, `acme.io`) by its name part, anything else by
/// its normalised name (case, punctuation and legal suffixes ignored), so
/// finance's `acme.com` finds the CRM's `Acme, Inc.`.
pub fn account_key(account: &str) -> String {
    let t = account.trim().to_lowercase();
    // A scheme (`https://`) is dropped by what follows `://`.
    let bare = t.split_once("://").map_or(t.as_str(), |(_, rest)| rest).trim_start_matches("www.");
    let looks_like_domain = !bare.contains(char::is_whitespace)
        && bare.split('.').count() >= 2
        && bare.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if looks_like_domain {
        lookalike_key(bare.split('.').next().unwrap_or(bare))
    } else {
        lookalike_key(account)
    }
}

/// The same day `months` calendar months earlier, clamped to the month's end.
pub fn months_before(day: Day, months: i32) -> Day {
    let (y, m, d) = day.ymd();
    let index = y * 12 + m as i32 - 1 - months;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    (1..=d).rev().find_map(|d| Day::from_ymd(y, m, d)).unwrap_or(day)
}

/// An account's ARR at `t`: the snapshot nearest `t` within the tolerance
/// (ties: the earlier), rows of one date summed; 0 when none.
fn arr_at(by_date: &BTreeMap<Day, i64>, t: Day) -> i64 {
    let window = Day(t.0 - TOLERANCE_DAYS)..=Day(t.0 + TOLERANCE_DAYS);
    by_date.range(window).min_by_key(|(d, _)| ((d.0 - t.0).abs(), d.0)).map_or(0, |(_, &v)| v)
}

/// Compute retention. `window`: `(t0, t1)`, default the 12 months to the
/// latest snapshot. With `installs`, they alone decide partner involvement.
pub fn retention(
    data: &Dataset,
    journeys: &Journeys,
    snapshots: &[ArrSnapshot],
    installs: Option<&[Install]>,
    window: Option<(Day, Day)>,
) -> Option<Retention> {
    retention_by(data, journeys, snapshots, installs, window, Breakdown::None)
}

/// The default window: the 12 months to the latest snapshot.
pub fn default_window(snapshots: &[ArrSnapshot]) -> Option<(Day, Day)> {
    let latest = snapshots.iter().map(|s| s.date).max()?;
    Some((months_before(latest, 12), latest))
}

/// "2025 Q3".
fn quarter_label(day: Day) -> String {
    let (y, m, _) = day.ymd();
    format!("{y} Q{}", (m - 1) / 3 + 1)
}

/// How one account is involved: the day it first was, and its groups.
#[derive(Default)]
struct Involvement {
    first: Option<Day>,
    groups: Vec<String>,
}

/// [`retention`] with the partner-involved accounts also broken down (by
/// partner type, program or integration) and grouped into cohorts by the
/// quarter of their first involvement.
pub fn retention_by(
    data: &Dataset,
    journeys: &Journeys,
    snapshots: &[ArrSnapshot],
    installs: Option<&[Install]>,
    window: Option<(Day, Day)>,
    breakdown: Breakdown,
) -> Option<Retention> {
    let (t0, t1) = window.or_else(|| default_window(snapshots))?;
    let mut accounts: BTreeMap<String, BTreeMap<Day, i64>> = BTreeMap::new();
    for s in snapshots {
        *accounts.entry(account_key(&s.account)).or_default().entry(s.date).or_default() += s.arr_cents;
    }
    let roster = RosterLookup::new(data);
    let mut involved: HashMap<String, Involvement> = HashMap::new();
    let mut note = |account: String, day: Day, groups: Vec<String>| {
        let entry = involved.entry(account).or_default();
        entry.first = Some(entry.first.map_or(day, |f| f.min(day)));
        for g in groups {
            if !entry.groups.contains(&g) {
                entry.groups.push(g);
            }
        }
    };
    match installs {
        Some(list) => {
            for i in list.iter().filter(|i| i.installed <= t0) {
                let group = match breakdown {
                    Breakdown::None => None,
                    Breakdown::Integration => Some(i.partner.clone()),
                    Breakdown::Program | Breakdown::PartnerType => Some(
                        roster
                            .group_of_name(data, &i.partner, breakdown)
                            .map_or_else(|| "(not in the roster)".to_string(), |s| data.name(s).to_string()),
                    ),
                };
                note(account_key(&i.account), i.installed, group.into_iter().collect());
            }
        }
        None => {
            for (i, d) in data.deals.iter().enumerate() {
                let (Some(close), Some(account)) = (d.close, d.account) else { continue };
                if !d.won || close > t0 || !Definition::AnyPartner.involves(data, journeys, i) {
                    continue;
                }
                let groups = deal_groups(data, journeys, Definition::AnyPartner, &roster, breakdown, i)
                    .into_iter()
                    .map(|g| data.name(g).to_string())
                    .collect();
                note(account_key(data.name(account)), close, groups);
            }
        }
    }
    let (mut partner, mut direct) = (RetentionRow::default(), RetentionRow::default());
    let mut groups: BTreeMap<String, RetentionRow> = BTreeMap::new();
    let mut cohorts: BTreeMap<Day, (String, RetentionRow)> = BTreeMap::new();
    let add = |row: &mut RetentionRow, start: i64, end: i64| {
        row.accounts += 1;
        row.start_cents += start;
        row.end_cents += end;
        row.kept_cents += end.min(start);
        row.per_account.push((start, end));
    };
    for (account, by_date) in &accounts {
        let start = arr_at(by_date, t0);
        if start <= 0 {
            continue;
        }
        let end = arr_at(by_date, t1);
        match involved.get(account) {
            Some(how) => {
                add(&mut partner, start, end);
                for g in &how.groups {
                    add(groups.entry(g.clone()).or_default(), start, end);
                }
                if let Some(first) = how.first {
                    let (y, m, _) = first.ymd();
                    let quarter = Day::from_ymd(y, (m - 1) / 3 * 3 + 1, 1).unwrap_or(first);
                    add(
                        &mut cohorts
                            .entry(quarter)
                            .or_insert_with(|| (quarter_label(first), RetentionRow::default()))
                            .1,
                        start,
                        end,
                    );
                }
            }
            None => add(&mut direct, start, end),
        }
    }
    let mut groups: Vec<(String, RetentionRow)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.start_cents.cmp(&a.1.start_cents).then(a.0.cmp(&b.0)));
    Some(Retention {
        definition: if installs.is_some() { "integration" } else { "any_partner" },
        t0,
        t1,
        partner,
        direct,
        breakdown,
        groups,
        cohorts: cohorts.into_values().collect(),
    })
}

/// Accounts of the ARR file that no deal names (for the report).
pub fn unmatched_accounts(data: &Dataset, snapshots: &[ArrSnapshot]) -> Vec<String> {
    let known: HashSet<String> =
        data.deals.iter().filter_map(|d| d.account.map(|a| account_key(data.name(a)))).collect();
    let mut seen: HashMap<String, ()> = HashMap::new();
    snapshots
        .iter()
        .filter(|s| !known.contains(&account_key(&s.account)))
        .filter(|s| seen.insert(account_key(&s.account), ()).is_none())
        .map(|s| s.account.clone())
        .collect()
}

fn ratio(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// `retention.csv` (§7b): one row per segment.
pub fn retention_csv(r: &Retention) -> String {
    let mut out = format!("{RETENTION_HEADER}{EOL}");
    for (segment, row) in [("partner", &r.partner), ("direct", &r.direct)] {
        out.push_str(&format!(
            "{segment},{},{},{},{},{},{}{EOL}",
            r.definition,
            row.accounts,
            format_cents(row.start_cents),
            format_cents(row.end_cents),
            ratio(row.grr()),
            ratio(row.nrr()),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        crate::date::parse_iso_date(s).unwrap()
    }

    #[test]
    fn twelve_months_earlier_clamps_to_the_month_end() {
        for (from, to) in [
            ("2026-02-28", "2025-02-28"),
            ("2024-02-29", "2023-02-28"),
            ("2025-03-31", "2024-03-31"),
            ("2025-01-15", "2024-01-15"),
        ] {
            assert_eq!(months_before(day(from), 12), day(to), "{from}");
        }
        assert_eq!(months_before(day("2025-03-31"), 1), day("2025-02-28"));
    }

    #[test]
    fn domains_match_the_crm_account_names() {
        for (a, b) in [
            ("acme.com", "Acme, Inc."),
            ("https://www.globex.io", "Globex"),
            ("Initech GmbH", "initech"),
            ("umbrella.co.uk", "Umbrella Ltd"),
        ] {
            assert_eq!(account_key(a), account_key(b), "{a} ~ {b}");
        }
        assert_ne!(account_key("acme.com"), account_key("Acme Two"));
        assert_eq!(account_key("J. Smith & Co"), lookalike_key("J. Smith & Co"), "a name with a dot is no domain");
    }

    #[test]
    fn nearest_snapshot_within_15_days_ties_to_the_earlier() {
        let t = day("2025-06-15");
        let table: BTreeMap<Day, i64> =
            [(day("2025-06-05"), 100), (day("2025-06-25"), 200), (day("2025-07-20"), 300)].into_iter().collect();
        assert_eq!(arr_at(&table, t), 100, "10 days either way: the earlier");
        assert_eq!(arr_at(&table, day("2025-06-24")), 200);
        assert_eq!(arr_at(&table, day("2025-08-04")), 300, "15 days away: still counts");
        assert_eq!(arr_at(&table, day("2025-08-05")), 0, "16 days away: none");
    }
}
