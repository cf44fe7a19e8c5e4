//! The application shell: header, error panel, landing or results.

use crate::ui::board::presentation::BoardView;
use crate::ui::load::drop_zone::DropZone;
use crate::ui::load::error_panel::ErrorPanel;
use crate::ui::load::mapping_panel::MappingPanel;
use crate::ui::load::progress_bar::ProgressBar;
use crate::ui::results::ResultsView;
use crate::ui::state::AppState;
use crate::ui::value::scenario::ScenarioPlanner;
use leptos::prelude::*;

/// The whole app. Provides [`AppState`] as context to every component.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    crate::ui::board::brand::provide_brand();
    #[cfg(target_arch = "wasm32")]
    {
        let error = state.error;
        let busy = state.busy;
        crate::ui::browser::install_panic_hook(move |message| {
            busy.set(false);
            error.set(Some(message));
        });
        state.ingest.get_value().start_worker();
        crate::ui::browser::register_service_worker();
        let hash = crate::ui::browser::location_hash().unwrap_or_default();
        if hash == "#sample" {
            state.load_sample();
        } else {
            open_link(state, &hash);
        }
    }
    let has_data = move || state.loaded.with(Option::is_some);
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="brand-name">"Partner Attribution"</span>
            </div>
            <div class="privacy-badge" title="Files are read by this tab only. Nothing is uploaded; there is no server to upload to.">
                <span class="lock" aria-hidden="true"></span>
                "Runs in your browser — your data never leaves this tab"
            </div>
        </header>
        <main class="page">
            <ErrorPanel/>
            <Notice/>
            <ProgressBar/>
            <MappingPanel/>
            <Show when=has_data fallback=Landing>
                <ResultsView/>
            </Show>
        </main>
        <BoardView/>
        <footer class="footer">
            "Every number is computed in this tab from the file you chose. Definitions follow the published attribution specification."
        </footer>
    }
}

/// The first screen: what this is, the drop zone, and the sample.
#[component]
fn Landing() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"How much revenue do your partners really drive?"</h1>
            <p class="lede">
                "Drop the CRM export you already have and see every partner's credit under all twelve attribution rules of the method side by side "
                "(sourced, influenced, first, last and pipeline touch, even split, linear, time decay, position-based, W-shaped, Shapley, Markov), "
                "and how partner-involved deals compare with direct ones — win rate, deal size, cycle time, days in stage and revenue retention, with 95% intervals. "
                "Your file never leaves this browser."
            </p>
            <DropZone compact=false/>
            <details class="format-help" data-testid="plan-without-file">
                <summary>"No clean export yet? Plan with your own numbers"</summary>
                <ScenarioPlanner/>
            </details>
            <details class="format-help">
                <summary>"What file do I need?"</summary>
                <p>
                    "A deals CSV with one row per opportunity and the columns "
                    <code>"deal_id, amount, stage, created_date, close_date"</code>
                    ", plus optionally " <code>"sourcing_partner"</code> " and " <code>"influencing_partners"</code>
                    " (several names separated by ; or |). Add a touches CSV ("
                    <code>"deal_id, touch_date, actor, actor_type, touch_type"</code>
                    ") for time-based models. Add an account-overlap export (Crossbeam, Reveal) for partner-attached deals, "
                    "and a partner roster (" <code>"partner, type, tier, start date"</code> ") for tenure and revenue per program. "
                    "Salesforce, HubSpot and Excel exports are recognised as they are; anything else opens the column mapping."
                </p>
                <p><strong>"From Salesforce: "</strong>
                    "Reports → New Report → Opportunities with Partners (or Opportunities, adding the partner lookup field) → "
                    "add Opportunity ID, Amount, Stage, Created Date, Close Date, Partner and Lead Source → Export → Details only, CSV. "
                    "For days in stage, also export the Opportunity History report."</p>
                <p><strong>"From HubSpot: "</strong>
                    "CRM → Deals → Export view → include Deal ID, Amount, Deal Stage, Create Date, Close Date, your partner property "
                    "(or the associated company) and the \"Date entered\" stage columns → CSV or XLSX."</p>
                <p><strong>"From Pipedrive: "</strong>
                    "Deals list → … → Export filter results → CSV, with Deal - ID, Title, Value, Status, Deal created, Won time and "
                    "your partner field."</p>
            </details>
        </section>
    }
}

/// Restore settings, or open a snapshot, from a share link in the address.
#[cfg(target_arch = "wasm32")]
fn open_link(state: AppState, hash: &str) {
    use engine::share::{decode_link, Link};
    match decode_link(hash) {
        Ok(Some(Link::Settings(settings))) => {
            crate::ui::board::sharing::apply_settings(state, &settings);
            state.notice.set(Some(
                "Settings from a shared link are in place: model, parameters, filters, scenario and slides. Drop your export to see them applied to your data — the link carries no data."
                    .into(),
            ));
            crate::ui::browser::clear_location_hash();
        }
        Ok(Some(Link::Snapshot(snapshot))) => {
            state.notice.set(Some(
                "You are viewing a shared snapshot: aggregates only, no deal data. Drop your own export to explore it."
                    .into(),
            ));
            state.board.set(Some(crate::ui::state::Shared(std::sync::Arc::new(*snapshot))));
        }
        Ok(None) => {}
        Err(message) => state.error.set(Some(message)),
    }
}

/// A one-line notice (settings restored, snapshot opened), dismissible.
#[component]
fn Notice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let text = state.notice.get()?;
        Some(view! {
            <div class="notice" role="status" data-testid="notice">
                <span>{text}</span>
                <button class="button small" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
            </div>
        })
    }
}
