//! Files dropped on the page that are the warehouse's `pa_` tables (spec
//! §10): recognised by their headers, finished into a data set of weighted
//! journey patterns — no deal row ever loaded.

use super::aggregates::{aggregates_of, all_aggregate_tables};
use super::finish::finish;
use crate::dataset::Dataset;
use crate::error::IngestError;
use crate::ingest::ParsedFile;

/// The words the page adds to the source line of warehouse results.
pub const WAREHOUSE_SOURCE: &str = "computed in your warehouse";

/// `None` when no file is a `pa_` table (ordinary exports); otherwise the
/// data set the tables give, or why they give none (including a mix of
/// `pa_` tables and deal exports, which cannot be combined).
pub fn dataset_of_aggregates(files: &[ParsedFile]) -> Option<Result<(Dataset, String), IngestError>> {
    let is_pa = |f: &ParsedFile| all_aggregate_tables(std::iter::once(f.table.headers.as_slice()));
    if !files.iter().any(is_pa) {
        return None;
    }
    if let Some(other) = files.iter().find(|f| !is_pa(f)) {
        return Some(Err(IngestError::file(
            &other.name,
            "this file is not a pa_ table, but the others are: drop either the pa_ tables of the warehouse \
             script or your CRM exports, not both",
        )));
    }
    let named: Vec<(&str, &crate::ingest::csv_reader::Table)> =
        files.iter().map(|f| (f.name.as_str(), &f.table)).collect();
    Some(aggregates_of(&named).and_then(|agg| {
        let data = finish(&agg);
        crate::ingest::money_in_range(&data, "pa_journeys")?;
        let tables = files.len();
        Ok((data, format!("{tables} pa_ tables · {WAREHOUSE_SOURCE}")))
    }))
}
