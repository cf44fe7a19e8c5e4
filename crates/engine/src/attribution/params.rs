//! Model parameters and filters the user can change. The defaults give
//! exactly the specification's numbers.

use crate::dataset::Deal;
use crate::date::Day;

/// Which revenue the models divide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RevenueBase {
    /// Won deals' amounts (the spec default).
    #[default]
    Won,
    /// Open deals' amounts: who is behind today's pipeline.
    OpenPipeline,
}

/// Share of a journey given to its first, middle and last positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PositionWeights {
    /// First touch.
    pub first: f64,
    /// All middle touches together.
    pub middle: f64,
    /// Last touch.
    pub last: f64,
}

/// Parameters of the models and the scope of deals they see.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Time-decay half-life in days.
    pub half_life_days: f64,
    /// Which revenue is divided.
    pub base: RevenueBase,
    /// Only deals closing (or expected to close) on or after this day.
    pub close_from: Option<Day>,
    /// Only deals closing (or expected to close) on or before this day.
    pub close_to: Option<Day>,
    /// Weights of the custom position model.
    pub custom: PositionWeights,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            half_life_days: 30.0,
            base: RevenueBase::Won,
            close_from: None,
            close_to: None,
            custom: PositionWeights { first: 0.3, middle: 0.4, last: 0.3 },
        }
    }
}

impl Params {
    /// Whether a deal passes the close-date filter (no filter: every deal).
    pub fn in_scope(&self, deal: &Deal) -> bool {
        if self.close_from.is_none() && self.close_to.is_none() {
            return true;
        }
        deal.close.is_some_and(|c| self.close_from.is_none_or(|f| c >= f) && self.close_to.is_none_or(|t| c <= t))
    }

    /// Whether a deal's amount is part of the revenue base.
    pub fn credited(&self, deal: &Deal) -> bool {
        self.in_scope(deal)
            && match self.base {
                RevenueBase::Won => deal.won,
                RevenueBase::OpenPipeline => !deal.closed,
            }
    }
}
