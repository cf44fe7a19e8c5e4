//! The stage editor on the results: the distinct labels of the stage column
//! with their deal counts and the outcome each was given, whether the column
//! was mapped automatically or by hand. Changing an outcome rebuilds the data
//! set (one step to fix "Firmas" read as open). The most frequent labels are
//! drawn, the rest found with a search box: never one row per label of a
//! column with a million distinct "stages".

use crate::ui::state::AppState;
use engine::ingest::quality::StageLabel;
use leptos::prelude::*;

/// Labels drawn at once (the most frequent; the rest are found by search).
const SHOWN: usize = 50;

/// One label's row, with its outcome select.
fn label_row(state: AppState, l: StageLabel) -> impl IntoView {
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
}

/// The stage-label editor (`data-testid="stage-labels"`), when the deal file has a stage column.
#[component]
pub fn StageLabels() -> impl IntoView {
    let state = expect_context::<AppState>();
    let search = RwSignal::new(String::new());
    move || {
        let loaded = state.loaded.get()?;
        let q = &loaded.data.quality;
        // The built-in sample has no choices to rebuild from.
        if q.stage_labels.is_empty() || state.last_choices.with_value(Option::is_none) {
            return None;
        }
        let total = q.stage_labels_total.max(q.stage_labels.len());
        let unknown = q.stage_labels.iter().filter(|l| l.unknown).count();
        let summary = if unknown > 0 {
            format!("Stage labels: {total} · {unknown} not recognised, read as open — check them")
        } else {
            format!("Stage labels: {total} read as open, won or lost")
        };
        let searchable = q.stage_labels.len() > SHOWN;
        let all = std::sync::Arc::new(q.stage_labels.clone());
        let matching = {
            let all = std::sync::Arc::clone(&all);
            Memo::new(move |_| {
                let wanted = search.get().to_lowercase();
                all.iter()
                    .filter(|l| wanted.is_empty() || l.label.to_lowercase().contains(&wanted))
                    .take(SHOWN)
                    .cloned()
                    .collect::<Vec<StageLabel>>()
            })
        };
        // Only these follow the search box, so typing keeps its focus.
        let rows = move || matching.get().into_iter().map(|l| label_row(state, l)).collect_view();
        let more = move || {
            let more = total.saturating_sub(matching.with(Vec::len));
            (more > 0).then(|| {
                view! { <p class="muted" data-testid="stage-more">{format!("and {more} more labels, with fewer deals each: find one above")}</p> }
            })
        };
        Some(view! {
            <details class="card stage-labels" data-testid="stage-labels" open={unknown > 0}>
                <summary>{summary}</summary>
                {searchable.then(|| view! {
                    <label class="control stage-search">
                        <span>"Find a label"</span>
                        <input type="search" data-testid="stage-search" on:input=move |ev| search.set(event_target_value(&ev))/>
                    </label>
                })}
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">"Stage label"</th>
                        <th scope="col" class="num">"Deals"</th>
                        <th scope="col">"Read as"</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {more}
            </details>
        })
    }
}
