//! The partnership value model beyond the §7 table: intervals, the overlay
//! with splits and mix adjustment, the partner leaderboard, the scenario
//! planner and KPI guidance. The §7 segment metrics live in
//! [`value_model`](crate::engine::value_model).

pub mod kpi;
pub mod leaderboard;
pub mod overlay;
pub mod scenario;
pub mod stats;
