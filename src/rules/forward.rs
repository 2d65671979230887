//! A match test without a whole regex: the forward lazy DFA alone.
//!
//! A `regex::Regex` compiles, besides the forward automaton its `is_match` runs on, a reverse
//! one, a literal prefilter and the engines that report where a match starts and what its
//! groups hold. A rule that only asks whether a line matches needs none of those, and compiling
//! regexes is most of a short run: the forward lazy DFA alone compiles in about two thirds of
//! the time and gives the same answers (it is the engine `is_match` uses).

use std::cell::RefCell;
use std::sync::OnceLock;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::start;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use thread_local::ThreadLocal;

use super::lazy_regex::Flags;

/// A forward lazy DFA, with a cache per thread that searches.
pub(crate) struct Forward {
    /// Boxed, as the caches are: rule lists hold several unbuilt `Forward`s each, and moving
    /// the rule set around would copy hundreds of bytes per one.
    dfa: Box<DFA>,
    /// Each searching thread's cache, kept until the DFA is dropped. A thread reaches its own
    /// without a lock: a `regex_automata` pool gives that only to the first thread that
    /// searched, and every other thread paid a mutex (and the pool's bookkeeping) per line.
    caches: Box<ThreadLocal<RefCell<Cache>>>,
    /// The bytes a match can open with at a line start, once [`Forward::is_match_at`] asked.
    openings: OnceLock<Option<Box<Openings>>>,
}

/// For each byte, whether an anchored search can get past it when it is the first byte
/// searched: at the text start, after a line feed, after a carriage return (the starts that
/// [`Forward::is_match_at`] is asked about line after line).
struct Openings([[bool; 256]; 3]);

/// The bytes before a search start that [`Openings`] covers, in its order.
const OPENING_CONTEXTS: [Option<u8>; 3] = [None, Some(b'\n'), Some(b'\r')];

impl std::fmt::Debug for Forward {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Forward")
    }
}

impl Forward {
    /// The DFA of `source` with `flags` and the limits every rule regex has; `None` when the DFA
    /// cannot serve it (Unicode word boundaries, a size over the limit), and then the whole
    /// regex answers instead.
    pub(crate) fn new(source: &str, flags: Flags) -> Option<Self> {
        Self::with_kind(source, flags, MatchKind::LeftmostFirst)
    }

    /// The DFA of `source` that reports every match, not only the preferred one, for
    /// [`Self::any_anchored_end`]; `None` as for [`Self::new`].
    pub(crate) fn all_matches(source: &str, flags: Flags) -> Option<Self> {
        Self::with_kind(source, flags, MatchKind::All)
    }

    fn with_kind(source: &str, flags: Flags, kind: MatchKind) -> Option<Self> {
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(kind)
                    .cache_capacity(super::REGEX_DFA_SIZE_LIMIT)
                    // As the regex crate does: a DFA that keeps refilling its cache gives up,
                    // and the whole regex answers.
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .syntax(
                syntax::Config::new()
                    .case_insensitive(flags.ignore_case)
                    .multi_line(flags.multi_line)
                    .crlf(flags.multi_line),
            )
            .thompson(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(super::REGEX_SIZE_LIMIT)),
            )
            .build(source)
            .ok()?;
        Some(Self {
            dfa: Box::new(dfa),
            caches: Box::default(),
            openings: OnceLock::new(),
        })
    }

    /// Runs `search` with this thread's cache.
    fn with_cache<R>(&self, search: impl FnOnce(&mut Cache) -> R) -> R {
        self.searcher().with_cache(search)
    }

    /// A searcher for many texts in a row with this thread's cache, looked up once.
    pub(crate) fn searcher(&self) -> Searcher<'_> {
        Searcher {
            dfa: &self.dfa,
            cache: self.caches.get_or(|| RefCell::new(self.dfa.create_cache())),
        }
    }

    /// Whether the regex matches somewhere in `text`; `None` when the DFA gave up.
    pub(crate) fn is_match(&self, text: &str) -> Option<bool> {
        self.searcher().is_match(text)
    }

    /// Whether `accept` holds for some end of a match that starts at the start of `text` (ends
    /// ascending, stopping at the first accepted); `None` when the DFA gave up. Every end is seen
    /// only when the DFA was built by [`Self::all_matches`].
    pub(crate) fn any_anchored_end(
        &self,
        text: &str,
        accept: impl FnMut(usize) -> bool,
    ) -> Option<bool> {
        self.with_cache(|cache| self.anchored_ends(cache, text, accept))
    }

    /// [`Self::any_anchored_end`] with `cache`.
    fn anchored_ends(
        &self,
        cache: &mut Cache,
        text: &str,
        mut accept: impl FnMut(usize) -> bool,
    ) -> Option<bool> {
        let input = Input::new(text).anchored(Anchored::Yes);
        let mut state = self.dfa.start_state_forward(cache, &input).ok()?;
        for (at, &byte) in text.as_bytes().iter().enumerate() {
            state = self.dfa.next_state(cache, state, byte).ok()?;
            // The lazy DFA reports a match one byte late: this state says whether one ends at
            // `at`, before the byte just read.
            if state.is_match() && accept(at) {
                return Some(true);
            }
            if state.is_dead() {
                return Some(false);
            }
            if state.is_quit() {
                return None;
            }
        }
        state = self.dfa.next_eoi_state(cache, state).ok()?;
        Some(state.is_match() && accept(text.len()))
    }

    /// Whether a match of the regex starts exactly at byte `start` of `text` (the bytes before
    /// it still count for look-behind such as `^`); `None` when the DFA gave up.
    pub(crate) fn is_match_at(&self, text: &str, start: usize) -> Option<bool> {
        // Most lines open with a byte no match can open with, which a table tells without
        // setting up a search.
        let bytes = text.as_bytes();
        if let Some(&first) = bytes.get(start) {
            let behind = start.checked_sub(1).and_then(|at| bytes.get(at)).copied();
            let context = OPENING_CONTEXTS.iter().position(|&c| c == behind);
            let openings = self.openings.get_or_init(|| self.openings()).as_deref();
            let opens = openings
                .zip(context)
                .and_then(|(Openings(sets), context)| sets.get(context)?.get(usize::from(first)));
            if opens == Some(&false) {
                return Some(false);
            }
        }
        let input = Input::new(text)
            .range(start..)
            .anchored(Anchored::Yes)
            .earliest(true);
        let found = self.with_cache(|cache| self.dfa.try_search_fwd(cache, &input));
        Some(found.ok()?.is_some())
    }

    /// Which first bytes lead the anchored start state (in each context of
    /// [`OPENING_CONTEXTS`]) anywhere but to the dead state: past any other, no match can
    /// follow, not even an empty one (the DFA only reports a match a byte later). `None` when the
    /// DFA gave up.
    fn openings(&self) -> Option<Box<Openings>> {
        // A cache of its own: up to 768 states built here must not fill (and clear) the cache
        // the searches share, whose clear count decides when the DFA gives up.
        let mut cache = self.dfa.create_cache();
        let mut sets = [[false; 256]; 3];
        for (set, behind) in sets.iter_mut().zip(OPENING_CONTEXTS) {
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(behind);
            for (byte, opens) in (0..=u8::MAX).zip(set.iter_mut()) {
                // The start state is asked again for each byte: a cache cleared while the
                // previous transition was computed would have forgotten it.
                let state = self.dfa.start_state(&mut cache, &config).ok()?;
                *opens = !self.dfa.next_state(&mut cache, state, byte).ok()?.is_dead();
            }
        }
        Some(Box::new(Openings(sets)))
    }
}

/// A [`Forward`] with the cache of the thread that took it: a rule that tests a document's
/// lines one by one looks the cache up once for all of them, not once a line.
pub(crate) struct Searcher<'a> {
    dfa: &'a DFA,
    cache: &'a RefCell<Cache>,
}

impl Searcher<'_> {
    /// Runs `search` with the thread's cache. The cache is borrowed for this one search only,
    /// so that a search of the same DFA between two of these (a capturing search of a line
    /// that matched) still finds it free.
    #[inline]
    fn with_cache<R>(&self, search: impl FnOnce(&mut Cache) -> R) -> R {
        match self.cache.try_borrow_mut() {
            Ok(mut cache) => search(&mut cache),
            // A search of this DFA from inside another one on the same thread (from an
            // `accept` of `any_anchored_end`) gets a cache of its own.
            Err(_) => search(&mut self.dfa.create_cache()),
        }
    }

    /// Whether the regex matches somewhere in `text`; `None` when the DFA gave up.
    #[inline]
    pub(crate) fn is_match(&self, text: &str) -> Option<bool> {
        let input = Input::new(text).earliest(true);
        let found = self.with_cache(|cache| self.dfa.try_search_fwd(cache, &input));
        Some(found.ok()?.is_some())
    }

    /// [`Self::is_match`] of each of `texts`, two searched at a time (see
    /// [`super::interleaved`]); `None` when the DFA gave up.
    pub(crate) fn is_match_each(&self, texts: &[&str]) -> Option<Vec<bool>> {
        self.with_cache(|cache| super::interleaved::is_match_each(self.dfa, cache, texts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_anchored_match_end_is_seen_in_order() {
        let flags = Flags {
            ignore_case: true,
            multi_line: false,
        };
        let source = r"(?:\s*-\s*|\s+to\s+)(?:[0-9]{1,2}(?:st|\.)?\s*)?";
        let all = Forward::all_matches(source, flags);
        let all = all.unwrap_or_else(|| panic!("builds"));
        let whole = regex::RegexBuilder::new(&format!("^(?:{source})$"))
            .case_insensitive(true)
            .build();
        let whole = whole.unwrap_or_else(|error| panic!("{error}"));
        for text in [
            " - 12st  May",
            " TO 3.x",
            "-",
            " to",
            "x - 1",
            " – 1",
            "  -  ",
            " to 5 ",
        ] {
            let mut seen = Vec::new();
            let found = all.any_anchored_end(text, |end| {
                seen.push(end);
                false
            });
            assert_eq!(found, Some(false), "{text:?}");
            let expected: Vec<usize> = (0..=text.len())
                .filter(|&end| text.get(..end).is_some_and(|head| whole.is_match(head)))
                .collect();
            assert_eq!(seen, expected, "{text:?}");
            let first = expected.first().copied();
            let mut stopped_at = None;
            let accepted = all.any_anchored_end(text, |end| {
                stopped_at = Some(end);
                true
            });
            assert_eq!(accepted, Some(first.is_some()), "{text:?}");
            assert_eq!(stopped_at, first, "{text:?}");
        }
    }

    #[test]
    fn a_search_nested_in_another_of_the_same_dfa_gets_its_own_cache() {
        let flags = Flags::default();
        let forward = Forward::all_matches("ab|abcd", flags);
        let forward = forward.unwrap_or_else(|| panic!("builds"));
        let mut inner = Vec::new();
        let found = forward.any_anchored_end("abcd", |end| {
            inner.push((
                end,
                forward.is_match("xxcd"),
                forward.is_match_at("zabcd", 1),
            ));
            false
        });
        assert_eq!(found, Some(false));
        assert_eq!(
            inner,
            vec![(2, Some(false), Some(true)), (4, Some(false), Some(true))]
        );
    }

    #[test]
    fn a_searcher_shares_its_cache_with_searches_between_its_own() {
        let forward = Forward::new(r"^(?:share|tweet)(?-u:\b)", Flags::default());
        let forward = forward.unwrap_or_else(|| panic!("builds"));
        let searcher = forward.searcher();
        let mut answers = Vec::new();
        for text in ["share it", "a tweet", "tweet", "x\nshare"] {
            let between = forward.is_match_at(text, 0);
            answers.push((searcher.is_match(text), between));
        }
        let expected = [(true, true), (false, false), (true, true), (false, false)];
        assert_eq!(answers, expected.map(|(a, b)| (Some(a), Some(b))));
    }

    #[test]
    fn every_thread_gets_the_answers_of_the_first() {
        let forward = Forward::new(r"^share(?-u:\b)", Flags::default());
        let forward = forward.unwrap_or_else(|| panic!("builds"));
        let texts = ["share this", "shared", "to share", "share"];
        let answers = |forward: &Forward| texts.map(|text| forward.is_match(text));
        let first = answers(&forward);
        assert_eq!(first, [Some(true), Some(false), Some(false), Some(true)]);
        std::thread::scope(|scope| {
            let others = [
                scope.spawn(|| answers(&forward)),
                scope.spawn(|| answers(&forward)),
            ];
            for other in others {
                assert_eq!(other.join().ok(), Some(first));
            }
        });
    }
}
