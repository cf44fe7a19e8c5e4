//! The pure-Rust engine: ingest, the deal store, attribution models, value
//! metrics, exports and sample data. Nothing here knows about the browser:
//! the crate depends on no web crate, so the compiler enforces it. The page
//! (`app`), the ingest Web Worker (`worker`) and the command-line program
//! (`partner-attribution`) all drive it.

pub mod attribution;
pub mod base64url;
pub mod codec;
pub mod dataset;
pub mod date;
pub mod error;
pub mod export;
pub mod hash;
pub mod ingest;
pub mod journey;
pub mod money;
pub mod protocol;
pub mod rng;
pub mod sample;
pub mod sample_accounts;
pub mod share;
pub mod value;
pub mod view;
pub mod warehouse;
