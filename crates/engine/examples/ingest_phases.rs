//! Ingest phases of one file on disk (not a test): reading records, building
//! the data set, and the worker-to-page hand-over, each timed.
//! `cargo run --release -p engine --example ingest_phases -- FILE...`
use engine::codec;
use engine::ingest::{build, parse_files, InputFile, LoadOptions};
use std::time::Instant;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let files: Vec<InputFile> = std::env::args()
        .skip(1)
        .map(|p| InputFile { bytes: std::fs::read(&p).expect("readable file"), name: p })
        .collect();
    let mb = files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1e6;
    let start = Instant::now();
    let parsed = parse_files(&files).expect("parsed");
    let read = ms(start);
    let start = Instant::now();
    let data = build(&parsed, &LoadOptions::default()).expect("built");
    let built = ms(start);
    let start = Instant::now();
    let bytes = codec::encode(&data);
    let encode = ms(start);
    let start = Instant::now();
    let decoded = codec::decode(&bytes).expect("decoded");
    let decode = ms(start);
    println!(
        "{mb:.1} MB, {} deals: read records {read:.0} ms ({:.0} MB/s), build {built:.0} ms, encode {encode:.0} ms, decode {decode:.0} ms",
        decoded.deals.len(),
        mb / (read / 1e3)
    );
}
