//! What a file is (deals, touches, overlap, roster), from how well each kind
//! maps, and the header signature under which a mapping is remembered.

use super::profile::Profiles;
use super::SNIFFED;
use super::{auto_map_with, roles_of, FileKind, Mapping};
use crate::ingest::arr::{looks_like_arr, looks_like_installs};
use crate::ingest::csv_reader::{normalise_header, Table};
use crate::ingest::stage_history::is_long_stage_history;

/// Guess what kind of file a table is: the §7a/§7b files by their telling
/// columns, the others by how well each kind maps.
pub fn detect_kind(table: &Table) -> FileKind {
    detect_kind_with(table, &Profiles::of(table)).0
}

/// [`detect_kind`] with the columns' profiles measured, and the deal
/// mapping it made when the file is a deal file (so it is made once).
pub fn detect_kind_with(table: &Table, profiles: &Profiles) -> (FileKind, Option<Mapping>) {
    if is_long_stage_history(table) {
        return (FileKind::StageHistory, None);
    }
    if looks_like_installs(table) {
        return (FileKind::Integrations, None);
    }
    if looks_like_arr(table) {
        return (FileKind::Arr, None);
    }
    let score = |kind: FileKind| {
        let m = auto_map_with(table, kind, profiles);
        roles_of(kind)
            .iter()
            .filter(|r| r.required)
            .map(|r| m.confidence.get(r.id).copied().unwrap_or(0.0))
            .sum::<f64>()
            / roles_of(kind).iter().filter(|r| r.required).count() as f64
    };
    let deals = auto_map_with(table, FileKind::Deals, profiles);
    let has_amount = deals.confidence.get("amount").is_some_and(|&c| c > SNIFFED);
    let (t, o) = (score(FileKind::Touches), score(FileKind::Overlap));
    let touch_like = t >= 0.75 && !has_amount;
    let overlap_like = o >= 0.75
        && !has_amount
        && table.headers.iter().any(|h| {
            let h = normalise_header(h);
            h.contains("population") || h.contains("overlap") || h == "domain"
        });
    let roster = auto_map_with(table, FileKind::Roster, profiles);
    let roster_like = score(FileKind::Roster) >= 0.75
        && !has_amount
        && !touch_like
        && (roster.column("tier").is_some() || roster.column("start_date").is_some())
        && deals.column("deal_id").is_none_or(|_| deals.confidence.get("deal_id").is_none_or(|&c| c < 0.8));
    if overlap_like {
        (FileKind::Overlap, None)
    } else if roster_like {
        (FileKind::Roster, None)
    } else if touch_like {
        (FileKind::Touches, None)
    } else {
        (FileKind::Deals, Some(deals))
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
