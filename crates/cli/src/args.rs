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
    --out DIR         where to write the exports (created if missing)
    --seed S          generator seed for `sample` (default 42)
    -h, --help        print this text

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
            other => Err(format!("unknown command `{other}` (expected export, inspect or sample)")),
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
            if pairs.iter().any(|(f, _): &(String, String)| f == flag) {
                return Err(format!("{flag} is given twice"));
            }
            pairs.push((flag.clone(), value.clone()));
        }
        Ok(Options(pairs))
    }

    fn value(&self, flag: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == flag).map(|(_, v)| v.as_str())
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
            ("frobnicate", Err("unknown command `frobnicate` (expected export, inspect or sample)".into())),
        ];
        for (line, expected) in cases {
            assert_eq!(parse(line), expected, "{line}");
        }
    }
}
