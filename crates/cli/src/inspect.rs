//! `partner-attribution inspect`: what the page would do with these files,
//! without writing anything — each file's kind and column mapping with its
//! confidence, whether the page would show results with no click or open the
//! mapping panel (and with which guesses), then what the load found.

use engine::ingest::roles::{roles_of, Mapping};
use engine::ingest::{build, parse_files_with, InputFile, ParsedFile};
use engine::journey::Journeys;
use std::fmt::Write;

/// The report for these files, as text for a terminal.
pub fn report(inputs: &[InputFile]) -> Result<String, String> {
    let parsed = parse_files_with(inputs, &crate::commands::read_choice()).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for file in &parsed {
        file_part(&mut out, file);
    }
    let confident = parsed.iter().all(ParsedFile::is_confident);
    let unfixable: Vec<String> = parsed.iter().filter_map(|f| f.unfixable().map(|e| e.to_string())).collect();
    let built = build(&parsed, &Default::default());
    let page = match (&built, unfixable.is_empty()) {
        (_, false) => format!("shows the message \"{}\"", unfixable.join("; ")),
        (Ok(_), true) if confident => {
            let check: Vec<String> = parsed
                .iter()
                .flat_map(|f| f.mapping.uncertain(f.kind, engine::ingest::roles::CONFIDENT))
                .map(|r| r.replace('_', " "))
                .collect();
            if check.is_empty() {
                "shows the results with no click".to_string()
            } else {
                format!("shows the results with no click, and a bar asking to check: {}", check.join(", "))
            }
        }
        (Err(e), true) if confident => format!("shows the message \"{e}\" and opens the mapping panel"),
        _ => "opens the mapping panel with the guesses above".to_string(),
    };
    let _ = writeln!(out, "page: {page}");
    match built {
        Ok(data) => {
            let journeys = Journeys::build(&data);
            let won = data.deals.iter().filter(|d| d.won).count();
            let won_cents: i128 = data.deals.iter().filter(|d| d.won).map(|d| i128::from(d.amount_cents)).sum();
            let partner = (0..data.deals.len()).filter(|&i| journeys.has_partner(i)).count();
            let problems = data.quality.problems();
            let _ = writeln!(
                out,
                "load: {} deals ({} won, won revenue {}.{:02} {}), {} with a partner; {} of {} rows have problems",
                data.deals.len(),
                won,
                won_cents / 100,
                (won_cents % 100).abs(),
                data.currency,
                partner,
                problems.deal_rows_affected,
                problems.deal_rows
            );
            for notice in data.quality.notices() {
                let _ = writeln!(out, "  note: {notice}");
            }
        }
        Err(e) => {
            let _ = writeln!(out, "load with these guesses: {e}");
        }
    }
    Ok(out)
}

fn file_part(out: &mut String, file: &ParsedFile) {
    let _ = writeln!(
        out,
        "{}: {} file, {} rows, {}, delimiter {:?}",
        file.name,
        file.kind.label(),
        file.table.len(),
        file.report.encoding,
        file.report.delimiter as char
    );
    let m: &Mapping = &file.mapping;
    for role in roles_of(file.kind) {
        let columns = m.all(role.id);
        if columns.is_empty() {
            continue;
        }
        let names: Vec<&str> = columns.iter().map(|&c| file.table.headers[c].as_str()).collect();
        let confidence = m.confidence.get(role.id).copied().unwrap_or(0.0);
        let _ = writeln!(out, "  {:<22} ← {} ({:.0}%)", role.id, names.join(", "), confidence * 100.0);
        if let Some(why) = m.reasons.get(role.id) {
            let _ = writeln!(out, "  {:<22}   {why}", "");
        }
    }
    for role in roles_of(file.kind).iter().filter(|r| m.all(r.id).is_empty()) {
        if let Some(why) = m.reasons.get(role.id) {
            let _ = writeln!(out, "  {:<22} ← (none): {why}", role.id);
        }
    }
    let missing = m.missing(file.kind);
    if !missing.is_empty() {
        let _ = writeln!(out, "  missing: {}", missing.join(", "));
    }
}
