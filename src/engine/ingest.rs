//! From dropped files to a [`Dataset`]: recognise which file holds deals and
//! which touches, map their columns to the spec's roles, and parse values.
//! Any cell that cannot be read stops the load with its row and column.

use super::csv_reader::{read_table, Table};
use super::dataset::{ActorType, Dataset, Deal, Sym, Touch};
use super::date::{parse_iso_date, Day};
use super::error::IngestError;
use super::money::parse_cents;
use std::collections::HashMap;

/// A file the user gave us: its name and raw bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// File name as shown to the user.
    pub name: String,
    /// Raw content.
    pub bytes: Vec<u8>,
}

/// Header names accepted for each deal role (compared after normalising).
const DEAL_ROLES: &[(&str, &[&str])] = &[
    ("deal_id", &["deal_id", "deal id", "opportunity id", "record id", "id"]),
    ("amount", &["amount", "deal amount", "value"]),
    ("currency", &["currency", "deal currency", "currency code"]),
    ("created_date", &["created_date", "created date", "create date", "created"]),
    ("close_date", &["close_date", "close date", "closed date"]),
    ("stage", &["stage", "deal stage"]),
    ("is_won", &["is_won", "won"]),
    ("is_closed", &["is_closed", "closed"]),
    ("sourcing_partner", &["sourcing_partner", "sourcing partner", "primary partner"]),
    ("influencing_partners", &["influencing_partners", "influencing partners", "influencers"]),
    ("partner_type", &["partner_type", "partner type"]),
    ("deal_type", &["deal_type", "deal type", "type"]),
    ("segment", &["segment"]),
    ("account", &["account", "account name"]),
    ("owner", &["owner", "deal owner", "opportunity owner"]),
    ("lead_source", &["lead_source", "lead source", "source", "original source"]),
];

const TOUCH_ROLES: &[(&str, &[&str])] = &[
    ("deal_id", &["deal_id", "deal id", "opportunity id", "record id"]),
    ("touch_date", &["touch_date", "touch date", "date"]),
    ("actor", &["actor", "partner", "touched by"]),
    ("actor_type", &["actor_type", "actor type"]),
    ("touch_type", &["touch_type", "touch type"]),
];

/// Column index of each role found in a table's header.
struct Columns(HashMap<&'static str, usize>);

impl Columns {
    fn find(table: &Table, roles: &[(&'static str, &[&str])]) -> Columns {
        let mut map = HashMap::new();
        for (role, names) in roles {
            if let Some(i) = names.iter().find_map(|n| table.column(n)) {
                map.insert(*role, i);
            }
        }
        Columns(map)
    }

    fn get(&self, role: &str) -> Option<usize> {
        self.0.get(role).copied()
    }
}

/// Read the cell of `role` in a row, trimmed; `None` when absent or blank.
fn cell<'a>(row: &'a [String], cols: &Columns, role: &str) -> Option<&'a str> {
    let i = cols.get(role)?;
    row.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// Does this header look like a touch file rather than a deal file?
fn is_touch_table(table: &Table) -> bool {
    let cols = Columns::find(table, TOUCH_ROLES);
    cols.get("touch_date").is_some() && cols.get("actor").is_some() && table.column("amount").is_none()
}

/// Load deals (and touches, when one of the files is a touch file).
pub fn load(files: &[InputFile]) -> Result<Dataset, IngestError> {
    if files.is_empty() {
        return Err(IngestError::file("input", "no file was given"));
    }
    let mut deal_table = None;
    let mut touch_table = None;
    for f in files {
        let table = read_table(&f.name, &f.bytes, sniff_delimiter(&f.bytes))?;
        if is_touch_table(&table) {
            touch_table = Some((f.name.clone(), table));
        } else if deal_table.is_none() {
            deal_table = Some((f.name.clone(), table));
        } else {
            return Err(IngestError::file(
                &f.name,
                "two deal files were given; drop one deal file (and optionally one touch file)",
            ));
        }
    }
    let (deal_name, deal_table) = deal_table.ok_or_else(|| {
        IngestError::file("input", "only a touch file was given; add the deal file (one row per opportunity with deal_id, amount, stage, created_date, close_date)")
    })?;
    let mut data = load_deals(&deal_name, &deal_table)?;
    if let Some((name, table)) = touch_table {
        load_touches(&name, &table, &mut data)?;
    }
    Ok(data)
}

/// Pick the delimiter (comma, semicolon, tab or pipe) that splits the first line most.
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t', b'|'].into_iter().max_by_key(|&d| (count(d), d == b',')).unwrap_or(b',')
}

fn require(cols: &Columns, file: &str, role: &str, hint: &str) -> Result<usize, IngestError> {
    cols.get(role).ok_or_else(|| IngestError::column(file, role, format!("required column is missing. {hint}")))
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "won" | "closed" => Some(true),
        "false" | "no" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

/// What a stage label says about the deal: (closed, won).
pub fn stage_outcome(stage: &str) -> (bool, bool) {
    let s = stage.to_ascii_lowercase();
    if s.contains("won") || s == "closed - won" || s == "win" {
        (true, true)
    } else if s.contains("lost") || s.contains("closed") || s.contains("dead") || s.contains("disqualified") {
        (true, false)
    } else {
        (false, false)
    }
}

/// Split a multi-valued partner cell on `;`, `|` or newlines.
pub fn split_partners(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '|', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

fn parse_date_cell(file: &str, line: u64, column: &str, text: &str) -> Result<Day, IngestError> {
    parse_iso_date(text).ok_or_else(|| {
        IngestError::cell(file, line, column, format!("\"{text}\" is not a date; use YYYY-MM-DD such as 2025-03-31"))
    })
}

fn load_deals(file: &str, table: &Table) -> Result<Dataset, IngestError> {
    let cols = Columns::find(table, DEAL_ROLES);
    let hint = "The deal file needs deal_id, amount, created_date, close_date and stage (or is_won/is_closed)";
    require(&cols, file, "deal_id", hint)?;
    require(&cols, file, "amount", hint)?;
    require(&cols, file, "created_date", hint)?;
    require(&cols, file, "close_date", hint)?;
    if cols.get("stage").is_none() && cols.get("is_won").is_none() {
        return Err(IngestError::column(file, "stage", format!("required column is missing. {hint}")));
    }
    if table.rows.is_empty() {
        return Err(IngestError::file(file, "the file has a header but no deal rows"));
    }

    let mut data = Dataset { currency: reporting_currency(table, &cols), ..Dataset::default() };
    let mut seen: HashMap<Sym, u64> = HashMap::new();
    let mut blank_amounts = Vec::new();
    let mut duplicates = Vec::new();
    for (row, &line) in table.rows.iter().zip(&table.lines) {
        let Some(id_text) = cell(row, &cols, "deal_id") else {
            return Err(IngestError::cell(file, line, "deal_id", "the deal id is blank; every deal needs a unique id"));
        };
        let id = data.strings.intern(id_text);
        if let Some(&first) = seen.get(&id) {
            duplicates.push(format!("{id_text} (row {line}, first at row {first})"));
            continue;
        }
        seen.insert(id, line);
        let amount_cents = match cell(row, &cols, "amount") {
            None => {
                blank_amounts.push(line);
                0
            }
            Some(text) => parse_cents(text).ok_or_else(|| {
                IngestError::cell(
                    file,
                    line,
                    "amount",
                    format!("\"{text}\" is not an amount; use a plain number such as 12500.00"),
                )
            })?,
        };
        if let Some(code) = cell(row, &cols, "currency") {
            if !code.eq_ignore_ascii_case(&data.currency) {
                return Err(IngestError::cell(file, line, "currency", format!(
                    "this deal is in {code} but the reporting currency is {}; convert the amounts to one currency before loading",
                    data.currency
                )));
            }
        }
        let created_text = cell(row, &cols, "created_date")
            .ok_or_else(|| IngestError::cell(file, line, "created_date", "the created date is blank"))?;
        let created = parse_date_cell(file, line, "created_date", created_text)?;
        let close = match cell(row, &cols, "close_date") {
            Some(text) => Some(parse_date_cell(file, line, "close_date", text)?),
            None => None,
        };
        let (mut closed, mut won) = cell(row, &cols, "stage").map(stage_outcome).unwrap_or((false, false));
        if let Some(text) = cell(row, &cols, "is_won") {
            won = parse_bool(text)
                .ok_or_else(|| IngestError::cell(file, line, "is_won", format!("\"{text}\" is not true/false")))?;
            closed |= won;
        }
        if let Some(text) = cell(row, &cols, "is_closed") {
            closed = parse_bool(text)
                .ok_or_else(|| IngestError::cell(file, line, "is_closed", format!("\"{text}\" is not true/false")))?
                || won;
        }
        if closed && close.is_none() {
            return Err(IngestError::cell(file, line, "close_date", "the deal is closed but has no close date"));
        }
        let sourcing = cell(row, &cols, "sourcing_partner").map(|p| data.strings.intern(p));
        let start = data.influencers.len() as u32;
        if let Some(text) = cell(row, &cols, "influencing_partners") {
            for name in split_partners(text) {
                let sym = data.strings.intern(name);
                data.influencers.push(sym);
            }
        }
        let end = data.influencers.len() as u32;
        let mut opt = |role: &str| cell(row, &cols, role).map(|v| data.strings.intern(v));
        let deal = Deal {
            id,
            amount_cents,
            created,
            close,
            closed,
            won,
            sourcing,
            influencers: start..end,
            partner_type: opt("partner_type"),
            deal_type: opt("deal_type"),
            segment: opt("segment"),
            account: opt("account"),
            owner: opt("owner"),
            lead_source: opt("lead_source"),
            line,
        };
        data.deals.push(deal);
    }
    if !duplicates.is_empty() {
        data.notices.push(format!(
            "{} duplicate deal id(s) skipped, the first row of each kept: {}",
            duplicates.len(),
            preview(&duplicates)
        ));
    }
    if !blank_amounts.is_empty() {
        let rows: Vec<String> = blank_amounts.iter().map(|l| format!("row {l}")).collect();
        data.notices.push(format!("{} deal(s) with a blank amount counted as 0: {}", rows.len(), preview(&rows)));
    }
    Ok(data)
}

/// The most common currency code, or USD when the file has none.
fn reporting_currency(table: &Table, cols: &Columns) -> String {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        if let Some(code) = cell(row, cols, "currency") {
            *counts.entry(code.to_ascii_uppercase()).or_default() += 1;
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(c, _)| c).unwrap_or_else(|| "USD".into())
}

/// The first few items of a list, then "and N more".
fn preview(items: &[String]) -> String {
    let shown: Vec<&str> = items.iter().take(5).map(String::as_str).collect();
    if items.len() > 5 {
        format!("{} and {} more", shown.join(", "), items.len() - 5)
    } else {
        shown.join(", ")
    }
}

fn load_touches(file: &str, table: &Table, data: &mut Dataset) -> Result<(), IngestError> {
    let cols = Columns::find(table, TOUCH_ROLES);
    let hint = "The touch file needs deal_id, touch_date, actor and actor_type";
    require(&cols, file, "deal_id", hint)?;
    require(&cols, file, "touch_date", hint)?;
    require(&cols, file, "actor", hint)?;
    require(&cols, file, "actor_type", hint)?;
    let deal_index: HashMap<Sym, u32> = data.deals.iter().enumerate().map(|(i, d)| (d.id, i as u32)).collect();
    let mut touches = Vec::with_capacity(table.rows.len());
    let mut unmatched = Vec::new();
    for (row, &line) in table.rows.iter().zip(&table.lines) {
        let id_text = cell(row, &cols, "deal_id").ok_or_else(|| {
            IngestError::cell(file, line, "deal_id", "the deal id is blank; every touch must name its deal")
        })?;
        let Some(&deal) = data.strings.get(id_text).and_then(|s| deal_index.get(&s)) else {
            unmatched.push(format!("{id_text} (row {line})"));
            continue;
        };
        let date_text = cell(row, &cols, "touch_date")
            .ok_or_else(|| IngestError::cell(file, line, "touch_date", "the touch date is blank"))?;
        let date = parse_date_cell(file, line, "touch_date", date_text)?;
        let actor_text = cell(row, &cols, "actor").ok_or_else(|| {
            IngestError::cell(file, line, "actor", "the actor is blank; name the partner, person or team")
        })?;
        let actor = data.strings.intern(actor_text);
        let actor_type = ActorType::parse(cell(row, &cols, "actor_type").unwrap_or(""));
        let touch_type = cell(row, &cols, "touch_type").map(|t| data.strings.intern(t));
        touches.push(Touch { deal, date, actor, actor_type, touch_type });
    }
    if !unmatched.is_empty() {
        data.notices.push(format!(
            "{} touch(es) name a deal id that is not in the deal file and were not used: {}",
            unmatched.len(),
            preview(&unmatched)
        ));
    }
    data.touches = Some(touches);
    Ok(())
}
