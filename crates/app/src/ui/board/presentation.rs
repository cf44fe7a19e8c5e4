//! The board view (presentation mode): full-screen slides drawn only from a
//! [`Snapshot`] — the same aggregates a snapshot link carries — so what is
//! presented and what is shared cannot differ. Arrow keys move, Esc leaves;
//! printing gives one slide per page.

use crate::ui::board::slide_charts::{chart_of, slides_of};
use crate::ui::board::slides::Slide;
use crate::ui::board::summary;
use crate::ui::board::takeaways::{takeaway, title_of};
use crate::ui::format::{money, percent};
use crate::ui::state::AppState;
use engine::share::Snapshot;
use leptos::ev;
use leptos::leptos_dom::helpers::window_event_listener;
use leptos::prelude::*;

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
    let making = RwSignal::new(false);
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
            let made = crate::ui::browser::svg_to_png(&chart.svg, chart.size.0, chart.size.1, 2.0).await;
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
        let brand = crate::ui::board::brand::use_brand().0;
        let logo =
            move || brand.with(|b| b.logo_url()).map(|src| view! { <img class="slide-logo" alt="Logo" src=src/> });
        let pages = slides
            .iter()
            .enumerate()
            .map(|(i, &slide)| {
                let class = move || if index.get() == i { "slide active" } else { "slide" };
                view! {
                    <section class=class aria-hidden=move || (index.get() != i).to_string() data-slide=slide.id()>
                        <header class="slide-head">
                            {logo}
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
            <div class="board" role="dialog" aria-modal="true" aria-label="Board view" data-testid="board"
                style:--accent=move || brand.with(|b| b.accent_or_default())>
                <div class="board-tools">
                    <button class="button small" on:click=move |_| index.update(|i| *i = i.saturating_sub(1)) aria-label="Previous slide">"←"</button>
                    <span class="muted" data-testid="slide-number">{move || format!("{} / {total}", index.get() + 1)}</span>
                    <button class="button small" on:click=move |_| index.update(|i| *i = (*i + 1).min(total.saturating_sub(1))) aria-label="Next slide">"→"</button>
                    <button class="button small" data-testid="export-chart-svg" on:click=move |_| download(false)>"SVG"</button>
                    <button class="button small" data-testid="export-chart-png" on:click=move |_| download(true)>"PNG"</button>
                    <button class="button small" on:click=move |_| crate::ui::browser::print()>"Print / PDF"</button>
                    <button class="button small" data-testid="board-pptx" disabled=move || making.get()
                        on:click=move |_| crate::ui::board::pptx_export::start_pptx(state, making)>"PPTX"</button>
                    <button class="button small" data-testid="board-close" on:click=move |_| close()>"Esc — leave"</button>
                </div>
                {pages}
            </div>
        })
    }
}
