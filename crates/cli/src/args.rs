//! Command-line arguments: a small hand-written parser (no dependency), with
//! the usage text beside it so the two cannot drift apart.

use std::path::PathBuf;

/// The usage printed by `--help`.
pub const USAGE: &str = "\
partner-attribution — partner attribution and the partnership value model,
computed by the same engine as the browser app.

USAGE:
    partner-attribution export --deals FILE [--touches FILE] [--overlap FILE]
                               [--roster FILE] [--stage-history FILE]
                               [--arr FILE [--integrations FILE]] --out DIR
    partner-attribution export --aggregates DIR --out DIR
    partner-attribution sql --dialect duckdb|snowflake|bigquery|databricks|postgres
                            [--deals-table NAME] [--touches-table NAME]
                            [--map ROLE=COLUMN]... [--like FILE]...
                            [--schema NAME] [--half-life DAYS] [--min-deals K]
                            [--out FILE]
    partner-attribution sql --dbt DIR [--deals-table NAME] [--touches-table NAME]
                            [--map ROLE=COLUMN]... [--like FILE]...
                            [--half-life DAYS] [--min-deals K]
    partner-attribution sample [--deals N] [--seed S] --out DIR
    partner-attribution inspect FILE...
    partner-attribution --help

COMMANDS:
    export    Read the files (CSV/TSV in any encoding or delimiter the page
              reads, or .xlsx/.xls/.ods workbooks), map their columns
              automatically, and write attribution.csv and value_model.csv
              (spec §8) with the spec's default settings into DIR.
              Each file's kind is recognised by its columns, as in the page;
              the flags only say which files to read. With a stage history,
              also stage_days.csv (spec §7a); with an ARR file, also
              retention.csv (spec §7b).
              With --aggregates, read instead the pa_*.csv files that the
              warehouse script's tables were unloaded to (spec §10) and
              write the same two files from them.
    sql       Print the warehouse script (spec §10) for one SQL engine: run
              where the deal (and touch) tables live, it creates pa_* tables
              holding only counts and sums, which `export --aggregates` and
              the page finish into the same numbers as the raw rows give.
              Columns default to the spec's role names; --map ROLE=COLUMN
              renames one (touch roles as touch.ROLE=COLUMN, an empty
              COLUMN says there is none), --like FILE maps them as the page
              would map that export's header (a deal or touch file).
    inspect   Say what the page would do with these files, writing nothing:
              each file's kind and column mapping with its confidence,
              whether the page shows results with no click or opens the
              mapping panel, and what the load finds (deals, partners,
              problem rows, notes). Exit status 1 when the files give no
              results with the page's automatic choices.
    sample    Write a generated data set shaped like the built-in sample
              (deals.csv and touches.csv) with N deals (default 2,000) into
              DIR, for benchmarks and trials.

OPTIONS:
    --deals FILE      the deal export (one row per opportunity)
    --touches FILE    dated touches (deal_id, touch_date, actor, actor_type)
    --overlap FILE    an account-overlap export (Crossbeam/Reveal)
    --roster FILE     a partner roster (partner, type, tier, start date)
    --stage-history FILE  stages entered per deal (deal_id, stage, entered_date;
                      Salesforce Opportunity History; HubSpot \"Date entered\"
                      columns — which may be the deal file itself)
    --arr FILE        recurring revenue by account (account, date, arr; or one
                      column per month)
    --integrations FILE  integration installs (account, integration,
                      installed_date): they alone decide partner involvement
                      for retention
    --out DIR         where to write the exports (created if missing);
                      for `sql`, the file to write the script to (default:
                      standard output)
    --aggregates DIR  the folder holding the unloaded pa_*.csv files
    --dialect NAME    duckdb, snowflake, bigquery, databricks or postgres
    --deals-table NAME   the warehouse's deal table (default: deals)
    --touches-table NAME the touch table; journeys come from its dated touches
    --map ROLE=COLUMN the column holding a role (repeatable)
    --like FILE       map columns as the page maps this export's header
    --schema NAME     schema (BigQuery: dataset) for the pa_* tables
    --dbt DIR         write a dbt package instead of a script: one model per
                      table, each with every engine's SQL (chosen by
                      target.type); tables, columns, the half-life and
                      --min-deals become vars; `dbt test` checks that no
                      pa_ table holds a deal-level column
    --half-life DAYS  time-decay half-life (default 30)
    --min-deals K     fold journey patterns of fewer than K deals into
                      \"(rare journeys)\" (default 1: none folded)
    --seed S          generator seed for `sample` (default 42)
    -h, --help        print this text

ENVIRONMENT:
    PA_READERS=N      readers (threads) that split a large CSV file (default:
                      one per core from 16 MB); the result is the same for
                      every N

EXIT STATUS:
    0 on success, 1 when a file cannot be used (the message names the file,
    row and column), 2 on a usage error.
";

/// What to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Print this text.
    Help(&'static str),
    /// Write the exports of these files into `out`.
    Export {
        /// Every input file, deal file first.
        files: Vec<PathBuf>,
        /// Stage history (§7a), if any.
        stage_history: Option<PathBuf>,
        /// ARR snapshots (§7b), if any.
        arr: Option<PathBuf>,
        /// Integration installs (§7b), if any.
        integrations: Option<PathBuf>,
        /// Output folder.
        out: PathBuf,
    },
    /// Report what the page would do with these files.
    Inspect {
        /// The files.
        files: Vec<PathBuf>,
    },
    /// Finish the warehouse's aggregates into the exports.
    ExportAggregates {
        /// The folder of unloaded `pa_*.csv` files.
        dir: PathBuf,
        /// Output folder.
        out: PathBuf,
    },
    /// Print the warehouse script.
    Sql(SqlArgs),
    /// Write a generated data set.
    Sample {
        /// Number of deals.
        deals: usize,
        /// Generator seed.
        seed: u64,
        /// Output folder.
        out: PathBuf,
    },
}

/// The `sql` command's options, as given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SqlArgs {
    /// Dialect name.
    pub dialect: String,
    /// Deal table.
    pub deals_table: Option<String>,
    /// Touch table.
    pub touches_table: Option<String>,
    /// `ROLE=COLUMN` pairs.
    pub maps: Vec<(String, String)>,
    /// Files whose headers set the mapping.
    pub like: Vec<PathBuf>,
    /// Schema of the result tables.
    pub schema: Option<String>,
    /// Time-decay half-life.
    pub half_life: Option<f64>,
    /// Fold threshold.
    pub min_deals: Option<u64>,
    /// Where to write the script.
    pub out: Option<PathBuf>,
    /// Where to write a dbt package instead.
    pub dbt: Option<PathBuf>,
}

impl Command {
    /// Parse the arguments after the program name.
    pub fn parse(argv: &[String]) -> Result<Command, String> {
        let Some(first) = argv.first() else { return Ok(Command::Help(USAGE)) };
        if matches!(first.as_str(), "-h" | "--help" | "help") || argv.iter().any(|a| a == "-h" || a == "--help") {
            return Ok(Command::Help(USAGE));
        }
        if first == "inspect" {
            let files: Vec<PathBuf> = argv[1..].iter().map(PathBuf::from).collect();
            if files.is_empty() || argv[1..].iter().any(|a| a.starts_with("--")) {
                return Err("inspect takes one or more files and no options".into());
            }
            return Ok(Command::Inspect { files });
        }
        let options = Options::parse(&argv[1..])?;
        match first.as_str() {
            "export" if options.value("--aggregates").is_some() => {
                options.only(&["--aggregates", "--out"])?;
                Ok(Command::ExportAggregates {
                    dir: options.path("--aggregates").expect("checked"),
                    out: options.path("--out").ok_or("export needs --out DIR")?,
                })
            }
            "sql" => {
                options.only(&[
                    "--dialect",
                    "--deals-table",
                    "--touches-table",
                    "--map",
                    "--like",
                    "--schema",
                    "--half-life",
                    "--min-deals",
                    "--out",
                    "--dbt",
                ])?;
                let maps = options
                    .values("--map")
                    .map(|m| {
                        m.split_once('=')
                            .map(|(r, c)| (r.trim().to_string(), c.trim().to_string()))
                            .ok_or_else(|| format!("--map needs ROLE=COLUMN, not `{m}`"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let half_life = options
                    .value("--half-life")
                    .map(|v| v.parse::<f64>().map_err(|_| format!("--half-life needs a number of days, not `{v}`")))
                    .transpose()?;
                Ok(Command::Sql(SqlArgs {
                    dialect: match (options.value("--dialect"), options.path("--dbt")) {
                        (Some(d), _) => d.to_string(),
                        (None, Some(_)) => String::new(),
                        (None, None) => return Err("sql needs --dialect NAME (or --dbt DIR)".into()),
                    },
                    dbt: options.path("--dbt"),
                    deals_table: options.value("--deals-table").map(String::from),
                    touches_table: options.value("--touches-table").map(String::from),
                    maps,
                    like: options.values("--like").map(PathBuf::from).collect(),
                    schema: options.value("--schema").map(String::from),
                    half_life,
                    min_deals: options.number("--min-deals")?,
                    out: options.path("--out"),
                }))
            }
            "export" => {
                let deals = options.path("--deals").ok_or("export needs --deals FILE")?;
                let mut files = vec![deals];
                files.extend(["--touches", "--overlap", "--roster"].iter().filter_map(|f| options.path(f)));
                options.only(&[
                    "--deals",
                    "--touches",
                    "--overlap",
                    "--roster",
                    "--stage-history",
                    "--arr",
                    "--integrations",
                    "--out",
                ])?;
                if options.path("--integrations").is_some() && options.path("--arr").is_none() {
                    return Err("--integrations needs --arr FILE (retention is measured on ARR)".into());
                }
                Ok(Command::Export {
                    files,
                    stage_history: options.path("--stage-history"),
                    arr: options.path("--arr"),
                    integrations: options.path("--integrations"),
                    out: options.path("--out").ok_or("export needs --out DIR")?,
                })
            }
            "sample" => {
                options.only(&["--deals", "--seed", "--out"])?;
                Ok(Command::Sample {
                    deals: options.number("--deals")?.unwrap_or(2_000) as usize,
                    seed: options.number("--seed")?.unwrap_or(42),
                    out: options.path("--out").ok_or("sample needs --out DIR")?,
                })
            }
            other => Err(format!("unknown command `{other}` (expected export, sql, inspect or sample)")),
        }
    }
}

/// `--flag value` pairs, in order.
struct Options(Vec<(String, String)>);

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            if !flag.starts_with("--") {
                return Err(format!("unexpected argument `{flag}` (every value follows a --flag)"));
            }
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let repeatable = matches!(flag.as_str(), "--map" | "--like");
            if !repeatable && pairs.iter().any(|(f, _): &(String, String)| f == flag) {
                return Err(format!("{flag} is given twice"));
            }
            pairs.push((flag.clone(), value.clone()));
        }
        Ok(Options(pairs))
    }

    fn value(&self, flag: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == flag).map(|(_, v)| v.as_str())
    }

    fn values<'a>(&'a self, flag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(f, _)| f == flag).map(|(_, v)| v.as_str())
    }

    fn path(&self, flag: &str) -> Option<PathBuf> {
        self.value(flag).map(PathBuf::from)
    }

    fn number(&self, flag: &str) -> Result<Option<u64>, String> {
        self.value(flag)
            .map(|v| v.replace('_', "").parse().map_err(|_| format!("{flag} needs a whole number, not `{v}`")))
            .transpose()
    }

    /// Refuse flags this command does not know.
    fn only(&self, known: &[&str]) -> Result<(), String> {
        match self.0.iter().find(|(f, _)| !known.contains(&f.as_str())) {
            Some((f, _)) => Err(format!("unknown option {f} here (this command takes {})", known.join(", "))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Command, String> {
        Command::parse(&line.split_whitespace().map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn table_of_command_lines() {
        let export = |files: &[&str], out: &str| Command::Export {
            files: files.iter().map(PathBuf::from).collect(),
            stage_history: None,
            arr: None,
            integrations: None,
            out: PathBuf::from(out),
        };
        let cases: Vec<(&str, Result<Command, String>)> = vec![
            ("", Ok(Command::Help(USAGE))),
            ("--help", Ok(Command::Help(USAGE))),
            ("export --deals d.csv --out o -h", Ok(Command::Help(USAGE))),
            ("export --deals d.csv --out o", Ok(export(&["d.csv"], "o"))),
            (
                "export --roster r.csv --out o --touches t.csv --deals d.csv",
                Ok(export(&["d.csv", "t.csv", "r.csv"], "o")),
            ),
            ("export --out o", Err("export needs --deals FILE".into())),
            ("export --deals d.csv", Err("export needs --out DIR".into())),
            ("export --deals d.csv --out", Err("--out needs a value".into())),
            ("export --deals a --deals b --out o", Err("--deals is given twice".into())),
            (
                "export --deals d.csv --out o --seed 3",
                Err("unknown option --seed here (this command takes --deals, --touches, --overlap, --roster, \
                     --stage-history, --arr, --integrations, --out)"
                    .into()),
            ),
            (
                "export --deals d.csv --integrations i.csv --out o",
                Err("--integrations needs --arr FILE (retention is measured on ARR)".into()),
            ),
            (
                "export --deals d.csv --stage-history h.csv --arr a.csv --integrations i.csv --out o",
                Ok(Command::Export {
                    files: vec!["d.csv".into()],
                    stage_history: Some("h.csv".into()),
                    arr: Some("a.csv".into()),
                    integrations: Some("i.csv".into()),
                    out: "o".into(),
                }),
            ),
            ("export d.csv", Err("unexpected argument `d.csv` (every value follows a --flag)".into())),
            ("sample --out o", Ok(Command::Sample { deals: 2000, seed: 42, out: "o".into() })),
            (
                "sample --deals 1_000_000 --seed 7 --out o",
                Ok(Command::Sample { deals: 1_000_000, seed: 7, out: "o".into() }),
            ),
            ("sample --deals many --out o", Err("--deals needs a whole number, not `many`".into())),
            ("frobnicate", Err("unknown command `frobnicate` (expected export, sql, inspect or sample)".into())),
            ("export --aggregates a --out o", Ok(Command::ExportAggregates { dir: "a".into(), out: "o".into() })),
            (
                "export --aggregates a --deals d.csv --out o",
                Err("unknown option --deals here (this command takes --aggregates, --out)".into()),
            ),
            (
                "sql --dialect duckdb --map amount=Amount --map touch.actor=Who --like d.csv --min-deals 5",
                Ok(Command::Sql(SqlArgs {
                    dialect: "duckdb".into(),
                    maps: vec![("amount".into(), "Amount".into()), ("touch.actor".into(), "Who".into())],
                    like: vec!["d.csv".into()],
                    min_deals: Some(5),
                    ..SqlArgs::default()
                })),
            ),
            ("sql --map amount", Err("--map needs ROLE=COLUMN, not `amount`".into())),
            ("sql --deals-table t", Err("sql needs --dialect NAME (or --dbt DIR)".into())),
            ("sql --dbt pkg", Ok(Command::Sql(SqlArgs { dbt: Some("pkg".into()), ..SqlArgs::default() }))),
        ];
        for (line, expected) in cases {
            assert_eq!(parse(line), expected, "{line}");
        }
    }
}
