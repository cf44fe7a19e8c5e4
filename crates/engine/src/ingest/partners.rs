//! Partner names in deal files: how multi-valued cells split, how spellings
//! of one partner are matched, and which names look alike.

use crate::hash::FastMap;

/// Legal-form suffixes: a comma before one of these is part of a company
/// name ("Gamma, Inc."), not a separator.
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "llp",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "plc",
    "pty",
    "oy",
    "ab",
    "as",
    "srl",
    "spa",
    "kg",
    "lp",
];

/// Whether commas separate partner names in multi-valued partner cells: only
/// when no partner name is known to contain one, no cell of the column uses
/// another separator (`;`, `|`, newline), and no comma comes before a
/// legal-form suffix such as "Inc.".
pub fn commas_separate<'a>(
    known_names: impl IntoIterator<Item = &'a str>,
    cells: impl IntoIterator<Item = &'a str>,
) -> bool {
    if known_names.into_iter().any(|n| n.contains(',')) {
        return false;
    }
    let suffix = |part: &str| {
        let word = part.trim().trim_end_matches('.').to_ascii_lowercase();
        COMPANY_SUFFIXES.contains(&word.as_str())
    };
    for cell in cells {
        if cell.contains([';', '|', '\n']) || (cell.contains(',') && cell.split(',').skip(1).any(suffix)) {
            return false;
        }
    }
    true
}

/// Split a multi-valued partner cell on `;`, `|` or newlines (and commas
/// when `commas`; see [`commas_separate`]).
pub fn split_partners(cell: &str, commas: bool) -> Vec<&str> {
    // The separators are ASCII, so splitting the bytes cuts only between characters.
    let is_sep = |b: u8| matches!(b, b';' | b'|' | b'\n') || (commas && b == b',');
    let mut names = Vec::new();
    let mut start = 0;
    for (i, b) in cell.bytes().enumerate().chain(std::iter::once((cell.len(), b';'))) {
        if is_sep(b) {
            let name = super::values::trim(&cell[start..i]);
            if names_a_partner(name) {
                names.push(name);
            }
            start = i + 1;
        }
    }
    names
}

/// Whether a trimmed partner cell names a partner: not blank, not a null
/// marker, not a word for "no partner".
pub fn names_a_partner(cell: &str) -> bool {
    !cell.is_empty() && !super::values::is_null_marker(cell) && !means_no_partner(cell)
}

/// Values of a partner column that say the deal had no partner: hand-made
/// sheets and channel fields write "Direct" or "None" rather than leaving the
/// cell blank. They read as blank, so "Direct" never becomes a partner.
pub const NO_PARTNER_VALUES: &[&str] =
    &["direct", "directo", "directa", "direkt", "direct sale", "direct sales", "none", "no partner", "no", "internal"];

/// Whether a partner cell means "no partner" (see [`NO_PARTNER_VALUES`]).
pub fn means_no_partner(value: &str) -> bool {
    let v = value.trim();
    // The words are ASCII, so an ASCII case-insensitive match is the same test.
    v.len() <= 12 && NO_PARTNER_VALUES.iter().any(|w| w.eq_ignore_ascii_case(v))
}

/// Legal suffixes ignored when looking for partners that may be the same.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "co",
    "company",
    "sarl",
    "sa",
    "plc",
    "ag",
    "bv",
    "pty",
    "srl",
    "group",
    "the",
];

/// Key for grouping look-alike partner names: lower case, letters and digits, no legal suffixes.
pub(crate) fn lookalike_key(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LEGAL_SUFFIXES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Partner names, matched case-insensitively with the most common spelling kept.
#[derive(Default)]
pub(crate) struct PartnerNames {
    pub(crate) spellings: FastMap<String, Vec<(String, usize)>>,
}

impl PartnerNames {
    pub(crate) fn key(name: &str) -> String {
        name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
    }

    pub(crate) fn count(&mut self, name: &str, times: usize) {
        let spelled = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let entry = self.spellings.entry(Self::key(name)).or_default();
        match entry.iter_mut().find(|(s, _)| *s == spelled) {
            Some(e) => e.1 += times,
            None => entry.push((spelled, times)),
        }
    }

    /// A name as the data set keeps it: the kept spelling of a partner
    /// named in the deal file, else the name as written (trimmed).
    pub(crate) fn resolved(&self, name: &str) -> String {
        if self.spellings.contains_key(&Self::key(name)) {
            self.canonical(name)
        } else {
            name.trim().to_string()
        }
    }

    /// The kept spelling of a name (most common; ties to the first seen).
    pub(crate) fn canonical(&self, name: &str) -> String {
        let list = &self.spellings[&Self::key(name)];
        let mut best = &list[0];
        for s in list {
            if s.1 > best.1 {
                best = s;
            }
        }
        best.0.clone()
    }
}

/// Count the partner spellings of a deal file into `names`: each sourcing
/// cell that names a partner, then each name of each influencing cell,
/// every one `times` times, in the order first seen (which breaks ties
/// between spellings). Influencing cells may repeat; a CRM column repeats
/// a few hundred partner combinations, so callers pass each distinct cell
/// once with its count. Returns whether commas separate names in the
/// influencing cells ([`commas_separate`]), decided over the sourcing
/// spellings and every influencing cell.
pub(crate) fn count_spellings<'t>(
    names: &mut PartnerNames,
    sourcing: impl IntoIterator<Item = (&'t str, usize)>,
    influencing_cells: &[(&'t str, usize)],
) -> bool {
    // (order first seen, count) per spelling.
    let mut spellings: FastMap<&str, (usize, usize)> = FastMap::default();
    fn seen<'t>(spellings: &mut FastMap<&'t str, (usize, usize)>, s: &'t str, times: usize) {
        let next = spellings.len();
        spellings.entry(s).or_insert((next, 0)).1 += times;
    }
    for (s, times) in sourcing {
        let s = s.trim();
        if names_a_partner(s) {
            seen(&mut spellings, s, times);
        }
    }
    let commas = commas_separate(spellings.keys().copied(), influencing_cells.iter().map(|&(v, _)| v));
    for &(v, times) in influencing_cells {
        for p in split_partners(v, commas) {
            seen(&mut spellings, p, times);
        }
    }
    let mut spellings: Vec<(&str, (usize, usize))> = spellings.into_iter().collect();
    spellings.sort_unstable_by_key(|&(_, (first, _))| first);
    for (s, (_, n)) in spellings {
        names.count(s, n);
    }
    commas
}
