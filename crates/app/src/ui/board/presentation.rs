//! The board view (presentation mode): full-screen slides drawn only from a
//! [`Snapshot`] — the same aggregates a snapshot link carries — so what is
//! presented and what is shared cannot differ. Arrow keys move, Esc leaves;
//! printing gives one slide per page.

use crate::chart::{
    agreement_rows, agreement_svg, comparison_svg, projection_svg, waterfall_svg, AgreementChart, ComparisonChart,
    ProjectionChart, Step, WaterfallChart,
};
use crate::ui::board::slides::Slide;
use crate::ui::board::summary;
use crate::ui::board::takeaways::takeaway;
use crate::ui::format::{money, percent};
use crate::ui::state::AppState;
use engine::money::currency_symbol;
use engine::share::Snapshot;
use engine::value::scenario::{project, ScenarioInputs};
use leptos::ev;
use leptos::leptos_dom::helpers::window_event_listener;
use leptos::prelude::*;

/// Slide size in chart pixels (16:9).
const CHART: (u32, u32) = (1200, 600);

/// A rendered chart of a slide: the SVG and its download name.
struct SlideChart {
    svg: String,
    name: &'static str,
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

fn chart_of(slide: Slide, s: &Snapshot) -> Option<SlideChart> {
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
            })
        }
        Slide::Retention => s.stages.as_ref().map(|stages| SlideChart {
            svg: comparison_svg(
                &ComparisonChart {
                    title: "Median days in each stage".into(),
                    subtitle: format!("{} · {}", s.definition, s.subtitle),
                    currency_symbol: String::new(),
                    keys: stages.keys.clone(),
                    series: stages.series.clone(),
                },
                CHART.0,
                if s.retention.is_some() { CHART.1 * 3 / 4 } else { CHART.1 },
            ),
            name: "board-stages",
        }),
        Slide::Overview | Slide::Leaderboard | Slide::Summary | Slide::Definitions => None,
    }
}

/// GRR and NRR of both sides, as a small table.
fn retention_body(r: &engine::share::SnapshotRetention) -> impl IntoView {
    let ratio = |x: Option<f64>| x.map_or_else(|| "—".to_string(), percent);
    view! {
        <table class="data-table board-table">
            <caption>{format!("Revenue retention, {}", r.window)}</caption>
            <thead><tr>
                <th scope="col">"Accounts"</th>
                <th scope="col" class="num">"Count"</th>
                <th scope="col" class="num">"Gross revenue retention"</th>
                <th scope="col" class="num">"Net revenue retention"</th>
            </tr></thead>
            <tbody>
                <tr><th scope="row">{r.who.clone()}</th><td class="num">{r.accounts[0]}</td><td class="num">{ratio(r.grr[0])}</td><td class="num">{ratio(r.nrr[0])}</td></tr>
                <tr><th scope="row">"Other accounts"</th><td class="num">{r.accounts[1]}</td><td class="num">{ratio(r.grr[1])}</td><td class="num">{ratio(r.nrr[1])}</td></tr>
            </tbody>
        </table>
    }
}

fn slide_body(slide: Slide, s: &Snapshot) -> AnyView {
    match slide {
        Slide::Overview => {
            let cards = s
                .cards
                .iter()
                .map(|c| {
                    view! {
                        <div class="headline">
                            <span class="headline-title">{c.title.clone()}</span>
                            <span class="headline-value">{c.value.clone()}</span>
                            <span class="headline-detail">{c.detail.clone()}</span>
                        </div>
                    }
                })
                .collect_view();
            view! { <div class="headlines board-cards">{cards}</div> }.into_any()
        }
        Slide::Leaderboard => {
            let rows = s
                .partners
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    view! {
                        <tr>
                            <td class="num">{i + 1}</td>
                            <th scope="row">{p.name.clone()}</th>
                            <td class="num">{p.deals}</td>
                            <td class="num">{money(p.sourced, &s.currency)}</td>
                            <td class="num">{money(p.influenced, &s.currency)}</td>
                            <td class="num">{p.win_rate.map_or_else(|| "—".into(), percent)}</td>
                            <td class="num">{money(p.credit, &s.currency)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="data-table board-table">
                    <thead><tr>
                        <th scope="col" class="num">"#"</th>
                        <th scope="col">"Partner"</th>
                        <th scope="col" class="num">"Deals"</th>
                        <th scope="col" class="num">"Sourced revenue"</th>
                        <th scope="col" class="num">"Influenced revenue"</th>
                        <th scope="col" class="num">"Win rate"</th>
                        <th scope="col" class="num">{format!("Credit ({})", s.model)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
        Slide::Summary => {
            let points =
                crate::ui::board::takeaways::findings(s).into_iter().map(|f| view! { <li>{f}</li> }).collect_view();
            let facts = summary::summary_facts(s).into_iter().map(|f| view! { <p>{f}</p> }).collect_view();
            view! {
                <div class="slide-summary">
                    <ol class="findings" data-testid="summary-findings">{points}</ol>
                    <div class="facts muted" data-testid="summary-facts">{facts}</div>
                </div>
            }
            .into_any()
        }
        Slide::Definitions => {
            let terms = summary::definitions(s)
                .into_iter()
                .map(|(term, meaning)| view! { <dt>{term}</dt><dd>{meaning}</dd> })
                .collect_view();
            view! { <dl class="definitions" data-testid="definitions">{terms}</dl> }.into_any()
        }
        Slide::Retention => {
            let table = s.retention.as_ref().map(retention_body);
            let chart = chart_of(slide, s).map(|c| {
                view! { <figure class="board-chart" role="img" aria-label="Median days in each stage" inner_html=c.svg></figure> }
            });
            view! { <div class="slide-stack">{table}{chart}</div> }.into_any()
        }
        _ => match chart_of(slide, s) {
            Some(c) => {
                view! { <figure class="board-chart" role="img" aria-label=slide.label() inner_html=c.svg></figure> }
                    .into_any()
            }
            None => view! { <p class="muted">"Not available for this data."</p> }.into_any(),
        },
    }
}

/// A slide's title: the one the user wrote, else the computed takeaway.
pub fn title_of(slide: Slide, s: &Snapshot) -> String {
    s.titles.iter().find(|(id, _)| id == slide.id()).map_or_else(|| takeaway(slide, s), |(_, t)| t.clone())
}

/// Keep a title typed over a slide's takeaway (in the settings and the
/// board's snapshot, so links and the PowerPoint file carry it); an empty
/// title, or the computed one, removes the override.
fn edit_title(state: AppState, slide: Slide, text: &str) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(snapshot) = state.board.get_untracked() else { return };
    let computed = takeaway(slide, &snapshot);
    let mut titles: Vec<(String, String)> =
        snapshot.titles.iter().filter(|(id, _)| id != slide.id()).cloned().collect();
    if !text.is_empty() && text != computed {
        titles.push((slide.id().to_string(), text.chars().take(engine::share::MAX_TITLE).collect()));
    }
    if titles == snapshot.titles {
        return;
    }
    state.slide_titles.set(titles.clone());
    let mut next = (*snapshot).clone();
    next.titles = titles;
    state.board.set(Some(crate::ui::state::Shared(std::sync::Arc::new(next))));
}

/// The presentation overlay, shown while `state.board` holds a snapshot.
#[component]
pub fn BoardView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let index = RwSignal::new(0usize);
    let count = move || state.board.with(|b| b.as_ref().map_or(0, |s| slides_of(s).len()));
    let close = move || {
        state.board.set(None);
        index.set(0);
        crate::ui::browser::exit_fullscreen();
        // A modal gives focus back to what opened it.
        crate::ui::browser::focus_testid("board-view");
    };
    // A modal takes focus when it opens (after it is drawn).
    Effect::new(move |was_open: Option<bool>| {
        let open = state.board.with(Option::is_some);
        if open && was_open != Some(true) {
            request_animation_frame(|| crate::ui::browser::focus_first_in("[data-testid=\"board\"]"));
        }
        open
    });
    let handle = window_event_listener(ev::keydown, move |e| {
        if state.board.with_untracked(Option::is_none) {
            return;
        }
        if let Some(title) = crate::ui::browser::editing_target(&e) {
            // Typing a title: Enter or Esc ends the edit; other keys are text.
            if e.key() == "Enter" || e.key() == "Escape" {
                e.prevent_default();
                let _ = title.blur();
            }
            return;
        }
        if e.key() == "Tab" {
            if crate::ui::browser::trap_tab("[data-testid=\"board\"]", e.shift_key()) {
                e.prevent_default();
            }
            return;
        }
        let last = count().saturating_sub(1);
        match e.key().as_str() {
            "ArrowRight" | "PageDown" | " " => index.update(|i| *i = (*i + 1).min(last)),
            "ArrowLeft" | "PageUp" => index.update(|i| *i = i.saturating_sub(1)),
            "Home" => index.set(0),
            "End" => index.set(last),
            "Escape" => close(),
            _ => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || handle.remove());
    let download = move |png: bool| {
        let Some(snapshot) = state.board.get_untracked() else { return };
        let slides = slides_of(&snapshot);
        let Some(chart) = slides.get(index.get_untracked()).and_then(|&s| chart_of(s, &snapshot)) else {
            state.notice.set(Some("This slide has no chart to download; print the board for a PDF.".into()));
            return;
        };
        if !png {
            if let Err(e) = crate::ui::browser::download(&format!("{}.svg", chart.name), "image/svg+xml", &chart.svg) {
                state.error.set(Some(format!("The SVG could not be made: {e:?}")));
            }
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let made = crate::ui::browser::svg_to_png(&chart.svg, CHART.0, CHART.1, 2.0).await;
            if let Err(e) =
                made.and_then(|blob| crate::ui::browser::download_blob(&format!("{}.png", chart.name), &blob))
            {
                state.error.set(Some(format!("The PNG could not be made: {e:?}")));
            }
        });
    };
    move || {
        let snapshot = state.board.get()?;
        let slides = slides_of(&snapshot);
        let total = slides.len();
        let pages = slides
            .iter()
            .enumerate()
            .map(|(i, &slide)| {
                let class = move || if index.get() == i { "slide active" } else { "slide" };
                view! {
                    <section class=class aria-hidden=move || (index.get() != i).to_string() data-slide=slide.id()>
                        <header class="slide-head">
                            <span class="slide-deck">{format!("{} · {}", snapshot.title, slide.label())}</span>
                            <h2 data-testid="slide-title" contenteditable="plaintext-only" spellcheck="false"
                                title="Click to write your own title; clear it to get the computed one back"
                                on:blur=move |ev| {
                                    let el = event_target::<web_sys::HtmlElement>(&ev);
                                    edit_title(state, slide, &el.inner_text());
                                    if el.inner_text().trim().is_empty() {
                                        if let Some(s) = state.board.get_untracked() {
                                            el.set_inner_text(&title_of(slide, &s));
                                        }
                                    }
                                }>
                                {title_of(slide, &snapshot)}
                            </h2>
                        </header>
                        <div class="slide-body">{slide_body(slide, &snapshot)}</div>
                        <footer class="slide-foot">
                            <span>{snapshot.subtitle.clone()}</span>
                            <span>{format!("{} / {total}", i + 1)}</span>
                        </footer>
                    </section>
                }
            })
            .collect_view();
        Some(view! {
            <div class="board" role="dialog" aria-modal="true" aria-label="Board view" data-testid="board">
                <div class="board-tools">
                    <button class="button small" on:click=move |_| index.update(|i| *i = i.saturating_sub(1)) aria-label="Previous slide">"←"</button>
                    <span class="muted" data-testid="slide-number">{move || format!("{} / {total}", index.get() + 1)}</span>
                    <button class="button small" on:click=move |_| index.update(|i| *i = (*i + 1).min(total.saturating_sub(1))) aria-label="Next slide">"→"</button>
                    <button class="button small" data-testid="export-chart-svg" on:click=move |_| download(false)>"SVG"</button>
                    <button class="button small" data-testid="export-chart-png" on:click=move |_| download(true)>"PNG"</button>
                    <button class="button small" on:click=move |_| crate::ui::browser::print()>"Print / PDF"</button>
                    <button class="button small" data-testid="board-close" on:click=move |_| close()>"Esc — leave"</button>
                </div>
                {pages}
            </div>
        })
    }
}
