//! The overlay: partner-involved vs direct, metric by metric, with 95%
//! intervals, lifts, a "too few deals" flag, splits by partner, partner
//! type, segment and deal type, and a mix-adjusted comparison.

use super::stats::{
    bootstrap_difference_up_to, bootstrap_up_to, mean_difference_from_moments, mean_interval_from_moments,
    rate_difference, wilson, Interval, Statistic, BOOTSTRAP_LIMIT,
};
use crate::dataset::{Dataset, Sym};
use crate::hash::FastMap;
use crate::journey::Journeys;
use crate::value::model::{Definition, SegmentStats, ValueModel};

/// Below this many won deals on either side, a comparison is flagged.
pub const MIN_WON_PER_SIDE: u64 = 10;

/// Seed of every bootstrap, so the same data gives the same intervals.
pub const SEED: u64 = 0x5eed_0f7a_1e00;

/// How the overlay is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// One comparison over every deal.
    #[default]
    Overall,
    /// One row per partner (its deals vs all direct deals).
    Partner,
    /// One row per partner type (its deals vs all direct deals).
    PartnerType,
    /// Partner vs direct within each segment.
    Segment,
    /// Partner vs direct within each deal type.
    DealType,
}

impl Split {
    /// Every split, overall first.
    pub const ALL: [Split; 5] = [Split::Overall, Split::Partner, Split::PartnerType, Split::Segment, Split::DealType];

    /// Stable id (settings, share links).
    pub fn id(self) -> &'static str {
        match self {
            Split::Overall => "overall",
            Split::Partner => "partner",
            Split::PartnerType => "partner_type",
            Split::Segment => "segment",
            Split::DealType => "deal_type",
        }
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Split::Overall => "All deals",
            Split::Partner => "By partner",
            Split::PartnerType => "By partner type",
            Split::Segment => "By segment",
            Split::DealType => "By deal type",
        }
    }

    /// The split with this id.
    pub fn from_id(id: &str) -> Option<Split> {
        Split::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The splits this data can offer.
    pub fn available(data: &Dataset) -> Vec<Split> {
        Split::ALL
            .into_iter()
            .filter(|s| match s {
                Split::Overall | Split::Partner => true,
                Split::PartnerType => data.deals.iter().any(|d| d.partner_type.is_some()),
                Split::Segment => data.deals.iter().any(|d| d.segment.is_some()),
                Split::DealType => data.deals.iter().any(|d| d.deal_type.is_some()),
            })
            .collect()
    }
}

/// One comparison: partner-involved deals of a group vs its direct deals.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// What the group is ("All deals", a partner, a segment…).
    pub label: String,
    /// Partner-involved deals of the group.
    pub partner: SegmentStats,
    /// Direct deals compared with them.
    pub direct: SegmentStats,
}

impl Group {
    /// Fewer than [`MIN_WON_PER_SIDE`] won deals on a side.
    pub fn too_few(&self) -> bool {
        self.partner.won_deals < MIN_WON_PER_SIDE || self.direct.won_deals < MIN_WON_PER_SIDE
    }
}

/// The partners a deal counts for under a definition.
pub fn partners_of(data: &Dataset, journeys: &Journeys, definition: Definition, i: usize) -> Vec<Sym> {
    let sourcing = data.deals[i].sourcing;
    let mut keys = match definition {
        Definition::AnyPartner => {
            let mut k = journeys.partner_set(i);
            k.extend(sourcing);
            k
        }
        Definition::Sourced => sourcing.into_iter().collect(),
        Definition::InfluencedOnly if sourcing.is_none() => journeys.partner_set(i),
        Definition::InfluencedOnly => Vec::new(),
        Definition::Attached => {
            let from = data.attached.partition_point(|&(d, _)| (d as usize) < i);
            data.attached[from..].iter().take_while(|&&(d, _)| d as usize == i).map(|&(_, p)| p).collect()
        }
    };
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The comparisons of a split, largest partner won revenue first.
pub fn groups(data: &Dataset, journeys: &Journeys, definition: Definition, split: Split) -> Vec<Group> {
    let overall = ValueModel::compute(data, journeys, definition);
    if split == Split::Overall {
        return vec![Group { label: "All deals".into(), partner: overall.partner, direct: overall.direct }];
    }
    let mut by_key: FastMap<Option<Sym>, (SegmentStats, SegmentStats)> = FastMap::default();
    for (i, deal) in data.deals.iter().enumerate() {
        let involved = definition.involves(data, journeys, i);
        match split {
            Split::Overall => unreachable!("handled above"),
            Split::Partner if involved => {
                for p in partners_of(data, journeys, definition, i) {
                    by_key.entry(Some(p)).or_default().0.add_entry(data, i);
                }
            }
            Split::PartnerType if involved => by_key.entry(deal.partner_type).or_default().0.add_entry(data, i),
            Split::Partner | Split::PartnerType => {}
            Split::Segment | Split::DealType => {
                let key = if split == Split::Segment { deal.segment } else { deal.deal_type };
                let (partner, direct) = by_key.entry(key).or_default();
                if involved { partner } else { direct }.add_entry(data, i);
            }
        }
    }
    let shared_direct = matches!(split, Split::Partner | Split::PartnerType);
    let mut out: Vec<Group> = by_key
        .into_iter()
        .map(|(key, (partner, direct))| Group {
            label: key.map_or_else(|| "(none)".to_string(), |k| data.name(k).to_string()),
            partner,
            direct: if shared_direct { overall.direct.clone() } else { direct },
        })
        .collect();
    out.sort_by(|a, b| b.partner.won_revenue_cents.cmp(&a.partner.won_revenue_cents).then(a.label.cmp(&b.label)));
    out
}

/// The metrics of the overlay, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// All deals in scope.
    Deals,
    /// Closed deals.
    ClosedDeals,
    /// Won deals.
    WonDeals,
    /// Won / closed.
    WinRate,
    /// Mean won amount.
    AvgWonAmount,
    /// Mean annual contract value of won deals with a contract term (§7b);
    /// listed only when the file has terms.
    Acv,
    /// Median days to close, won deals.
    MedianCycleDays,
    /// Mean days to close, won deals.
    MeanCycleDays,
    /// Sum of won amounts.
    WonRevenue,
    /// deals × win rate × average won / mean cycle.
    VelocityPerDay,
}

impl Metric {
    /// Every metric, in display order.
    pub const ALL: [Metric; 10] = [
        Metric::Deals,
        Metric::ClosedDeals,
        Metric::WonDeals,
        Metric::WinRate,
        Metric::AvgWonAmount,
        Metric::Acv,
        Metric::MedianCycleDays,
        Metric::MeanCycleDays,
        Metric::WonRevenue,
        Metric::VelocityPerDay,
    ];

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Deals => "Deals",
            Metric::ClosedDeals => "Closed deals",
            Metric::WonDeals => "Won deals",
            Metric::WinRate => "Win rate",
            Metric::AvgWonAmount => "Average won deal",
            Metric::Acv => "Average ACV (won, with a term)",
            Metric::MedianCycleDays => "Median days to close (won)",
            Metric::MeanCycleDays => "Mean days to close (won)",
            Metric::WonRevenue => "Won revenue",
            Metric::VelocityPerDay => "Velocity (revenue per day)",
        }
    }

    /// Whether a lower value is the better one (days to close).
    pub fn lower_is_better(self) -> bool {
        matches!(self, Metric::MedianCycleDays | Metric::MeanCycleDays)
    }

    /// The metric's value for a segment.
    pub fn value(self, s: &SegmentStats) -> Option<f64> {
        match self {
            Metric::Deals => Some(s.deals as f64),
            Metric::ClosedDeals => Some(s.closed_deals as f64),
            Metric::WonDeals => Some(s.won_deals as f64),
            Metric::WinRate => s.win_rate(),
            Metric::AvgWonAmount => s.avg_won_amount(),
            Metric::Acv => s.avg_acv(),
            Metric::MedianCycleDays => s.median_cycle_days(),
            Metric::MeanCycleDays => s.mean_cycle_days(),
            Metric::WonRevenue => Some(s.won_revenue()),
            Metric::VelocityPerDay => s.velocity_per_day(),
        }
    }
}

/// One metric of a comparison with its intervals and lift.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricRow {
    /// Which metric.
    pub metric: Metric,
    /// Partner-involved value.
    pub partner: Option<f64>,
    /// Its 95% interval (rates and sample statistics only).
    pub partner_interval: Option<Interval>,
    /// Direct value.
    pub direct: Option<f64>,
    /// Its 95% interval.
    pub direct_interval: Option<Interval>,
    /// partner / direct − 1.
    pub lift: Option<f64>,
    /// 95% interval of partner − direct; the lift is uncertain when it includes zero.
    pub difference_interval: Option<Interval>,
}

impl MetricRow {
    /// Whether the data cannot tell the lift from zero (no interval: not judged).
    pub fn uncertain(&self) -> bool {
        self.difference_interval.is_some_and(|i| i.includes_zero())
    }
}

/// Every metric of a comparison, with bootstrap intervals from a fixed seed.
pub fn compare(group: &Group) -> Vec<MetricRow> {
    compare_with(group, BOOTSTRAP_LIMIT)
}

/// [`compare`] for the rows of a split: closed-form (normal) intervals for
/// amounts and days, so a split of many partners recomputes at slider speed.
pub fn compare_quick(group: &Group) -> Vec<MetricRow> {
    compare_with(group, 0)
}

fn compare_with(group: &Group, limit: usize) -> Vec<MetricRow> {
    let (p, d) = (&group.partner, &group.direct);
    let (p_amounts, d_amounts) = (p.won_amounts(), d.won_amounts());
    let (p_days, d_days) = (p.cycle_days(), d.cycle_days());
    let has_terms = !p.won_acv.is_empty() || !d.won_acv.is_empty();
    Metric::ALL
        .into_iter()
        .filter(|&metric| metric != Metric::Acv || has_terms)
        .map(|metric| {
            let (partner, direct) = (metric.value(p), metric.value(d));
            let sample = |values: &[f64], statistic| bootstrap_up_to(values, statistic, SEED, limit);
            let difference = |a: &[f64], b: &[f64], statistic| bootstrap_difference_up_to(a, b, statistic, SEED, limit);
            let (partner_interval, direct_interval, difference_interval) = match metric {
                Metric::WinRate => (
                    wilson(p.won_deals, p.closed_deals),
                    wilson(d.won_deals, d.closed_deals),
                    rate_difference(p.won_deals, p.closed_deals, d.won_deals, d.closed_deals),
                ),
                // Warehouse counts (spec §10): no single amount, but their moments.
                Metric::AvgWonAmount if p.won_amounts_cents.is_empty() && d.won_amounts_cents.is_empty() => {
                    let m = |s: &SegmentStats| (s.won_deals, s.won_revenue_cents as f64 / 100.0, s.won_amount_squares);
                    (
                        mean_interval_from_moments(m(p)),
                        mean_interval_from_moments(m(d)),
                        mean_difference_from_moments(m(p), m(d)),
                    )
                }
                Metric::AvgWonAmount => (
                    sample(&p_amounts, Statistic::Mean),
                    sample(&d_amounts, Statistic::Mean),
                    difference(&p_amounts, &d_amounts, Statistic::Mean),
                ),
                Metric::Acv => (
                    sample(&p.won_acv, Statistic::Mean),
                    sample(&d.won_acv, Statistic::Mean),
                    difference(&p.won_acv, &d.won_acv, Statistic::Mean),
                ),
                Metric::MedianCycleDays => (
                    sample(&p_days, Statistic::Median),
                    sample(&d_days, Statistic::Median),
                    difference(&p_days, &d_days, Statistic::Median),
                ),
                Metric::MeanCycleDays => (
                    sample(&p_days, Statistic::Mean),
                    sample(&d_days, Statistic::Mean),
                    difference(&p_days, &d_days, Statistic::Mean),
                ),
                _ => (None, None, None),
            };
            MetricRow {
                metric,
                partner,
                partner_interval,
                direct,
                direct_interval,
                lift: ValueModel::lift(partner, direct),
                difference_interval,
            }
        })
        .collect()
}

/// A metric compared within strata and re-weighted to the direct mix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adjusted {
    /// Partner value re-weighted to the direct deals' mix.
    pub partner: f64,
    /// Direct value over the same strata.
    pub direct: f64,
}

impl Adjusted {
    /// partner / direct − 1.
    pub fn lift(&self) -> Option<f64> {
        ValueModel::lift(Some(self.partner), Some(self.direct))
    }
}

/// The mix-adjusted comparison beside the raw one.
#[derive(Debug, Clone, PartialEq)]
pub struct MixAdjusted {
    /// Win rate within segment × deal-size band.
    pub win_rate: Option<Adjusted>,
    /// Average won deal within segment (size bands would explain size away).
    pub avg_won_amount: Option<Adjusted>,
    /// Mean days to close within segment × deal-size band.
    pub mean_cycle_days: Option<Adjusted>,
    /// Deal-size band edges (currency units): quartiles of closed deals.
    pub band_edges: Vec<f64>,
    /// Whether the data has a segment column.
    pub by_segment: bool,
    /// Share of direct closed deals in strata that also hold partner deals.
    pub coverage: f64,
}

/// Per stratum: (partner, direct) closed/won/sums.
#[derive(Default, Clone)]
struct Cell {
    closed: [u64; 2],
    won: [u64; 2],
    won_cents: [i64; 2],
    cycle_sum: [f64; 2],
    cycle_n: [u64; 2],
}

/// Σ w·m_p / Σ w and Σ w·m_d / Σ w over strata where both sides have a value,
/// w = the direct side's weight in the stratum.
fn reweight(
    cells: &[Cell],
    weight: impl Fn(&Cell) -> f64,
    value: impl Fn(&Cell, usize) -> Option<f64>,
) -> Option<Adjusted> {
    let (mut wsum, mut p, mut d) = (0.0, 0.0, 0.0);
    for c in cells {
        let (Some(vp), Some(vd)) = (value(c, 0), value(c, 1)) else { continue };
        let w = weight(c);
        wsum += w;
        p += w * vp;
        d += w * vd;
    }
    (wsum > 0.0).then(|| Adjusted { partner: p / wsum, direct: d / wsum })
}

/// Lifts computed within deal-size bands and segments, weighted like the direct deals.
pub fn mix_adjusted(data: &Dataset, journeys: &Journeys, definition: Definition) -> MixAdjusted {
    let mut amounts: Vec<i64> = data.deals.iter().filter(|d| d.closed).map(|d| d.amount_cents).collect();
    amounts.sort_unstable();
    let edges: Vec<i64> = if amounts.is_empty() {
        Vec::new()
    } else {
        (1..4).map(|q| amounts[(amounts.len() * q / 4).min(amounts.len() - 1)]).collect()
    };
    let band = |cents: i64| edges.partition_point(|&e| e <= cents);
    let by_segment = data.deals.iter().any(|d| d.segment.is_some());
    let mut banded: FastMap<(Option<Sym>, usize), Cell> = FastMap::default();
    let mut segmented: FastMap<Option<Sym>, Cell> = FastMap::default();
    for (i, deal) in data.deals.iter().enumerate().filter(|(_, d)| d.closed) {
        let side = usize::from(!definition.involves(data, journeys, i));
        for cell in [
            banded.entry((deal.segment, band(deal.amount_cents))).or_default(),
            segmented.entry(deal.segment).or_default(),
        ] {
            cell.closed[side] += 1;
            if deal.won {
                cell.won[side] += 1;
                cell.won_cents[side] += deal.amount_cents;
                if let Some(days) = deal.cycle_days() {
                    cell.cycle_sum[side] += f64::from(days);
                    cell.cycle_n[side] += 1;
                }
            }
        }
    }
    let banded: Vec<Cell> = banded.into_values().collect();
    let segmented: Vec<Cell> = segmented.into_values().collect();
    let win_rate = |c: &Cell, s: usize| (c.closed[s] > 0).then(|| c.won[s] as f64 / c.closed[s] as f64);
    let avg = |c: &Cell, s: usize| (c.won[s] > 0).then(|| c.won_cents[s] as f64 / 100.0 / c.won[s] as f64);
    let cycle = |c: &Cell, s: usize| (c.cycle_n[s] > 0).then(|| c.cycle_sum[s] / c.cycle_n[s] as f64);
    let direct_closed: u64 = banded.iter().map(|c| c.closed[1]).sum();
    let covered: u64 = banded.iter().filter(|c| c.closed[0] > 0).map(|c| c.closed[1]).sum();
    MixAdjusted {
        win_rate: reweight(&banded, |c| c.closed[1] as f64, win_rate),
        avg_won_amount: reweight(&segmented, |c| c.won[1] as f64, avg),
        mean_cycle_days: reweight(&banded, |c| c.cycle_n[1] as f64, cycle),
        band_edges: edges.iter().map(|&e| e as f64 / 100.0).collect(),
        by_segment,
        coverage: if direct_closed == 0 { 0.0 } else { covered as f64 / direct_closed as f64 },
    }
}
