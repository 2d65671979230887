//! `duplicate`: paragraphs that repeat an earlier paragraph of the same document, either with
//! the same normalised key (`mode = "exact"`) or with nearly the same words (`mode = "near"`).
//!
//! Both modes compare paragraphs through their key (NFKC, lower case, everything but letters
//! and numbers turned into single spaces), so case, punctuation and spacing never make two
//! copies differ. Neither mode compares all pairs: exact copies meet in a hash map, near copies
//! are found through an inverted index of word shingles and only the candidates it yields are
//! diffed with `similar`. A finding always sits on the later copy and points at the earlier one.
//! Every threshold comes from the rule file; the config has no defaults of its own.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::time::Duration;

use serde::Deserialize;
use similar::{Algorithm, DiffTag, TextDiff, TextDiffConfig};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::{CompileError, Context, Finding};
use crate::document::{Document, Paragraph};

/// How many changes the word diff of a near duplicate shows before it elides the rest.
const DIFF_CHANGES_SHOWN: usize = 3;

/// How many words one side of a shown change keeps before it elides the rest.
const DIFF_WORDS_SHOWN: usize = 6;

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
    /// Upper bound on one diff, in milliseconds (near mode).
    diff_timeout_ms: Option<u64>,
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
}

/// The settings of near mode.
#[derive(Debug)]
struct NearMatcher {
    min_words: usize,
    threshold: f32,
    shingle_words: usize,
    min_shared_shingles: f64,
    max_shingle_paragraphs: usize,
    template_matches: usize,
    diff_timeout: Duration,
}

/// Compiles a `duplicate` rule, checking that exactly the fields of its mode are present and in
/// range.
pub fn compile(config: DuplicateConfig) -> Result<DuplicateCheck, CompileError> {
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
    forbid(config.diff_timeout_ms.is_some(), "diff-timeout-ms", mode)?;
    Ok(ExactMatcher {
        // At least one word: an empty key (a line of dashes or stars) is not text that repeats.
        min_words: require(config.min_words, "min-words", mode)?.max(1),
        min_chars: require(config.min_chars, "min-chars", mode)?,
    })
}

fn compile_near(config: &DuplicateConfig) -> Result<NearMatcher, CompileError> {
    let mode = "near";
    forbid(config.min_chars.is_some(), "min-chars", mode)?;
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
        diff_timeout: Duration::from_millis(require(
            config.diff_timeout_ms,
            "diff-timeout-ms",
            mode,
        )?),
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
            Matcher::Exact(matcher) => matcher.check(ctx.doc),
            Matcher::Near(matcher) => matcher.check(ctx.doc),
        }
    }
}

/// The key `K(p)` of a text: NFKC, lower case, every character that is not a letter or a number
/// replaced by a space, runs of spaces collapsed, trimmed. Its words are its `' '`-separated
/// tokens.
fn key(text: &str) -> String {
    // Text that passes NFKC's quick check is already normalised, and most seed text does, so the
    // costly normalisation runs only where it can change something.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        fold(text.chars(), text.len())
    } else {
        fold(text.nfkc(), text.len())
    }
}

/// Lower-cases `chars` and turns every run of characters other than letters and numbers into
/// one space, trimmed at both ends.
fn fold(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut key = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars.flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(c);
        } else {
            pending_space = true;
        }
    }
    key
}

/// The words of a key.
fn key_words(key: &str) -> Vec<&str> {
    key.split(' ').filter(|word| !word.is_empty()).collect()
}

/// How many words a key has: its words are separated by single spaces.
fn key_word_count(key: &str) -> usize {
    if key.is_empty() {
        0
    } else {
        key.bytes().filter(|&byte| byte == b' ').count() + 1
    }
}

/// A paragraph with its key.
#[derive(Debug)]
struct Unit<'d> {
    paragraph: &'d Paragraph,
    key: String,
}

/// The paragraphs whose key has at least `min_words` words, in document order.
fn units(doc: &Document, min_words: usize) -> Vec<Unit<'_>> {
    doc.paragraphs()
        .iter()
        .map(|paragraph| Unit {
            paragraph,
            key: key(doc.paragraph_text(paragraph)),
        })
        .filter(|unit| key_word_count(&unit.key) >= min_words)
        .collect()
}

/// The 1-based line a paragraph starts on.
fn line_number(paragraph: &Paragraph) -> usize {
    paragraph.first_line + 1
}

impl ExactMatcher {
    /// One pass over the paragraphs: a map from key to first copy. The map hashes each key
    /// (64-bit) and compares the strings on a hash hit, so a collision cannot pair two different
    /// paragraphs.
    fn check(&self, doc: &Document) -> Vec<Finding> {
        let units = units(doc, self.min_words);
        let mut first: HashMap<&str, &Paragraph> = HashMap::new();
        let mut findings = Vec::new();
        for unit in units
            .iter()
            .filter(|unit| unit.key.chars().count() >= self.min_chars)
        {
            match first.entry(unit.key.as_str()) {
                Entry::Occupied(earlier) => {
                    findings.push(exact_finding(earlier.get(), unit.paragraph));
                }
                Entry::Vacant(slot) => {
                    slot.insert(unit.paragraph);
                }
            }
        }
        findings
    }
}

fn exact_finding(first: &Paragraph, copy: &Paragraph) -> Finding {
    let line = line_number(first);
    Finding::new(copy.span)
        .with_label(format!("repeats the paragraph on line {line}"))
        .with_related(first.span, "first copy")
        .with_note(format!("the first copy is on line {line}"))
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
    fn check(&self, doc: &Document) -> Vec<Finding> {
        let units = units(doc, self.min_words);
        let words: Vec<Vec<&str>> = units.iter().map(|unit| key_words(&unit.key)).collect();
        let mut seen_keys: HashSet<&str> = HashSet::new();
        let mut index = ShingleIndex::new(self.shingle_words, self.max_shingle_paragraphs);
        let mut families = Families::new(units.len());
        let mut pairs = Vec::new();
        for (later, unit) in units.iter().enumerate() {
            // An exact copy is the exact rule's finding; its first copy stands for it here.
            if !seen_keys.insert(unit.key.as_str()) {
                continue;
            }
            let tokens = words.get(later).map_or(&[][..], Vec::as_slice);
            let shingles = index.shingles(tokens);
            let matches = self.matches(&index, &shingles, tokens, &words);
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
            index.insert(later, shingles);
        }
        pairs
            .into_iter()
            .filter(|pair| !families.is_template(pair.later))
            .filter_map(|pair| self.finding(&units, &words, pair))
            .collect()
    }

    /// The earlier paragraphs at least `threshold`-similar to `tokens`, with their ratios; stops
    /// at `template_matches`, which is enough to know the paragraph belongs to a template.
    fn matches(
        &self,
        index: &ShingleIndex,
        shingles: &[u64],
        tokens: &[&str],
        words: &[Vec<&str>],
    ) -> Vec<(usize, f32)> {
        let mut found = Vec::new();
        for earlier in index.candidates(shingles, self.min_shared_shingles) {
            let Some(other) = words.get(earlier) else {
                continue;
            };
            if let Some(ratio) = self.similarity(other, tokens) {
                found.push((earlier, ratio));
                if found.len() >= self.template_matches {
                    break;
                }
            }
        }
        found
    }

    /// The word-level ratio of two token lists when it reaches the threshold. The length bound
    /// `2·min/(a+b)` caps the ratio, so pairs of very different length are never diffed.
    fn similarity(&self, old: &[&str], new: &[&str]) -> Option<f32> {
        let (a, b) = (old.len(), new.len());
        let bound = 2.0 * a.min(b) as f32 / (a + b).max(1) as f32;
        if bound < self.threshold {
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

    fn finding(&self, units: &[Unit], words: &[Vec<&str>], pair: NearPair) -> Option<Finding> {
        let later = units.get(pair.later)?.paragraph;
        let earlier = units.get(pair.earlier)?.paragraph;
        let changes = self.word_diff(words.get(pair.earlier)?, words.get(pair.later)?);
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

/// An inverted index from shingle hash to the paragraphs that contain it, built as the
/// paragraphs are read. A posting list stops growing one past `max_paragraphs`; from then on
/// the shingle is too common (a template line, a stock phrase) to propose candidates, which
/// also bounds the work per shingle and keeps the whole pass linear. The lists live in one
/// arena, since most shingles occur once and a vector each would cost an allocation each.
#[derive(Debug)]
struct ShingleIndex {
    /// Keyed afresh for every document, so the pass-through map below cannot be flooded with
    /// colliding shingles by a crafted page.
    hasher: RandomState,
    shingle_words: usize,
    postings: HashMap<u64, Posting, BuildHasherDefault<PassThrough>>,
    links: Vec<Link>,
    set_sizes: Vec<usize>,
    max_paragraphs: usize,
}

impl ShingleIndex {
    fn new(shingle_words: usize, max_paragraphs: usize) -> Self {
        Self {
            hasher: RandomState::new(),
            shingle_words: shingle_words.max(1),
            postings: HashMap::default(),
            links: Vec::new(),
            set_sizes: Vec::new(),
            max_paragraphs,
        }
    }

    /// The distinct hashes of the shingles of `tokens`, sorted.
    fn shingles(&self, tokens: &[&str]) -> Vec<u64> {
        let mut hashes: Vec<u64> = tokens
            .windows(self.shingle_words)
            .map(|window| self.hasher.hash_one(window))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }

    /// Adds paragraph `unit` (ids must be given in increasing order) with its shingle set.
    fn insert(&mut self, unit: usize, shingles: Vec<u64>) {
        if self.set_sizes.len() <= unit {
            self.set_sizes.resize(unit + 1, 0);
        }
        if let Some(size) = self.set_sizes.get_mut(unit) {
            *size = shingles.len();
        }
        for shingle in shingles {
            let posting = self.postings.entry(shingle).or_default();
            if posting.len <= self.max_paragraphs {
                self.links.push(Link {
                    unit,
                    next: posting.head,
                });
                posting.head = Some(self.links.len() - 1);
                posting.len += 1;
            }
        }
    }

    /// The indexed paragraphs that share at least `min_share` of the smaller of the two
    /// shingle sets, most shared first, then in document order.
    fn candidates(&self, shingles: &[u64], min_share: f64) -> Vec<usize> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for shingle in shingles {
            let Some(&posting) = self.postings.get(shingle) else {
                continue;
            };
            if posting.len > self.max_paragraphs {
                continue;
            }
            for unit in self.units(posting) {
                *shared.entry(unit).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(unit, count)| {
                let other = self.set_sizes.get(unit).copied().unwrap_or(0);
                let smaller = other.min(shingles.len());
                smaller > 0 && count as f64 >= min_share * smaller as f64
            })
            .collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.into_iter().map(|(unit, _)| unit).collect()
    }

    /// The paragraphs of one posting list, latest first.
    fn units(&self, posting: Posting) -> impl Iterator<Item = usize> + '_ {
        let link = |at: Option<usize>| at.and_then(|at| self.links.get(at));
        std::iter::successors(link(posting.head), move |previous| link(previous.next))
            .map(|entry| entry.unit)
    }
}

/// A shingle's posting list: how many paragraphs it holds and where its latest entry sits in
/// the arena.
#[derive(Debug, Clone, Copy, Default)]
struct Posting {
    len: usize,
    head: Option<usize>,
}

/// One entry of a posting list in the arena: a paragraph and the entry added before it.
#[derive(Debug, Clone, Copy)]
struct Link {
    unit: usize,
    next: Option<usize>,
}

/// A hasher for keys that are already hashes: it hands the `u64` on unchanged instead of hashing
/// every shingle a second time.
#[derive(Debug, Default, Clone, Copy)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Required by the trait; the index only hashes `u64` keys, which call `write_u64`.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Groups of paragraphs linked by near matches (a union-find forest), with the groups that
/// turned out to be template families marked.
#[derive(Debug)]
struct Families {
    parent: Vec<usize>,
    template: Vec<bool>,
}

impl Families {
    fn new(len: usize) -> Self {
        Self {
            parent: (0..len).collect(),
            template: vec![false; len],
        }
    }

    /// The representative of `node`'s group, halving paths on the way.
    fn root(&mut self, mut node: usize) -> usize {
        while let Some(&parent) = self.parent.get(node) {
            if parent == node {
                break;
            }
            let grandparent = self.parent.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(node) {
                *slot = grandparent;
            }
            node = grandparent;
        }
        node
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let template = self.is_root_template(a) || self.is_root_template(b);
        if let Some(slot) = self.parent.get_mut(b) {
            *slot = a;
        }
        if let Some(flag) = self.template.get_mut(a) {
            *flag = template;
        }
    }

    fn mark_template(&mut self, node: usize) {
        let root = self.root(node);
        if let Some(flag) = self.template.get_mut(root) {
            *flag = true;
        }
    }

    fn is_root_template(&self, root: usize) -> bool {
        self.template.get(root).copied().unwrap_or(false)
    }

    fn is_template(&mut self, node: usize) -> bool {
        let root = self.root(node);
        self.is_root_template(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil_date::CivilDate;
    use crate::layout::Layout;
    use crate::rule::Rule;

    const EXACT_RULE: &str = include_str!("../../rules/duplicate/duplicate-paragraph.toml");
    const NEAR_RULE: &str = include_str!("../../rules/duplicate/near-duplicate-paragraph.toml");

    fn rule(path: &str, text: &str) -> Rule {
        Rule::parse(path, text).unwrap_or_else(|error| panic!("{path}: {error:?}"))
    }

    /// Runs the check of a default rule file on `text`.
    fn run(rule_text: &str, text: &str) -> (Document, Vec<Finding>) {
        let doc = Document::new(text.to_string());
        let layout = Layout::of(&doc);
        let today = CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0));
        let ctx = Context {
            doc: &doc,
            layout: &layout,
            noise: &[],
            today,
        };
        let findings = match &rule("rule.toml", rule_text).check {
            super::super::Check::Duplicate(check) => check.check(&ctx),
            other => panic!("not a duplicate rule: {other:?}"),
        };
        (doc, findings)
    }

    /// (line of the finding, line of the earlier copy), both 1-based.
    fn lines(doc: &Document, findings: &[Finding]) -> Vec<(usize, usize)> {
        findings
            .iter()
            .map(|finding| {
                let earlier = finding.related.first().map_or(0, |label| label.span.start);
                (
                    doc.line_column(finding.span.start).0,
                    doc.line_column(earlier).0,
                )
            })
            .collect()
    }

    const PARAGRAPH: &str =
        "The council approved the new budget for the harbour district on Monday.";

    #[test]
    fn exact_three_copies_give_two_findings_pointing_at_the_first() {
        let text = format!(
            "{PARAGRAPH}\n\nSomething else entirely happened later that week.\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
        );
        let (doc, findings) = run(EXACT_RULE, &text);
        assert_eq!(lines(&doc, &findings), [(5, 1), (7, 1)]);
        let first = &findings[0];
        assert_eq!(
            first.label.as_deref(),
            Some("repeats the paragraph on line 1")
        );
        assert_eq!(first.related[0].text, "first copy");
        assert_eq!(first.note.as_deref(), Some("the first copy is on line 1"));
    }

    #[test]
    fn exact_ignores_case_punctuation_and_spacing() {
        let text =
            "Photo: Courtesy of the Embassy, Baku.\n\nPHOTO   courtesy of the embassy — baku\n";
        let (doc, findings) = run(EXACT_RULE, text);
        assert_eq!(lines(&doc, &findings), [(3, 1)]);
    }

    #[test]
    fn exact_normalises_compatibility_characters() {
        // Full-width letters and a ligature fold to their plain forms under NFKC.
        let text = "Ｔｈｅ oﬃce opened a new branch in the city centre.\n\nThe office opened a new branch in the city centre.\n";
        let (doc, findings) = run(EXACT_RULE, text);
        assert_eq!(lines(&doc, &findings), [(3, 1)]);
    }

    #[test]
    fn exact_ignores_short_repeated_lines() {
        let text = "Share this article\n\nRead more news\n\nShare this article\n\nRead more news\n";
        let (_, findings) = run(EXACT_RULE, text);
        assert!(findings.is_empty(), "{findings:?}");
    }

    fn long_paragraph(city: &str, day: &str) -> String {
        format!(
            "Officials in {city} said on {day} that the reconstruction of the old railway station \
             would be finished before the winter, after two years of delays caused by funding \
             disputes and a shortage of skilled workers."
        )
    }

    #[test]
    fn near_duplicate_is_found_with_a_word_diff() {
        let text = format!(
            "{}\n\nA different paragraph about the weather, which was cold and wet all week long in the north of the country.\n\n{}\n",
            long_paragraph("Ganja", "Tuesday"),
            long_paragraph("Ganja", "Wednesday"),
        );
        let (doc, findings) = run(NEAR_RULE, &text);
        assert_eq!(lines(&doc, &findings), [(5, 1)]);
        let note = findings[0].note.as_deref().unwrap_or("");
        assert!(note.contains("-[tuesday] +[wednesday]"), "{note}");
        let label = findings[0].label.as_deref().unwrap_or("");
        assert!(
            label.contains("line 1") && label.contains("% of words match"),
            "{label}"
        );
    }

    #[test]
    fn near_leaves_exact_copies_to_the_exact_rule() {
        let paragraph = long_paragraph("Ganja", "Tuesday");
        let text = format!("{paragraph}\n\n{}\n", paragraph.to_uppercase());
        let (_, findings) = run(NEAR_RULE, &text);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn near_stays_silent_on_a_template_family() {
        let rows = ["Ganja", "Sheki", "Quba", "Lankaran"]
            .map(|city| long_paragraph(city, "Monday"))
            .join("\n\n");
        let (_, findings) = run(NEAR_RULE, &rows);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn near_stays_silent_on_unrelated_paragraphs() {
        let text = format!(
            "{}\n\nThe national team lost its opening match of the tournament by two goals to one, \
             although the coach said afterwards that he was pleased with the way his young side had played.\n\n\
             Prices for bread and milk rose again in March, the statistics office reported, with \
             the sharpest increases recorded in rural districts far from the capital city.\n",
            long_paragraph("Ganja", "Tuesday")
        );
        let (_, findings) = run(NEAR_RULE, &text);
        assert!(findings.is_empty(), "{findings:?}");
        let (_, findings) = run(EXACT_RULE, &text);
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// Paragraphs of pseudo-random words: all different, all sharing one vocabulary.
    fn generated_document(paragraphs: usize) -> String {
        const VOCABULARY: [&str; 16] = [
            "river", "council", "budget", "market", "station", "winter", "harbour", "school",
            "bridge", "report", "minister", "village", "summer", "factory", "museum", "road",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..paragraphs)
            .map(|number| {
                // Two stems per word give 256 distinct words, about as many 3-word shingles
                // as the paragraphs hold, so posting lists stay short, as in real prose.
                let words: Vec<String> = (0..24)
                    .map(|_| {
                        let stem = |n: u64| VOCABULARY[(n % VOCABULARY.len() as u64) as usize];
                        format!("{}{}", stem(next()), stem(next()))
                    })
                    .collect();
                format!("Item {number}: {}.", words.join(" "))
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn twenty_thousand_paragraphs_are_checked_without_comparing_all_pairs() {
        // One exact pair (short: below the near rule's word floor) and one near pair at the end,
        // after 20,000 paragraphs that must pair with nothing.
        let text = format!(
            "{}\n\n{repeat}\n\n{repeat}\n\n{}\n\n{}\n",
            generated_document(20_000),
            long_paragraph("Ganja", "Tuesday"),
            long_paragraph("Ganja", "Wednesday"),
            repeat = "Item 7: a paragraph repeated at the very end of the document.",
        );
        let (doc, exact) = run(EXACT_RULE, &text);
        assert_eq!(lines(&doc, &exact), [(40_003, 40_001)]);
        let (doc, near) = run(NEAR_RULE, &text);
        assert_eq!(lines(&doc, &near), [(40_007, 40_005)]);
    }

    /// The five sample seeds: only the known repeated caption (001) and repeated paragraph (002).
    #[test]
    fn seeds_give_only_the_known_repeats() {
        let seeds = [
            (
                "000",
                include_str!("../../seeds/000_ea764e4378ad22b1.txt"),
                vec![],
            ),
            (
                "001",
                include_str!("../../seeds/001_f1786b69ef856c8b.txt"),
                vec![(10, 8)],
            ),
            (
                "002",
                include_str!("../../seeds/002_b31598c28877b744.txt"),
                vec![(88, 76)],
            ),
            (
                "003",
                include_str!("../../seeds/003_19ca3692835e2b33.txt"),
                vec![],
            ),
            (
                "004",
                include_str!("../../seeds/004_c66550dc802b1081.txt"),
                vec![],
            ),
        ];
        for (name, text, expected) in seeds {
            let (doc, exact) = run(EXACT_RULE, text);
            assert_eq!(lines(&doc, &exact), expected, "exact, seed {name}");
            let (doc, near) = run(NEAR_RULE, text);
            assert_eq!(lines(&doc, &near), [], "near, seed {name}");
        }
    }

    #[test]
    fn config_rejects_fields_of_the_other_mode_and_missing_fields() {
        let exact_with_threshold = DuplicateConfig {
            mode: Mode::Exact,
            min_words: Some(5),
            min_chars: Some(25),
            threshold: Some(0.9),
            ..DuplicateConfig::default()
        };
        assert!(compile(exact_with_threshold).is_err());
        let near_without_threshold = DuplicateConfig {
            mode: Mode::Near,
            min_words: Some(20),
            ..DuplicateConfig::default()
        };
        assert!(compile(near_without_threshold).is_err());
    }

    #[test]
    fn key_collapses_everything_but_letters_and_numbers() {
        assert_eq!(
            key("  Hello,   WORLD!! 2026 — «Ünïcode»  "),
            "hello world 2026 ünïcode"
        );
        assert_eq!(key("..."), "");
        for text in ["", "one", " one  two, three! "] {
            assert_eq!(key_word_count(&key(text)), key_words(&key(text)).len());
        }
    }
}
