//! A chart with its exports (SVG, PNG at 2×, copy as image) and its data
//! table one click away.

use crate::ui::state::AppState;
use leptos::prelude::*;

/// A data table: column headings and rows of cells (text only).
pub type DataTable = (Vec<String>, Vec<Vec<String>>);

/// The chart figure, its export buttons and its data table.
#[component]
pub fn ChartFrame(
    /// The chart as an SVG document (drawn by plotters; file text in it is escaped).
    #[prop(into)]
    svg: Signal<Option<String>>,
    /// Width of the SVG in pixels (PNG export size before scaling).
    width: u32,
    /// Height of the SVG in pixels.
    height: u32,
    /// Download name without extension (`attribution-chart`).
    name: &'static str,
    /// What the chart shows, for screen readers.
    label: &'static str,
    /// Whether the buttons carry the spec's `export-chart-svg`/`-png` test ids
    /// (the one chart in view); others get the name as a suffix.
    #[prop(into)]
    primary: Signal<bool>,
    /// The numbers behind the chart.
    #[prop(into)]
    table: Signal<Option<DataTable>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let testid = move |kind: &'static str| {
        move || if primary.get() { format!("export-chart-{kind}") } else { format!("export-chart-{kind}-{name}") }
    };
    let fail = move |what: &str, e: wasm_bindgen::JsValue| {
        state.error.set(Some(format!("The {what} could not be made in this browser: {e:?}")));
    };
    let export_svg = move |_| {
        let Some(svg) = svg.get_untracked() else { return };
        if let Err(e) = crate::ui::browser::download(&format!("{name}.svg"), "image/svg+xml", &svg) {
            fail("SVG", e);
        }
    };
    let export_png = move |_| {
        let Some(svg) = svg.get_untracked() else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let result = match crate::ui::browser::svg_to_png(&svg, width, height, 2.0).await {
                Ok(blob) => crate::ui::browser::download_blob(&format!("{name}.png"), &blob),
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                fail("PNG", e);
            }
        });
    };
    let copied = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let Some(svg) = svg.get_untracked() else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let result = match crate::ui::browser::svg_to_png(&svg, width, height, 2.0).await {
                Ok(blob) => crate::ui::browser::copy_png(&blob).await,
                Err(e) => Err(e),
            };
            copied.set(Some(if result.is_ok() {
                "Copied"
            } else {
                "This browser does not allow copying images; download the PNG instead"
            }));
        });
    };
    let data = move || {
        let (head, rows) = table.get()?;
        let head = head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view();
        let rows = rows
            .into_iter()
            .map(|r| {
                let mut cells = r.into_iter();
                let first = cells.next().unwrap_or_default();
                view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}</tr> }
            })
            .collect_view();
        Some(view! {
            <details class="chart-data">
                <summary>"Data table"</summary>
                <div class="table-wrap">
                    <table class="data-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
                </div>
            </details>
        })
    };
    view! {
        <figure class="chart" role="img" aria-label=label inner_html=move || svg.get().unwrap_or_default()></figure>
        <div class="chart-tools">
            <button class="button small" data-testid=testid("svg") on:click=export_svg>"Download SVG"</button>
            <button class="button small" data-testid=testid("png") on:click=export_png>"Download PNG (2×)"</button>
            <button class="button small" on:click=copy>"Copy as image"</button>
            <span class="muted" role="status">{move || copied.get()}</span>
        </div>
        {data}
    }
}
