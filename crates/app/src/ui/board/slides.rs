//! The slides a board deck can hold (a leaf module: the state keeps the
//! chosen ones, and sharing and the board view read them).

/// A slide of the board view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// Three findings, the period and source, what was left out.
    Summary,
    /// Headline cards.
    Overview,
    /// Credit under every rule.
    Attribution,
    /// The incremental-revenue waterfall.
    Waterfall,
    /// Top 10 partners.
    Leaderboard,
    /// The scenario projection.
    Scenario,
    /// Retention (GRR/NRR) and days in stage, when the files were given.
    Retention,
    /// What every rule and figure means (appendix).
    Definitions,
}

impl Slide {
    /// Every slide, in the default order.
    pub const ALL: [Slide; 8] = [
        Slide::Summary,
        Slide::Overview,
        Slide::Attribution,
        Slide::Waterfall,
        Slide::Retention,
        Slide::Leaderboard,
        Slide::Scenario,
        Slide::Definitions,
    ];

    /// Stable id (links).
    pub fn id(self) -> &'static str {
        match self {
            Slide::Overview => "overview",
            Slide::Attribution => "attribution",
            Slide::Waterfall => "waterfall",
            Slide::Leaderboard => "leaderboard",
            Slide::Scenario => "scenario",
            Slide::Retention => "retention",
            Slide::Summary => "summary",
            Slide::Definitions => "definitions",
        }
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Slide::Overview => "Overview cards",
            Slide::Attribution => "Attribution comparison",
            Slide::Waterfall => "Value waterfall",
            Slide::Leaderboard => "Leaderboard top 10",
            Slide::Scenario => "Scenario",
            Slide::Retention => "Retention and days in stage",
            Slide::Summary => "Executive summary",
            Slide::Definitions => "Definitions",
        }
    }

    /// The slide with this id.
    pub fn from_id(id: &str) -> Option<Slide> {
        Slide::ALL.into_iter().find(|s| s.id() == id)
    }
}
