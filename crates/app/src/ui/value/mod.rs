//! The value screen: overview cards, partner vs direct with intervals and
//! the waterfall, the partner leaderboard and the scenario planner.

pub mod leaderboard;
pub mod overview;
pub mod scenario;
pub mod stages_view;
pub mod value_table;
