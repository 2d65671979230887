//! A match test without a whole regex: the forward lazy DFA alone.
//!
//! A `regex::Regex` compiles, besides the forward automaton its `is_match` runs on, a reverse
//! one, a literal prefilter and the engines that report where a match starts and what its
//! groups hold. A rule that only asks whether a line matches needs none of those, and compiling
//! regexes is most of a short run: the forward lazy DFA alone compiles in about two thirds of
//! the time and gives the same answers (it is the engine `is_match` uses).

use std::sync::{Arc, OnceLock};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::start;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

use super::lazy_regex::Flags;

/// Makes a cache for a thread that has none free.
type CacheMaker = Box<dyn Fn() -> Cache + Send + Sync>;

/// A forward lazy DFA, with a cache per thread that searches.
pub(crate) struct Forward {
    dfa: Arc<DFA>,
    caches: Pool<Cache, CacheMaker>,
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
        let dfa = DFA::builder()
            .configure(
                DFA::config()
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
        let dfa = Arc::new(dfa);
        let shared = Arc::clone(&dfa);
        let maker: CacheMaker = Box::new(move || shared.create_cache());
        Some(Self {
            dfa,
            caches: Pool::new(maker),
            openings: OnceLock::new(),
        })
    }

    /// Whether the regex matches somewhere in `text`; `None` when the DFA gave up.
    pub(crate) fn is_match(&self, text: &str) -> Option<bool> {
        let mut cache = self.caches.get();
        let input = Input::new(text).earliest(true);
        let found = self.dfa.try_search_fwd(&mut cache, &input).ok()?;
        Some(found.is_some())
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
        let mut cache = self.caches.get();
        let input = Input::new(text)
            .range(start..)
            .anchored(Anchored::Yes)
            .earliest(true);
        let found = self.dfa.try_search_fwd(&mut cache, &input).ok()?;
        Some(found.is_some())
    }

    /// Which first bytes lead the anchored start state (in each context of
    /// [`OPENING_CONTEXTS`]) anywhere but to the dead state: past any other, no match can
    /// follow, not even an empty one (the DFA only reports a match a byte later). `None` when the
    /// DFA gave up.
    fn openings(&self) -> Option<Box<Openings>> {
        let mut cache = self.caches.get();
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
