//! Days in stage (spec §7a) and retention (§7b), partner-involved vs direct,
//! when a stage history or an ARR file was dropped with the deals; with
//! neither, a note on which file unlocks them.

use crate::ui::browser::download;
use crate::ui::chart_frame::ChartFrame;
use crate::ui::format::money_cents;
use crate::ui::state::AppState;
use engine::value::model::ValueModel;
use engine::value::retention::{retention_csv, Retention};
use engine::value::stage_days::{stage_days_csv, StageDays, StageRow};
use leptos::prelude::*;

fn days(v: Option<f64>) -> String {
    v.map(|d| format!("{d:.1}")).unwrap_or_else(|| "–".into())
}

fn share(v: Option<f64>) -> String {
    v.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "–".into())
}

/// "95%: a – b" under a figure, formatted by `show`.
fn interval(i: Option<engine::value::stats::Interval>, show: impl Fn(f64) -> String) -> Option<impl IntoView> {
    i.map(|i| view! { <span class="ci">{format!("95%: {} – {}", show(i.low), show(i.high))}</span> })
}

fn lift(partner: Option<f64>, direct: Option<f64>) -> String {
    ValueModel::lift(partner, direct).map(|l| format!("{:+.0}%", l * 100.0)).unwrap_or_else(|| "–".into())
}

fn stage_row(p: &StageRow, d: &StageRow) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{p.stage.clone()}</th>
            <td class="num">{p.days.len()}</td>
            <td class="num">{days(p.median_days())}{interval(p.median_interval(), |x| format!("{x:.1}"))}</td>
            <td class="num">{days(p.mean_days())}{interval(p.mean_interval(), |x| format!("{x:.1}"))}</td>
            <td class="num">{share(p.advanced_share())}</td>
            <td class="num">{d.days.len()}</td>
            <td class="num">{days(d.median_days())}{interval(d.median_interval(), |x| format!("{x:.1}"))}</td>
            <td class="num">{days(d.mean_days())}{interval(d.mean_interval(), |x| format!("{x:.1}"))}</td>
            <td class="num">{share(d.advanced_share())}</td>
            <td class="num">{lift(p.median_days(), d.median_days())}</td>
        </tr>
    }
}

/// Paired bars: median days per stage, partner-involved above direct.
fn stage_chart(result: &StageDays) -> impl IntoView {
    use crate::chart::{comparison_svg, ComparisonChart};
    let rows: Vec<(&StageRow, &StageRow)> = result
        .partner
        .iter()
        .zip(&result.direct)
        .filter(|(p, d)| p.median_days().is_some() || d.median_days().is_some())
        .collect();
    let keys: Vec<String> = rows.iter().map(|(p, _)| p.stage.clone()).collect();
    let series = vec![
        ("Partner-involved".to_string(), rows.iter().map(|(p, _)| p.median_days().unwrap_or(0.0)).collect()),
        ("Direct".to_string(), rows.iter().map(|(_, d)| d.median_days().unwrap_or(0.0)).collect()),
    ];
    let chart = ComparisonChart {
        title: "Median days in each stage: partner-involved vs direct".into(),
        subtitle: format!("{} · 95% intervals in the table below", result.definition.label()),
        currency_symbol: String::new(),
        keys: keys.clone(),
        series: series.clone(),
    };
    let height = 160 + 56 * keys.len() as u32;
    let svg = comparison_svg(&chart, 960, height);
    let head = vec!["Stage".to_string(), "Partner-involved median days".into(), "Direct median days".into()];
    let table_rows: Vec<Vec<String>> =
        rows.iter().map(|(p, d)| vec![p.stage.clone(), days(p.median_days()), days(d.median_days())]).collect();
    view! {
        <ChartFrame svg=Signal::stored(Some(svg)) width=960 height=height name="stage-days-chart"
            label="Median days in each stage, partner-involved vs direct" primary=false table=Signal::stored(Some((head, table_rows)))/>
    }
}

fn stage_table(result: &StageDays) -> impl IntoView {
    let rows = result.partner.iter().zip(&result.direct).map(|(p, d)| stage_row(p, d)).collect_view();
    let ignored = (result.unmatched_rows + result.unreadable_rows > 0).then(|| {
        format!(
            "{} history row(s) naming {} deal(s) not in the deal file, and {} without a readable date, were ignored.",
            result.unmatched_rows,
            result.unmatched_ids.len(),
            result.unreadable_rows
        )
    });
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="data-table" data-testid="stage-days-table">
                <thead>
                    <tr>
                        <th scope="col">"Stage"</th>
                        <th scope="col">"Partner deals"</th>
                        <th scope="col">"Median days"</th>
                        <th scope="col">"Mean days"</th>
                        <th scope="col">"Advanced"</th>
                        <th scope="col">"Direct deals"</th>
                        <th scope="col">"Median days"</th>
                        <th scope="col">"Mean days"</th>
                        <th scope="col">"Advanced"</th>
                        <th scope="col">"Median lift"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {ignored.map(|text| view! { <p class="muted">{text}</p> })}
    }
}

fn retention_table(r: &Retention, currency: &str) -> impl IntoView {
    let row = |label: &'static str, s: &engine::value::retention::RetentionRow| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="num">{s.accounts}</td>
                <td class="num">{money_cents(s.start_cents, currency)}</td>
                <td class="num">{money_cents(s.end_cents, currency)}</td>
                <td class="num">{share(s.grr())}{interval(s.grr_interval(), |x| share(Some(x)))}</td>
                <td class="num">{share(s.nrr())}{interval(s.nrr_interval(), |x| share(Some(x)))}</td>
            </tr>
        }
    };
    let label =
        if r.definition == "integration" { "Accounts with a partner integration" } else { "Partner-involved accounts" };
    // The story in one sentence for the board, said only when the intervals
    // of the two GRRs do not overlap.
    let who = if r.definition == "integration" {
        "Accounts using a partner integration"
    } else {
        "Partner-involved accounts"
    };
    let story = match (r.partner.grr(), r.direct.grr(), r.partner.grr_interval(), r.direct.grr_interval()) {
        (Some(p), Some(d), Some(ip), Some(id)) if ip.low > id.high || ip.high < id.low => format!(
            "{who} kept {} of their revenue vs {} for other accounts (GRR, 95% intervals do not overlap); NRR {} vs {}.",
            share(Some(p)), share(Some(d)), share(r.partner.nrr()), share(r.direct.nrr())
        ),
        (Some(p), Some(d), _, _) => format!(
            "{who} kept {} of their revenue vs {} for other accounts; the 95% intervals overlap, so this data cannot tell the two apart.",
            share(Some(p)), share(Some(d))
        ),
        _ => "Not enough accounts on both sides to compare retention.".to_string(),
    };
    view! {
        <p class="headline-sentence" data-testid="retention-story">{story}</p>
        <p class="muted">{format!("Window {} to {} (ARR at each date: the nearest snapshot within 15 days).", r.t0, r.t1)}</p>
        <table class="data-table" data-testid="retention-table">
            <thead>
                <tr>
                    <th scope="col">"Accounts"</th>
                    <th scope="col">"Count"</th>
                    <th scope="col">"ARR at start"</th>
                    <th scope="col">"ARR at end"</th>
                    <th scope="col">"GRR"</th>
                    <th scope="col">"NRR"</th>
                </tr>
            </thead>
            <tbody>
                {row(label, &r.partner)}
                {row("Other accounts", &r.direct)}
            </tbody>
        </table>
    }
}

/// Days in stage and retention, with their exports.
#[component]
pub fn StagesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (stages, retained) = (state.stage_days, state.retention);
    let save = move |name: &'static str, text: Option<String>| {
        if let Some(text) = text {
            if let Err(e) = download(name, "text/csv;charset=utf-8", &text) {
                state.error.set(Some(format!("The download could not start: {e:?}")));
            }
        }
    };
    move || {
        let currency = state.loaded.get().map(|l| l.data.currency.clone()).unwrap_or_default();
        let stage_part = stages.get().map(|r| {
            view! {
                <h3>"Days in stage"</h3>
                {stage_chart(&r)}
                {stage_table(&r)}
                <div class="actions">
                    <button class="button" data-testid="export-stage-days"
                        on:click=move |_| save("stage_days.csv", stages.get_untracked().map(|r| stage_days_csv(&r)))>
                        "Download stage_days.csv"
                    </button>
                </div>
            }
        });
        let retention_part = retained.get().map(|r| {
            view! {
                <h3>"Revenue retention"</h3>
                {retention_table(&r, &currency)}
                <div class="actions">
                    <button class="button" data-testid="export-retention"
                        on:click=move |_| save("retention.csv", retained.get_untracked().map(|r| retention_csv(&r)))>
                        "Download retention.csv"
                    </button>
                </div>
            }
        });
        let missing = match (stage_part.is_some(), retention_part.is_some()) {
            (true, true) => None,
            (has_stages, has_arr) => Some(format!(
                "To see {}, drop {} together with the deal file.",
                match (has_stages, has_arr) {
                    (false, false) => "days in stage and revenue retention",
                    (false, true) => "days in stage",
                    _ => "revenue retention",
                },
                match (has_stages, has_arr) {
                    (false, false) => "a stage history (Salesforce Opportunity History, or HubSpot's \"Date entered\" columns) and finance's ARR by account (optionally with integration installs)",
                    (false, true) => "a stage history (Salesforce Opportunity History, or HubSpot's \"Date entered\" columns)",
                    _ => "finance's ARR by account (account, date, arr; optionally integration installs)",
                }
            )),
        };
        view! {
            {stage_part}
            {retention_part}
            {missing.map(|text| view! { <p class="muted" data-testid="stages-unlock">{text}</p> })}
        }
    }
}
