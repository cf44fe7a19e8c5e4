//! Auto-mapping columns to the spec's roles (§1): header words from
//! Salesforce, HubSpot, Pipedrive, Dynamics, Zoho, SAP and PRM exports,
//! weighed with each column's values, with a confidence and a reason per role.

mod auto_map;
mod catalogue;
pub mod deal_id;
pub mod header;
mod kind;
mod memory;
pub mod profile;
mod sniff;

pub use auto_map::{auto_map, auto_map_with};
pub use catalogue::{DEAL_ROLES, OVERLAP_ROLES, ROSTER_ROLES, TOUCH_ROLES};
pub use kind::{detect_kind, detect_kind_with, header_signature};
pub use memory::{decode_mapping, encode_mapping};
use std::collections::BTreeMap;

/// Which kind of file a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FileKind {
    /// One row per deal (or per deal–partner pair).
    Deals,
    /// One row per touch.
    Touches,
    /// A Crossbeam/Reveal-style account overlap export.
    Overlap,
    /// A partner roster: partner, type, tier, start date.
    Roster,
    /// Stages entered per deal (spec §7a); read by shape, not by roles.
    StageHistory,
    /// Recurring revenue by account and date (spec §7b).
    Arr,
    /// Integration installs by account (spec §7b).
    Integrations,
}

impl FileKind {
    /// What the file is, for people.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Deals => "deals",
            FileKind::Touches => "touches",
            FileKind::Overlap => "account overlap",
            FileKind::Roster => "partner roster",
            FileKind::StageHistory => "stage history",
            FileKind::Arr => "ARR by account",
            FileKind::Integrations => "integration installs",
        }
    }
}

/// What kind of values a role holds (used to check a candidate column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Any text.
    Text,
    /// Money.
    Amount,
    /// A date.
    Date,
    /// Yes/no.
    Bool,
}

/// A role of a file: its id, whether it is required, its value kind and header synonyms.
#[derive(Debug, Clone, Copy)]
pub struct RoleSpec {
    /// The spec's role id (`deal_id`, `amount`, …).
    pub id: &'static str,
    /// Whether the file cannot be used without it.
    pub required: bool,
    /// What its values look like.
    pub kind: ValueKind,
    /// Header names that mean this role, compared after normalising.
    pub synonyms: &'static [&'static str],
    /// Whether several columns may feed it (`Partner 1`, `Partner 2`, …).
    pub multi: bool,
}

pub(crate) const fn role(
    id: &'static str,
    required: bool,
    kind: ValueKind,
    synonyms: &'static [&'static str],
) -> RoleSpec {
    RoleSpec { id, required, kind, synonyms, multi: false }
}

/// The roles of a file kind.
pub fn roles_of(kind: FileKind) -> &'static [RoleSpec] {
    match kind {
        FileKind::Deals => DEAL_ROLES,
        FileKind::Touches => TOUCH_ROLES,
        FileKind::Overlap => OVERLAP_ROLES,
        FileKind::Roster => ROSTER_ROLES,
        // Read by their shape (`ingest::stage_history`, `ingest::arr`).
        FileKind::StageHistory | FileKind::Arr | FileKind::Integrations => &[],
    }
}

/// Columns chosen for each role, with how sure the choice is (0–1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// Role id → column indices (several only for multi roles).
    pub columns: BTreeMap<&'static str, Vec<usize>>,
    /// Role id → confidence of the automatic choice (1 for a user's choice).
    pub confidence: BTreeMap<&'static str, f64>,
    /// Role id → why the column was chosen (or, for a role left out, why
    /// no column was), for the mapping panel and `inspect`.
    pub reasons: BTreeMap<&'static str, String>,
}

impl Mapping {
    /// The first column of a role.
    pub fn column(&self, role: &str) -> Option<usize> {
        self.columns.get(role).and_then(|c| c.first().copied())
    }

    /// All columns of a role.
    pub fn all(&self, role: &str) -> &[usize] {
        self.columns.get(role).map_or(&[], Vec::as_slice)
    }

    /// Whether every required role of `kind` is mapped with at least
    /// `threshold` confidence. For a deal file these are the amount, the
    /// close date and the outcome (a stage or a won flag): the roles in
    /// [`DEAL_ROLES_MAY_BE_ABSENT`] never hold the results back.
    pub fn is_confident(&self, kind: FileKind, threshold: f64) -> bool {
        let sure = |role: &str| self.confidence.get(role).is_some_and(|&c| c >= threshold);
        roles_of(kind).iter().filter(|r| r.required && !may_be_absent(kind, r.id)).all(|r| sure(r.id))
            && (kind != FileKind::Deals
                || (self.column("stage").is_some() && sure("stage"))
                || (self.column("is_won").is_some() && sure("is_won")))
    }

    /// Optional roles mapped with less than `threshold` confidence: the
    /// results show, with a bar asking to check these columns.
    pub fn uncertain(&self, kind: FileKind, threshold: f64) -> Vec<&'static str> {
        roles_of(kind)
            .iter()
            .filter(|r| !r.required || may_be_absent(kind, r.id))
            .filter(|r| self.column(r.id).is_some() && self.confidence.get(r.id).is_some_and(|&c| c < threshold))
            .map(|r| r.id)
            .collect()
    }

    /// As plain pairs (role, columns, confidence), for messages and storage.
    pub fn to_pairs(&self) -> Vec<(String, Vec<usize>, f64)> {
        self.columns
            .iter()
            .map(|(role, cols)| (role.to_string(), cols.clone(), self.confidence.get(role).copied().unwrap_or(0.0)))
            .collect()
    }

    /// The reasons as plain pairs (role, reason), for messages and the panel.
    pub fn reason_pairs(&self) -> Vec<(String, String)> {
        self.reasons.iter().map(|(role, why)| (role.to_string(), why.clone())).collect()
    }

    /// Back from pairs; roles that `kind` does not have are dropped.
    pub fn from_pairs(kind: FileKind, pairs: &[(String, Vec<usize>, f64)]) -> Mapping {
        let mut mapping = Mapping::default();
        for (role, cols, confidence) in pairs {
            if let Some(spec) = roles_of(kind).iter().find(|r| r.id == role) {
                mapping.columns.insert(spec.id, cols.clone());
                mapping.confidence.insert(spec.id, *confidence);
            }
        }
        mapping
    }

    /// Whether every required role is mapped at all (whatever the confidence).
    pub fn is_complete(&self, kind: FileKind) -> bool {
        self.missing(kind).is_empty()
    }

    /// The required roles that are not mapped.
    pub fn missing(&self, kind: FileKind) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = roles_of(kind)
            .iter()
            .filter(|r| r.required && !may_be_absent(kind, r.id) && self.column(r.id).is_none())
            .map(|r| r.id)
            .collect();
        if kind == FileKind::Deals && self.column("stage").is_none() && self.column("is_won").is_none() {
            missing.push("stage");
        }
        missing
    }
}

/// Roles a deal file is expected to have but may lack (spec §1): without a
/// deal id the 1-based data row number is the id; without a created date the
/// deals are kept and left out of the time-based figures only.
pub const DEAL_ROLES_MAY_BE_ABSENT: &[&str] = &["deal_id", "created_date"];

/// Whether a file of `kind` can be read without `role`.
pub fn may_be_absent(kind: FileKind, role: &str) -> bool {
    kind == FileKind::Deals && DEAL_ROLES_MAY_BE_ABSENT.contains(&role)
}

/// Confidence of a role proposed from values alone (the panel asks to confirm).
pub const SNIFFED: f64 = 0.4;

/// Confidence needed to skip the mapping panel.
pub const CONFIDENT: f64 = 0.8;
