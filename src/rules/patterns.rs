//! The regex lists of rule files: checked, bounded (rule files are untrusted input) and joined
//! into one alternation per list, with the pattern at fault named when one does not compile.
//!
//! A list is first searched through its literal prefilter: a match test compiles and runs only
//! the regexes whose literals occur in the text, and a search for positions runs the joined
//! alternation only on a text where some regex may match. A short run (a pre-commit hook, an
//! editor) so compiles few regexes. After
//! [`PREFILTERED_TEXTS`](super::prefilter::PREFILTERED_TEXTS) texts the list uses the joined
//! alternation alone.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::lazy_regex::{Flags, LazyRegex};
use super::line_window::LineWindow;
#[cfg(test)]
use super::prefilter::PREFILTERED_TEXTS;
use super::prefilter::{Budget, Prefilter};
use super::{Compilation, CompileError};
use crate::document::Document;

mod tester;
pub(crate) use tester::ListTester;

/// At most this many regexes in one list of a rule file.
pub const MAX_PATTERNS: usize = 1_000;

/// The compiled size a rule file's regex may reach (the regex crate's own default, set here so
/// that the limit is ours): a hostile pattern such as `(?:\w{1000}){1000}` fails to compile instead
/// of filling memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 10 * (1 << 20);

/// The cache each regex may use for its lazy DFA while matching.
pub(crate) const REGEX_DFA_SIZE_LIMIT: usize = 2 * (1 << 20);

/// A rule file's list of regexes: any one matching is a match.
#[derive(Debug)]
pub(crate) struct PatternList {
    /// The alternation of all regexes, for searches that report positions.
    joined: LazyRegex,
    /// Each regex alone, for match tests through the prefilter.
    pieces: Vec<LazyRegex>,
    /// The prefilter and the alternation of the regexes it cannot filter, once a search needed
    /// them (`None` when the list has no usable prefilter and the joined regex answers).
    filtered: OnceLock<Option<Box<Filtered>>>,
    /// The texts the list still searches through the prefilter.
    budget: Budget,
    /// The line starts a search through a whole text needs to try, once a search asked (see
    /// [`Self::line_window`]).
    line_window: OnceLock<Option<Box<LineWindow>>>,
}

/// A list's prefilter with the alternation of the regexes that have no literal set.
#[derive(Debug)]
struct Filtered {
    prefilter: Prefilter,
    unfiltered: Option<LazyRegex>,
}

impl PatternList {
    fn new(joined: LazyRegex, sources: &[&str], flags: Flags) -> Self {
        Self {
            joined,
            pieces: sources
                .iter()
                .map(|source| LazyRegex::unchecked((*source).to_string(), flags))
                .collect(),
            filtered: OnceLock::new(),
            budget: Budget::default(),
            line_window: OnceLock::new(),
        }
    }

    /// True when one of the regexes matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.tester().is_match(text)
    }

    /// A tester for many texts in a row (a document's lines): the joined alternation's
    /// [`Tester`] is set up once, the first time the list's prefilter steps aside.
    pub(crate) fn tester(&self) -> ListTester<'_> {
        ListTester::new(self)
    }

    /// The alternation of all regexes, compiled, when one of them may match in `text`.
    pub(crate) fn matching(&self, text: &str) -> Option<&Regex> {
        if self
            .prefiltering()
            .is_some_and(|filtered| !filtered.prefilter.may_match(text))
        {
            return None;
        }
        self.joined.matching(text)
    }

    /// The matches of the alternation in `text`, each with its groups, in the order and at the
    /// places `Regex::captures_iter` finds them; empty matches may be left out. When every match
    /// starts a line, only line starts are tried (see [`captures_at_starts`]) instead of
    /// a search through every byte.
    pub(crate) fn captures_iter<'h>(
        &'h self,
        text: &'h str,
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'h> {
        self.captures_with(self.matching(text), text, || None)
    }

    /// [`Self::captures_iter`] of a document's whole text, whose line starts
    /// ([`document_line_starts`]) `line_starts` gives when asked: a search that tries line
    /// starts takes them from there instead of reading the text for line breaks.
    pub(crate) fn captures_iter_of_document<'h>(
        &'h self,
        text: &'h str,
        line_starts: impl FnOnce() -> &'h [usize],
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'h> {
        self.captures_with(self.matching(text), text, || Some(line_starts()))
    }

    /// [`Self::captures_iter`] of a text that [`Self::is_match`] accepted: the prefilter has had
    /// its say on it already, and is not asked (nor its budget spent) a second time.
    pub(crate) fn captures_iter_of_match<'h>(
        &'h self,
        text: &'h str,
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'h> {
        self.captures_with(self.joined.matching(text), text, || None)
    }

    /// The matches of `regex` (the compiled alternation, `None` when it cannot match) in `text`,
    /// whose line starts `known_starts` gives when they are known.
    fn captures_with<'h>(
        &'h self,
        regex: Option<&'h Regex>,
        text: &'h str,
        known_starts: impl FnOnce() -> Option<&'h [usize]>,
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'h> {
        let Some(regex) = regex else {
            return Box::new(std::iter::empty());
        };
        if self.joined.starts_lines() {
            let starts: Box<dyn Iterator<Item = usize>> = match self.line_window() {
                Some(window) => Box::new(window.starts(text).into_iter()),
                None => match known_starts() {
                    Some(known) => Box::new(known.iter().copied()),
                    None => Box::new(line_starts(text)),
                },
            };
            Box::new(captures_at_starts(&self.joined, regex, text, starts))
        } else {
            Box::new(regex.captures_iter(text))
        }
    }

    /// For a list searched through whole texts, every match of which starts a line, holds a
    /// literal and spans a bounded number of lines: the window that leaves only the line starts
    /// a few lines before a literal (see [`LineWindow`]).
    fn line_window(&self) -> Option<&LineWindow> {
        let flags = self.joined.flags();
        if !flags.multi_line {
            return None;
        }
        self.line_window
            .get_or_init(|| {
                let sources: Vec<&str> = self.pieces.iter().map(LazyRegex::source).collect();
                LineWindow::new(&sources, flags).map(Box::new)
            })
            .as_deref()
    }

    /// Builds what every search needs (see [`LazyRegex::prepare`]): the prefilter and the
    /// joined regex.
    pub(crate) fn prepare(&self) {
        self.filtered();
        self.joined.prepare();
    }

    /// Builds what every match test needs first: the prefilter and the regexes it cannot filter
    /// (the others compile when a text holds their literals, the joined alternation when the
    /// list's prefilter steps aside).
    pub(crate) fn prepare_test(&self) {
        match self.filtered() {
            Some(filtered) => filtered.unfiltered.iter().for_each(LazyRegex::prepare_test),
            None => self.joined.prepare_test(),
        }
    }

    /// The prefilter while the list still searches through it.
    fn prefiltering(&self) -> Option<&Filtered> {
        self.budget.spend().then(|| self.filtered()).flatten()
    }

    fn filtered(&self) -> Option<&Filtered> {
        self.filtered
            .get_or_init(|| self.build_filtered())
            .as_deref()
    }

    fn build_filtered(&self) -> Option<Box<Filtered>> {
        let flags = self.joined.flags();
        let sources: Vec<&str> = self.pieces.iter().map(LazyRegex::source).collect();
        let prefilter = Prefilter::new(&sources, flags)?;
        let unfiltered = prefilter.unfiltered();
        if unfiltered.len() == sources.len() {
            return None;
        }
        let unfiltered = (!unfiltered.is_empty()).then(|| {
            let joined = unfiltered
                .iter()
                .filter_map(|&index| sources.get(index))
                .map(|source| format!("(?:{source})"))
                .collect::<Vec<_>>()
                .join("|");
            LazyRegex::unchecked(joined, flags)
        });
        Some(Box::new(Filtered {
            prefilter,
            unfiltered,
        }))
    }
}

/// The start of `text` and each byte after a line feed or a carriage return: where `^` may
/// match in CRLF mode (it also matches after a lone `\r`; a start it does not match is refused
/// by the DFA or the search).
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let after_line_ends = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).map(|at| at + 1);
    std::iter::once(0).chain(after_line_ends)
}

/// The starts of a document's text that [`line_starts`] gives `^` to try, taken from its line
/// table: the text's start, the end of each line with its terminator (after a line feed, or the
/// text's end, where no match that is not empty starts), and the byte after each carriage
/// return that no line feed follows, which the table does not split at. The byte after the
/// carriage return of a CRLF is left out: `^` never matches there.
pub(crate) fn document_line_starts(doc: &Document) -> Vec<usize> {
    let after_lines = doc.lines().iter().map(|line| line.end_with_terminator);
    let mut starts: Vec<usize> = std::iter::once(0).chain(after_lines).collect();
    let bytes = doc.text().as_bytes();
    let lone_carriage_returns = memchr::memchr_iter(b'\r', bytes)
        .filter(|&at| bytes.get(at + 1) != Some(&b'\n'))
        .map(|at| at + 1);
    let from_lines = starts.len();
    starts.extend(lone_carriage_returns);
    if starts.len() > from_lines {
        starts.sort_unstable();
        // A carriage return that ends the text is where the last line ends too.
        starts.dedup();
    }
    starts
}

/// The non-empty matches of `regex` (`joined`, compiled) in `text`, every one of which starts
/// a line, found by trying `starts` in turn: ascending line starts that include every one a
/// match can start at. A start inside an earlier match is passed over, as a search through the
/// text would, and a start where the forward DFA sees no match needs no capturing search. A
/// capturing search from a start finds the match a search through the text would find next,
/// since none starts between the previous match and that start; after an empty one it goes on
/// from the next start, as the search would from the next character.
fn captures_at_starts<'h>(
    joined: &'h LazyRegex,
    regex: &'h Regex,
    text: &'h str,
    starts: impl Iterator<Item = usize> + 'h,
) -> impl Iterator<Item = Captures<'h>> + 'h {
    let mut next = 0;
    starts.filter_map(move |start| {
        if start < next || joined.is_match_at(text, start) == Some(false) {
            return None;
        }
        let Some(captures) = regex.captures_at(text, start) else {
            next = usize::MAX;
            return None;
        };
        let whole = captures.get(0)?;
        if whole.is_empty() {
            next = whole.start() + 1;
            return None;
        }
        next = whole.end();
        Some(captures)
    })
}

/// Checks a list of regexes from a rule file and joins them into one alternation, pointing at
/// the pattern that fails when one does. The list's length and the compiled size are bounded
/// (rule files are untrusted input): with [`Compilation::Eager`] the alternation is compiled
/// here, so a regex over the size limit is an error of its rule file, and only its Unicode
/// word-boundary gate compiles on first use; with [`Compilation::Lazy`] all of it does.
pub(crate) fn compile_patterns(
    patterns: &[toml::Spanned<String>],
    ignore_case: bool,
    multi_line: bool,
    compilation: Compilation,
) -> Result<PatternList, CompileError> {
    if patterns.len() > MAX_PATTERNS {
        return Err(CompileError {
            message: format!(
                "{} regexes in one list; at most {MAX_PATTERNS} are accepted",
                patterns.len()
            ),
            span: patterns.get(MAX_PATTERNS).map(|pattern| pattern.span()),
            help: Some("split the list into several rule files".into()),
        });
    }
    let flags = Flags {
        ignore_case,
        multi_line,
    };
    let sources: Vec<&str> = patterns
        .iter()
        .map(|pattern| pattern.get_ref().as_str())
        .collect();
    let joined = sources
        .iter()
        .map(|source| format!("(?:{source})"))
        .collect::<Vec<_>>()
        .join("|");
    if compilation == Compilation::Lazy {
        let regex = LazyRegex::unchecked(joined, flags);
        return Ok(PatternList::new(regex, &sources, flags));
    }
    // One parse and one compile of the joined regex tell whether all is well; the one-by-one
    // compile below runs only when something is wrong, to point at the pattern at fault.
    if let Some(regex) = LazyRegex::checked(joined.clone(), flags)
        && regex.compile_now().is_ok()
    {
        return Ok(PatternList::new(regex, &sources, flags));
    }
    for pattern in patterns {
        if let Err(error) = flags.builder(pattern.get_ref()).build() {
            return Err(CompileError {
                message: format!("invalid regex: {error}"),
                span: Some(pattern.span()),
                help: Some(regex_help(&error)),
            });
        }
    }
    let (error, help) = match flags.builder(&joined).build() {
        Err(error) => (error.to_string(), Some(regex_help(&error))),
        Ok(_) => ("it does not parse".to_string(), None),
    };
    Err(CompileError {
        message: format!("the patterns together do not compile: {error}"),
        span: patterns.first().map(|pattern| pattern.span()),
        help,
    })
}

/// How to fix a regex the crate refused.
fn regex_help(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => format!(
            "the regex compiles to more than {limit} bytes: large bounded repetitions \
             (`x{{1000}}`) and Unicode classes under ignore-case grow it; simplify it or split \
             the list into several rules"
        ),
        _ => "regexes use the syntax of the Rust `regex` crate".into(),
    }
}

#[cfg(test)]
mod limit_tests;
#[cfg(test)]
mod starts_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod window_tests;
