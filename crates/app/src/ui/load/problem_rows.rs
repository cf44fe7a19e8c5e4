//! "N of M deals have problems": the rows left out or kept with a caveat,
//! by reason, with row numbers, and one click to download them as CSV. The
//! results above it use every other row; nothing is dropped silently.

use crate::ui::browser::download;
use crate::ui::state::AppState;
use engine::ingest::problems::Effect;
use leptos::prelude::*;

/// The problem-rows panel (`data-testid="problem-rows"`), when a load had any.
#[component]
pub fn ProblemRows() -> impl IntoView {
    let state = expect_context::<AppState>();
    let save = move |_| {
        let Some(loaded) = state.loaded.get_untracked() else { return };
        let text = loaded.data.quality.problem_rows_csv();
        if let Err(e) = download("problem_rows.csv", "text/csv;charset=utf-8", &text) {
            state.error.set(Some(format!("The download could not start: {e:?}")));
        }
    };
    move || {
        let loaded = state.loaded.get()?;
        let problems = loaded.data.quality.problems();
        if problems.is_empty() {
            return None;
        }
        let any_left_out = problems.groups.iter().any(|g| g.effect == Effect::LeftOut);
        let headline = format!("{} of {} deal rows have problems", problems.deal_rows_affected, problems.deal_rows);
        let lede = if any_left_out {
            "The results use every other row. Rows left out are not in any figure; rows kept are left out only of the figures that need the missing value."
        } else {
            "Every row is kept; each is left out only of the figures that need the missing value."
        };
        let rows = problems
            .groups
            .into_iter()
            .map(|g| {
                // Five rows named, the rest counted (never a string per row).
                let shown: Vec<String> = g.lines.iter().take(5).map(|l| format!("row {l}")).collect();
                let more = if g.lines.len() > 5 { format!(" and {} more", g.lines.len() - 5) } else { String::new() };
                let place =
                    if shown.is_empty() { g.file.clone() } else { format!("{} · {}{more}", g.file, shown.join(", ")) };
                let done = if g.column == "currency" && g.effect == Effect::LeftOut {
                    "left out until a rate is given (above)".to_string()
                } else {
                    g.effect.label().to_string()
                };
                view! {
                    <tr>
                        <td>{g.reason}</td>
                        <td>{g.column.replace('_', " ")}</td>
                        <td class="num">{g.count}</td>
                        <td>{done}</td>
                        <td class="muted">{place}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <details class="card problem-rows" data-testid="problem-rows" open=true>
                <summary><strong data-testid="problem-headline">{headline}</strong></summary>
                <p class="muted">{lede}</p>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">"Problem"</th>
                            <th scope="col">"Column"</th>
                            <th scope="col" class="num">"Rows"</th>
                            <th scope="col">"What was done"</th>
                            <th scope="col">"Where"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <div class="actions">
                    <button class="button" data-testid="export-problem-rows" on:click=save>
                        "Download the problem rows (CSV)"
                    </button>
                </div>
            </details>
        })
    }
}
