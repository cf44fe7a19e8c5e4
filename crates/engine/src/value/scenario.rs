//! The scenario planner: what more partner involvement would return.
//!
//! A month-by-month projection. Opportunities arrive evenly; the share that
//! is partner-involved moves in a straight line from today's rate to the
//! target over the first twelve months and then holds. Each month's
//! opportunities close `cycle_days` later at the partner or direct win
//! rate and deal size; revenue that would land after the horizon is not
//! counted. Money is revenue, not margin:
//!
//! - *incremental revenue* = partner-involved opportunities × (partner
//!   win rate × partner deal size − direct win rate × direct deal size),
//!   the §7 formula applied to the projected pipeline;
//! - *gain over today* = the same for the opportunities above today's rate;
//! - *cost* = program cost (spread evenly) + commission on partner bookings;
//! - *ROI* = (incremental revenue − cost) / cost; the *payback month* is the
//!   first month the cumulative incremental revenue covers the cumulative cost.

use crate::dataset::Dataset;
use crate::value::model::ValueModel;
use serde::{Deserialize, Serialize};

/// Every input of the planner (all editable; prefilled from data when there is some).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInputs {
    /// Opportunities created per year.
    pub yearly_opportunities: f64,
    /// Share of opportunities that are partner-involved today (0–1).
    pub current_rate: f64,
    /// Share aimed for (0–1).
    pub target_rate: f64,
    /// Win rate of partner-involved deals (0–1).
    pub partner_win_rate: f64,
    /// Win rate of direct deals (0–1).
    pub direct_win_rate: f64,
    /// Average won partner-involved deal.
    pub partner_deal_size: f64,
    /// Average won direct deal.
    pub direct_deal_size: f64,
    /// Days from creation to close.
    pub cycle_days: f64,
    /// Partners actively bringing deals.
    pub active_partners: f64,
    /// Program cost per year (team, MDF, tools).
    pub program_cost: f64,
    /// Commission paid on partner-involved bookings (0–1).
    pub commission: f64,
    /// Years projected (1–3).
    pub years: u32,
}

impl Default for ScenarioInputs {
    /// Typical B2B figures for a leader with no clean export yet.
    fn default() -> Self {
        ScenarioInputs {
            yearly_opportunities: 1200.0,
            current_rate: 0.2,
            target_rate: 0.35,
            partner_win_rate: 0.3,
            direct_win_rate: 0.2,
            partner_deal_size: 60_000.0,
            direct_deal_size: 50_000.0,
            cycle_days: 90.0,
            active_partners: 15.0,
            program_cost: 750_000.0,
            commission: 0.1,
            years: 3,
        }
    }
}

/// Largest count a scenario input takes (opportunities a year, partners).
pub const MAX_SCENARIO_COUNT: f64 = 1e7;

/// Largest amount a scenario input takes (deal sizes, program cost).
pub const MAX_SCENARIO_AMOUNT: f64 = 1e12;

impl ScenarioInputs {
    /// The inputs clamped to sensible ranges (rates 0–1, counts ≥ 0, 1–3 years).
    /// Every input in its range: rates in [0, 1], counts and amounts from 0
    /// to their bounds ([`MAX_SCENARIO_COUNT`], [`MAX_SCENARIO_AMOUNT`]).
    pub fn sane(&self) -> ScenarioInputs {
        // Bounded above too: a link or a stored setting holding 1e308 once
        // froze the planner (and every later visit, as it was stored).
        let rate = |x: f64| if x.is_finite() { x.clamp(0.0, 1.0) } else { 0.0 };
        let amount = |x: f64| if x.is_finite() { x.clamp(0.0, MAX_SCENARIO_AMOUNT) } else { 0.0 };
        ScenarioInputs {
            yearly_opportunities: amount(self.yearly_opportunities).min(MAX_SCENARIO_COUNT),
            current_rate: rate(self.current_rate),
            target_rate: rate(self.target_rate),
            partner_win_rate: rate(self.partner_win_rate),
            direct_win_rate: rate(self.direct_win_rate),
            partner_deal_size: amount(self.partner_deal_size),
            direct_deal_size: amount(self.direct_deal_size),
            cycle_days: amount(self.cycle_days).min(3650.0),
            active_partners: amount(self.active_partners).min(MAX_SCENARIO_COUNT),
            program_cost: amount(self.program_cost),
            commission: rate(self.commission),
            years: self.years.clamp(1, 3),
        }
    }
}

impl ScenarioInputs {
    /// Inputs prefilled from the data: opportunities per year over the span of
    /// created dates, today's involvement rate, win rates, deal sizes and cycle
    /// of each side, and the partners with a won deal. Cost and commission are
    /// not in a CRM export and keep their typical values; the target is today's
    /// rate plus 15 points.
    pub fn from_data(data: &Dataset, value: &ValueModel, active_partners: usize) -> ScenarioInputs {
        let d = ScenarioInputs::default();
        let years = match data.created_span() {
            Some((f, l)) => (f64::from(l.0 - f.0 + 1) / 365.25).max(1.0 / 12.0),
            None => 1.0,
        };
        let deals = data.deal_count() as f64;
        let current = if deals > 0.0 { value.partner.deals as f64 / deals } else { d.current_rate };
        let (p, x) = (&value.partner, &value.direct);
        let direct_win_rate = x.win_rate().unwrap_or(d.direct_win_rate);
        let direct_deal_size = x.avg_won_amount().unwrap_or(d.direct_deal_size).round();
        // Without a closed partner deal there is nothing to measure: the
        // partner rates start equal to direct (no invented lift) and the page
        // asks for the rates the user assumes.
        let measured = p.win_rate().is_some();
        ScenarioInputs {
            yearly_opportunities: (deals / years).round(),
            current_rate: current,
            target_rate: (current + 0.15).min(1.0),
            partner_win_rate: if measured { p.win_rate().unwrap_or(direct_win_rate) } else { direct_win_rate },
            direct_win_rate,
            partner_deal_size: if measured {
                p.avg_won_amount().unwrap_or(direct_deal_size).round()
            } else {
                direct_deal_size
            },
            direct_deal_size,
            cycle_days: p.mean_cycle_days().or(x.mean_cycle_days()).unwrap_or(d.cycle_days).round(),
            active_partners: active_partners as f64,
            ..d
        }
    }
}

/// Short keys of the settings encoding, in field order.
const KEYS: [&str; 12] = ["opp", "cur", "tgt", "pwr", "dwr", "pds", "dds", "cyc", "ap", "cost", "com", "yrs"];

impl ScenarioInputs {
    fn values(&self) -> [f64; 12] {
        [
            self.yearly_opportunities,
            self.current_rate,
            self.target_rate,
            self.partner_win_rate,
            self.direct_win_rate,
            self.partner_deal_size,
            self.direct_deal_size,
            self.cycle_days,
            self.active_partners,
            self.program_cost,
            self.commission,
            f64::from(self.years),
        ]
    }

    /// A compact `key=value&…` form for local storage and share links (settings only).
    pub fn encode(&self) -> String {
        KEYS.iter().zip(self.values()).map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    }

    /// Read [`ScenarioInputs::encode`]'s form; unknown keys are ignored, missing
    /// ones keep their defaults, and a malformed number rejects the whole text.
    pub fn decode(text: &str) -> Option<ScenarioInputs> {
        let mut v = ScenarioInputs::default().values();
        for pair in text.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=')?;
            let number: f64 = value.parse().ok().filter(|x: &f64| x.is_finite())?;
            if let Some(i) = KEYS.iter().position(|k| *k == key) {
                v[i] = number;
            }
        }
        Some(
            ScenarioInputs {
                yearly_opportunities: v[0],
                current_rate: v[1],
                target_rate: v[2],
                partner_win_rate: v[3],
                direct_win_rate: v[4],
                partner_deal_size: v[5],
                direct_deal_size: v[6],
                cycle_days: v[7],
                active_partners: v[8],
                program_cost: v[9],
                commission: v[10],
                years: v[11].clamp(1.0, 3.0) as u32,
            }
            .sane(),
        )
    }
}

/// One projected year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearProjection {
    /// 1, 2 or 3.
    pub year: u32,
    /// All bookings landing this year.
    pub bookings: f64,
    /// Bookings of partner-involved deals.
    pub partner_bookings: f64,
    /// Incremental revenue of partner-involved deals (§7 formula).
    pub incremental: f64,
    /// Bookings above what today's involvement rate would give.
    pub gain_over_today: f64,
    /// Program cost + commission.
    pub cost: f64,
    /// (incremental − cost) / cost.
    pub roi: Option<f64>,
    /// Involvement rate at the year's end.
    pub rate: f64,
}

/// The projection.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// One entry per year.
    pub years: Vec<YearProjection>,
    /// Cumulative incremental revenue − cumulative cost, per month.
    pub cumulative_net: Vec<f64>,
    /// First month (1-based) the cumulative net is ≥ 0, if within the horizon.
    pub payback_month: Option<u32>,
    /// Partner-involved bookings per active partner in the last year.
    pub bookings_per_partner: Option<f64>,
}

/// Project the inputs month by month.
pub fn project(inputs: &ScenarioInputs) -> Projection {
    let s = inputs.sane();
    let months = s.years * 12;
    let lag = (s.cycle_days / 30.4375).round() as u32;
    let per_month = s.yearly_opportunities / 12.0;
    let (value_p, value_d) = (s.partner_win_rate * s.partner_deal_size, s.direct_win_rate * s.direct_deal_size);
    let rate_at = |m: u32| s.current_rate + (s.target_rate - s.current_rate) * (f64::from(m).min(12.0) / 12.0);
    let monthly_cost = s.program_cost / 12.0;
    let mut years: Vec<YearProjection> = (1..=s.years)
        .map(|year| YearProjection {
            year,
            bookings: 0.0,
            partner_bookings: 0.0,
            incremental: 0.0,
            gain_over_today: 0.0,
            cost: 0.0,
            roi: None,
            rate: rate_at(year * 12),
        })
        .collect();
    let (mut cumulative, mut cumulative_net, mut payback_month) = (0.0, Vec::new(), None);
    for month in 1..=months {
        let y = &mut years[((month - 1) / 12) as usize];
        // Revenue landing this month comes from opportunities created `lag` months earlier.
        let (mut partner, mut incremental, mut gain, mut bookings) = (0.0, 0.0, 0.0, 0.0);
        if month > lag {
            let rate = rate_at(month - lag);
            partner = per_month * rate * value_p;
            bookings = partner + per_month * (1.0 - rate) * value_d;
            incremental = per_month * rate * (value_p - value_d);
            gain = per_month * (rate - s.current_rate) * (value_p - value_d);
        }
        let cost = monthly_cost + s.commission * partner;
        y.bookings += bookings;
        y.partner_bookings += partner;
        y.incremental += incremental;
        y.gain_over_today += gain;
        y.cost += cost;
        cumulative += incremental - cost;
        cumulative_net.push(cumulative);
        if payback_month.is_none() && cumulative >= 0.0 && (incremental > 0.0) {
            payback_month = Some(month);
        }
    }
    for y in &mut years {
        y.roi = (y.cost > 0.0).then(|| (y.incremental - y.cost) / y.cost);
    }
    let bookings_per_partner =
        years.last().filter(|_| s.active_partners > 0.0).map(|y| y.partner_bookings / s.active_partners);
    Projection { years, cumulative_net, payback_month, bookings_per_partner }
}
