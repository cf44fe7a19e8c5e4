//! What each command does: read files, drive the engine, write files.

use crate::args::Command;
use engine::dataset::Dataset;
use engine::export::default_exports;
use engine::ingest::arr::{read_arr, read_installs};
use engine::ingest::stage_history::read_stage_history;
use engine::ingest::{build, parse_files_with, InputFile, ReadChoice};
use engine::journey::Journeys;
use engine::sample::generate_csv;
use engine::value::model::Definition;
use engine::value::retention::{retention, retention_csv};
use engine::value::stage_days::{stage_days, stage_days_csv};
use std::path::Path;

/// Run a parsed command; the error is the message for the user.
pub fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Help(text) => {
            print!("{text}");
            Ok(())
        }
        Command::Export { files, stage_history, arr, integrations, out } => {
            let data = export(&files, &out)?;
            if let (None, Some(history)) = (&stage_history, &data.accounts.stage_history) {
                // HubSpot's "Date entered" columns: the history is in the deal file.
                let journeys = Journeys::build(&data);
                let result = stage_days(&data, &journeys, history, Definition::AnyPartner);
                write(&out, "stage_days.csv", &stage_days_csv(&result))?;
            }
            if stage_history.is_some() || arr.is_some() {
                let journeys = Journeys::build(&data);
                if let Some(path) = stage_history {
                    write(&out, "stage_days.csv", &stage_days_export(&data, &journeys, &read(&path)?)?)?;
                }
                if let Some(path) = arr {
                    let installs = integrations.map(|p| read(&p)).transpose()?;
                    write(
                        &out,
                        "retention.csv",
                        &retention_export(&data, &journeys, &read(&path)?, installs.as_ref())?,
                    )?;
                }
            }
            Ok(())
        }
        Command::Sample { deals, seed, out } => sample(deals, seed, &out),
        Command::ExportAggregates { dir, out } => crate::warehouse::export_aggregates(&dir, &out),
        Command::Sql(args) => crate::warehouse::sql(&args),
        Command::Inspect { files } => {
            let inputs = files.iter().map(|p| read(p)).collect::<Result<Vec<_>, _>>()?;
            let text = crate::inspect::report(&inputs)?;
            print!("{text}");
            if text.contains("\nload: ") {
                Ok(())
            } else {
                Err("no results with the automatic choices (see above)".into())
            }
        }
    }
}

pub(crate) fn read(path: &Path) -> Result<InputFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(InputFile { name: path.display().to_string(), bytes })
}

pub(crate) fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Write `attribution.csv` and `value_model.csv`; the data set is kept for
/// the §7a/§7b exports.
fn export(files: &[std::path::PathBuf], out: &Path) -> Result<Dataset, String> {
    let inputs = files.iter().map(|p| read(p)).collect::<Result<Vec<_>, _>>()?;
    let parsed = parse_files_with(&inputs, &read_choice()).map_err(|e| e.to_string())?;
    let data = build(&parsed, &Default::default()).map_err(|e| e.to_string())?;
    // The records' text is not needed past the build.
    drop(parsed);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (attribution, value_model) = default_exports(&data);
    write(out, "attribution.csv", &attribution)?;
    write(out, "value_model.csv", &value_model)?;
    for notice in data.quality.notices() {
        eprintln!("note: {notice}");
    }
    Ok(data)
}

fn sample(deals: usize, seed: u64, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (d, t) = generate_csv(deals, seed);
    write(out, "deals.csv", &d)?;
    write(out, "touches.csv", &t)
}

fn stage_days_export(data: &Dataset, journeys: &Journeys, file: &InputFile) -> Result<String, String> {
    let history = read_stage_history(&file.name, &file.bytes).map_err(|e| e.to_string())?;
    let result = stage_days(data, journeys, &history, Definition::AnyPartner);
    if result.unmatched_rows + result.unreadable_rows > 0 {
        eprintln!(
            "note: stage history: {} row(s) naming {} unknown deal(s) and {} row(s) without a readable date were ignored",
            result.unmatched_rows,
            result.unmatched_ids.len(),
            result.unreadable_rows
        );
    }
    Ok(stage_days_csv(&result))
}

fn retention_export(
    data: &Dataset,
    journeys: &Journeys,
    arr: &InputFile,
    integrations: Option<&InputFile>,
) -> Result<String, String> {
    let snapshots = read_arr(&arr.name, &arr.bytes).map_err(|e| e.to_string())?;
    let installs = integrations
        .map(|f| read_installs(&f.name, &f.bytes).map(|r| r.rows))
        .transpose()
        .map_err(|e| e.to_string())?;
    let result = retention(data, journeys, &snapshots.rows, installs.as_deref(), None)
        .ok_or("the ARR file holds no snapshot that could be read")?;
    Ok(retention_csv(&result))
}

/// How files are read: `PA_READERS=N` sets how many readers split a large
/// file (default: one per core); the result is the same whatever N.
pub fn read_choice() -> ReadChoice {
    let readers = std::env::var("PA_READERS").ok().and_then(|n| n.trim().parse().ok());
    ReadChoice { readers, ..ReadChoice::default() }
}
