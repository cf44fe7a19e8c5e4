//! The shape of the code, checked: no ui file imports another in a circle,
//! and no source file grows past 500 lines (tables of data excepted).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `ui/value/overview.rs` → `value::overview`; `ui/state/mod.rs` → `state`.
fn module_of(ui: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(ui).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The ui modules a file names through `crate::ui::…` (the longest known prefix).
fn imports(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::ui::") {
        let rest = &text[at + "crate::ui::".len()..];
        let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        for n in (1..=segments.len()).rev() {
            let candidate = segments[..n].join("::");
            if modules.contains(&candidate) {
                found.insert(candidate);
                break;
            }
        }
    }
    found
}

#[test]
fn no_ui_file_imports_another_in_a_circle() {
    let ui = repo().join("crates/app/src/ui");
    let mut files = Vec::new();
    rust_files(&ui, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&ui, f)).filter(|m| !m.is_empty()).collect();
    assert!(modules.contains("state") && modules.contains("value::overview"), "{modules:?}");
    let graph: BTreeMap<String, BTreeSet<String>> = files
        .iter()
        .map(|f| {
            let me = module_of(&ui, f);
            let mut edges = imports(&std::fs::read_to_string(f).unwrap(), &modules);
            edges.remove(&me);
            (me, edges)
        })
        .collect();
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("ui files import each other in a circle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_checker_finds_a_cycle_it_is_shown() {
    let modules: BTreeSet<String> = ["state", "board::sharing"].iter().map(|s| s.to_string()).collect();
    let found = imports("use crate::ui::board::sharing::Slide;\nuse crate::ui::state::{AppState};", &modules);
    assert_eq!(found, modules);
}

#[test]
fn no_source_file_over_500_lines() {
    // Tables of data, not logic: the synonym catalogue of every CRM's headers.
    let tables = ["crates/engine/src/ingest/roles/catalogue.rs"];
    let mut files = Vec::new();
    for dir in ["crates", "tests"] {
        rust_files(&repo().join(dir), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter(|f| !tables.iter().any(|t| f.ends_with(t)))
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > 500).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}
