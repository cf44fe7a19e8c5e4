//! Entry point of the ingest Web Worker (built by Trunk as a worker).

fn main() {
    #[cfg(target_arch = "wasm32")]
    partner_attribution::worker::runtime::run();
}
