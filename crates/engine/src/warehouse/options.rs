//! What the warehouse script reads (spec §10): the tables, which column
//! holds each role, the half-life and the fold threshold, with the checks
//! that a script from them can give results.

use super::dialect::Dialect;
use std::collections::BTreeMap;

/// Deal roles the script reads (spec §1), `deal_seq` to choose among rows
/// that repeat a deal id, and the grouping roles that split the patterns
/// when mapped (partner type, deal type, segment: the page then offers the
/// partner-type dimension and the value model's splits; each multiplies
/// the number of patterns by its number of values).
pub const DEAL_ROLES: &[&str] = &[
    "deal_id",
    "amount",
    "currency",
    "created_date",
    "close_date",
    "stage",
    "is_won",
    "is_closed",
    "sourcing_partner",
    "influencing_partners",
    "deal_seq",
    "partner_type",
    "deal_type",
    "segment",
    "lead_source",
];

/// Touch roles the script reads (spec §1, §3).
pub const TOUCH_ROLES: &[&str] = &["deal_id", "touch_date", "actor", "actor_type", "touch_seq"];

/// Deal roles assumed present, under their own names, unless mapped or removed.
const DEFAULT_DEAL_ROLES: &[&str] = &[
    "deal_id",
    "amount",
    "currency",
    "created_date",
    "close_date",
    "stage",
    "sourcing_partner",
    "influencing_partners",
];

/// Touch roles assumed present unless mapped or removed.
const DEFAULT_TOUCH_ROLES: &[&str] = &["deal_id", "touch_date", "actor", "actor_type"];

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptOptions {
    /// The SQL dialect.
    pub dialect: Dialect,
    /// The deal table (as the warehouse names it, e.g. `crm.opportunities`).
    pub deals_table: String,
    /// The touch table, if journeys come from dated touches.
    pub touches_table: Option<String>,
    /// Deal role → column(s); several only for `influencing_partners`.
    pub deal_columns: BTreeMap<String, Vec<String>>,
    /// Touch role → column.
    pub touch_columns: BTreeMap<String, String>,
    /// Schema (dataset) for the `pa_` tables; none = the session's default.
    pub schema: Option<String>,
    /// Time-decay half-life in days.
    pub half_life_days: f64,
    /// Journey patterns with fewer deals are folded into one (1 = none folded).
    pub min_deals: u64,
    /// Write each statement as a model (a marker line and its `SELECT`)
    /// instead of a `CREATE`: the dbt package is made from that.
    pub models: bool,
}

impl ScriptOptions {
    /// Defaults: tables `deals` and `touches`, every usual role under its own name.
    pub fn new(dialect: Dialect) -> ScriptOptions {
        ScriptOptions {
            dialect,
            deals_table: "deals".into(),
            touches_table: None,
            deal_columns: DEFAULT_DEAL_ROLES.iter().map(|r| (r.to_string(), vec![r.to_string()])).collect(),
            touch_columns: DEFAULT_TOUCH_ROLES.iter().map(|r| (r.to_string(), r.to_string())).collect(),
            schema: None,
            half_life_days: 30.0,
            min_deals: 1,
            models: false,
        }
    }

    /// Map a role to a column (`touch.ROLE` for a touch role; an empty
    /// column says the table has no such column).
    pub fn map(&mut self, role: &str, column: &str) -> Result<(), String> {
        if let Some(role) = role.strip_prefix("touch.").or_else(|| role.strip_prefix("touches.")) {
            if !TOUCH_ROLES.contains(&role) {
                return Err(format!("no touch role \"{role}\" (roles: {})", TOUCH_ROLES.join(", ")));
            }
            if column.is_empty() {
                self.touch_columns.remove(role);
            } else {
                self.touch_columns.insert(role.into(), column.into());
            }
            return Ok(());
        }
        if TOUCH_ROLES.contains(&role) && !DEAL_ROLES.contains(&role) {
            self.touch_columns.insert(role.into(), column.into());
            if column.is_empty() {
                self.touch_columns.remove(role);
            }
            return Ok(());
        }
        if !DEAL_ROLES.contains(&role) {
            return Err(format!("no role \"{role}\" (deal roles: {})", DEAL_ROLES.join(", ")));
        }
        if column.is_empty() {
            self.deal_columns.remove(role);
        } else {
            let columns: Vec<String> = column.split(',').map(|c| c.trim().to_string()).collect();
            self.deal_columns.insert(role.into(), columns);
        }
        Ok(())
    }

    /// What is missing for a script that gives results.
    pub fn check(&self) -> Result<(), String> {
        for role in ["deal_id", "close_date"] {
            if !self.deal_columns.contains_key(role) {
                return Err(format!("the deal table needs a {role} column (--map {role}=COLUMN)"));
            }
        }
        if !["stage", "is_won"].iter().any(|r| self.deal_columns.contains_key(*r)) {
            return Err("the deal table needs a stage or an is_won column (--map stage=COLUMN)".into());
        }
        if self.touches_table.is_some() {
            for role in ["deal_id", "touch_date", "actor"] {
                if !self.touch_columns.contains_key(role) {
                    return Err(format!("the touch table needs a {role} column (--map touch.{role}=COLUMN)"));
                }
            }
        }
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err("the half-life must be a positive number of days".into());
        }
        Ok(())
    }
}
