//! Days in stage (spec §7a): for partner-involved and direct deals, per
//! stage, how long deals stay and how many move on.
//!
//! Each deal's entries are sorted by date (ties in file order); an entry
//! lasts until the next one (the last has no duration); a stage entered
//! several times adds its durations up, so a deal gives one value per stage.
//! Stages are ordered by the median of their positions in the histories.

use super::breakdown::{deal_groups, Breakdown, RosterLookup};
use super::model::Definition;
use crate::dataset::Dataset;
use crate::export::EOL;
use crate::ingest::stage_history::StageHistory;
use crate::ingest::values::stage_outcome;
use crate::journey::Journeys;
use crate::value::stats::{mean, median};
use std::collections::HashMap;

/// Header of `stage_days.csv`.
pub const STAGE_DAYS_HEADER: &str = "segment,definition,stage,deals,median_days,mean_days,advanced";

/// One stage of one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    /// The stage label.
    pub stage: String,
    /// Days in the stage, one value per deal with a duration for it.
    pub days: Vec<f64>,
    /// Deals that entered the stage.
    pub entered: u64,
    /// Of those, deals that later entered a later stage that is not lost, or were won.
    pub advanced: u64,
}

impl StageRow {
    /// 95% interval of the median days (seeded bootstrap; closed form for large samples).
    pub fn median_interval(&self) -> Option<crate::value::stats::Interval> {
        crate::value::stats::bootstrap(&self.days, crate::value::stats::Statistic::Median, 0x5747_4544)
    }

    /// 95% interval of the mean days (seeded bootstrap; closed form for large samples).
    pub fn mean_interval(&self) -> Option<crate::value::stats::Interval> {
        crate::value::stats::bootstrap(&self.days, crate::value::stats::Statistic::Mean, 0x5747_4d45)
    }

    /// Median days (`None` without deals).
    pub fn median_days(&self) -> Option<f64> {
        median(&self.days)
    }

    /// Mean days (`None` without deals).
    pub fn mean_days(&self) -> Option<f64> {
        mean(&self.days)
    }

    /// Share that advanced (`None` when no deal entered the stage).
    pub fn advanced_share(&self) -> Option<f64> {
        (self.entered > 0).then(|| self.advanced as f64 / self.entered as f64)
    }
}

/// Days in stage of both segments.
#[derive(Debug, Clone, PartialEq)]
pub struct StageDays {
    /// The partner-involved definition used.
    pub definition: Definition,
    /// Stages in their order (median position).
    pub stages: Vec<String>,
    /// Partner-involved deals, one row per stage.
    pub partner: Vec<StageRow>,
    /// Direct deals, one row per stage.
    pub direct: Vec<StageRow>,
    /// The breakdown of the partner-involved deals in [`StageDays::groups`].
    pub breakdown: Breakdown,
    /// Partner-involved deals per group of the breakdown (largest group
    /// first), one row per stage each; empty without a breakdown.
    pub groups: Vec<(String, Vec<StageRow>)>,
    /// History rows naming a deal that is not in the deal file (ignored).
    pub unmatched_rows: u64,
    /// Distinct unknown deal ids, first ones for the report.
    pub unmatched_ids: Vec<String>,
    /// History rows without a readable date (ignored).
    pub unreadable_rows: u64,
}

/// Compute days in stage for every deal of `data` with a history.
pub fn stage_days(data: &Dataset, journeys: &Journeys, history: &StageHistory, definition: Definition) -> StageDays {
    stage_days_by(data, journeys, history, definition, Breakdown::None)
}

/// [`stage_days`] with the partner-involved deals also broken down by
/// partner type or program.
pub fn stage_days_by(
    data: &Dataset,
    journeys: &Journeys,
    history: &StageHistory,
    definition: Definition,
    breakdown: Breakdown,
) -> StageDays {
    let index: HashMap<&str, usize> = data.deals.iter().enumerate().map(|(i, d)| (data.name(d.id), i)).collect();
    // Entries per deal, in file order; stages in order of first appearance.
    let mut per_deal: Vec<Vec<(usize, usize)>> = vec![Vec::new(); data.deals.len()]; // (stage, entry number)
    let mut stage_ids: HashMap<&str, usize> = HashMap::new();
    let mut stage_names: Vec<&str> = Vec::new();
    let (mut unmatched_rows, mut unmatched_ids) = (0u64, Vec::<String>::new());
    for (n, entry) in history.entries.iter().enumerate() {
        let Some(&deal) = index.get(entry.deal_id.as_str()) else {
            unmatched_rows += 1;
            if !unmatched_ids.contains(&entry.deal_id) {
                unmatched_ids.push(entry.deal_id.clone());
            }
            continue;
        };
        let next = stage_names.len();
        let stage = *stage_ids.entry(entry.stage.as_str()).or_insert_with(|| {
            stage_names.push(entry.stage.as_str());
            next
        });
        per_deal[deal].push((stage, n));
    }
    for list in &mut per_deal {
        list.sort_by_key(|&(_, n)| history.entries[n].entered); // stable: ties keep file order
    }
    // Order: median position, ties by first appearance.
    let mut positions: Vec<Vec<f64>> = vec![Vec::new(); stage_names.len()];
    for list in &per_deal {
        for (k, &(stage, _)) in list.iter().enumerate() {
            positions[stage].push(k as f64);
        }
    }
    let mut order: Vec<usize> = (0..stage_names.len()).collect();
    order.sort_by(|&a, &b| {
        let (ma, mb) = (median(&positions[a]).unwrap_or(0.0), median(&positions[b]).unwrap_or(0.0));
        ma.total_cmp(&mb).then(a.cmp(&b))
    });
    let mut rank = vec![0usize; stage_names.len()];
    for (r, &s) in order.iter().enumerate() {
        rank[s] = r;
    }
    let lost: Vec<bool> = stage_names
        .iter()
        .map(|s| {
            let (closed, won) = stage_outcome(s);
            closed && !won
        })
        .collect();
    let empty = |s: usize| StageRow { stage: stage_names[s].to_string(), days: Vec::new(), entered: 0, advanced: 0 };
    let fresh = || order.iter().map(|&s| empty(s)).collect::<Vec<StageRow>>();
    let (mut partner, mut direct) = (fresh(), fresh());
    let roster = RosterLookup::new(data);
    let mut groups: Vec<(crate::dataset::Sym, Vec<StageRow>)> = Vec::new();
    let mut sums: Vec<Option<i64>> = vec![None; stage_names.len()];
    // One deal's contribution: (row index, days if it has a duration, advanced).
    let mut contribution: Vec<(usize, Option<i64>, bool)> = Vec::new();
    for (i, list) in per_deal.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        sums.iter_mut().for_each(|s| *s = None);
        for (k, &(stage, n)) in list.iter().enumerate() {
            if let Some(&(_, next)) = list.get(k + 1) {
                let days = i64::from(history.entries[next].entered.0 - history.entries[n].entered.0);
                *sums[stage].get_or_insert(0) += days;
            }
        }
        let won = data.deals[i].won;
        let mut seen = vec![false; stage_names.len()];
        contribution.clear();
        for (k, &(stage, _)) in list.iter().enumerate() {
            if std::mem::replace(&mut seen[stage], true) {
                continue; // only the first entry of a stage decides whether it advanced
            }
            let moved_on = list[k + 1..].iter().any(|&(later, _)| rank[later] > rank[stage] && !lost[later]);
            contribution.push((rank[stage], sums[stage], won || moved_on));
        }
        let add = |rows: &mut Vec<StageRow>| {
            for &(r, days, advanced) in &contribution {
                let row = &mut rows[r];
                row.entered += 1;
                row.advanced += u64::from(advanced);
                if let Some(days) = days {
                    row.days.push(days as f64);
                }
            }
        };
        if !definition.involves(data, journeys, i) {
            add(&mut direct);
            continue;
        }
        add(&mut partner);
        for key in deal_groups(data, journeys, definition, &roster, breakdown, i) {
            let at = match groups.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    groups.push((key, fresh()));
                    groups.len() - 1
                }
            };
            add(&mut groups[at].1);
        }
    }
    let entered = |rows: &Vec<StageRow>| rows.iter().map(|r| r.entered).max().unwrap_or(0);
    groups.sort_by(|a, b| entered(&b.1).cmp(&entered(&a.1)).then_with(|| data.name(a.0).cmp(data.name(b.0))));
    let groups = groups.into_iter().map(|(k, rows)| (data.name(k).to_string(), rows)).collect();
    StageDays {
        definition,
        stages: order.iter().map(|&s| stage_names[s].to_string()).collect(),
        partner,
        direct,
        breakdown,
        groups,
        unmatched_rows,
        unmatched_ids,
        unreadable_rows: history.unreadable_dates.len() as u64,
    }
}

fn fixed(value: Option<f64>, places: usize) -> String {
    value.map(|v| format!("{v:.places$}")).unwrap_or_default()
}

/// `stage_days.csv` (§7a): partner rows, then direct rows, stages in order.
pub fn stage_days_csv(result: &StageDays) -> String {
    let mut out = format!("{STAGE_DAYS_HEADER}{EOL}");
    for (segment, rows) in [("partner", &result.partner), ("direct", &result.direct)] {
        for row in rows {
            out.push_str(&format!(
                "{segment},{},{},{},{},{},{}{EOL}",
                result.definition.id(),
                crate::export::text_cell(&row.stage),
                row.days.len(),
                fixed(row.median_days(), 2),
                fixed(row.mean_days(), 2),
                fixed(row.advanced_share(), 4),
            ));
        }
    }
    out
}
