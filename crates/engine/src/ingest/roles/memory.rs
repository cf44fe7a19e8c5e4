//! A mapping remembered in the browser, as text: one `role<TAB>header` per
//! line. Header names, not positions, so a re-ordered export still matches;
//! the mapping only, never data.

use super::{roles_of, FileKind, Mapping};

/// A mapping as remembered in the browser: one `role<TAB>header` per line
/// (header names, not positions, so a re-ordered export still matches).
pub fn encode_mapping(mapping: &Mapping, headers: &[String]) -> String {
    let mut out = String::new();
    for (role, columns) in &mapping.columns {
        for &c in columns {
            if let Some(h) = headers.get(c) {
                out.push_str(&format!("{role}\t{h}\n"));
            }
        }
    }
    out
}

/// Read a remembered mapping back against a header row; `None` if it no longer fits.
pub fn decode_mapping(text: &str, headers: &[String], kind: FileKind) -> Option<Mapping> {
    let mut mapping = Mapping::default();
    for line in text.lines() {
        let (role, header) = line.split_once('\t')?;
        let spec = roles_of(kind).iter().find(|r| r.id == role)?;
        let column = headers.iter().position(|h| h == header)?;
        mapping.columns.entry(spec.id).or_default().push(column);
        mapping.confidence.insert(spec.id, 1.0);
    }
    mapping.is_confident(kind, 1.0).then_some(mapping)
}
