//! Ingest phases of one file on disk (not a test): reading records, building
//! the data set, and the worker-to-page hand-over, each timed.
//! `cargo run --release -p engine --example ingest_phases -- FILE...`
//! Then the page's work after the hand-over, in the order the page does it.
use engine::attribution::{ModelId, Params};
use engine::codec;
use engine::ingest::{build, parse_files, InputFile, LoadOptions};
use engine::journey::Dimension;
use engine::value::leaderboard::Leaderboard;
use engine::value::model::{Definition, ValueModel};
use engine::value::overlay::{compare, groups, mix_adjusted, Split};
use engine::view::{DimensionView, Loaded};
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
    let timed = |label: &str, start: Instant| println!("  page: {label:<28} {:>7.0} ms", ms(start));
    let start = Instant::now();
    let loaded = Loaded::new(decoded, "file".into());
    timed("journeys (Loaded::new)", start);
    let start = Instant::now();
    let value = ValueModel::compute(&loaded.data, &loaded.journeys, Definition::AnyPartner);
    timed("value model", start);
    let start = Instant::now();
    let board = Leaderboard::compute(&loaded.data, &loaded.journeys);
    timed("leaderboard", start);
    let start = Instant::now();
    let view = DimensionView::of_loaded(&loaded, Dimension::Partner, None);
    timed("partner view (shared journeys)", start);
    let params = Params::default();
    let start = Instant::now();
    for model in view.models(false).into_iter().filter(|&m| m != ModelId::TimeDecay) {
        let one = Instant::now();
        let _ = view.attribute(&loaded.data, &params, model);
        println!("    {:<15} {:>7.0} ms", model.id(), ms(one));
    }
    timed("models but time decay", start);
    let start = Instant::now();
    let _ = view.attribute(&loaded.data, &params, ModelId::TimeDecay);
    timed("time decay", start);
    let start = Instant::now();
    let overall = groups(&loaded.data, &loaded.journeys, Definition::AnyPartner, Split::Overall).remove(0);
    let _ = compare(&overall);
    timed("overlay", start);
    let start = Instant::now();
    let _ = mix_adjusted(&loaded.data, &loaded.journeys, Definition::AnyPartner);
    timed("mix-adjusted", start);
    drop((value, board));
}
