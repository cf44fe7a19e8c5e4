//! The PowerPoint deck of a snapshot: the chosen slides in order, each
//! title the one on screen (takeaway or the user's words), text as text,
//! charts as pictures the page has rendered, the definitions in the
//! speaker notes. No Leptos: the tests build decks natively.

use crate::pptx::{Body, Deck, DeckSlide, Picture};
use crate::ui::board::slide_charts::slides_of;
use crate::ui::board::slides::Slide;
use crate::ui::board::summary::{definitions, summary_facts};
use crate::ui::board::takeaways::{findings, title_of};
use crate::ui::format::{money, percent};
use engine::share::Snapshot;

/// The retention figures as a small table.
fn retention_table(s: &Snapshot) -> Option<(Vec<String>, Vec<Vec<String>>)> {
    let r = s.retention.as_ref()?;
    let ratio = |x: Option<f64>| x.map_or_else(|| "—".to_string(), percent);
    let head = vec![
        format!("Accounts ({})", r.window),
        "Count".into(),
        "Gross revenue retention".into(),
        "Net revenue retention".into(),
    ];
    let rows = vec![
        vec![r.who.clone(), r.accounts[0].to_string(), ratio(r.grr[0]), ratio(r.nrr[0])],
        vec!["Other accounts".into(), r.accounts[1].to_string(), ratio(r.grr[1]), ratio(r.nrr[1])],
    ];
    Some((head, rows))
}

/// What a slide holds, given the picture of its chart (if the page made one).
fn body_of(slide: Slide, s: &Snapshot, picture: Option<Picture>) -> Body {
    match (slide, picture) {
        (Slide::Summary, _) => Body::Points { numbered: findings(s), plain: summary_facts(s) },
        (Slide::Overview, _) => Body::Table {
            head: vec!["Figure".into(), "Value".into(), "What it counts".into()],
            rows: s.cards.iter().map(|c| vec![c.title.clone(), c.value.clone(), c.detail.clone()]).collect(),
        },
        (Slide::Leaderboard, _) => Body::Table {
            head: vec![
                "Partner".into(),
                "Deals".into(),
                "Sourced revenue".into(),
                "Influenced revenue".into(),
                "Win rate".into(),
                format!("Credit ({})", s.model),
            ],
            rows: s
                .partners
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.deals.to_string(),
                        money(p.sourced, &s.currency),
                        money(p.influenced, &s.currency),
                        p.win_rate.map_or_else(|| "—".into(), percent),
                        money(p.credit, &s.currency),
                    ]
                })
                .collect(),
        },
        (Slide::Definitions, _) => Body::Terms(definitions(s)),
        (Slide::Retention, Some(picture)) => Body::Chart { table: retention_table(s), picture },
        (Slide::Retention, None) => match retention_table(s) {
            Some((head, rows)) => Body::Table { head, rows },
            None => Body::Points { numbered: Vec::new(), plain: vec!["Not available for this data.".into()] },
        },
        (_, Some(picture)) => Body::Chart { table: None, picture },
        (_, None) => Body::Points { numbered: Vec::new(), plain: vec!["Not available for this data.".into()] },
    }
}

/// The speaker notes of every slide: what each rule and figure means.
fn notes_of(s: &Snapshot) -> String {
    definitions(s).into_iter().map(|(term, meaning)| format!("{term}: {meaning}")).collect::<Vec<_>>().join("\n")
}

/// The deck of `s`: its slides in order; `pictures` holds the rendered
/// chart of each slide that has one.
pub fn deck_of(
    s: &Snapshot,
    pictures: Vec<(Slide, Picture)>,
    accent: &str,
    logo: Option<(Vec<u8>, (u32, u32))>,
) -> Deck {
    let mut pictures = pictures;
    let notes = notes_of(s);
    let slides = slides_of(s)
        .into_iter()
        .map(|slide| {
            let picture = pictures.iter().position(|(k, _)| *k == slide).map(|i| pictures.remove(i).1);
            DeckSlide {
                kicker: format!("{} · {}", s.title, slide.label()),
                title: title_of(slide, s),
                body: body_of(slide, s, picture),
                footer: s.subtitle.clone(),
                notes: notes.clone(),
            }
        })
        .collect();
    Deck { title: s.title.clone(), accent: accent.to_string(), logo, slides }
}
