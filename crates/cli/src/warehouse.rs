//! The warehouse commands (spec §10): `sql` prints the script for one SQL
//! engine; `export --aggregates` finishes the `pa_` files it produced.

use crate::args::SqlArgs;
use crate::commands::{read, write};
use engine::export::default_exports;
use engine::ingest::parse_file;
use engine::ingest::roles::FileKind;
use engine::warehouse::options::{DEAL_ROLES, TOUCH_ROLES};
use engine::warehouse::{dbt_package, finish, read_aggregates, script, Dialect, ScriptOptions};
use std::path::Path;

/// Print (or write) the script.
pub fn sql(args: &SqlArgs) -> Result<(), String> {
    let dialect = if args.dbt.is_some() && args.dialect.is_empty() {
        Dialect::DuckDb // every dialect is written; this one is not used
    } else {
        Dialect::from_id(&args.dialect).ok_or_else(|| {
            format!(
                "unknown dialect `{}` (expected {})",
                args.dialect,
                Dialect::ALL.iter().map(|d| d.id()).collect::<Vec<_>>().join(", ")
            )
        })?
    };
    let mut o = ScriptOptions::new(dialect);
    for path in &args.like {
        like(&mut o, path)?;
    }
    if let Some(t) = &args.deals_table {
        o.deals_table = t.clone();
    }
    if let Some(t) = &args.touches_table {
        o.touches_table = Some(t.clone());
    }
    for (role, column) in &args.maps {
        o.map(role, column)?;
    }
    o.schema = args.schema.clone();
    if let Some(h) = args.half_life {
        o.half_life_days = h;
    }
    if let Some(k) = args.min_deals {
        o.min_deals = k.max(1);
    }
    if let Some(dir) = &args.dbt {
        return write_dbt(&o, dir);
    }
    let text = script(&o)?;
    match &args.out {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Write the dbt package's files into `dir` (made if missing).
fn write_dbt(o: &ScriptOptions, dir: &Path) -> Result<(), String> {
    let files = dbt_package(o)?;
    for (path, text) in &files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    eprintln!("wrote a dbt package of {} files into {}", files.len(), dir.display());
    Ok(())
}

/// Map the roles as the page maps this export's header: a deal file sets
/// the deal columns (roles it lacks are dropped), a touch file the touch
/// columns (and names the touch table `touches` unless given).
fn like(o: &mut ScriptOptions, path: &Path) -> Result<(), String> {
    let file = parse_file(&read(path)?, &Default::default()).map_err(|e| e.to_string())?;
    let headers = &file.table.headers;
    let name = |c: usize| headers.get(c).cloned().unwrap_or_default();
    match file.kind {
        FileKind::Deals => {
            o.deal_columns.clear();
            for role in DEAL_ROLES {
                let columns: Vec<String> = file.mapping.all(role).iter().map(|&c| name(c)).collect();
                if !columns.is_empty() {
                    o.deal_columns.insert(role.to_string(), columns);
                }
            }
        }
        FileKind::Touches => {
            o.touch_columns.clear();
            for role in TOUCH_ROLES {
                if let Some(c) = file.mapping.column(role) {
                    o.touch_columns.insert(role.to_string(), name(c));
                }
            }
            o.touches_table.get_or_insert_with(|| "touches".into());
        }
        other => return Err(format!("{} is a {other:?} file: --like takes a deal or a touch export", path.display())),
    }
    Ok(())
}

/// `export --aggregates DIR --out DIR`.
pub fn export_aggregates(dir: &Path, out: &Path) -> Result<(), String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.to_ascii_lowercase().starts_with("pa_") && p.is_file()
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{} holds no pa_*.csv file (unload the warehouse script's tables there)", dir.display()));
    }
    let files = paths.iter().map(|p| read(p)).collect::<Result<Vec<_>, _>>()?;
    let aggregates = read_aggregates(&files).map_err(|e| e.to_string())?;
    let data = finish(&aggregates);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (attribution, value_model) = default_exports(&data);
    write(out, "attribution.csv", &attribution)?;
    write(out, "value_model.csv", &value_model)?;
    for note in data.quality.notices() {
        eprintln!("note: {note}");
    }
    Ok(())
}
