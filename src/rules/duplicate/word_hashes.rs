//! The word hashes of near mode's paragraphs, in one arena: the shingles are made from them,
//! pairs are bounded by the words they share, and sketches of them rule out, before any
//! shingle is made, the paragraphs that share too few words with every other one.

use std::cmp::Ordering;

use super::Unit;
use super::lengths;
use super::shingles::ShingleIndex;

/// The word hashes of the paragraphs, in one arena. A paragraph's hashes are sorted in place
/// the first time it takes part in a comparison, once its shingles are done.
pub(super) struct WordHashes {
    hashes: Vec<u64>,
    /// Per paragraph, where its hashes lie in the arena.
    spans: Vec<WordSpan>,
}

/// Where one paragraph's word hashes lie in the arena, and whether they are sorted yet.
#[derive(Debug, Clone, Copy, Default)]
struct WordSpan {
    start: usize,
    end: usize,
    sorted: bool,
}

impl WordHashes {
    /// An empty arena for `units` paragraphs.
    pub(super) fn new(units: usize) -> Self {
        Self {
            hashes: Vec::new(),
            spans: vec![WordSpan::default(); units],
        }
    }

    /// Hashes the words of each of `units` flagged in `chosen`, with the seed of `index`.
    pub(super) fn add_all(&mut self, index: &ShingleIndex, units: &[Unit], chosen: &[bool]) {
        let words: usize = units
            .iter()
            .zip(chosen)
            .filter(|&(_, &chosen)| chosen)
            .map(|(unit, _)| unit.words)
            .sum();
        self.hashes.reserve(words);
        for ((span, unit), &chosen) in self.spans.iter_mut().zip(units).zip(chosen) {
            if !chosen {
                continue;
            }
            let start = self.hashes.len();
            index.hash_words(unit.key, &mut self.hashes);
            *span = WordSpan {
                start,
                end: self.hashes.len(),
                sorted: false,
            };
        }
    }

    /// The hashes of paragraph `unit`: in the order of its words until it is first compared,
    /// sorted from then on.
    pub(super) fn of_unit(&self, unit: usize) -> &[u64] {
        self.spans
            .get(unit)
            .and_then(|span| self.hashes.get(span.start..span.end))
            .unwrap_or_default()
    }

    /// How many words two paragraphs share, by hash.
    pub(super) fn common(&mut self, a: usize, b: usize) -> usize {
        self.sort(a);
        self.sort(b);
        common_words(self.of_unit(a), self.of_unit(b))
    }

    fn sort(&mut self, unit: usize) {
        let Some(span) = self.spans.get_mut(unit).filter(|span| !span.sorted) else {
            return;
        };
        span.sorted = true;
        if let Some(hashes) = self.hashes.get_mut(span.start..span.end) {
            hashes.sort_unstable();
        }
    }

    /// For each paragraph of `words` words that is flagged in `chosen` (and hashed), whether
    /// another one lies within both bounds of [`lengths`] with it: lengths, and the words the
    /// two may share by their sketches. Pairs are tried in order of length, each paragraph
    /// with the longer ones up to the first out of the length bound (which only loosens
    /// towards equal lengths, see [`lengths::with_partner`]).
    pub(super) fn with_sketch_partner(
        &self,
        words: &[usize],
        chosen: &[bool],
        threshold: f32,
    ) -> Vec<bool> {
        let chosen_counts = words.iter().zip(chosen).filter(|&(_, &chosen)| chosen);
        // Past `EXACT_IN_F32` words the length bound may not shrink steadily, which the
        // search below relies on to stop.
        let exact = chosen_counts
            .clone()
            .all(|(&count, _)| count < lengths::EXACT_IN_F32);
        if chosen_counts.count() > MAX_SKETCHED || !exact {
            return chosen.to_vec();
        }
        let mut sketched: Vec<(usize, usize, Sketch)> = (0..)
            .zip(words.iter().zip(chosen))
            .filter(|&(_, (_, &chosen))| chosen)
            .map(|(unit, (&count, _))| (count, unit, Sketch::of(self.of_unit(unit))))
            .collect();
        sketched.sort_unstable_by_key(|&(count, unit, _)| (count, unit));
        let mut partnered = vec![false; words.len()];
        for (at, (a, a_unit, a_sketch)) in sketched.iter().enumerate() {
            let longer = sketched.get(at + 1..).unwrap_or_default();
            for (b, b_unit, b_sketch) in longer {
                if !lengths::may_reach(*a, *b, threshold) {
                    break;
                }
                let shared = a_sketch.shared_bound(b_sketch);
                if lengths::shares_enough(shared, *a, *b, threshold) {
                    lengths::mark_partners(&mut partnered, *a_unit, *b_unit);
                }
            }
        }
        partnered
    }
}

/// The most paragraphs whose sketches are compared: every pair of similar length is, so that
/// a document of many paragraphs of one length (possible under a large
/// `max-shingle-paragraphs`) keeps them all rather than take quadratic time.
const MAX_SKETCHED: usize = 256;

/// The top bits of a word's hash that pick its sketch bucket.
const SKETCH_BITS: u32 = 5;

/// How many sketch buckets a paragraph's words fall into.
const SKETCH_BUCKETS: usize = 1 << SKETCH_BITS;

/// How many of a paragraph's words fall into each bucket, by the top bits of their hashes. Two
/// copies of a word share a hash and so a bucket, so the sum over the buckets of the smaller
/// count bounds the words two paragraphs share; unrelated paragraphs come out well below what
/// a near pair needs.
struct Sketch([u32; SKETCH_BUCKETS]);

impl Sketch {
    /// The sketch of a paragraph's word hashes.
    fn of(hashes: &[u64]) -> Self {
        let mut counts = [0; SKETCH_BUCKETS];
        for &hash in hashes {
            if let Some(count) = counts.get_mut((hash >> (64 - SKETCH_BITS)) as usize) {
                *count += 1;
            }
        }
        Self(counts)
    }

    /// At least as many words as the two paragraphs share, counted as [`common_words`] does.
    fn shared_bound(&self, other: &Self) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(&a, &b)| a.min(b) as usize)
            .sum()
    }
}

/// How many words two sorted lists of word hashes share, counted with multiplicity.
pub(super) fn common_words(old: &[u64], new: &[u64]) -> usize {
    let (mut at_old, mut at_new, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (old.get(at_old), new.get(at_new)) {
        match x.cmp(y) {
            Ordering::Less => at_old += 1,
            Ordering::Greater => at_new += 1,
            Ordering::Equal => {
                shared += 1;
                at_old += 1;
                at_new += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(mut hashes: Vec<u64>) -> Vec<u64> {
        hashes.sort_unstable();
        hashes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A sketch never counts fewer shared words than the hashes share, whatever the
        /// hashes (few distinct ones, so that many are shared).
        #[test]
        fn a_sketch_bounds_the_shared_words(
            a in proptest::collection::vec(prop_oneof![0_u64..8, any::<u64>()], 0..60),
            b in proptest::collection::vec(prop_oneof![0_u64..8, any::<u64>()], 0..60),
        ) {
            let a = sorted(a.into_iter().map(|h| h.rotate_right(3)).collect());
            let b = sorted(b.into_iter().map(|h| h.rotate_right(3)).collect());
            let bound = Sketch::of(&a).shared_bound(&Sketch::of(&b));
            prop_assert!(bound >= common_words(&a, &b));
        }

        /// Every paragraph with a partner by both exact bounds (lengths, shared hashes) is
        /// kept; paragraphs not chosen stay out.
        #[test]
        fn sketches_keep_every_paragraph_with_a_partner(
            paragraphs in proptest::collection::vec(
                (proptest::collection::vec(0_u64..12, 18..40), any::<bool>()),
                0..10,
            ),
        ) {
            let mut words = WordHashes::new(paragraphs.len());
            let mut counts = Vec::new();
            let mut chosen = Vec::new();
            for (unit, (hashes, is_chosen)) in paragraphs.iter().enumerate() {
                let start = words.hashes.len();
                words.hashes.extend(hashes.iter().map(|h| h << 59 | h));
                if let Some(span) = words.spans.get_mut(unit) {
                    *span = WordSpan { start, end: words.hashes.len(), sorted: false };
                }
                counts.push(hashes.len());
                chosen.push(*is_chosen);
            }
            let kept = words.with_sketch_partner(&counts, &chosen, 0.9);
            for a in 0..paragraphs.len() {
                let partner = (0..paragraphs.len()).any(|b| {
                    a != b
                        && chosen[a]
                        && chosen[b]
                        && lengths::may_reach(counts[a], counts[b], 0.9)
                        && lengths::shares_enough(
                            common_words(
                                &sorted(words.of_unit(a).to_vec()),
                                &sorted(words.of_unit(b).to_vec()),
                            ),
                            counts[a],
                            counts[b],
                            0.9,
                        )
                });
                prop_assert!(!partner || kept[a], "{a} has a partner");
                prop_assert!(chosen[a] || !kept[a], "{a} was not chosen");
            }
        }
    }
}
