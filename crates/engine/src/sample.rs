//! The built-in sample: a realistic, deterministic B2B data set — about
//! 2,000 deals over 2024–2025, 14 named partners of six types, sourced and
//! influenced deals, dated touches by partners and internal teams, and open
//! deals still in the pipeline. It is written as the two canonical CSV
//! files and loaded through the same ingest path as a user's files.

use super::dataset::Dataset;
use super::date::Day;
use super::ingest::{load, InputFile};
use super::rng::SplitMix64;

/// A sample partner: name, type, how often it is involved, and its effect.
struct SamplePartner {
    name: &'static str,
    kind: &'static str,
    reach: f64,
    win_lift: f64,
    size_lift: f64,
}

const PARTNERS: &[SamplePartner] = &[
    SamplePartner { name: "Northwind Consulting", kind: "SI", reach: 9.0, win_lift: 0.16, size_lift: 1.35 },
    SamplePartner { name: "Acme Integrations", kind: "Technology", reach: 8.0, win_lift: 0.10, size_lift: 1.10 },
    SamplePartner { name: "Fivetran Labs", kind: "Technology", reach: 7.0, win_lift: 0.12, size_lift: 1.05 },
    SamplePartner { name: "Contoso Resellers", kind: "Reseller", reach: 6.5, win_lift: 0.08, size_lift: 0.95 },
    SamplePartner {
        name: "BlueSky Cloud Marketplace",
        kind: "Marketplace",
        reach: 5.0,
        win_lift: 0.14,
        size_lift: 1.20,
    },
    SamplePartner { name: "Stitch Data", kind: "Technology", reach: 4.5, win_lift: 0.06, size_lift: 1.00 },
    SamplePartner { name: "Vertex Systems", kind: "SI", reach: 4.0, win_lift: 0.18, size_lift: 1.60 },
    SamplePartner { name: "Harbor Group", kind: "Referral", reach: 3.0, win_lift: 0.02, size_lift: 0.80 },
    SamplePartner { name: "Evergreen Agency", kind: "Agency", reach: 3.0, win_lift: 0.05, size_lift: 0.90 },
    SamplePartner { name: "Pinnacle Advisors", kind: "Referral", reach: 2.5, win_lift: 0.09, size_lift: 1.15 },
    SamplePartner { name: "Lumen Analytics", kind: "Technology", reach: 2.5, win_lift: 0.04, size_lift: 1.00 },
    SamplePartner { name: "Keystone Digital", kind: "Agency", reach: 2.0, win_lift: 0.00, size_lift: 0.85 },
    SamplePartner { name: "Orbit Cloud Services", kind: "SI", reach: 1.5, win_lift: 0.11, size_lift: 1.25 },
    SamplePartner { name: "Quantum Partners", kind: "Reseller", reach: 1.0, win_lift: -0.02, size_lift: 0.90 },
];

const OWNERS: &[&str] =
    &["Ana Ruiz", "Ben Carter", "Chloé Martin", "Dana Kim", "Eli Novak", "Fatima Zahra", "Gus Olsen", "Hana Sato"];
const MARKETERS: &[&str] = &["Field Marketing", "Demand Gen"];
const PARTNER_MANAGERS: &[&str] = &["Priya Shah (Partnerships)", "Tom Becker (Partnerships)"];
const ACCOUNT_FIRST: &[&str] = &[
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Vandelay",
    "Dunder",
    "Massive",
    "Nakatomi",
];
const ACCOUNT_SECOND: &[&str] = &[
    "Labs",
    "Health",
    "Logistics",
    "Bank",
    "Retail",
    "Energy",
    "Media",
    "Foods",
    "Systems",
    "Capital",
    "Motors",
    "Insurance",
];

/// Number of deals in the sample.
pub const SAMPLE_DEALS: usize = 2_000;

/// The sample's "today": deals not closed by then are still open.
fn as_of() -> Day {
    Day::from_ymd(2026, 1, 31).expect("valid date")
}

/// The sample as canonical CSV files: `(deals.csv, touches.csv)`.
pub fn sample_csv() -> (String, String) {
    generate_csv(SAMPLE_DEALS, 20_240_101)
}

/// A sample-like data set of any size (benchmarks use 100,000 deals and more).
pub fn generate_csv(deal_count: usize, seed: u64) -> (String, String) {
    let mut rng = SplitMix64(seed);
    let start = Day::from_ymd(2024, 1, 1).expect("valid date");
    let mut deals = String::from("deal_id,deal_name,account,amount,currency,stage,created_date,close_date,sourcing_partner,influencing_partners,partner_type,deal_type,segment,owner,term_months\n");
    let mut touches = String::from("deal_id,touch_date,actor,actor_type,touch_type\n");
    let total_reach: f64 = PARTNERS.iter().map(|p| p.reach).sum();
    for n in 0..deal_count {
        let id = format!("S-{:06}", 100_000 + n);
        let created = Day(start.0 + rng.below(730) as i32);
        let (segment, base_amount, base_cycle) = match rng.unit() {
            u if u < 0.40 => ("SMB", 14_000.0, 38.0),
            u if u < 0.75 => ("Mid-Market", 42_000.0, 68.0),
            _ => ("Enterprise", 135_000.0, 112.0),
        };
        let deal_type = match rng.unit() {
            u if u < 0.55 => "New Business",
            u if u < 0.80 => "Expansion",
            _ => "Renewal",
        };
        let mut involved: Vec<usize> = Vec::new();
        if rng.chance(if segment == "Enterprise" { 0.62 } else { 0.45 }) {
            let count = 1 + usize::from(rng.chance(0.45)) + usize::from(rng.chance(0.2));
            while involved.len() < count {
                let mut pick = rng.unit() * total_reach;
                let idx = PARTNERS.iter().position(|p| {
                    pick -= p.reach;
                    pick < 0.0
                });
                let idx = idx.unwrap_or(PARTNERS.len() - 1);
                if !involved.contains(&idx) {
                    involved.push(idx);
                }
            }
        }
        let sourced = !involved.is_empty() && deal_type == "New Business" && rng.chance(0.45);
        let lift: f64 = involved.iter().map(|&i| PARTNERS[i].win_lift).sum::<f64>().min(0.35);
        let size: f64 = involved.iter().map(|&i| PARTNERS[i].size_lift).fold(1.0, f64::max);
        let win_p = (0.21 + lift + if deal_type == "Renewal" { 0.35 } else { 0.0 }).clamp(0.02, 0.95);
        let amount = (base_amount * size * rng.normal(1.0, 0.28).max(0.25) / 10.0).round() * 10.0;
        let speed = if involved.is_empty() { 1.0 } else { 0.82 };
        let cycle = (base_cycle * speed * rng.normal(1.0, 0.3).max(0.2)).round().max(5.0) as i32;
        let close = Day(created.0 + cycle);
        let stage = if close > as_of() {
            ["Prospecting", "Qualification", "Proposal", "Negotiation"][rng.below(4) as usize]
        } else if rng.chance(win_p) {
            "Closed Won"
        } else {
            "Closed Lost"
        };
        let account = format!(
            "{} {}",
            ACCOUNT_FIRST[rng.below(ACCOUNT_FIRST.len() as u64) as usize],
            ACCOUNT_SECOND[rng.below(ACCOUNT_SECOND.len() as u64) as usize]
        );
        let owner = OWNERS[rng.below(OWNERS.len() as u64) as usize];
        let sourcing = if sourced { PARTNERS[involved[0]].name } else { "" };
        let influencers: Vec<&str> = involved.iter().skip(usize::from(sourced)).map(|&i| PARTNERS[i].name).collect();
        let partner_type = involved.first().map_or("", |&i| PARTNERS[i].kind);
        // Contract terms without drawing from the generator (the rest of the
        // sample stays as it was): enterprise deals run longer.
        let term = match segment {
            "Enterprise" => [12, 24, 36, 36][n % 4],
            "Mid-Market" => [12, 24][n % 2],
            _ => 12,
        };
        deals.push_str(&format!(
            "{id},Deal {},{account},{amount:.2},USD,{stage},{created},{close},{},{},{partner_type},{deal_type},{segment},{owner},{term}\n",
            n + 1,
            csv_text(sourcing),
            csv_text(&influencers.join("; ")),
        ));
        // Touches: the sourcing partner at creation, others during the cycle,
        // internal teams around them.
        let day_in_cycle = |rng: &mut SplitMix64| Day(created.0 + rng.below(cycle.max(1) as u64) as i32);
        for (k, &p) in involved.iter().enumerate() {
            let date = if sourced && k == 0 { Day(created.0 - rng.below(10) as i32) } else { day_in_cycle(&mut rng) };
            let kind = if sourced && k == 0 {
                if rng.chance(0.5) {
                    "referral"
                } else {
                    "intro"
                }
            } else {
                ["co-sell", "integration", "intro", "co-sell"][rng.below(4) as usize]
            };
            touches.push_str(&format!("{id},{date},{},partner,{kind}\n", PARTNERS[p].name));
            if rng.chance(0.35) {
                let again = day_in_cycle(&mut rng);
                touches.push_str(&format!("{id},{again},{},partner,co-sell\n", PARTNERS[p].name));
            }
        }
        if !involved.is_empty() && rng.chance(0.4) {
            let who = PARTNER_MANAGERS[rng.below(2) as usize];
            touches.push_str(&format!("{id},{},{who},partnerships,partner\n", day_in_cycle(&mut rng)));
        }
        if rng.chance(0.3) {
            let who = MARKETERS[rng.below(2) as usize];
            touches.push_str(&format!("{id},{},{who},marketing,webinar\n", Day(created.0 - rng.below(20) as i32)));
        }
        for _ in 0..1 + rng.below(3) {
            touches.push_str(&format!("{id},{},{owner},sales,meeting\n", day_in_cycle(&mut rng)));
        }
    }
    (deals, touches)
}

/// Quote a cell for the sample CSV when needed.
fn csv_text(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The sample's partner roster: type, program tier (by reach) and start
/// date; three partners started in the sample's last year and one has no
/// deal yet, so "new partnerships" and the program breakdowns have data.
pub fn sample_roster_csv() -> String {
    let mut out = String::from("partner,partner type,tier,start date\n");
    for (i, p) in PARTNERS.iter().enumerate() {
        let tier = if p.reach >= 6.0 {
            "Gold"
        } else if p.reach >= 3.0 {
            "Silver"
        } else {
            "Registered"
        };
        let start = match p.name {
            "Keystone Digital" => "2025-03-01".to_string(),
            "Orbit Cloud Services" => "2025-06-01".to_string(),
            "Quantum Partners" => "2025-09-15".to_string(),
            _ => format!("20{}-{:02}-01", 21 + i % 3, 1 + (i * 5) % 12),
        };
        out.push_str(&format!("{},{},{tier},{start}\n", csv_text(p.name), p.kind));
    }
    out.push_str("Nimbus Apps,Technology,Registered,2025-10-01\n");
    out
}

/// The sample loaded as a [`Dataset`].
pub fn sample_dataset() -> Dataset {
    let (deals, touches) = sample_csv();
    let mut data = load(&[
        InputFile { name: "sample_deals.csv".into(), bytes: deals.into_bytes() },
        InputFile { name: "sample_touches.csv".into(), bytes: touches.into_bytes() },
        InputFile { name: "sample_roster.csv".into(), bytes: sample_roster_csv().into_bytes() },
    ])
    .expect("the built-in sample is valid");
    data.accounts = crate::sample_accounts::sample_account_files(&data, 20_260_131);
    data
}
