//! Arbitrary bytes never panic the ingest path: every input yields either a
//! data set or an error with a message.

use engine::ingest::{load, InputFile};
use engine::journey::Journeys;
use engine::rng::SplitMix64;

/// Bytes biased towards what trips parsers: delimiters, quotes, newlines,
/// digits, separators, BOMs, NULs and high bytes.
pub(crate) fn noisy_bytes(rng: &mut SplitMix64, len: usize) -> Vec<u8> {
    const ALPHABET: &[u8] = b",;\t|\"\r\n0123456789.-/: $()abcdeWonLst";
    let mut out = Vec::with_capacity(len + 3);
    match rng.below(6) {
        0 => out.extend_from_slice(b"\xEF\xBB\xBF"),
        1 => out.extend_from_slice(b"\xFF\xFE"),
        2 => out.extend_from_slice(b"deal_id,amount,stage,created_date,close_date\n"),
        _ => {}
    }
    for _ in 0..len {
        let b = match rng.below(10) {
            0 => rng.below(256) as u8,
            _ => ALPHABET[rng.below(ALPHABET.len() as u64) as usize],
        };
        out.push(b);
    }
    out
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = SplitMix64(99);
    for _ in 0..3_000 {
        let len = rng.below(600) as usize;
        let bytes = noisy_bytes(&mut rng, len);
        let second = noisy_bytes(&mut rng, len / 2);
        let files = [InputFile { name: "a.csv".into(), bytes }, InputFile { name: "b.csv".into(), bytes: second }];
        for n in 1..=2 {
            match load(&files[..n]) {
                Ok(data) => {
                    let journeys = Journeys::build(&data);
                    assert_eq!(journeys.len(), data.deals.len());
                    let _ = data.quality.notices();
                }
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn well_formed_files_with_random_values_never_panic() {
    let mut rng = SplitMix64(7);
    let cells = ["", "1,234.5", "(12)", "2025-02-30", "13/13/2025", "Closed Won", "x", "€", "\"q\"\"", "45000", "-"];
    for _ in 0..1_000 {
        let mut csv =
            String::from("deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners\n");
        for r in 0..rng.below(30) {
            let mut row = vec![format!("D{}", rng.below(10 + r))];
            for _ in 0..6 {
                row.push(cells[rng.below(cells.len() as u64) as usize].to_string());
            }
            csv += &row.join(",");
            csv.push('\n');
        }
        let _ = load(&[InputFile { name: "d.csv".into(), bytes: csv.into_bytes() }]);
    }
}

#[test]
fn data_sets_survive_the_binary_codec_and_broken_buffers_are_errors() {
    use engine::codec::{decode, encode};
    use engine::dataset::RosterEntry;
    use engine::sample::sample_dataset;
    let mut data = sample_dataset();
    let (p, tier) = (data.deals.iter().find_map(|d| d.sourcing).unwrap(), data.strings.intern("Gold"));
    data.roster = vec![
        RosterEntry {
            partner: p,
            partner_type: None,
            tier: Some(tier),
            start: data.deals.first().and_then(|d| d.created),
        },
        RosterEntry { partner: tier, partner_type: Some(p), tier: None, start: None },
    ];
    data.attached = vec![(3, p)];
    let bytes = encode(&data);
    let back = decode(&bytes).unwrap();
    assert_eq!(back.roster, data.roster);
    assert_eq!(back.attached, data.attached);
    assert_eq!(back.deals, data.deals);
    assert_eq!(back.touches, data.touches);
    assert_eq!(back.influencers, data.influencers);
    assert!(back.strings.names().eq(data.strings.names()));
    assert_eq!(back.currency, data.currency);
    assert_eq!(encode(&back), bytes, "stable round trip");
    // Every truncation, and random corruption, is an error (or a valid set), never a panic.
    for cut in (0..bytes.len()).step_by(bytes.len() / 500 + 1) {
        assert!(decode(&bytes[..cut]).is_err());
    }
    let mut rng = SplitMix64(5);
    for _ in 0..300 {
        let mut broken = bytes.clone();
        for _ in 0..4 {
            let at = rng.below(broken.len() as u64) as usize;
            broken[at] = rng.below(256) as u8;
        }
        if let Ok(d) = decode(&broken) {
            let _ = Journeys::build(&d);
        }
    }
}

#[test]
fn a_table_too_wide_is_refused_before_mapping() {
    let header: Vec<String> = (0..3_000).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..3_000).map(|i| i.to_string()).collect();
    let csv = format!("{}\n{}\n", header.join(","), row.join(","));
    let err = engine::ingest::load(&[engine::ingest::InputFile { name: "wide.csv".into(), bytes: csv.into_bytes() }])
        .unwrap_err()
        .to_string();
    assert!(err.contains("3000 columns") && err.contains("at most 2000"), "{err}");
}

#[test]
fn a_workbook_whose_directory_claims_huge_sizes_is_read_by_what_it_holds() {
    let path = format!("{}/fixtures/hubspot_deals.xlsx", env!("CARGO_MANIFEST_DIR"));
    let mut bytes = std::fs::read(path).unwrap();
    // Make every central-directory entry claim 4 GB uncompressed.
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + i;
        bytes[entry + 24..entry + 28].copy_from_slice(&[0xFF; 4]);
        at = entry + 4;
    }
    // The claims are not trusted either way: the bytes that inflate are counted
    // (a real bomb is refused at the limit: tests/reference/hostile_check.py).
    let data = engine::ingest::load(&[engine::ingest::InputFile { name: "claims.xlsx".into(), bytes }]).unwrap();
    assert_eq!(data.deals.len(), 400);
}

#[test]
fn two_cells_far_apart_allocate_nothing_by_the_span() {
    // A1 and XFD1048576: the span is 17 billion cells; the reader streams
    // the two and stops at the column limit with a message.
    let bytes = crate::common::xlsx_cells(&[("Sheet1", vec![("A1", "deal_id"), ("XFD1048576", "x")])]);
    let err = engine::ingest::load(&[engine::ingest::InputFile { name: "far.xlsx".into(), bytes }]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("column 16384") && text.contains("at most 2000 columns"), "{text}");
    let bytes = crate::common::xlsx_cells(&[("Sheet1", vec![("A1", "deal_id"), ("A1048576", "x")])]);
    let err = engine::ingest::load(&[engine::ingest::InputFile { name: "tall.xlsx".into(), bytes }]).unwrap_err();
    assert!(!err.to_string().is_empty(), "two rows far apart read as two rows: no table, a message");
}

#[test]
fn files_too_large_for_a_tab_get_the_limit_and_the_other_ways() {
    let m = engine::ingest::too_large_message(1.5e9);
    assert!(m.contains("1500 MB") && m.contains("at most 1200 MB") && m.contains("partner-attribution export"), "{m}");
}

/// Mutate a file as a careless export or an attacker would: flip, insert,
/// delete or duplicate bytes and whole lines, or splice in a nasty token.
pub(crate) fn mutate(rng: &mut SplitMix64, seed: &[u8]) -> Vec<u8> {
    const TOKENS: &[&[u8]] = &[
        b"\"",
        b"\r\n",
        b";",
        b"\t",
        b"#N/A",
        b"=cmd|' /C calc'!A0",
        b"1e308",
        b"-0",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"Closed Won",
        b"2025-02-29",
        b"31/12/9999",
        b"(1,234.56)",
        b"P1;P2;P3;P4;P5;P6;P7;P8",
        b"\x00",
    ];
    let mut out = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = if out.is_empty() { 0 } else { rng.below(out.len() as u64) as usize };
        match rng.below(6) {
            0 if !out.is_empty() => out[at] = rng.below(256) as u8,
            1 => {
                let token = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                out.splice(at..at, token.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + 1 + rng.below(40) as usize).min(out.len());
                out.drain(at..end);
            }
            3 => {
                // Duplicate a line (repeated ids, merged partner rows).
                let start = out[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let end = out[at..].iter().position(|&b| b == b'\n').map_or(out.len(), |i| at + i + 1);
                let line = out[start..end].to_vec();
                out.splice(end..end, line);
            }
            4 => out.truncate(at),
            _ => {}
        }
    }
    out
}

/// The fuzz pass run by the test command: mutations of every canonical and
/// real fixture through the whole path (parse → map → build → every model
/// and the value figures), a fixed number of inputs so the run is the same
/// every time. Inputs that once failed live in `tests/fixtures/fuzz/` and
/// are replayed first.
#[test]
fn mutated_exports_end_in_results_or_a_message_through_every_model() {
    use engine::attribution::{attribute, available_models, Params};
    use engine::value::model::{Definition, ValueModel};
    let dir = format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for sub in ["", "real", "fuzz"] {
        let Ok(entries) = std::fs::read_dir(format!("{dir}/{sub}")) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "txt")) {
            seeds.push(std::fs::read(p).unwrap());
        }
    }
    assert!(seeds.len() >= 10);
    let mut rng = SplitMix64(2026);
    let (mut results, mut messages) = (0, 0);
    for i in 0..1_500 {
        let seed = &seeds[i % seeds.len()];
        let bytes = if i < seeds.len() { seed.clone() } else { mutate(&mut rng, seed) };
        match load(&[InputFile { name: "fuzz.csv".into(), bytes }]) {
            Ok(data) => {
                results += 1;
                let journeys = Journeys::build(&data);
                let params = Params::default();
                for model in available_models(&journeys) {
                    let credits = attribute(&data, &journeys, model, &params);
                    if model.additive() && !credits.credits.is_empty() {
                        assert_eq!(credits.total_cents(), credits.base_cents, "{model:?} reconciles");
                    }
                }
                let value = ValueModel::compute(&data, &journeys, Definition::AnyPartner);
                for s in [&value.partner, &value.direct] {
                    assert!(s.median_cycle_days().is_none_or(|d| d >= 0.0), "no negative cycle");
                    assert!(s.win_rate().is_none_or(|r| (0.0..=1.0).contains(&r)));
                }
                let _ = data.quality.problem_rows_csv();
            }
            Err(e) => {
                messages += 1;
                assert!(!e.to_string().is_empty());
            }
        }
    }
    assert!(
        results > 100 && messages > 10,
        "the mutations reach both outcomes ({results} results, {messages} messages)"
    );
}

#[test]
fn a_workbook_cell_larger_than_a_spreadsheet_allows_is_refused_with_its_row() {
    let path = format!("{}/fixtures/huge_cell.xlsx", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let err = engine::ingest::load(&[engine::ingest::InputFile { name: "huge_cell.xlsx".into(), bytes }])
        .unwrap_err()
        .to_string();
    assert!(err.contains("row 2") && err.contains("32,767"), "{err}");
}

/// The string table keeps every text once, finds it again after a round
/// trip through its parts, and never confuses texts that share a prefix.
#[test]
fn the_string_table_interns_each_text_once_and_survives_its_parts() {
    use engine::dataset::Interner;
    let mut strings = Interner::default();
    let texts: Vec<String> =
        (0..50_000).map(|i| format!("S-{i}")).chain(["", "S-", "Société", "S-1 "].map(String::from)).collect();
    let syms: Vec<u32> = texts.iter().map(|t| strings.intern(t)).collect();
    assert_eq!(strings.len(), texts.len() + 1, "every text once, after (direct)");
    for (text, &sym) in texts.iter().zip(&syms) {
        assert_eq!(strings.intern(text), sym);
        assert_eq!(strings.name(sym), text);
    }
    let rebuilt = Interner::from_parts(strings.text().to_string(), strings.ends().to_vec()).unwrap();
    let listed = Interner::from_names(strings.names());
    for (text, &sym) in texts.iter().zip(&syms) {
        assert_eq!(rebuilt.get(text), Some(sym));
        assert_eq!(listed.get(text), Some(sym));
    }
    assert_eq!(rebuilt.get("S-50000"), None);
    assert!(Interner::from_parts("ab".into(), vec![1, 3]).is_err(), "an end past the text is refused");
    assert!(Interner::from_parts("é".into(), vec![1, 2]).is_err(), "an end inside a character is refused");
    // A table listing a text twice names its newest symbol, as interning would have.
    let twice = Interner::from_names(["(direct)", "A", "B", "A"]);
    assert_eq!(twice.get("A"), Some(3));
    assert_eq!(twice.get("B"), Some(2));
    // Reserving room keeps every symbol findable.
    let mut reserved = Interner::default();
    let a = reserved.intern("a");
    reserved.reserve(100_000);
    assert_eq!(reserved.get("a"), Some(a));
    assert_eq!(reserved.intern("b"), a + 1);
}
