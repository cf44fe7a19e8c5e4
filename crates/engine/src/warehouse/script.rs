//! The warehouse script (spec §10): SQL that reads the deal and touch
//! tables where they live and writes only aggregates — the `pa_` tables of
//! [`super::tables`] — for the engine to finish.
//!
//! What the SQL does and does not decide. It cleans values the way the page
//! does (trimmed, null markers and "no partner" words read as blank), picks
//! one row per deal id, builds each deal's partner journey from its touches
//! (ordered by date, then `touch_seq`, then the actor's name), finds the
//! creation touch, and computes time-decay shares (which need each touch's
//! day gap). It leaves every *interpretation* to the engine: stage labels,
//! won/closed flags, currencies and partner spellings are grouped as they
//! are written, and the engine reads them with the same code as a file.

use super::dialect::Dialect;
use super::options::ScriptOptions;
use super::tables::{self, RARE_KEY};
use crate::ingest::partners::NO_PARTNER_VALUES;
use crate::ingest::values::NULL_MARKERS;
use std::fmt::Write;

/// The whole script for these options.
pub fn script(o: &ScriptOptions) -> Result<String, String> {
    o.check()?;
    let mut s = Sql::new(o);
    s.header();
    s.deals();
    s.analyze("pa_work_deals");
    if o.touches_table.is_some() {
        s.touches();
        s.analyze("pa_work_touches");
    }
    s.paths();
    s.analyze("pa_work_paths");
    s.patterns();
    s.analyze("pa_work_patterns");
    s.results();
    Ok(s.out)
}

/// With [`ScriptOptions::models`], each statement starts with this line and
/// its table's name instead of its `CREATE` (the dbt package's models).
pub const MODEL_MARKER: &str = "-- pa:model ";

/// The script being written, with the expressions every statement shares.
struct Sql<'a> {
    o: &'a ScriptOptions,
    d: Dialect,
    out: String,
}

impl<'a> Sql<'a> {
    fn new(o: &'a ScriptOptions) -> Sql<'a> {
        Sql { o, d: o.dialect, out: String::new() }
    }

    /// Planner statistics for a scratch table, where the engine needs them:
    /// PostgreSQL never analyses temporary tables, guesses a few rows and
    /// picks nested loops (4.5 s instead of 0.1 s measured on 200,000 deals).
    fn analyze(&mut self, table: &str) {
        if self.d == Dialect::Postgres && !self.o.models {
            let _ = writeln!(self.out, "ANALYZE {table};\n");
        }
    }

    /// The start of a scratch table's statement (a model marker for dbt).
    fn scratch(&self, name: &str) -> String {
        if self.o.models {
            format!("{MODEL_MARKER}{name}")
        } else {
            self.d.scratch_table(name)
        }
    }

    /// The start of a result table's statement (a model marker for dbt).
    fn result(&self, table: &str) -> String {
        if self.o.models {
            format!("{MODEL_MARKER}{table}")
        } else {
            self.d.result_table(&self.result_name(table))
        }
    }

    fn result_name(&self, table: &str) -> String {
        match &self.o.schema {
            Some(schema) => format!("{schema}.{table}"),
            None => table.to_string(),
        }
    }

    fn text(&self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.d.text())
    }

    fn float(&self) -> &'static str {
        match self.d {
            Dialect::BigQuery => "FLOAT64",
            Dialect::Postgres => "DOUBLE PRECISION",
            _ => "DOUBLE",
        }
    }

    /// A text column read as the page reads a cell: trimmed, and blank when
    /// empty or a null marker (spec §2); with `no_partner`, also blank when
    /// it says "no partner" (Direct, None…).
    fn clean(&self, column: &str, no_partner: bool) -> String {
        let value = format!("TRIM({})", self.text(column));
        let mut blanks: Vec<String> = vec![self.d.literal("")];
        blanks.extend(NULL_MARKERS.iter().map(|m| self.d.literal(&m.to_uppercase())));
        if no_partner {
            blanks.extend(NO_PARTNER_VALUES.iter().map(|m| self.d.literal(&m.to_uppercase())));
        }
        blanks.sort();
        blanks.dedup();
        format!("CASE WHEN UPPER({value}) IN ({}) THEN NULL ELSE {value} END", blanks.join(", "))
    }

    /// The sourcing partner; with no partner column at all, a lead source
    /// that says a partner brought the deal makes "(partner, unnamed)" the
    /// sourcing partner (spec §1), read with the page's words
    /// (`journey::is_partner_lead_source`).
    fn sourcing(&self) -> String {
        let d = self.d;
        let partner_columns = ["sourcing_partner", "influencing_partners"];
        if partner_columns.iter().any(|r| self.o.deal_columns.contains_key(*r)) {
            return self.deal_column("sourcing_partner").map_or_else(|| self.null_text(), |c| self.clean(&c, true));
        }
        let Some(source) = self.deal_column("lead_source") else { return self.null_text() };
        let lower = format!("LOWER({})", self.clean(&source, false));
        let has = |w: &str| format!("{lower} LIKE {}", d.literal(&format!("%{w}%")));
        // The word "var" alone: every ASCII character that is not a letter or
        // a digit separates words, as in the page.
        let separators: String = (32u8..127).map(char::from).filter(|c| !c.is_ascii_alphanumeric()).collect();
        let spaces = " ".repeat(separators.len());
        let words = format!(
            "({} || TRANSLATE({lower}, {}, {}) || {}) LIKE {}",
            d.literal(" "),
            d.literal(&separators),
            d.literal(&spaces),
            d.literal(" "),
            d.literal("% var %")
        );
        let partner: Vec<String> = crate::journey::PARTNER_SOURCE_WORDS.iter().map(|w| has(w)).collect();
        let not: Vec<String> = crate::journey::NOT_PARTNER_SOURCE_WORDS.iter().map(|w| has(w)).collect();
        format!(
            "CASE WHEN NOT ({}) AND ({} OR {words}) THEN {} ELSE {} END",
            not.join(" OR "),
            partner.join(" OR "),
            d.literal(crate::ingest::UNNAMED_PARTNER),
            self.null_text()
        )
    }

    fn deal_column(&self, role: &str) -> Option<String> {
        self.o.deal_columns.get(role).and_then(|c| c.first()).map(|c| format!("d.{}", self.d.column(c)))
    }

    fn touch_column(&self, role: &str) -> Option<String> {
        self.o.touch_columns.get(role).map(|c| format!("t.{}", self.d.column(c)))
    }

    fn null_text(&self) -> String {
        format!("CAST(NULL AS {})", self.d.text())
    }

    fn header(&mut self) {
        let o = self.o;
        let touches = o.touches_table.is_some();
        let tables: Vec<String> =
            tables::ALL.iter().filter(|t| touches || t.required).map(|t| self.result_name(t.name)).collect();
        let _ = writeln!(
            self.out,
            "-- partner-attribution warehouse script (spec §10), dialect: {}\n\
             -- Reads {}{}.\n\
             -- Writes {} — counts and sums only: no deal id, account or amount of a\n\
             -- single deal, except where a journey pattern is that rare (see --min-deals).\n\
             -- Unload each pa_ table to CSV with a header row and drop the files on the page,\n\
             -- or run: partner-attribution export --aggregates DIR --out DIR\n",
            self.d,
            o.deals_table,
            o.touches_table.as_deref().map(|t| format!(" and {t}")).unwrap_or_default(),
            tables.join(", "),
        );
    }

    /// One row per deal id, values cleaned; `pa_copy` numbers the rows of a
    /// repeated id (1 is kept: the lowest `deal_seq`, else the earliest dates).
    fn deals(&mut self) {
        let d = self.d;
        let col = |role: &str| self.deal_column(role);
        let id = self.clean(&col("deal_id").expect("checked"), false);
        let text_or_null = |role: &str, no_partner: bool| {
            col(role).map(|c| self.clean(&c, no_partner)).unwrap_or_else(|| self.null_text())
        };
        let amount = match col("amount") {
            Some(c) => format!("CAST(ROUND({} * 100, 0) AS {})", d.try_cast(&c, &d.decimal(4)), d.decimal(0)),
            None => format!("CAST(NULL AS {})", d.decimal(0)),
        };
        let date = |role: &str| match col(role) {
            Some(c) => d.try_cast(&c, "DATE"),
            None => "CAST(NULL AS DATE)".to_string(),
        };
        let influencing = match self.o.deal_columns.get("influencing_partners") {
            None => self.null_text(),
            Some(columns) if columns.len() == 1 => self.clean(&format!("d.{}", d.column(&columns[0])), true),
            Some(columns) => {
                // Several columns: their cells joined by ';', which the engine splits on.
                let cells: Vec<String> =
                    columns.iter().map(|c| self.clean(&format!("d.{}", d.column(c)), true)).collect();
                let all_blank: Vec<String> = cells.iter().map(|c| format!("({c}) IS NULL")).collect();
                let joined: Vec<String> = cells.iter().map(|c| format!("COALESCE({c}, {})", d.literal(""))).collect();
                format!(
                    "CASE WHEN {} THEN NULL ELSE {} END",
                    all_blank.join(" AND "),
                    joined.join(&format!(" || {} || ", d.literal(";")))
                )
            }
        };
        let order = match col("deal_seq") {
            Some(c) => d.try_cast(&c, self.float()),
            None => format!("{}, {}, {}", date("created_date"), date("close_date"), amount),
        };
        let scratch = self.scratch("pa_work_deals");
        let _ = writeln!(
            self.out,
            "-- 1. Deals, one row per id, cleaned as the page cleans cells.\n\
             {scratch}\n\
             SELECT\n  {id} AS deal_id,\n  {amount} AS amount_cents,\n  {currency} AS currency,\n  \
             {stage} AS stage,\n  {is_won} AS is_won,\n  {is_closed} AS is_closed,\n  \
             {sourcing} AS sourcing,\n  {influencing} AS influencing,\n  {partner_type} AS partner_type,\n  \
             {deal_type} AS deal_type,\n  {segment} AS segment,\n  {created} AS created_date,\n  \
             {close} AS close_date,\n  ROW_NUMBER() OVER (PARTITION BY {id} ORDER BY {order}) AS pa_copy\n\
             FROM {table} d;\n",
            currency = text_or_null("currency", false),
            stage = text_or_null("stage", false),
            is_won = text_or_null("is_won", false),
            is_closed = text_or_null("is_closed", false),
            sourcing = self.sourcing(),
            partner_type = text_or_null("partner_type", false),
            deal_type = text_or_null("deal_type", false),
            segment = text_or_null("segment", false),
            created = date("created_date"),
            close = date("close_date"),
            table = self.o.deals_table,
        );
    }

    /// Partner touches of known deals with a readable date.
    fn touches(&mut self) {
        let d = self.d;
        let col = |role: &str| self.touch_column(role);
        let kind = match col("actor_type") {
            Some(c) => format!("LOWER(COALESCE({}, {}))", self.clean(&c, false), d.literal("partner")),
            None => d.literal("partner"),
        };
        let seq = match col("touch_seq") {
            Some(c) => d.try_cast(&c, self.float()),
            None => format!("CAST(NULL AS {})", self.float()),
        };
        let scratch = self.scratch("pa_work_touches");
        let _ = writeln!(
            self.out,
            "-- 2. Partner touches of known deals (actor_type blank = partner, as in a file).\n\
             {scratch}\n\
             SELECT k.deal_id, t.touch_date, t.actor, t.touch_seq, k.created_date, k.close_date\n\
             FROM (\n  SELECT {id} AS deal_id, {date} AS touch_date, {actor} AS actor,\n    \
             {seq} AS touch_seq, {kind} AS actor_type\n  FROM {table} t\n) t\n\
             JOIN pa_work_deals k ON k.deal_id = t.deal_id AND k.pa_copy = 1\n\
             WHERE t.actor_type = {partner} AND t.touch_date IS NOT NULL AND t.actor IS NOT NULL;\n",
            id = self.clean(&col("deal_id").expect("checked"), false),
            date = d.try_cast(&col("touch_date").expect("checked"), "DATE"),
            actor = self.clean(&col("actor").expect("checked"), false),
            table = self.o.touches_table.as_deref().unwrap_or_default(),
            partner = d.literal("partner"),
        );
    }

    /// Each deal's journey (spec §3), creation touch and cycle days.
    fn paths(&mut self) {
        let d = self.d;
        let cycle = format!(
            "CASE WHEN k.created_date IS NOT NULL AND k.close_date IS NOT NULL AND k.close_date >= k.created_date \
             THEN {} END",
            d.days_between("k.created_date", "k.close_date")
        );
        let (journey, creation, join) = if self.o.touches_table.is_some() {
            let order = ["touch_date", "CASE WHEN touch_seq IS NULL THEN 1 ELSE 0 END", "touch_seq", "actor"];
            let join = format!(
                "LEFT JOIN (\n  SELECT deal_id, {agg} AS journey,\n    \
                 SUM(CASE WHEN created_date IS NOT NULL AND touch_date <= created_date THEN 1 ELSE 0 END) - 1 AS creation\n  \
                 FROM pa_work_touches\n  WHERE close_date IS NULL OR touch_date <= close_date\n  GROUP BY deal_id\n\
                 ) j ON j.deal_id = k.deal_id\n",
                agg = d.ordered_join("actor", &order)
            );
            ("j.journey".to_string(), "CASE WHEN j.creation >= 0 THEN j.creation END".to_string(), join)
        } else {
            (self.null_text(), "CAST(NULL AS INTEGER)".to_string(), String::new())
        };
        let scratch = self.scratch("pa_work_paths");
        let _ = writeln!(
            self.out,
            "-- 3. Each deal's journey: partner touches on or before the close, by date, then\n\
             --    touch_seq, then name; the creation touch is the last one on or before creation.\n\
             {scratch}\n\
             SELECT k.deal_id, k.amount_cents, k.currency, k.stage, k.is_won, k.is_closed, k.sourcing,\n  \
             k.influencing, k.partner_type, k.deal_type, k.segment, {journey} AS journey, {creation} AS creation_index,\n  \
             CASE WHEN k.close_date IS NULL THEN 1 ELSE 0 END AS close_missing,\n  \
             CASE WHEN k.amount_cents IS NULL THEN 1 ELSE 0 END AS amount_blank,\n  \
             {cycle} AS cycle_days\n\
             FROM pa_work_deals k\n{join}WHERE k.pa_copy = 1 AND k.deal_id IS NOT NULL;\n"
        );
    }

    /// Pattern ids, with rare patterns folded when asked.
    fn patterns(&mut self) {
        let d = self.d;
        let key = "sourcing, influencing, journey, creation_index, stage, is_won, is_closed, currency, close_missing, \
                   partner_type, deal_type, segment";
        let scratch = self.scratch("pa_work_patterns");
        if self.o.min_deals <= 1 {
            let _ = writeln!(
                self.out,
                "-- 4. Journey patterns: deals alike in everything the models read.\n\
                 {scratch}\n\
                 SELECT p.*, 0 AS folded, DENSE_RANK() OVER (ORDER BY {key}) AS pattern_id\n\
                 FROM pa_work_paths p;\n"
            );
            return;
        }
        let rare = RARE_KEY;
        let touches = self.o.touches_table.is_some();
        let partnered = "(sourcing IS NOT NULL OR influencing IS NOT NULL OR journey IS NOT NULL)";
        // Folded deals name no partner: a sourcing partner becomes the rare
        // key too (so they stay partner-sourced), other partner cells go.
        let folded_sourcing = format!("CASE WHEN sourcing IS NOT NULL THEN {} END", d.literal(rare));
        let folded_influencing = if touches {
            "NULL".to_string()
        } else {
            format!("CASE WHEN sourcing IS NULL THEN {} END", d.literal(rare))
        };
        let folded_journey = if touches {
            format!("CASE WHEN journey IS NOT NULL THEN {} END", d.literal(rare))
        } else {
            "journey".into()
        };
        let folded_creation =
            if touches { "CASE WHEN creation_index IS NOT NULL THEN 0 END" } else { "creation_index" };
        let text = d.text();
        let _ = writeln!(
            self.out,
            "-- 4. Journey patterns: deals alike in everything the models read. Patterns of\n\
             --    fewer than {min} deals that name a partner are folded into one key, {rare}.\n\
             {scratch}\n\
             SELECT f.*, DENSE_RANK() OVER (ORDER BY {key}) AS pattern_id\n\
             FROM (\n  SELECT deal_id, amount_cents, stage, is_won, is_closed, currency, close_missing,\n    \
             partner_type, deal_type, segment, amount_blank, cycle_days, folded,\n    \
             CAST(CASE WHEN folded = 1 THEN {folded_sourcing} ELSE sourcing END AS {text}) AS sourcing,\n    \
             CAST(CASE WHEN folded = 1 THEN {folded_influencing} ELSE influencing END AS {text}) AS influencing,\n    \
             CAST(CASE WHEN folded = 1 THEN {folded_journey} ELSE journey END AS {text}) AS journey,\n    \
             CASE WHEN folded = 1 THEN {folded_creation} ELSE creation_index END AS creation_index\n  \
             FROM (\n    SELECT c.*, CASE WHEN c.pattern_deals < {min} AND {partnered} THEN 1 ELSE 0 END AS folded\n    \
             FROM (SELECT p.*, COUNT(*) OVER (PARTITION BY {key}) AS pattern_deals FROM pa_work_paths p) c\n  ) r\n\
             ) f;\n",
            min = self.o.min_deals,
            rare = d.literal(rare),
        );
    }

    fn results(&mut self) {
        let d = self.d;
        let key = "pattern_id, sourcing, influencing, journey, creation_index, stage, is_won, is_closed, currency, \
                   close_missing, partner_type, deal_type, segment";
        let _ = writeln!(
            self.out,
            "-- 5. Results: only counts and sums from here on.\n\
             {create}\n\
             SELECT {key},\n  COUNT(*) AS deals, SUM(amount_blank) AS blank_amounts,\n  \
             CAST(SUM(COALESCE(amount_cents, 0)) AS {cents}) AS amount_cents,\n  \
             SUM(CAST(COALESCE(amount_cents, 0) AS {float}) * CAST(COALESCE(amount_cents, 0) AS {float})) \
             AS amount_squares\n\
             FROM pa_work_patterns\nGROUP BY {key};\n\n\
             {cycle}\n\
             SELECT pattern_id, cycle_days, COUNT(*) AS deals\n\
             FROM pa_work_patterns\nWHERE cycle_days IS NOT NULL\nGROUP BY pattern_id, cycle_days;\n",
            create = self.result(tables::JOURNEYS.name),
            cents = d.decimal(0),
            cycle = self.result(tables::CYCLE_DAYS.name),
            float = self.float(),
        );
        let float = self.float();
        if self.o.touches_table.is_some() {
            let gap = d.days_between("touch_date", "close_date");
            let weight = format!(
                "CASE WHEN close_date IS NULL THEN CAST(1 AS {float}) \
                 ELSE POWER(CAST(2 AS {float}), -CAST({gap} AS {float}) / {h}) END",
                h = format_number(self.o.half_life_days),
            );
            let _ = writeln!(
                self.out,
                "{create}\n\
                 SELECT p.pattern_id, CASE WHEN p.folded = 1 THEN {rare} ELSE w.actor END AS actor,\n  \
                 SUM(w.share * CAST(COALESCE(p.amount_cents, 0) AS {float})) AS credit_cents,\n  \
                 SUM(w.share) AS credit_deals\n\
                 FROM (\n  SELECT deal_id, actor, weight / SUM(weight) OVER (PARTITION BY deal_id) AS share\n  \
                 FROM (\n    SELECT deal_id, actor, {weight} AS weight\n    FROM pa_work_touches\n    \
                 WHERE close_date IS NULL OR touch_date <= close_date\n  ) x\n\
                 ) w\nJOIN pa_work_patterns p ON p.deal_id = w.deal_id\n\
                 GROUP BY p.pattern_id, CASE WHEN p.folded = 1 THEN {rare} ELSE w.actor END;\n\n\
                 {partners}\n\
                 SELECT actor, COUNT(*) AS touches\nFROM pa_work_touches\nGROUP BY actor;\n",
                create = self.result(tables::TIME_DECAY.name),
                rare = d.literal(RARE_KEY),
                partners = self.result(tables::TOUCH_PARTNERS.name),
            );
        }
        let text = d.text();
        let count = |sql: &str| format!("CAST(({sql}) AS {text})");
        let mut meta: Vec<(String, String)> = vec![
            ("format".into(), d.literal(tables::FORMAT)),
            ("dialect".into(), d.literal(d.id())),
            ("touches".into(), d.literal(if self.o.touches_table.is_some() { "yes" } else { "no" })),
            ("half_life_days".into(), d.literal(&format_number(self.o.half_life_days))),
            ("min_deals".into(), d.literal(&self.o.min_deals.to_string())),
            ("deal_rows".into(), count("SELECT COUNT(*) FROM pa_work_deals")),
            ("blank_deal_ids".into(), count("SELECT COUNT(*) FROM pa_work_deals WHERE deal_id IS NULL")),
            (
                "duplicate_deal_rows".into(),
                count("SELECT COUNT(*) FROM pa_work_deals WHERE deal_id IS NOT NULL AND pa_copy > 1"),
            ),
            ("folded_deals".into(), count("SELECT COUNT(*) FROM pa_work_patterns WHERE folded = 1")),
            // The span of creation dates sizes the scenario planner's year.
            ("first_created".into(), count("SELECT MIN(created_date) FROM pa_work_deals WHERE pa_copy = 1")),
            ("last_created".into(), count("SELECT MAX(created_date) FROM pa_work_deals WHERE pa_copy = 1")),
        ];
        if self.o.touches_table.is_some() {
            meta.push(("partner_touches".into(), count("SELECT COUNT(*) FROM pa_work_touches")));
        }
        let rows: Vec<String> = meta
            .iter()
            .map(|(name, value)| format!("SELECT {} AS name, CAST({value} AS {text}) AS value", d.literal(name)))
            .collect();
        let _ = writeln!(
            self.out,
            "{create}\n{rows};",
            create = self.result(tables::META.name),
            rows = rows.join("\nUNION ALL "),
        );
    }
}

/// A number as the script writes it: no trailing `.0` on whole numbers.
fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
