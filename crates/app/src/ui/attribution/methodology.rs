//! How every number is computed, in plain words and exact definitions.

use engine::attribution::ModelId;
use leptos::prelude::*;

/// The exact definition of a model, as implemented.
fn definition(model: ModelId) -> &'static str {
    match model {
        ModelId::Sourced => "The whole amount to the sourcing partner; without one, to the partner of the creation touch (the last touch on or before the created date); otherwise to (direct).",
        ModelId::Influenced => "The whole amount to every distinct partner in the journey. Not additive: a deal with three partners is counted three times.",
        ModelId::EvenSplit => "Amount ÷ m to each of the m distinct partners in the journey.",
        ModelId::FirstTouch => "The whole amount to the first touch of the journey (touches ordered by date, ties in file order).",
        ModelId::LastTouch => "The whole amount to the last touch dated on or before the close date.",
        ModelId::PipelineTouch => "The whole amount to the creation touch; none → (direct).",
        ModelId::Linear => "Amount ÷ n to each of the n touches: a partner with two touches earns two shares.",
        ModelId::TimeDecay => "Touch i weighs 2^(−Δᵢ/h), Δᵢ = whole days from the touch to the close date, h = the half-life; weights normalised to 1.",
        ModelId::PositionBased => "One touch: 100%. Two: 50/50. Three or more: 40% first, 40% last, 20% shared equally by the middle touches.",
        ModelId::WShaped => "30% each to the first touch, the creation touch (none → the first) and the last touch, added up where they coincide; 10% shared by the other touches, or ⅓ of it to each role when there is none.",
        ModelId::Shapley => "Over closed deals, p(S) is the win rate of deals whose set of partners is exactly S; an unseen set is worth the best of its subsets; v(∅) is the direct win rate. A won deal with partners S gives partner k the share φₖ / v(S), where φₖ is k's Shapley value of g(T) = max(0, v(T) − v(∅)) over the subsets T of S; (direct) keeps the rest. Exact by subset enumeration up to 15 partners on a deal; beyond that 10,000 seeded random orderings (within ±0.027 of φₖ with 95% confidence).",
        ModelId::Markov => "A first-order chain start → J[0] → … → conversion (won) or null (lost) over closed deals, with observed transition frequencies. P is the chance of converting from start; removing key k sends every transition into k to null, giving Pₖ. Removal effect REₖ = (P − Pₖ) / P; k gets REₖ / Σ RE of the base. Solved exactly as a linear system, never simulated.",
        ModelId::JShaped => "One touch: 100%. Two: 25/75. Three or more: 20% first, 60% last, 20% shared by the middle.",
        ModelId::InverseJ => "One touch: 100%. Two: 75/25. Three or more: 60% first, 20% last, 20% shared by the middle.",
        ModelId::CustomPosition => "Your first / middle / last weights, normalised to 100%; with two touches, first and last in proportion.",
    }
}

/// The methodology section (collapsed by default).
#[component]
pub fn Methodology() -> impl IntoView {
    let rows = ModelId::SPEC
        .into_iter()
        .chain(ModelId::EXTRA)
        .map(|m| {
            view! {
                <tr>
                    <th scope="row"><code>{m.id()}</code><br/>{m.label()}</th>
                    <td>{m.explanation()}</td>
                    <td>{definition(m)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="card methodology" id="methodology">
            <summary><h2>"Methodology: how every number is computed"</h2></summary>
            <p>
                "The journey of a deal is its list of partner touches dated on or before the close date, in date order. "
                "With deal-level data it is the sourcing partner, then the influencing partners as listed. "
                "A deal with no partner is the journey [(direct)], so additive models account for all revenue. "
                "Only won deals are credited (or open ones, with the open-pipeline base); lost deals inform Shapley and Markov."
            </p>
            <p>
                "Money is summed exactly and each key's credit is rounded to the cent by the largest-remainder method, "
                "so every additive column adds up to the base exactly. The rule models' shares are exact fractions "
                "(a third is a third), so two keys whose credits end in the same fraction of a cent are a tie, "
                "and a tie goes to the key that comes first in alphabetical order. Time decay, Shapley and Markov "
                "are computed in floating point; their remainders closer than a millionth of a cent "
                "(plus 10⁻¹³ of the credit) count as a tie."
            </p>
            <div class="table-wrap">
                <table class="data-table wrap">
                    <thead><tr><th scope="col">"Model"</th><th scope="col">"In plain words"</th><th scope="col">"Exact definition"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p>
                "Dimensions: partner type adds up each partner's credit under its type (the type most often recorded on the deals it sourced or led); "
                "internal team credits each touch to the team behind it (partner touches to partnerships), or with deal-level data the team of the lead source; "
                "touch type credits partner touches by their type."
            </p>
            <p>
                "Partner vs direct: win rate = won ÷ closed; cycle = close − created in whole days, won deals; "
                "velocity = deals × win rate × average won amount ÷ mean cycle days; "
                "incremental revenue = closed partner deals × (partner win rate × partner average − direct win rate × direct average)."
            </p>
            <p>
                "Intervals are 95%: Wilson score intervals for win rates and Newcombe's interval for their difference; "
                "a percentile bootstrap (1,000 resamples, fixed seed, so the same file always gives the same interval) for average deal size and days to close, "
                "replaced by the normal closed form above 5,000 deals on a side and in the split rows. "
                "A lift is flagged “≈ 0?” when the interval of the difference includes zero, and a comparison with fewer than 10 won deals on a side is flagged as too few. "
                "The mix-adjusted lift compares partner and direct deals within the same segment and deal-size band (quartiles of closed deal amounts; segment only for deal size) "
                "and weights each cell by its number of direct deals."
            </p>
        </details>
    }
}
