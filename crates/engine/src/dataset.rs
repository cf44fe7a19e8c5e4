//! The in-memory deal and touch store. Every text value is interned once
//! (`Sym`), so a deal is a small fixed-size record with no heap of its own
//! and a million rows cost tens of megabytes, not hundreds.

use super::date::Day;
use std::ops::Range;

/// An interned string: an index into [`Interner`].
pub type Sym = u32;

/// The symbol of the `(direct)` key, reserved in every interner.
pub const DIRECT: Sym = 0;

/// The text of the `(direct)` key.
pub const DIRECT_NAME: &str = "(direct)";

/// A string table: each distinct text stored once.
///
/// The texts live end to end in one buffer (no allocation per string: a
/// million deal ids cost their bytes plus a few words each). The index is
/// an open-addressing table of symbols tagged with half their text's hash
/// ([`TextIndex`]); a lookup compares texts, so it is exact even when two
/// hashes collide. The index is built on first use: a table decoded or
/// cloned only to name symbols (the page's usual case) never hashes its
/// million ids.
#[derive(Debug, Clone)]
pub struct Interner {
    text: String,
    ends: Vec<usize>,
    index: std::sync::OnceLock<TextIndex>,
}

/// Open addressing over one array of slots, each a symbol and the high
/// half of its text's hash (`hash << 32 | sym + 1`; 0 is empty), probed
/// linearly from the slot the high half names. A new deal id costs one
/// cache miss (the slot) instead of a hash map's two (control byte and
/// bucket), and a slot whose hash half differs is passed over without
/// reading its text. At most half the slots are full.
#[derive(Debug, Clone, Default)]
struct TextIndex {
    slots: Vec<u64>,
    len: usize,
}

impl TextIndex {
    fn with_room(names: usize) -> TextIndex {
        TextIndex { slots: vec![0; (names * 2).next_power_of_two().max(16)], len: 0 }
    }

    /// The high half of a text's hash, which picks and tags its slot.
    fn half(hash: u64) -> u64 {
        hash >> 32
    }

    /// The slot of `hash`'s text (full with its symbol, or the empty slot where it would go).
    fn probe(&self, hash: u64, is: impl Fn(Sym) -> bool) -> (usize, Option<Sym>) {
        let mask = self.slots.len() - 1;
        let half = TextIndex::half(hash);
        let mut at = half as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return (at, None);
            }
            let sym = (slot as u32).wrapping_sub(1);
            if slot >> 32 == half && is(sym) {
                return (at, Some(sym));
            }
            at = (at + 1) & mask;
        }
    }

    /// Put `sym` with `hash` in the empty slot `at`, growing when half full.
    fn fill(&mut self, at: usize, hash: u64, sym: Sym) {
        self.slots[at] = TextIndex::half(hash) << 32 | u64::from(sym + 1);
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow(self.slots.len() * 2);
        }
    }

    /// Move every slot into a table of `size` slots (a power of two).
    fn grow(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let mut at = (slot >> 32) as usize & mask;
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

impl Default for Interner {
    fn default() -> Self {
        let mut interner = Interner::from_names(std::iter::empty::<&str>());
        interner.intern(DIRECT_NAME);
        interner
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<crate::hash::FastHasher>::default().hash_one(text)
}

/// Symbol `sym`'s text in an interner's buffers.
fn name_in<'a>(text: &'a str, ends: &[usize], sym: Sym) -> &'a str {
    let i = sym as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

impl Interner {
    fn index(&self) -> &TextIndex {
        self.index.get_or_init(|| {
            let mut index = TextIndex::with_room(self.ends.len());
            for sym in 0..self.ends.len() as Sym {
                let name = self.name(sym);
                let hash = text_hash(name);
                match index.probe(hash, |other| self.name(other) == name) {
                    // A text listed twice (a table put together from parts) names its newest symbol.
                    (at, Some(_)) => index.slots[at] = TextIndex::half(hash) << 32 | u64::from(sym + 1),
                    (at, None) => index.fill(at, hash, sym),
                }
            }
            index
        })
    }

    fn find(&self, hash: u64, text: &str) -> Option<Sym> {
        self.index().probe(hash, |sym| self.name(sym) == text).1
    }

    /// The symbol for `text`, adding it if new.
    pub fn intern(&mut self, text: &str) -> Sym {
        let hash = text_hash(text);
        self.index();
        let Some(index) = self.index.get_mut() else { unreachable!("built above") };
        let (at, found) = index.probe(hash, |sym| name_in(&self.text, &self.ends, sym) == text);
        if let Some(sym) = found {
            return sym;
        }
        let sym = self.ends.len() as Sym;
        index.fill(at, hash, sym);
        self.text.push_str(text);
        self.ends.push(self.text.len());
        sym
    }

    /// Make room for about `more` new strings (a deal file adds one id per row).
    pub fn reserve(&mut self, more: usize) {
        self.ends.reserve(more);
        self.index();
        if let Some(index) = self.index.get_mut() {
            let size = ((index.len + more) * 2 + 1).next_power_of_two();
            if size > index.slots.len() {
                index.grow(size);
            }
        }
    }

    /// The text of a symbol.
    pub fn name(&self, sym: Sym) -> &str {
        name_in(&self.text, &self.ends, sym)
    }

    /// The symbol for `text` if it was interned.
    pub fn get(&self, text: &str) -> Option<Sym> {
        self.find(text_hash(text), text)
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none (never: `(direct)` is always there).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every string, in symbol order.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.name(i as Sym))
    }

    /// Rebuild an interner from its strings in symbol order.
    pub fn from_names<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Interner {
        let mut interner = Interner { text: String::new(), ends: Vec::new(), index: std::sync::OnceLock::new() };
        for name in names {
            interner.text.push_str(name.as_ref());
            interner.ends.push(interner.text.len());
        }
        interner
    }

    /// Rebuild an interner from its texts end to end and each one's end offset.
    pub fn from_parts(text: String, ends: Vec<usize>) -> Result<Interner, String> {
        let mut start = 0;
        for &end in &ends {
            if end < start || end > text.len() || !text.is_char_boundary(end) {
                return Err("the string table is damaged".into());
            }
            start = end;
        }
        Ok(Interner { text, ends, index: std::sync::OnceLock::new() })
    }

    /// The texts end to end (see [`Interner::from_parts`]).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Each text's end offset in [`Interner::text`].
    pub fn ends(&self) -> &[usize] {
        &self.ends
    }
}

/// Who made a touch, as the spec's `actor_type` role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorType {
    /// An external partner: these touches make the partner journey.
    Partner,
    /// The internal partnerships team.
    Partnerships,
    /// Internal sales.
    Sales,
    /// Internal marketing.
    Marketing,
    /// Anything else.
    Other,
}

impl ActorType {
    /// The internal team credited for a touch of this kind (partner touches
    /// count for the partnerships team, which runs the partner motion).
    pub fn team(self) -> &'static str {
        match self {
            ActorType::Partner | ActorType::Partnerships => "partnerships",
            ActorType::Sales => "sales",
            ActorType::Marketing => "marketing",
            ActorType::Other => "other",
        }
    }

    /// Read an `actor_type` cell (case-insensitive; unknown words are `Other`).
    pub fn parse(text: &str) -> ActorType {
        match text.trim().to_ascii_lowercase().as_str() {
            "partner" => ActorType::Partner,
            "partnerships" | "partnership" | "channel" => ActorType::Partnerships,
            "sales" => ActorType::Sales,
            "marketing" => ActorType::Marketing,
            _ => ActorType::Other,
        }
    }
}

/// One opportunity.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// The deal's id.
    pub id: Sym,
    /// Amount in the reporting currency, in cents.
    pub amount_cents: i64,
    /// When the deal entered the pipeline; `None` when the file has no
    /// readable created date (spec §2: the deal is kept, and left out of
    /// cycle metrics and the time-based inputs that need the date).
    pub created: Option<Day>,
    /// Actual or expected close date.
    pub close: Option<Day>,
    /// Closed (won or lost).
    pub closed: bool,
    /// Won (implies closed).
    pub won: bool,
    /// The partner that brought the deal in.
    pub sourcing: Option<Sym>,
    /// Influencing partners, as a range into [`Dataset::influencers`].
    pub influencers: Range<u32>,
    /// Optional grouping fields.
    pub partner_type: Option<Sym>,
    /// Deal type (new business, renewal, expansion…).
    pub deal_type: Option<Sym>,
    /// Customer segment.
    pub segment: Option<Sym>,
    /// Account name.
    pub account: Option<Sym>,
    /// Deal owner.
    pub owner: Option<Sym>,
    /// Lead source (feeds the team dimension when there are no touches).
    pub lead_source: Option<Sym>,
    /// Contract term in months (spec §7b ACV), from a term column or from
    /// contract start and end dates; `None` when the file has neither.
    pub term_months: Option<f32>,
    /// Line of the original file this deal came from.
    pub line: u64,
}

impl Deal {
    /// Whole days from creation to close, when closed with a close date.
    pub fn cycle_days(&self) -> Option<i32> {
        // No figure from an impossible value: a close before the creation
        // gives no cycle at all, never a negative one (spec §2).
        match (self.created, self.close) {
            (Some(created), Some(close)) if close >= created => Some(close.0 - created.0),
            _ => None,
        }
    }
}

/// One touch on a deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Touch {
    /// Index of the deal in [`Dataset::deals`].
    pub deal: u32,
    /// Date of the touch.
    pub date: Day,
    /// Who touched it (partner name, person or team).
    pub actor: Sym,
    /// What kind of actor.
    pub actor_type: ActorType,
    /// Intro, referral, co-sell…
    pub touch_type: Option<Sym>,
}

/// Everything loaded: deals, optional touches, and the string table.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Interned text.
    pub strings: Interner,
    /// Deals in file order (duplicates removed, first row wins).
    pub deals: Vec<Deal>,
    /// Pool of influencing-partner symbols referenced by deals.
    pub influencers: Vec<Sym>,
    /// Touches in file order, when a touch file was given.
    pub touches: Option<Vec<Touch>>,
    /// Reporting currency code.
    pub currency: String,
    /// Deal–partner pairs from an account-overlap export (partner-attached deals).
    pub attached: Vec<(u32, Sym)>,
    /// The partner roster, when a roster file was given.
    pub roster: Vec<RosterEntry>,
    /// What the load found: skipped rows, duplicates, assumptions…
    pub quality: crate::ingest::quality::Quality,
    /// Files beside the deals for days in stage and retention (§7a, §7b).
    pub accounts: AccountFiles,
    /// How many deals each entry of `deals` stands for. Empty for files of
    /// deal rows (every deal counts once); set when the deals are groups of
    /// identical journeys counted in a warehouse (spec §10), where an
    /// entry's amount is the group's sum.
    pub weights: Vec<u32>,
    /// What only the warehouse could count (per-touch time decay, cycle
    /// days), when the deals are warehouse groups (spec §10).
    pub warehouse: Option<Box<crate::warehouse::WarehouseParts>>,
}

/// The optional files of spec §7a/§7b, as read: a stage history, finance's
/// ARR snapshots and integration installs.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AccountFiles {
    /// Stages entered per deal (its own file, or HubSpot's "Date entered"
    /// columns of the deal file).
    pub stage_history: Option<crate::ingest::stage_history::StageHistory>,
    /// Recurring revenue by account and date.
    pub arr: Vec<crate::ingest::arr::ArrSnapshot>,
    /// Integration installs; when given they alone decide partner involvement for retention.
    pub installs: Option<Vec<crate::ingest::arr::Install>>,
}

/// One partner of a roster file (partner, type, tier, start date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterEntry {
    /// The partner (same spelling rules as in the deal file).
    pub partner: Sym,
    /// Its type (reseller, SI, technology…).
    pub partner_type: Option<Sym>,
    /// Its tier or program.
    pub tier: Option<Sym>,
    /// When the partnership started.
    pub start: Option<Day>,
}

impl Dataset {
    /// The influencing partners of a deal.
    pub fn influencers_of(&self, deal: &Deal) -> &[Sym] {
        &self.influencers[deal.influencers.start as usize..deal.influencers.end as usize]
    }

    /// Text of a symbol.
    pub fn name(&self, sym: Sym) -> &str {
        self.strings.name(sym)
    }

    /// How many deals entry `i` of `deals` stands for (1 for a file of deal rows).
    pub fn weight(&self, i: usize) -> u32 {
        self.weights.get(i).copied().unwrap_or(1)
    }

    /// Number of deals (a warehouse group counts as its deals).
    pub fn deal_count(&self) -> u64 {
        if self.weights.is_empty() {
            self.deals.len() as u64
        } else {
            self.weights.iter().map(|&w| u64::from(w)).sum()
        }
    }

    /// The first and last created dates of the deals (from the warehouse's
    /// counts for warehouse groups, whose entries carry no dates).
    pub fn created_span(&self) -> Option<(Day, Day)> {
        if let Some(w) = &self.warehouse {
            return w.created_span;
        }
        let created = self.deals.iter().filter_map(|d| d.created);
        Some((created.clone().min()?, created.max()?))
    }

    /// Whether the deals are warehouse groups rather than single deals (spec §10).
    pub fn is_aggregated(&self) -> bool {
        self.warehouse.is_some()
    }

    /// Whether journeys come from dated touches (otherwise from deal fields).
    pub fn has_touches(&self) -> bool {
        self.touches.is_some()
    }
}
