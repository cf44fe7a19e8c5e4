//! A PowerPoint (.pptx, Office Open XML) writer for the board deck: one
//! 16:9 slide per board slide, its title and text as editable text, its
//! chart as a picture (PNG, with the SVG beside it for the versions of
//! PowerPoint that read SVG), tables as real tables, the definitions in the
//! speaker notes. No Leptos and no browser here: the page renders the chart
//! PNGs and hands them over, the tests call it natively.
//!
//! The package is a zip of XML parts (ECMA-376 Part 1, PresentationML):
//! presentation, one slide master, one title-only layout, a theme, a notes
//! master with its theme, then per slide the slide, its notes slide, its
//! relationships and its media. Every part is listed in
//! `[Content_Types].xml`.

mod parts;
mod slide_xml;
mod stored_zip;

use stored_zip::StoredZip;

/// A picture on a slide: PNG bytes (what every reader shows) and, when
/// available, the same chart as SVG (what recent PowerPoint shows).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its width and height in pixels (for the aspect ratio).
    pub size: (u32, u32),
    /// The SVG document, when the chart has one.
    pub svg: Option<String>,
    /// Alternative text.
    pub alt: String,
}

/// What a slide holds under its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Numbered points, then plain lines under them.
    Points {
        /// The numbered points.
        numbered: Vec<String>,
        /// Smaller plain lines after them.
        plain: Vec<String>,
    },
    /// A table: header row and rows.
    Table {
        /// Column headings.
        head: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
    /// A chart picture, with an optional table above it.
    Chart {
        /// A small table above the chart (retention figures).
        table: Option<(Vec<String>, Vec<Vec<String>>)>,
        /// The chart.
        picture: Picture,
    },
    /// Term and meaning pairs (definitions).
    Terms(Vec<(String, String)>),
}

/// One slide.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckSlide {
    /// Small line above the title (deck title · slide name).
    pub kicker: String,
    /// The title (the takeaway, or the user's words).
    pub title: String,
    /// The content.
    pub body: Body,
    /// Footer (period and source).
    pub footer: String,
    /// Speaker notes.
    pub notes: String,
}

/// A whole deck.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    /// Title of the presentation (document properties).
    pub title: String,
    /// Accent colour as `rrggbb`.
    pub accent: String,
    /// An optional logo (PNG bytes and pixel size) in each slide's corner.
    pub logo: Option<(Vec<u8>, (u32, u32))>,
    /// The slides, in order.
    pub slides: Vec<DeckSlide>,
}

/// Write the deck as a .pptx file.
pub fn write_pptx(deck: &Deck) -> Result<Vec<u8>, String> {
    let mut zip = StoredZip::default();
    let mut put = |name: &str, bytes: &[u8]| zip.add(name, bytes);
    let n = deck.slides.len();
    let accent = parts::colour(&deck.accent);
    put("[Content_Types].xml", parts::content_types(n).as_bytes())?;
    put("_rels/.rels", parts::ROOT_RELS.as_bytes())?;
    put("docProps/core.xml", parts::core(&deck.title).as_bytes())?;
    put("docProps/app.xml", parts::app(n).as_bytes())?;
    put("ppt/presentation.xml", parts::presentation(n).as_bytes())?;
    put("ppt/_rels/presentation.xml.rels", parts::presentation_rels(n).as_bytes())?;
    put("ppt/presProps.xml", parts::PRES_PROPS.as_bytes())?;
    put("ppt/viewProps.xml", parts::VIEW_PROPS.as_bytes())?;
    put("ppt/tableStyles.xml", parts::TABLE_STYLES.as_bytes())?;
    put("ppt/theme/theme1.xml", parts::theme("Board", &accent).as_bytes())?;
    put("ppt/theme/theme2.xml", parts::theme("Notes", &accent).as_bytes())?;
    put("ppt/slideMasters/slideMaster1.xml", parts::SLIDE_MASTER.as_bytes())?;
    put("ppt/slideMasters/_rels/slideMaster1.xml.rels", parts::SLIDE_MASTER_RELS.as_bytes())?;
    put("ppt/slideLayouts/slideLayout1.xml", parts::SLIDE_LAYOUT.as_bytes())?;
    put("ppt/slideLayouts/_rels/slideLayout1.xml.rels", parts::SLIDE_LAYOUT_RELS.as_bytes())?;
    put("ppt/notesMasters/notesMaster1.xml", parts::NOTES_MASTER.as_bytes())?;
    put("ppt/notesMasters/_rels/notesMaster1.xml.rels", parts::NOTES_MASTER_RELS.as_bytes())?;
    if let Some((png, _)) = &deck.logo {
        put("ppt/media/logo.png", png)?;
    }
    for (i, slide) in deck.slides.iter().enumerate() {
        let k = i + 1;
        let picture = match &slide.body {
            Body::Chart { picture, .. } => Some(picture),
            _ => None,
        };
        if let Some(p) = picture {
            put(&format!("ppt/media/chart{k}.png"), &p.png)?;
            if let Some(svg) = &p.svg {
                put(&format!("ppt/media/chart{k}.svg"), svg.as_bytes())?;
            }
        }
        let has_svg = picture.is_some_and(|p| p.svg.is_some());
        put(&format!("ppt/slides/slide{k}.xml"), slide_xml::slide(slide, &accent, deck.logo.as_ref()).as_bytes())?;
        put(
            &format!("ppt/slides/_rels/slide{k}.xml.rels"),
            slide_xml::slide_rels(k, picture.is_some(), has_svg, deck.logo.is_some()).as_bytes(),
        )?;
        put(&format!("ppt/notesSlides/notesSlide{k}.xml"), slide_xml::notes(&slide.notes).as_bytes())?;
        put(&format!("ppt/notesSlides/_rels/notesSlide{k}.xml.rels"), slide_xml::notes_rels(k).as_bytes())?;
    }
    Ok(zip.finish())
}
