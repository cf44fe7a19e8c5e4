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

/// The slides of a snapshot, in its order (every slide when none is
/// listed), leaving out the retention slide when the snapshot has neither
/// retention nor days in stage (no slide without a figure to show).
pub fn slides_of(snapshot: &Snapshot) -> Vec<Slide> {
    let listed: Vec<Slide> = snapshot.slides.iter().filter_map(|id| Slide::from_id(id)).collect();
    let listed = if listed.is_empty() { Slide::ALL.to_vec() } else { listed };
    let has_retention = snapshot.stages.is_some() || snapshot.retention.is_some();
    listed.into_iter().filter(|&s| s != Slide::Retention || has_retention).collect()
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
