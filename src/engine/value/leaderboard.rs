//! The partner leaderboard: one row per partner with its deals, sourced and
//! influenced revenue, win rate and lift over direct, size, cycle, first and
//! latest deal, and quarterly won revenue for a sparkline.

use crate::engine::dataset::{Dataset, Sym};
use crate::engine::date::Day;
use crate::engine::hash::FastMap;
use crate::engine::journey::Journeys;
use crate::engine::value_model::{Definition, SegmentStats, ValueModel};

/// Quarters in each partner's trend.
pub const TREND_QUARTERS: usize = 8;

/// One partner's row.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerRow {
    /// The partner.
    pub key: Sym,
    /// The partner's name.
    pub name: String,
    /// Deals the partner is involved in (any role), open and closed.
    pub stats: SegmentStats,
    /// Won revenue of deals the partner sourced, cents.
    pub sourced_cents: i64,
    /// Won revenue of deals the partner influenced but did not source, cents.
    pub influenced_cents: i64,
    /// Deals the partner sourced (any outcome).
    pub sourced_deals: u64,
    /// Win rate lift over direct deals.
    pub win_rate_lift: Option<f64>,
    /// Created date of the partner's first deal.
    pub first_deal: Option<Day>,
    /// Created date of its latest deal.
    pub latest_deal: Option<Day>,
    /// Won revenue (cents) per quarter, oldest first, over [`Leaderboard::quarters`].
    pub trend: Vec<i64>,
}

/// Every partner's row and the quarters of the trends.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaderboard {
    /// One row per partner, by won revenue.
    pub rows: Vec<PartnerRow>,
    /// Labels of the trend quarters (`2025-Q3`), oldest first.
    pub quarters: Vec<String>,
    /// Direct deals, for the lifts.
    pub direct: SegmentStats,
}

fn quarter_index(day: Day) -> i32 {
    let (y, m, _) = day.ymd();
    y * 4 + (m as i32 - 1) / 3
}

fn quarter_label(index: i32) -> String {
    format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
}

impl Leaderboard {
    /// Build the leaderboard (partners from journeys and sourcing fields).
    pub fn compute(data: &Dataset, journeys: &Journeys) -> Leaderboard {
        let direct = ValueModel::compute(data, journeys, Definition::AnyPartner).direct;
        let last_quarter = data.deals.iter().filter(|d| d.won).filter_map(|d| d.close).map(quarter_index).max();
        let first_quarter = last_quarter.map(|q| q - TREND_QUARTERS as i32 + 1);
        let mut rows: FastMap<Sym, PartnerRow> = FastMap::default();
        for (i, deal) in data.deals.iter().enumerate() {
            let mut partners = journeys.partner_set(i);
            partners.extend(deal.sourcing);
            partners.sort_unstable();
            partners.dedup();
            for p in partners {
                let row = rows.entry(p).or_insert_with(|| PartnerRow {
                    key: p,
                    name: data.name(p).to_string(),
                    stats: SegmentStats::default(),
                    sourced_cents: 0,
                    influenced_cents: 0,
                    sourced_deals: 0,
                    win_rate_lift: None,
                    first_deal: None,
                    latest_deal: None,
                    trend: vec![0; TREND_QUARTERS],
                });
                row.stats.add(deal);
                let sourced = deal.sourcing == Some(p);
                row.sourced_deals += u64::from(sourced);
                if deal.won {
                    *if sourced { &mut row.sourced_cents } else { &mut row.influenced_cents } += deal.amount_cents;
                    if let (Some(close), Some(first)) = (deal.close, first_quarter) {
                        let q = quarter_index(close) - first;
                        if (0..TREND_QUARTERS as i32).contains(&q) {
                            row.trend[q as usize] += deal.amount_cents;
                        }
                    }
                }
                row.first_deal = Some(row.first_deal.map_or(deal.created, |d| d.min(deal.created)));
                row.latest_deal = Some(row.latest_deal.map_or(deal.created, |d| d.max(deal.created)));
            }
        }
        let mut rows: Vec<PartnerRow> = rows.into_values().collect();
        for row in &mut rows {
            row.win_rate_lift = ValueModel::lift(row.stats.win_rate(), direct.win_rate());
        }
        rows.sort_by(|a, b| b.stats.won_revenue_cents.cmp(&a.stats.won_revenue_cents).then(a.name.cmp(&b.name)));
        let quarters =
            first_quarter.map_or_else(Vec::new, |f| (f..f + TREND_QUARTERS as i32).map(quarter_label).collect());
        Leaderboard { rows, quarters, direct }
    }

    /// Won revenue per partner with at least one won deal, per year of data (currency units).
    pub fn revenue_per_partner_per_year(&self, data: &Dataset) -> Option<f64> {
        let won: Vec<&PartnerRow> = self.rows.iter().filter(|r| r.stats.won_deals > 0).collect();
        let closes: Vec<Day> = data.deals.iter().filter(|d| d.won).filter_map(|d| d.close).collect();
        let (first, last) = (closes.iter().min()?, closes.iter().max()?);
        let years = (f64::from(last.0 - first.0 + 1) / 365.25).max(1.0 / 12.0);
        let revenue: i64 = won.iter().map(|r| r.stats.won_revenue_cents).sum();
        (!won.is_empty()).then(|| revenue as f64 / 100.0 / won.len() as f64 / years)
    }
}

/// Partners needed to add `goal` of yearly revenue at a yearly revenue per partner.
pub fn partners_needed(goal: f64, revenue_per_partner: f64) -> Option<u64> {
    (revenue_per_partner > 0.0 && goal >= 0.0).then(|| (goal / revenue_per_partner).ceil() as u64)
}
