//! The line starts a regex list searched through a whole text may match at, when every match
//! starts a line, holds one of the list's literals ([`super::literals`]) and crosses at most a
//! few line breaks: only the starts a few breaks before an occurrence of a literal.
//!
//! Such a list (a photo caption with its credit below it) is otherwise tried at every line
//! start, and from each one its DFA reads the lines a match could span: about the whole text,
//! once or twice over. The literals are rare, so the window leaves a handful of starts.
//!
//! Like the prefilter, it may only ever say "maybe".

use std::collections::VecDeque;

use aho_corasick::{AhoCorasick, packed};
use regex_syntax::hir::{Class, Hir, HirKind};

use super::lazy_regex::Flags;
use super::literals::Literals;
use super::prefilter::literal_set;

/// The literal search of a list and the most line feeds one of its matches can hold.
#[derive(Debug)]
pub(crate) struct LineWindow {
    /// The literals of all the list's regexes, searched for through whole texts.
    searcher: Searcher,
    /// The length of the longest literal, in bytes.
    longest: usize,
    /// The most line feeds one match can hold.
    breaks: usize,
}

impl LineWindow {
    /// The window of the regexes `sources` under `flags`; `None` when one of them does not
    /// parse on its own, has no literal set, or can match any number of line breaks.
    pub(crate) fn new(sources: &[&str], flags: Flags) -> Option<Self> {
        let mut breaks = 0;
        let mut literals = Literals::new();
        for source in sources {
            let hir = flags.parse(source, false)?;
            breaks = breaks.max(max_line_breaks(&hir)?);
            literals.extend(literal_set(source, flags)??);
        }
        let searcher = match packed_searcher(&literals, flags) {
            Some(packed) => Searcher::Packed(packed),
            None => Searcher::Automaton(
                AhoCorasick::builder()
                    .ascii_case_insensitive(flags.ignore_case)
                    .build(&literals)
                    .ok()?,
            ),
        };
        Some(Self {
            searcher,
            longest: literals.iter().map(Vec::len).max().unwrap_or(0),
            breaks,
        })
    }

    /// The line starts of `text` (its start and each byte after a line feed or a carriage
    /// return) at which a match may start, ascending: for each occurrence of a literal, those
    /// before it (or in it) with at most the list's number of line feeds in between.
    pub(crate) fn starts(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut feeds = RecentFeeds::new(bytes, self.breaks.saturating_add(1));
        // The search reports no overlaps (one that did could not skip ahead): an occurrence it
        // passes over overlaps one it reports, so it starts at most a literal's length before
        // that one, and before its end. Occurrences come in ascending order, so the text is
        // read for line feeds once, not once per occurrence (a long line holds many), and the
        // windows come out in ascending order.
        let windows = self.searcher.occurrences(text).map(|(start, end)| {
            let first = feeds.window_start(start.saturating_sub(self.longest));
            (first, end)
        });
        let mut starts = Vec::new();
        // Line starts below `covered` have been looked at.
        let mut covered = 0;
        for (first, last) in windows {
            let first = first.max(covered);
            if first > last {
                continue;
            }
            if first == 0 {
                starts.push(0);
            }
            // A line start in `first..=last` (past 0) follows a break at `first - 1..last`.
            let low = first.max(1) - 1;
            let breaks =
                memchr::memchr2_iter(b'\n', b'\r', bytes.get(low..last).unwrap_or_default());
            starts.extend(breaks.map(|at| low + at + 1));
            covered = last + 1;
        }
        starts
    }
}

/// The last few line feeds before a position, for positions asked in ascending order: the text
/// is read once, front to back.
struct RecentFeeds<'t> {
    bytes: &'t [u8],
    /// The positions of the last `keep` line feeds before `read`, oldest first.
    last: VecDeque<usize>,
    keep: usize,
    /// How far the text has been read.
    read: usize,
}

impl<'t> RecentFeeds<'t> {
    fn new(bytes: &'t [u8], keep: usize) -> Self {
        // No room reserved for `keep`: a user's regex may allow thousands of line feeds, and
        // the ring only ever holds those the text has.
        Self {
            bytes,
            last: VecDeque::new(),
            keep,
            read: 0,
        }
    }

    /// Where the lines a match holding byte `at` can start in begin: after the line feed that
    /// leaves `keep - 1` of them (the list's bound) between it and `at`, or at the text's start.
    /// `at` must not be below an earlier call's.
    fn window_start(&mut self, at: usize) -> usize {
        let unread = self.bytes.get(self.read..at).unwrap_or_default();
        for feed in memchr::memchr_iter(b'\n', unread) {
            if self.last.len() == self.keep {
                self.last.pop_front();
            }
            self.last.push_back(self.read + feed);
        }
        self.read = self.read.max(at);
        match self.last.front() {
            Some(&oldest) if self.last.len() == self.keep => oldest + 1,
            _ => 0,
        }
    }
}

/// A literal search through whole texts.
#[derive(Debug)]
enum Searcher {
    /// A SIMD search (Teddy), for a few literals matched with their case.
    Packed(packed::Searcher),
    /// An automaton, for the others.
    Automaton(AhoCorasick),
}

impl Searcher {
    /// The start and end of the occurrences found, without overlaps.
    fn occurrences<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = (usize, usize)> + 'a> {
        match self {
            Self::Packed(searcher) => Box::new(
                searcher
                    .find_iter(text)
                    .map(|found| (found.start(), found.end())),
            ),
            Self::Automaton(searcher) => Box::new(
                searcher
                    .find_iter(text)
                    .map(|found| (found.start(), found.end())),
            ),
        }
    }
}

/// The SIMD search takes at most this many literals (Teddy's own bound).
const PACKED_LITERALS: usize = 64;

/// Literals are cut to this many bytes for the SIMD search: a prefix of a required literal is
/// required, fewer literals are searched faster, and four bytes are still rare in text.
const PACKED_LITERAL_BYTES: usize = 4;

/// A SIMD search for `literals` cut to [`PACKED_LITERAL_BYTES`]; `None` when the search
/// folds case (the SIMD search cannot), the literals are too many or the CPU has no SIMD search.
fn packed_searcher(literals: &[Vec<u8>], flags: Flags) -> Option<packed::Searcher> {
    if flags.ignore_case {
        return None;
    }
    let mut cut: Literals = literals
        .iter()
        .map(|literal| {
            literal
                .get(..PACKED_LITERAL_BYTES)
                .unwrap_or(literal)
                .to_vec()
        })
        .collect();
    cut.sort_unstable();
    cut.dedup();
    if cut.len() > PACKED_LITERALS {
        return None;
    }
    packed::Config::new().builder().extend(&cut).build()
}

/// The most line feeds a match of `hir` can hold; `None` when there is no bound (a repetition
/// without a maximum of something that can match one).
fn max_line_breaks(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(literal) => Some(literal.0.iter().filter(|&&byte| byte == b'\n').count()),
        HirKind::Class(class) => Some(usize::from(matches_a_line_feed(class))),
        HirKind::Capture(capture) => max_line_breaks(&capture.sub),
        HirKind::Repetition(repetition) => match max_line_breaks(&repetition.sub)? {
            0 => Some(0),
            one => one.checked_mul(usize::try_from(repetition.max?).ok()?),
        },
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(0usize, |sum, part| sum.checked_add(max_line_breaks(part)?)),
        HirKind::Alternation(branches) => branches
            .iter()
            .try_fold(0, |most, branch| Some(most.max(max_line_breaks(branch)?))),
    }
}

/// True when `class` holds a line feed.
fn matches_a_line_feed(class: &Class) -> bool {
    match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .any(|range| range.start() <= '\n' && range.end() >= '\n'),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .any(|range| range.start() <= b'\n' && range.end() >= b'\n'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MULTI_LINE: Flags = Flags {
        ignore_case: false,
        multi_line: true,
    };

    fn breaks(source: &str) -> Option<usize> {
        let hir = MULTI_LINE.parse(source, false);
        max_line_breaks(&hir.unwrap_or_else(|| panic!("{source} parses")))
    }

    #[test]
    fn line_breaks_are_counted_through_repetitions_and_branches() {
        assert_eq!(breaks(r"^[^\n]+$"), Some(0));
        assert_eq!(breaks(r"^\r?\n(?:[^\n]+\n){1,2}AP"), Some(3));
        assert_eq!(breaks(r"^a[ \t]+b|^(?:c\n){3}"), Some(3));
        assert_eq!(breaks(r"^a\s+b"), None);
        assert_eq!(breaks(r"^(?:\s*\n){2,}"), None);
        assert_eq!(breaks(r"^.*$"), Some(0));
    }

    #[test]
    fn only_starts_a_few_lines_before_a_literal_are_left() {
        let window = LineWindow::new(&[r"^\n[^\n]+\nPhoto: AP"], MULTI_LINE);
        let window = window.unwrap_or_else(|| panic!("builds"));
        let text = "One.\n\nTwo.\n\nA caption here\nPhoto: AP\n\nThree.\r\nFour.";
        let starts = window.starts(text);
        let caption = text.find("A caption").unwrap_or_default();
        assert!(starts.contains(&(caption - 1)), "{starts:?}");
        let two = text.find("Two.").unwrap_or_default();
        assert!(starts.iter().all(|&start| start >= two), "{starts:?}");
        assert!(window.starts("\nA\nPhoto: AP").contains(&0));
        assert!(window.starts("Nothing to see.\n\nHere.").is_empty());
    }

    #[test]
    fn starts_after_a_lone_carriage_return_count() {
        let window = LineWindow::new(&[r"^Photo"], MULTI_LINE);
        let window = window.unwrap_or_else(|| panic!("builds"));
        let starts = window.starts("a\rPhoto\r\nPhoto");
        assert!(starts.contains(&2) && starts.contains(&9), "{starts:?}");
    }

    #[test]
    fn a_list_that_can_span_any_number_of_lines_has_none() {
        assert!(LineWindow::new(&[r"(?:^\s*\n){2,}x"], MULTI_LINE).is_none());
        assert!(LineWindow::new(&[r"^x\n", r"^\s+$"], MULTI_LINE).is_none());
    }
}
