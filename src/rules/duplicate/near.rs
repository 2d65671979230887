//! Near mode of `duplicate`: the near matcher, which diffs each paragraph only against the
//! earlier paragraphs the shingle index proposes, drops the pairs that belong to a template
//! family, and reports the rest with a short word diff of the two copies.

use std::time::Duration;

use rustc_hash::{FxHashMap, FxHashSet};
use similar::{Algorithm, DiffTag, TextDiff, TextDiffConfig};

use super::shingles::{Families, ShingleIndex};
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
    pub(super) diff_timeout: Duration,
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
        let units = units(ctx, self.min_words);
        let mut seen_keys: FxHashSet<&str> = FxHashSet::default();
        let words: usize = units.iter().map(|unit| unit.words).sum();
        let mut index = ShingleIndex::new(self.shingle_words, self.max_shingle_paragraphs, words);
        let mut families = Families::new(units.len());
        let mut pairs = Vec::new();
        let mut shingles = Vec::new();
        for (later, unit) in units.iter().enumerate() {
            // An exact copy is the exact rule's finding; its first copy stands for it here.
            if !seen_keys.insert(unit.key) {
                continue;
            }
            index.shingles(unit.key, &mut shingles);
            let candidates = index.insert(later, &shingles, self.min_shared_shingles);
            let matches = self.matches(&candidates, unit.key, &units);
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
            .filter_map(|pair| self.finding(&units, pair))
            .collect()
    }

    /// The `candidates` at least `threshold`-similar to the paragraph with key `key`, with
    /// their ratios; stops at `template_matches`, which is enough to know the paragraph belongs
    /// to a template. Words are split out of the keys only for the candidates.
    fn matches(&self, candidates: &[usize], key: &str, units: &[Unit]) -> Vec<(usize, f32)> {
        let mut found = Vec::new();
        if candidates.is_empty() {
            return found;
        }
        let tokens = key_words(key);
        for &earlier in candidates {
            let Some(other) = units.get(earlier) else {
                continue;
            };
            if let Some(ratio) = self.similarity(other, &tokens) {
                found.push((earlier, ratio));
                if found.len() >= self.template_matches {
                    break;
                }
            }
        }
        found
    }

    /// The word-level ratio of two token lists when it reaches the threshold. The length bound
    /// `2·min/(a+b)` caps the ratio, so pairs of very different length are never diffed; so does
    /// the number of words the lists share (a diff matches no more), computed the way the diff's
    /// ratio is, so pairs sharing too few words are not diffed either.
    fn similarity(&self, old: &Unit, new: &[&str]) -> Option<f32> {
        let (a, b) = (old.words, new.len());
        let bound = 2.0 * a.min(b) as f32 / (a + b).max(1) as f32;
        if bound < self.threshold {
            return None;
        }
        let old = key_words(old.key);
        let old = old.as_slice();
        let shared = 2.0 * common_words(old, new) as f32 / (a + b).max(1) as f32;
        if a + b > 0 && shared < self.threshold {
            return None;
        }
        let ratio = self.diff_config().diff_slices(old, new).ratio();
        (ratio >= self.threshold).then_some(ratio)
    }

    fn diff_config(&self) -> TextDiffConfig {
        let mut config = TextDiff::configure();
        config
            .algorithm(Algorithm::Myers)
            .timeout(self.diff_timeout);
        config
    }

    fn finding(&self, units: &[Unit], pair: NearPair) -> Option<Finding> {
        let later = units.get(pair.later)?;
        let earlier = units.get(pair.earlier)?;
        let changes = self.word_diff(&key_words(earlier.key), &key_words(later.key));
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

    /// A short word diff of two token lists, e.g. `-[tuesday] +[wednesday], +[again]`; the keys
    /// differ (equal keys never get here), so there is always at least one change.
    fn word_diff(&self, old: &[&str], new: &[&str]) -> String {
        let diff = self.diff_config().diff_slices(old, new);
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
}

/// `-[a b c]` or `+[a b c]`, eliding long runs of words.
/// How many words two lists share, counted with multiplicity.
pub(super) fn common_words(old: &[&str], new: &[&str]) -> usize {
    let mut unmatched: FxHashMap<&str, usize> = FxHashMap::default();
    for word in old {
        *unmatched.entry(word).or_default() += 1;
    }
    new.iter()
        .filter(|word| {
            unmatched.get_mut(*word).is_some_and(|left| {
                let found = *left > 0;
                *left = left.saturating_sub(1);
                found
            })
        })
        .count()
}

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
