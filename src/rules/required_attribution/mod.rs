//! `required-attribution`: a seed must say who wrote it or where it comes from (DETECTION.md
//! §4.3).
//!
//! Evidence comes in three strengths. Strong: front matter (`author:`, `source:`), a byline
//! (`By Anna Smith and Li Wei`), a label line (`Author:`, `Автор:`, `Source:`, `Quelle:`), an
//! agency marker (`(Reuters)`, `(dpa)`, `(AZERTAC)`), a reporting credit, `NAME, staff writer`.
//! Medium: a bare name line within a few lines of the date line that `required-date` found (so
//! this kind runs after it), a name on the date line itself (`12.03.2024 | Anna Schmidt`), or a
//! bare site-credit line (`Example.com`) just after the article. Weak, never enough alone: a
//! copyright or reuse notice naming the publisher. Image credits (`Photo: …`) are never evidence.
//!
//! Evidence is looked for outside the noise spans first; a `Source:` line or a site credit inside
//! noise still counts, because the noise fixer keeps such lines. The first strong item in
//! document order is the value, else the first medium one; the rule fires on the title line when
//! there is neither, and says so when a publisher line was all it found.
//!
//! This module holds the configuration and the kinds of evidence, and picks the value; `cues`
//! compiles the regexes, `lines` reads the evidence a line, a paragraph or the front matter
//! carries on its own, and `names` the bare names found by their place next to the date line.

mod cues;
mod gated;
mod lines;
mod names;

#[cfg(test)]
mod publisher_tests;
#[cfg(test)]
mod tests;

use serde::Deserialize;
use toml::Spanned;

use super::metadata_text::title_span;
use super::{Compilation, CompileError, Context, Finding};
use crate::document::Span;
use crate::metadata::{AttributionValue, Metadata};
use cues::{Cues, LineGate};

/// The `[check]` table of a `required-attribution` rule.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredAttributionConfig {
    /// Front-matter keys naming the author (`author`, `byline`).
    front_matter_author_keys: Vec<String>,
    /// Front-matter keys naming the source (`source`, `sitename`).
    front_matter_source_keys: Vec<String>,
    /// Words that open a byline: `By`, `Von`, `Par`, `Por`, `От`.
    by_prefixes: Vec<String>,
    /// Lower-case words allowed inside a name: `de`, `van`, `von`, `al`, `bin`.
    name_particles: Vec<String>,
    /// Words joining the names of a list: `and`, `und`, `et`, `и`, `&`.
    name_joiners: Vec<String>,
    /// A byline has at most this many words.
    max_byline_words: usize,
    /// A line opening with a byline prefix and one of these words (`der`, `die`, `das`) …
    prose_guard_words: Vec<String>,
    /// … and more words than this is prose (`Von der Brücke aus sieht man …`).
    prose_guard_max_words: usize,
    /// Labels of author lines, before a colon: `Author`, `Autor`, `Автор`, `Müəllif`.
    author_labels: Vec<String>,
    /// Labels of source lines, before a colon: `Source`, `Quelle`, `Источник`, `Mənbə`.
    source_labels: Vec<String>,
    /// The value of a label line has at most this many words.
    max_label_value_words: usize,
    /// News agencies, matched in parentheses: `(Reuters)`, `(dpa)`, `(AZERTAC)`.
    agencies: Vec<String>,
    /// An agency marker counts within this many characters of a paragraph's start (or on its
    /// last line).
    agency_chars: usize,
    /// Job titles after `NAME, `: `staff writer`, `correspondent`.
    staff_titles: Vec<String>,
    /// Regexes of reporting credits, with a `name` group: `\(Reporting by (?P<name>[^;)]+)`.
    credit_patterns: Vec<Spanned<String>>,
    /// Regexes of image credits; nothing from such a line is evidence.
    image_credit_patterns: Vec<Spanned<String>>,
    /// Regexes of copyright and reuse notices (weak evidence), with an optional `name` group.
    publisher_patterns: Vec<Spanned<String>>,
    /// Regexes of a bare site-credit line (`Caliber.Az`) just after the article.
    site_credit_patterns: Vec<Spanned<String>>,
    /// How many non-blank lines after the article's main run may hold the site credit.
    site_credit_lines: usize,
    /// Capitalised words that are not names (menu words, weekdays), compared case-insensitively.
    name_stop_words: Vec<String>,
    /// A bare name line counts within this many lines of the date line.
    date_line_distance: usize,
    /// Fewest and most tokens of a bare name line.
    min_name_tokens: usize,
    /// See `min-name-tokens`.
    max_name_tokens: usize,
    /// Treat a copyright or reuse notice as enough attribution.
    accept_publisher: bool,
}

impl Default for RequiredAttributionConfig {
    fn default() -> Self {
        Self {
            front_matter_author_keys: Vec::new(),
            front_matter_source_keys: Vec::new(),
            by_prefixes: Vec::new(),
            name_particles: Vec::new(),
            name_joiners: Vec::new(),
            max_byline_words: 16,
            prose_guard_words: Vec::new(),
            prose_guard_max_words: 6,
            author_labels: Vec::new(),
            source_labels: Vec::new(),
            max_label_value_words: 16,
            agencies: Vec::new(),
            agency_chars: 200,
            staff_titles: Vec::new(),
            credit_patterns: Vec::new(),
            image_credit_patterns: Vec::new(),
            publisher_patterns: Vec::new(),
            site_credit_patterns: Vec::new(),
            site_credit_lines: 2,
            name_stop_words: Vec::new(),
            date_line_distance: 2,
            min_name_tokens: 2,
            max_name_tokens: 4,
            accept_publisher: false,
        }
    }
}

/// How much a piece of evidence proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Strong,
    Medium,
    Weak,
}

/// One attribution cue.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Evidence {
    strength: Strength,
    kind: &'static str,
    name: String,
    line: usize,
    in_noise: bool,
}

/// A compiled `required-attribution` rule.
#[derive(Debug)]
pub struct RequiredAttributionCheck {
    // Boxed so that the registry's `Check` enum stays small.
    cues: Box<Cues>,
    config: Box<RequiredAttributionConfig>,
}

/// Compiles a `required-attribution` rule; `compilation` says when its regexes compile.
pub fn compile(
    config: RequiredAttributionConfig,
    compilation: Compilation,
) -> Result<RequiredAttributionCheck, CompileError> {
    Ok(RequiredAttributionCheck {
        cues: Box::new(cues::compile(&config, compilation)?),
        config: Box::new(config),
    })
}

fn medium(kind: &'static str, name: String, line: usize, in_noise: bool) -> Evidence {
    Evidence {
        strength: Strength::Medium,
        kind,
        name,
        line,
        in_noise,
    }
}

/// The line of the first strong item outside noise among `evidence`, the best an item can be.
fn first_strong_line(evidence: &[Evidence]) -> Option<usize> {
    evidence
        .iter()
        .filter(|item| item.strength == Strength::Strong && !item.in_noise)
        .map(|item| item.line)
        .min()
}

/// `regex.captures(text)`, with a plain match test first: most lines match no cue, and a
/// capturing search allocates its slots before it knows, so a line without a match costs
/// only the test.
fn captures<'t>(regex: &regex::Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    if regex.is_match(text) {
        regex.captures(text)
    } else {
        None
    }
}

/// The `name` group of a match, trimmed, or the whole match.
fn captured_name(captures: &regex::Captures) -> String {
    let name = captures.name("name").or_else(|| captures.get(0));
    let name = name.map_or("", |found| found.as_str());
    name.trim()
        .trim_end_matches([',', ';', '.', '|'])
        .trim()
        .to_string()
}

impl RequiredAttributionCheck {
    /// Compiles the regexes every line meets (see [`super::Check::prepare`]).
    pub fn prepare(&self) {
        self.cues.prepare();
    }
}

impl RequiredAttributionCheck {
    /// Finds the attribution and records it in `metadata`, or flags its absence.
    pub fn check(&self, ctx: &Context, metadata: &mut Metadata) -> Vec<Finding> {
        let mut evidence = self.front_matter_evidence(ctx);
        // The value is the first item in (noise, strength, line) order, and a line's items sit
        // on that line: once a strong item outside noise sits at or above the current line, no
        // later line can give a better one, so the remaining lines (most of a document, and
        // most of what this rule costs) are not read.
        let mut best_line = first_strong_line(&evidence);
        // The lines the line gate showed to hold no publisher notice either.
        let mut shut = vec![false; ctx.doc.lines().len()];
        for index in 0..ctx.doc.lines().len() {
            if best_line.is_some_and(|line| line < index) {
                break;
            }
            let (found, gate) = self.line_evidence(ctx, index);
            if let Some(shut) = shut.get_mut(index) {
                *shut = gate == LineGate::Shut;
            }
            best_line = best_line.into_iter().chain(first_strong_line(&found)).min();
            evidence.extend(found);
        }
        evidence.extend(self.agency_evidence(ctx));
        evidence.extend(self.date_line_evidence(ctx, metadata));
        evidence.extend(self.site_credit_evidence(ctx));
        // Publisher notices are weak: they only count when nothing stronger was found (or the
        // rule accepts them), so their searches, several a line, are skipped when it was.
        if self.config.accept_publisher
            || evidence.iter().all(|item| item.strength == Strength::Weak)
        {
            let open = (0..ctx.doc.lines().len()).filter(|&index| shut.get(index) != Some(&true));
            for index in open {
                evidence.extend(self.publisher_evidence(ctx, index));
            }
        }
        // Outside noise first, then the strongest, then document order.
        evidence.sort_by_key(|item| (item.in_noise, item.strength, item.line));
        let accepted = evidence
            .iter()
            .find(|item| item.strength != Strength::Weak || self.config.accept_publisher);
        if let Some(item) = accepted {
            metadata.attribution = Some(AttributionValue {
                kind: item.kind.to_string(),
                name: item.name.clone(),
                line: item.line + 1,
                line_span: ctx
                    .doc
                    .lines()
                    .get(item.line)
                    .map_or_else(Span::default, |l| l.span),
            });
            return Vec::new();
        }
        let finding = Finding::new(title_span(ctx.doc))
            .with_label("no author, source or agency found in this document");
        let weak = evidence.iter().find(|item| item.strength == Strength::Weak);
        vec![
            match weak.and_then(|item| Some((item, ctx.doc.lines().get(item.line)?))) {
                Some((item, line)) => finding
                    .with_message(format!(
                        "only a publisher or copyright line found: {}",
                        crate::text::abbreviate(&item.name, 80)
                    ))
                    .with_related(line.span, "a publisher line is not an attribution"),
                None => finding,
            },
        ]
    }
}
