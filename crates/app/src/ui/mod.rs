//! Leptos components, grouped in folders by screen: [`load`] (getting data
//! in), [`attribution`], [`value`] and [`board`]. State lives in [`state`];
//! browser side effects (files, downloads, storage, the panic hook) live in
//! [`browser`]; [`ingest`] is the page's side of the ingest worker.

pub mod app;
pub mod attribution;
pub mod board;
pub mod browser;
pub mod chart_frame;
pub mod format;
pub mod ingest;
pub mod load;
pub mod results;
pub mod state;
pub mod value;

pub use app::App;
