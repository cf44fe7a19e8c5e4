//! The partners of a deal row: the sourcing partner, the influencing
//! partners of one or several columns, and the partner's role.

use super::{at, Builder};
use crate::dataset::Sym;
use crate::hash::FastSet;
use crate::ingest::partners::{means_no_partner, split_partners};
use crate::ingest::records::Row;

/// The partner columns of a deal file.
#[derive(Clone, Copy)]
pub(super) struct PartnerColumns<'c> {
    /// The sourcing partner.
    pub(super) sourcing: Option<usize>,
    /// Columns of influencing partners.
    pub(super) influencing: &'c [usize],
    /// The partner's role on the deal.
    pub(super) partner_role: Option<usize>,
}

impl Builder<'_> {
    /// The symbol of a partner's kept spelling, cached per spelling seen.
    pub(super) fn partner(&mut self, spelled: &str) -> Sym {
        if let Some(&sym) = self.partner_syms.get(spelled) {
            return sym;
        }
        let name = self.names.canonical(spelled);
        let sym = self.data.strings.intern(&name);
        self.partner_syms.insert(spelled.to_string(), sym);
        sym
    }

    /// A row's sourcing partner and influencing partners, each resolved to
    /// its kept spelling; a partner whose role says it did not source the
    /// deal ("Opportunities with Partners") is an influencer.
    pub(super) fn row_partners(&mut self, row: Row<'_>, c: PartnerColumns<'_>) -> (Option<Sym>, Vec<Sym>) {
        let mut sourcing = at(row, c.sourcing).filter(|p| !means_no_partner(p)).map(|p| self.partner(p));
        let mut influencing: Vec<Sym> = Vec::new();
        // A set keeps a cell listing thousands of partners linear.
        let mut seen: FastSet<Sym> = FastSet::default();
        for &col in c.influencing {
            if let Some(v) = row.get(col) {
                // A cell's partners are resolved once per distinct cell text.
                if !self.influencing_syms.contains_key(v) {
                    let syms: Vec<Sym> =
                        split_partners(v, self.commas_split).into_iter().map(|p| self.partner(p)).collect();
                    self.influencing_syms.insert(v.to_string(), syms);
                }
                for &sym in &self.influencing_syms[v] {
                    if Some(sym) != sourcing && seen.insert(sym) {
                        influencing.push(sym);
                    }
                }
            }
        }
        // "Opportunities with Partners": the partner column is the sourcing
        // partner only when its role says so (referral, sourced, primary).
        if let (Some(role), Some(p)) = (at(row, c.partner_role), sourcing) {
            let r = role.to_lowercase();
            let sources =
                ["referr", "sourc", "primary", "originat", "registered", "deal reg"].iter().any(|w| r.contains(w));
            if !sources {
                sourcing = None;
                if !influencing.contains(&p) {
                    influencing.insert(0, p);
                }
            }
        }
        (sourcing, influencing)
    }
}
