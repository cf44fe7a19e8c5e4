//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use engine::attribution::{attribute, ModelCredits, ModelId, Params};
use engine::dataset::Dataset;
use engine::ingest::{load, InputFile};
use engine::journey::Journeys;

/// A file of `tests/fixtures/` by its path there.
pub fn fixture(name: &str) -> InputFile {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    InputFile { name: name.to_string(), bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")) }
}

/// Header of the small deal files written inline in tests.
pub const DEALS_HEADER: &str = "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners";

/// Load a deals CSV (and optionally a touches CSV) given as text.
pub fn load_text(deals: &str, touches: Option<&str>) -> (Dataset, Journeys) {
    let mut files = vec![InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() }];
    if let Some(t) = touches {
        files.push(InputFile { name: "touches.csv".into(), bytes: t.as_bytes().to_vec() });
    }
    let data = load(&files).expect("test data loads");
    let journeys = Journeys::build(&data);
    (data, journeys)
}

/// Credits of one model as (key name, cents) pairs, sorted by name.
pub fn credits(data: &Dataset, journeys: &Journeys, model: ModelId, params: &Params) -> Vec<(String, i64)> {
    named(data, &attribute(data, journeys, model, params))
}

/// Credits of a computed model as (key name, cents), leaving out the rows of
/// keys with no credit at all (spec §8 lists them; `zero_rows` tests them).
pub fn named(data: &Dataset, result: &ModelCredits) -> Vec<(String, i64)> {
    result
        .credits
        .iter()
        .filter(|c| c.revenue_cents != 0 || c.deals != 0.0)
        .map(|c| (data.name(c.key).to_string(), c.revenue_cents))
        .collect()
}

/// Build an owned expectation list from literals.
pub fn expect(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = pairs.iter().map(|(k, c)| (k.to_string(), *c)).collect();
    v.sort();
    v
}

/// Load a deals CSV with other files (name, text), each recognised by its columns.
pub fn load_files(deals: &str, others: &[(&str, &str)]) -> (Dataset, Journeys) {
    let mut files = vec![InputFile { name: "deals.csv".into(), bytes: deals.as_bytes().to_vec() }];
    files.extend(
        others.iter().map(|(name, text)| InputFile { name: name.to_string(), bytes: text.as_bytes().to_vec() }),
    );
    let data = load(&files).expect("test data loads");
    let journeys = Journeys::build(&data);
    (data, journeys)
}

/// A minimal `.xlsx` workbook of the given sheets (every cell an inline
/// string), written here so tests own their workbook fixtures.
pub fn xlsx(sheets: &[(&str, Vec<Vec<String>>)]) -> Vec<u8> {
    let column = |mut c: usize| {
        let mut name = String::new();
        loop {
            name.insert(0, (b'A' + (c % 26) as u8) as char);
            if c < 26 {
                break name;
            }
            c = c / 26 - 1;
        }
    };
    let sheets: Vec<(&str, Vec<(String, String)>)> = sheets
        .iter()
        .map(|(name, rows)| {
            let cells = rows
                .iter()
                .enumerate()
                .flat_map(|(r, cells)| cells.iter().enumerate().map(move |(c, v)| (r, c, v.clone())))
                .map(|(r, c, v)| (format!("{}{}", column(c), r + 1), v))
                .collect();
            (*name, cells)
        })
        .collect();
    let refs: Vec<(&str, Vec<(&str, &str)>)> =
        sheets.iter().map(|(n, cells)| (*n, cells.iter().map(|(r, v)| (r.as_str(), v.as_str())).collect())).collect();
    xlsx_cells(&refs)
}

/// A minimal `.xlsx` workbook whose cells sit where their references say
/// (`A1`, `XFD1048576`), every cell an inline string.
pub fn xlsx_cells(sheets: &[(&str, Vec<(&str, &str)>)]) -> Vec<u8> {
    use std::io::Write;
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options: zip::write::SimpleFileOptions = Default::default();
    let mut put = |name: &str, text: String| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let overrides: String = (1..=sheets.len())
        .map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
        .collect();
    put("[Content_Types].xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{overrides}</Types>"));
    put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".into());
    let sheet_list: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", escape(name), i + 1, i + 1))
        .collect();
    put("xl/workbook.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{sheet_list}</sheets></workbook>"));
    let rels: String = (1..=sheets.len())
        .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
        .collect();
    put("xl/_rels/workbook.xml.rels", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"));
    for (i, (_, cells)) in sheets.iter().enumerate() {
        let row_of = |r: &str| r.trim_start_matches(|c: char| c.is_ascii_alphabetic()).to_string();
        // Consecutive cells of one row share its element.
        let mut body = String::new();
        let mut open: Option<String> = None;
        for (r, v) in cells {
            let row = row_of(r);
            if open.as_ref() != Some(&row) {
                if open.is_some() {
                    body.push_str("</row>");
                }
                body.push_str(&format!("<row r=\"{row}\">"));
                open = Some(row);
            }
            body.push_str(&format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{}</t></is></c>", escape(v)));
        }
        if open.is_some() {
            body.push_str("</row>");
        }
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{body}</sheetData></worksheet>"));
    }
    zip.finish().unwrap();
    out.into_inner()
}
