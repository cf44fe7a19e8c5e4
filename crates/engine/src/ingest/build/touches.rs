//! Touch rows: dated partner, sales and marketing touches of known deals.

use super::{at, problem, Builder};
use crate::dataset::{ActorType, Touch};
use crate::error::IngestError;
use crate::ingest::partners::PartnerNames;
use crate::ingest::roles::Mapping;
use crate::ingest::values::{infer_date_order, parse_date};
use crate::ingest::ParsedFile;

impl Builder<'_> {
    pub(in crate::ingest) fn touches(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let order = self.options.date_order.unwrap_or_else(|| {
            let c = m.column("touch_date");
            let values = (0..file.table.len()).filter_map(|i| c.and_then(|c| file.table.row(i).get(c)));
            infer_date_order(values, self.date_order).value()
        });
        let mut touches = Vec::with_capacity(file.table.len());
        // Spec §3: with a `touch_seq` column, same-day touches follow it
        // (blank or unreadable values after the numbered ones, in file order).
        let mut seqs: Vec<Option<f64>> = Vec::new();
        let has_seq = m.column("touch_seq").is_some();
        // Each role's column, looked up once rather than per row.
        let [deal_id, touch_date, actor, actor_type, touch_type, touch_seq] =
            ["deal_id", "touch_date", "actor", "actor_type", "touch_type", "touch_seq"].map(|role| m.column(role));
        for (line, row) in file.table.rows() {
            let Some(id_text) = at(row, deal_id) else {
                self.skip(
                    file,
                    line,
                    row,
                    problem("deal_id", "blank deal id", "the deal id is blank; every touch must name its deal"),
                );
                continue;
            };
            let Some(deal) = self.data.strings.get(id_text).and_then(|s| self.deal_index(s)) else {
                self.quality.unmatched.push((id_text.to_string(), line));
                continue;
            };
            let date = match at(row, touch_date).map(|t| (t, parse_date(t, order))) {
                Some((_, Some(d))) => d,
                Some((t, None)) => {
                    self.skip(
                        file,
                        line,
                        row,
                        problem("touch_date", "touch date is not a date", format!("\"{t}\" is not a date")),
                    );
                    continue;
                }
                None => {
                    self.skip(file, line, row, problem("touch_date", "blank touch date", "the touch date is blank"));
                    continue;
                }
            };
            let Some(actor_text) = at(row, actor) else {
                self.skip(
                    file,
                    line,
                    row,
                    problem("actor", "blank actor", "the actor is blank; name the partner, person or team"),
                );
                continue;
            };
            let kind = ActorType::parse(at(row, actor_type).unwrap_or("partner"));
            let actor = if kind != ActorType::Partner {
                self.data.strings.intern(actor_text)
            } else if self.partner_syms.contains_key(actor_text)
                || self.names.spellings.contains_key(&PartnerNames::key(actor_text))
            {
                self.partner(actor_text)
            } else {
                self.data.strings.intern(actor_text)
            };
            let touch_type = at(row, touch_type).map(|t| self.data.strings.intern(t));
            touches.push(Touch { deal: deal as u32, date, actor, actor_type: kind, touch_type });
            if has_seq {
                seqs.push(at(row, touch_seq).and_then(|t| t.trim().parse::<f64>().ok()).filter(|x| x.is_finite()));
            }
        }
        if has_seq {
            // The journeys sort each deal's touches by date, stably: ordering
            // the file by sequence first makes same-day ties follow it.
            let mut order: Vec<usize> = (0..touches.len()).collect();
            order.sort_by(|&a, &b| match (seqs[a], seqs[b]) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            touches = order.into_iter().map(|i| touches[i].clone()).collect();
        }
        self.data.touches = Some(touches);
        Ok(())
    }
}
