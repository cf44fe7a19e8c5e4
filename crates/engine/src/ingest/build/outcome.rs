//! A deal row's outcome, (closed, won): from its stage label (the usual
//! words, the user's choices in the stage editor, Dynamics state codes)
//! and its won and closed flags.

use super::{at, problem, Builder, RowProblem};
use crate::ingest::records::Row;
use crate::ingest::stage_words::OPEN_STAGE_WORDS;
use crate::ingest::values::{parse_bool, stage_outcome};

/// The columns a deal's outcome is read from.
#[derive(Clone, Copy)]
pub(super) struct OutcomeColumns {
    /// Stage labels.
    pub(super) stage: Option<usize>,
    /// The won flag.
    pub(super) is_won: Option<usize>,
    /// The closed flag.
    pub(super) is_closed: Option<usize>,
}

impl Builder<'_> {
    /// The outcome of a row, (closed, won), from its stage and its won and
    /// closed flags, with the stage label when it was not recognised.
    /// Where a known stage label and the won flag disagree, the flag
    /// decides (spec §2) and the row is counted for the report.
    pub(super) fn outcome<'r>(
        &mut self,
        row: Row<'r>,
        c: OutcomeColumns,
        disagreements: &mut usize,
    ) -> Result<(bool, bool, Option<&'r str>), RowProblem> {
        let (mut closed, mut won, mut unknown_stage) = (false, false, None);
        let mut stage_says = None;
        if let Some(stage) = at(row, c.stage) {
            let (outcome, unknown) = self.classify_stage(stage);
            if unknown {
                unknown_stage = Some(stage);
            } else {
                stage_says = Some(outcome);
            }
            (closed, won) = outcome;
        }
        if let Some(text) = at(row, c.is_won) {
            won = parse_bool(text)
                .ok_or_else(|| problem("is_won", "won flag is not yes/no", format!("\"{text}\" is not yes/no")))?;
            closed |= won;
        }
        if let Some(text) = at(row, c.is_closed) {
            closed = parse_bool(text).ok_or_else(|| {
                problem("is_closed", "closed flag is not yes/no", format!("\"{text}\" is not yes/no"))
            })? || won;
        }
        if stage_says.is_some_and(|(_, stage_won)| at(row, c.is_won).is_some() && stage_won != won) {
            *disagreements += 1;
        }
        Ok((closed, won, unknown_stage))
    }

    /// The outcome of a stage label, (closed, won), and whether the label is
    /// unknown (read as open); the user's choice in the stage editor wins.
    pub(super) fn classify_stage(&mut self, stage: &str) -> ((bool, bool), bool) {
        if let Some(&known) = self.stages.get(stage) {
            return known;
        }
        let known = match self.options.stage_overrides.get(stage) {
            Some(&outcome) => (outcome, false),
            None if self.state_codes => match stage {
                "1" => ((true, true), false),
                "2" => ((true, false), false),
                _ => ((false, false), false),
            },
            None => {
                let outcome = stage_outcome(stage);
                let lower = stage.to_lowercase();
                (outcome, !outcome.0 && !OPEN_STAGE_WORDS.iter().any(|w| lower.contains(w)))
            }
        };
        self.stages.insert(stage.to_string(), known);
        known
    }
}
