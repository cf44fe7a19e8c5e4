//! Engine benchmark (not a test): parse and compute every model on generated data.
//! `cargo run --release --example bench -- [deals]` (default 100,000).
use partner_attribution::engine::attribution::{attribute, available_models, Params};
use partner_attribution::engine::ingest::{load, InputFile};
use partner_attribution::engine::journey::Journeys;
use partner_attribution::engine::sample::generate_csv;
use std::time::Instant;

fn main() {
    let deals: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let (d, t) = generate_csv(deals, 42);
    let mb = (d.len() + t.len()) as f64 / 1e6;
    let start = Instant::now();
    let data = load(&[
        InputFile { name: "deals.csv".into(), bytes: d.into_bytes() },
        InputFile { name: "touches.csv".into(), bytes: t.into_bytes() },
    ])
    .unwrap();
    let parse = start.elapsed();
    let touches = data.touches.as_ref().map_or(0, Vec::len);
    println!(
        "{deals} deals, {touches} touches, {mb:.1} MB: parse {:.0} ms ({:.1} MB/s)",
        parse.as_secs_f64() * 1e3,
        mb / parse.as_secs_f64()
    );
    let start = Instant::now();
    let journeys = Journeys::build(&data);
    println!("journeys {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    let mut total = 0.0;
    for model in available_models(&journeys) {
        let start = Instant::now();
        let r = attribute(&data, &journeys, model, &Params::default());
        let ms = start.elapsed().as_secs_f64() * 1e3;
        total += ms;
        println!("{:<15} {ms:>8.1} ms ({} keys)", model.id(), r.credits.len());
    }
    println!("all models {total:.1} ms = {:.0}% of parse", total / (parse.as_secs_f64() * 1e3) * 100.0);
}
