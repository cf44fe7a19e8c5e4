//! The pure-Rust engine: ingest, the deal store, attribution models, value
//! metrics, exports and sample data. Nothing here knows about the browser.

pub mod attribution;
pub mod codec;
pub mod dataset;
pub mod date;
pub mod error;
pub mod export;
pub mod hash;
pub mod ingest;
pub mod journey;
pub mod money;
pub mod rng;
pub mod sample;
pub mod share;
pub mod value;
pub mod value_model;
