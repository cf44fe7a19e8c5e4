//! Stage histories (spec §7a) in the shapes CRMs give: one row per stage
//! entered (`deal_id, stage, entered_date`; Salesforce "Opportunity History"
//! with `From Stage`/`To Stage` and `Last Modified`; Pipedrive stage
//! changes), or HubSpot's wide "Date entered <stage>" columns, one per stage,
//! in the deal export itself.

use super::csv_reader::{normalise_header, read_table_with, Table};
use super::values::{infer_date_order, is_null_marker, parse_date, DateOrder};
use crate::date::Day;
use crate::error::IngestError;

/// One stage a deal entered, in file order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StageEntry {
    /// The deal id as written in the file.
    pub deal_id: String,
    /// The stage label.
    pub stage: String,
    /// When the deal entered it.
    pub entered: Day,
}

/// A stage history read from a file, with what was ignored.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StageHistory {
    /// Entries in file order (ties on a date keep this order).
    pub entries: Vec<StageEntry>,
    /// Lines whose date could not be read: ignored and counted (§7a).
    pub unreadable_dates: Vec<u64>,
}

const ID_HEADERS: &[&str] =
    &["deal_id", "opportunity id", "opportunity_id", "opportunityid", "deal id", "record id", "deal - id", "id"];
const STAGE_HEADERS: &[&str] =
    &["stage", "to stage", "to_stage", "new stage", "stage name", "stagename", "deal - stage", "new value"];
const DATE_HEADERS: &[&str] = &[
    "entered_date",
    "entered date",
    "date entered",
    "last modified",
    "last modified date",
    "lastmodifieddate",
    "created date",
    "createddate",
    "edit date",
    "change time",
    "update time",
    "changed",
    "date",
];
/// HubSpot's wide shape: `Date entered "Closed Won (Sales Pipeline)"`.
const WIDE_PREFIX: &str = "date entered";

/// The stage name in a wide column header, without quotes or the pipeline.
fn wide_stage(header: &str) -> Option<String> {
    let rest = header.trim();
    let lower = rest.to_lowercase();
    let rest = rest.get(lower.find(WIDE_PREFIX)? + WIDE_PREFIX.len()..)?.trim();
    let rest = rest.trim_matches(|c: char| c == '"' || c == '\'' || c == ':' || c.is_whitespace());
    let stage = match rest.rfind(" (") {
        Some(at) if rest.ends_with(')') => &rest[..at],
        _ => rest,
    };
    (!stage.is_empty()).then(|| stage.trim().to_string())
}

/// Whether a table is a stage history of the long shape (one row per stage
/// entered). A deal file with HubSpot's wide columns stays a deal file, and
/// its history is read from it too ([`has_wide_stage_columns`]).
pub fn is_long_stage_history(table: &Table) -> bool {
    table.first_column_named(ID_HEADERS).is_some()
        && table.first_column_named(DATE_HEADERS).is_some()
        && table.headers.iter().any(|h| {
            let h = normalise_header(h);
            h == normalise_header("to stage") || h == normalise_header("entered_date") || h.contains("stage change")
        })
}

/// Whether a table has HubSpot's "Date entered <stage>" columns.
pub fn has_wide_stage_columns(table: &Table) -> bool {
    table.headers.iter().any(|h| wide_stage(h).is_some() && h.to_lowercase().contains(WIDE_PREFIX))
}

/// Read a stage history from a file's bytes (any encoding and delimiter the
/// deal files accept).
pub fn read_stage_history(name: &str, bytes: &[u8]) -> Result<StageHistory, IngestError> {
    let (table, _) = read_table_with(name, bytes, None)?;
    stage_history_of(name, &table)
}

/// Read a stage history from a parsed table.
pub fn stage_history_of(name: &str, table: &Table) -> Result<StageHistory, IngestError> {
    let id = table
        .first_column_named(ID_HEADERS)
        .ok_or_else(|| IngestError::file(name, "a stage history needs a deal id column (deal_id or Opportunity ID)"))?;
    let wide: Vec<(usize, String)> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| h.to_lowercase().contains(WIDE_PREFIX))
        .filter_map(|(c, h)| wide_stage(h).map(|s| (c, s)))
        .collect();
    let mut history = StageHistory::default();
    let value = |c: usize, i: usize| table.row(i).get(c).map(str::trim).filter(|v| !v.is_empty() && !is_null_marker(v));
    if !wide.is_empty() {
        let order = infer_date_order(
            wide.iter().flat_map(|&(c, _)| (0..table.len()).filter_map(move |i| value(c, i))),
            DateOrder::MonthFirst,
        )
        .value();
        for (i, (line, row)) in table.rows().enumerate() {
            let Some(deal) = row.get(id).map(str::trim).filter(|v| !v.is_empty()) else { continue };
            for (c, stage) in &wide {
                let Some(text) = value(*c, i) else { continue };
                match parse_date(text, order) {
                    Some(entered) => {
                        history.entries.push(StageEntry { deal_id: deal.into(), stage: stage.clone(), entered })
                    }
                    None => history.unreadable_dates.push(line),
                }
            }
        }
        return Ok(history);
    }
    let stage = table
        .first_column_named(STAGE_HEADERS)
        .ok_or_else(|| IngestError::file(name, "a stage history needs a stage column (stage or To Stage)"))?;
    let date = table.first_column_named(DATE_HEADERS).ok_or_else(|| {
        IngestError::file(name, "a stage history needs a date column (entered_date or Last Modified)")
    })?;
    let order = infer_date_order((0..table.len()).filter_map(|i| value(date, i)), DateOrder::MonthFirst).value();
    for (i, (line, _)) in table.rows().enumerate() {
        let (Some(deal), Some(stage)) = (value(id, i), value(stage, i)) else { continue };
        match value(date, i).and_then(|t| parse_date(t, order)) {
            Some(entered) => history.entries.push(StageEntry { deal_id: deal.into(), stage: stage.into(), entered }),
            None => history.unreadable_dates.push(line),
        }
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_headers_name_their_stage() {
        let cases = [
            ("Date entered \"Closed Won (Sales Pipeline)\"", Some("Closed Won")),
            ("Date entered Appointment scheduled", Some("Appointment scheduled")),
            ("Date entered 'Demo'", Some("Demo")),
            ("Date entered", None),
        ];
        for (header, stage) in cases {
            assert_eq!(wide_stage(header).as_deref(), stage, "{header}");
        }
    }

    #[test]
    fn long_and_wide_shapes_give_the_same_entries() {
        let long = "deal_id,stage,entered_date\nD1,Prospecting,2025-01-02\nD1,Won,2025-01-09\nD2,Prospecting,#N/A\n";
        let wide = "Record ID,Deal Name,Date entered \"Prospecting (Sales Pipeline)\",Date entered \"Won (Sales Pipeline)\"\nD1,A,01/02/2025,01/09/2025\nD2,B,not a date,\n";
        let a = read_stage_history("long.csv", long.as_bytes()).unwrap();
        let b = read_stage_history("wide.csv", wide.as_bytes()).unwrap();
        assert_eq!(a.entries, b.entries);
        assert_eq!(a.entries.len(), 2);
        assert_eq!((a.unreadable_dates.len(), b.unreadable_dates.len()), (1, 1));
    }
}
