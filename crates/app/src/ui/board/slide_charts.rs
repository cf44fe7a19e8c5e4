//! The charts of the board's slides, drawn from a snapshot alone (no
//! Leptos): the board view shows them, and the PowerPoint deck embeds them.

use crate::chart::{
    agreement_rows, agreement_svg, comparison_svg, projection_svg, waterfall_svg, AgreementChart, ComparisonChart,
    ProjectionChart, Step, WaterfallChart,
};
use crate::ui::board::slides::Slide;
use crate::ui::format::{money, percent};
use engine::money::currency_symbol;
use engine::share::Snapshot;
use engine::value::scenario::{project, ScenarioInputs};

/// Slide size in chart pixels (16:9).
pub const CHART: (u32, u32) = (1200, 600);

/// A rendered chart of a slide: the SVG and its download name.
pub struct SlideChart {
    /// The SVG document.
    pub svg: String,
    /// Its download name.
    pub name: &'static str,
    /// Its size in pixels.
    pub size: (u32, u32),
}

/// Whether the data behind a snapshot names any partner.
pub fn has_partner_deals(s: &Snapshot) -> bool {
    !s.partners.is_empty() || s.attribution.series.iter().any(|(_, v)| v.iter().any(|&x| x != 0.0))
}

/// Why a chosen slide is left out (no slide shows a figure the data cannot
/// support), and what would unlock it; `None` when it can be shown.
pub fn left_out_because(slide: Slide, s: &Snapshot) -> Option<&'static str> {
    let partners = has_partner_deals(s);
    match slide {
        Slide::Retention if s.stages.is_none() && s.retention.is_none() => {
            Some("retention and days in stage need finance's ARR by account or a stage history")
        }
        Slide::Attribution if !partners => Some("attribution needs deals that name a partner"),
        Slide::Leaderboard if !partners => Some("the leaderboard needs deals that name a partner"),
        Slide::Waterfall if s.waterfall.is_none() => {
            Some("what partners added needs closed partner-involved and direct deals, won on both sides")
        }
        Slide::Scenario if !partners => {
            Some("the scenario needs partner win rates from the data (or typed into the planner)")
        }
        _ => None,
    }
}

/// The slides of a snapshot, in its order (every slide when none is
/// listed), leaving out those the data cannot support ([`left_out_because`]).
pub fn slides_of(snapshot: &Snapshot) -> Vec<Slide> {
    chosen(snapshot).into_iter().filter(|&s| left_out_because(s, snapshot).is_none()).collect()
}

/// The chosen slides, before any is left out.
pub fn chosen(snapshot: &Snapshot) -> Vec<Slide> {
    let listed: Vec<Slide> = snapshot.slides.iter().filter_map(|id| Slide::from_id(id)).collect();
    if listed.is_empty() {
        Slide::ALL.to_vec()
    } else {
        listed
    }
}

/// A sentence naming the chosen slides left out and what would unlock them.
pub fn left_out_note(s: &Snapshot) -> Option<String> {
    let reasons: Vec<&str> = chosen(s).into_iter().filter_map(|slide| left_out_because(slide, s)).collect();
    (!reasons.is_empty()).then(|| format!("Slides left out, as this data cannot support them: {}.", reasons.join("; ")))
}

/// The chart a slide shows, drawn from the snapshot, if it has one.
pub fn chart_of(slide: Slide, s: &Snapshot) -> Option<SlideChart> {
    let symbol = currency_symbol(&s.currency);
    match slide {
        Slide::Attribution => (!s.attribution.keys.is_empty()).then(|| {
            let rows = agreement_rows(&s.attribution.keys, &s.attribution.series, &s.model, 10);
            let models = s.attribution.series.iter().filter(|(l, _)| l != crate::chart::agreement::INFLUENCED).count();
            SlideChart {
                svg: agreement_svg(
                    &AgreementChart {
                        title: format!("Credit by partner under {models} additive rules"),
                        subtitle: s.subtitle.clone(),
                        currency_symbol: symbol,
                        selected_label: s.model.clone(),
                        models,
                        rows,
                    },
                    CHART.0,
                    CHART.1,
                ),
                name: "board-attribution",
                size: CHART,
            }
        }),
        Slide::Waterfall => s.waterfall.map(|[base, rate, size, actual]| SlideChart {
            svg: waterfall_svg(
                &WaterfallChart {
                    title: "What partner-involved deals added".into(),
                    subtitle: format!("{} · {}", s.definition, s.subtitle),
                    currency_symbol: symbol,
                    steps: vec![
                        Step::Total("At direct rates".into(), base),
                        Step::Change("Win-rate effect".into(), rate),
                        Step::Change("Deal-size effect".into(), size),
                        Step::Total("Partner revenue won".into(), actual),
                    ],
                },
                CHART.0,
                CHART.1,
            ),
            name: "board-waterfall",
            size: CHART,
        }),
        Slide::Scenario => {
            let inputs = ScenarioInputs::decode(&s.scenario).unwrap_or_default();
            let p = project(&inputs);
            Some(SlideChart {
                svg: projection_svg(
                    &ProjectionChart {
                        title: format!(
                            "{}-year projection at {} partner involvement",
                            inputs.years,
                            percent(inputs.target_rate)
                        ),
                        subtitle: format!(
                            "from {} today · program {} a year · {} · payback {}",
                            percent(inputs.current_rate),
                            money(inputs.program_cost, &s.currency),
                            s.subtitle,
                            p.payback_month.map_or_else(|| "beyond the horizon".into(), |m| format!("month {m}"))
                        ),
                        currency_symbol: symbol,
                        periods: p.years.iter().map(|y| format!("Year {}", y.year)).collect(),
                        series: vec![
                            ("Partner bookings".into(), p.years.iter().map(|y| y.partner_bookings).collect()),
                            ("Incremental revenue".into(), p.years.iter().map(|y| y.incremental).collect()),
                            ("Cost (program + commission)".into(), p.years.iter().map(|y| y.cost).collect()),
                        ],
                    },
                    CHART.0,
                    CHART.1,
                ),
                name: "board-scenario",
                size: CHART,
            })
        }
        Slide::Retention => s.stages.as_ref().map(|stages| {
            let height = if s.retention.is_some() { CHART.1 * 3 / 4 } else { CHART.1 };
            SlideChart {
                svg: comparison_svg(
                    &ComparisonChart {
                        title: "Median days in each stage".into(),
                        subtitle: format!("{} · {}", s.definition, s.subtitle),
                        currency_symbol: String::new(),
                        keys: stages.keys.clone(),
                        series: stages.series.clone(),
                    },
                    CHART.0,
                    height,
                ),
                name: "board-stages",
                size: (CHART.0, height),
            }
        }),
        Slide::Overview | Slide::Leaderboard | Slide::Summary | Slide::Definitions => None,
    }
}
