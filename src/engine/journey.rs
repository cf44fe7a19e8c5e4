//! The partner journey of every deal (spec §3), flattened into one step
//! pool so that recomputing a model walks contiguous memory.

use super::dataset::{ActorType, Dataset, Sym, DIRECT};
use super::date::Day;
use std::ops::Range;

/// One position in a journey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The partner (or [`DIRECT`]).
    pub key: Sym,
    /// When the touch happened; `None` for undated deal-level influencers.
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
}

impl Journeys {
    /// Build every deal's journey from touches when present, else from deal fields.
    pub fn build(data: &Dataset) -> Journeys {
        let mut journeys = Journeys {
            steps: Vec::new(),
            spans: Vec::with_capacity(data.deals.len()),
            creation: Vec::with_capacity(data.deals.len()),
            dated: data.has_touches(),
        };
        match &data.touches {
            Some(touches) => {
                let mut per_deal: Vec<Vec<u32>> = vec![Vec::new(); data.deals.len()];
                for (i, t) in touches.iter().enumerate() {
                    if t.actor_type == ActorType::Partner {
                        per_deal[t.deal as usize].push(i as u32);
                    }
                }
                let mut scratch: Vec<Step> = Vec::new();
                for (deal, list) in data.deals.iter().zip(&per_deal) {
                    scratch.clear();
                    scratch.extend(
                        list.iter()
                            .map(|&i| &touches[i as usize])
                            .filter(|t| deal.close.is_none_or(|c| t.date <= c))
                            .map(|t| Step {
                                key: t.actor,
                                date: Some(t.date),
                            }),
                    );
                    // Stable sort: ties keep input order, as the spec requires.
                    scratch.sort_by_key(|s| s.date);
                    let creation = scratch
                        .iter()
                        .rposition(|s| s.date.is_some_and(|d| d <= deal.created));
                    journeys.push(&scratch, creation);
                }
            }
            None => {
                let mut scratch: Vec<Step> = Vec::new();
                for deal in &data.deals {
                    scratch.clear();
                    if let Some(p) = deal.sourcing {
                        scratch.push(Step {
                            key: p,
                            date: Some(deal.created),
                        });
                    }
                    for &p in data.influencers_of(deal) {
                        if !scratch.iter().any(|s| s.key == p) {
                            scratch.push(Step { key: p, date: None });
                        }
                    }
                    let creation = deal.sourcing.map(|_| 0);
                    journeys.push(&scratch, creation);
                }
            }
        }
        journeys
    }

    fn push(&mut self, steps: &[Step], creation: Option<usize>) {
        let start = self.steps.len() as u32;
        if steps.is_empty() {
            self.steps.push(Step {
                key: DIRECT,
                date: None,
            });
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

    /// Whether deal `i` has at least one partner in its journey.
    pub fn has_partner(&self, i: usize) -> bool {
        self.of(i).iter().any(|s| s.key != DIRECT)
    }

    /// The distinct partners of deal `i`, sorted by symbol (empty for direct deals).
    pub fn partner_set(&self, i: usize) -> Vec<Sym> {
        let mut set: Vec<Sym> = self
            .of(i)
            .iter()
            .map(|s| s.key)
            .filter(|&k| k != DIRECT)
            .collect();
        set.sort_unstable();
        set.dedup();
        set
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
