//! `required-date`: a seed must show its publication date (DETECTION.md §3.4).
//!
//! A `date:`-type key of front matter wins. Otherwise every line outside the noise spans is read
//! with the [date grammar](super::date_grammar), and a full date between the `earliest` day and
//! tomorrow is a candidate when it stands on a date-dominant line (few other words), follows a
//! label such as `Published:` closely, or opens one of the first paragraphs of the article as a
//! dateline (`BAKU, 4 February 2026 –`). The first candidate labelled as a publication date is
//! the value; else the first unlabelled one; an update date only when nothing else exists. The
//! rule fires, once, on the title line when there is no candidate.
//!
//! This module holds the configuration, compiles it and runs the check; `candidates` finds the
//! dates that may be the publication date and ranks them, `placement` judges where a date stands
//! on its line and in the article (label, date-dominant line, dateline).

mod candidates;
mod placement;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::Deserialize;

use super::date_grammar::{self, DateGrammar, GrammarConfig};
use super::lazy_regex::{Flags, LazyRegex};
use super::metadata_text::{title_span, word_alternation};
use super::{Compilation, CompileError, Context, Finding};
use crate::civil_date::CivilDate;
use crate::document::Document;
use crate::metadata::Metadata;

/// The `[check]` table of a `required-date` rule.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredDateConfig {
    /// Month names and the other words of the date grammar.
    grammar: GrammarConfig,
    /// Words that announce a publication date: `published`, `veröffentlicht`, `tarix`.
    labels: Vec<String>,
    /// Words that announce an update date: `updated`, `aktualisiert`, `обновлено`.
    updated_labels: Vec<String>,
    /// A label counts when it ends at most this many characters before the date.
    label_window: usize,
    /// A label counts only when at most this many words precede it in its segment of the line
    /// (segments split at `|`, `,`, `•` …), so that a label word inside a sentence is no label.
    label_lead_words: usize,
    /// A line is date-dominant when it has at most this many words besides the date.
    max_other_words: usize,
    /// A dominant-looking line is still a sentence, not a date line, when it has at least this
    /// many other words, ends with a full stop and the date stands in its middle.
    sentence_min_words: usize,
    /// Datelines are looked for at the start of this many paragraphs of the article.
    dateline_paragraphs: usize,
    /// A dateline's date starts within this many characters of its paragraph.
    dateline_chars: usize,
    /// A dateline's date is followed by a dash or colon within this many characters.
    dateline_follow_chars: usize,
    /// The earliest publication date believed, `YYYY-MM-DD`.
    earliest: String,
    /// Front-matter keys that hold the publication date.
    front_matter_keys: Vec<String>,
    /// Where a date inside a noise span may serve when there is none outside.
    noise_fallback: NoiseFallback,
    /// Accept a two-digit year (`19.10.19`) on a date-dominant line, not only after a label.
    short_year_dominant: bool,
    /// What splits a line into parts that are judged on their own (`By Ann | 3 May 2024`).
    segment_separators: Vec<String>,
}

impl Default for RequiredDateConfig {
    fn default() -> Self {
        Self {
            grammar: GrammarConfig::default(),
            labels: Vec::new(),
            updated_labels: Vec::new(),
            label_window: 40,
            label_lead_words: 2,
            max_other_words: 12,
            sentence_min_words: 5,
            dateline_paragraphs: 3,
            dateline_chars: 60,
            dateline_follow_chars: 10,
            earliest: "1995-01-01".into(),
            front_matter_keys: Vec::new(),
            noise_fallback: NoiseFallback::default(),
            short_year_dominant: false,
            segment_separators: Vec::new(),
        }
    }
}

/// Where dates inside noise spans may be used when none is found outside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoiseFallback {
    /// Never.
    Never,
    /// Before or inside the article's main run, not in the tail (teaser lists).
    #[default]
    Head,
    /// Anywhere.
    Anywhere,
}

/// Whether a label announces the publication or an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    Published,
    Updated,
}

/// A compiled `required-date` rule.
#[derive(Debug)]
pub struct RequiredDateCheck {
    // Boxed so that the registry's `Check` enum stays small.
    grammar: Box<DateGrammar>,
    labels: Option<LazyRegex>,
    label_kinds: HashMap<String, LabelKind>,
    config: Box<RequiredDateConfig>,
    earliest: CivilDate,
}

/// Compiles a `required-date` rule; `compilation` says when its regexes compile.
pub fn compile(
    config: RequiredDateConfig,
    compilation: Compilation,
) -> Result<RequiredDateCheck, CompileError> {
    let grammar = date_grammar::compile(&config.grammar, compilation)?;
    let earliest = parse_iso(&config.earliest).ok_or_else(|| CompileError {
        message: format!(
            "`earliest = {:?}` is not a `YYYY-MM-DD` day",
            config.earliest
        ),
        span: None,
        help: Some("write the day as e.g. `earliest = \"1995-01-01\"`".into()),
    })?;
    let mut label_kinds = HashMap::new();
    for (words, kind) in [
        (&config.labels, LabelKind::Published),
        (&config.updated_labels, LabelKind::Updated),
    ] {
        for label in words {
            label_kinds.insert(normalise_label(label), kind);
        }
    }
    let words: Vec<String> = label_kinds.keys().cloned().collect();
    let labels = if words.is_empty() {
        None
    } else {
        Some(word_regex(&words, compilation)?)
    };
    Ok(RequiredDateCheck {
        grammar: Box::new(grammar),
        labels,
        label_kinds,
        config: Box::new(config),
        earliest,
    })
}

/// One case-insensitive alternation of literal words, longest first; white space inside a word
/// matches any run of white space. Word edges are checked by the caller. The alternation is of
/// escaped words, so it parses; it compiles at load when the rule file is a user's, so that one
/// over the size limit is an error of the file.
fn word_regex(words: &[String], compilation: Compilation) -> Result<LazyRegex, CompileError> {
    let flags = Flags {
        ignore_case: true,
        multi_line: false,
    };
    let regex = LazyRegex::parsed(word_alternation(words).unwrap_or_default(), flags);
    if compilation == Compilation::Eager {
        regex.compile_now().map_err(|error| CompileError {
            message: format!("the word list does not compile: {error}"),
            span: None,
            help: None,
        })?;
    }
    Ok(regex)
}

fn normalise_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn parse_iso(text: &str) -> Option<CivilDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    CivilDate::new(year, month, day)
}

impl RequiredDateCheck {
    /// Compiles every regex that no document has compiled yet.
    pub fn prepare(&self) {
        self.grammar.prepare();
        if let Some(labels) = &self.labels {
            labels.prepare();
        }
    }
}

impl RequiredDateCheck {
    /// Finds the publication date and records it in `metadata`, or flags its absence.
    pub fn check(&self, ctx: &Context, metadata: &mut Metadata) -> Vec<Finding> {
        match self
            .date_in_front_matter(ctx)
            .or_else(|| self.date_in_text(ctx))
        {
            Some(value) => {
                metadata.date = Some(value);
                Vec::new()
            }
            None => vec![missing(ctx.doc)],
        }
    }
}

fn missing(doc: &Document) -> Finding {
    Finding::new(title_span(doc)).with_label("no publication date found in this document")
}
