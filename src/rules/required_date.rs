//! `required-date`: a seed must show its publication date (DETECTION.md §3.4).
//!
//! A `date:`-type key of front matter wins. Otherwise every line outside the noise spans is read
//! with the [date grammar](super::date_grammar), and a full date between the `earliest` day and
//! tomorrow is a candidate when it stands on a date-dominant line (few other words), follows a
//! label such as `Published:` closely, or opens one of the first paragraphs of the article as a
//! dateline (`BAKU, 4 February 2026 –`). The first candidate labelled as a publication date is
//! the value; else the first unlabelled one; an update date only when nothing else exists. The
//! rule fires, once, on the title line when there is no candidate.

use std::collections::HashMap;

use serde::Deserialize;

use super::date_grammar::{self, DateGrammar, DateMatch, GrammarConfig};
use super::{CompileError, Context, Finding};
use crate::civil_date::CivilDate;
use crate::document::{Document, Span};
use crate::layout::Position;
use crate::metadata::{DateValue, Metadata};
use crate::text;

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
    labels: Option<regex::Regex>,
    label_kinds: HashMap<String, LabelKind>,
    config: Box<RequiredDateConfig>,
    earliest: CivilDate,
}

/// Compiles a `required-date` rule.
pub fn compile(config: RequiredDateConfig) -> Result<RequiredDateCheck, CompileError> {
    let grammar = date_grammar::compile(&config.grammar)?;
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
        Some(word_regex(&words)?)
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
/// matches any run of white space. Word edges are checked by the caller.
pub(crate) fn word_regex(words: &[String]) -> Result<regex::Regex, CompileError> {
    let mut sorted: Vec<&String> = words
        .iter()
        .filter(|word| !word.trim().is_empty())
        .collect();
    sorted.sort_by_key(|word| std::cmp::Reverse(word.chars().count()));
    let alternation: Vec<String> = sorted
        .iter()
        .map(|word| {
            let parts: Vec<String> = word.split_whitespace().map(regex::escape).collect();
            parts.join(r"\s+")
        })
        .collect();
    regex::RegexBuilder::new(&alternation.join("|"))
        .case_insensitive(true)
        .build()
        .map_err(|error| CompileError {
            message: format!("the word list does not compile: {error}"),
            span: None,
            help: None,
        })
}

/// True when `start..end` of `text` is a whole word: no letter or digit touches it.
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|head| head.chars().next_back());
    let after = text.get(end..).and_then(|tail| tail.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
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

/// One `key: value` line of a front-matter block (`---` at the start of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatterEntry {
    /// Index of the line.
    pub line: usize,
    /// The key, as written.
    pub key: String,
    /// The value, without quotes and surrounding space.
    pub value: Span,
}

/// The entries of the document's front matter; empty when it has none or it is not closed.
pub(crate) fn front_matter(doc: &Document) -> Vec<FrontMatterEntry> {
    if doc.line_text(0).trim_end() != "---" {
        return Vec::new();
    }
    let mut entries = Vec::new();
    for (index, line) in doc.lines().iter().enumerate().skip(1) {
        let text = doc.slice(line.span);
        if matches!(text.trim_end(), "---" | "...") {
            return entries;
        }
        let Some((key, value)) = text.split_once(':') else {
            continue;
        };
        let value_start = line.span.start + key.len() + 1;
        let trimmed = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let offset = value.find(trimmed).unwrap_or(0);
        let start = value_start + offset;
        entries.push(FrontMatterEntry {
            line: index,
            key: key.trim().to_string(),
            value: Span::new(start, start + trimmed.len()),
        });
    }
    Vec::new()
}

/// A date that may be the publication date.
struct Candidate {
    line: usize,
    found: DateMatch,
    span: Span,
    line_span: Span,
    label: Option<(String, LabelKind)>,
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

    fn in_bounds(&self, date: CivilDate, today: CivilDate) -> bool {
        self.earliest <= date && date <= today.succ()
    }

    fn date_in_front_matter(&self, ctx: &Context) -> Option<DateValue> {
        let wanted = |key: &str| {
            let keys = &self.config.front_matter_keys;
            keys.iter().any(|wanted| wanted.eq_ignore_ascii_case(key))
        };
        front_matter(ctx.doc)
            .into_iter()
            .filter(|entry| wanted(&entry.key))
            .find_map(|entry| {
                let value = ctx.doc.slice(entry.value);
                let found = self.grammar.find_dates(value).into_iter().next()?;
                if !self.in_bounds(found.date, ctx.today) {
                    return None;
                }
                let line_span = ctx.doc.lines().get(entry.line)?.span;
                let candidate = Candidate {
                    line: entry.line,
                    span: Span::new(
                        entry.value.start + found.start,
                        entry.value.start + found.end,
                    ),
                    found,
                    line_span,
                    label: Some((entry.key, LabelKind::Published)),
                };
                Some(value_of(ctx.doc, candidate, "published"))
            })
    }

    fn date_in_text(&self, ctx: &Context) -> Option<DateValue> {
        let datelines = self.dateline_paragraphs(ctx);
        let mut best: Option<((bool, u8, usize), Candidate)> = None;
        for (index, line) in ctx.doc.lines().iter().enumerate() {
            let text = ctx.doc.slice(line.span);
            for found in self.grammar.find_dates(text) {
                let span = Span::new(line.span.start + found.start, line.span.start + found.end);
                let in_noise = ctx.in_noise(span);
                if !self.in_bounds(found.date, ctx.today)
                    || (in_noise && !self.noise_allowed(ctx, index))
                {
                    continue;
                }
                let label = self.label_before(text, found.start);
                let dominant = self.dominant(text, &found);
                if found.short_year
                    && label.is_none()
                    && !(dominant && self.config.short_year_dominant)
                {
                    continue;
                }
                if label.is_none() && !dominant && !self.dateline(ctx, &datelines, span) {
                    continue;
                }
                // Outside noise before inside, a publication label before none before an
                // update label, then document order.
                let rank = match label.as_ref().map(|(_, kind)| *kind) {
                    Some(LabelKind::Published) => 0,
                    None => 1,
                    Some(LabelKind::Updated) => 2,
                };
                let key = (in_noise, rank, index);
                if best.as_ref().is_none_or(|(best_key, _)| key < *best_key) {
                    let candidate = Candidate {
                        line: index,
                        found,
                        span,
                        line_span: line.span,
                        label,
                    };
                    best = Some((key, candidate));
                }
            }
        }
        best.map(|((_, rank, _), candidate)| {
            let kind = if rank == 2 { "updated" } else { "published" };
            value_of(ctx.doc, candidate, kind)
        })
    }

    /// Whether a date inside a noise span may still be used (as a last resort: noise rules
    /// sometimes claim the block that carries the date, and a fix keeps the date line).
    fn noise_allowed(&self, ctx: &Context, line: usize) -> bool {
        match self.config.noise_fallback {
            NoiseFallback::Never => false,
            NoiseFallback::Head => ctx.layout.position(line) != Position::Tail,
            NoiseFallback::Anywhere => true,
        }
    }

    /// The label closest before the date within the window, if it leads its segment.
    fn label_before(&self, line: &str, date_start: usize) -> Option<(String, LabelKind)> {
        let regex = self.labels.as_ref()?;
        let head = line.get(..date_start)?;
        let window_start = head.len() - tail_len(head, self.config.label_window);
        let window = head.get(window_start..)?;
        let found = regex
            .find_iter(window)
            .filter(|found| is_whole_word(window, found.start(), found.end()))
            .last()?;
        let label_start = window_start + found.start();
        let segment = head
            .get(..label_start)?
            .rsplit(['|', ',', ';', '•', '·', '—', '–'])
            .next()
            .unwrap_or("");
        if text::word_count(segment) > self.config.label_lead_words {
            return None;
        }
        let kind = *self.label_kinds.get(&normalise_label(found.as_str()))?;
        Some((found.as_str().to_string(), kind))
    }

    /// A line, or a part of one between separators, where the date stands nearly alone and
    /// not in the middle of a sentence.
    fn dominant(&self, line: &str, found: &DateMatch) -> bool {
        let (start, end) = self.segment(line, found);
        let segment = line.get(start..end).unwrap_or("");
        let date_words = text::word_count(line.get(found.start..found.end).unwrap_or(""));
        // Counting stops past the bound, so a date on a very long line costs no whole-line
        // count; below the bound the count is exact.
        let bound = date_words + self.config.max_other_words + 1;
        let other = text::word_count_up_to(segment, bound).saturating_sub(date_words);
        if other > self.config.max_other_words {
            return false;
        }
        let before = line.get(start..found.start).unwrap_or("");
        let after = line.get(found.end..end).unwrap_or("");
        let in_middle =
            text::word_count_up_to(before, 1) > 0 && text::word_count_up_to(after, 2) > 1;
        let sentence = other >= self.config.sentence_min_words
            && text::ends_with_terminal_punctuation(segment)
            && in_middle;
        !sentence
    }

    /// The byte range of the part of `line` that holds the date, between separators.
    fn segment(&self, line: &str, found: &DateMatch) -> (usize, usize) {
        let separators = &self.config.segment_separators;
        let head = line.get(..found.start).unwrap_or("");
        let tail = line.get(found.end..).unwrap_or("");
        let start = separators
            .iter()
            .filter_map(|sep| head.rfind(sep.as_str()).map(|at| at + sep.len()))
            .max()
            .unwrap_or(0);
        let end = separators
            .iter()
            .filter_map(|sep| tail.find(sep.as_str()))
            .min()
            .map_or(line.len(), |at| found.end + at);
        (start, end)
    }

    /// The spans of the first paragraphs of the article, where datelines stand.
    fn dateline_paragraphs(&self, ctx: &Context) -> Vec<Span> {
        let Some((first, _)) = ctx.layout.main_run else {
            return Vec::new();
        };
        ctx.doc
            .paragraphs()
            .iter()
            .filter(|paragraph| paragraph.first_line >= first)
            .take(self.config.dateline_paragraphs)
            .map(|paragraph| paragraph.span)
            .collect()
    }

    /// A date near the start of an opening paragraph, after a place or agency (`BAKU, `,
    /// `(Reuters) `) or followed closely by a dash or colon.
    fn dateline(&self, ctx: &Context, paragraphs: &[Span], date: Span) -> bool {
        let Some(paragraph) = paragraphs.iter().find(|p| p.contains(&date)) else {
            return false;
        };
        let prefix = ctx.doc.slice(Span::new(paragraph.start, date.start));
        if prefix.chars().count() > self.config.dateline_chars {
            return false;
        }
        let after = ctx.doc.slice(Span::new(date.end, paragraph.end));
        let follow: String = after
            .chars()
            .take(self.config.dateline_follow_chars)
            .collect();
        let followed = follow.contains(['-', '–', '—', ':']);
        let place = prefix.trim();
        let placed = !place.is_empty()
            && text::word_count(place) <= 4
            && place.starts_with(|c: char| c.is_uppercase() || c == '(')
            && place.ends_with([',', ')', '-', '–', '—']);
        followed || placed
    }
}

/// The byte length of the last `chars` characters of `text`.
fn tail_len(text: &str, chars: usize) -> usize {
    text.char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(text.len(), |(index, _)| text.len() - index)
}

fn value_of(doc: &Document, candidate: Candidate, kind: &str) -> DateValue {
    DateValue {
        iso: candidate.found.date.to_string(),
        raw: doc.slice(candidate.span).to_string(),
        line: candidate.line + 1,
        label: candidate.label.map(|(label, _)| label),
        ambiguous: candidate.found.ambiguous,
        kind: kind.to_string(),
        span: candidate.span,
        line_span: candidate.line_span,
    }
}

/// The finding of a document without a date: on its first non-blank line, the title.
pub(crate) fn title_span(doc: &Document) -> Span {
    let mut lines = doc.lines().iter().enumerate();
    lines
        .find(|(index, _)| !doc.is_blank_line(*index))
        .map_or_else(|| Span::new(0, 0), |(_, line)| line.span)
}

fn missing(doc: &Document) -> Finding {
    Finding::new(title_span(doc)).with_label("no publication date found in this document")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;

    const RULE: &str = include_str!("../../rules/metadata/missing-date.toml");

    fn check() -> RequiredDateCheck {
        let config = match super::super::parse_check::<RequiredDateConfig>(RULE) {
            Ok(config) => config,
            Err(error) => panic!("config: {error:?}"),
        };
        match compile(config) {
            Ok(check) => check,
            Err(error) => panic!("compile: {error:?}"),
        }
    }

    fn today() -> CivilDate {
        CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0))
    }

    /// Runs the rule with the given noise spans; returns the date found or the finding.
    fn run_with_noise(text: &str, noise: &[Span]) -> (Option<DateValue>, Vec<Finding>) {
        let doc = Document::new(text.to_string());
        let layout = Layout::of(&doc);
        let ctx = Context {
            doc: &doc,
            layout: &layout,
            noise,
            today: today(),
        };
        let mut metadata = Metadata::default();
        let findings = check().check(&ctx, &mut metadata);
        (metadata.date, findings)
    }

    fn iso(text: &str) -> Option<String> {
        run_with_noise(text, &[]).0.map(|value| value.iso)
    }

    const PROSE: &str = "The council met on Monday and agreed on a plan for the new bridge over the river, officials said.";

    #[test]
    fn published_label_gives_the_date_with_its_label_and_raw_text() {
        let text = format!("Title\nPublished: Feb 04, 2026 08:50 PM\n\n{PROSE}\n");
        let (value, findings) = run_with_noise(&text, &[]);
        assert!(findings.is_empty());
        let value = value.map(|v| (v.iso, v.raw, v.line, v.label, v.kind));
        let expected = (
            "2026-02-04".to_string(),
            "Feb 04, 2026 08:50 PM".to_string(),
            2,
            Some("Published".to_string()),
            "published".to_string(),
        );
        assert_eq!(value, Some(expected));
    }

    #[test]
    fn date_dominant_line_in_several_languages() {
        assert_eq!(
            iso(&format!("Title\n\n06 July 2024 13:15\n\n{PROSE}")).as_deref(),
            Some("2024-07-06")
        );
        assert_eq!(
            iso(&format!("Titel\n31. Mai 2012\n{PROSE}")).as_deref(),
            Some("2012-05-31")
        );
        assert_eq!(
            iso(&format!("Заголовок\n4 февраля 2026 г.\n{PROSE}")).as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(
            iso(&format!("Başlıq\n04 fevral 2026, 10:15\n{PROSE}")).as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(
            iso(&format!("Başlık\n4 Şubat 2026\n{PROSE}")).as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(
            iso(&format!("Titre\npublié le 3 mars 2025 à 10:42\n{PROSE}")).as_deref(),
            Some("2025-03-03")
        );
    }

    #[test]
    fn label_inside_a_long_line_counts_when_it_leads_its_segment() {
        let text = format!(
            "Titel\nVon Anna Schmidt und Peter Berg aus der Redaktion Berlin, veröffentlicht am 12.03.2024\n{PROSE}"
        );
        assert_eq!(iso(&text).as_deref(), Some("2024-03-12"));
    }

    #[test]
    fn publication_label_wins_over_an_earlier_unlabelled_date_and_update_comes_last() {
        let text = format!("Title\n3 March 2024\nPublished: 5 March 2024\n{PROSE}");
        assert_eq!(iso(&text).as_deref(), Some("2024-03-05"));
        let text = format!("Title\nUpdated: 7 March 2024\n{PROSE}");
        let value = run_with_noise(&text, &[]).0;
        assert_eq!(
            value.map(|v| (v.iso, v.kind)),
            Some(("2024-03-07".into(), "updated".into()))
        );
        let text = format!("Title\nUpdated: 7 March 2024\n6 March 2024\n{PROSE}");
        assert_eq!(iso(&text).as_deref(), Some("2024-03-06"));
    }

    #[test]
    fn front_matter_date_wins() {
        let text =
            format!("---\ntitle: A\ndate: \"2025-11-03\"\n---\nPublished: 4 March 2024\n{PROSE}");
        let value = run_with_noise(&text, &[]).0;
        assert_eq!(
            value.map(|v| (v.iso, v.line)),
            Some(("2025-11-03".into(), 3))
        );
    }

    #[test]
    fn dateline_opens_the_article() {
        let long = "Heavy rain flooded several streets of the harbour district during the night, and the city said that the clean-up would take days.";
        let text = format!("Title\n\nBAKU, 4 February 2026 – {long} {long}\n\n{PROSE}");
        assert_eq!(iso(&text).as_deref(), Some("2026-02-04"));
    }

    #[test]
    fn sentences_ranges_and_partial_dates_are_not_publication_dates() {
        let sentence = "The declaration, signed on 3 July 2024 in Astana by the two presidents, sets out a plan for closer ties between the countries.";
        assert_eq!(iso(&format!("Title\n\n{sentence}\n")), None);
        assert_eq!(
            iso("Title\nIt was signed on 3 July 2024 in Astana.\n"),
            None
        );
        assert_eq!(iso("Title\n\nForum (17 - 19 September 2024)\n"), None);
        assert_eq!(iso("Title\n\nIn February 2025 and in 2014.\n"), None);
        assert_eq!(iso("Title\n\n© 2024 Example Media\n"), None);
    }

    #[test]
    fn dates_out_of_bounds_are_skipped() {
        assert_eq!(iso("Title\n\n4 February 1990\n"), None);
        assert_eq!(iso("Title\n\n4 February 2030\n"), None);
        assert_eq!(
            iso("Title\n\n24 November 2026\n").as_deref(),
            Some("2026-11-24")
        );
    }

    #[test]
    fn dates_inside_noise_serve_only_when_none_is_outside() {
        let text = "Title\n\n4 February 2026\n\n5 February 2026\n";
        let noise = [Span::new(7, 22)];
        let value = run_with_noise(text, &noise).0;
        assert_eq!(value.map(|v| v.iso).as_deref(), Some("2026-02-05"));
        let noise = [Span::new(7, 22), Span::new(24, 39)];
        let value = run_with_noise(text, &noise).0;
        assert_eq!(value.map(|v| v.iso).as_deref(), Some("2026-02-04"));
    }

    #[test]
    fn line_segments_are_judged_on_their_own() {
        let text = format!(
            "Title\nBy Ann Lee on 3 May 2024 | 12 Comments. This post may contain affiliate links, and we earn from qualifying purchases.\n{PROSE}"
        );
        assert_eq!(iso(&text).as_deref(), Some("2024-05-03"));
    }

    #[test]
    fn two_digit_years_need_a_label_or_a_date_line() {
        assert_eq!(
            iso("Title\n\nStand: 04.02.26\n").as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(
            iso("Title\n\n19.10.19, 18:56\n").as_deref(),
            Some("2019-10-19")
        );
        let sentence = "Title\n\nThe council said the version 04.02.26 of the plan was adopted by most members of the assembly last week.\n";
        assert_eq!(iso(sentence), None);
    }

    #[test]
    fn missing_date_fires_on_the_title_line() {
        let text = "\n\nHarbour floods\n\nNo date here at all.\n";
        let (value, findings) = run_with_noise(text, &[]);
        assert!(value.is_none());
        let spans: Vec<Span> = findings.iter().map(|finding| finding.span).collect();
        assert_eq!(spans, [Span::new(2, 16)]);
        let (_, findings) = run_with_noise("", &[]);
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn bad_earliest_day_is_a_compile_error() {
        let config = RequiredDateConfig {
            earliest: "1995-13-01".into(),
            ..RequiredDateConfig::default()
        };
        assert!(compile(config).is_err());
    }
}
