//! The slides a board deck can hold (a leaf module: the state keeps the
//! chosen ones, and sharing and the board view read them).

/// A slide of the board view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
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
}

impl Slide {
    /// Every slide, in the default order.
    pub const ALL: [Slide; 5] =
        [Slide::Overview, Slide::Attribution, Slide::Waterfall, Slide::Leaderboard, Slide::Scenario];

    /// Stable id (links).
    pub fn id(self) -> &'static str {
        match self {
            Slide::Overview => "overview",
            Slide::Attribution => "attribution",
            Slide::Waterfall => "waterfall",
            Slide::Leaderboard => "leaderboard",
            Slide::Scenario => "scenario",
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
        }
    }

    /// The slide with this id.
    pub fn from_id(id: &str) -> Option<Slide> {
        Slide::ALL.into_iter().find(|s| s.id() == id)
    }
}
