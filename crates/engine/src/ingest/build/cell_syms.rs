//! A column's repeated labels resolved to symbols through a small map of
//! their own.
//!
//! Why: the data set's interner also holds every deal id, so its hash table
//! is megabytes large and each lookup of a segment, owner or deal type
//! misses the processor's caches. A column such as "Segment" repeats a few
//! labels a million times; a map of just those labels stays in cache. A
//! column with too many distinct cells to be labels (an account column on a
//! large file) stops adding to its map and goes to the interner directly.

use crate::dataset::{Interner, Sym};
use crate::hash::FastMap;

/// Distinct cells a column's map keeps before it stops growing.
const MAX_LABELS: usize = 4096;

/// One column's labels → symbols.
#[derive(Default)]
pub(super) struct CellSyms {
    map: FastMap<Box<str>, Sym>,
}

impl CellSyms {
    /// The symbol of `text`, interned in `strings` the first time.
    pub(super) fn sym(&mut self, strings: &mut Interner, text: &str) -> Sym {
        if let Some(&sym) = self.map.get(text) {
            return sym;
        }
        let sym = strings.intern(text);
        if self.map.len() < MAX_LABELS {
            self.map.insert(text.into(), sym);
        }
        sym
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_the_interners_symbols_and_stops_growing_at_its_cap() {
        let mut strings = Interner::default();
        let mut cells = CellSyms::default();
        let a = cells.sym(&mut strings, "Enterprise");
        assert_eq!(cells.sym(&mut strings, "Enterprise"), a);
        assert_eq!(strings.get("Enterprise"), Some(a));
        for i in 0..MAX_LABELS + 10 {
            let text = format!("account {i}");
            let sym = cells.sym(&mut strings, &text);
            assert_eq!(strings.name(sym), text);
        }
        assert_eq!(cells.map.len(), MAX_LABELS);
        // Past the cap, the interner still answers with the same symbols.
        let last = format!("account {}", MAX_LABELS + 9);
        assert_eq!(cells.sym(&mut strings, &last), strings.get(&last).unwrap());
    }
}
