//! Share links: settings and snapshots round-trip; damaged, tampered or
//! foreign fragments are rejected with a message, never a panic.

use engine::rng::SplitMix64;
use engine::share::*;

fn settings() -> Settings {
    Settings {
        half_life: 45.0,
        base: "won".into(),
        close_from: Some("2025-01-01".into()),
        close_to: None,
        lookback: Some(180),
        weights: [0.4, 0.2, 0.4],
        extras: true,
        dimension: "partner_type".into(),
        model: "shapley".into(),
        definition: "sourced".into(),
        split: "segment".into(),
        company_size: "50-99".into(),
        scenario: "opp=1200&tgt=0.4".into(),
        slides: vec!["overview".into(), "waterfall".into()],
        mappings: vec![("abc123".into(), "deal_id\tOpportunity ID\n".into())],
        titles: vec![("overview".into(), "Partners drive our growth".into())],
    }
}

fn snapshot() -> Snapshot {
    Snapshot {
        title: "Partner program review".into(),
        subtitle: "Won 2024-01-01 – 2025-12-30".into(),
        currency: "EUR".into(),
        model: "Linear".into(),
        definition: "Any partner involved".into(),
        cards: vec![SnapshotCard {
            title: "Partner-sourced revenue".into(),
            value: "€7,543,120".into(),
            detail: "won".into(),
        }],
        attribution: SnapshotChart {
            keys: vec!["Acme".into(), "Müller & Co".into()],
            series: vec![("Linear".into(), vec![1000.5, 200.0])],
        },
        win_rates: None,
        closed: None,
        waterfall: Some([1.0, 2.0, -0.5, 2.5]),
        partners: vec![SnapshotPartner {
            name: "Acme".into(),
            deals: 12,
            sourced: 100.0,
            influenced: 50.0,
            win_rate: Some(0.5),
            credit: 80.0,
        }],
        scenario: "opp=10".into(),
        slides: vec!["overview".into()],
        stages: None,
        retention: None,
        notes: vec!["3 row(s) of the file left out of every figure (3 close date is not a date).".into()],
        titles: vec![("summary".into(), "Our partners, in one page".into())],
    }
}

#[test]
fn base64url_round_trips_every_length() {
    let mut rng = SplitMix64(9);
    for len in 0..200 {
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let text = base64url(&bytes);
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{text}");
        assert_eq!(unbase64url(&text).unwrap(), bytes);
    }
    assert_eq!(base64url(b"Man"), "TWFu");
    assert_eq!(base64url(b"Ma"), "TWE");
}

#[test]
fn settings_and_snapshots_round_trip() {
    let link = settings_link(&settings());
    assert!(link.starts_with("s1."));
    assert_eq!(decode_link(&format!("#{link}")), Ok(Some(Link::Settings(Box::new(settings())))));
    let link = snapshot_link(&snapshot());
    assert!(link.starts_with("b1."));
    assert_eq!(decode_link(&link), Ok(Some(Link::Snapshot(Box::new(snapshot())))));
}

#[test]
fn ordinary_fragments_are_not_links() {
    for f in ["", "#", "#sample", "#overview", "#scenario"] {
        assert_eq!(decode_link(f), Ok(None), "{f}");
    }
}

#[test]
fn damaged_tampered_and_future_links_are_rejected_with_a_message() {
    let link = settings_link(&settings());
    let truncated = &link[..link.len() - 7];
    for bad in [truncated.to_string(), format!("{link}!"), "s1.".to_string(), "b1.e30".to_string(), "s1.%%%".into()] {
        let e = decode_link(&bad).expect_err(&bad);
        assert!(e.contains("damaged"), "{e}");
    }
    assert!(decode_link("s9.abc").unwrap_err().contains("newer version"));
    // A well-formed payload with out-of-range values.
    let mut wild = settings();
    wild.half_life = -3.0;
    assert!(decode_link(&settings_link(&wild)).unwrap_err().contains("half-life"));
    let mut lying = snapshot();
    lying.attribution.keys.push("extra".into());
    assert!(decode_link(&snapshot_link(&lying)).unwrap_err().contains("do not match"));
    // Random corruption never panics.
    let mut rng = SplitMix64(3);
    let good = snapshot_link(&snapshot());
    for _ in 0..500 {
        let mut bytes = good.clone().into_bytes();
        let at = 3 + rng.below((bytes.len() - 3) as u64) as usize;
        bytes[at] = b"ABCxyz019-_=+/"[rng.below(14) as usize];
        let _ = decode_link(&String::from_utf8(bytes).unwrap());
    }
}

#[test]
fn a_snapshot_preview_lists_everything_it_carries() {
    let lines = snapshot().describe();
    let text = lines.join("\n");
    for expected in [
        "Partner program review",
        "€7,543,120",
        "Müller & Co 200",
        "Waterfall: baseline 1",
        "Partner: Acme — 12 deals",
        "opp=10",
        "Note: 3 row(s) of the file left out",
        "Title of the summary slide: Our partners, in one page",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
}

#[test]
fn link_values_are_range_checked_and_unknown_prefixes_get_a_message() {
    // Finite but absurd figures (sums would overflow to infinity) are refused.
    let mut huge = snapshot();
    huge.partners[0].sourced = 1e308;
    assert!(decode_link(&snapshot_link(&huge)).unwrap_err().contains("out of range"));
    let mut rate = snapshot();
    rate.partners[0].win_rate = Some(7.0);
    assert!(decode_link(&snapshot_link(&rate)).unwrap_err().contains("out of range"));
    let mut weights = settings();
    weights.weights = [2.0, -1.0, 0.0];
    assert!(decode_link(&settings_link(&weights)).unwrap_err().contains("weight"));
    let mut long = settings();
    long.scenario = "x".repeat(5_000);
    assert!(decode_link(&settings_link(&long)).unwrap_err().contains("too long"));
    let mut title = settings();
    title.titles = vec![("overview".into(), "t".repeat(engine::share::MAX_TITLE + 1))];
    assert!(decode_link(&settings_link(&title)).unwrap_err().contains("too long"));
    let mut titles = snapshot();
    titles.titles = (0..21).map(|i| (format!("s{i}"), "t".into())).collect();
    assert!(decode_link(&snapshot_link(&titles)).unwrap_err().contains("too many"));
    // Look-alike prefixes are links gone wrong, not ordinary anchors.
    for f in ["#S1.abc", "#b10.abc", "#s1", "#b1", "#s0.abc"] {
        let e = decode_link(f).expect_err(f);
        assert!(e.contains("not one this app made"), "{f}: {e}");
    }
}

#[test]
fn the_app_never_makes_a_snapshot_link_it_would_refuse() {
    let mut big = snapshot();
    big.title = "T".repeat(10_000);
    for p in &mut big.partners {
        p.name = "Very long partner name ".repeat(500);
    }
    for k in &mut big.attribution.keys {
        *k = "K".repeat(3_000);
    }
    big.titles = vec![("overview".into(), "A very long title ".repeat(100))];
    big.notes = vec!["n".repeat(5_000); 30];
    let bounded = big.bounded();
    let link = snapshot_link(&bounded);
    assert!(link.len() <= engine::share::MAX_LINK);
    match decode_link(&link) {
        Ok(Some(Link::Snapshot(s))) => {
            assert!(s.title.ends_with('…') && s.title.chars().count() == engine::share::MAX_TEXT);
            assert!(s.partners.iter().all(|p| p.name.chars().count() <= engine::share::MAX_NAME));
        }
        other => panic!("the bounded snapshot opens: {other:?}"),
    }
}
