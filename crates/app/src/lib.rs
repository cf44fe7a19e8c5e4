//! The page of the partner-attribution calculator, over the `engine` crate.
//!
//! - [`chart`]: plotters drawing functions, generic over the backend.
//! - [`ui`]: Leptos components; `main.rs` only mounts [`ui::App`].

pub mod chart;
pub mod ui;
