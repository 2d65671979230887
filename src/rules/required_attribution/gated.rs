//! A costly cue regex compiled on first use, behind a cheap gate.
//!
//! The name shapes of the attribution cues (Unicode letter classes, repeated for up to four
//! tokens and a list of names) make their regexes the slowest of the default rules to compile,
//! while most documents hold no line that could match them. Each such cue has a gate: a short
//! regex that matches wherever the cue does (the cue's opening up to the first capital of the
//! name, or a word the cue requires). The cue itself compiles the first time a gate lets a line
//! through, once per run, shared by all threads.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::cues::build;
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::prefilter::Budget;
use crate::rules::{Compilation, CompileError};

/// A regex compiled when its gate first matches.
#[derive(Debug)]
pub(super) struct Gated {
    /// Matches wherever `source` matches, and compiles fast.
    gate: LazyRegex,
    /// The cue's own pattern, known to parse.
    source: String,
    /// The compiled cue, once a line passed the gate.
    cue: OnceLock<Option<Regex>>,
    /// The lines the gate's forward DFA answers before the whole gate is compiled.
    warm_up: Budget,
}

impl Gated {
    /// A cue behind its gate. When `compilation` is eager (a user's rule file) the cue and the
    /// gate compile now, with errors reported as the cue's.
    pub(super) fn new(
        gate: &str,
        source: String,
        compilation: Compilation,
    ) -> Result<Self, CompileError> {
        if compilation == Compilation::Eager {
            // A user's cue compiles in full now, so that one over the size limit is an error of
            // its rule file rather than a cue that silently matches nothing.
            build(&source, compilation)?;
        }
        Ok(Self {
            gate: build(gate, compilation)?,
            source,
            cue: OnceLock::new(),
            warm_up: Budget::default(),
        })
    }

    /// Compiles the gate unless a line already did (see [`crate::rules::Check::prepare`]).
    pub(super) fn prepare(&self) {
        self.gate.prepare_test();
    }

    /// The gate: it matches wherever the cue does.
    pub(super) fn gate(&self) -> &LazyRegex {
        &self.gate
    }

    /// Whether the gate matches in `text`. The first lines a run reads ask the gate's forward
    /// DFA, which compiles fastest (a pre-commit hook reads few lines); later ones ask the gate
    /// compiled whole, whose literal prefilter skips through a line (to the comma before a staff
    /// title) where the DFA reads every byte.
    fn gate_opens(&self, text: &str) -> bool {
        if self.warm_up.spend() {
            return self.gate.is_match(text);
        }
        self.gate
            .matching(text)
            .is_some_and(|gate| gate.is_match(text))
    }

    /// The cue's captures in `text`, as `Regex::captures` gives them.
    pub(super) fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        if !self.gate_opens(text) {
            return None;
        }
        // A user's cue compiled at load and a default rule's in a test
        // (`every_default_regex_list_compiles_within_the_size_limits` loads them eagerly), so this
        // compile cannot fail.
        let cue = self.cue.get_or_init(|| Regex::new(&self.source).ok());
        super::captures(cue.as_ref()?, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_like_the_cue_and_compiles_it_only_past_the_gate() {
        for compilation in [Compilation::Eager, Compilation::Lazy] {
            let gated = Gated::new(
                r"^By\s+\p{Lu}",
                r"^By\s+(?P<name>\p{Lu}\w+)".into(),
                compilation,
            )
            .unwrap_or_else(|error| panic!("{error:?}"));
            assert!(gated.captures("Nothing to see").is_none());
            assert!(gated.cue.get().is_none());
            let captures = gated.captures("By Anna");
            assert_eq!(
                captures.and_then(|c| c.name("name")).map(|m| m.as_str()),
                Some("Anna")
            );
            assert!(gated.cue.get().is_some());
        }
    }

    #[test]
    fn the_gate_answers_alike_before_and_after_its_warm_up() {
        let gated = Gated::new(
            r",\s*(?i:staff writer)",
            r"^(?P<name>\p{Lu}\w+),\s*(?i:staff writer)".into(),
            Compilation::Lazy,
        )
        .unwrap_or_else(|error| panic!("{error:?}"));
        let texts = [
            "Anna, Staff Writer",
            "Anna, a writer",
            "",
            "Anna,staff writer",
        ];
        let early: Vec<bool> = texts.iter().map(|text| gated.gate_opens(text)).collect();
        assert!(
            !gated.gate.is_compiled(),
            "only the forward DFA answers at first"
        );
        for _ in 0..=crate::rules::prefilter::PREFILTERED_TEXTS {
            gated.gate_opens("");
        }
        let late: Vec<bool> = texts.iter().map(|text| gated.gate_opens(text)).collect();
        assert_eq!(early, [true, false, false, true]);
        assert_eq!(late, early);
        assert!(gated.gate.is_compiled());
    }

    #[test]
    fn a_broken_cue_is_reported_at_load() {
        let error = Gated::new("x", "(unclosed".into(), Compilation::Eager).err();
        assert!(error.is_some_and(|error| error.message.contains("unclosed")));
    }
}
