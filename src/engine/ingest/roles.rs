//! Auto-mapping columns to the spec's roles (§1): header synonyms from
//! Salesforce, HubSpot, Pipedrive, Dynamics and PRM exports, checked
//! against the column's values, with a confidence per role.

use super::csv_reader::{normalise_header, Table};
use super::values::{parse_bool, parse_date, DateOrder};
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
}

impl FileKind {
    /// What the file is, for people.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Deals => "deals",
            FileKind::Touches => "touches",
            FileKind::Overlap => "account overlap",
            FileKind::Roster => "partner roster",
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

const fn role(id: &'static str, required: bool, kind: ValueKind, synonyms: &'static [&'static str]) -> RoleSpec {
    RoleSpec { id, required, kind, synonyms, multi: false }
}

/// Roles of a deal file.
pub const DEAL_ROLES: &[RoleSpec] = &[
    role(
        "deal_id",
        true,
        ValueKind::Text,
        &[
            "deal_id",
            "deal id",
            "opportunity id",
            "opportunity id 18",
            "opp id",
            "record id",
            "id",
            "opportunity number",
            "deal number",
            "opportunity",
        ],
    ),
    role(
        "amount",
        true,
        ValueKind::Amount,
        &[
            "amount",
            "deal amount",
            "opportunity amount",
            "amount converted",
            "value",
            "deal value",
            "opportunity value",
            "total contract value",
            "tcv",
            "acv",
            "annual contract value",
            "contract value",
            "revenue",
            "arr",
            "bookings",
            "estimated revenue",
            "est revenue",
        ],
    ),
    role(
        "currency",
        false,
        ValueKind::Text,
        &[
            "currency",
            "currency code",
            "deal currency",
            "opportunity currency",
            "amount currency",
            "currency iso code",
            "currencyisocode",
            "transaction currency",
        ],
    ),
    role(
        "created_date",
        true,
        ValueKind::Date,
        &[
            "created_date",
            "created date",
            "create date",
            "created",
            "created on",
            "date created",
            "creation date",
            "opportunity created date",
            "deal created date",
            "add time",
            "createdon",
        ],
    ),
    role(
        "close_date",
        true,
        ValueKind::Date,
        &[
            "close_date",
            "close date",
            "closed date",
            "expected close date",
            "estimated close date",
            "est close date",
            "close",
            "closed on",
            "won date",
            "actual close date",
            "won time",
            "close time",
            "estimatedclosedate",
            "actualclosedate",
        ],
    ),
    role(
        "stage",
        false,
        ValueKind::Text,
        &[
            "stage",
            "deal stage",
            "opportunity stage",
            "sales stage",
            "stage name",
            "pipeline stage",
            "status",
            "deal status",
            "opportunity status",
            "status reason",
            "statecode",
        ],
    ),
    role("is_won", false, ValueKind::Bool, &["is_won", "won", "is won", "iswon", "closed won"]),
    role("is_closed", false, ValueKind::Bool, &["is_closed", "closed", "is closed", "isclosed"]),
    role(
        "sourcing_partner",
        false,
        ValueKind::Text,
        &[
            "sourcing_partner",
            "sourcing partner",
            "primary partner",
            "partner account",
            "source partner",
            "referral partner",
            "originating partner",
            "partner",
            "partner name",
            "partner company",
            "referring partner",
        ],
    ),
    RoleSpec {
        id: "influencing_partners",
        required: false,
        kind: ValueKind::Text,
        synonyms: &[
            "influencing_partners",
            "influencing partners",
            "influencing partner",
            "influencers",
            "influencer partners",
            "partners",
            "partner influence",
            "co-sell partners",
            "cosell partners",
            "other partners",
            "secondary partners",
            "additional partners",
            "partner 1",
            "partner 2",
            "partner 3",
            "partner 4",
            "partner 5",
            "partner 6",
        ],
        multi: true,
    },
    role(
        "partner_role",
        false,
        ValueKind::Text,
        &["partner role", "role", "partner relationship", "partner involvement"],
    ),
    role(
        "partner_type",
        false,
        ValueKind::Text,
        &["partner_type", "partner type", "partner category", "partner program", "partner kind"],
    ),
    role(
        "deal_type",
        false,
        ValueKind::Text,
        &["deal_type", "deal type", "type", "opportunity type", "business type", "new or renewal"],
    ),
    role(
        "segment",
        false,
        ValueKind::Text,
        &["segment", "market segment", "customer segment", "company size", "size", "tier"],
    ),
    role(
        "account",
        false,
        ValueKind::Text,
        &[
            "account",
            "account name",
            "company",
            "company name",
            "customer",
            "customer name",
            "organization",
            "organisation",
            "associated company",
            "client",
        ],
    ),
    role(
        "lead_source",
        false,
        ValueKind::Text,
        &[
            "lead_source",
            "lead source",
            "source",
            "original source",
            "lead origin",
            "opportunity source",
            "deal source",
            "original source type",
        ],
    ),
    role(
        "owner",
        false,
        ValueKind::Text,
        &["owner", "deal owner", "opportunity owner", "owner name", "sales rep", "account executive", "ae", "rep"],
    ),
    role(
        "deal_name",
        false,
        ValueKind::Text,
        &["deal_name", "deal name", "opportunity name", "name", "title", "deal title"],
    ),
];

/// Roles of a touch file.
pub const TOUCH_ROLES: &[RoleSpec] = &[
    role(
        "deal_id",
        true,
        ValueKind::Text,
        &["deal_id", "deal id", "opportunity id", "record id", "opportunity", "deal"],
    ),
    role(
        "touch_date",
        true,
        ValueKind::Date,
        &[
            "touch_date",
            "touch date",
            "date",
            "activity date",
            "interaction date",
            "touched on",
            "timestamp",
            "event date",
        ],
    ),
    role(
        "actor",
        true,
        ValueKind::Text,
        &["actor", "touched by", "partner", "person", "who", "actor name", "participant"],
    ),
    role("actor_type", false, ValueKind::Text, &["actor_type", "actor type", "team", "actor role", "type of actor"]),
    role(
        "touch_type",
        false,
        ValueKind::Text,
        &["touch_type", "touch type", "activity type", "interaction type", "touch", "activity", "channel"],
    ),
];

/// Roles of an account-overlap export.
pub const OVERLAP_ROLES: &[RoleSpec] = &[
    role(
        "partner",
        true,
        ValueKind::Text,
        &["partner", "partner name", "partner company", "partner organization", "partner org"],
    ),
    role(
        "account",
        false,
        ValueKind::Text,
        &["account", "account name", "company", "company name", "your account", "record name", "name"],
    ),
    role(
        "domain",
        false,
        ValueKind::Text,
        &["domain", "website", "company domain", "account domain", "account website"],
    ),
    role(
        "crm_id",
        false,
        ValueKind::Text,
        &["crm id", "account id", "record id", "your record id", "salesforce id", "hubspot id"],
    ),
    role(
        "population",
        false,
        ValueKind::Text,
        &[
            "population",
            "partner population",
            "partner status",
            "their population",
            "overlap population",
            "partner record status",
        ],
    ),
];

/// Roles of a partner roster file.
pub const ROSTER_ROLES: &[RoleSpec] = &[
    role(
        "partner",
        true,
        ValueKind::Text,
        &["partner", "partner name", "partner account", "account name", "company", "name"],
    ),
    role("partner_type", false, ValueKind::Text, &["partner type", "type", "category", "partner category", "motion"]),
    role(
        "tier",
        false,
        ValueKind::Text,
        &["tier", "partner tier", "level", "partner level", "program", "partner program", "status level"],
    ),
    role(
        "start_date",
        false,
        ValueKind::Date,
        &[
            "start date",
            "partner since",
            "joined",
            "join date",
            "signed",
            "signed date",
            "contract start",
            "onboarded",
            "onboarding date",
            "start",
        ],
    ),
];

/// The roles of a file kind.
pub fn roles_of(kind: FileKind) -> &'static [RoleSpec] {
    match kind {
        FileKind::Deals => DEAL_ROLES,
        FileKind::Touches => TOUCH_ROLES,
        FileKind::Overlap => OVERLAP_ROLES,
        FileKind::Roster => ROSTER_ROLES,
    }
}

/// Columns chosen for each role, with how sure the choice is (0–1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// Role id → column indices (several only for multi roles).
    pub columns: BTreeMap<&'static str, Vec<usize>>,
    /// Role id → confidence of the automatic choice (1 for a user's choice).
    pub confidence: BTreeMap<&'static str, f64>,
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

    /// Whether every required role of `kind` is mapped with at least `threshold` confidence.
    pub fn is_confident(&self, kind: FileKind, threshold: f64) -> bool {
        roles_of(kind).iter().filter(|r| r.required).all(|r| self.confidence.get(r.id).is_some_and(|&c| c >= threshold))
            && (kind != FileKind::Deals || self.column("stage").is_some() || self.column("is_won").is_some())
    }

    /// As plain pairs (role, columns, confidence), for messages and storage.
    pub fn to_pairs(&self) -> Vec<(String, Vec<usize>, f64)> {
        self.columns
            .iter()
            .map(|(role, cols)| (role.to_string(), cols.clone(), self.confidence.get(role).copied().unwrap_or(0.0)))
            .collect()
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
        let mut missing: Vec<&'static str> =
            roles_of(kind).iter().filter(|r| r.required && self.column(r.id).is_none()).map(|r| r.id).collect();
        if kind == FileKind::Deals && self.column("stage").is_none() && self.column("is_won").is_none() {
            missing.push("stage");
        }
        missing
    }
}

/// Confidence needed to skip the mapping panel.
pub const CONFIDENT: f64 = 0.8;

/// How well a header names a role: 1 for the role id itself, 0.95 for a
/// synonym, 0.6 when a synonym is part of the header, 0 otherwise.
fn header_score(header: &str, spec: &RoleSpec) -> f64 {
    let h = normalise_header(header);
    if h.is_empty() {
        return 0.0;
    }
    if h == normalise_header(spec.id) {
        return 1.0;
    }
    let synonyms = spec.synonyms.iter().map(|s| normalise_header(s));
    if synonyms.clone().any(|s| s == h) {
        return 0.95;
    }
    if spec.multi && (h.starts_with("partner") && h.trim_start_matches("partner").parse::<u32>().is_ok()) {
        return 0.95;
    }
    if synonyms.filter(|s| s.len() >= 4).any(|s| h.contains(&s)) {
        return 0.6;
    }
    0.0
}

/// Share of a column's non-blank values (first 500 rows) that fit a value kind.
fn plausibility(table: &Table, column: usize, kind: ValueKind) -> f64 {
    let values: Vec<&str> = (0..table.len().min(500))
        .filter_map(|i| table.row(i).get(column))
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return if kind == ValueKind::Text { 1.0 } else { 0.6 };
    }
    let fits = |v: &&str| match kind {
        ValueKind::Text => true,
        ValueKind::Amount => {
            super::values::parse_amount(v, super::values::DecimalMark::Point).is_some()
                || super::values::parse_amount(v, super::values::DecimalMark::Comma).is_some()
        }
        ValueKind::Date => {
            parse_date(v, DateOrder::MonthFirst).is_some() || parse_date(v, DateOrder::DayFirst).is_some()
        }
        ValueKind::Bool => parse_bool(v).is_some(),
    };
    values.iter().filter(|v| fits(v)).count() as f64 / values.len() as f64
}

/// Propose a mapping: every (role, column) pair is scored by header and
/// values; the best pairs are taken first, each column used once (multi
/// roles take every column that names them).
pub fn auto_map(table: &Table, kind: FileKind) -> Mapping {
    let specs = roles_of(kind);
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new(); // (score, role index, column)
    for (r, spec) in specs.iter().enumerate() {
        for (c, header) in table.headers.iter().enumerate() {
            let h = header_score(header, spec);
            if h > 0.0 {
                let fit = plausibility(table, c, spec.kind);
                // A named column keeps its role even when some values do not
                // fit (those rows are reported), but with less confidence.
                // The spec's own column name is trusted as is: bad values
                // there are row problems, reported with row and column.
                let score = if spec.kind == ValueKind::Text || h == 1.0 { h } else { h * (0.5 + 0.5 * fit) };
                candidates.push((score, r, c));
            }
        }
    }
    // Highest score first; ties to the earlier role, then the earlier column.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut mapping = Mapping::default();
    let mut used = vec![false; table.headers.len()];
    for (score, r, c) in candidates {
        let spec = &specs[r];
        if used[c] || score < 0.3 || (!spec.multi && mapping.columns.contains_key(spec.id)) {
            continue;
        }
        used[c] = true;
        mapping.columns.entry(spec.id).or_default().push(c);
        let conf = mapping.confidence.entry(spec.id).or_insert(score);
        *conf = conf.min(score);
    }
    for cols in mapping.columns.values_mut() {
        cols.sort_unstable();
    }
    sniff_values(table, kind, &mut mapping, &mut used);
    // No id column: a deal-name column can stand in, but the user should confirm.
    if kind == FileKind::Deals && mapping.column("deal_id").is_none() {
        if let Some(c) = mapping.column("deal_name") {
            mapping.columns.insert("deal_id", vec![c]);
            mapping.confidence.insert("deal_id", 0.7);
        }
    }
    mapping
}

/// Confidence of a role proposed from values alone (the panel asks to confirm).
const SNIFFED: f64 = 0.4;

/// Fill required roles that no header named from the values of unused
/// columns: amounts, dates (the earlier column is the created date), ids
/// (unique values) and stages (won/lost words).
fn sniff_values(table: &Table, kind: FileKind, mapping: &mut Mapping, used: &mut [bool]) {
    if kind != FileKind::Deals {
        return;
    }
    let sample = table.len().min(500);
    let values =
        |c: usize| (0..sample).filter_map(move |i| table.row(i).get(c)).map(|v| v.trim()).filter(|v| !v.is_empty());
    let free = |used: &[bool]| (0..table.headers.len()).filter(|&c| !used[c]).collect::<Vec<_>>();
    let take = |mapping: &mut Mapping, used: &mut [bool], role: &'static str, c: usize| {
        used[c] = true;
        mapping.columns.insert(role, vec![c]);
        mapping.confidence.insert(role, SNIFFED);
    };
    if mapping.column("amount").is_none() {
        if let Some(c) = free(used)
            .into_iter()
            .find(|&c| values(c).next().is_some() && plausibility(table, c, ValueKind::Amount) >= 0.95)
        {
            take(mapping, used, "amount", c);
        }
    }
    let date_columns: Vec<usize> = free(used)
        .into_iter()
        .filter(|&c| {
            values(c).any(|v| !v.chars().all(|ch| ch.is_ascii_digit()))
                && plausibility(table, c, ValueKind::Date) >= 0.95
        })
        .collect();
    let mean_day = |c: usize| {
        let days: Vec<i32> = values(c)
            .filter_map(|v| parse_date(v, DateOrder::MonthFirst).or_else(|| parse_date(v, DateOrder::DayFirst)))
            .map(|d| d.0)
            .collect();
        days.iter().map(|&d| f64::from(d)).sum::<f64>() / days.len().max(1) as f64
    };
    let mut dates = date_columns;
    dates.sort_by(|&a, &b| mean_day(a).total_cmp(&mean_day(b)));
    let mut dates = dates.into_iter();
    if mapping.column("created_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "created_date", c);
        }
    }
    if mapping.column("close_date").is_none() {
        if let Some(c) = dates.next() {
            take(mapping, used, "close_date", c);
        }
    }
    if mapping.column("stage").is_none() && mapping.column("is_won").is_none() {
        let stage_like = |c: usize| values(c).any(|v| super::values::stage_outcome(v).0);
        if let Some(c) = free(used).into_iter().find(|&c| stage_like(c)) {
            take(mapping, used, "stage", c);
        }
    }
    if mapping.column("deal_id").is_none() {
        let unique = |c: usize| {
            let mut v: Vec<&str> = values(c).collect();
            let n = v.len();
            v.sort_unstable();
            v.dedup();
            n > 0 && v.len() == n
        };
        if let Some(c) = free(used).into_iter().find(|&c| unique(c)) {
            take(mapping, used, "deal_id", c);
        }
    }
}

/// Guess what kind of file a table is from how well each kind maps.
pub fn detect_kind(table: &Table) -> FileKind {
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
