//! Engine benchmark (not a test): parse and compute every model on generated data.
//! `cargo run --release -p engine --example bench -- [deals] [--deals-only]` (default 100,000 deals with touches).
//! Prints each ingest phase (reading records, building the data set, the
//! worker-to-page hand-over) and every model's compute time.
use engine::attribution::{attribute, available_models, Params};
use engine::codec;
use engine::ingest::{build, parse_files, InputFile, LoadOptions};
use engine::journey::Journeys;
use engine::sample::generate_csv;
use std::time::Instant;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let deals: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let deals_only = args.iter().any(|a| a == "--deals-only");
    let (d, t) = generate_csv(deals, 42);
    let mut files = vec![InputFile { name: "deals.csv".into(), bytes: d.into_bytes() }];
    if !deals_only {
        files.push(InputFile { name: "touches.csv".into(), bytes: t.into_bytes() });
    }
    let mb = files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1e6;
    let start = Instant::now();
    let parsed = parse_files(&files).unwrap();
    let read = ms(start);
    let start = Instant::now();
    let data = build(&parsed, &LoadOptions::default()).unwrap();
    let built = ms(start);
    let parse = read + built;
    let touches = data.touches.as_ref().map_or(0, Vec::len);
    println!(
        "{deals} deals, {touches} touches, {mb:.1} MB: parse {parse:.0} ms ({:.1} MB/s) = read records {read:.0} ms + build {built:.0} ms",
        mb / (parse / 1e3)
    );
    let start = Instant::now();
    let bytes = codec::encode(&data);
    let encode = ms(start);
    let start = Instant::now();
    let decoded = codec::decode(&bytes).unwrap();
    println!("hand-over: encode {encode:.0} ms, decode {:.0} ms, {:.1} MB", ms(start), bytes.len() as f64 / 1e6);
    drop(decoded);
    let start = Instant::now();
    let journeys = Journeys::build(&data);
    println!("journeys {:.1} ms", ms(start));
    let mut total = 0.0;
    for model in available_models(&journeys) {
        let start = Instant::now();
        let r = attribute(&data, &journeys, model, &Params::default());
        let took = ms(start);
        total += took;
        println!("{:<15} {took:>8.1} ms ({} keys)", model.id(), r.credits.len());
    }
    println!("all models {total:.1} ms = {:.0}% of parse", total / parse * 100.0);
}
