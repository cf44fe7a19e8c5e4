//! Takeaway titles: each slide's title states its finding, computed from
//! the snapshot (the same aggregates the slide shows), or says plainly why
//! no finding can be stated. No Leptos here: plain functions of the data.

use crate::ui::board::slides::Slide;
use crate::ui::format::{money, percent};
use engine::share::Snapshot;
use engine::value::scenario::{project, ScenarioInputs};

/// "A", "A and B", "A, B and C".
fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The value of the overview card with this title.
fn card<'a>(s: &'a Snapshot, title: &str) -> Option<&'a str> {
    s.cards.iter().find(|c| c.title == title).map(|c| c.value.as_str()).filter(|v| *v != "—")
}

/// The title of `slide`: its finding with its number, or why there is none.
pub fn takeaway(slide: Slide, s: &Snapshot) -> String {
    match slide {
        Slide::Overview => overview_takeaway(s),
        Slide::Attribution => {
            // Keys in the top three under every additive rule shown.
            let additive: Vec<&(String, Vec<f64>)> =
                s.attribution.series.iter().filter(|(label, _)| label != "Influenced").collect();
            let top3 = |values: &[f64]| {
                let mut order: Vec<usize> = (0..values.len()).filter(|&i| values[i] > 0.0).collect();
                order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
                order.truncate(3);
                order
            };
            let mut common: Option<Vec<usize>> = None;
            for (_, values) in &additive {
                let top = top3(values);
                common = Some(match common {
                    None => top,
                    Some(prev) => prev.into_iter().filter(|i| top.contains(i)).collect(),
                });
            }
            let names: Vec<String> =
                common.unwrap_or_default().into_iter().filter_map(|i| s.attribution.keys.get(i).cloned()).collect();
            match (names.is_empty(), additive.len()) {
                (_, 0) => "Credit by partner: no partner credit to compare".into(),
                (false, 1) => format!("{} lead under the one additive rule shown", list(&names)),
                (false, n) if names.len() == 1 => format!("{} leads under all {n} additive rules", names[0]),
                (false, n) => format!("{} lead under all {n} additive rules", list(&names)),
                (true, n) => {
                    format!("The rule decides the ranking: no partner is in the top three under all {n} additive rules")
                }
            }
        }
        Slide::Waterfall => match s.waterfall {
            Some([base, rate, size, actual]) if actual - base > 0.0 => {
                let added = actual - base;
                let from_rate = if added > 0.0 { (rate / added).clamp(0.0, 1.0) } else { 0.0 };
                let _ = size;
                format!(
                    "Partner-involved deals won {}, {} more than at direct rates; {} of the gain from higher win rates",
                    money(actual, &s.currency),
                    money(added, &s.currency),
                    percent(from_rate)
                )
            }
            Some([_, _, _, actual]) => format!(
                "Partner-involved deals won {}, no more than direct win rates and deal sizes would give",
                money(actual, &s.currency)
            ),
            None => "What partners added cannot be stated: too few closed deals on one side".into(),
        },
        Slide::Leaderboard => match s.partners.first() {
            Some(p) => format!(
                "{} leads the partners with {} of partner revenue over {} deals",
                p.name,
                money(p.sourced + p.influenced, &s.currency),
                p.deals
            ),
            None => "No partner deals to rank".into(),
        },
        Slide::Retention => retention_takeaway(s),
        Slide::Summary => summary_title(s),
        Slide::Definitions => "Appendix: what each rule and figure means".into(),
        Slide::Scenario => {
            let inputs = ScenarioInputs::decode(&s.scenario).unwrap_or_default().sane();
            let p = project(&inputs);
            match p.payback_month {
                Some(m) => {
                    format!("At {} partner involvement the program pays back in month {m}", percent(inputs.target_rate))
                }
                None => format!(
                    "At {} partner involvement the program does not pay back within {} years on these inputs",
                    percent(inputs.target_rate),
                    inputs.years
                ),
            }
        }
    }
}

/// Sum of the medians of a stage series (days in open stages), when any.
fn stage_total(s: &Snapshot, series: usize) -> Option<f64> {
    let values = &s.stages.as_ref()?.series.get(series)?.1;
    (!values.is_empty()).then(|| values.iter().sum())
}

/// The retention slide's finding: GRR when the intervals separate the two
/// sides, else what the data can and cannot say, else days in stage.
fn retention_takeaway(s: &Snapshot) -> String {
    if let Some(r) = &s.retention {
        if let ([Some(p), Some(d)], [np, nd]) = (r.grr, r.nrr) {
            let nrr = match (np, nd) {
                (Some(a), Some(b)) => format!(" (NRR {} vs {})", percent(a), percent(b)),
                _ => String::new(),
            };
            return if r.separated {
                format!("{} kept {} of their revenue vs {} for other accounts{nrr}", r.who, percent(p), percent(d))
            } else {
                format!(
                    "{} kept {} of their revenue vs {}{nrr}; the data cannot tell the two apart",
                    r.who,
                    percent(p),
                    percent(d)
                )
            };
        }
    }
    match (stage_total(s, 0), stage_total(s, 1)) {
        (Some(p), Some(d)) if (p - d).abs() >= 1.0 => format!(
            "Partner-involved deals spend {p:.0} days in their stages vs {d:.0} for direct ({:.0} days {})",
            (p - d).abs(),
            if p < d { "faster" } else { "slower" }
        ),
        (Some(p), Some(_)) => {
            format!("Partner-involved and direct deals spend the same time in their stages ({p:.0} days)")
        }
        _ => "Retention and days in stage cannot be stated: no ARR file or stage history was loaded".into(),
    }
}

/// Up to three findings, each with its number: partner involvement and win
/// rates, what partners added, then retention or the attribution agreement.
pub fn findings(s: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    if s.cards.iter().any(|c| c.title == "Partner involvement") {
        out.push(takeaway(Slide::Overview, s));
    }
    if s.waterfall.is_some() {
        out.push(takeaway(Slide::Waterfall, s));
    }
    if s.retention.is_some() || s.stages.is_some() {
        out.push(takeaway(Slide::Retention, s));
    }
    if crate::ui::board::slide_charts::has_partner_deals(s) && !s.attribution.keys.is_empty() {
        out.push(takeaway(Slide::Attribution, s));
    }
    if !s.partners.is_empty() {
        out.push(takeaway(Slide::Leaderboard, s));
    }
    out.truncate(3);
    out
}

/// The summary slide's title: its first finding, or why there is none.
/// (With no partner deals, the overview's finding says so.)
pub fn summary_title(s: &Snapshot) -> String {
    findings(s).into_iter().next().unwrap_or_else(|| "No finding can be stated: the data holds no partner deals".into())
}

/// A slide's title: the one the user wrote, else the computed takeaway.
pub fn title_of(slide: Slide, s: &Snapshot) -> String {
    s.titles.iter().find(|(id, _)| id == slide.id()).map_or_else(|| takeaway(slide, s), |(_, t)| t.clone())
}

/// Fewer closed deals than this on a side: too few to compare win rates.
const MIN_CLOSED: u64 = 20;

/// The overview's finding: win rates side by side with the interval of
/// their difference, claimed only when the interval excludes zero.
fn overview_takeaway(s: &Snapshot) -> String {
    let points = |x: f64| format!("{:+.1}", x * 100.0);
    let share = card(s, "Partner involvement");
    if !crate::ui::board::slide_charts::has_partner_deals(s) {
        return "No deal in this data names a partner, so there is nothing to compare yet".into();
    }
    match (s.win_rates, s.closed) {
        (_, Some([p, d])) if p < MIN_CLOSED || d < MIN_CLOSED => format!(
            "{}too few closed deals to compare win rates ({p} partner-involved, {d} direct)",
            share.map_or_else(String::new, |v| format!("Partners were involved in {v} of deals; "))
        ),
        (Some([p, d, low, high]), _) if low > 0.0 || high < 0.0 => format!(
            "Partner-involved deals win {} vs {} for direct (95% interval of the difference: {} to {} points)",
            percent(p),
            percent(d),
            points(low),
            points(high)
        ),
        (Some([p, d, low, high]), _) => format!(
            "Partner-involved deals win {} vs {} for direct, a difference this data cannot tell from zero (95%: {} to {} points)",
            percent(p),
            percent(d),
            points(low),
            points(high)
        ),
        // Links made before win rates travelled: the cards' figures.
        (None, _) => match (share, card(s, "Win-rate lift")) {
            (Some(share), Some(lift)) if lift.starts_with('-') => format!(
                "Partners were involved in {share} of deals, which won {} less often than direct deals",
                lift.trim_start_matches('-')
            ),
            (Some(share), Some(lift)) => format!(
                "Partners were involved in {share} of deals, which won {} more often than direct deals",
                lift.trim_start_matches('+')
            ),
            (Some(share), None) => {
                format!("Partners were involved in {share} of deals; too few closed deals to compare win rates")
            }
            _ => "Headline figures (no partner involvement to report)".into(),
        },
    }
}
