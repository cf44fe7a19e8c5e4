//! Entry point of the ingest Web Worker (built by Trunk as a worker).
//!
//! Files are read, parsed and turned into a data set off the main thread, so
//! the page stays responsive on a 150 MB export. What crosses `postMessage`
//! is `engine::protocol` (via `serde-wasm-bindgen`; the data set itself
//! travels as one transferred binary buffer, see `engine::codec`). The page's
//! side is `app::ui::ingest`.

#[cfg(target_arch = "wasm32")]
mod range_readers;
#[cfg(target_arch = "wasm32")]
mod runtime;

fn main() {
    #[cfg(target_arch = "wasm32")]
    runtime::run();
}
