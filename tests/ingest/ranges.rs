//! Several readers give one reader's result: every split of tricky files,
//! the fixtures, the fuzz corpus, mutated exports and the real exports
//! (issue 26's "byte-identical to the one-reader path").

use super::robustness::{mutate, noisy_bytes};
use engine::ingest::csv_reader::{ReadReport, Table, TableReader};
use engine::ingest::ranges::{merge, range_starts, read_table_in_ranges, split_points};
use engine::ingest::records::Records;
use engine::rng::SplitMix64;
use std::path::{Path, PathBuf};

type Read = Result<(Table, ReadReport), String>;

/// One reader: the first `first` bytes, then the rest.
fn one_reader(bytes: &[u8], first: usize) -> Read {
    let mut reader = TableReader::start("f.csv", bytes, &bytes[..first], None, None).map_err(|e| e.to_string())?;
    reader.feed(&bytes[first..]);
    reader.finish().map_err(|e| e.to_string())
}

/// Readers starting at `starts` (after `first`, increasing), each fed in
/// small chunks, their parts taken apart and put together as between
/// workers, merged, and
/// the rest read by the first reader where a merge is refused. Also says
/// whether every part was merged.
fn in_ranges(bytes: &[u8], first: usize, starts: &[usize]) -> (Read, bool) {
    let mut reader = match TableReader::start("f.csv", bytes, &bytes[..first], None, None) {
        Ok(reader) => reader,
        Err(e) => return (Err(e.to_string()), true),
    };
    let own_end = starts.first().copied().unwrap_or(bytes.len());
    reader.feed(&bytes[first..own_end]);
    let mut parts = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
        let Some(mut range) = reader.range_reader() else { break };
        bytes[start..end].chunks(5).for_each(|chunk| range.feed(chunk));
        let mut part = range.finish(end == bytes.len());
        // As between workers: the records' four buffers, put together again.
        let (text, cells, records, lines) = part.records.raw_parts();
        let sent = Records::from_raw_parts(text.to_string(), cells.to_vec(), records.to_vec(), lines.to_vec())
            .expect("a part's buffers fit together");
        assert_eq!(sent, part.records);
        part.records = sent;
        parts.push(part);
    }
    let refused = merge(&mut reader, parts, starts.len());
    if let Some(i) = refused {
        reader.feed(&bytes[starts[i]..]);
    }
    let merged = refused.unwrap_or(starts.len());
    // The report says how many readers' ranges were merged; otherwise the
    // result must be one reader's.
    let result = reader.finish().map_err(|e| e.to_string()).map(|(table, mut report)| {
        assert_eq!(report.readers, 1 + merged);
        report.readers = 1;
        (table, report)
    });
    (result, refused.is_none())
}

/// Compare one reader with readers split at `starts`; counts merges.
fn same(name: &str, bytes: &[u8], first: usize, starts: &[usize], merged: &mut usize) {
    same_as(&one_reader(bytes, first), name, bytes, first, starts, merged);
}

/// [`same`] with one reader's result already known.
fn same_as(one: &Read, name: &str, bytes: &[u8], first: usize, starts: &[usize], merged: &mut usize) {
    let (ranged, all_merged) = in_ranges(bytes, first, starts);
    assert!(
        &ranged == one,
        "{name}: readers starting at {starts:?} (first chunk {first} bytes) differ from one reader"
    );
    *merged += usize::from(all_merged);
}

/// Tricky shapes, each split at every byte into two ranges and at pairs of
/// bytes into three.
const TRICKY: &[&str] = &[
    "id,amount,stage\n1,10,Won\n2,20,Lost\n3,30,Won\n",
    "id,amount,stage\r\n1,10,Won\r\n2,20,Lost\r\n3,30,Won",
    "id,note,amount\n1,\"a\nb\nc\",10\n2,\"x,\"\"y\"\"\n\",20\n3,\"\",30\n",
    "id,note\r\n1,\"line one\r\nline two\"\r\n\r\n\r\n2,plain\r\n\n3,\"ends\nlater\"",
    "title line\n\nid;amount;stage\n1;1,5;Won\n2;2,5;Lost\n\nTotal;4;\n",
    "id,amount\r1,10\r2,20\r3,30\r",
    "\u{feff}id,name,amount\n1,Müller GmbH,10\n2,Société Générale,20\n3,東京,30\n",
    "id,amount\n1,10\n2,\"never closed\n3,30\n4,40\n",
    "id,amount\n  \n1,10\n , \n2,20\n\n\n",
];

#[test]
fn every_split_of_tricky_files_reads_as_one_reader() {
    let mut merged = 0;
    let mut splits = 0;
    for (n, text) in TRICKY.iter().enumerate() {
        let bytes = text.as_bytes();
        let name = format!("tricky file {n}");
        for first in [1, 12] {
            for a in first + 1..bytes.len() {
                same(&name, bytes, first, &[a], &mut merged);
                splits += 1;
                for b in (a + 1..bytes.len()).step_by(5) {
                    same(&name, bytes, first, &[a, b], &mut merged);
                    splits += 1;
                }
            }
        }
    }
    // Splits just after a line break outside quotes merge (two ranges
    // rarely both land there); the check is not vacuous.
    assert!(merged >= TRICKY.len() * 8, "{merged} of {splits} splits merged");
    assert!(merged < splits, "some splits inside quotes or cells must be refused");
}

#[test]
fn legacy_encodings_read_by_range_and_utf16_by_one_reader() {
    let text = "Название,Сумма,Стадия\n".to_string() + &"Поставка оборудования,150000,Сделка успешна\n".repeat(40);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    let mut merged = 0;
    for a in (100..cp1251.len()).step_by(7) {
        same("windows-1251", &cp1251, 64, &[a], &mut merged);
    }
    assert!(merged > 0);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let reader = TableReader::new("f.csv", &utf16[..64], None, None).unwrap();
    assert!(reader.range_reader().is_none(), "UTF-16 is read by one reader");
    let mut merged = 0;
    same("utf-16", &utf16, 64, &[300, 900], &mut merged);
    assert_eq!(merged, 0);
}

/// The files of a folder (`.csv`, `.txt`), sorted; empty when it is absent.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv" || x == "txt"))
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect();
    files.sort();
    files
}

/// Split points as the readers would pick them (after the line break past
/// each nominal point) and as they might land (anywhere), for 2, 3, 5 and 8 readers.
fn check_file(name: &str, bytes: &[u8], rng: &mut SplitMix64, merged: &mut usize) {
    if bytes.len() < 4 {
        return;
    }
    let first = (bytes.len() / 5).clamp(1, 4096);
    let one = one_reader(bytes, first);
    for readers in [2, 3, 5, 8] {
        let points: Vec<u64> =
            split_points(bytes.len() as u64, readers).into_iter().filter(|&p| p > first as u64).collect();
        let probe = |at: u64| bytes[at as usize..bytes.len().min(at as usize + 4096)].to_vec();
        let starts: Vec<usize> =
            range_starts(&points, probe).into_iter().map(|s| s as usize).filter(|&s| s < bytes.len()).collect();
        same_as(&one, name, bytes, first, &starts, merged);
        let mut anywhere: Vec<usize> =
            (1..readers).map(|_| first + 1 + (rng.next_u64() as usize) % (bytes.len() - first).max(1)).collect();
        anywhere.sort_unstable();
        anywhere.dedup();
        anywhere.retain(|&s| s < bytes.len());
        same_as(&one, name, bytes, first, &anywhere, merged);
    }
}

fn beside_repository(env: &str, beside: &str) -> PathBuf {
    std::env::var_os(env).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .and_then(Path::parent)
            .expect("the checkout's folder")
            .join(beside)
    })
}

#[test]
fn fixtures_fuzz_corpus_and_mutated_exports_read_as_one_reader() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = files_in(&fixtures);
    for sub in ["fuzz", "stage", "warehouse", "expected_deal", "expected_touch"] {
        files.extend(files_in(&fixtures.join(sub)));
    }
    assert!(files.len() >= 20, "the fixtures are where they were: {}", files.len());
    let mut rng = SplitMix64(26);
    let seeds: Vec<Vec<u8>> = files.iter().take(8).map(|(_, b)| b.clone()).collect();
    for i in 0..60 {
        let bytes = if i % 4 == 0 { noisy_bytes(&mut rng, 3000) } else { mutate(&mut rng, &seeds[i % seeds.len()]) };
        files.push((format!("mutated {i}"), bytes));
    }
    let mut merged = 0;
    for (name, bytes) in &files {
        check_file(name, bytes, &mut rng, &mut merged);
    }
    assert!(merged > files.len(), "most planned splits merge: {merged}");
}

#[test]
fn real_exports_read_as_one_reader() {
    let mut files = Vec::new();
    for (env, beside) in [("PA_SHARED_REAL", "shared/real"), ("PA_MORE_EXPORTS", "more_real")] {
        let dir = beside_repository(env, beside);
        if !dir.is_dir() {
            eprintln!("skipped: {} is absent", dir.display());
        }
        files.extend(files_in(&dir));
    }
    let mut rng = SplitMix64(13);
    let mut merged = 0;
    for (name, bytes) in &files {
        check_file(name, bytes, &mut rng, &mut merged);
    }
}

#[test]
fn threads_read_a_large_file_as_one_reader() {
    // About 20 MB, above the size where a file is split, with quoted
    // multi-line notes so some split points fall inside quotes.
    let mut text = String::from("deal_id,amount,stage,note\r\n");
    let mut i = 0u64;
    while text.len() < 20 << 20 {
        let note = if i.is_multiple_of(7) { "\"two\nlines, quoted\"" } else { "plain" };
        text.push_str(&format!(
            "D-{i},{}.50,{},{note}\r\n",
            i % 9973,
            if i.is_multiple_of(3) { "Closed Won" } else { "Open" }
        ));
        i += 1;
    }
    let bytes = text.as_bytes();
    let one = one_reader(bytes, bytes.len());
    let mut merged = Vec::new();
    for readers in [1, 2, 3, 8] {
        let (table, mut report) = read_table_in_ranges("f.csv", bytes, None, None, readers).unwrap();
        merged.push(report.readers);
        report.readers = 1;
        assert!(Ok((table, report)) == one, "{readers} readers differ from one");
    }
    // Some splits land inside a quoted note and are read by the reader before; not all.
    assert!(merged.iter().any(|&n| n > 1), "readers merged: {merged:?}");
    let (table, _) = one.unwrap();
    assert_eq!(table.len() as u64, i);
}

#[test]
fn buffers_that_do_not_fit_together_are_refused() {
    let ok = |text: &str, cells: &[u32], records: &[u32], lines: &[u64]| {
        Records::from_raw_parts(text.to_string(), cells.to_vec(), records.to_vec(), lines.to_vec()).is_some()
    };
    assert!(ok("abcd", &[1, 4], &[2], &[1]));
    assert!(ok("", &[], &[], &[]));
    assert!(!ok("abcd", &[1, 5], &[2], &[1]), "a cell past the text");
    assert!(!ok("abcd", &[3, 1], &[2], &[1]), "cells out of order");
    assert!(!ok("abcd", &[1, 4], &[3], &[1]), "a record past the cells");
    assert!(!ok("abcd", &[1, 4], &[1], &[1]), "cells after the last record");
    assert!(!ok("abcd", &[1, 4], &[2], &[]), "a record without its line");
    assert!(!ok("é", &[1], &[1], &[1]), "a cell ending inside a character");
}
