//! The stage editor on the results: every distinct label of the stage column
//! with its deal count and the outcome it was given, whether the column was
//! mapped automatically or by hand. Changing an outcome rebuilds the data set
//! (one step to fix "Firmas" read as open).

use crate::ui::state::AppState;
use leptos::prelude::*;

/// The stage-label editor (`data-testid="stage-labels"`), when the deal file has a stage column.
#[component]
pub fn StageLabels() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loaded = state.loaded.get()?;
        let labels = loaded.data.quality.stage_labels.clone();
        // The built-in sample has no choices to rebuild from.
        if labels.is_empty() || state.last_choices.with_value(Option::is_none) {
            return None;
        }
        let unknown = labels.iter().filter(|l| l.unknown).count();
        let summary = if unknown > 0 {
            format!("Stage labels: {} · {unknown} not recognised, read as open — check them", labels.len())
        } else {
            format!("Stage labels: {} read as open, won or lost", labels.len())
        };
        let rows = labels
            .into_iter()
            .map(|l| {
                let value = match (l.closed, l.won) {
                    (true, true) => "won",
                    (true, false) => "lost",
                    _ => "open",
                };
                let label = l.label.clone();
                let on_change = move |ev: leptos::ev::Event| {
                    let outcome = match event_target_value(&ev).as_str() {
                        "won" => (true, true),
                        "lost" => (true, false),
                        _ => (false, false),
                    };
                    let label = label.clone();
                    state.rebuild(move |o| {
                        o.stage_overrides.insert(label, outcome);
                    });
                };
                view! {
                    <tr class=if l.unknown { "unknown" } else { "" }>
                        <th scope="row">{l.label.clone()}</th>
                        <td class="num">{l.rows}</td>
                        <td>
                            <select aria-label=format!("Outcome of {}", l.label) on:change=on_change>
                                <option value="open" selected=value == "open">"open"</option>
                                <option value="won" selected=value == "won">"won"</option>
                                <option value="lost" selected=value == "lost">"lost"</option>
                            </select>
                        </td>
                        <td class="muted">{if l.unknown { "not recognised" } else { "" }}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <details class="card stage-labels" data-testid="stage-labels" open={unknown > 0}>
                <summary>{summary}</summary>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">"Stage label"</th>
                        <th scope="col" class="num">"Deals"</th>
                        <th scope="col">"Read as"</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        })
    }
}
