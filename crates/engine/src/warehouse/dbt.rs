//! The warehouse script as a dbt package (spec §10): one model per table,
//! each holding the SQL of every engine behind a `target.type` switch, so
//! one package runs on DuckDB, PostgreSQL, Snowflake, BigQuery and
//! Databricks (or Spark). Table names, column names, the half-life and the
//! fold threshold are dbt vars whose defaults are the options given.
//!
//! How. The script generator writes each statement as a model marker and its
//! `SELECT` ([`ScriptOptions::models`]) with placeholders where the tables,
//! columns, half-life and threshold go; this module cuts the script at the
//! markers and swaps the placeholders for `ref`, `source` and `var` calls.
//! Placeholders end in `z` so that no placeholder is the start of another.
//! The fold threshold is always a var, so the folding SQL is always
//! written: with a threshold of 1 it folds nothing and equals the plain
//! SQL.

use super::dialect::Dialect;
use super::options::ScriptOptions;
use super::script::{script, MODEL_MARKER};
use super::tables;

/// Placeholder table names in the generated SQL.
const DEALS_SOURCE: &str = "pasrcdealsz";
const TOUCHES_SOURCE: &str = "pasrctouchesz";
/// Placeholder half-life and threshold (numbers no option gives).
const HALF_LIFE: f64 = 7777.25;
const HALF_LIFE_TEXT: &str = "7777.25";
const MIN_DEALS: u64 = 987_654_321;
const MIN_DEALS_TEXT: &str = "987654321";

/// The work models (deal-level, kept in the warehouse) and their model names:
/// they do not start with `pa_`, so "unload every `pa_` table" leaves them.
const WORK: &[(&str, &str)] = &[
    ("pa_work_deals", "work_pa_deals"),
    ("pa_work_touches", "work_pa_touches"),
    ("pa_work_paths", "work_pa_paths"),
    ("pa_work_patterns", "work_pa_patterns"),
];

/// Columns no `pa_` table may hold (the package's test checks them).
pub const DEAL_LEVEL_COLUMNS: &[&str] = &["deal_id", "account", "amount", "close_date", "created_date", "touch_date"];

/// The files of the package: (path inside the package folder, content).
pub fn dbt_package(o: &ScriptOptions) -> Result<Vec<(String, String)>, String> {
    o.check()?;
    let mut p = o.clone();
    p.models = true;
    p.schema = None;
    p.deals_table = DEALS_SOURCE.into();
    p.touches_table = o.touches_table.as_ref().map(|_| TOUCHES_SOURCE.into());
    p.half_life_days = HALF_LIFE;
    p.min_deals = MIN_DEALS;
    // Every column becomes a placeholder; its var keeps the real name.
    let mut columns: Vec<(String, String, String)> = Vec::new(); // placeholder, var, default
    for (role, names) in p.deal_columns.iter_mut() {
        let several = names.len() > 1;
        for (k, name) in names.iter_mut().enumerate() {
            let var = if several { format!("pa_deals_{role}_{}", k + 1) } else { format!("pa_deals_{role}") };
            let placeholder = format!("pacol{}z", columns.len());
            columns.push((placeholder.clone(), var, std::mem::replace(name, placeholder)));
        }
    }
    for (role, name) in p.touch_columns.iter_mut() {
        let placeholder = format!("pacol{}z", columns.len());
        columns.push((placeholder.clone(), format!("pa_touches_{role}"), std::mem::replace(name, placeholder)));
    }
    // Each model's SQL in every dialect.
    let mut models: Vec<(String, Vec<(Dialect, String)>)> = Vec::new();
    for dialect in Dialect::ALL {
        p.dialect = dialect;
        let text = script(&p)?;
        for chunk in text.split(MODEL_MARKER).skip(1) {
            let (name, rest) = chunk.split_once('\n').unwrap_or((chunk, ""));
            // A statement ends at the first `;` that ends a line (a literal
            // `';'` never does; the comments of the next step may hold one).
            let body = rest.find(";\n").or_else(|| rest.rfind(';')).map_or(rest, |end| &rest[..end]);
            if body.contains("{{") || body.contains("{%") || body.contains("{#") {
                return Err(format!("the {dialect} SQL of {name} holds a Jinja delimiter"));
            }
            let sql = templated(body, &columns);
            let name = WORK.iter().find(|w| w.0 == name).map_or(name, |w| w.1).to_string();
            match models.iter_mut().find(|m| m.0 == name) {
                Some(m) => m.1.push((dialect, sql)),
                None => models.push((name, vec![(dialect, sql)])),
            }
        }
    }
    let mut files = Vec::new();
    for (name, variants) in &models {
        let folder = if name.starts_with("work_") { "models/work" } else { "models" };
        files.push((format!("{folder}/{name}.sql"), model_file(name, variants)));
    }
    files.push(("dbt_project.yml".into(), project_file(o, &columns)));
    files.push(("models/schema.yml".into(), schema_file(o, &models)));
    files.push(("macros/pa_column.sql".into(), COLUMN_MACRO.into()));
    files.push(("macros/pa_no_deal_level_columns.sql".into(), test_macro()));
    files.push(("README.md".into(), readme(o)));
    Ok(files)
}

/// The SQL with its placeholders swapped for dbt calls.
fn templated(body: &str, columns: &[(String, String, String)]) -> String {
    let mut sql = body.trim().to_string();
    for (table, model) in WORK {
        sql = sql.replace(table, &format!("{{{{ ref('{model}') }}}}"));
    }
    sql = sql.replace(DEALS_SOURCE, "{{ source('partner_attribution', 'deals') }}");
    sql = sql.replace(TOUCHES_SOURCE, "{{ source('partner_attribution', 'touches') }}");
    for (placeholder, var, _) in columns {
        sql = sql.replace(placeholder, &format!("{{{{ pa_column(var('{var}')) }}}}"));
    }
    sql = sql.replace(HALF_LIFE_TEXT, "{{ var('pa_half_life_days') }}");
    sql.replace(MIN_DEALS_TEXT, "{{ var('pa_min_deals') }}")
}

fn model_file(name: &str, variants: &[(Dialect, String)]) -> String {
    let what = match name {
        "work_pa_deals" => {
            "Deals, one row per id, cleaned as the page cleans cells (deal-level: stays in the warehouse)."
        }
        "work_pa_touches" => "Partner touches of known deals (deal-level: stays in the warehouse).",
        "work_pa_paths" => "Each deal's journey, creation touch and cycle days (deal-level: stays in the warehouse).",
        "work_pa_patterns" => "Journey patterns, rare ones folded (deal-level: stays in the warehouse).",
        n if n == tables::JOURNEYS.name => "Journey patterns with deal counts and exact cent sums (unload this).",
        n if n == tables::CYCLE_DAYS.name => "Cycle days per pattern, as a histogram (unload this).",
        n if n == tables::TIME_DECAY.name => "Time-decay credit per pattern and partner (unload this).",
        n if n == tables::TOUCH_PARTNERS.name => "Partners seen on touches (unload this).",
        _ => "The run's settings and counts (unload this).",
    };
    let mut out = format!(
        "-- {what}\n-- Written by `partner-attribution sql --dbt`; the SQL of each engine follows (spec §10).\n\
         {{{{ config(materialized='table') }}}}\n"
    );
    // DuckDB last, as the `else`: the engine of the package's own test.
    let mut ordered: Vec<&(Dialect, String)> = variants.iter().filter(|v| v.0 != Dialect::DuckDb).collect();
    ordered.extend(variants.iter().filter(|v| v.0 == Dialect::DuckDb));
    for (i, (dialect, sql)) in ordered.into_iter().enumerate() {
        let line = match dialect {
            Dialect::DuckDb => "{% else %}".to_string(),
            Dialect::Databricks => {
                format!("{{% {} target.type in ('databricks', 'spark') %}}", if i == 0 { "if" } else { "elif" })
            }
            d => format!("{{% {} target.type == '{}' %}}", if i == 0 { "if" } else { "elif" }, d.id()),
        };
        out.push_str(&line);
        out.push('\n');
        out.push_str(sql);
        out.push('\n');
    }
    out.push_str("{% endif %}\n");
    out
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A table option (`schema.table` or `table`) as (schema, table).
fn split_table(name: &str) -> (Option<&str>, &str) {
    match name.rsplit_once('.') {
        Some((schema, table)) => (Some(schema), table),
        None => (None, name),
    }
}

fn project_file(o: &ScriptOptions, columns: &[(String, String, String)]) -> String {
    let (deals_schema, deals) = split_table(&o.deals_table);
    let mut vars =
        vec!["  # Where the deal and touch tables are (pa_source_schema: the target's schema unless set).".to_string()];
    if let Some(schema) = deals_schema {
        vars.push(format!("  pa_source_schema: {}", yaml_string(schema)));
    }
    vars.push(format!("  pa_deals_table: {}", yaml_string(deals)));
    if let Some(t) = &o.touches_table {
        vars.push(format!("  pa_touches_table: {}", yaml_string(split_table(t).1)));
    }
    vars.push("  # Time decay's half-life in days, and the fold threshold (--min-deals).".into());
    vars.push(format!("  pa_half_life_days: {}", o.half_life_days));
    vars.push(format!("  pa_min_deals: {}", o.min_deals.max(1)));
    vars.push("  # The column holding each role.".into());
    for (_, var, default) in columns {
        vars.push(format!("  {var}: {}", yaml_string(default)));
    }
    format!(
        "# The partner-attribution warehouse package (spec §10), written by\n\
         # `partner-attribution sql --dbt`. See README.md.\n\
         name: partner_attribution\n\
         version: \"1.0.0\"\n\
         config-version: 2\n\
         profile: partner_attribution\n\
         model-paths: [\"models\"]\n\
         macro-paths: [\"macros\"]\n\
         \n\
         models:\n  partner_attribution:\n    +materialized: table\n    work:\n      \
         # PostgreSQL never analyses new tables by itself and then plans badly.\n      \
         +post-hook: \"{{{{ 'analyze ' ~ this if target.type == 'postgres' else 'select 1' }}}}\"\n\
         \n\
         vars:\n{}\n",
        vars.join("\n")
    )
}

fn schema_file(o: &ScriptOptions, models: &[(String, Vec<(Dialect, String)>)]) -> String {
    let mut out = String::from(
        "version: 2\n\nsources:\n  - name: partner_attribution\n    \
         schema: \"{{ var('pa_source_schema', target.schema) }}\"\n    tables:\n      \
         - name: deals\n        identifier: \"{{ var('pa_deals_table') }}\"\n",
    );
    if o.touches_table.is_some() {
        out.push_str("      - name: touches\n        identifier: \"{{ var('pa_touches_table') }}\"\n");
    }
    out.push_str("\nmodels:\n");
    for (name, _) in models.iter().filter(|m| m.0.starts_with("pa_")) {
        out.push_str(&format!(
            "  - name: {name}\n    description: \"Aggregates only: no deal id, account, date or single amount.\"\n    \
             data_tests:\n      - pa_no_deal_level_columns\n"
        ));
    }
    out
}

const COLUMN_MACRO: &str = "\
{# A column as the script writes it: plain when it is a plain identifier,
   quoted otherwise; on PostgreSQL (which folds plain names to lower case) a
   name with capitals is quoted too. #}
{% macro pa_column(name) -%}
  {%- set plain = modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', name) -%}
  {%- if plain and not (target.type == 'postgres' and name != name | lower) -%}{{ name }}{%- else -%}{{ adapter.quote(name) }}{%- endif -%}
{%- endmacro %}
";

fn test_macro() -> String {
    let list: Vec<String> = DEAL_LEVEL_COLUMNS.iter().map(|c| format!("'{c}'")).collect();
    format!(
        "{{# Fails when a pa_ table holds a deal-level column: only counts may leave. #}}\n\
         {{% test pa_no_deal_level_columns(model) %}}\n\
         {{%- set found = [] -%}}\n\
         {{%- if execute -%}}\n  \
         {{%- for column in adapter.get_columns_in_relation(model) -%}}\n    \
         {{%- if column.name | lower in [{}] -%}}{{%- do found.append(column.name) -%}}{{%- endif -%}}\n  \
         {{%- endfor -%}}\n\
         {{%- endif %}}\n\
         select 1 as deal_level_column\n\
         {{% if not found %}}where 1 = 0{{% endif %}}\n\
         {{% endtest %}}\n",
        list.join(", ")
    )
}

fn readme(o: &ScriptOptions) -> String {
    let touches = if o.touches_table.is_some() { ", `pa_time_decay`, `pa_touch_partners`" } else { "" };
    format!(
        "# partner_attribution (dbt package)\n\n\
         Written by `partner-attribution sql --dbt DIR`. It builds the tables of\n\
         the warehouse path (spec §10) on DuckDB, PostgreSQL, Snowflake, BigQuery\n\
         and Databricks or Spark: each model holds every engine's SQL and picks\n\
         it by `target.type`.\n\n\
         1. Add it to your project (`packages.yml`: `- local: path/to/this/folder`)\n   \
         or run it as its own project with a `partner_attribution` profile.\n\
         2. Set the vars in `dbt_project.yml` (or with `--vars`): where the deal\n   \
         and touch tables are, the column of each role (`pa_deals_amount`…),\n   \
         `pa_half_life_days` and `pa_min_deals` (patterns of fewer deals that name\n   \
         a partner are folded into `(rare journeys)`).\n\
         3. `dbt run`, then `dbt test`: the test fails if a `pa_` table holds a\n   \
         deal-level column.\n\
         4. Unload the `pa_` tables (`pa_journeys`, `pa_cycle_days`, `pa_meta`{touches})\n   \
         to CSV with a header row and drop them on the page, or run\n   \
         `partner-attribution export --aggregates DIR --out exports/`.\n\n\
         The `work_pa_` models hold deal-level rows; they stay in the warehouse.\n"
    )
}
