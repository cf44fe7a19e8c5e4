//! Records stored compactly: every cell's text in one buffer and its end
//! offset in another, so a million rows cost their text plus four bytes a
//! cell — not a heap-allocated `String` per cell.

/// Rows of cells, in file order, each with the line it starts on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    text: String,
    cell_ends: Vec<u32>,
    record_ends: Vec<u32>,
    lines: Vec<u64>,
}

impl Records {
    /// Append one record.
    pub fn push<S: AsRef<str>>(&mut self, line: u64, cells: impl IntoIterator<Item = S>) {
        for cell in cells {
            self.text.push_str(cell.as_ref());
            self.cell_ends.push(self.text.len() as u32);
        }
        self.record_ends.push(self.cell_ends.len() as u32);
        self.lines.push(line);
    }

    /// Append one record given as its cells' text end to end and each
    /// cell's end offset in it (how `csv-core` writes a record): one copy.
    pub fn push_joined(&mut self, line: u64, text: &str, ends: &[usize]) {
        let base = self.text.len() as u32;
        self.text.push_str(text);
        self.cell_ends.extend(ends.iter().map(|&end| base + end as u32));
        self.record_ends.push(self.cell_ends.len() as u32);
        self.lines.push(line);
    }

    /// Make room for about this many more text bytes, cells and records, so
    /// a large file's buffers are allocated once rather than doubled (a
    /// doubling holds the old and the new buffer at once).
    pub fn reserve(&mut self, text: usize, cells: usize, records: usize) {
        self.text.reserve(text);
        self.cell_ends.reserve(cells);
        self.record_ends.reserve(records);
        self.lines.reserve(records);
    }

    /// Number of cells held.
    pub fn cells(&self) -> usize {
        self.cell_ends.len()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.record_ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.record_ends.is_empty()
    }

    /// Record `i`.
    pub fn get(&self, i: usize) -> Row<'_> {
        let first = if i == 0 { 0 } else { self.record_ends[i - 1] as usize };
        let last = self.record_ends[i] as usize;
        let start = if first == 0 { 0 } else { self.cell_ends[first - 1] };
        Row { text: &self.text, ends: &self.cell_ends[first..last], start }
    }

    /// The line record `i` starts on.
    pub fn line(&self, i: usize) -> u64 {
        self.lines[i]
    }

    /// Append another reader's records, which start `lines` lines further
    /// down the file than its own numbers say.
    pub fn append(&mut self, other: &Records, lines: u64) {
        let base = self.text.len() as u32;
        let cells = self.cell_ends.len() as u32;
        self.text.push_str(&other.text);
        self.cell_ends.extend(other.cell_ends.iter().map(|&end| base + end));
        self.record_ends.extend(other.record_ends.iter().map(|&end| cells + end));
        self.lines.extend(other.lines.iter().map(|&line| line + lines));
    }

    /// The buffers: text, each cell's end, each record's end (in cells), each record's line.
    pub fn raw_parts(&self) -> (&str, &[u32], &[u32], &[u64]) {
        (&self.text, &self.cell_ends, &self.record_ends, &self.lines)
    }

    /// Records from buffers as [`Records::raw_parts`] gives them; `None`
    /// when they do not fit together (an end past the text or before the
    /// previous one, or not at a character's start).
    pub fn from_raw_parts(
        text: String,
        cell_ends: Vec<u32>,
        record_ends: Vec<u32>,
        lines: Vec<u64>,
    ) -> Option<Records> {
        let cells_fit = cell_ends.iter().try_fold(0u32, |previous, &end| {
            (end >= previous && (end as usize) <= text.len() && text.is_char_boundary(end as usize)).then_some(end)
        });
        let records_fit = record_ends
            .iter()
            .try_fold(0u32, |previous, &end| (end >= previous && (end as usize) <= cell_ends.len()).then_some(end));
        let whole = record_ends.last().map_or(cell_ends.is_empty(), |&end| end as usize == cell_ends.len());
        (cells_fit.is_some() && records_fit.is_some() && whole && lines.len() == record_ends.len()).then_some(Records {
            text,
            cell_ends,
            record_ends,
            lines,
        })
    }

    /// Bytes of text held.
    pub fn text_bytes(&self) -> usize {
        self.text.len()
    }
}

/// One record: its cells as borrowed text.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    text: &'a str,
    ends: &'a [u32],
    start: u32,
}

impl<'a> Row<'a> {
    /// Cell `c`, if the row has one.
    pub fn get(&self, c: usize) -> Option<&'a str> {
        let end = *self.ends.get(c)? as usize;
        let begin = if c == 0 { self.start as usize } else { self.ends[c - 1] as usize };
        Some(&self.text[begin..end])
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cells in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let row = *self;
        (0..row.len()).filter_map(move |c| row.get(c))
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    /// Number of non-blank cells.
    pub fn filled(&self) -> usize {
        self.iter().filter(|c| !c.trim().is_empty()).count()
    }
}
