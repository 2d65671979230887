//! The date gate: one match test of every form's regex joined, for a line that would otherwise
//! be searched form by form. Most lines that pass the digit test for several forms (numbers in
//! a paragraph) hold no date, and one pass over them tells so where each form would take its
//! own. The joined regex is a superset of each form's (see [`joined_superset`]), so a line it
//! refuses holds no match of any of them.

use std::sync::OnceLock;

use super::FormSearch;
use crate::rules::forward::Forward;
use crate::rules::lazy_regex::{Flags, joined_superset};
use crate::rules::prefilter::Budget;

/// The forward DFA of all forms joined, built on first use.
#[derive(Debug, Default)]
pub(super) struct DateGate {
    /// `None` when the forms do not join (fewer than two, or one does not parse).
    forward: OnceLock<Option<Forward>>,
    /// The lines searched before the DFA is built: a short run (a pre-commit hook) does without
    /// it, since compiling it costs more than it saves over a few documents.
    warm_up: Budget,
}

impl DateGate {
    /// False when no regex of `forms` can match in `line`. Each form is joined as it is
    /// searched: its run regex where it has one (which matches wherever its spelled-out regex
    /// does), else its spelled-out regex.
    pub(super) fn may_match(&self, forms: &[FormSearch], line: &str) -> bool {
        if self.warm_up.spend() {
            return true;
        }
        let forward = self.forward.get_or_init(|| {
            let regexes = forms.iter().map(|search| {
                search
                    .by_runs
                    .as_ref()
                    .map_or(&search.spelled, |by_runs| by_runs.regex())
            });
            Forward::new(&joined_superset(regexes)?, Flags::default())
        });
        // Without the DFA, or when it gives up, the forms must answer.
        forward.as_ref().and_then(|forward| forward.is_match(line)) != Some(false)
    }
}
