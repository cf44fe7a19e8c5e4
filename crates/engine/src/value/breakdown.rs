//! Breakdowns of the §7a/§7b comparisons: partner-involved deals (or
//! accounts) grouped by partner type, by program (the roster's tier, else
//! its type) or, for retention with an integration file, by integration.
//! A deal with partners of two types counts in both groups, as a deal with
//! two partners counts for both in the overlay's split by partner.

use super::model::Definition;
use super::overlay::partners_of;
use crate::dataset::{Dataset, Sym};
use crate::hash::FastMap;
use crate::journey::Journeys;

/// How partner-involved deals or accounts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breakdown {
    /// No breakdown: partner-involved vs direct only.
    #[default]
    None,
    /// By partner type (the deal's partner type, else the roster's type of its partners).
    PartnerType,
    /// By program: the roster tier of the deal's partners (else their roster type).
    Program,
    /// By integration named in the integration file (retention only).
    Integration,
}

impl Breakdown {
    /// Every breakdown, none first.
    pub const ALL: [Breakdown; 4] =
        [Breakdown::None, Breakdown::PartnerType, Breakdown::Program, Breakdown::Integration];

    /// Stable id (settings).
    pub fn id(self) -> &'static str {
        match self {
            Breakdown::None => "none",
            Breakdown::PartnerType => "partner_type",
            Breakdown::Program => "program",
            Breakdown::Integration => "integration",
        }
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Breakdown::None => "Partner-involved vs direct",
            Breakdown::PartnerType => "By partner type",
            Breakdown::Program => "By program (roster tier)",
            Breakdown::Integration => "By integration",
        }
    }

    /// The breakdown with this id.
    pub fn from_id(id: &str) -> Option<Breakdown> {
        Breakdown::ALL.into_iter().find(|b| b.id() == id)
    }

    /// The breakdowns this data can offer (`installs`: an integration file was given).
    pub fn available(data: &Dataset, installs: bool) -> Vec<Breakdown> {
        let roster_types = data.roster.iter().any(|r| r.partner_type.is_some());
        let roster_programs = data.roster.iter().any(|r| r.tier.is_some() || r.partner_type.is_some());
        Breakdown::ALL
            .into_iter()
            .filter(|b| match b {
                Breakdown::None => true,
                Breakdown::PartnerType => roster_types || data.deals.iter().any(|d| d.partner_type.is_some()),
                Breakdown::Program => roster_programs,
                Breakdown::Integration => installs,
            })
            .collect()
    }
}

/// The roster's program (tier, else type) and type of each partner.
pub struct RosterLookup {
    program: FastMap<Sym, Sym>,
    kind: FastMap<Sym, Sym>,
}

impl RosterLookup {
    /// Index the roster of `data`.
    pub fn new(data: &Dataset) -> RosterLookup {
        let mut program = FastMap::default();
        let mut kind = FastMap::default();
        for r in &data.roster {
            if let Some(p) = r.tier.or(r.partner_type) {
                program.insert(r.partner, p);
            }
            if let Some(t) = r.partner_type {
                kind.insert(r.partner, t);
            }
        }
        RosterLookup { program, kind }
    }

    /// The group of a partner named as written anywhere (an integration
    /// file's partner column): its program or its type; `None` for other
    /// breakdowns and for partners not on the roster.
    pub fn group_of_name(&self, data: &Dataset, name: &str, breakdown: Breakdown) -> Option<Sym> {
        let sym = data.strings.get(name)?;
        let map = match breakdown {
            Breakdown::Program => &self.program,
            Breakdown::PartnerType => &self.kind,
            Breakdown::None | Breakdown::Integration => return None,
        };
        map.get(&sym).copied()
    }
}

/// The groups a partner-involved deal belongs to under a breakdown (empty
/// for [`Breakdown::None`] and [`Breakdown::Integration`], and for a deal
/// whose partners have no type or program: it then counts in no group).
pub fn deal_groups(
    data: &Dataset,
    journeys: &Journeys,
    definition: Definition,
    roster: &RosterLookup,
    breakdown: Breakdown,
    i: usize,
) -> Vec<Sym> {
    let mut out: Vec<Sym> = match breakdown {
        Breakdown::None | Breakdown::Integration => return Vec::new(),
        Breakdown::PartnerType => match data.deals[i].partner_type {
            Some(t) => vec![t],
            None => partners_of(data, journeys, definition, i)
                .into_iter()
                .filter_map(|p| roster.kind.get(&p).copied())
                .collect(),
        },
        Breakdown::Program => partners_of(data, journeys, definition, i)
            .into_iter()
            .filter_map(|p| roster.program.get(&p).copied())
            .collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}
