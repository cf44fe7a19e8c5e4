//! What each command does: read files, drive the engine, write files.

use crate::args::Command;
use engine::export::default_exports;
use engine::ingest::{load, InputFile};
use engine::sample::generate_csv;
use std::path::Path;

/// Run a parsed command; the error is the message for the user.
pub fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Help(text) => {
            print!("{text}");
            Ok(())
        }
        Command::Export { files, out } => export(&files, &out),
        Command::Sample { deals, seed, out } => sample(deals, seed, &out),
    }
}

fn read(path: &Path) -> Result<InputFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(InputFile { name: path.display().to_string(), bytes })
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

fn export(files: &[std::path::PathBuf], out: &Path) -> Result<(), String> {
    let inputs = files.iter().map(|p| read(p)).collect::<Result<Vec<_>, _>>()?;
    let data = load(&inputs).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (attribution, value_model) = default_exports(&data);
    write(out, "attribution.csv", &attribution)?;
    write(out, "value_model.csv", &value_model)?;
    for notice in data.quality.notices() {
        eprintln!("note: {notice}");
    }
    Ok(())
}

fn sample(deals: usize, seed: u64, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (d, t) = generate_csv(deals, seed);
    write(out, "deals.csv", &d)?;
    write(out, "touches.csv", &t)
}
