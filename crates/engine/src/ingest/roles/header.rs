//! How well a header names a role, from its words: the role id itself, a
//! synonym of the catalogue, a synonym's words among the header's words
//! (`DateTimeCreated__c` holds "created"), or a synonym inside it.

use super::RoleSpec;
use crate::ingest::csv_reader::normalise_header;

/// Header prefixes of HubSpot's per-stage tracking columns: they name a
/// stage, not a role, and feed the stage history (spec §7a).
const STAGE_TRACKING_PREFIXES: &[&str] =
    &["date entered", "date exited", "cumulative time in", "latest time in", "time in "];

/// Export prefixes that say nothing about the role (Pipedrive's `Deal - `,
/// Salesforce's `Opportunity.`, HubSpot's `property_`).
const PREFIXES: &[&str] =
    &["deal - ", "opportunity - ", "opportunity.", "deal.", "organization - ", "property_", "properties."];

/// How a header matched a role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeaderMatch {
    /// 1 for the role id, 0.95 for a synonym, 0.7 when a synonym's words are
    /// among the header's, 0.6 when a synonym is inside the header.
    pub score: f64,
    /// Position of the synonym that matched (the catalogue lists by preference).
    pub synonym: usize,
}

/// Words of a header, lower-case: split at anything but letters and digits
/// and at lower-to-upper case changes (`DateTimeCreated__c` → date, time,
/// created, c).
pub fn header_words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for ch in header.chars() {
        if !ch.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if ch.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = ch.is_lowercase() || ch.is_ascii_digit();
        current.extend(ch.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Whether a header names an identifier (`… ID`, `…Id`, `Key`, `Number`).
pub fn says_id(header: &str) -> bool {
    let words = header_words(header);
    let lower = header.trim().to_lowercase();
    words.iter().any(|w| matches!(w.as_str(), "id" | "key" | "guid" | "uuid" | "number" | "nr" | "no" | "ref"))
        || lower.ends_with("id") && lower.len() > 2 && !lower.ends_with("paid") && !lower.ends_with("valid")
}

/// Whether a stage column of `header` holding `labels` is Dynamics 365's
/// numeric state code (`statecode`: 0 open, 1 won, 2 lost).
pub fn is_dynamics_state_code<'a>(header: &str, mut labels: impl Iterator<Item = &'a str>) -> bool {
    let h = normalise_header(header);
    (h == "statecode" || h.ends_with("statecode")) && labels.all(|l| matches!(l.trim(), "0" | "1" | "2"))
}

/// How well `header` names the role `spec` (`None`: not at all).
pub fn header_match(header: &str, spec: &RoleSpec) -> Option<HeaderMatch> {
    // A role's name is short: past 200 bytes a header names none (and a
    // 60 MB "header" would be read for every synonym).
    let header = if header.len() > 200 { &header[..header.floor_char_boundary(200)] } else { header };
    let trimmed = header.trim();
    let lower = trimmed.to_lowercase();
    if STAGE_TRACKING_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return None;
    }
    if let Some(rest) = PREFIXES.iter().find_map(|p| lower.strip_prefix(p)) {
        let bare = &trimmed[trimmed.len() - rest.len()..];
        let best = [header_match(bare, spec), plain_match(trimmed, spec)]
            .into_iter()
            .flatten()
            .max_by(|a, b| a.score.total_cmp(&b.score));
        return best;
    }
    if spec.id == "sourcing_partner" && lower.ends_with("__c") {
        let name = lower.trim_end_matches("__c");
        let partnerish = ["partner", "reseller", "referral", "channel"].iter().any(|w| name.contains(w));
        let other_role = ["type", "tier", "role", "level", "status", "program"].iter().any(|w| name.contains(w));
        if partnerish && !other_role {
            // A field named for the partner beats a channel or referral field
            // (which often says "Direct"/"Indirect" rather than who).
            let score = if name.contains("partner") || name.contains("reseller") { 0.9 } else { 0.85 };
            return Some(HeaderMatch { score, synonym: 0 });
        }
    }
    plain_match(trimmed, spec)
}

fn plain_match(header: &str, spec: &RoleSpec) -> Option<HeaderMatch> {
    let h = normalise_header(header);
    if h.is_empty() {
        return None;
    }
    if h == normalise_header(spec.id) {
        return Some(HeaderMatch { score: 1.0, synonym: 0 });
    }
    let synonyms: Vec<String> = spec.synonyms.iter().map(|s| normalise_header(s)).collect();
    if let Some(i) = synonyms.iter().position(|s| *s == h) {
        return Some(HeaderMatch { score: 0.95, synonym: i });
    }
    if spec.multi && (h.starts_with("partner") && h.trim_start_matches("partner").parse::<u32>().is_ok()) {
        return Some(HeaderMatch { score: 0.95, synonym: 0 });
    }
    // "date" names the close date only as a whole header: inside a header
    // ("Last Activity Date") it says nothing about the role; the same for
    // words that every other header holds.
    const TOO_COMMON: &[&str] = &["date", "name", "type", "id", "time", "total", "value", "price", "rate"];
    let words = header_words(header);
    let by_words = spec.synonyms.iter().enumerate().find(|(_, s)| {
        let syn = header_words(s);
        !syn.is_empty()
            && (syn.len() != 1 || !TOO_COMMON.contains(&syn[0].as_str()))
            && syn.iter().all(|w| words.contains(w))
    });
    if let Some((i, _)) = by_words {
        return Some(HeaderMatch { score: 0.7, synonym: i });
    }
    // A synonym inside one word of the header (`LEADID`, `closedate`,
    // Polish "Partnera"), never across words: "Opp Close Date_Simulated"
    // would hold "closed at".
    synonyms
        .iter()
        .position(|s| s.len() >= 4 && !TOO_COMMON.contains(&s.as_str()) && words.iter().any(|w| w.contains(s.as_str())))
        .map(|i| HeaderMatch { score: 0.6, synonym: i })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_case_changes_and_punctuation() {
        assert_eq!(header_words("DateTimeCreated__c"), ["date", "time", "created", "c"]);
        assert_eq!(header_words("Est. close date"), ["est", "close", "date"]);
        assert_eq!(header_words("STAGE_ID"), ["stage", "id"]);
        assert_eq!(header_words("LeadAmount"), ["lead", "amount"]);
    }

    #[test]
    fn id_headers() {
        for h in ["Opportunity ID", "External_Id__c", "LEADID", "deal_id", "Record Number", "OpportunityId"] {
            assert!(says_id(h), "{h}");
        }
        for h in ["Amount", "Paid", "Valid", "Name", "Stage"] {
            assert!(!says_id(h), "{h}");
        }
    }
}
