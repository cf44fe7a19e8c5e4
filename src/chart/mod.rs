//! Charts drawn with plotters from already-computed results. Every drawing
//! function is generic over the plotters backend, so tests render them to
//! an SVG string natively and the browser gets the same SVG.

pub mod comparison;
pub mod projection;
pub mod theme;
pub mod waterfall;

pub use comparison::{comparison_svg, draw_comparison, ComparisonChart};
pub use projection::{draw_projection, projection_svg, ProjectionChart};
pub use waterfall::{draw_waterfall, waterfall_svg, Step, WaterfallChart};

/// A small SVG stating that a chart could not be drawn (the message escaped).
pub fn error_svg(message: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"40\"><text x=\"10\" y=\"24\">chart error: {}</text></svg>",
        theme::truncate(message, 80).replace('&', "&amp;").replace('<', "&lt;")
    )
}
