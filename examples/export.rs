//! Print the attribution and value-model exports for the given files:
//! `cargo run --release --example export -- deals.csv [touches.csv]`.
use partner_attribution::engine::attribution::{attribute, available_models, Params};
use partner_attribution::engine::export::{attribution_csv, value_model_csv};
use partner_attribution::engine::ingest::{load, InputFile};
use partner_attribution::engine::journey::{Dimension, Journeys};
use partner_attribution::engine::value_model::{Definition, ValueModel};

fn main() {
    let files: Vec<InputFile> = std::env::args()
        .skip(1)
        .map(|p| InputFile { bytes: std::fs::read(&p).expect("readable file"), name: p })
        .collect();
    let data = match load(&files) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let journeys = Journeys::build(&data);
    let params = Params::default();
    let results: Vec<_> =
        available_models(&journeys).into_iter().map(|m| attribute(&data, &journeys, m, &params)).collect();
    print!("{}", attribution_csv(&data.strings, &[(Dimension::Partner, &results)]));
    print!("{}", value_model_csv(&ValueModel::compute(&data, &journeys, Definition::AnyPartner)));
}
