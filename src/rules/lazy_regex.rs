//! A regex checked when its rule file loads (or, for the default rules, which a test compiles,
//! not checked at all) and compiled the first time a document needs it.
//!
//! Compiling the default rules' regexes is most of a short run's start-up (a pre-commit hook or
//! an editor lints one file), while many of them only ever see lines that cheap tests (placement,
//! word count, digit runs) let through. Parsing tells whether a regex is valid for a fraction of
//! a compile, so errors are still reported at load; the compile itself happens once per run, on
//! first use, shared by all threads.
//!
//! A regex with Unicode word boundaries (`\b`) cannot run on the lazy DFA once a line holds a
//! non-ASCII character (a curly quote will do) and falls back to the PikeVM, many times slower.
//! Such a regex gets a gate: the same regex without those assertions, which runs on the DFA and
//! matches wherever the regex does (dropping an assertion only allows more), so text the gate
//! refuses is skipped without the slow search.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

use super::forward::{Forward, Searcher};

/// The flags a [`LazyRegex`] compiles with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Flags {
    /// Case-insensitive matching.
    pub ignore_case: bool,
    /// `^` and `$` match at line ends (CRLF-aware).
    pub multi_line: bool,
}

impl Flags {
    /// A builder for `source` with these flags.
    pub(crate) fn builder(self, source: &str) -> RegexBuilder {
        let mut builder = RegexBuilder::new(source);
        builder
            .case_insensitive(self.ignore_case)
            .multi_line(self.multi_line)
            .crlf(self.multi_line)
            .size_limit(super::REGEX_SIZE_LIMIT)
            .dfa_size_limit(super::REGEX_DFA_SIZE_LIMIT);
        builder
    }

    /// The syntax tree of `source` with these flags, case folding left out when `fold` is
    /// false: folding cannot fail with the `regex` crate's Unicode tables, and it is the
    /// costliest part of a parse.
    pub(crate) fn parse(self, source: &str, fold: bool) -> Option<Hir> {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(self.ignore_case && fold)
            .multi_line(self.multi_line)
            .crlf(self.multi_line)
            .build()
            .parse(source)
            .ok()
    }
}

/// A regex compiled on first use.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    /// The pattern, known to parse.
    source: String,
    flags: Flags,
    /// True when the pattern has Unicode word assertions, and so gets a gate; `None` when that
    /// is decided on first use.
    gated: Option<bool>,
    /// The gate, once a search needed it (`None` if it has none or it did not compile).
    gate: OnceLock<Option<Forward>>,
    /// The forward DFA that answers [`Self::is_match`] for a regex without a gate, once a test
    /// needed it (`None` if the DFA cannot serve the regex).
    forward: OnceLock<Option<Forward>>,
    /// The compiled regex, once a search needed it; `None` if it exceeded the compiled-size
    /// limit, the one error a parse cannot foresee, and then it matches nothing.
    compiled: OnceLock<Option<Regex>>,
    /// Whether every match starts a line, once a search asked: [`UNDECIDED`], else 0 or 1. One
    /// byte, which fits beside the flags: the registry's `Check` enum holds several lists.
    starts_lines: AtomicU8,
}

/// [`LazyRegex::starts_lines`] not decided yet.
const UNDECIDED: u8 = 2;

impl LazyRegex {
    /// Checks that `source` is a valid regex with `flags` (the parse a compile starts with);
    /// `None` when it is not.
    pub(crate) fn checked(source: String, flags: Flags) -> Option<Self> {
        let hir = flags.parse(&source, false)?;
        let gated = hir.properties().look_set().contains_word_unicode();
        Some(Self {
            gated: Some(gated),
            ..Self::parsed(source, flags)
        })
    }

    /// Wraps `source`, which the caller has checked parses with `flags`, without a gate.
    pub(crate) fn parsed(source: String, flags: Flags) -> Self {
        Self {
            gated: Some(false),
            ..Self::unchecked(source, flags)
        }
    }

    /// Wraps `source` unchecked: whether it parses, and whether it needs a gate, is found out
    /// on first use. For regexes fixed at build time, which a test compiles.
    pub(crate) fn unchecked(source: String, flags: Flags) -> Self {
        Self {
            source,
            flags,
            gated: None,
            gate: OnceLock::new(),
            forward: OnceLock::new(),
            compiled: OnceLock::new(),
            starts_lines: AtomicU8::new(UNDECIDED),
        }
    }

    /// The compiled regex when it may match in `text` (its gate, if any, matches there),
    /// compiled on the first such call; the gate compiles first, so a regex whose gate
    /// refuses every line of a run is never compiled at all.
    pub(crate) fn matching(&self, text: &str) -> Option<&Regex> {
        if self.gated != Some(false) {
            let gate = self.gate.get_or_init(|| self.compile_gate());
            // A gate that gave up lets the text through to the regex.
            if gate
                .as_ref()
                .is_some_and(|gate| gate.is_match(text) == Some(false))
            {
                return None;
            }
        }
        self.compiled
            .get_or_init(|| self.flags.builder(&self.source).build().ok())
            .as_ref()
    }

    /// Compiles the regex now instead of on first use, so that a rule file's regex over the
    /// compiled-size limit is an error when the file loads.
    pub(crate) fn compile_now(&self) -> Result<(), regex::Error> {
        if self.compiled.get().is_none() {
            let regex = self.flags.builder(&self.source).build()?;
            // Another thread may have compiled it first; either copy is the same regex.
            let _ = self.compiled.set(Some(regex));
        }
        Ok(())
    }

    /// Compiles what every search ([`Self::matching`]) needs unless one already did: the gate
    /// of a gated regex (the regex itself waits until the gate first lets a text through), else
    /// the regex. A helper thread calls it ahead of the searches, which then find it ready.
    pub(crate) fn prepare(&self) {
        if !self.has_gate() {
            self.compiled
                .get_or_init(|| self.flags.builder(&self.source).build().ok());
        }
    }

    /// Compiles what every test ([`Self::is_match`]) needs, as [`Self::prepare`] does for
    /// searches: the gate, else the forward DFA, else the regex.
    pub(crate) fn prepare_test(&self) {
        if !self.has_gate() && self.forward().is_none() {
            self.prepare();
        }
    }

    /// True when the regex matches somewhere in `text`. Without a gate the forward DFA alone
    /// answers, so a regex only ever tested never compiles whole.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.tester().is_match(text)
    }

    /// A tester for many texts in a row that decides once what [`Self::is_match`] decides for
    /// each: whether the forward DFA answers, and with which cache.
    pub(crate) fn tester(&self) -> Tester<'_> {
        let forward = if self.has_gate() {
            None
        } else {
            self.forward().map(Forward::searcher)
        };
        Tester {
            regex: self,
            forward,
        }
    }

    /// True when every match starts at the start of the text or of a line: each branch opens
    /// with `^` or `\A` (decided from the syntax tree the first time it is asked).
    pub(crate) fn starts_lines(&self) -> bool {
        match self.starts_lines.load(Ordering::Relaxed) {
            UNDECIDED => {
                // Threads that ask at once each parse, and all store the same answer.
                let decided = self
                    .flags
                    .parse(&self.source, false)
                    .is_some_and(|hir| starts_lines(&hir));
                self.starts_lines
                    .store(u8::from(decided), Ordering::Relaxed);
                decided
            }
            decided => decided == 1,
        }
    }

    /// Whether a match starts exactly at byte `start` of `text`, as the forward DFA tells
    /// without a capturing search; `None` when it cannot tell (a gated regex, a DFA that gave
    /// up), and then only the regex itself can.
    pub(crate) fn is_match_at(&self, text: &str, start: usize) -> Option<bool> {
        if self.has_gate() {
            return None;
        }
        self.forward()?.is_match_at(text, start)
    }

    /// True when the regex has a gate (compiled here the first time it is asked).
    fn has_gate(&self) -> bool {
        self.gated != Some(false) && self.gate.get_or_init(|| self.compile_gate()).is_some()
    }

    /// The forward DFA, built the first time it is asked.
    fn forward(&self) -> Option<&Forward> {
        self.forward
            .get_or_init(|| Forward::new(&self.source, self.flags))
            .as_ref()
    }

    /// The gate: the regex's syntax tree without Unicode word assertions (and without capture
    /// groups, which a gate does not need), printed back as a regex and built as a forward DFA;
    /// `None` when the regex has no such assertion.
    fn compile_gate(&self) -> Option<Forward> {
        if self.gated.is_none() && !may_assert_words(&self.source) {
            return None;
        }
        let hir = self.flags.parse(&self.source, true)?;
        if !hir.properties().look_set().contains_word_unicode() {
            return None;
        }
        // The printed tree carries its flags; only a match test is ever asked of a gate.
        Forward::new(&without_unicode_words(hir).to_string(), Flags::default())
    }

    /// The pattern.
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// The flags it compiles with.
    pub(crate) fn flags(&self) -> Flags {
        self.flags
    }

    /// True once a match test's engine (forward DFA or regex) has been built (for tests of
    /// laziness).
    #[cfg(test)]
    pub(crate) fn is_prepared(&self) -> bool {
        self.forward.get().is_some_and(Option::is_some) || self.is_compiled()
    }

    /// True once the regex has been compiled (for tests of laziness).
    #[cfg(test)]
    pub(crate) fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

/// [`LazyRegex::is_match`] for many texts in a row (see [`LazyRegex::tester`]).
pub(crate) struct Tester<'a> {
    regex: &'a LazyRegex,
    /// The forward DFA with this thread's cache, when it answers for the regex.
    forward: Option<Searcher<'a>>,
}

impl Tester<'_> {
    /// True when the regex matches somewhere in `text`: the forward DFA answers, and the whole
    /// regex when there is none or it gave up.
    #[inline]
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if let Some(answer) = self
            .forward
            .as_ref()
            .and_then(|forward| forward.is_match(text))
        {
            return answer;
        }
        self.regex
            .matching(text)
            .is_some_and(|regex| regex.is_match(text))
    }

    /// [`Self::is_match`] of each of `texts`, in order: the forward DFA searches two texts at
    /// a time, and when it cannot, each text is tested alone.
    pub(crate) fn is_match_each(&self, texts: &[&str]) -> Vec<bool> {
        self.forward
            .as_ref()
            .and_then(|forward| forward.is_match_each(texts))
            .unwrap_or_else(|| texts.iter().map(|text| self.is_match(text)).collect())
    }
}

/// True when every match of `hir` starts at the start of the text or of a line: a start
/// assertion must hold before its first byte, or it is an alternation of such branches (`\A…`
/// or `^…`), or a group or concatenation whose first part is such.
fn starts_lines(hir: &Hir) -> bool {
    let prefix = hir.properties().look_set_prefix();
    let asserted = [Look::Start, Look::StartLF, Look::StartCRLF]
        .into_iter()
        .any(|look| prefix.contains(look));
    asserted
        || match hir.kind() {
            HirKind::Alternation(branches) => branches.iter().all(starts_lines),
            HirKind::Capture(capture) => starts_lines(&capture.sub),
            HirKind::Concat(parts) => parts.first().is_some_and(starts_lines),
            _ => false,
        }
}

/// False when `source` cannot hold a word assertion: every one is written `\b`, `\B`, `\<` or
/// `\>` (the forms `\b{start}` and so on included), so a pattern without those needs no parse.
fn may_assert_words(source: &str) -> bool {
    ["\\b", "\\B", "\\<", "\\>"]
        .iter()
        .any(|escape| source.contains(escape))
}

/// `source` under `flags` printed back without its capture groups and its Unicode word
/// assertions (the printed regex carries its flags): it matches wherever `source` does, maybe
/// more, for a test of several regexes joined into one (which may not repeat a group name)
/// that only ever says "none of them matches here". Dropping the assertions keeps the joined
/// regex on the lazy DFA for text with non-ASCII letters, whatever a rule file writes; `None`
/// when `source` does not parse.
fn joinable_superset(source: &str, flags: Flags) -> Option<String> {
    let hir = flags.parse(source, true)?;
    Some(without_unicode_words(hir).to_string())
}

/// The alternation of `regexes` without their capture groups, to compile with the default
/// flags (each part carries its own); `None` for fewer than two, or when one does not parse.
pub(crate) fn joined_superset<'r>(
    regexes: impl IntoIterator<Item = &'r LazyRegex>,
) -> Option<String> {
    let regexes: Vec<&LazyRegex> = regexes.into_iter().collect();
    if regexes.len() < 2 {
        return None;
    }
    let parts: Option<Vec<String>> = regexes
        .iter()
        .map(|regex| joinable_superset(regex.source(), regex.flags()))
        .map(|part| part.map(|part| format!("(?:{part})")))
        .collect();
    Some(parts?.join("|"))
}

/// `hir` with every Unicode word assertion replaced by the empty regex and every capture group
/// by its contents: it matches wherever `hir` does, maybe more.
fn without_unicode_words(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) if is_unicode_word(look) => Hir::empty(),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Capture(Capture { sub, .. }) => without_unicode_words(*sub),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(without_unicode_words(*repetition.sub)),
            ..repetition
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(without_unicode_words).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(without_unicode_words).collect())
        }
    }
}

fn is_unicode_word(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

#[cfg(test)]
mod tests;
