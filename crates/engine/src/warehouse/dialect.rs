//! The SQL engines the warehouse script is written for, and the few places
//! where they differ (spec §10): the text type, identifier quoting, string
//! literals, a cast that gives NULL instead of failing, the separator of
//! journey steps, ordered string aggregation, the difference of two dates
//! in days, and scratch tables. Everything else in the script is the SQL
//! every one of them reads the same way.

use std::fmt;

/// What separates the partners of a journey in `pa_journeys.journey`.
pub const JOURNEY_SEPARATOR: &str = " → ";

/// A warehouse SQL dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Dialect {
    /// DuckDB (the one the tests run).
    DuckDb,
    /// Snowflake.
    Snowflake,
    /// Google BigQuery (standard SQL).
    BigQuery,
    /// Databricks SQL (Spark SQL).
    Databricks,
    /// PostgreSQL (also Redshift-like engines that read its SQL).
    Postgres,
}

impl Dialect {
    /// Every dialect, in the order the help text lists them.
    pub const ALL: [Dialect; 5] =
        [Dialect::DuckDb, Dialect::Snowflake, Dialect::BigQuery, Dialect::Databricks, Dialect::Postgres];

    /// The name on the command line (and sqlglot's name for it).
    pub fn id(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Snowflake => "snowflake",
            Dialect::BigQuery => "bigquery",
            Dialect::Databricks => "databricks",
            Dialect::Postgres => "postgres",
        }
    }

    /// The dialect named `id` (case-insensitive; `postgresql` too).
    pub fn from_id(id: &str) -> Option<Dialect> {
        let id = id.to_ascii_lowercase();
        let id = if id == "postgresql" { "postgres".to_string() } else { id };
        Dialect::ALL.into_iter().find(|d| d.id() == id)
    }

    /// The variable-length text type.
    pub fn text(self) -> &'static str {
        match self {
            Dialect::BigQuery | Dialect::Databricks => "STRING",
            _ => "VARCHAR",
        }
    }

    /// An exact decimal type wide enough for sums of cents.
    pub fn decimal(self, scale: u8) -> String {
        match self {
            Dialect::BigQuery => {
                if scale == 0 {
                    "BIGNUMERIC".into()
                } else {
                    "NUMERIC".into()
                }
            }
            _ => format!("DECIMAL(38, {scale})"),
        }
    }

    /// A column name as written in the script: plain when it is a plain
    /// identifier, quoted otherwise. PostgreSQL folds a plain name to lower
    /// case, so a name with capitals is quoted there: the tools that load a
    /// CSV into PostgreSQL keep the header's case in quotes (`"OpportunityId"`,
    /// which an unquoted `OpportunityId` does not reach). Snowflake folds to
    /// upper case and its tables are usually made unquoted, so a plain name
    /// stays plain there.
    pub fn column(self, name: &str) -> String {
        let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !(self == Dialect::Postgres && name.chars().any(|c| c.is_ascii_uppercase()));
        if plain {
            return name.to_string();
        }
        match self {
            Dialect::BigQuery | Dialect::Databricks => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A string literal. BigQuery and Databricks read backslashes as escapes.
    pub fn literal(self, text: &str) -> String {
        let quoted = text.replace('\'', "''");
        match self {
            Dialect::BigQuery | Dialect::Databricks => format!("'{}'", quoted.replace('\\', "\\\\")),
            _ => format!("'{quoted}'"),
        }
    }

    /// `expr` as `ty`, or NULL when it cannot be read as one.
    pub fn try_cast(self, expr: &str, ty: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Databricks => format!("TRY_CAST({expr} AS {ty})"),
            // Snowflake's TRY_CAST reads text only: text first, then the type.
            Dialect::Snowflake => format!("TRY_CAST(CAST({expr} AS VARCHAR) AS {ty})"),
            Dialect::BigQuery => format!("SAFE_CAST({expr} AS {ty})"),
            // PostgreSQL has no non-failing cast: the column must already read as the type.
            Dialect::Postgres => format!("CAST({expr} AS {ty})"),
        }
    }

    /// The separator between the steps of a journey, as a literal: an arrow
    /// between spaces, readable in the unloaded file and in no partner name
    /// one meets ([`JOURNEY_SEPARATOR`]).
    pub fn step_separator(self) -> String {
        self.literal(JOURNEY_SEPARATOR)
    }

    /// The values of `value` in one group joined by the step separator, in
    /// the order of `order` (a list of expressions; the last one breaks ties).
    pub fn ordered_join(self, value: &str, order: &[&str]) -> String {
        let sep = self.step_separator();
        let by = order.join(", ");
        match self {
            Dialect::Snowflake => format!("LISTAGG({value}, {sep}) WITHIN GROUP (ORDER BY {by})"),
            Dialect::Databricks => {
                // Sorting structs sorts by their fields in order, the value last.
                let fields: Vec<String> = order
                    .iter()
                    .chain(std::iter::once(&value))
                    .enumerate()
                    .map(|(i, e)| format!("'f{i}', {e}"))
                    .collect();
                format!(
                    "array_join(transform(array_sort(collect_list(named_struct({}))), s -> s.f{}), {sep})",
                    fields.join(", "),
                    order.len()
                )
            }
            _ => format!("STRING_AGG({value}, {sep} ORDER BY {by})"),
        }
    }

    /// Whole days from date `from` to date `to` (negative when `to` is earlier).
    pub fn days_between(self, from: &str, to: &str) -> String {
        match self {
            Dialect::DuckDb => format!("DATE_DIFF('day', {from}, {to})"),
            Dialect::Snowflake => format!("DATEDIFF(day, {from}, {to})"),
            Dialect::BigQuery => format!("DATE_DIFF({to}, {from}, DAY)"),
            Dialect::Databricks => format!("DATEDIFF({to}, {from})"),
            Dialect::Postgres => format!("({to} - {from})"),
        }
    }

    /// The statement that starts a scratch table (dropped with the session).
    pub fn scratch_table(self, name: &str) -> String {
        match self {
            Dialect::Databricks => format!("CREATE OR REPLACE TEMPORARY VIEW {name} AS"),
            Dialect::Snowflake => format!("CREATE OR REPLACE TEMPORARY TABLE {name} AS"),
            Dialect::BigQuery => format!("CREATE TEMP TABLE {name} AS"),
            Dialect::DuckDb => format!("CREATE OR REPLACE TEMP TABLE {name} AS"),
            Dialect::Postgres => format!("DROP TABLE IF EXISTS {name};\nCREATE TEMP TABLE {name} AS"),
        }
    }

    /// The statements that (re)create a result table. PostgreSQL has no
    /// `CREATE OR REPLACE TABLE`; Spark (under Databricks) supports it only
    /// for Delta tables (`UNSUPPORTED_FEATURE.TABLE_OPERATION` on a plain
    /// catalog), so both drop and create, which runs on any table format.
    pub fn result_table(self, name: &str) -> String {
        match self {
            Dialect::Postgres | Dialect::Databricks => format!("DROP TABLE IF EXISTS {name};\nCREATE TABLE {name} AS"),
            _ => format!("CREATE OR REPLACE TABLE {name} AS"),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
