//! What a file is (deals, touches, overlap, roster), from how well each kind
//! maps, and the header signature under which a mapping is remembered.

use super::auto_map::SNIFFED;
use super::{auto_map, roles_of, FileKind};
use crate::ingest::arr::{looks_like_arr, looks_like_installs};
use crate::ingest::csv_reader::{normalise_header, Table};
use crate::ingest::stage_history::is_long_stage_history;

/// Guess what kind of file a table is: the §7a/§7b files by their telling
/// columns, the others by how well each kind maps.
pub fn detect_kind(table: &Table) -> FileKind {
    if is_long_stage_history(table) {
        return FileKind::StageHistory;
    }
    if looks_like_installs(table) {
        return FileKind::Integrations;
    }
    if looks_like_arr(table) {
        return FileKind::Arr;
    }
    let score = |kind: FileKind| {
        let m = auto_map(table, kind);
        roles_of(kind)
            .iter()
            .filter(|r| r.required)
            .map(|r| m.confidence.get(r.id).copied().unwrap_or(0.0))
            .sum::<f64>()
            / roles_of(kind).iter().filter(|r| r.required).count() as f64
    };
    let deals = auto_map(table, FileKind::Deals);
    let has_amount = deals.confidence.get("amount").is_some_and(|&c| c > SNIFFED);
    let (t, o) = (score(FileKind::Touches), score(FileKind::Overlap));
    let touch_like = t >= 0.75 && !has_amount;
    let overlap_like = o >= 0.75
        && !has_amount
        && table.headers.iter().any(|h| {
            let h = normalise_header(h);
            h.contains("population") || h.contains("overlap") || h == "domain"
        });
    let roster = auto_map(table, FileKind::Roster);
    let roster_like = score(FileKind::Roster) >= 0.75
        && !has_amount
        && !touch_like
        && (roster.column("tier").is_some() || roster.column("start_date").is_some())
        && deals.column("deal_id").is_none_or(|_| deals.confidence.get("deal_id").is_none_or(|&c| c < 0.8));
    if overlap_like {
        FileKind::Overlap
    } else if roster_like {
        FileKind::Roster
    } else if touch_like {
        FileKind::Touches
    } else {
        FileKind::Deals
    }
}

/// A stable signature of a header row, for remembering the user's mapping.
pub fn header_signature(headers: &[String]) -> String {
    let joined: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let text = joined.join("|");
    // FNV-1a: short, stable across runs and platforms.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}
