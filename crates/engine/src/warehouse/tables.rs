//! The `pa_` result tables of the warehouse script (spec §10): their names
//! and columns, shared by the script that creates them and the reader that
//! takes them back, so the two cannot drift apart.

/// One result table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// Table name (and the stem of its unloaded file).
    pub name: &'static str,
    /// Columns, in order.
    pub columns: &'static [&'static str],
    /// Whether the page and `export --aggregates` need it.
    pub required: bool,
}

/// Journey patterns: deals grouped by everything the models read.
pub const JOURNEYS: TableSpec = TableSpec {
    name: "pa_journeys",
    columns: &[
        "pattern_id",
        "sourcing",
        "influencing",
        "journey",
        "creation_index",
        "stage",
        "is_won",
        "is_closed",
        "currency",
        "close_missing",
        "partner_type",
        "deal_type",
        "segment",
        "deals",
        "blank_amounts",
        "amount_cents",
        "amount_squares",
    ],
    required: true,
};

/// Whole days from creation to close, counted per pattern.
pub const CYCLE_DAYS: TableSpec =
    TableSpec { name: "pa_cycle_days", columns: &["pattern_id", "cycle_days", "deals"], required: true };

/// Time-decay credit per pattern and partner, summed in the warehouse.
pub const TIME_DECAY: TableSpec = TableSpec {
    name: "pa_time_decay",
    columns: &["pattern_id", "actor", "credit_cents", "credit_deals"],
    required: false,
};

/// Every partner named on a partner touch of a known deal.
pub const TOUCH_PARTNERS: TableSpec =
    TableSpec { name: "pa_touch_partners", columns: &["actor", "touches"], required: false };

/// Settings and counts of the run.
pub const META: TableSpec = TableSpec { name: "pa_meta", columns: &["name", "value"], required: true };

/// Every result table, in the order the script creates them.
pub const ALL: [TableSpec; 5] = [JOURNEYS, CYCLE_DAYS, TIME_DECAY, TOUCH_PARTNERS, META];

/// The value of `pa_meta.format` this engine writes and reads.
pub const FORMAT: &str = "partner-attribution aggregates 1";

/// The key that rare journey patterns are folded into (spec §10).
pub const RARE_KEY: &str = "(rare journeys)";

/// The table whose header is exactly `headers` (names compared
/// case-insensitively: Snowflake unloads upper-case names).
pub fn table_of(headers: &[String]) -> Option<TableSpec> {
    ALL.into_iter().find(|t| {
        t.columns.len() == headers.len()
            && t.columns.iter().zip(headers).all(|(c, h)| h.trim().trim_matches('"').eq_ignore_ascii_case(c))
    })
}
