//! Charts drawn with plotters from already-computed results. Every drawing
//! function is generic over the plotters backend, so tests render them to
//! an SVG string natively and the browser gets the same SVG.

pub mod comparison;
pub mod theme;

pub use comparison::{comparison_svg, draw_comparison, ComparisonChart};
