//! The sample's stage history, ARR snapshots and integration installs
//! (spec §7a/§7b), derived from its deals so a new user sees days in stage
//! and retention at once. Partner-involved deals move a little faster
//! through the stages (their cycles are already shorter) and their accounts
//! churn less and expand more; the generator is seeded, so the sample is the
//! same every time.

use crate::dataset::{AccountFiles, Dataset};
use crate::date::Day;
use crate::ingest::arr::{ArrSnapshot, Install};
use crate::ingest::stage_history::{StageEntry, StageHistory};
use crate::journey::Journeys;
use crate::rng::SplitMix64;
use std::collections::BTreeMap;

/// Open stages in order, each entered at a share of the deal's cycle.
const STAGES: [(&str, f64); 4] =
    [("Prospecting", 0.0), ("Qualification", 0.18), ("Proposal", 0.45), ("Negotiation", 0.72)];

/// Month ends from January 2024 to the sample's "today" (January 2026).
fn month_ends() -> Vec<Day> {
    let mut out = Vec::new();
    for (y, m) in (2024..=2026).flat_map(|y| (1..=12).map(move |m| (y, m))).take(25) {
        let next = if m == 12 { Day::from_ymd(y + 1, 1, 1) } else { Day::from_ymd(y, m + 1, 1) };
        if let Some(first) = next {
            out.push(Day(first.0 - 1));
        }
    }
    out
}

/// Stage history, ARR by month and integration installs for the sample's deals.
pub fn sample_account_files(data: &Dataset, seed: u64) -> AccountFiles {
    let journeys = Journeys::build(data);
    let mut rng = SplitMix64(seed);
    let mut entries = Vec::new();
    for deal in &data.deals {
        let (Some(created), Some(close)) = (deal.created, deal.close) else { continue };
        let cycle = f64::from(close.0 - created.0);
        let id = data.name(deal.id).to_string();
        let reached = if deal.closed { STAGES.len() } else { 1 + rng.below(STAGES.len() as u64) as usize };
        for &(stage, at) in &STAGES[..reached] {
            let day = Day(created.0 + (cycle * at).round() as i32);
            entries.push(StageEntry { deal_id: id.clone(), stage: stage.into(), entered: day });
        }
        if deal.closed {
            let stage = if deal.won { "Closed Won" } else { "Closed Lost" };
            entries.push(StageEntry { deal_id: id, stage: stage.into(), entered: close });
        }
    }
    // ARR: an account starts at its first won deal's amount and changes
    // month by month; partner-involved accounts expand more and churn less.
    let mut first_won: BTreeMap<String, (Day, i64, bool)> = BTreeMap::new();
    for (i, deal) in data.deals.iter().enumerate().filter(|(_, d)| d.won) {
        let (Some(account), Some(close)) = (deal.account, deal.close) else { continue };
        let involved = journeys.has_partner(i);
        let e = first_won.entry(data.name(account).to_string()).or_insert((close, 0, false));
        e.0 = e.0.min(close);
        e.1 += deal.amount_cents;
        e.2 |= involved;
    }
    let months = month_ends();
    let mut arr = Vec::new();
    for (account, &(start, amount, involved)) in &first_won {
        let (growth, churn) = if involved { (0.011, 0.004) } else { (0.003, 0.009) };
        let mut value = amount as f64;
        for &month in months.iter().filter(|&&m| m >= start) {
            arr.push(ArrSnapshot { account: account.clone(), date: month, arr_cents: value.round() as i64 });
            if rng.chance(churn) {
                value = 0.0;
            } else {
                value *= 1.0 + rng.normal(growth, 0.02);
            }
        }
    }
    // Installs: an "integration" touch installs that partner on the deal's account.
    let mut installs = Vec::new();
    if let Some(touches) = &data.touches {
        for t in touches {
            let is_integration = t.touch_type.is_some_and(|k| data.name(k) == "integration");
            let account = data.deals[t.deal as usize].account;
            if let (true, Some(account)) = (is_integration, account) {
                installs.push(Install {
                    account: data.name(account).into(),
                    partner: data.name(t.actor).into(),
                    installed: t.date,
                });
            }
        }
    }
    AccountFiles {
        stage_history: Some(StageHistory { entries, unreadable_dates: Vec::new() }),
        arr,
        installs: (!installs.is_empty()).then_some(installs),
    }
}
