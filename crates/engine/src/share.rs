//! Share links, carried in the URL fragment (never sent to a server).
//!
//! Two kinds, both versioned and checked on the way in:
//! - `#s1.<payload>`: **settings** — model parameters, filters, value-model
//!   choices, scenario inputs, chosen slides and column mappings (role and
//!   header names). No data: the person opening it drops their own file.
//! - `#b1.<payload>`: a **snapshot** of the board — only the aggregates on
//!   the slides (headline figures, credit per partner, the waterfall, the
//!   top partners, the scenario). Never a deal row, deal id or account name.
//!
//! The payload is JSON (serde) in unpadded base64url. A link that does not
//! decode, or holds values out of range, is rejected with a message.

use serde::{Deserialize, Serialize};

/// Prefix of a settings link.
pub const SETTINGS_PREFIX: &str = "s1.";
/// Prefix of a snapshot link.
pub const SNAPSHOT_PREFIX: &str = "b1.";
/// Longest fragment accepted (a snapshot is a few kilobytes).
pub const MAX_LINK: usize = 64 * 1024;
/// Longest name or label in a link (partner names, series, slide ids).
pub const MAX_NAME: usize = 80;
/// Longest free text in a link (titles, card text, scenario inputs, mappings).
pub const MAX_TEXT: usize = 2_000;
/// Largest magnitude of a figure in a link (a quadrillion currency units):
/// every sum and axis drawn from a link stays finite.
pub const MAX_FIGURE: f64 = 1e15;

/// Cut a text to `max` characters, ending with "…" when cut.
fn clip(text: &mut String, max: usize) {
    if text.chars().count() > max {
        *text = text.chars().take(max - 1).chain(std::iter::once('…')).collect();
    }
}

/// A text longer than `max` characters is refused.
fn short(text: &str, max: usize, what: &str) -> Result<(), String> {
    if text.chars().count() > max {
        Err(format!("{what} is too long"))
    } else {
        Ok(())
    }
}

/// Longest slide title a link carries.
pub const MAX_TITLE: usize = 300;

/// Slide titles: at most 20, ids and titles short.
fn check_titles(titles: &[(String, String)]) -> Result<(), String> {
    if titles.len() > 20 {
        return Err("too many entries".into());
    }
    for (id, title) in titles {
        short(id, MAX_NAME, "a slide id")?;
        short(title, MAX_TITLE, "a slide title")?;
    }
    Ok(())
}

/// Every setting a share link carries.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// Time-decay half-life in days.
    #[serde(rename = "hl")]
    pub half_life: f64,
    /// Revenue base id (`won`, `open`).
    #[serde(rename = "b")]
    pub base: String,
    /// Close-date filter, first day (ISO).
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub close_from: Option<String>,
    /// Close-date filter, last day (ISO).
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub close_to: Option<String>,
    /// Lookback window in days.
    #[serde(rename = "lb", default, skip_serializing_if = "Option::is_none")]
    pub lookback: Option<u32>,
    /// Custom position weights: first, middle, last.
    #[serde(rename = "w")]
    pub weights: [f64; 3],
    /// Whether the extra position models are shown.
    #[serde(rename = "x", default)]
    pub extras: bool,
    /// Dimension id.
    #[serde(rename = "d")]
    pub dimension: String,
    /// Highlighted model id.
    #[serde(rename = "m")]
    pub model: String,
    /// Partner-involved definition id.
    #[serde(rename = "pd")]
    pub definition: String,
    /// Overlay split id.
    #[serde(rename = "sp")]
    pub split: String,
    /// Company size id.
    #[serde(rename = "cs")]
    pub company_size: String,
    /// Scenario inputs in their compact form.
    #[serde(rename = "sc")]
    pub scenario: String,
    /// Slides of the board view, in order.
    #[serde(rename = "sl")]
    pub slides: Vec<String>,
    /// Column mappings: (header signature, `role<TAB>header` lines).
    #[serde(rename = "mp", default, skip_serializing_if = "Vec::is_empty")]
    pub mappings: Vec<(String, String)>,
    /// Slide titles the user wrote over the computed takeaways: (slide id, title).
    #[serde(rename = "tt", default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<(String, String)>,
}

/// The attribution chart of a snapshot: keys and one series per model.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SnapshotChart {
    /// Row labels (partners, types, teams…).
    pub keys: Vec<String>,
    /// Model label and one value per key (currency units).
    pub series: Vec<(String, Vec<f64>)>,
}

/// One partner row of a snapshot's leaderboard.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SnapshotPartner {
    /// Partner name.
    pub name: String,
    /// Deals involved in.
    pub deals: u64,
    /// Sourced won revenue.
    pub sourced: f64,
    /// Influenced won revenue.
    pub influenced: f64,
    /// Win rate (0–1).
    pub win_rate: Option<f64>,
    /// Credit under the selected model.
    pub credit: f64,
}

/// One headline card.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SnapshotCard {
    /// What the figure is.
    pub title: String,
    /// The figure, formatted.
    pub value: String,
    /// Definition and period.
    pub detail: String,
}

/// Retention figures for the board (spec §7b).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SnapshotRetention {
    /// Who the partner side is ("Accounts using a partner integration").
    pub who: String,
    /// The window, "2024-12-31 to 2025-12-31".
    pub window: String,
    /// GRR of the partner side and of the other accounts (ratios).
    pub grr: [Option<f64>; 2],
    /// NRR of the partner side and of the other accounts (ratios).
    pub nrr: [Option<f64>; 2],
    /// Accounts on each side.
    pub accounts: [u64; 2],
    /// Whether the 95% intervals of the two GRRs do not overlap.
    pub separated: bool,
}

/// Everything the board view shows: built from the loaded data, or read from a snapshot link.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// Deck title.
    pub title: String,
    /// Period and data source line.
    pub subtitle: String,
    /// Reporting currency code.
    pub currency: String,
    /// Model the credit column and chart highlight.
    pub model: String,
    /// Partner-involved definition label.
    pub definition: String,
    /// Headline cards.
    pub cards: Vec<SnapshotCard>,
    /// Credit per key under the compared models.
    pub attribution: SnapshotChart,
    /// Direct baseline, win-rate effect, deal-size effect, actual partner revenue.
    pub waterfall: Option<[f64; 4]>,
    /// Win rates of partner-involved and direct deals and the 95% interval
    /// of their difference (Newcombe): `[partner, direct, low, high]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub win_rates: Option<[f64; 4]>,
    /// Closed deals behind the win rates, partner-involved and direct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<[u64; 2]>,
    /// Top partners.
    pub partners: Vec<SnapshotPartner>,
    /// Scenario inputs in their compact form.
    pub scenario: String,
    /// Slides, in order.
    pub slides: Vec<String>,
    /// Median days per stage, partner-involved and direct (§7a), when a stage history was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stages: Option<SnapshotChart>,
    /// Retention (§7b), when an ARR file was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<SnapshotRetention>,
    /// What the figures leave out and why (rows left out, deals left out of
    /// a metric), for the executive summary; empty when nothing was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Slide titles the user wrote over the computed takeaways: (slide id, title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<(String, String)>,
}

/// A decoded link.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// Settings only: ask for the file.
    Settings(Box<Settings>),
    /// Aggregates only: open the board.
    Snapshot(Box<Snapshot>),
}

/// The fragment (without `#`) for settings.
pub fn settings_link(settings: &Settings) -> String {
    format!("{SETTINGS_PREFIX}{}", base64url(serde_json::to_string(settings).unwrap_or_default().as_bytes()))
}

/// The fragment (without `#`) for a snapshot.
pub fn snapshot_link(snapshot: &Snapshot) -> String {
    format!("{SNAPSHOT_PREFIX}{}", base64url(serde_json::to_string(snapshot).unwrap_or_default().as_bytes()))
}

/// Read a fragment (with or without `#`). `Ok(None)`: not a share link at all.
pub fn decode_link(fragment: &str) -> Result<Option<Link>, String> {
    let f = fragment.trim_start_matches('#');
    let (kind, payload) = if let Some(p) = f.strip_prefix(SETTINGS_PREFIX) {
        ("settings", p)
    } else if let Some(p) = f.strip_prefix(SNAPSHOT_PREFIX) {
        ("snapshot", p)
    } else if looks_like_link(f) {
        let version_dot = f.len() > 2 && f.as_bytes()[2] == b'.' && f.as_bytes()[1].is_ascii_digit();
        if version_dot && f.as_bytes()[0].is_ascii_lowercase() && f.as_bytes()[1] > b'1' {
            return Err("This link was made by a newer version of the app; ask for a new link.".into());
        }
        return Err("This link is not one this app made, or it was cut short: ask for the link again.".into());
    } else {
        return Ok(None);
    };
    if f.len() > MAX_LINK {
        return Err("This link is too long to be one of ours.".into());
    }
    let damaged = |why: String| format!("This {kind} link is damaged or incomplete ({why}). Ask for the link again.");
    let bytes = unbase64url(payload).map_err(|e| damaged(e.into()))?;
    match kind {
        "settings" => {
            let s: Settings = serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
            s.check().map_err(damaged)?;
            Ok(Some(Link::Settings(Box::new(s))))
        }
        _ => {
            let s: Snapshot = serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
            s.check().map_err(damaged)?;
            Ok(Some(Link::Snapshot(Box::new(s))))
        }
    }
}

/// `s`/`b` (any case) then a digit: the start of a share link, as opposed
/// to the page's own anchors (`#sample`, `#scenario`, `#board`).
fn looks_like_link(f: &str) -> bool {
    let b = f.as_bytes();
    b.len() >= 2 && matches!(b[0], b's' | b'S' | b'b' | b'B') && b[1].is_ascii_digit()
}

fn finite(x: f64, what: &str) -> Result<(), String> {
    if !x.is_finite() {
        Err(format!("{what} is not a number"))
    } else if x.abs() > MAX_FIGURE {
        Err(format!("{what} is out of range"))
    } else {
        Ok(())
    }
}

impl Settings {
    fn check(&self) -> Result<(), String> {
        if !(self.half_life.is_finite() && self.half_life > 0.0 && self.half_life <= 3650.0) {
            return Err("half-life out of range".into());
        }
        for w in self.weights {
            if !(w.is_finite() && (0.0..=1.0).contains(&w)) {
                return Err("a position weight is out of range".into());
            }
        }
        if self.lookback.is_some_and(|d| d > 3_650) {
            return Err("the lookback window is out of range".into());
        }
        if self.slides.len() > 20 || self.mappings.len() > 20 {
            return Err("too many entries".into());
        }
        for text in [&self.base, &self.dimension, &self.model, &self.definition, &self.split, &self.company_size] {
            short(text, MAX_NAME, "a setting")?;
        }
        short(&self.scenario, MAX_TEXT, "the scenario")?;
        for slide in &self.slides {
            short(slide, MAX_NAME, "a slide id")?;
        }
        for (signature, mapping) in &self.mappings {
            short(signature, MAX_TEXT, "a mapping")?;
            short(mapping, MAX_TEXT, "a mapping")?;
        }
        check_titles(&self.titles)?;
        Ok(())
    }
}

impl Snapshot {
    fn check(&self) -> Result<(), String> {
        if self.cards.len() > 20
            || self.partners.len() > 50
            || self.attribution.keys.len() > 50
            || self.slides.len() > 20
        {
            return Err("too many entries".into());
        }
        if self.attribution.series.len() > 20
            || self.attribution.series.iter().any(|(_, v)| v.len() != self.attribution.keys.len())
        {
            return Err("the chart's series do not match its keys".into());
        }
        let numbers = self.attribution.series.iter().flat_map(|(_, v)| v.iter().copied());
        let numbers = numbers.chain(self.waterfall.into_iter().flatten());
        let numbers = numbers.chain(self.partners.iter().flat_map(|p| [p.sourced, p.influenced, p.credit]));
        for x in numbers {
            finite(x, "a figure")?;
        }
        if let Some(stages) = &self.stages {
            if stages.keys.len() > 50
                || stages.series.len() > 2
                || stages.series.iter().any(|(_, v)| v.len() != stages.keys.len())
            {
                return Err("the stage chart's series do not match its keys".into());
            }
            for x in stages.series.iter().flat_map(|(_, v)| v.iter().copied()) {
                if !(x.is_finite() && (0.0..=1e6).contains(&x)) {
                    return Err("a stage's days are out of range".into());
                }
            }
            for name in stages.keys.iter().chain(stages.series.iter().map(|(s, _)| s)) {
                short(name, MAX_NAME, "a stage")?;
            }
        }
        if let Some(r) = &self.retention {
            let ratios = r.grr.iter().chain(&r.nrr).flatten();
            if ratios.clone().any(|x| !(x.is_finite() && (0.0..=1e3).contains(x)))
                || r.grr.iter().flatten().any(|&x| x > 1.0)
                || r.accounts.iter().any(|&a| a > 1_000_000_000_000)
            {
                return Err("a retention figure is out of range".into());
            }
            short(&r.who, MAX_TEXT, "a text")?;
            short(&r.window, MAX_NAME, "a name")?;
        }
        for p in &self.partners {
            if p.deals > 1_000_000_000_000 || p.win_rate.is_some_and(|r| !(0.0..=1.0).contains(&r)) {
                return Err("a partner's figures are out of range".into());
            }
        }
        let names = self.attribution.keys.iter().chain(self.partners.iter().map(|p| &p.name));
        let names = names.chain(self.attribution.series.iter().map(|(s, _)| s)).chain(&self.slides);
        for name in names.chain([&self.currency, &self.model, &self.definition]) {
            short(name, MAX_NAME, "a name")?;
        }
        check_titles(&self.titles)?;
        if self.win_rates.is_some_and(|w| w.iter().any(|x| !(x.is_finite() && (-1.0..=1.0).contains(x))))
            || self.closed.is_some_and(|c| c.iter().any(|&n| n > 1_000_000_000_000))
        {
            return Err("a win rate is out of range".into());
        }
        if self.notes.len() > 20 {
            return Err("too many entries".into());
        }
        let texts = self.cards.iter().flat_map(|c| [&c.title, &c.value, &c.detail]).chain(&self.notes);
        for text in texts.chain([&self.title, &self.subtitle, &self.scenario]) {
            short(text, MAX_TEXT, "a text")?;
        }
        Ok(())
    }

    /// The snapshot with every name and text cut to what a link accepts, so
    /// the app never makes a link it would refuse to open.
    pub fn bounded(mut self) -> Snapshot {
        let names = self.attribution.keys.iter_mut().chain(self.partners.iter_mut().map(|p| &mut p.name));
        for name in names.chain(self.attribution.series.iter_mut().map(|(s, _)| s)) {
            clip(name, MAX_NAME);
        }
        for card in &mut self.cards {
            for text in [&mut card.title, &mut card.value, &mut card.detail] {
                clip(text, MAX_TEXT);
            }
        }
        for text in [&mut self.title, &mut self.subtitle, &mut self.scenario] {
            clip(text, MAX_TEXT);
        }
        if let Some(stages) = &mut self.stages {
            stages.keys.truncate(50);
            for name in stages.keys.iter_mut().chain(stages.series.iter_mut().map(|(s, _)| s)) {
                clip(name, MAX_NAME);
            }
            for (_, values) in &mut stages.series {
                values.truncate(50);
            }
        }
        self.notes.truncate(20);
        for note in &mut self.notes {
            clip(note, MAX_TEXT);
        }
        self.titles.truncate(20);
        for (id, title) in &mut self.titles {
            clip(id, MAX_NAME);
            clip(title, MAX_TITLE);
        }
        if let Some(r) = &mut self.retention {
            clip(&mut r.who, MAX_TEXT);
            clip(&mut r.window, MAX_NAME);
        }
        self
    }

    /// Exactly what a snapshot link contains, line by line, for the preview shown before copying.
    pub fn describe(&self) -> Vec<String> {
        let mut out = vec![
            format!("Title: {}", self.title),
            format!("Subtitle: {}", self.subtitle),
            format!("Currency: {} · model: {} · definition: {}", self.currency, self.model, self.definition),
        ];
        out.extend(self.cards.iter().map(|c| format!("Card: {} = {} ({})", c.title, c.value, c.detail)));
        for (model, values) in &self.attribution.series {
            let pairs: Vec<String> =
                self.attribution.keys.iter().zip(values).map(|(k, v)| format!("{k} {v:.0}")).collect();
            out.push(format!("Credit, {model}: {}", pairs.join("; ")));
        }
        if let Some([base, rate, size, actual]) = self.waterfall {
            out.push(format!("Waterfall: baseline {base:.0}, win-rate effect {rate:.0}, deal-size effect {size:.0}, partner revenue {actual:.0}"));
        }
        out.extend(self.partners.iter().map(|p| {
            format!(
                "Partner: {} — {} deals, sourced {:.0}, influenced {:.0}, win rate {}, credit {:.0}",
                p.name,
                p.deals,
                p.sourced,
                p.influenced,
                p.win_rate.map_or_else(|| "—".into(), |w| format!("{:.1}%", w * 100.0)),
                p.credit
            )
        }));
        if let Some(stages) = &self.stages {
            for (segment, values) in &stages.series {
                let pairs: Vec<String> = stages.keys.iter().zip(values).map(|(k, v)| format!("{k} {v:.1}")).collect();
                out.push(format!("Median days in stage, {segment}: {}", pairs.join("; ")));
            }
        }
        if let Some(r) = &self.retention {
            let ratio = |x: Option<f64>| x.map_or_else(|| "—".into(), |x| format!("{:.1}%", x * 100.0));
            out.push(format!(
                "Retention {}: {} ({} accounts) GRR {}, NRR {}; other accounts ({}) GRR {}, NRR {}",
                r.window,
                r.who,
                r.accounts[0],
                ratio(r.grr[0]),
                ratio(r.nrr[0]),
                r.accounts[1],
                ratio(r.grr[1]),
                ratio(r.nrr[1])
            ));
        }
        if let Some([p, d, low, high]) = self.win_rates {
            out.push(format!(
                "Win rates: partner-involved {:.1}%, direct {:.1}%, difference 95% interval {:+.1} to {:+.1} points",
                p * 100.0,
                d * 100.0,
                low * 100.0,
                high * 100.0
            ));
        }
        if let Some([p, d]) = self.closed {
            out.push(format!("Closed deals: partner-involved {p}, direct {d}"));
        }
        out.extend(self.notes.iter().map(|n| format!("Note: {n}")));
        out.extend(self.titles.iter().map(|(id, t)| format!("Title of the {id} slide: {t}")));
        out.push(format!("Scenario inputs: {}", self.scenario));
        out.push(format!("Slides: {}", self.slides.join(", ")));
        out
    }
}

pub use crate::base64url::{base64url, unbase64url};
