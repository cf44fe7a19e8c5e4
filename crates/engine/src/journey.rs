//! The journey of every deal (spec §3), flattened into one step pool so
//! that recomputing a model walks contiguous memory.
//!
//! The spec defines the *partner* journey. The same shape serves the other
//! dimensions: the *team* journey (every touch, keyed by the internal team
//! credited for it), the *touch-type* journey (partner touches keyed by
//! their type), and with deal-level data the team comes from the lead source.

use super::dataset::{ActorType, Dataset, Deal, Sym, DIRECT};
use super::date::Day;
use std::collections::HashMap;
use std::ops::Range;

/// What a journey's keys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Dimension {
    /// Partners (the spec's journey).
    #[default]
    Partner,
    /// Partner types: partner credits rolled up by each partner's type.
    PartnerType,
    /// Internal teams: partnerships, sales, marketing.
    Team,
    /// Partner touch types: intro, referral, co-sell…
    TouchType,
}

impl Dimension {
    /// Every dimension, in export order.
    pub const ALL: [Dimension; 4] = [Dimension::Partner, Dimension::PartnerType, Dimension::Team, Dimension::TouchType];

    /// The id written in the export's `dimension` column.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Partner => "partner",
            Dimension::PartnerType => "partner_type",
            Dimension::Team => "team",
            Dimension::TouchType => "touch_type",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Partner => "Partner",
            Dimension::PartnerType => "Partner type",
            Dimension::Team => "Internal team",
            Dimension::TouchType => "Touch type",
        }
    }

    /// Parse an export id.
    pub fn from_id(id: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// How journeys are built.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JourneyOptions {
    /// Keys of the journey (partner type is a roll-up of partner journeys).
    pub dimension: Dimension,
    /// Ignore touches more than this many days before the deal's creation.
    pub lookback_days: Option<u32>,
    /// With deal-level data, the team of each lead-source value.
    pub lead_source_teams: HashMap<String, String>,
}

/// One position in a journey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The partner, team or touch type (or [`DIRECT`]).
    pub key: Sym,
    /// When the touch happened; `None` for undated deal-level steps.
    pub date: Option<Day>,
}

/// Journeys of all deals, in deal order.
#[derive(Debug, Clone, Default)]
pub struct Journeys {
    steps: Vec<Step>,
    spans: Vec<Range<u32>>,
    creation: Vec<Option<u32>>,
    /// Whether journeys carry real touch dates (time-based models need them).
    pub dated: bool,
    /// Whether the keys are partners (so a deal's sourcing partner is a key).
    pub partner_keys: bool,
    /// Every key of the dimension that appears in the data (spec §8), in
    /// symbol order: the keys of every journey and, on the partner
    /// dimension, every partner named in a partner column or on a partner
    /// touch (even one whose touches all came after the close).
    pub keys: Vec<Sym>,
    /// `keys` in name order, made once on first use (every model of a view
    /// lists its keys in that order: one sort, not one a model).
    keys_by_name: std::sync::OnceLock<Vec<Sym>>,
}

impl Journeys {
    /// The keys in name order (`names`: the table the keys were named in).
    pub fn keys_by_name(&self, names: &super::dataset::Interner) -> &[Sym] {
        self.keys_by_name.get_or_init(|| {
            let mut keys = self.keys.clone();
            keys.sort_unstable_by(|a, b| names.name(*a).cmp(names.name(*b)));
            keys.dedup();
            keys
        })
    }

    /// The spec's partner journeys.
    pub fn build(data: &Dataset) -> Journeys {
        Journeys::build_with(data, &mut data.strings.clone(), &JourneyOptions::default())
    }

    /// Journeys for any dimension. New key names (teams, touch types) are
    /// interned into `strings`, which must extend `data.strings`.
    pub fn build_with(data: &Dataset, strings: &mut super::dataset::Interner, options: &JourneyOptions) -> Journeys {
        let mut journeys = Journeys {
            steps: Vec::new(),
            spans: Vec::with_capacity(data.deals.len()),
            creation: Vec::with_capacity(data.deals.len()),
            dated: data.has_touches(),
            partner_keys: matches!(options.dimension, Dimension::Partner | Dimension::PartnerType),
            keys: Vec::new(),
            keys_by_name: std::sync::OnceLock::new(),
        };
        let dimension =
            if options.dimension == Dimension::PartnerType { Dimension::Partner } else { options.dimension };
        let mut scratch: Vec<Step> = Vec::new();
        match &data.touches {
            Some(touches) => {
                let mut per_deal: Vec<Vec<u32>> = vec![Vec::new(); data.deals.len()];
                for (i, t) in touches.iter().enumerate() {
                    if dimension == Dimension::Team || t.actor_type == ActorType::Partner {
                        per_deal[t.deal as usize].push(i as u32);
                    }
                }
                let unspecified = strings.intern("(unspecified)");
                let team_syms: HashMap<&str, Sym> = ["partnerships", "sales", "marketing", "other"]
                    .into_iter()
                    .map(|t| (t, strings.intern(t)))
                    .collect();
                for (deal, list) in data.deals.iter().zip(&per_deal) {
                    scratch.clear();
                    let earliest =
                        options.lookback_days.zip(deal.created).map(|(n, created)| Day(created.0 - n as i32));
                    scratch.extend(
                        list.iter()
                            .map(|&i| &touches[i as usize])
                            .filter(|t| deal.close.is_none_or(|c| t.date <= c))
                            .filter(|t| earliest.is_none_or(|e| t.date >= e))
                            .map(|t| Step {
                                key: match dimension {
                                    Dimension::Team => team_syms[t.actor_type.team()],
                                    Dimension::TouchType => t.touch_type.unwrap_or(unspecified),
                                    _ => t.actor,
                                },
                                date: Some(t.date),
                            }),
                    );
                    // Stable sort: ties keep input order, as the spec requires.
                    scratch.sort_by_key(|s| s.date);
                    let creation = deal
                        .created
                        .and_then(|created| scratch.iter().rposition(|s| s.date.is_some_and(|d| d <= created)));
                    journeys.push(&scratch, creation);
                }
            }
            None => {
                for deal in &data.deals {
                    scratch.clear();
                    let creation = match dimension {
                        Dimension::Team => {
                            if let Some(team) = lead_source_team(data, deal, options) {
                                scratch.push(Step { key: strings.intern(&team), date: deal.created });
                            }
                            scratch.first().map(|_| 0)
                        }
                        _ => {
                            if let Some(p) = deal.sourcing {
                                scratch.push(Step { key: p, date: deal.created });
                            }
                            // A partner already in the journey is not repeated; a set
                            // keeps this linear for deals listing thousands of partners.
                            let mut seen: crate::hash::FastSet<Sym> = scratch.iter().map(|s| s.key).collect();
                            for &p in data.influencers_of(deal) {
                                if seen.insert(p) {
                                    scratch.push(Step { key: p, date: None });
                                }
                            }
                            deal.sourcing.map(|_| 0)
                        }
                    };
                    journeys.push(&scratch, creation);
                }
            }
        }
        journeys.keys = journeys.keys_in_data(data, strings.len());
        journeys
    }

    /// The distinct keys of [`Journeys::keys`], marked in one pass over a
    /// table of every symbol (no sort, no hashing).
    fn keys_in_data(&self, data: &Dataset, symbols: usize) -> Vec<Sym> {
        let mut seen = vec![false; symbols];
        let mut mark = |k: Sym| {
            if let Some(s) = seen.get_mut(k as usize) {
                *s = true;
            }
        };
        self.steps.iter().for_each(|s| mark(s.key));
        if self.partner_keys {
            for deal in &data.deals {
                deal.sourcing.into_iter().for_each(&mut mark);
                data.influencers_of(deal).iter().for_each(|&p| mark(p));
            }
            let partner_touches = data.touches.iter().flatten().filter(|t| t.actor_type == ActorType::Partner);
            partner_touches.for_each(|t| mark(t.actor));
        }
        (0..symbols as Sym).filter(|&k| seen[k as usize]).collect()
    }

    fn push(&mut self, steps: &[Step], creation: Option<usize>) {
        let start = self.steps.len() as u32;
        if steps.is_empty() {
            self.steps.push(Step { key: DIRECT, date: None });
        } else {
            self.steps.extend_from_slice(steps);
        }
        self.spans.push(start..self.steps.len() as u32);
        self.creation.push(creation.map(|c| c as u32));
    }

    /// The journey of deal `i` (never empty: direct deals are `[(direct)]`).
    pub fn of(&self, i: usize) -> &[Step] {
        let r = &self.spans[i];
        &self.steps[r.start as usize..r.end as usize]
    }

    /// Index in the journey of deal `i`'s creation touch, if any.
    pub fn creation(&self, i: usize) -> Option<usize> {
        self.creation[i].map(|c| c as usize)
    }

    /// Whether deal `i` has at least one non-direct key in its journey.
    pub fn has_partner(&self, i: usize) -> bool {
        self.of(i).iter().any(|s| s.key != DIRECT)
    }

    /// The distinct keys of deal `i`, sorted by symbol (empty for direct deals).
    pub fn partner_set(&self, i: usize) -> Vec<Sym> {
        let mut set = Vec::new();
        self.partner_set_into(i, &mut set);
        set
    }

    /// [`Journeys::partner_set`] written into `set` (cleared first), so a
    /// loop over every deal reuses one buffer.
    pub fn partner_set_into(&self, i: usize, set: &mut Vec<Sym>) {
        set.clear();
        set.extend(self.of(i).iter().map(|s| s.key).filter(|&k| k != DIRECT));
        set.sort_unstable();
        set.dedup();
    }

    /// Number of deals.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are no deals.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// The team a deal's lead source maps to: the user's mapping first, then
/// the usual words, then a sourcing partner means partnerships.
pub fn lead_source_team(data: &Dataset, deal: &Deal, options: &JourneyOptions) -> Option<String> {
    match deal.lead_source.map(|s| data.name(s)) {
        Some(source) => Some(
            options
                .lead_source_teams
                .get(source)
                .cloned()
                .unwrap_or_else(|| default_team_for_lead_source(source).to_string()),
        ),
        None => deal.sourcing.map(|_| "partnerships".to_string()),
    }
}

/// The usual team for a lead-source label, by what the words mean:
/// partner, channel, reseller, alliance and marketplace sources are
/// partnerships, but an employee's or a customer's referral is not;
/// advertising, paid search, web, webinars, trade shows, email and content
/// are marketing; outbound, cold calls and sales-generated are sales.
pub fn default_team_for_lead_source(source: &str) -> &'static str {
    let s = source.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if has(&["employee", "customer", "word of mouth", "friend"]) {
        "other"
    } else if is_partner_lead_source(source) || has(&["referral", "si "]) {
        "partnerships"
    } else if has(&["outbound", "sdr", "bdr", "sales", "cold", "prospect"]) {
        "sales"
    } else if has(&[
        "web",
        "inbound",
        "marketing",
        "event",
        "webinar",
        "content",
        "ads",
        "seo",
        "paid",
        "organic",
        "campaign",
        "email",
        "social",
        "trade show",
        "advertis",
        "search",
        "ppc",
        "adwords",
        "google",
        "linkedin",
        "seminar",
        "conference",
        "newsletter",
        "blog",
        "website",
        "online",
    ]) {
        "marketing"
    } else {
        "other"
    }
}

/// Whether a lead-source (or similar) value says a partner brought the deal:
/// `Partner`, `Partner Referral`, `Channel`, `Reseller`, `Referral Partner`,
/// `Partner Sourced`, `Marketplace`, `Alliance`, `VAR`, `Distributor`.
pub fn is_partner_lead_source(source: &str) -> bool {
    let s = source.to_ascii_lowercase();
    if NOT_PARTNER_SOURCE_WORDS.iter().any(|w| s.contains(w)) {
        return false;
    }
    PARTNER_SOURCE_WORDS.iter().any(|w| s.contains(w)) || s.split(|c: char| !c.is_alphanumeric()).any(|w| w == "var")
}

/// Words inside a lead source that say a partner brought the deal (besides
/// the word `var` on its own).
pub const PARTNER_SOURCE_WORDS: [&str; 7] =
    ["partner", "channel", "reseller", "marketplace", "alliance", "distributor", "msp"];

/// Words that say it was not a partner (`Employee Referral`, `Customer Referral`).
pub const NOT_PARTNER_SOURCE_WORDS: [&str; 2] = ["employee", "customer"];

/// Each partner's type: the type most often recorded on deals the partner
/// sourced or, failing that, was first on. Ties go to the smaller name.
pub fn partner_types(data: &Dataset, partner_journeys: &Journeys) -> HashMap<Sym, Sym> {
    let mut votes: HashMap<Sym, HashMap<Sym, u32>> = HashMap::new();
    for (i, deal) in data.deals.iter().enumerate() {
        let Some(kind) = deal.partner_type else { continue };
        let partner = deal.sourcing.or_else(|| partner_journeys.of(i).first().map(|s| s.key).filter(|&k| k != DIRECT));
        if let Some(p) = partner {
            // A warehouse group of deals (spec §10) votes once per deal.
            *votes.entry(p).or_default().entry(kind).or_default() += data.weight(i);
        }
    }
    votes
        .into_iter()
        .map(|(p, counts)| {
            let best = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| data.name(b.0).cmp(data.name(a.0))))
                .map(|(k, _)| k)
                .expect("at least one vote");
            (p, best)
        })
        .collect()
}
