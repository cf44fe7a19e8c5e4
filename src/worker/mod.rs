//! The ingest Web Worker: files are read, parsed and turned into a data set
//! off the main thread, so the page stays responsive on a 150 MB export.
//!
//! [`protocol`] is what crosses `postMessage` (via `serde-wasm-bindgen`;
//! the data set itself travels as one transferred binary buffer, see
//! `engine::codec`). [`runtime`] is the worker's side; the page's side is
//! `ui::ingest`.

pub mod protocol;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
