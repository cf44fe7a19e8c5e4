//! The PowerPoint deck (issue 17): written natively from the sample's
//! snapshot; `tests/reference/check_pptx.py` then opens the file with
//! python-pptx (a real reader) and checks every title, picture and note.

use app::pptx::{write_pptx, Picture};
use app::ui::board::deck::deck_of;
use app::ui::board::sharing::snapshot;
use app::ui::board::slide_charts::{chart_of, slides_of};
use app::ui::board::takeaways::title_of;
use app::ui::state::AppState;
use leptos::prelude::*;
use std::io::Read;

/// A 1×1 PNG (the page renders the real ones with a canvas).
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn the_sample_deck_holds_every_chosen_slide_with_its_title_pictures_and_notes() {
    let owner = Owner::new();
    owner.with(|| {
        let state = AppState::new();
        state.load_sample();
        state.slide_titles.set(vec![("leaderboard".into(), "Our <partners> & us".into())]);
        let snap = snapshot(state).expect("a snapshot of the sample");
        let slides = slides_of(&snap);
        let pictures: Vec<_> = slides
            .iter()
            .filter_map(|&s| {
                chart_of(s, &snap).map(|c| {
                    (
                        s,
                        Picture {
                            png: PIXEL_PNG.to_vec(),
                            size: (c.size.0 * 2, c.size.1 * 2),
                            svg: Some(c.svg),
                            alt: c.name.into(),
                        },
                    )
                })
            })
            .collect();
        let charts: Vec<String> = pictures.iter().map(|(s, _)| s.id().to_string()).collect();
        let deck = deck_of(&snap, pictures, "#0072b2", Some((PIXEL_PNG.to_vec(), (1, 1))));
        let bytes = write_pptx(&deck).expect("the deck is written");

        // The package: every slide with its notes, charts as PNG and SVG.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("a zip");
        let names: Vec<String> = zip.file_names().map(|n| n.expect("a file name").to_string()).collect();
        for k in 1..=slides.len() {
            for part in [format!("ppt/slides/slide{k}.xml"), format!("ppt/notesSlides/notesSlide{k}.xml")] {
                assert!(names.contains(&part), "{part} in {names:?}");
            }
        }
        assert_eq!(
            names.iter().filter(|n| n.starts_with("ppt/media/chart") && n.ends_with(".png")).count(),
            charts.len()
        );
        assert_eq!(
            names.iter().filter(|n| n.starts_with("ppt/media/chart") && n.ends_with(".svg")).count(),
            charts.len()
        );
        let mut leaderboard = String::new();
        let k = slides.iter().position(|s| s.id() == "leaderboard").unwrap() + 1;
        zip.by_name(&format!("ppt/slides/slide{k}.xml")).unwrap().read_to_string(&mut leaderboard).unwrap();
        assert!(leaderboard.contains("Our &lt;partners&gt; &amp; us"), "the user's title, escaped");

        // What the reader must find: written beside the deck for check_pptx.py.
        let expected = serde_json::json!({
            "titles": slides.iter().map(|&s| title_of(s, &snap)).collect::<Vec<_>>(),
            "slides": slides.iter().map(|s| s.id()).collect::<Vec<_>>(),
            "charts": charts,
            "notes": "Win rate",
        });
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pptx-check");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("sample.pptx"), &bytes).unwrap();
        std::fs::write(dir.join("sample.json"), expected.to_string()).unwrap();
    });
}

#[test]
fn a_logo_is_bounded_before_it_is_read_or_drawn() {
    use app::ui::board::brand::{logo_file_refusal, svg_refusal};
    assert!(logo_file_refusal(40_000.0, "image/png", "logo.png").is_none());
    assert!(logo_file_refusal(1e9, "application/octet-stream", "huge.bin").unwrap().contains("at most 5 MB"));
    assert!(logo_file_refusal(10e6, "image/svg+xml", "logo.svg").unwrap().contains("at most 512 KB"));
    assert!(logo_file_refusal(600e3, "", "LOGO.SVG").is_some(), "an SVG by its name too");
    assert!(svg_refusal("<svg><foreignObject><div>x</div></foreignObject></svg>").is_some());
    assert!(svg_refusal("<svg><SCRIPT>alert(1)</SCRIPT></svg>").is_some());
    assert!(svg_refusal("<svg><rect width='1' height='1'/></svg>").is_none());
}
