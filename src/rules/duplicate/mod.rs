//! `duplicate`: paragraphs that repeat an earlier paragraph of the same document, either with
//! the same normalised key (`mode = "exact"`) or with nearly the same words (`mode = "near"`).
//!
//! Both modes compare paragraphs through their key (NFKC, lower case, everything but letters
//! and numbers turned into single spaces), so case, punctuation and spacing never make two
//! copies differ. Neither mode compares all pairs: exact copies meet in a hash map, near copies
//! are found through an inverted index of word shingles and only the candidates it yields are
//! compared, by a word distance whose work is bounded (see `edit_distance`). A finding always
//! sits on the later copy and points at the earlier one. Every threshold comes from the rule
//! file; the config has no defaults of its own.

mod edit_distance;
mod families;
mod key;
mod lengths;
mod letters;
mod near;
#[cfg(test)]
mod near_tests;
mod postings;
mod shingles;
#[cfg(test)]
mod tests;
mod word_hashes;

use std::collections::hash_map::Entry;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use super::{CompileError, Context, Finding};
use crate::document::Paragraph;
pub(in crate::rules) use key::Key;
use key::{key, key_words};
use near::NearMatcher;

/// Which kind of repetition a `duplicate` rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Paragraphs with the same normalised key.
    #[default]
    Exact,
    /// Paragraphs whose words mostly agree.
    Near,
}

/// The `[check]` table of a `duplicate` rule. Which fields are required depends on `mode`;
/// a field of the other mode is an error, so a typo cannot silently fall back to a default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DuplicateConfig {
    /// Exact copies or near copies.
    mode: Mode,
    /// Both paragraphs need at least this many words in their key (both modes).
    min_words: Option<usize>,
    /// Both keys need at least this many characters (exact mode).
    min_chars: Option<usize>,
    /// Word-level diff ratio from which two paragraphs count as near copies (near mode).
    threshold: Option<f64>,
    /// Words per shingle in the candidate index (near mode).
    shingle_words: Option<usize>,
    /// Share of the smaller shingle set two paragraphs must have in common to be diffed at all
    /// (near mode).
    min_shared_shingles: Option<f64>,
    /// A shingle seen in more paragraphs than this no longer proposes candidates (near mode).
    max_shingle_paragraphs: Option<usize>,
    /// A paragraph near this many distinct earlier ones marks a template family (near mode).
    template_matches: Option<usize>,
    /// A paragraph with this many copies or more is structure (a meal plan, table rows), not a
    /// repeat: its findings get an unsafe fix (exact mode; optional).
    doubtful_copies: Option<usize>,
    /// A removed key, read only to say why it is gone: a rule file written for an older
    /// seedlint would otherwise get a bare "unknown field".
    diff_timeout_ms: Option<Spanned<IgnoredAny>>,
}

/// A compiled `duplicate` rule.
#[derive(Debug)]
pub struct DuplicateCheck {
    matcher: Matcher,
}

#[derive(Debug)]
enum Matcher {
    Exact(ExactMatcher),
    Near(NearMatcher),
}

/// The settings of exact mode.
#[derive(Debug)]
struct ExactMatcher {
    min_words: usize,
    min_chars: usize,
    doubtful_copies: Option<usize>,
}

/// Compiles a `duplicate` rule, checking that exactly the fields of its mode are present and in
/// range.
pub fn compile(config: DuplicateConfig) -> Result<DuplicateCheck, CompileError> {
    if let Some(removed) = &config.diff_timeout_ms {
        return Err(CompileError {
            message: "`diff-timeout-ms` was removed: near mode's word comparison is now \
                      bounded by a fixed amount of work, not by a time limit"
                .into(),
            span: Some(removed.span()),
            help: Some("delete the `diff-timeout-ms` line".into()),
        });
    }
    let matcher = match config.mode {
        Mode::Exact => Matcher::Exact(compile_exact(&config)?),
        Mode::Near => Matcher::Near(compile_near(&config)?),
    };
    Ok(DuplicateCheck { matcher })
}

fn compile_exact(config: &DuplicateConfig) -> Result<ExactMatcher, CompileError> {
    let mode = "exact";
    forbid(config.threshold.is_some(), "threshold", mode)?;
    forbid(config.shingle_words.is_some(), "shingle-words", mode)?;
    forbid(
        config.min_shared_shingles.is_some(),
        "min-shared-shingles",
        mode,
    )?;
    forbid(
        config.max_shingle_paragraphs.is_some(),
        "max-shingle-paragraphs",
        mode,
    )?;
    forbid(config.template_matches.is_some(), "template-matches", mode)?;
    Ok(ExactMatcher {
        // At least one word: an empty key (a line of dashes or stars) is not text that repeats.
        min_words: require(config.min_words, "min-words", mode)?.max(1),
        min_chars: require(config.min_chars, "min-chars", mode)?,
        doubtful_copies: config.doubtful_copies,
    })
}

fn compile_near(config: &DuplicateConfig) -> Result<NearMatcher, CompileError> {
    let mode = "near";
    forbid(config.min_chars.is_some(), "min-chars", mode)?;
    forbid(config.doubtful_copies.is_some(), "doubtful-copies", mode)?;
    let threshold = require(config.threshold, "threshold", mode)?;
    let min_shared_shingles = require(config.min_shared_shingles, "min-shared-shingles", mode)?;
    let shingle_words = require(config.shingle_words, "shingle-words", mode)?;
    let min_words = require(config.min_words, "min-words", mode)?;
    let template_matches = require(config.template_matches, "template-matches", mode)?;
    // Ratios below 0.8 pair unrelated prose of one language (DETECTION.md §2.2), so a lower
    // threshold is a mistake, not a stricter rule.
    if !(0.8..=1.0).contains(&threshold) || !(0.0..=1.0).contains(&min_shared_shingles) {
        return Err(invalid(
            "`threshold` must lie within 0.8..=1 and `min-shared-shingles` within 0..=1",
        ));
    }
    // Every eligible paragraph must have at least one shingle, or it could never be found.
    if shingle_words == 0 || min_words < shingle_words {
        return Err(invalid(
            "`shingle-words` must be at least 1 and at most `min-words`",
        ));
    }
    if template_matches < 2 {
        return Err(invalid("`template-matches` must be at least 2"));
    }
    Ok(NearMatcher {
        min_words,
        threshold: threshold as f32,
        shingle_words,
        min_shared_shingles,
        max_shingle_paragraphs: require(
            config.max_shingle_paragraphs,
            "max-shingle-paragraphs",
            mode,
        )?,
        template_matches,
    })
}

fn require<T>(value: Option<T>, name: &str, mode: &str) -> Result<T, CompileError> {
    value.ok_or_else(|| CompileError {
        message: format!("a duplicate rule in mode \"{mode}\" needs `{name}`"),
        span: None,
        help: Some(format!("add `{name} = …` to the `[check]` table")),
    })
}

fn forbid(present: bool, name: &str, mode: &str) -> Result<(), CompileError> {
    if !present {
        return Ok(());
    }
    Err(CompileError {
        message: format!("`{name}` has no meaning in mode \"{mode}\""),
        span: None,
        help: Some(format!("remove `{name}`, or set the mode it belongs to")),
    })
}

fn invalid(message: &str) -> CompileError {
    CompileError {
        message: message.into(),
        span: None,
        help: None,
    }
}

impl DuplicateCheck {
    /// Finds the later copies of duplicated paragraphs.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        match &self.matcher {
            Matcher::Exact(matcher) => matcher.check(ctx),
            Matcher::Near(matcher) => matcher.check(ctx),
        }
    }
}

/// A paragraph with its key.
#[derive(Debug)]
struct Unit<'d> {
    paragraph: &'d Paragraph,
    key: &'d str,
    /// The words of `key`.
    words: usize,
    /// The characters of `key`.
    chars: usize,
}

/// The paragraphs whose key has at least `min_words` words, in document order.
fn units<'d>(ctx: &Context<'d>, min_words: usize) -> Vec<Unit<'d>> {
    ctx.doc
        .paragraphs()
        .iter()
        .zip(paragraph_keys(ctx))
        .filter(|(_, key)| key.words >= min_words)
        .map(|(paragraph, key)| Unit {
            paragraph,
            key: key.text.as_str(),
            words: key.words,
            chars: key.chars,
        })
        .collect()
}

/// The key of every paragraph, in document order: computed by whichever duplicate rule runs
/// first and shared with the other, since the keys are a large part of what both cost.
fn paragraph_keys<'d>(ctx: &Context<'d>) -> &'d [Key] {
    let doc = ctx.doc;
    ctx.shared.paragraph_keys.get_or_init(|| {
        doc.paragraphs()
            .iter()
            .map(|paragraph| key(doc.paragraph_text(paragraph)))
            .collect()
    })
}

/// The 1-based line a paragraph starts on.
fn line_number(paragraph: &Paragraph) -> usize {
    paragraph.first_line + 1
}

impl ExactMatcher {
    /// One pass over the paragraphs: a map from key to the copy that stays. The map hashes each
    /// key (64-bit) and compares the strings on a hash hit, so a collision cannot pair two
    /// different paragraphs. A copy inside page furniture never stays: the noise fix removes
    /// it, so the first copy outside furniture takes its place and is not flagged.
    fn check(&self, ctx: &Context) -> Vec<Finding> {
        let units = units(ctx, self.min_words);
        // Sized once: growing the map key by key rehashed it several times a document.
        let mut groups: FxHashMap<&str, Group> =
            FxHashMap::with_capacity_and_hasher(units.len(), FxBuildHasher);
        let mut findings: Vec<(Finding, &str)> = Vec::new();
        for unit in units.iter().filter(|unit| unit.chars >= self.min_chars) {
            let in_noise = ctx.in_noise(unit.paragraph.span);
            match groups.entry(unit.key) {
                Entry::Occupied(mut group) => {
                    let group = group.get_mut();
                    group.copies += 1;
                    if group.kept_in_noise && !in_noise {
                        group.kept = unit.paragraph;
                        group.kept_in_noise = false;
                    } else {
                        findings.push((exact_finding(group.kept, unit.paragraph), unit.key));
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(Group {
                        kept: unit.paragraph,
                        kept_in_noise: in_noise,
                        copies: 1,
                    });
                }
            }
        }
        findings
            .into_iter()
            .map(|(finding, key)| {
                let copies = groups.get(key).map_or(0, |group| group.copies);
                let structural = self.doubtful_copies.is_some_and(|limit| copies >= limit);
                if structural {
                    finding.doubtful(format!("the paragraph occurs {copies} times"))
                } else {
                    finding
                }
            })
            .collect()
    }
}

/// The copies of one key seen so far.
struct Group<'d> {
    kept: &'d Paragraph,
    kept_in_noise: bool,
    copies: usize,
}

fn exact_finding(first: &Paragraph, copy: &Paragraph) -> Finding {
    let line = line_number(first);
    Finding::new(copy.span)
        .with_label(format!("repeats the paragraph on line {line}"))
        .with_related(first.span, "first copy")
        .with_note(format!("the first copy is on line {line}"))
}
