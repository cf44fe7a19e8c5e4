//! Rows that repeat a deal id: another partner of the same deal (merged),
//! a line item (its amount joins the deal's), or a duplicate (spec §1: the
//! first row wins, reported). Which one is decided for the whole file,
//! once every row has been read.

use super::{Builder, ParsedFile};
use crate::hash::FastSet;

/// Rows that repeated a deal id, kept until the whole file is read.
#[derive(Default)]
pub(super) struct Repeats {
    /// Repeats with the deal's dates and outcome and another amount: (deal, cents, line).
    pub(super) line_items: Vec<(usize, i64, u64)>,
    /// Repeats equal to their deal in amount, dates and outcome, with no partner: (deal, cents, line).
    pub(super) equal_repeats: Vec<(usize, i64, u64)>,
    /// Repeats whose dates or outcome differ from their deal's.
    pub(super) conflicts: usize,
}

/// Whether repeats with the same dates and outcome and other amounts
/// (`line_items`) make a pattern of the file: at least three and 2% of its
/// rows, and ten times the repeats whose dates or outcome differ. One such
/// repeat in a small file is a duplicate (spec §1), not a line item.
pub fn is_line_item_file(line_items: usize, conflicts: usize, rows: usize) -> bool {
    line_items >= 3 && line_items * 50 >= rows && conflicts * 10 <= line_items
}

impl Builder<'_> {
    /// Decide what rows that repeat a deal id were. When they mostly share
    /// their deal's dates and outcome with another amount, the file lists
    /// line items: every such row's amount joins its deal (rows equal to
    /// their deal too: two lines of one product). Otherwise they were
    /// duplicates after all (spec §1: the first row wins): the amounts
    /// added provisionally are taken back and the rows reported.
    pub(super) fn settle_repeats(&mut self, tally: &mut Repeats, file: &ParsedFile) {
        let line_items = is_line_item_file(tally.line_items.len(), tally.conflicts, file.table.len());
        if line_items {
            let equal: FastSet<u64> = tally.equal_repeats.iter().map(|&(_, _, line)| line).collect();
            for &(deal, cents, _) in &tally.equal_repeats {
                self.data.deals[deal].amount_cents += cents;
            }
            self.quality.duplicates.retain(|(_, line, _)| !equal.contains(line));
            let mut deals: Vec<usize> = tally.line_items.iter().chain(&tally.equal_repeats).map(|r| r.0).collect();
            deals.sort_unstable();
            deals.dedup();
            let rows = tally.line_items.len() + tally.equal_repeats.len();
            self.quality.assumptions.push(format!(
                "{}: {} deals span several rows with the same id, dates and outcome and different amounts (line items): the amounts of their {} rows were summed per deal.",
                file.name,
                deals.len(),
                rows + deals.len()
            ));
        } else {
            for &(deal, cents, line) in &tally.line_items {
                let kept = &mut self.data.deals[deal];
                kept.amount_cents -= cents;
                let id = self.data.strings.name(kept.id).to_string();
                self.quality.duplicates.push((id, line, kept.line));
            }
            self.quality.duplicates.sort_by_key(|d| d.1);
        }
        tally.line_items.clear();
        tally.equal_repeats.clear();
    }
}
