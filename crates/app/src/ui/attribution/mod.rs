//! The attribution screen: controls, the matrix of every model, the
//! comparison chart, the robust-rank view, drill-down and the methodology.

pub mod attribution_table;
pub mod comparison_chart;
pub mod controls;
pub mod drill_down;
pub mod methodology;
pub mod rank_view;
