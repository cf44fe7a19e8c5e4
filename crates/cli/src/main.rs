//! `partner-attribution`: the page's engine on the command line.
//!
//! The same ingest (every format the page reads), the same models and the
//! same exports as the browser, for scripts, CI and data teams.

mod args;
mod commands;
mod inspect;
mod warehouse;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::Command::parse(&argv) {
        Ok(args::Command::Help(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok(command) => match commands::run(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("partner-attribution: {message}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("partner-attribution: {message}\n\nRun `partner-attribution --help` for the usage.");
            ExitCode::from(2)
        }
    }
}
