//! Leptos components, one per file. State lives in [`state`]; browser side
//! effects (reading files, downloads, the panic hook) live in [`browser`].

pub mod app;
pub mod attribution_table;
pub mod board;
pub mod browser;
pub mod chart_frame;
pub mod comparison_chart;
pub mod controls;
pub mod drill_down;
pub mod drop_zone;
pub mod error_panel;
pub mod format;
pub mod ingest;
pub mod leaderboard;
pub mod mapping_panel;
pub mod methodology;
pub mod overview;
pub mod progress_bar;
pub mod quality_panel;
pub mod rank_view;
pub mod results;
pub mod scenario;
pub mod share_panel;
pub mod sharing;
pub mod state;
pub mod value_table;

pub use app::App;
