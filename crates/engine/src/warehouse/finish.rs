//! Finishing the warehouse's aggregates with the engine (spec §10).
//!
//! How the same numbers come out. Every journey pattern becomes one entry
//! of a [`Dataset`] that stands for its deals: its amount is the pattern's
//! sum and [`Dataset::weights`] holds its deal count. Every model is linear
//! in the amounts of deals that share a journey, and the games count deals
//! (Shapley's win rates, Markov's transitions), so the attribution code
//! runs unchanged on these entries and gives the file's numbers, to the
//! cent: the rule models' credits are exact fractions of the patterns'
//! exact cent sums, Shapley sums each coalition's cents before splitting
//! them, and a rounding tie goes to the smaller key on both paths (§10.4,
//! `attribution::exact`).
//!
//! The cells are read as a file's are: stage labels, won/closed flags,
//! currencies and partner spellings go through the ingest's own functions.
//! Journeys from touches become stand-in touches one day apart, in journey
//! order, with the close on the last and the creation on the creation
//! touch's day, so [`Journeys::build`] rebuilds exactly the warehouse's
//! journeys (these dates mean nothing else; views that read dates are off
//! for warehouse data). Time decay needs each touch's real day gap, which
//! only the warehouse has: its per-pattern sums ride along in
//! [`WarehouseParts`] and are rounded like every model. The value model's
//! cycle medians come from the exact per-pattern histogram of cycle days.

use super::aggregates::{Aggregates, Pattern};
use crate::dataset::{ActorType, Dataset, Deal, Sym, Touch, DIRECT};
use crate::date::Day;
use crate::hash::FastMap;
use crate::ingest::partners::{count_spellings, means_no_partner, split_partners, PartnerNames};
use crate::ingest::values::{parse_bool, stage_outcome};
use std::collections::{BTreeMap, HashMap};

/// What only the warehouse could count, carried beside the weighted deals.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct WarehouseParts {
    /// Time-decay sums per deal entry: (key, cents, deals), when the
    /// journeys came from touches.
    pub time_decay: Option<Vec<Vec<(Sym, f64, f64)>>>,
    /// Cycle days of each entry's deals: (days, deals).
    pub cycle_days: Vec<Vec<(i32, u64)>>,
    /// Sum of each entry's squared amounts, in cents squared.
    pub amount_squares: Vec<f64>,
    /// First and last created date over all deals.
    pub created_span: Option<(Day, Day)>,
    /// The half-life the warehouse used for time decay.
    pub half_life_days: f64,
}

/// Read the patterns as the page reads deal rows: one weighted entry per
/// pattern, with what the engine noted among the data-quality assumptions.
pub fn finish(agg: &Aggregates) -> Dataset {
    let mut data = Dataset::default();
    let mut names = PartnerNames::default();
    let commas = count_pattern_spellings(agg, &mut names);
    let mut resolved: FastMap<String, Sym> = FastMap::default();
    let mut partner = |data: &mut Dataset, spelled: &str| -> Sym {
        if let Some(&s) = resolved.get(spelled) {
            return s;
        }
        let sym = data.strings.intern(&names.resolved(spelled));
        resolved.insert(spelled.to_string(), sym);
        sym
    };
    data.currency = reporting_currency(agg);
    let touches = agg.has_touches();
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut kept: Vec<&Pattern> = Vec::new();
    let mut stand_ins: Vec<Touch> = Vec::new();
    for p in &agg.patterns {
        let (closed, won) = match outcome(p) {
            Ok(o) => o,
            Err(why) => {
                *skipped.entry(why).or_default() += p.deals;
                continue;
            }
        };
        if closed && p.close_missing {
            *skipped.entry("closed without a close date".into()).or_default() += p.deals;
            continue;
        }
        let code = p.currency.as_deref().map(str::to_uppercase);
        if let Some(code) = code.filter(|c| *c != data.currency) {
            *skipped.entry(format!("in {code}, with no exchange rate to {}", data.currency)).or_default() += p.deals;
            continue;
        }
        let sourcing = p.sourcing.as_deref().filter(|s| !means_no_partner(s)).map(|s| partner(&mut data, s));
        let start = data.influencers.len() as u32;
        if let Some(cell) = &p.influencing {
            for name in split_partners(cell, commas) {
                let sym = partner(&mut data, name);
                if Some(sym) != sourcing && !data.influencers[start as usize..].contains(&sym) {
                    data.influencers.push(sym);
                }
            }
        }
        let index = data.deals.len() as u32;
        let (created, close) = if touches {
            // Stand-in touches one day apart rebuild the journey and its creation touch.
            for (day, actor) in p.journey.iter().enumerate() {
                let actor = partner(&mut data, actor);
                stand_ins.push(Touch {
                    deal: index,
                    date: Day(day as i32),
                    actor,
                    actor_type: ActorType::Partner,
                    touch_type: None,
                });
            }
            (p.creation_index.map(|c| Day(c as i32)), Some(Day(p.journey.len().max(1) as i32 - 1)))
        } else {
            (None, None)
        };
        let id = data.strings.intern(&format!("pattern {}", p.id));
        let mut text = |cell: &Option<String>| cell.as_deref().map(|v| data.strings.intern(v));
        let (partner_type, deal_type, segment) = (text(&p.partner_type), text(&p.deal_type), text(&p.segment));
        data.deals.push(Deal {
            id,
            amount_cents: p.amount_cents,
            created,
            close,
            closed,
            won,
            sourcing,
            influencers: start..data.influencers.len() as u32,
            partner_type,
            deal_type,
            segment,
            account: None,
            owner: None,
            lead_source: None,
            term_months: None,
            line: 0,
        });
        data.weights.push(u32::try_from(p.deals).unwrap_or(u32::MAX));
        kept.push(p);
    }
    for (why, deals) in &skipped {
        data.quality.assumptions.push(format!("{deals} deal(s) left out: {why}."));
    }
    let blank: u64 = kept.iter().map(|p| p.blank_amounts).sum();
    if blank > 0 {
        data.quality.assumptions.push(format!("{blank} deal(s) with a blank or unreadable amount counted as 0."));
    }
    for (key, what) in [
        ("duplicate_deal_rows", "row(s) repeating a deal id were left out (one row per deal kept)"),
        ("blank_deal_ids", "row(s) without a deal id were left out"),
        ("folded_deals", "deal(s) of rare journeys were folded into \"(rare journeys)\""),
    ] {
        let n = agg.meta_count(key);
        if n > 0 {
            data.quality.assumptions.push(format!("{n} {what}."));
        }
    }
    let index_of: HashMap<u64, usize> = kept.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut time_decay = None;
    if touches {
        if !data.deals.is_empty() {
            // Partners whose touches all came after the close are keys too (spec §8):
            // a stand-in after the first deal's close names them.
            for (actor, _) in &agg.touch_partners {
                let actor = partner(&mut data, actor);
                stand_ins.push(Touch {
                    deal: 0,
                    date: Day(i32::MAX / 2),
                    actor,
                    actor_type: ActorType::Partner,
                    touch_type: None,
                });
            }
        }
        data.touches = Some(stand_ins);
        let mut decay: Vec<Vec<(Sym, f64, f64)>> = vec![Vec::new(); kept.len()];
        for (pattern, actor, cents, deals) in &agg.time_decay {
            if let Some(&i) = index_of.get(pattern) {
                let key = actor.as_deref().map_or(DIRECT, |a| partner(&mut data, a));
                decay[i].push((key, *cents, *deals));
            }
        }
        time_decay = Some(decay);
    }
    let mut cycle_days: Vec<Vec<(i32, u64)>> = vec![Vec::new(); kept.len()];
    for &(pattern, days, deals) in &agg.cycle_days {
        if let Some(&i) = index_of.get(&pattern) {
            cycle_days[i].push((days, deals));
        }
    }
    let half_life_days = agg.meta.get("half_life_days").and_then(|h| h.parse().ok()).unwrap_or(30.0);
    let day = |key: &str| agg.meta.get(key).and_then(|d| crate::date::parse_iso_date(d.trim()));
    let created_span = day("first_created").zip(day("last_created"));
    data.quality.deals_kept = data.deal_count() as usize;
    let amount_squares = kept.iter().map(|p| p.amount_squares).collect();
    data.warehouse =
        Some(Box::new(WarehouseParts { time_decay, cycle_days, amount_squares, created_span, half_life_days }));
    data
}

/// Spellings counted as the ingest counts them, once per deal of each
/// pattern. Returns whether commas separate names in influencing cells.
fn count_pattern_spellings(agg: &Aggregates, names: &mut PartnerNames) -> bool {
    let times = |p: &Pattern| usize::try_from(p.deals).unwrap_or(usize::MAX);
    let sourcing = agg.patterns.iter().filter_map(|p| p.sourcing.as_deref().map(|s| (s, times(p))));
    let cells: Vec<(&str, usize)> =
        agg.patterns.iter().filter_map(|p| p.influencing.as_deref().map(|c| (c, times(p)))).collect();
    count_spellings(names, sourcing, &cells)
}

/// (closed, won) as a deal row with these cells reads; `Err` names why the
/// pattern's deals cannot be read.
fn outcome(p: &Pattern) -> Result<(bool, bool), String> {
    let (mut closed, mut won) = p.stage.as_deref().map_or((false, false), stage_outcome);
    if let Some(text) = &p.is_won {
        won = parse_bool(text).ok_or_else(|| format!("the won flag \"{text}\" is not yes/no"))?;
        closed |= won;
    }
    if let Some(text) = &p.is_closed {
        closed = parse_bool(text).ok_or_else(|| format!("the closed flag \"{text}\" is not yes/no"))? || won;
    }
    Ok((closed, won))
}

/// The currency most deals are in (ties: the smaller code), as for a file.
fn reporting_currency(agg: &Aggregates) -> String {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for p in &agg.patterns {
        if let Some(code) = p.currency.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            *counts.entry(code.to_uppercase()).or_default() += p.deals;
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(c, _)| c).unwrap_or_else(|| "USD".into())
}
