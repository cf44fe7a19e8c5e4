//! Beyond new business: renewal and expansion win rates of partner-involved
//! vs direct deals (by deal type), and when the first partner touch comes.

use super::overlay::Group;
use crate::dataset::{Dataset, Sym};
use crate::hash::FastMap;
use crate::journey::Journeys;
use crate::value::model::{Definition, SegmentStats};

/// Which motion a deal type label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Renewals.
    Renewal,
    /// Expansion, upsell and cross-sell.
    Expansion,
}

impl Motion {
    /// The motion a deal-type label names, if any.
    pub fn of(label: &str) -> Option<Motion> {
        let l = label.to_lowercase();
        if l.contains("renew") {
            Some(Motion::Renewal)
        } else if ["expan", "upsell", "up-sell", "cross-sell", "crosssell", "add-on", "addon"]
            .iter()
            .any(|w| l.contains(w))
        {
            Some(Motion::Expansion)
        } else {
            None
        }
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Motion::Renewal => "Renewals",
            Motion::Expansion => "Expansion",
        }
    }
}

/// Partner-involved vs direct within renewal and expansion deals (by deal type).
pub fn motions(data: &Dataset, journeys: &Journeys, definition: Definition) -> Vec<Group> {
    let [mut renewal, mut expansion] = [Motion::Renewal, Motion::Expansion].map(|m| Group {
        label: m.label().into(),
        partner: SegmentStats::default(),
        direct: SegmentStats::default(),
    });
    // A file has a handful of deal-type labels: each is read once, not once a deal.
    let mut motion_of: FastMap<Sym, Option<Motion>> = FastMap::default();
    for (i, deal) in data.deals.iter().enumerate() {
        let Some(label) = deal.deal_type else { continue };
        let group = match *motion_of.entry(label).or_insert_with(|| Motion::of(data.name(label))) {
            Some(Motion::Renewal) => &mut renewal,
            Some(Motion::Expansion) => &mut expansion,
            None => continue,
        };
        let side = if definition.involves(data, journeys, i) { &mut group.partner } else { &mut group.direct };
        side.add_entry(data, i);
    }
    [renewal, expansion].into_iter().filter(|g| g.partner.deals + g.direct.deals > 0).collect()
}

/// When partners join won deals, from dated touches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TouchTiming {
    /// Won partner-involved deals with a dated partner touch.
    pub deals: usize,
    /// Median days from creation to the first partner touch (negative: before creation).
    pub created_to_first_touch: f64,
    /// Median days from the first partner touch to close.
    pub first_touch_to_close: f64,
}

/// Medians of when the first partner touch falls in won deals (dated touches only).
pub fn touch_timing(data: &Dataset, journeys: &Journeys) -> Option<TouchTiming> {
    if !journeys.dated {
        return None;
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (i, deal) in data.deals.iter().enumerate().filter(|(_, d)| d.won) {
        let first = journeys.of(i).iter().filter(|s| s.key != crate::dataset::DIRECT).find_map(|s| s.date);
        if let (Some(first), Some(created), Some(close)) = (first, deal.created, deal.close) {
            before.push(f64::from(first.0 - created.0));
            after.push(f64::from(close.0 - first.0));
        }
    }
    Some(TouchTiming {
        deals: before.len(),
        created_to_first_touch: super::stats::median(&before)?,
        first_touch_to_close: super::stats::median(&after)?,
    })
}
