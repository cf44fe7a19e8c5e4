//! The partnership value model: the §7 segment metrics ([`model`]), and
//! beyond them intervals, the overlay with splits and mix adjustment, the
//! partner leaderboard, the scenario planner and KPI guidance.

pub mod breakdown;
pub mod kpi;
pub mod leaderboard;
pub mod model;
pub mod motions;
pub mod overlay;
pub mod retention;
pub mod scenario;
pub mod stage_days;
pub mod stats;
