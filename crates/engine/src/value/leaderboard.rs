//! The partner leaderboard: one row per partner with its deals, sourced and
//! influenced revenue, win rate and lift over direct, size, cycle, first and
//! latest deal, and quarterly won revenue for a sparkline.

use crate::dataset::{Dataset, Sym};
use crate::date::Day;
use crate::hash::FastMap;
use crate::journey::Journeys;
use crate::value::model::{Definition, SegmentStats, ValueModel};

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
    /// Close date of the partner's first won deal.
    pub first_win: Option<Day>,
    /// From the roster: tier (or program).
    pub tier: Option<String>,
    /// From the roster: partner type.
    pub roster_type: Option<String>,
    /// From the roster: start date.
    pub start: Option<Day>,
}

impl PartnerRow {
    /// Days from the roster start date to the first won deal.
    pub fn days_to_first_win(&self) -> Option<i32> {
        Some(self.first_win?.0 - self.start?.0)
    }

    /// Days from the roster start date to `today` (the data's last date).
    pub fn tenure_days(&self, today: Day) -> Option<i32> {
        Some(today.0 - self.start?.0)
    }
}

/// Revenue per partner of one program (roster tier, or type without tiers).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramRow {
    /// The tier or type.
    pub program: String,
    /// Partners on the roster in it.
    pub partners: usize,
    /// Of those, partners with a won deal.
    pub active: usize,
    /// Their won revenue (partner-involved deals; a deal with two partners counts for each).
    pub won_cents: i64,
}

impl ProgramRow {
    /// Won revenue per roster partner, currency units.
    pub fn revenue_per_partner(&self) -> Option<f64> {
        (self.partners > 0).then(|| self.won_cents as f64 / 100.0 / self.partners as f64)
    }
}

impl PartnerRow {
    fn new(data: &Dataset, key: Sym) -> PartnerRow {
        PartnerRow {
            key,
            name: data.name(key).to_string(),
            stats: SegmentStats::default(),
            sourced_cents: 0,
            influenced_cents: 0,
            sourced_deals: 0,
            win_rate_lift: None,
            first_deal: None,
            latest_deal: None,
            trend: vec![0; TREND_QUARTERS],
            first_win: None,
            tier: None,
            roster_type: None,
            start: None,
        }
    }
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
    /// Revenue per partner per program, when a roster was loaded.
    pub programs: Vec<ProgramRow>,
    /// The latest date in the data (for tenure).
    pub today: Option<Day>,
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
        // Warehouse groups (spec §10) carry no dates: no trend, no first or latest deal.
        let dated = !data.is_aggregated();
        let last_quarter =
            data.deals.iter().filter(|d| d.won && dated).filter_map(|d| d.close).map(quarter_index).max();
        let first_quarter = last_quarter.map(|q| q - TREND_QUARTERS as i32 + 1);
        let mut rows: FastMap<Sym, PartnerRow> = FastMap::default();
        let mut partners = Vec::new();
        for (i, deal) in data.deals.iter().enumerate() {
            journeys.partner_set_into(i, &mut partners);
            if let Some(s) = deal.sourcing.filter(|s| partners.binary_search(s).is_err()) {
                partners.push(s);
            }
            for &p in &partners {
                let row = rows.entry(p).or_insert_with(|| PartnerRow::new(data, p));
                row.stats.add_entry(data, i);
                let sourced = deal.sourcing == Some(p);
                row.sourced_deals += if sourced { u64::from(data.weight(i)) } else { 0 };
                if deal.won {
                    if let Some(close) = deal.close.filter(|_| dated) {
                        row.first_win = Some(row.first_win.map_or(close, |d| d.min(close)));
                    }
                    *if sourced { &mut row.sourced_cents } else { &mut row.influenced_cents } += deal.amount_cents;
                    if let (Some(close), Some(first)) = (deal.close, first_quarter) {
                        let q = quarter_index(close) - first;
                        if (0..TREND_QUARTERS as i32).contains(&q) {
                            row.trend[q as usize] += deal.amount_cents;
                        }
                    }
                }
                if let Some(created) = deal.created.or(deal.close).filter(|_| dated) {
                    row.first_deal = Some(row.first_deal.map_or(created, |d| d.min(created)));
                    row.latest_deal = Some(row.latest_deal.map_or(created, |d| d.max(created)));
                }
            }
        }
        // Roster partners: their tier, type and start; those without deals get a row too.
        for entry in &data.roster {
            let row = rows.entry(entry.partner).or_insert_with(|| PartnerRow::new(data, entry.partner));
            row.tier = entry.tier.map(|t| data.name(t).to_string());
            row.roster_type = entry.partner_type.map(|t| data.name(t).to_string());
            row.start = entry.start;
        }
        let mut programs: std::collections::BTreeMap<String, ProgramRow> = std::collections::BTreeMap::new();
        for row in rows.values() {
            let Some(program) = row.tier.clone().or_else(|| row.roster_type.clone()) else { continue };
            let p =
                programs.entry(program.clone()).or_insert(ProgramRow { program, partners: 0, active: 0, won_cents: 0 });
            p.partners += 1;
            p.active += usize::from(row.stats.won_deals > 0);
            p.won_cents += row.stats.won_revenue_cents;
        }
        let today = data.deals.iter().flat_map(|d| [d.created, d.close]).flatten().filter(|_| dated).max();
        let mut rows: Vec<PartnerRow> = rows.into_values().collect();
        for row in &mut rows {
            row.win_rate_lift = ValueModel::lift(row.stats.win_rate(), direct.win_rate());
        }
        rows.sort_by(|a, b| b.stats.won_revenue_cents.cmp(&a.stats.won_revenue_cents).then(a.name.cmp(&b.name)));
        let quarters =
            first_quarter.map_or_else(Vec::new, |f| (f..f + TREND_QUARTERS as i32).map(quarter_label).collect());
        Leaderboard { rows, quarters, direct, programs: programs.into_values().collect(), today }
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
