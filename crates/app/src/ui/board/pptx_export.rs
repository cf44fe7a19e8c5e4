//! The PowerPoint download: the board's slides as a .pptx, the charts drawn
//! to PNG by the browser's canvas (2×), the brand's accent and logo on
//! every slide. The deck itself is built by `deck` and written by `pptx`.

use crate::pptx::{write_pptx, Picture};
use crate::ui::board::brand::BrandState;
use crate::ui::board::deck::deck_of;
use crate::ui::board::slide_charts::{chart_of, slides_of};
use crate::ui::state::AppState;
use engine::share::Snapshot;
use leptos::prelude::*;

/// The file's MIME type.
const PPTX_MIME: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

/// A file name from the deck title (letters, digits, spaces and dashes).
fn file_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{}.pptx", if clean.is_empty() { "Partner program review" } else { clean.as_str() })
}

/// Render every chart, build and download the deck of `snapshot`.
pub async fn download_pptx(snapshot: Snapshot, brand: BrandState) -> Result<(), String> {
    let mut pictures = Vec::new();
    for slide in slides_of(&snapshot) {
        let Some(chart) = chart_of(slide, &snapshot) else { continue };
        let (w, h) = chart.size;
        let blob = crate::ui::browser::svg_to_png(&chart.svg, w, h, 2.0).await.map_err(|e| format!("{e:?}"))?;
        let png = crate::ui::browser::blob_bytes(&blob).await.map_err(|e| format!("{e:?}"))?;
        pictures
            .push((slide, Picture { png, size: (w * 2, h * 2), svg: Some(chart.svg), alt: slide.label().to_string() }));
    }
    let brand = brand.0.get_untracked();
    let deck = deck_of(&snapshot, pictures, &brand.accent_or_default(), brand.logo);
    let bytes = write_pptx(&deck)?;
    let blob = crate::ui::browser::bytes_blob(PPTX_MIME, &bytes).map_err(|e| format!("{e:?}"))?;
    crate::ui::browser::download_blob(&file_name(&snapshot.title), &blob).map_err(|e| format!("{e:?}"))
}

/// Start the download for the board on screen, else for the data on screen.
pub fn start_pptx(state: AppState, busy: RwSignal<bool>) {
    let brand = crate::ui::board::brand::use_brand();
    let snapshot =
        state.board.get_untracked().map(|s| (*s).clone()).or_else(|| crate::ui::board::sharing::snapshot(state));
    let Some(snapshot) = snapshot else { return };
    busy.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = download_pptx(snapshot, brand).await {
            state.error.set(Some(format!("The PowerPoint file could not be made: {e}")));
        }
        busy.set(false);
    });
}
