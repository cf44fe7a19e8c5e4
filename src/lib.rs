//! Partner-attribution calculator that runs entirely in the browser.
//!
//! - [`engine`]: pure Rust — ingest, the deal store, attribution models,
//!   value metrics, exports, sample data.
//! - [`chart`]: plotters drawing functions, generic over the backend.
//! - [`ui`]: Leptos components; `main.rs` only mounts [`ui::App`].

pub mod chart;
pub mod engine;
pub mod ui;
pub mod worker;
