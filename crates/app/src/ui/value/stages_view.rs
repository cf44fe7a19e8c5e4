//! Days in stage (spec §7a) and retention (§7b), partner-involved vs direct,
//! when a stage history or an ARR file was dropped with the deals; with
//! neither, a note on which file unlocks them.

use crate::ui::browser::download;
use crate::ui::chart_frame::ChartFrame;
use crate::ui::format::money_cents;
use crate::ui::state::AppState;
use crate::ui::state::StagesSettings;
use engine::value::breakdown::Breakdown;
use engine::value::model::ValueModel;
use engine::value::retention::{retention_csv, Retention, RetentionRow};
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

/// Median days per stage for each group of the breakdown, beside direct.
fn stage_groups_table(result: &StageDays) -> Option<impl IntoView> {
    if result.breakdown == Breakdown::None {
        return None;
    }
    if result.groups.is_empty() {
        return Some(
            view! { <p class="muted" data-testid="stage-groups">"No partner-involved deal with a history has a partner type or program."</p> }
                .into_any(),
        );
    }
    let head = result
        .groups
        .iter()
        .map(|(label, rows)| {
            let n = rows.iter().map(|r| r.entered).max().unwrap_or(0);
            view! { <th scope="col" class="num">{format!("{label} ({n} deals)")}</th> }
        })
        .collect_view();
    // Stages with no duration in any column (the closing stages) say nothing here.
    let timed =
        |k: usize| result.direct[k].days.len() + result.groups.iter().map(|(_, r)| r[k].days.len()).sum::<usize>() > 0;
    let body = result
        .stages
        .iter()
        .enumerate()
        .filter(|&(k, _)| timed(k))
        .map(|(k, stage)| {
            let cells = result
                .groups
                .iter()
                .map(|(_, rows)| {
                    let row = &rows[k];
                    view! { <td class="num">{days(row.median_days())}<span class="ci">{format!("n = {}", row.days.len())}</span></td> }
                })
                .collect_view();
            let direct = &result.direct[k];
            view! {
                <tr>
                    <th scope="row">{stage.clone()}</th>
                    {cells}
                    <td class="num">{days(direct.median_days())}<span class="ci">{format!("n = {}", direct.days.len())}</span></td>
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <div class="table-scroll" tabindex="0">
                <table class="data-table" data-testid="stage-groups">
                    <caption>{format!("Median days in each stage, {}", result.breakdown.label().to_lowercase())}</caption>
                    <thead><tr><th scope="col">"Stage"</th>{head}<th scope="col" class="num">"Direct"</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any(),
    )
}

/// One row of a retention table: count, ARR at both ends, GRR and NRR with intervals.
fn retention_row(label: String, s: &RetentionRow, currency: &str) -> impl IntoView {
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
}

/// A retention table over labelled rows.
fn retention_rows_table(
    testid: &'static str,
    first: &'static str,
    rows: Vec<(String, &RetentionRow)>,
    currency: &str,
) -> impl IntoView {
    let body = rows.into_iter().map(|(label, row)| retention_row(label, row, currency)).collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="data-table" data-testid=testid>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        <th scope="col">"Accounts"</th>
                        <th scope="col">"ARR at start"</th>
                        <th scope="col">"ARR at end"</th>
                        <th scope="col">"GRR"</th>
                        <th scope="col">"NRR"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// NRR by quarter of first partner involvement, other accounts last.
fn cohort_chart(r: &Retention) -> Option<impl IntoView> {
    use crate::chart::{comparison_svg, ComparisonChart};
    let cohorts: Vec<&(String, RetentionRow)> = r.cohorts.iter().filter(|(_, row)| row.nrr().is_some()).collect();
    if cohorts.is_empty() {
        return None;
    }
    let mut keys: Vec<String> = cohorts.iter().map(|(k, row)| format!("{k} ({} accounts)", row.accounts)).collect();
    let mut values: Vec<f64> = cohorts.iter().map(|(_, row)| row.nrr().unwrap_or(0.0) * 100.0).collect();
    if let Some(nrr) = r.direct.nrr() {
        keys.push(format!("Other accounts ({})", r.direct.accounts));
        values.push(nrr * 100.0);
    }
    let first = if r.definition == "integration" { "first integration install" } else { "first won partner deal" };
    let chart = ComparisonChart {
        title: "Net revenue retention by quarter of first partner involvement".into(),
        subtitle: format!("NRR in % of starting ARR, {} to {} · cohorts by {first}", r.t0, r.t1),
        currency_symbol: String::new(),
        keys: keys.clone(),
        series: vec![("NRR (%)".to_string(), values.clone())],
    };
    let height = 160 + 40 * keys.len() as u32;
    let svg = comparison_svg(&chart, 960, height);
    let head = vec!["Cohort".to_string(), "NRR".into()];
    let rows: Vec<Vec<String>> = keys.iter().zip(&values).map(|(k, v)| vec![k.clone(), format!("{v:.0}%")]).collect();
    Some(view! {
        <ChartFrame svg=Signal::stored(Some(svg)) width=960 height=height name="nrr-cohorts"
            label="Net revenue retention by quarter of first partner involvement" primary=false table=Signal::stored(Some((head, rows)))/>
    })
}

fn retention_table(r: &Retention, currency: &str) -> impl IntoView {
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
    let groups = (r.breakdown != Breakdown::None).then(|| {
        let rows: Vec<(String, &RetentionRow)> = r.groups.iter().map(|(k, row)| (k.clone(), row)).collect();
        if rows.is_empty() {
            view! { <p class="muted" data-testid="retention-groups">"No partner-involved account falls in a group of this breakdown."</p> }.into_any()
        } else {
            retention_rows_table("retention-groups", r.breakdown.label(), rows, currency).into_any()
        }
    });
    view! {
        <p class="headline-sentence" data-testid="retention-story">{story}</p>
        <p class="muted">{format!("Window {} to {} (ARR at each date: the nearest snapshot within 15 days).", r.t0, r.t1)}</p>
        {retention_rows_table("retention-table", "Accounts", vec![(label.to_string(), &r.partner), ("Other accounts".to_string(), &r.direct)], currency)}
        {groups}
        {cohort_chart(r)}
    }
}

/// A select of breakdowns that writes its choice with `set`.
fn breakdown_select(
    testid: &'static str,
    options: Vec<Breakdown>,
    current: Breakdown,
    set: impl Fn(&mut StagesSettings, Breakdown) + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = options
        .into_iter()
        .map(|b| view! { <option value=b.id() selected=b == current>{b.label()}</option> })
        .collect_view();
    view! {
        <label class="field inline">
            "Show "
            <select data-testid=testid on:change=move |ev| {
                if let Some(b) = Breakdown::from_id(&event_target_value(&ev)) {
                    state.stages_settings.update(|s| set(s, b));
                }
            }>{options}</select>
        </label>
    }
}

/// The retention window: its length in months and its end date.
fn window_controls(r: &Retention) -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings = state.stages_settings.get_untracked();
    let months = [3, 6, 12, 24, 36]
        .into_iter()
        .map(|m| view! { <option value=m.to_string() selected=m == settings.retention_months>{format!("{m} months")}</option> })
        .collect_view();
    view! {
        <div class="controls">
            <label class="field inline">
                "Window "
                <select data-testid="retention-months" on:change=move |ev| {
                    if let Ok(m) = event_target_value(&ev).parse::<i32>() {
                        state.stages_settings.update(|s| s.retention_months = m);
                    }
                }>{months}</select>
            </label>
            <label class="field inline">
                " ending "
                <input type="date" data-testid="retention-end" value=r.t1.to_string() on:change=move |ev| {
                    let text = event_target_value(&ev);
                    state.stages_settings.update(|s| s.retention_end = engine::date::parse_iso_date(&text));
                }/>
            </label>
        </div>
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
            let options: Vec<Breakdown> = state.loaded.with(|l| {
                l.as_ref().map_or_else(Vec::new, |l| {
                    Breakdown::available(&l.data, false).into_iter().filter(|&b| b != Breakdown::Integration).collect()
                })
            });
            let select = (options.len() > 1)
                .then(|| breakdown_select("stage-breakdown", options, r.breakdown, |s, b| s.stage_breakdown = b));
            view! {
                <h3>"Days in stage"</h3>
                {stage_chart(&r)}
                {select}
                {stage_groups_table(&r)}
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
            let installs = r.definition == "integration";
            let options: Vec<Breakdown> =
                state.loaded.with(|l| l.as_ref().map_or_else(Vec::new, |l| Breakdown::available(&l.data, installs)));
            let select = (options.len() > 1).then(|| {
                breakdown_select("retention-breakdown", options, r.breakdown, |s, b| s.retention_breakdown = b)
            });
            view! {
                <h3>"Revenue retention"</h3>
                {window_controls(&r)}
                {select}
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
