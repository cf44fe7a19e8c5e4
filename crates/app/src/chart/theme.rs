//! One visual theme for every chart: a colour-blind-safe palette
//! (Okabe–Ito), fonts and greys.

use plotters::style::RGBColor;

/// Okabe–Ito palette, safe for the common colour-vision deficiencies.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(90, 90, 90),
];

/// Colour of series `i` (cycles through the palette).
pub fn series_color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// The fixed colour of a partner (or any key) in every chart: chosen from
/// its name alone, so the same partner has the same colour in every chart,
/// file and session. The grey is kept for `(direct)`.
pub fn key_color(name: &str) -> RGBColor {
    if name == engine::dataset::DIRECT_NAME {
        return PALETTE[7];
    }
    let hash = name
        .trim()
        .to_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    PALETTE[(hash % 7) as usize]
}

/// A colour as `#rrggbb` for HTML and CSS.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

/// Main text colour.
pub const INK: RGBColor = RGBColor(26, 32, 44);
/// Secondary text colour.
pub const MUTED: RGBColor = RGBColor(100, 110, 125);
/// Grid line colour.
pub const GRID: RGBColor = RGBColor(226, 230, 236);
/// Font family used everywhere.
pub const FONT: &str = "sans-serif";

/// Shorten a label to `max` characters with an ellipsis.
pub fn truncate(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
