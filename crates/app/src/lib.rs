//! The page of the partner-attribution calculator, over the `engine` crate.
//!
//! - [`chart`]: plotters drawing functions, generic over the backend.
//! - [`pptx`]: the PowerPoint writer for the board deck (no Leptos).
//! - [`ui`]: Leptos components; `main.rs` only mounts [`ui::App`].

pub mod chart;
pub mod pptx;
pub mod ui;
