//! One slide's XML (title, kicker, footer, body, logo), its notes slide and
//! their relationships. Sizes are in EMU (914,400 to the inch).

use super::parts::{DECL, NS, SLIDE, TREE_START};
use super::{Body, DeckSlide, Picture};

/// Side margin.
const MARGIN: i64 = 457_200;
/// Where the body starts and ends.
const BODY_TOP: i64 = 1_645_920;
const BODY_BOTTOM: i64 = 6_217_920;

/// Text for XML: the five entities escaped, and characters XML 1.0 cannot
/// hold (control characters from a file) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Shape ids within one slide.
struct Ids(u32);

impl Ids {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// A run of text: size in hundredths of a point, bold, colour.
fn run(text: &str, size: u32, bold: bool, colour: Option<&str>) -> String {
    let fill = colour.map_or_else(String::new, |c| format!("<a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill>"));
    format!(
        "<a:r><a:rPr lang=\"en-US\" sz=\"{size}\" b=\"{}\" dirty=\"0\">{fill}</a:rPr><a:t>{}</a:t></a:r>",
        u8::from(bold),
        escape(text)
    )
}

fn xfrm(x: i64, y: i64, w: i64, h: i64) -> String {
    format!("<a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/></a:xfrm>")
}

/// A text box holding `paragraphs` (already made of runs).
fn text_box(ids: &mut Ids, name: &str, (x, y, w, h): (i64, i64, i64, i64), paragraphs: &str, anchor: &str) -> String {
    let id = ids.next();
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>\
<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" rIns=\"0\" anchor=\"{anchor}\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>",
        xfrm(x, y, w, h)
    )
}

fn paragraph(runs: &str, extra: &str) -> String {
    format!("<a:p>{extra}{runs}</a:p>")
}

/// A table with a bold header row and light rules, columns sized by `weights`.
fn table(
    ids: &mut Ids,
    (x, y, w): (i64, i64, i64),
    head: &[String],
    rows: &[Vec<String>],
    accent: &str,
) -> (String, i64) {
    let id = ids.next();
    let columns = head.len().max(1);
    // A label column, then figures; a third text column (what a figure counts) gets room.
    let mut weights = vec![1.0f64; columns];
    weights[0] = if columns > 2 { 2.0 } else { 1.0 };
    if columns == 3 {
        weights[2] = 3.0;
    }
    let total: f64 = weights.iter().sum();
    let widths: Vec<i64> = weights.iter().map(|wt| (w as f64 * wt / total) as i64).collect();
    let row_h: i64 = if rows.len() > 8 { 265_176 } else { 320_040 };
    let size = if rows.len() > 8 { 1000 } else { 1200 };
    let rule = "<a:lnB w=\"6350\"><a:solidFill><a:srgbClr val=\"D5DAE1\"/></a:solidFill></a:lnB>";
    let cell = |text: &str, bold: bool, right: bool, header: bool| {
        let fill = if header {
            format!("<a:solidFill><a:srgbClr val=\"{accent}\"><a:alpha val=\"15000\"/></a:srgbClr></a:solidFill>")
        } else {
            String::new()
        };
        format!(
            "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn=\"{}\"/>{}</a:p></a:txBody><a:tcPr marL=\"45720\" marR=\"45720\" anchor=\"ctr\">{rule}{fill}</a:tcPr></a:tc>",
            if right { "r" } else { "l" },
            run(text, size, bold, None)
        )
    };
    let numeric = |text: &str| {
        text.chars().any(|c| c.is_ascii_digit())
            && !text.chars().any(|c| c.is_alphabetic() && c != 'M' && c != 'K' && c != 'k')
    };
    let mut xml = String::new();
    xml.push_str(&format!("<a:tr h=\"{row_h}\">"));
    for (i, h) in head.iter().enumerate() {
        xml.push_str(&cell(h, true, i > 0, true));
    }
    xml.push_str("</a:tr>");
    for r in rows {
        xml.push_str(&format!("<a:tr h=\"{row_h}\">"));
        for i in 0..columns {
            let text = r.get(i).map_or("", String::as_str);
            xml.push_str(&cell(text, false, i > 0 && numeric(text), false));
        }
        xml.push_str("</a:tr>");
    }
    let grid: String = widths.iter().map(|w| format!("<a:gridCol w=\"{w}\"/>")).collect();
    let height = row_h * (rows.len() as i64 + 1);
    (
        format!(
            "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Table {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>\
<p:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{height}\"/></p:xfrm>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\" bandRow=\"0\"/><a:tblGrid>{grid}</a:tblGrid>{xml}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
        ),
        height,
    )
}

/// A picture fitted inside a box, centred, keeping its aspect ratio.
fn picture(
    ids: &mut Ids,
    p: &Picture,
    rid_png: &str,
    rid_svg: Option<&str>,
    (x, y, w, h): (i64, i64, i64, i64),
) -> String {
    let id = ids.next();
    let (pw, ph) = (f64::from(p.size.0.max(1)), f64::from(p.size.1.max(1)));
    let scale = (w as f64 / pw).min(h as f64 / ph);
    let (cw, ch) = ((pw * scale) as i64, (ph * scale) as i64);
    let (cx, cy) = (x + (w - cw) / 2, y + (h - ch) / 2);
    let svg = rid_svg.map_or_else(String::new, |rid| {
        format!("<a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\"><asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{rid}\"/></a:ext></a:extLst>")
    });
    format!(
        "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {id}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
<p:blipFill><a:blip r:embed=\"{rid_png}\">{svg}</a:blip><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
<p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        escape(&p.alt),
        xfrm(cx, cy, cw, ch)
    )
}

/// The slide's XML.
pub fn slide(s: &DeckSlide, accent: &str, logo: Option<&(Vec<u8>, (u32, u32))>) -> String {
    let mut ids = Ids(1);
    let width = SLIDE.0 - 2 * MARGIN;
    let mut shapes = String::new();
    // A thin bar in the accent colour along the top.
    let bar = ids.next();
    shapes.push_str(&format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{bar}\" name=\"Accent {bar}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"{accent}\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        xfrm(0, 0, SLIDE.0, 73_152)
    ));
    let kicker = paragraph(&run(&s.kicker.to_uppercase(), 1100, false, Some("5F6B7A")), "");
    shapes.push_str(&text_box(&mut ids, "Kicker", (MARGIN, 228_600, width - 1_371_600, 320_040), &kicker, "t"));
    let title_id = ids.next();
    shapes.push_str(&format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{title_id}\" name=\"Title {title_id}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr>\
<p:spPr>{}</p:spPr><p:txBody><a:bodyPr lIns=\"0\" rIns=\"0\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{}</p:txBody></p:sp>",
        xfrm(MARGIN, 548_640, width, 1_005_840),
        paragraph(&run(&s.title, 2600, true, Some("1A202C")), "")
    ));
    let body_box = (MARGIN, BODY_TOP, width, BODY_BOTTOM - BODY_TOP);
    match &s.body {
        Body::Points { numbered, plain } => {
            let mut paras = String::new();
            for p in numbered {
                paras.push_str(&paragraph(
                    &run(p, 2000, false, None),
                    "<a:pPr marL=\"457200\" indent=\"-457200\"><a:spcAft><a:spcPts val=\"1200\"/></a:spcAft><a:buFont typeface=\"+mj-lt\"/><a:buAutoNum type=\"arabicPeriod\"/></a:pPr>",
                ));
            }
            for p in plain {
                paras.push_str(&paragraph(
                    &run(p, 1300, false, Some("5F6B7A")),
                    "<a:pPr><a:spcBef><a:spcPts val=\"600\"/></a:spcBef></a:pPr>",
                ));
            }
            shapes.push_str(&text_box(&mut ids, "Text", body_box, &paras, "t"));
        }
        Body::Table { head, rows } => {
            shapes.push_str(&table(&mut ids, (MARGIN, BODY_TOP, width), head, rows, accent).0);
        }
        Body::Chart { table: above, picture: p } => {
            let mut top = BODY_TOP;
            if let Some((head, rows)) = above {
                let (xml, h) = table(&mut ids, (MARGIN, top, width), head, rows, accent);
                shapes.push_str(&xml);
                top += h + 91_440;
            }
            let rid_svg = p.svg.as_ref().map(|_| "rId3");
            shapes.push_str(&picture(&mut ids, p, "rId2", rid_svg, (MARGIN, top, width, BODY_BOTTOM - top)));
        }
        Body::Terms(terms) => {
            let paras: String = terms
                .iter()
                .map(|(term, meaning)| {
                    paragraph(
                        &format!("{}{}", run(&format!("{term}: "), 1200, true, None), run(meaning, 1200, false, None)),
                        "<a:pPr><a:spcAft><a:spcPts val=\"300\"/></a:spcAft></a:pPr>",
                    )
                })
                .collect();
            shapes.push_str(&text_box(&mut ids, "Definitions", body_box, &paras, "t"));
        }
    }
    let footer = paragraph(&run(&s.footer, 1000, false, Some("5F6B7A")), "");
    shapes.push_str(&text_box(&mut ids, "Footer", (MARGIN, 6_355_080, width, 274_320), &footer, "ctr"));
    if let Some((_, (w, h))) = logo {
        let height = 411_480i64;
        let w = (height as f64 * f64::from((*w).max(1)) / f64::from((*h).max(1))) as i64;
        let w = w.min(2_286_000);
        let logo = Picture { png: Vec::new(), size: (w as u32, height as u32), svg: None, alt: "Logo".into() };
        shapes.push_str(&picture(&mut ids, &logo, "rId5", None, (SLIDE.0 - MARGIN - w, 182_880, w, height)));
    }
    format!(
        "{DECL}<p:sld {NS}><p:cSld><p:spTree>{TREE_START}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
}

/// The slide's relationships: layout, chart PNG (rId2) and SVG (rId3),
/// notes (rId4), logo (rId5).
pub fn slide_rels(k: usize, chart: bool, svg: bool, logo: bool) -> String {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut out = format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{REL}/slideLayout\" Target=\"../slideLayouts/slideLayout1.xml\"/>\
<Relationship Id=\"rId4\" Type=\"{REL}/notesSlide\" Target=\"../notesSlides/notesSlide{k}.xml\"/>"
    );
    if chart {
        out.push_str(&format!("<Relationship Id=\"rId2\" Type=\"{REL}/image\" Target=\"../media/chart{k}.png\"/>"));
    }
    if svg {
        out.push_str(&format!("<Relationship Id=\"rId3\" Type=\"{REL}/image\" Target=\"../media/chart{k}.svg\"/>"));
    }
    if logo {
        out.push_str(&format!("<Relationship Id=\"rId5\" Type=\"{REL}/image\" Target=\"../media/logo.png\"/>"));
    }
    out.push_str("</Relationships>");
    out
}

/// A notes slide holding `text` (one paragraph per line).
pub fn notes(text: &str) -> String {
    let paras: String = text.lines().map(|l| paragraph(&run(l, 1200, false, None), "")).collect();
    let paras = if paras.is_empty() { "<a:p/>".to_string() } else { paras };
    format!(
        "{DECL}<p:notes {NS}><p:cSld><p:spTree>{TREE_START}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>\
<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp>\
</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
}

/// The notes slide's relationships: its master and its slide.
pub fn notes_rels(k: usize) -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster\" Target=\"../notesMasters/notesMaster1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide\" Target=\"../slides/slide{k}.xml\"/>\
</Relationships>"
    )
}
