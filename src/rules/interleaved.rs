//! Match tests of many texts with one lazy DFA, two texts at a time.
//!
//! A DFA search is a chain: each byte's transition needs the state the byte before led to, so a
//! search waits on a memory load at every byte. Two searches stepped together overlap their
//! chains. Each of two cursors walks its own half of the texts (halved by bytes), so both stay
//! busy until the end: over 50 MB of corpus lines, `doubled-space`'s DFA took 41 ms this way
//! against 63 ms for the library's own search one line at a time.
//!
//! The answers are those of a search of each text alone: the same start state, transitions,
//! match states (earliest, as a match test stops) and end-of-input transition. A transition the
//! cache does not hold yet is computed by one cursor alone. Should that clear the cache, the
//! other cursor's state is lost, and the texts are left to searches one by one: a cache fills
//! up rarely once a run is warm, and a search alone is what the library knows to be safe. So
//! are the texts of a regex that can match empty: the library's search refuses an empty match
//! that splits a character, which a match state alone does not tell.

use regex_automata::Input;
use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};

/// Whether `dfa` matches somewhere in each of `texts`, in order; `None` when the cache was
/// cleared meanwhile or the DFA gave up (it met a byte it cannot handle).
pub(super) fn is_match_each(dfa: &DFA, cache: &mut Cache, texts: &[&str]) -> Option<Vec<bool>> {
    let nfa = dfa.get_nfa();
    if nfa.has_empty() && nfa.is_utf8() {
        return None;
    }
    let mut found = vec![false; texts.len()];
    let (front, back) = texts.split_at(byte_half(texts));
    let mut cursors = [Cursor::over(front, 0), Cursor::over(back, front.len())];
    let clears = cache.clear_count();
    for cursor in &mut cursors {
        cursor.restart(dfa, cache)?;
    }
    if cache.clear_count() != clears {
        return None;
    }
    // The bytes read, told to the cache as a search would, so that its rule for giving up
    // (too few bytes searched per state between clears) sees them.
    cache.search_start(0);
    while !cursors.iter().all(Cursor::finished) {
        step_together(dfa, cache, &mut cursors);
        for index in 0..cursors.len() {
            cache.search_update(cursors.iter().map(Cursor::read).sum());
            settle(dfa, cache, &mut cursors, index, &mut found)?;
        }
    }
    cache.search_finish(cursors.iter().map(Cursor::read).sum());
    Some(found)
}

/// Where to split `texts` so that both parts hold about as many bytes.
fn byte_half(texts: &[&str]) -> usize {
    let total: usize = texts.iter().map(|text| text.len()).sum();
    let mut bytes = 0;
    texts
        .iter()
        .position(|text| {
            bytes += text.len();
            bytes * 2 >= total
        })
        .map_or(texts.len(), |last| last + 1)
}

/// One cursor's texts and how far it has got.
struct Cursor<'t> {
    texts: &'t [&'t str],
    /// The index of `texts[0]` among all the texts.
    first: usize,
    /// The current text.
    text: usize,
    /// The bytes of the current text already read.
    at: usize,
    /// The bytes read of the texts already answered.
    done: usize,
    /// The state after those bytes.
    state: LazyStateID,
}

impl<'t> Cursor<'t> {
    /// A cursor over `texts`, the first of which is text `first` of all; its state is set by
    /// [`Self::restart`].
    fn over(texts: &'t [&'t str], first: usize) -> Self {
        Self {
            texts,
            first,
            text: 0,
            at: 0,
            done: 0,
            state: LazyStateID::default(),
        }
    }

    /// True once every text of the cursor is answered.
    fn finished(&self) -> bool {
        self.text >= self.texts.len()
    }

    /// The bytes the cursor has read.
    fn read(&self) -> usize {
        self.done + self.at
    }

    /// The bytes of the current text (none once finished).
    fn bytes(&self) -> &'t [u8] {
        self.texts
            .get(self.text)
            .map_or(&[], |text| text.as_bytes())
    }

    /// Starts the current text from its first byte.
    fn restart(&mut self, dfa: &DFA, cache: &mut Cache) -> Option<()> {
        self.at = 0;
        if let Some(text) = self.texts.get(self.text) {
            self.state = dfa.start_state_forward(cache, &Input::new(*text)).ok()?;
        }
        Some(())
    }
}

/// Steps both cursors a byte at a time while both are inside a text and every transition is
/// one the cache already holds (an untagged state): such steps cannot clear the cache. Once one
/// cursor is finished, the other goes on alone the same way.
fn step_together(dfa: &DFA, cache: &Cache, [one, two]: &mut [Cursor; 2]) {
    if one.finished() {
        step_alone(dfa, cache, two);
        return;
    }
    if two.finished() {
        step_alone(dfa, cache, one);
        return;
    }
    if one.state.is_tagged() || two.state.is_tagged() {
        return;
    }
    let first = one.bytes().get(one.at..).unwrap_or_default();
    let second = two.bytes().get(two.at..).unwrap_or_default();
    // Locals, so that the two states stay in registers through the loop.
    let (mut state_one, mut state_two) = (one.state, two.state);
    let mut taken = 0;
    for (&a, &b) in first.iter().zip(second) {
        let next_one = dfa.next_state_untagged(cache, state_one, a);
        let next_two = dfa.next_state_untagged(cache, state_two, b);
        if next_one.is_tagged() || next_two.is_tagged() {
            break;
        }
        (state_one, state_two) = (next_one, next_two);
        taken += 1;
    }
    (one.state, two.state) = (state_one, state_two);
    one.at += taken;
    two.at += taken;
}

/// [`step_together`] for one cursor.
fn step_alone(dfa: &DFA, cache: &Cache, cursor: &mut Cursor) {
    if cursor.state.is_tagged() {
        return;
    }
    let bytes = cursor.bytes().get(cursor.at..).unwrap_or_default();
    let mut state = cursor.state;
    let mut taken = 0;
    for &byte in bytes {
        let next = dfa.next_state_untagged(cache, state, byte);
        if next.is_tagged() {
            break;
        }
        state = next;
        taken += 1;
    }
    cursor.state = state;
    cursor.at += taken;
}

/// Moves cursor `index` on by one step that [`step_together`] could not take: it answers its
/// text when its state says (a match, no match possible) or the text has ended, else reads
/// one byte with a transition the cache may have to compute; `None` when that cleared the
/// cache, which loses the other cursor's state.
fn settle(
    dfa: &DFA,
    cache: &mut Cache,
    cursors: &mut [Cursor; 2],
    index: usize,
    found: &mut [bool],
) -> Option<()> {
    let clears = cache.clear_count();
    let cursor = cursors.get_mut(index)?;
    if cursor.finished() {
        return Some(());
    }
    if cursor.state.is_quit() {
        return None;
    }
    let answer = if cursor.state.is_match() {
        Some(true)
    } else if cursor.state.is_dead() {
        Some(false)
    } else if let Some(&byte) = cursor.bytes().get(cursor.at) {
        cursor.state = dfa.next_state(cache, cursor.state, byte).ok()?;
        cursor.at += 1;
        None
    } else {
        Some(dfa.next_eoi_state(cache, cursor.state).ok()?.is_match())
    };
    if let Some(matched) = answer {
        if let Some(slot) = found.get_mut(cursor.first + cursor.text) {
            *slot = matched;
        }
        cursor.text += 1;
        cursor.done += cursor.at;
        cursor.restart(dfa, cache)?;
    }
    (cache.clear_count() == clears).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answers of a search of each text alone, by the library.
    fn one_by_one(dfa: &DFA, cache: &mut Cache, texts: &[&str]) -> Vec<bool> {
        texts
            .iter()
            .map(|text| {
                let input = Input::new(*text).earliest(true);
                dfa.try_search_fwd(cache, &input)
                    .is_ok_and(|found| found.is_some())
            })
            .collect()
    }

    /// Regexes of the shapes the default line rules use: classes of white space, ASCII word
    /// boundaries, anchors at both ends, case-insensitive alternations, bounded repetitions.
    const SOURCES: [&str; 7] = [
        r"\S([^\S\r\n]{2,})\S",
        r"(?i)(?-u:\b)(?:we|they) (?:earn|get) (?:a )?commission(?-u:\b)",
        r"^(?:Share|Tweet)$",
        r"\((?i:photo|bild)(?:\s*:|\s+by)\s*[^()]{1,8}\)\s*$",
        r"",
        r"é{2}|\d{4}",
        // Matches empty, between the two bytes of an `é` too, where the library refuses it.
        r"(?-u:\B)",
    ];

    /// The DFA of `source` with a cache of `cache_capacity` bytes (the least the library allows
    /// when smaller) that never gives up, however often it is cleared.
    fn dfa(source: &str, cache_capacity: usize) -> DFA {
        DFA::builder()
            .configure(
                DFA::config()
                    .cache_capacity(cache_capacity)
                    .skip_cache_capacity_check(true)
                    .minimum_cache_clear_count(None),
            )
            .build(source)
            .unwrap_or_else(|error| panic!("{source}: {error}"))
    }

    #[test]
    fn the_halves_hold_about_as_many_bytes() {
        assert_eq!(byte_half(&[]), 0);
        assert_eq!(byte_half(&["abc"]), 1);
        assert_eq!(byte_half(&["a", "b", "c", "dddddd"]), 4);
        assert_eq!(byte_half(&["aaaa", "b", "c", "d", "e"]), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Every answer is the one-text search's, with a cache roomy enough to keep its states;
        /// with one so small that it is cleared in the middle of texts, there is no answer.
        #[test]
        fn each_answer_is_that_of_a_search_of_the_text_alone(
            texts in proptest::collection::vec(
                "(?:[a-z ]|  |\u{a0}|\u{2003}|We Earn A Commission|Share|\\(Photo: AP\\)|é|aéa|2024|\t){0,12}",
                0..40,
            ),
            source in 0..SOURCES.len(),
            small in proptest::bool::ANY,
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let source = SOURCES.get(source).copied().unwrap_or_default();
            let dfa = dfa(source, if small { 0 } else { 1 << 20 });
            let mut cache = dfa.create_cache();
            let expected = one_by_one(&dfa, &mut dfa.create_cache(), &texts);
            match is_match_each(&dfa, &mut cache, &texts) {
                Some(found) => proptest::prop_assert_eq!(found, expected),
                // Only the tiny cache, or a regex that can match empty, leaves the texts to
                // searches one by one.
                None => proptest::prop_assert!(small || dfa.get_nfa().has_empty()),
            }
        }
    }
}
