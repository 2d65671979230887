//! A literal prefilter for a list of regexes: one Aho-Corasick search for the literals each
//! regex requires ([`super::literals`]) tells which regexes may match a text, so that only
//! those are compiled and run. Most lines of an article hold no literal of a noise list at all.
//!
//! It may only ever say "maybe": a regex with no literal set is always a candidate.

use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use rustc_hash::FxHashMap;

use super::lazy_regex::Flags;
use super::literals::{self, Literals};

include!(concat!(env!("OUT_DIR"), "/builtin_literals.rs"));

/// A default rule regex's literal set, found at build time.
#[derive(Debug, Clone, Copy)]
struct BuiltinSet {
    /// The literals as the regex spells them.
    exact: &'static [&'static [u8]],
    /// Every spelling a case-insensitive search needs.
    spelled: &'static [&'static [u8]],
}

impl BuiltinSet {
    /// The literals to search for.
    fn literals(self, ignore_case: bool) -> Literals {
        let set = if ignore_case {
            self.spelled
        } else {
            self.exact
        };
        set.iter().map(|literal| literal.to_vec()).collect()
    }
}

/// How many regexes a candidate set can hold without allocating: the list bound, rounded up.
const CANDIDATE_WORDS: usize = super::MAX_PATTERNS.div_ceil(64);

/// A prefilter searches this many texts, then steps aside for good. The five seeds take no
/// regex that far (measured: 150 and 500 cost them the same); a corpus takes each one tens of
/// thousands of texts, and there the regexes' own DFAs are faster per line than the literal
/// search: most are anchored at the line start and give up after a few bytes, where a literal
/// search reads the whole line (measured on the small corpus: 375 M instructions for the
/// literal searches against 250 M for all the DFAs).
pub(crate) const PREFILTERED_TEXTS: usize = 256;

/// The texts a prefilter still searches (see [`PREFILTERED_TEXTS`]).
#[derive(Debug, Default)]
pub(crate) struct Budget {
    spent: AtomicUsize,
}

impl Budget {
    /// True, counting one text, while the prefilter still searches.
    pub(crate) fn spend(&self) -> bool {
        // Threads may count a text twice or not at all: the switch only needs to come.
        let spent = self.spent.load(Ordering::Relaxed);
        if spent >= PREFILTERED_TEXTS {
            return false;
        }
        self.spent.store(spent + 1, Ordering::Relaxed);
        true
    }

    /// True once the prefilter has searched all its texts (counting none).
    pub(crate) fn exhausted(&self) -> bool {
        self.spent.load(Ordering::Relaxed) >= PREFILTERED_TEXTS
    }
}

/// The literal search of one regex list.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// The literals of all regexes that have some (`None` when none has).
    searcher: Option<AhoCorasick>,
    /// For each literal of the searcher, the regexes that require it.
    owners: Vec<Vec<usize>>,
    /// The length of the longest literal, in bytes.
    longest: usize,
    /// The regexes without a literal set: candidates for every text.
    unfiltered: Vec<usize>,
}

impl Prefilter {
    /// The prefilter of `sources` under `flags`; `None` when one of them does not parse on its
    /// own (a list may rely on being joined) or the search does not build.
    pub(crate) fn new(sources: &[&str], flags: Flags) -> Option<Self> {
        let mut owners_of: FxHashMap<Vec<u8>, Vec<usize>> = FxHashMap::default();
        let mut unfiltered = Vec::new();
        for (index, source) in sources.iter().enumerate() {
            match literal_set(source, flags)? {
                Some(set) => {
                    for literal in set {
                        let owners = owners_of.entry(literal).or_default();
                        if owners.last() != Some(&index) {
                            owners.push(index);
                        }
                    }
                }
                None => unfiltered.push(index),
            }
        }
        let (literals, owners): (Vec<Vec<u8>>, Vec<_>) = owners_of.into_iter().unzip();
        let searcher = if literals.is_empty() {
            None
        } else {
            let built = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // The cheapest to build (the contiguous NFA is built from this one): it searches
                // few texts (see `PREFILTERED_TEXTS`).
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                // Dense transitions for the start state only: filling the rows of the next two
                // depths (the default) cost more to build than they save over so few texts.
                .dense_depth(1)
                .ascii_case_insensitive(flags.ignore_case)
                .build(&literals);
            Some(built.ok()?)
        };
        Some(Self {
            searcher,
            longest: literals.iter().map(Vec::len).max().unwrap_or(0),
            owners,
            unfiltered,
        })
    }

    /// The regexes without a literal set, which every text must be tested against.
    pub(crate) fn unfiltered(&self) -> &[usize] {
        &self.unfiltered
    }

    /// True when some regex may match `text`.
    pub(crate) fn may_match(&self, text: &str) -> bool {
        !self.unfiltered.is_empty()
            || self
                .searcher
                .as_ref()
                .is_some_and(|searcher| searcher.is_match(text))
    }

    /// The regexes with a literal set whose literals occur in `text`, each once.
    pub(crate) fn candidates<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut seen = [0u64; CANDIDATE_WORDS];
        // Most texts hold no literal at all, which the first search (it skips ahead with the
        // searcher's own prefilter) tells fast; the search for every occurrence, which cannot
        // skip, starts where a literal ending at the first one found could start.
        let first = self
            .searcher
            .as_ref()
            .and_then(|searcher| Some((searcher, searcher.find(text)?)));
        first
            .into_iter()
            .flat_map(move |(searcher, found)| {
                let start = found.end().saturating_sub(self.longest);
                searcher.find_overlapping_iter(Input::new(text).range(start..))
            })
            .flat_map(|found| {
                let owners = self.owners.get(found.pattern().as_usize());
                owners.into_iter().flatten().copied()
            })
            .filter(move |&index| {
                let Some(word) = seen.get_mut(index / 64) else {
                    return true;
                };
                let bit = 1 << (index % 64);
                let new = *word & bit == 0;
                *word |= bit;
                new
            })
    }
}

/// The literals to search for in the texts `source` matches (`Some(None)` when it has no literal
/// set), or `None` when it does not parse on its own. A default rule's regex has them from the
/// build ([`BUILTIN_LITERALS`]): parsing is most of building a prefilter.
pub(crate) fn literal_set(source: &str, flags: Flags) -> Option<Option<Literals>> {
    if let Ok(found) = BUILTIN_LITERALS.binary_search_by(|(builtin, _)| (*builtin).cmp(source)) {
        let (_, sets) = BUILTIN_LITERALS.get(found)?;
        return Some(sets.map(|set| set.literals(flags.ignore_case)));
    }
    // Case folding is left to the search (it would spell out every letter's two cases).
    let hir = flags.parse(source, false)?;
    Some(literals::required(&hir).map(|set| spellings(set, flags.ignore_case)))
}

/// The literals to search for: with `ignore_case`, every spelling a search folding only ASCII
/// needs.
fn spellings(set: Literals, ignore_case: bool) -> Literals {
    if !ignore_case {
        return set;
    }
    set.iter()
        .flat_map(|literal| literals::case_spellings(literal))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefilter(sources: &[&str], ignore_case: bool) -> Prefilter {
        let flags = Flags {
            ignore_case,
            multi_line: false,
        };
        Prefilter::new(sources, flags).unwrap_or_else(|| panic!("builds"))
    }

    fn candidates(prefilter: &Prefilter, text: &str) -> Vec<usize> {
        let mut found: Vec<usize> = prefilter.candidates(text).collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn only_regexes_whose_literals_occur_are_candidates() {
        let list = prefilter(
            &[r"^related (?:articles|news)$", r"^share$", r"^\s*$", "news"],
            true,
        );
        assert_eq!(list.unfiltered(), [2]);
        assert_eq!(candidates(&list, "RELATED NEWS"), [0, 3]);
        assert_eq!(candidates(&list, "Share this news"), [1, 3]);
        assert_eq!(
            candidates(&list, "Heavy rain flooded the streets."),
            Vec::<usize>::new()
        );
        assert!(
            list.may_match("anything"),
            "a regex without literals is always a candidate"
        );
    }

    #[test]
    fn case_folding_follows_the_regex_crate() {
        let list = prefilter(&["^share$", "материалы"], true);
        assert_eq!(candidates(&list, "ſHARE"), [0]);
        assert_eq!(candidates(&list, "МАТЕРИАЛЫ ПО ТЕМЕ"), [1]);
        let exact = prefilter(&["Share"], false);
        assert_eq!(candidates(&exact, "share"), Vec::<usize>::new());
        assert!(!exact.may_match("share"));
        assert!(exact.may_match("Share"));
    }

    #[test]
    fn the_literals_found_at_build_time_are_those_found_at_run_time() {
        assert!(
            BUILTIN_LITERALS.len() > 100,
            "the default rules' regexes are in the table"
        );
        for (source, sets) in BUILTIN_LITERALS {
            for (ignore_case, multi_line) in [(true, false), (false, true)] {
                let flags = Flags {
                    ignore_case,
                    multi_line,
                };
                let hir = flags.parse(source, false);
                let hir = hir.unwrap_or_else(|| panic!("{source} parses"));
                let now = literals::required(&hir).map(|set| spellings(set, ignore_case));
                let built = sets.map(|set| set.literals(ignore_case));
                assert_eq!(built, now, "{source}");
            }
        }
    }

    #[test]
    fn a_list_that_relies_on_being_joined_has_none() {
        let flags = Flags::default();
        assert!(Prefilter::new(&["a)|(?:b"], flags).is_none());
    }
}
