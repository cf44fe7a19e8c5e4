//! Account-overlap rows (Crossbeam/Reveal): deals attached to partners.

use super::{cell, Builder};
use crate::dataset::Sym;
use crate::error::IngestError;
use crate::ingest::partners::lookalike_key;
use crate::ingest::roles::Mapping;
use crate::ingest::ParsedFile;
use std::collections::HashMap;

impl Builder<'_> {
    pub(in crate::ingest) fn overlap(&mut self, file: &ParsedFile, m: &Mapping) -> Result<(), IngestError> {
        Self::require(file, m)?;
        let norm = |s: &str| lookalike_key(s);
        let mut by_account: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in self.data.deals.iter().enumerate() {
            if let Some(a) = d.account {
                by_account.entry(norm(self.data.strings.name(a))).or_default().push(i);
            }
        }
        let mut attached: Vec<(u32, Sym)> = Vec::new();
        for (line, row) in file.table.rows() {
            let Some(partner) = cell(row, m, "partner") else { continue };
            let population = cell(row, m, "population").unwrap_or("customer").to_lowercase();
            if population.contains("prospect") || population.contains("lead") {
                continue; // only customers and open opportunities make a deal partner-attached
            }
            let key = cell(row, m, "account").map(norm).or_else(|| {
                cell(row, m, "domain").map(|d| norm(d.trim_start_matches("www.").split('.').next().unwrap_or(d)))
            });
            let Some(deals) = key.as_ref().and_then(|k| by_account.get(k)) else {
                self.quality.unmatched.push((key.unwrap_or_default(), line));
                continue;
            };
            let p = self.data.strings.intern(&self.names.resolved(partner));
            attached.extend(deals.iter().map(|&d| (d as u32, p)));
        }
        attached.sort_unstable();
        attached.dedup();
        self.data.attached = attached;
        Ok(())
    }
}
