//! Write a sample-like data set of any size as canonical CSV files:
//! `cargo run --release --example generate -- 100000 /tmp/bench` writes
//! `/tmp/bench/deals.csv` and `/tmp/bench/touches.csv`.
use partner_attribution::engine::sample::generate_csv;

fn main() {
    let mut args = std::env::args().skip(1);
    let deals: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = args.next().unwrap_or_else(|| ".".into());
    std::fs::create_dir_all(&dir).expect("output folder");
    let (d, t) = generate_csv(deals, 42);
    std::fs::write(format!("{dir}/deals.csv"), d).expect("write deals.csv");
    std::fs::write(format!("{dir}/touches.csv"), t).expect("write touches.csv");
    println!("{deals} deals written to {dir}");
}
