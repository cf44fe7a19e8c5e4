//! Ingest tests: the CSV driver and values, real export shapes, and random
//! bytes that must never panic.

#[path = "../common/mod.rs"]
mod common;

mod cells;
mod columns;
mod evidence;
mod formats;
mod ranges;
mod reading;
mod real_exports;
mod robustness;
