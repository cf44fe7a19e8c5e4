//! The reading-progress bar with its Cancel button, shown while ingest works.

use crate::ui::state::{now_ms, AppState, Progress};
use leptos::prelude::*;

/// One line describing progress: `42.0 of 133.5 MB · 281,000 rows · 38.2 MB/s`.
pub fn progress_text(progress: &Progress, now: f64) -> String {
    const MB: f64 = 1_000_000.0;
    let seconds = ((now - progress.started_ms) / 1000.0).max(0.001);
    let rows = engine::money::group_thousands(progress.rows);
    if progress.total > 0.0 && progress.done >= progress.total {
        return format!("{:.1} MB read · {rows} rows · building the data set…", progress.total / MB);
    }
    format!(
        "{:.1} of {:.1} MB · {rows} rows · {:.1} MB/s",
        progress.done / MB,
        progress.total / MB,
        progress.done / MB / seconds
    )
}

/// Shown while a file is read or built: a bar, bytes, rows, rate and Cancel.
/// The page stays usable meanwhile: the work runs in the ingest worker.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let label = move || match state.progress.get() {
        Some(p) => format!("Reading {} — {}", p.file, progress_text(&p, now_ms())),
        None => "Preparing the data…".to_string(),
    };
    let fraction = move || state.progress.get().filter(|p| p.total > 0.0).map(|p| p.done / p.total);
    view! {
        <Show when=move || state.busy.get()>
            <div class="progress" role="status" aria-live="polite" data-testid="progress">
                {move || match fraction() {
                    Some(f) => view! { <progress max="1" value=f.to_string()></progress> }.into_any(),
                    None => view! { <progress></progress> }.into_any(),
                }}
                <span class="progress-text" data-testid="progress-text">{label}</span>
                <button class="button" data-testid="cancel" on:click=move |_| state.cancel()>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(done: f64, total: f64, rows: u64) -> Progress {
        Progress { file: "deals.csv".into(), done, total, rows, started_ms: 1_000.0 }
    }

    #[test]
    fn reports_bytes_rows_and_rate() {
        // 40 MB in 2 s.
        assert_eq!(progress_text(&at(40e6, 133.5e6, 281_000), 3_000.0), "40.0 of 133.5 MB · 281,000 rows · 20.0 MB/s");
    }

    #[test]
    fn says_when_reading_is_over() {
        assert_eq!(
            progress_text(&at(10e6, 10e6, 75_000), 2_000.0),
            "10.0 MB read · 75,000 rows · building the data set…"
        );
    }

    #[test]
    fn no_division_by_zero_at_the_start() {
        assert!(progress_text(&at(0.0, 5e6, 0), 1_000.0).starts_with("0.0 of 5.0 MB · 0 rows · 0.0 MB/s"));
    }
}
