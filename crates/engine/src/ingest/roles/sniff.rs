//! Required roles no header named, proposed from the values of the
//! columns still free (a file with no header row): each at [`SNIFFED`]
//! confidence, so the panel asks to confirm.

use super::header::says_id;
use super::profile::Profiles;
use super::{Mapping, SNIFFED};
use crate::ingest::csv_reader::Table;

/// Fill required roles that no header named from the values of unused
/// columns: amounts, dates (the earlier column is the created date) and
/// stages (won/lost words). Each is proposed at [`SNIFFED`] confidence.
pub(super) fn sniff_values(table: &Table, profiles: &Profiles, mapping: &mut Mapping, used: &mut [bool]) {
    let free = |used: &[bool]| (0..table.headers.len()).filter(|&c| !used[c]).collect::<Vec<_>>();
    let take = |mapping: &mut Mapping, used: &mut [bool], role: &'static str, c: usize, why: String| {
        used[c] = true;
        mapping.columns.insert(role, vec![c]);
        mapping.confidence.insert(role, SNIFFED);
        mapping.reasons.insert(role, format!("guessed from the values of “{}”: {why}", table.headers[c]));
    };
    let p = |c: usize| &profiles.columns[c];
    if mapping.column("amount").is_none() {
        // Numbers in a column not named as an id, and not dates; the larger figure first.
        let mut amounts: Vec<usize> = free(used)
            .into_iter()
            .filter(|&c| {
                let id_like = p(c).distinct == p(c).filled && p(c).increasing >= 0.9 && p(c).money_written < 0.5;
                p(c).filled > 0
                    && p(c).amount_fit >= 0.95
                    && p(c).real_date_fit() < 0.5
                    && !says_id(&table.headers[c])
                    && !id_like
            })
            .collect();
        // Money written as money (decimals, a currency mark) first, then the larger figure.
        amounts.sort_by(|&a, &b| {
            let written = |c: usize| p(c).money_written >= 0.5;
            written(b).cmp(&written(a)).then(p(b).median_amount.total_cmp(&p(a).median_amount)).then(a.cmp(&b))
        });
        if let Some(&c) = amounts.first() {
            take(mapping, used, "amount", c, "numbers in every sampled row".into());
        }
    }
    let mut dates: Vec<usize> =
        free(used).into_iter().filter(|&c| p(c).filled > 0 && p(c).real_date_fit() >= 0.95).collect();
    let mean_day = |c: usize| {
        use crate::ingest::values::{parse_date, DateOrder};
        let days: Vec<i32> = super::profile::sample_rows(table.len())
            .filter_map(|i| table.row(i).get(c))
            .filter_map(|v| parse_date(v, DateOrder::MonthFirst).or_else(|| parse_date(v, DateOrder::DayFirst)))
            .map(|d| d.0)
            .collect();
        days.iter().map(|&d| f64::from(d)).sum::<f64>() / days.len().max(1) as f64
    };
    dates.sort_by(|&a, &b| mean_day(a).total_cmp(&mean_day(b)));
    let mut dates = dates.into_iter();
    if mapping.column("created_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "created_date", c, "dates, the earliest of the date columns".into());
        }
    }
    if mapping.column("close_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "close_date", c, "dates, later than the created dates".into());
        }
    }
    if mapping.column("stage").is_none() && mapping.column("is_won").is_none() {
        let best = free(used)
            .into_iter()
            .filter(|&c| p(c).won_lost > 0 && p(c).stage_recognised() >= 0.5)
            .max_by(|&a, &b| p(a).won_lost_share().total_cmp(&p(b).won_lost_share()).then(b.cmp(&a)));
        if let Some(c) = best {
            let labels = p(c).top_labels.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
            take(mapping, used, "stage", c, format!("labels {labels}… say won or lost"));
        }
    }
}
