//! Near mode of `duplicate`: the near matcher, which diffs each paragraph only against the
//! earlier paragraphs the shingle index proposes, drops the pairs that belong to a template
//! family, and reports the rest with a short word diff of the two copies.

use rustc_hash::{FxBuildHasher, FxHashSet};
use similar::{Algorithm, DiffTag, TextDiff};

use super::edit_distance::{DOCUMENT_STEPS, PAIR_STEPS, similarity};
use super::families::Families;
use super::lengths;
use super::shingles::ShingleIndex;
use super::word_hashes::WordHashes;
use super::{Unit, key_words, line_number, units};
use crate::rules::Context;
use crate::rules::Finding;

/// How many changes the word diff of a near duplicate shows before it elides the rest.
const DIFF_CHANGES_SHOWN: usize = 3;

/// How many words one side of a shown change keeps before it elides the rest.
const DIFF_WORDS_SHOWN: usize = 6;

/// The settings of near mode.
#[derive(Debug)]
pub(super) struct NearMatcher {
    pub(super) min_words: usize,
    pub(super) threshold: f32,
    pub(super) shingle_words: usize,
    pub(super) min_shared_shingles: f64,
    pub(super) max_shingle_paragraphs: usize,
    pub(super) template_matches: usize,
}

/// A near pair that survived the template guard: the later paragraph, the earlier one, and their
/// word-level ratio.
#[derive(Debug, Clone, Copy)]
struct NearPair {
    later: usize,
    earlier: usize,
    ratio: f32,
}

impl NearMatcher {
    /// Indexes the eligible paragraphs in order; each one is diffed only against the earlier
    /// paragraphs the shingle index proposes. Pairs whose group turns out to be a template
    /// family are dropped at the end, since a family is only known once its later members
    /// are seen.
    pub(super) fn check(&self, ctx: &Context) -> Vec<Finding> {
        self.check_units(&units(ctx, self.min_words), true)
    }

    /// Hashes the words of `units` and says which of them can take part in a near pair at
    /// all, when `leave_out` allows it. While the document has no more paragraphs than a
    /// shingle may have before it stops proposing candidates, no shingle ever reaches that
    /// limit, so a paragraph's candidates depend on the two paragraphs of each pair alone;
    /// then a paragraph that fails [`NearMatcher::may_reach_threshold`]'s bounds with every
    /// other one is never diffed, and is left out. Lengths rule out the first ones before
    /// their words are even hashed, sketches of the words most of the rest. A longer document
    /// keeps every paragraph, since each one counts towards the limit of its shingles.
    pub(super) fn hash_and_choose(
        &self,
        units: &[Unit],
        words: &mut WordHashes,
        index: &ShingleIndex,
        leave_out: bool,
    ) -> Vec<bool> {
        if !leave_out || units.len() > self.max_shingle_paragraphs {
            let all = vec![true; units.len()];
            words.add_all(index, units, &all);
            return all;
        }
        let counts: Vec<usize> = units.iter().map(|unit| unit.words).collect();
        let by_length = lengths::with_partner(&counts, self.threshold);
        words.add_all(index, units, &by_length);
        words.with_sketch_partner(&counts, &by_length, self.threshold)
    }

    /// The findings among `units`; with `leave_out`, the paragraphs that cannot take part in
    /// a near pair are neither indexed nor compared, which changes no finding.
    pub(super) fn check_units(&self, units: &[Unit], leave_out: bool) -> Vec<Finding> {
        let mut index = ShingleIndex::new(self.shingle_words, self.max_shingle_paragraphs);
        let mut words = WordHashes::new(units.len());
        let indexed = self.hash_and_choose(units, &mut words, &index, leave_out);
        let is_indexed = |unit: usize| indexed.get(unit).copied().unwrap_or(false);
        // Sized once: growing the set key by key rehashed it several times a document.
        let mut seen_keys: FxHashSet<&str> =
            FxHashSet::with_capacity_and_hasher(units.len(), FxBuildHasher);
        index.reserve(
            (0..)
                .zip(units)
                .filter(|&(unit, _)| is_indexed(unit))
                .map(|(_, unit)| unit.words)
                .sum(),
        );
        let mut families = Families::new(units.len());
        let mut pairs = Vec::new();
        let mut steps = DOCUMENT_STEPS;
        for (later, unit) in units.iter().enumerate() {
            // An exact copy is the exact rule's finding; its first copy stands for it here. A
            // paragraph left out has no copy, which would be its partner.
            if !is_indexed(later) || !seen_keys.insert(unit.key) {
                continue;
            }
            let candidates = index.insert(later, words.of_unit(later), self.min_shared_shingles);
            let matches = self.matches(&candidates, later, units, &mut words, &mut steps);
            for &(earlier, _) in &matches {
                families.join(earlier, later);
            }
            match matches.as_slice() {
                [(earlier, ratio)] => pairs.push(NearPair {
                    later,
                    earlier: *earlier,
                    ratio: *ratio,
                }),
                [] => {}
                _ => families.mark_template(later),
            }
        }
        pairs
            .into_iter()
            .filter(|pair| !families.is_template(pair.later))
            .filter_map(|pair| self.finding(units, pair))
            .collect()
    }

    /// The `candidates` at least `threshold`-similar to paragraph `later`, with their ratios;
    /// stops at `template_matches`, which is enough to know the paragraph belongs to a
    /// template. Words are split out of the keys only for the pairs that are diffed, and each
    /// diff spends from the document's `steps` (see [`DOCUMENT_STEPS`]).
    fn matches(
        &self,
        candidates: &[usize],
        later: usize,
        units: &[Unit],
        words: &mut WordHashes,
        steps: &mut u64,
    ) -> Vec<(usize, f32)> {
        let mut found = Vec::new();
        let Some(unit) = units.get(later) else {
            return found;
        };
        let mut tokens = None;
        for &earlier in candidates {
            let Some(other) = units.get(earlier) else {
                continue;
            };
            if !self.may_reach_threshold((earlier, other), (later, unit), words) {
                continue;
            }
            let tokens = tokens.get_or_insert_with(|| key_words(unit.key));
            let mut pair_steps = PAIR_STEPS.min(*steps);
            let budget = pair_steps;
            let similar = similarity(
                &key_words(other.key),
                tokens,
                self.threshold,
                &mut pair_steps,
            );
            *steps -= budget - pair_steps;
            if let Some(ratio) = similar {
                found.push((earlier, ratio));
                if found.len() >= self.template_matches {
                    break;
                }
            }
        }
        found
    }

    /// False when a pair cannot reach the threshold, so it is never diffed. The length bound
    /// `2·min/(a+b)` caps the ratio; so does the number of words the two share (a diff matches
    /// no more), computed the way the diff's ratio is. Words are compared by hash: a collision
    /// can only raise the count, and a pair it lets through is still decided by the diff.
    fn may_reach_threshold(
        &self,
        (old_index, old): (usize, &Unit),
        (new_index, new): (usize, &Unit),
        words: &mut WordHashes,
    ) -> bool {
        if !lengths::may_reach(old.words, new.words, self.threshold) {
            return false;
        }
        let common = words.common(old_index, new_index);
        lengths::shares_enough(common, old.words, new.words, self.threshold)
    }

    fn finding(&self, units: &[Unit], pair: NearPair) -> Option<Finding> {
        let later = units.get(pair.later)?;
        let earlier = units.get(pair.earlier)?;
        let changes = word_diff(&key_words(earlier.key), &key_words(later.key));
        let (later, earlier) = (later.paragraph, earlier.paragraph);
        let line = line_number(earlier);
        let percent = (pair.ratio * 100.0).round();
        Some(
            Finding::new(later.span)
                .with_label(format!(
                    "nearly repeats the paragraph on line {line} ({percent}% of words match)"
                ))
                .with_related(earlier.span, "earlier version")
                .with_note(format!(
                    "line {line} holds the earlier version; changed words: {changes}"
                )),
        )
    }
}

/// A short word diff of two token lists, e.g. `-[tuesday] +[wednesday], +[again]`; the keys
/// differ (equal keys never get here), so there is always at least one change. The diff
/// needs no deadline: only pairs whose distance `D` was found within the step bound get here,
/// and Myers' work, like the greedy search's, grows with `D`.
fn word_diff(old: &[&str], new: &[&str]) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(old, new);
    let mut changes: Vec<String> = diff
        .ops()
        .iter()
        .filter_map(|op| {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let removed = old.get(old_range).map(|words| bracket('-', words));
            let added = new.get(new_range).map(|words| bracket('+', words));
            match tag {
                DiffTag::Equal => None,
                DiffTag::Delete => removed,
                DiffTag::Insert => added,
                DiffTag::Replace => Some(format!("{} {}", removed?, added?)),
            }
        })
        .take(DIFF_CHANGES_SHOWN + 1)
        .collect();
    if changes.len() > DIFF_CHANGES_SHOWN {
        changes.truncate(DIFF_CHANGES_SHOWN);
        changes.push("…".into());
    }
    changes.join(", ")
}

/// `-[a b c]` or `+[a b c]`, eliding long runs of words.
fn bracket(sign: char, words: &[&str]) -> String {
    let mut text = words
        .iter()
        .take(DIFF_WORDS_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > DIFF_WORDS_SHOWN {
        text.push_str(" …");
    }
    format!("{sign}[{text}]")
}
