//! Engine tests: every model by hand, the cooperative games, dimensions, the
//! spec fixtures byte for byte, the value model and share links.

#[path = "../common/mod.rs"]
mod common;

mod bounded;
mod dimensions;
mod games;
mod hostile;
mod models;
mod rounding;
mod share;
mod spec_fixtures;
mod stages;
mod value_analysis;
mod value_model;
mod warehouse;
