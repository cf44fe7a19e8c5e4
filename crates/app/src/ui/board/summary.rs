//! The executive-summary slide's facts (its findings are takeaways, in
//! `takeaways`) and the definitions appendix: plain functions of the
//! snapshot, so the slides, the PowerPoint file and the tests read the
//! same sentences. No Leptos here.

use engine::attribution::ModelId;
use engine::share::Snapshot;

/// The lines under the findings: period and source, then what was left out.
pub fn summary_facts(s: &Snapshot) -> Vec<String> {
    let mut out = vec![format!("Data: {}.", s.subtitle)];
    if s.notes.is_empty() {
        out.push("No deal was left out of any figure.".into());
    } else {
        out.extend(s.notes.iter().cloned());
    }
    out.extend(crate::ui::board::slide_charts::left_out_note(s));
    out
}

/// The model shown under this label, if any.
fn model_of(label: &str) -> Option<ModelId> {
    ModelId::SPEC.into_iter().chain(ModelId::EXTRA).find(|m| m.label() == label)
}

/// The definitions appendix: (term, meaning) for every rule on the
/// attribution slide and every figure the deck shows.
pub fn definitions(s: &Snapshot) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = s
        .attribution
        .series
        .iter()
        .filter_map(|(label, _)| model_of(label).map(|m| (label.clone(), m.explanation().to_string())))
        .collect();
    out.push((
        "Additive rules".into(),
        "Every rule but Influenced splits each won deal's amount among partners, so the credits add up to won revenue to the cent.".into(),
    ));
    out.push((
        "Partner-involved".into(),
        format!("{} (the definition used for every partner vs direct figure).", s.definition),
    ));
    out.push((
        "Win rate".into(),
        "Won deals ÷ closed deals; a difference is claimed only when its 95% interval excludes zero.".into(),
    ));
    if s.waterfall.is_some() {
        out.push((
            "What partners added".into(),
            "Closed partner deals × (partner win rate × partner average deal − direct win rate × direct average deal), split into the win-rate effect and the deal-size effect.".into(),
        ));
    }
    if s.retention.is_some() {
        out.push((
            "GRR / NRR".into(),
            "Gross revenue retention: ARR kept (capped at the start) ÷ ARR at the start; net: ARR at the end ÷ ARR at the start, over accounts with ARR at the start.".into(),
        ));
    }
    if s.stages.is_some() {
        out.push((
            "Days in stage".into(),
            "Days from entering a stage to entering the next, summed when a stage is entered again; the median over deals.".into(),
        ));
    }
    out
}
