//! Which keys matter under every rule, and how far the rules disagree.

use crate::ui::format::money_cents;
use crate::ui::state::{AppState, Results};
use engine::attribution::ModelId;
use engine::dataset::{Sym, DIRECT};
use leptos::prelude::*;

/// How many top places count as "top".
pub const TOP_N: usize = 5;

/// One key's standing across the additive models.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The key.
    pub key: Sym,
    /// Best and worst rank (1 = most credit) over the additive models.
    pub best: usize,
    /// Worst rank.
    pub worst: usize,
    /// Lowest and highest credit in cents.
    pub low: i64,
    /// Highest credit in cents.
    pub high: i64,
    /// Models under which the key is in the top N.
    pub top_under: Vec<ModelId>,
}

/// Rank every non-direct key under every additive model shown.
pub fn standings(results: &Results) -> (Vec<ModelId>, Vec<Standing>) {
    let models: Vec<_> = results.models.iter().filter(|m| m.model.additive()).collect();
    let mut keys: Vec<Sym> = results.models.iter().flat_map(|m| m.credits.iter().map(|c| c.key)).collect();
    keys.retain(|&k| k != DIRECT);
    keys.sort_unstable();
    keys.dedup();
    // Per model: every key's credit, and all credits in descending order, so
    // a rank is one binary search (linear scans were cubic in the keys).
    let by_key: Vec<_> = models.iter().map(|m| m.revenue_by_key()).collect();
    let descending: Vec<Vec<i64>> = by_key
        .iter()
        .map(|values| {
            let mut v: Vec<i64> = keys.iter().map(|k| values.get(k).copied().unwrap_or(0)).collect();
            v.sort_unstable_by(|a, b| b.cmp(a));
            v
        })
        .collect();
    let mut out: Vec<Standing> = keys
        .iter()
        .map(|&key| {
            let values: Vec<i64> = by_key.iter().map(|m| m.get(&key).copied().unwrap_or(0)).collect();
            let ranks: Vec<usize> =
                values.iter().zip(&descending).map(|(&v, all)| 1 + all.partition_point(|&other| other > v)).collect();
            Standing {
                key,
                best: ranks.iter().copied().min().unwrap_or(0),
                worst: ranks.iter().copied().max().unwrap_or(0),
                low: values.iter().copied().min().unwrap_or(0),
                high: values.iter().copied().max().unwrap_or(0),
                top_under: models.iter().zip(&ranks).filter(|(_, &r)| r <= TOP_N).map(|(m, _)| m.model).collect(),
            }
        })
        .collect();
    out.sort_by_key(|s| (s.worst, s.best, std::cmp::Reverse(s.high)));
    (models.iter().map(|m| m.model).collect(), out)
}

/// The robust-conclusions table.
#[component]
pub fn RankView() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loaded = state.loaded.get()?;
        let results = state.results.get()?;
        let currency = loaded.data.currency.clone();
        let (models, rows) = standings(&results);
        let everywhere: Vec<String> = rows
            .iter()
            .filter(|s| s.top_under.len() == models.len())
            .map(|s| results.name(s.key).to_string())
            .collect();
        let headline = if everywhere.is_empty() {
            format!("No key stays in the top {TOP_N} under every rule: the choice of rule decides the ranking.")
        } else {
            format!("In the top {TOP_N} under every rule: {}.", everywhere.join(", "))
        };
        let hidden = rows.len().saturating_sub(super::attribution_table::ROW_LIMIT);
        let body = rows
            .iter()
            .take(super::attribution_table::ROW_LIMIT)
            .map(|s| {
                let verdict = match s.top_under.len() {
                    n if n == models.len() => format!("Top {TOP_N} under every rule"),
                    0 => String::new(),
                    1 => format!("Top {TOP_N} only under {}", s.top_under[0].label()),
                    n => format!("Top {TOP_N} under {n} of {} rules", models.len()),
                };
                let spread =
                    if s.low > 0 { format!("{:.1}×", s.high as f64 / s.low as f64) } else { "only some rules".into() };
                let class = if s.top_under.len() == models.len() { "robust" } else { "" };
                view! {
                    <tr class=class>
                        <th scope="row">{results.name(s.key).to_string()}</th>
                        <td class="num">{format!("{}–{}", s.best, s.worst)}</td>
                        <td class="num">{money_cents(s.low, &currency)}</td>
                        <td class="num">{money_cents(s.high, &currency)}</td>
                        <td class="num">{spread}</td>
                        <td>{verdict}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="rank-view">
                <p class="headline">{headline}</p>
                <div class="table-wrap">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{results.view.dimension.label()}</th>
                            <th scope="col" class="num">"Rank range"</th>
                            <th scope="col" class="num">"Lowest credit"</th>
                            <th scope="col" class="num">"Highest credit"</th>
                            <th scope="col" class="num">"Spread"</th>
                            <th scope="col">"Verdict"</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                {(hidden > 0).then(|| view! {
                    <p class="table-note">{format!("{hidden} more keys, lower in every ranking, are not listed.")}</p>
                })}
                <p class="table-note">{format!("Ranks and spread over the {} additive models shown (Influenced is not additive and is left out).", models.len())}</p>
            </div>
        })
    }
}
