//! Partner roster rows: type, tier and start date per partner.

use super::{cell, problem, Builder};
use crate::dataset::{RosterEntry, Sym};
use crate::error::IngestError;
use crate::hash::FastMap;
use crate::ingest::roles::Mapping;
use crate::ingest::values::{infer_date_order, parse_date};
use crate::ingest::ParsedFile;

impl Builder<'_> {
    pub(in crate::ingest) fn roster(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let order = self.options.date_order.unwrap_or_else(|| {
            let c = m.column("start_date");
            let values = (0..file.table.len()).filter_map(|i| c.and_then(|c| file.table.row(i).get(c)));
            infer_date_order(values, self.date_order).value()
        });
        let mut seen: FastMap<Sym, u64> = FastMap::default();
        for (line, row) in file.table.rows() {
            let Some(name) = cell(row, m, "partner") else {
                self.skip(file, line, row, problem("partner", "blank partner name", "the partner name is blank"));
                continue;
            };
            let start = match cell(row, m, "start_date") {
                Some(text) => match parse_date(text, order) {
                    Some(d) => Some(d),
                    None => {
                        self.skip(
                            file,
                            line,
                            row,
                            problem("start_date", "start date is not a date", format!("\"{text}\" is not a date")),
                        );
                        continue;
                    }
                },
                None => None,
            };
            let partner = self.data.strings.intern(&self.names.resolved(name));
            if let Some(&first) = seen.get(&partner) {
                self.quality.duplicates.push((name.to_string(), line, first));
                continue;
            }
            seen.insert(partner, line);
            let mut opt = |role: &str| cell(row, m, role).map(|v| self.data.strings.intern(v));
            let (partner_type, tier) = (opt("partner_type"), opt("tier"));
            self.data.roster.push(RosterEntry { partner, partner_type, tier, start });
        }
        Ok(())
    }
}
