//! The partnership value model (spec §7): partner-involved vs direct deals.

use crate::dataset::{Dataset, Deal};
use crate::journey::Journeys;

/// Which deals count as partner-involved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Definition {
    /// At least one partner in the journey (the spec default).
    #[default]
    AnyPartner,
    /// A sourcing partner is set.
    Sourced,
    /// Partners in the journey but none sourced the deal.
    InfluencedOnly,
    /// The deal's account overlaps a partner's customers or open
    /// opportunities (an account-overlap file was loaded).
    Attached,
}

impl Definition {
    /// Every definition offered, default first.
    pub const ALL: [Definition; 4] =
        [Definition::AnyPartner, Definition::Sourced, Definition::InfluencedOnly, Definition::Attached];

    /// The definitions this data can answer (attached needs an overlap file).
    pub fn available(data: &Dataset) -> Vec<Definition> {
        Definition::ALL.into_iter().filter(|d| *d != Definition::Attached || !data.attached.is_empty()).collect()
    }

    /// The definition with this export id.
    pub fn from_id(id: &str) -> Option<Definition> {
        Definition::ALL.into_iter().find(|d| d.id() == id)
    }

    /// The id written in the export's `definition` column.
    pub fn id(self) -> &'static str {
        match self {
            Definition::AnyPartner => "any_partner",
            Definition::Sourced => "sourced",
            Definition::InfluencedOnly => "influenced_only",
            Definition::Attached => "attached",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Definition::AnyPartner => "Any partner involved",
            Definition::Sourced => "Partner-sourced",
            Definition::InfluencedOnly => "Influenced only (not sourced)",
            Definition::Attached => "Partner-attached (account overlap)",
        }
    }

    /// Whether deal `i` is partner-involved under this definition.
    pub fn involves(self, data: &Dataset, journeys: &Journeys, i: usize) -> bool {
        let sourced = data.deals[i].sourcing.is_some();
        match self {
            Definition::AnyPartner => journeys.has_partner(i),
            Definition::Sourced => sourced,
            Definition::InfluencedOnly => journeys.has_partner(i) && !sourced,
            Definition::Attached => data.attached.binary_search_by_key(&(i as u32), |&(d, _)| d).is_ok(),
        }
    }
}

/// The §7 metrics of one segment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentStats {
    /// All deals in scope, open and closed.
    pub deals: u64,
    /// Closed deals.
    pub closed_deals: u64,
    /// Won deals.
    pub won_deals: u64,
    /// Sum of won amounts, cents.
    pub won_revenue_cents: i64,
    /// Cycle days (close − created) of won deals with both dates in order.
    pub won_cycle_days: Vec<i32>,
    /// Won deals left out of the cycle figures (and so of velocity): no
    /// readable created date, or a close before the creation (spec §2).
    pub cycle_left_out: u64,
    /// Amounts of won deals, cents.
    pub won_amounts_cents: Vec<i64>,
    /// ACV of won deals with a contract term (amount × 12 / term months,
    /// spec §7b), in currency units.
    pub won_acv: Vec<f64>,
    /// Sum of the squared won amounts, in currency units squared: with the
    /// count and the sum it gives the closed-form interval of the mean deal
    /// size where single amounts are not known (warehouse counts, spec §10).
    pub won_amount_squares: f64,
}

impl SegmentStats {
    /// Count one deal in this segment.
    pub fn add(&mut self, deal: &Deal) {
        self.deals += 1;
        if deal.closed {
            self.closed_deals += 1;
        }
        if deal.won {
            self.won_deals += 1;
            self.won_revenue_cents += deal.amount_cents;
            self.won_amounts_cents.push(deal.amount_cents);
            self.won_amount_squares += (deal.amount_cents as f64 / 100.0).powi(2);
            if let Some(term) = deal.term_months.filter(|&t| t > 0.0) {
                self.won_acv.push(deal.amount_cents as f64 / 100.0 * 12.0 / f64::from(term));
            }
            match deal.cycle_days() {
                Some(days) => self.won_cycle_days.push(days),
                None => self.cycle_left_out += 1,
            }
        }
    }

    /// Count entry `i` of a data set: one deal of a file, or a warehouse
    /// group of deals (spec §10).
    pub fn add_entry(&mut self, data: &Dataset, i: usize) {
        match &data.warehouse {
            Some(w) => {
                let cycles = w.cycle_days.get(i).map_or(&[][..], Vec::as_slice);
                let squares = w.amount_squares.get(i).copied().unwrap_or(0.0);
                self.add_group(&data.deals[i], data.weight(i), cycles, squares);
            }
            None => self.add(&data.deals[i]),
        }
    }

    /// Count a warehouse group of `weight` deals alike in everything but
    /// their amounts (summed in `deal`, their squares in `squares_cents`,
    /// cents squared) and cycle days (`(days, deals)`, spec §10). Single won
    /// amounts are unknown: figures that need them (bootstrap intervals,
    /// ACV) are left empty, and the mean's interval uses the squares.
    pub fn add_group(&mut self, deal: &Deal, weight: u32, cycle_days: &[(i32, u64)], squares_cents: f64) {
        let weight = u64::from(weight);
        self.deals += weight;
        if deal.closed {
            self.closed_deals += weight;
        }
        if deal.won {
            self.won_deals += weight;
            self.won_revenue_cents += deal.amount_cents;
            self.won_amount_squares += squares_cents / 1e4;
            let mut with_cycle = 0;
            for &(days, n) in cycle_days {
                self.won_cycle_days.extend(std::iter::repeat_n(days, n as usize));
                with_cycle += n;
            }
            self.cycle_left_out += weight.saturating_sub(with_cycle);
        }
    }

    /// Won amounts in currency units.
    pub fn won_amounts(&self) -> Vec<f64> {
        self.won_amounts_cents.iter().map(|&c| c as f64 / 100.0).collect()
    }

    /// Cycle days of won deals as floats.
    pub fn cycle_days(&self) -> Vec<f64> {
        self.won_cycle_days.iter().map(|&d| f64::from(d)).collect()
    }

    /// won / closed.
    pub fn win_rate(&self) -> Option<f64> {
        (self.closed_deals > 0).then(|| self.won_deals as f64 / self.closed_deals as f64)
    }

    /// Mean won amount in currency units.
    pub fn avg_won_amount(&self) -> Option<f64> {
        (self.won_deals > 0).then(|| self.won_revenue_cents as f64 / 100.0 / self.won_deals as f64)
    }

    /// Mean ACV of won deals with a contract term (`None` without any).
    pub fn avg_acv(&self) -> Option<f64> {
        crate::value::stats::mean(&self.won_acv)
    }

    /// Median cycle days of won deals.
    pub fn median_cycle_days(&self) -> Option<f64> {
        let mut v = self.won_cycle_days.clone();
        if v.is_empty() {
            return None;
        }
        v.sort_unstable();
        let m = v.len() / 2;
        Some(if v.len() % 2 == 1 { f64::from(v[m]) } else { (f64::from(v[m - 1]) + f64::from(v[m])) / 2.0 })
    }

    /// Mean cycle days of won deals.
    pub fn mean_cycle_days(&self) -> Option<f64> {
        let n = self.won_cycle_days.len();
        (n > 0).then(|| self.won_cycle_days.iter().map(|&d| f64::from(d)).sum::<f64>() / n as f64)
    }

    /// Won revenue in currency units.
    pub fn won_revenue(&self) -> f64 {
        self.won_revenue_cents as f64 / 100.0
    }

    /// deals × win rate × average won amount / mean cycle days.
    pub fn velocity_per_day(&self) -> Option<f64> {
        let cycle = self.mean_cycle_days().filter(|&c| c > 0.0)?;
        Some(self.deals as f64 * self.win_rate()? * self.avg_won_amount()? / cycle)
    }
}

/// Partner-involved vs direct under one definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueModel {
    /// The definition used.
    pub definition: Definition,
    /// Partner-involved deals.
    pub partner: SegmentStats,
    /// All other deals.
    pub direct: SegmentStats,
}

/// The incremental revenue of partner-involved deals and its two effects (§7).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Incremental {
    /// `closed_p × (win_rate_p × avg_p − win_rate_d × avg_d)`.
    pub total: f64,
    /// `closed_p × (win_rate_p − win_rate_d) × avg_d`.
    pub win_rate_effect: f64,
    /// `closed_p × win_rate_p × (avg_p − avg_d)`.
    pub deal_size_effect: f64,
    /// What the partner deals would have earned at direct win rate and size.
    pub direct_baseline: f64,
}

impl ValueModel {
    /// Compute both segments over every deal.
    pub fn compute(data: &Dataset, journeys: &Journeys, definition: Definition) -> ValueModel {
        let mut partner = SegmentStats::default();
        let mut direct = SegmentStats::default();
        for i in 0..data.deals.len() {
            let seg = if definition.involves(data, journeys, i) { &mut partner } else { &mut direct };
            seg.add_entry(data, i);
        }
        ValueModel { definition, partner, direct }
    }

    /// Incremental revenue, when both segments have won deals.
    pub fn incremental(&self) -> Option<Incremental> {
        let closed_p = self.partner.closed_deals as f64;
        let (wp, ap) = (self.partner.win_rate()?, self.partner.avg_won_amount()?);
        let (wd, ad) = (self.direct.win_rate()?, self.direct.avg_won_amount()?);
        Some(Incremental {
            total: closed_p * (wp * ap - wd * ad),
            win_rate_effect: closed_p * (wp - wd) * ad,
            deal_size_effect: closed_p * wp * (ap - ad),
            direct_baseline: closed_p * wd * ad,
        })
    }

    /// Lift of a partner metric over the direct one: partner / direct − 1.
    pub fn lift(partner: Option<f64>, direct: Option<f64>) -> Option<f64> {
        let (p, d) = (partner?, direct?);
        (d != 0.0).then(|| p / d - 1.0)
    }
}
