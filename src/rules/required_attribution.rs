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

use serde::Deserialize;
use toml::Spanned;

use std::collections::HashSet;

use super::required_date::{front_matter, title_span};
use super::{CompileError, Context, Finding};
use crate::document::Span;
use crate::metadata::{AttributionValue, Metadata};
use crate::text;

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

/// Regexes that match at most one shape each; `None` when the rule file gives no words for it.
#[derive(Debug)]
struct Cues {
    byline: Option<regex::Regex>,
    date_line_by: Option<regex::Regex>,
    date_line_after: regex::Regex,
    author_label: Option<regex::Regex>,
    author_label_bare: Option<regex::Regex>,
    source_label: Option<regex::Regex>,
    staff: Option<regex::Regex>,
    agency: Option<regex::Regex>,
    prose_guard: Option<regex::Regex>,
    credits: Vec<regex::Regex>,
    image: Vec<regex::Regex>,
    publisher: Vec<regex::Regex>,
    site_credit: Vec<regex::Regex>,
    stop_words: HashSet<String>,
}

/// A compiled `required-attribution` rule.
#[derive(Debug)]
pub struct RequiredAttributionCheck {
    // Boxed so that the registry's `Check` enum stays small.
    cues: Box<Cues>,
    config: Box<RequiredAttributionConfig>,
}

/// Escaped alternation of literal words, longest first; inner white space matches any run.
fn words(list: &[String]) -> Option<String> {
    let mut sorted: Vec<&String> = list.iter().filter(|word| !word.trim().is_empty()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by_key(|word| std::cmp::Reverse(word.chars().count()));
    let escaped: Vec<String> = sorted
        .iter()
        .map(|word| {
            let parts: Vec<String> = word.split_whitespace().map(regex::escape).collect();
            parts.join(r"\s+")
        })
        .collect();
    Some(escaped.join("|"))
}

fn build(source: &str) -> Result<regex::Regex, CompileError> {
    regex::Regex::new(source).map_err(|error| CompileError {
        message: format!("an attribution cue does not compile: {error}"),
        span: None,
        help: Some("check the word lists of the `[check]` table".into()),
    })
}

/// Compiles each regex of a list on its own (they may share group names), case-insensitively.
fn each(patterns: &[Spanned<String>]) -> Result<Vec<regex::Regex>, CompileError> {
    patterns
        .iter()
        .map(|pattern| {
            regex::RegexBuilder::new(pattern.get_ref())
                .case_insensitive(true)
                .build()
                .map_err(|error| CompileError {
                    message: format!("invalid regex: {error}"),
                    span: Some(pattern.span()),
                    help: Some("regexes use the syntax of the Rust `regex` crate".into()),
                })
        })
        .collect()
}

/// Compiles a `required-attribution` rule.
pub fn compile(
    config: RequiredAttributionConfig,
) -> Result<RequiredAttributionCheck, CompileError> {
    // Names are case-sensitive (a capital starts each token); only the cue words ignore case.
    let token = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
    let particles =
        words(&config.name_particles).map_or_else(String::new, |p| format!(r"(?:(?:{p})[ \t]+)*"));
    let name = format!(r"{token}(?:[ \t]+{particles}{token}){{0,3}}");
    let joiners = words(&config.name_joiners).unwrap_or_else(|| ",".into());
    let joiner = format!(r"(?:\s*,\s*|\s+(?i:{joiners})\s+|\s*&\s*)");
    let list = format!(r"{name}(?:{joiner}{name})*");
    let end = r"\s*(?:$|[|,·•(/;]|[-–—]\s)";
    let optional = |part: Option<String>, make: &dyn Fn(String) -> String| {
        part.map(|words| build(&make(words))).transpose()
    };
    let cues = Cues {
        // A byline may open with dashes or bullets and go on after the names (`By Ann Lee
        // 11 February 2020`); a single-token name must end the line or a part of it.
        byline: optional(words(&config.by_prefixes), &|p| {
            format!(r"^[^\p{{L}}\d]*(?i:{p})\s*:?\s+(?P<name>{list})(?P<rest>.*)$")
        })?,
        date_line_by: optional(words(&config.by_prefixes), &|p| {
            format!(r"(?:^|[^\p{{L}}])(?i:{p})\s+(?P<name>{name})")
        })?,
        date_line_after: build(&format!(r"^\s*[|•·—–,]\s*(?P<name>{name}){end}"))?,
        author_label: optional(words(&config.author_labels), &|l| {
            format!(r"^\s*(?i:{l})\s*:\s*(?P<name>.*)$")
        })?,
        author_label_bare: optional(words(&config.author_labels), &|l| {
            format!(r"^\s*(?i:{l})\s+(?P<name>{list})\s*$")
        })?,
        source_label: optional(words(&config.source_labels), &|l| {
            format!(r"^\s*(?i:{l})\s*:\s*(?P<name>.*)$")
        })?,
        staff: optional(words(&config.staff_titles), &|t| {
            format!(r"^\s*(?P<name>{name})\s*,\s*(?i:{t})")
        })?,
        agency: optional(words(&config.agencies), &|a| {
            format!(r"\((?P<name>{a})(?:/[^)]{{1,20}})?\)")
        })?,
        prose_guard: optional(words(&config.prose_guard_words), &|g| {
            let p = words(&config.by_prefixes).unwrap_or_else(|| "by".into());
            format!(r"^\s*(?i:{p})\s+(?i:{g})\s")
        })?,
        credits: each(&config.credit_patterns)?,
        image: each(&config.image_credit_patterns)?,
        publisher: each(&config.publisher_patterns)?,
        site_credit: each(&config.site_credit_patterns)?,
        stop_words: config
            .name_stop_words
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
    };
    Ok(RequiredAttributionCheck {
        cues: Box::new(cues),
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
    /// Finds the attribution and records it in `metadata`, or flags its absence.
    pub fn check(&self, ctx: &Context, metadata: &mut Metadata) -> Vec<Finding> {
        let mut evidence = self.front_matter_evidence(ctx);
        for index in 0..ctx.doc.lines().len() {
            evidence.extend(self.line_evidence(ctx, index));
        }
        evidence.extend(self.agency_evidence(ctx));
        evidence.extend(self.date_line_evidence(ctx, metadata));
        evidence.extend(self.site_credit_evidence(ctx));
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
                        item.name
                    ))
                    .with_related(line.span, "a publisher line is not an attribution"),
                None => finding,
            },
        ]
    }

    fn front_matter_evidence(&self, ctx: &Context) -> Vec<Evidence> {
        let is = |keys: &[String], key: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(key));
        front_matter(ctx.doc)
            .into_iter()
            .filter_map(|entry| {
                let kind = if is(&self.config.front_matter_author_keys, &entry.key) {
                    "author"
                } else if is(&self.config.front_matter_source_keys, &entry.key) {
                    "source"
                } else {
                    return None;
                };
                let name = ctx.doc.slice(entry.value).to_string();
                (!name.is_empty()).then_some(Evidence {
                    strength: Strength::Strong,
                    kind,
                    name,
                    line: entry.line,
                    in_noise: false,
                })
            })
            .collect()
    }

    /// The cues a single line can carry: byline, label lines, staff credit, reporting credit,
    /// publisher notice. Nothing at or after an image credit counts.
    fn line_evidence(&self, ctx: &Context, index: usize) -> Vec<Evidence> {
        let Some(line) = ctx.doc.lines().get(index) else {
            return Vec::new();
        };
        let full = ctx.doc.slice(line.span);
        let image_at = self
            .cues
            .image
            .iter()
            .filter_map(|r| r.find(full))
            .map(|m| m.start())
            .min();
        let text = full.get(..image_at.unwrap_or(full.len())).unwrap_or("");
        if text.trim().is_empty() {
            return Vec::new();
        }
        let in_noise = ctx.in_noise(line.span);
        let item = |strength, kind, name: String| Evidence {
            strength,
            kind,
            name,
            line: index,
            in_noise,
        };
        let mut found = Vec::new();
        if let Some(name) = self.byline(text) {
            found.push(item(Strength::Strong, "author", name));
        }
        let labels = [
            (&self.cues.author_label, "author"),
            (&self.cues.source_label, "source"),
        ];
        for (regex, kind) in labels {
            if let Some(name) = self.label_value(ctx, regex.as_ref(), text, index) {
                found.push(item(Strength::Strong, kind, name));
            }
        }
        let bare = self
            .cues
            .author_label_bare
            .as_ref()
            .and_then(|r| r.captures(text));
        if let Some(captures) = bare.filter(|_| found.is_empty()) {
            found.push(item(Strength::Strong, "author", captured_name(&captures)));
        }
        let staff = self.cues.staff.as_ref().and_then(|r| r.captures(text));
        if let Some(captures) = staff.filter(|_| !self.has_stop_word(text)) {
            found.push(item(Strength::Strong, "author", captured_name(&captures)));
        }
        if let Some(captures) = self.cues.credits.iter().find_map(|r| r.captures(text)) {
            found.push(item(Strength::Strong, "credit", captured_name(&captures)));
        }
        if let Some(captures) = self.cues.publisher.iter().find_map(|r| r.captures(full)) {
            let name = captured_name(&captures);
            let name = if name.is_empty() {
                full.trim().to_string()
            } else {
                name
            };
            found.push(item(Strength::Weak, "publisher", name));
        }
        // A label line inside noise is kept by the fixer, so only it survives there.
        found.retain(|evidence| {
            !in_noise || evidence.kind == "source" || evidence.strength == Strength::Weak
        });
        found
    }

    /// `By Anna Smith and Li Wei`, unless the line is prose or names no one.
    fn byline(&self, text: &str) -> Option<String> {
        let words = text::word_count(text);
        if words > self.config.max_byline_words {
            return None;
        }
        let guarded = self
            .cues
            .prose_guard
            .as_ref()
            .is_some_and(|r| r.is_match(text));
        if guarded && words > self.config.prose_guard_max_words {
            return None;
        }
        let captures = self.cues.byline.as_ref()?.captures(text)?;
        let name = captured_name(&captures);
        let rest = captures
            .name("rest")
            .map_or("", |rest| rest.as_str())
            .trim();
        let ends =
            rest.is_empty() || rest.starts_with(['|', ',', '·', '•', '(', '/', ';', '-', '–', '—']);
        let single = text::word_count(&name) < 2;
        (!self.has_stop_word(&name) && (ends || !single)).then_some(name)
    }

    /// The value of `Label: value`, or of the next line when the label stands alone.
    fn label_value(
        &self,
        ctx: &Context,
        regex: Option<&regex::Regex>,
        text: &str,
        index: usize,
    ) -> Option<String> {
        let captures = regex?.captures(text)?;
        let mut name = captured_name(&captures);
        if name.is_empty() {
            let next = (index + 1..ctx.doc.lines().len()).find(|&i| !ctx.doc.is_blank_line(i))?;
            name = ctx.doc.line_text(next).trim().to_string();
        }
        let count = text::word_count(&name);
        (count > 0 && count <= self.config.max_label_value_words).then_some(name)
    }

    fn has_stop_word(&self, name: &str) -> bool {
        name.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|word| !word.is_empty())
            .any(|word| self.cues.stop_words.contains(&word.to_lowercase()))
    }

    /// `(Reuters)`, `(dpa)` near the start of a paragraph or on its last line.
    fn agency_evidence(&self, ctx: &Context) -> Vec<Evidence> {
        let Some(regex) = self.cues.agency.as_ref() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for paragraph in ctx.doc.paragraphs() {
            let body = ctx.doc.paragraph_text(paragraph);
            let last_line_start = ctx.doc.lines().get(paragraph.last_line).map_or(0, |line| {
                line.span.start.saturating_sub(paragraph.span.start)
            });
            for captures in regex.captures_iter(body) {
                let Some(whole) = captures.get(0) else {
                    continue;
                };
                let chars_before = body.get(..whole.start()).map_or(0, |b| b.chars().count());
                let placed =
                    chars_before <= self.config.agency_chars || whole.start() >= last_line_start;
                let span = Span::new(
                    paragraph.span.start + whole.start(),
                    paragraph.span.start + whole.end(),
                );
                if placed && !ctx.in_noise(span) {
                    found.push(Evidence {
                        strength: Strength::Strong,
                        kind: "agency",
                        name: captured_name(&captures),
                        line: ctx.doc.line_index(span.start),
                        in_noise: false,
                    });
                    break;
                }
            }
        }
        found
    }

    /// A bare name line near the date line, or a name on the date line itself.
    fn date_line_evidence(&self, ctx: &Context, metadata: &Metadata) -> Vec<Evidence> {
        let Some(date) = metadata.date.as_ref() else {
            return Vec::new();
        };
        let date_line = date.line.saturating_sub(1);
        let date_in_noise = ctx.in_noise(date.span);
        let mut found: Vec<Evidence> = self
            .names_on_date_line(ctx, date)
            .into_iter()
            .map(|name| medium("author", name, date_line, date_in_noise))
            .collect();
        let title = ctx.doc.line_index(title_span(ctx.doc).start);
        // Distance counts non-blank lines: renderings differ in the blank lines between blocks.
        let non_blank = |i: &usize| !ctx.doc.is_blank_line(*i);
        let before = (0..date_line)
            .rev()
            .filter(non_blank)
            .take(self.config.date_line_distance);
        let after = (date_line + 1..ctx.doc.lines().len())
            .filter(non_blank)
            .take(self.config.date_line_distance);
        for index in before.chain(after).filter(|&i| i != title) {
            let Some(line) = ctx.doc.lines().get(index) else {
                continue;
            };
            let text = ctx.doc.slice(line.span).trim();
            if self.is_name_line(text) {
                found.push(medium(
                    "author",
                    text.to_string(),
                    index,
                    ctx.in_noise(line.span),
                ));
            }
        }
        found
    }

    /// Names written on the date line: `by NAME` anywhere, `| NAME` right after the date,
    /// `NAME | date` or `NAME, date` before it.
    fn names_on_date_line(&self, ctx: &Context, date: &crate::metadata::DateValue) -> Vec<String> {
        let after = ctx.doc.slice(Span::new(date.span.end, date.line_span.end));
        let before = ctx
            .doc
            .slice(Span::new(date.line_span.start, date.span.start));
        let line = ctx.doc.slice(date.line_span);
        let mut names = Vec::new();
        let by = self
            .cues
            .date_line_by
            .as_ref()
            .and_then(|r| r.captures(line));
        if let Some(captures) = by {
            names.push(captured_name(&captures));
        }
        if let Some(captures) = self.cues.date_line_after.captures(after) {
            let name = captured_name(&captures);
            if text::word_count(&name) >= self.config.min_name_tokens {
                names.push(name);
            }
        }
        let lead = before
            .trim()
            .trim_end_matches(['|', ',', '·', '•', '-', '–', '—'])
            .trim();
        if self.is_name_line(lead) {
            names.push(lead.to_string());
        }
        names.retain(|name| !name.is_empty() && !self.has_stop_word(name));
        names
    }

    /// Two to four capitalised tokens without digits (particles allowed), none a stop word.
    fn is_name_line(&self, text: &str) -> bool {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let particle = |token: &str| self.config.name_particles.iter().any(|p| p == token);
        let names = tokens.iter().filter(|token| !particle(token)).count();
        let capitalised = |token: &&&str| {
            token.starts_with(char::is_uppercase)
                && token
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        };
        (self.config.min_name_tokens..=self.config.max_name_tokens).contains(&tokens.len())
            && names >= self.config.min_name_tokens
            && tokens
                .iter()
                .filter(|t| !particle(t))
                .all(|t| capitalised(&t))
            && !text.ends_with(['.', ':', '!', '?'])
            && !self.has_stop_word(text)
    }

    /// A bare site name (`Caliber.Az`) on one of the first lines after the article.
    fn site_credit_evidence(&self, ctx: &Context) -> Vec<Evidence> {
        let Some((_, last)) = ctx.layout.main_run else {
            return Vec::new();
        };
        let after = (last + 1..ctx.doc.lines().len()).filter(|&i| !ctx.doc.is_blank_line(i));
        after
            .take(self.config.site_credit_lines)
            .filter_map(|index| {
                let text = ctx.doc.line_text(index).trim();
                let credit = self.cues.site_credit.iter().any(|r| r.is_match(text));
                let in_noise = ctx
                    .doc
                    .lines()
                    .get(index)
                    .is_some_and(|l| ctx.in_noise(l.span));
                credit.then(|| medium("publisher", text.to_string(), index, in_noise))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil_date::CivilDate;
    use crate::document::Document;
    use crate::layout::Layout;
    use crate::metadata::DateValue;

    const RULE: &str = include_str!("../../rules/metadata/missing-attribution.toml");

    fn check(accept_publisher: bool) -> RequiredAttributionCheck {
        let mut config = match super::super::parse_check::<RequiredAttributionConfig>(RULE) {
            Ok(config) => config,
            Err(error) => panic!("config: {error:?}"),
        };
        config.accept_publisher = accept_publisher;
        match compile(config) {
            Ok(check) => check,
            Err(error) => panic!("compile: {error:?}"),
        }
    }

    /// A date value on line `line` (1-based) as `required-date` gives: the date is the line's
    /// text from its first digit to its last.
    fn date_on(doc: &Document, line: usize) -> Option<DateValue> {
        let line_span = doc.lines().get(line.checked_sub(1)?)?.span;
        let text = doc.slice(line_span);
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
        let span = Span::new(line_span.start + start, line_span.start + end);
        Some(DateValue {
            iso: "2026-02-04".into(),
            raw: doc.slice(span).into(),
            line,
            label: None,
            ambiguous: false,
            kind: "published".into(),
            span,
            line_span,
        })
    }

    /// Runs the rule; `date_line` stands in for the date rule's value, `noise` for the noise
    /// rules' spans (given as line numbers).
    fn run(
        text: &str,
        date_line: Option<usize>,
        noise_lines: &[usize],
        accept_publisher: bool,
    ) -> (Option<AttributionValue>, Vec<Finding>) {
        let doc = Document::new(text.to_string());
        let layout = Layout::of(&doc);
        let noise: Vec<Span> = noise_lines
            .iter()
            .filter_map(|&line| doc.lines().get(line - 1).map(|l| l.span))
            .collect();
        let ctx = Context {
            doc: &doc,
            layout: &layout,
            noise: &noise,
            today: CivilDate::from_unix_days(20_487),
        };
        let mut metadata = Metadata {
            date: date_line.and_then(|line| date_on(&doc, line)),
            attribution: None,
        };
        let findings = check(accept_publisher).check(&ctx, &mut metadata);
        (metadata.attribution, findings)
    }

    fn found(text: &str) -> Option<(String, String)> {
        found_near(text, None)
    }

    fn found_near(text: &str, date_line: Option<usize>) -> Option<(String, String)> {
        let (value, _) = run(text, date_line, &[], false);
        value.map(|value| (value.kind, value.name))
    }

    fn pair(kind: &str, name: &str) -> Option<(String, String)> {
        Some((kind.to_string(), name.to_string()))
    }

    const PROSE: &str = "Heavy rain flooded several streets in the harbour district on Monday night, the city said.";

    #[test]
    fn bylines_in_several_languages() {
        assert_eq!(
            found(&format!("Title\nBy Anna Smith and Li Wei\n\n{PROSE}")),
            pair("author", "Anna Smith and Li Wei")
        );
        assert_eq!(
            found(&format!("Titel\nVon Anna Schmidt\n\n{PROSE}")),
            pair("author", "Anna Schmidt")
        );
        assert_eq!(
            found(&format!("Titre\nPar Jean de la Fontaine\n\n{PROSE}")),
            pair("author", "Jean de la Fontaine")
        );
        assert_eq!(
            found(&format!("Title\nBy Luke Kemp 11 February 2020\n\n{PROSE}")),
            pair("author", "Luke Kemp")
        );
        assert_eq!(
            found(&format!(
                "Titel\nVeröffentlicht von Chris Jung 28. Februar 2016\n{PROSE}"
            )),
            pair("author", "Chris Jung")
        );
    }

    #[test]
    fn prose_and_stop_words_are_not_bylines() {
        assert_eq!(
            found(&format!(
                "Titel\nVon der Brücke aus sieht man die neuen Radwege der Stadt\n{PROSE}"
            )),
            None
        );
        assert_eq!(
            found(&format!(
                "Title\nBy Monday, the council had agreed.\n{PROSE}"
            )),
            None
        );
        assert_eq!(
            found(&format!(
                "Titel\nVon Berlin aus fährt der Zug nach Hamburg\n{PROSE}"
            )),
            None
        );
    }

    #[test]
    fn label_lines_for_authors_and_sources() {
        assert_eq!(
            found(&format!("Title\nAuthor: Ilgar VELIZADE\n{PROSE}")),
            pair("author", "Ilgar VELIZADE")
        );
        assert_eq!(
            found(&format!("Заголовок\nАвтор: Иван Петров\n{PROSE}")),
            pair("author", "Иван Петров")
        );
        assert_eq!(
            found(&format!("Başlıq\n{PROSE}\nMənbə: example.az\n")),
            pair("source", "example.az")
        );
        assert_eq!(
            found(&format!(
                "Titel\nAutoren Jelko Djuren und Jutta Klaukien\n{PROSE}"
            )),
            pair("author", "Jelko Djuren und Jutta Klaukien")
        );
        assert_eq!(
            found(&format!("Titel\nAutor:\nAnna Schmidt\n\n{PROSE}")),
            pair("author", "Anna Schmidt")
        );
    }

    #[test]
    fn agencies_credits_and_staff_lines() {
        assert_eq!(
            found(&format!("Title\n\nBAKU, Feb 4 (Reuters) - {PROSE}")),
            pair("agency", "Reuters")
        );
        assert_eq!(
            found(&format!("Titel\n\nBERLIN (dpa/lnw) - {PROSE}")),
            pair("agency", "dpa")
        );
        assert_eq!(
            found(&format!(
                "Title\n\n{PROSE}\n(Reporting by Anna Smith; Editing by Li Wei)\n"
            )),
            pair("credit", "Anna Smith")
        );
        assert_eq!(
            found(&format!("Title\nAnna Smith, staff writer\n\n{PROSE}")),
            pair("author", "Anna Smith")
        );
    }

    #[test]
    fn bare_names_count_only_near_the_date_line() {
        let text = format!("Title\n\n4 February 2026\n\nAnna Smith\n\n{PROSE}");
        assert_eq!(found_near(&text, Some(3)), pair("author", "Anna Smith"));
        assert_eq!(found_near(&text, None), None);
        let far = format!("Title\n4 February 2026\n{PROSE}\n{PROSE}\n{PROSE}\nAnna Smith\n");
        assert_eq!(found_near(&far, Some(2)), None);
        let menu = format!("Title\n4 February 2026\nHome News\n\n{PROSE}");
        assert_eq!(found_near(&menu, Some(2)), None);
    }

    #[test]
    fn names_on_the_date_line() {
        let text = format!("Title\nMarie Merlet | 9 December 2019\n\n{PROSE}");
        assert_eq!(found_near(&text, Some(2)), pair("author", "Marie Merlet"));
        let text = format!("Title\nPosted on 15 April 2016 by LD\n\n{PROSE}");
        assert_eq!(found_near(&text, Some(2)), pair("author", "LD"));
    }

    #[test]
    fn image_credits_are_never_evidence() {
        let text =
            format!("Title\n\n{PROSE}\n\nPhoto: Courtesy of the Embassy\nFoto: Anna Schmidt\n");
        assert_eq!(found(&text), None);
        let text = format!("Title\n\nThe minister. Photo: Courtesy of Anna Smith\n\n{PROSE}");
        assert_eq!(found(&text), None);
    }

    #[test]
    fn noise_hides_bylines_but_not_source_lines() {
        let text = format!("Title\nBy Anna Smith\n\n{PROSE}\n\nSource: example.com\n");
        let (value, _) = run(&text, None, &[2, 6], false);
        assert_eq!(
            value.map(|v| (v.kind, v.name, v.line)),
            Some(("source".into(), "example.com".into(), 6))
        );
        let (value, _) = run(&text, None, &[2], false);
        assert_eq!(value.map(|v| v.kind).as_deref(), Some("source"));
    }

    #[test]
    fn site_credit_after_the_article_is_a_publisher() {
        let text = format!("Title\n\n{PROSE} {PROSE}\n\n{PROSE}\n\nExample.com\nViews: 254\n");
        assert_eq!(found(&text), pair("publisher", "Example.com"));
    }

    #[test]
    fn copyright_alone_fires_with_its_own_message_unless_accepted() {
        let text = format!("Title\n\n{PROSE}\n\n© 2024 Harbour Media. All rights reserved.\n");
        let (value, findings) = run(&text, None, &[], false);
        assert!(value.is_none());
        let messages: Vec<Option<String>> = findings.iter().map(|f| f.message.clone()).collect();
        assert_eq!(
            messages,
            [Some(
                "only a publisher or copyright line found: Harbour Media".to_string()
            )]
        );
        assert_eq!(
            findings.iter().map(|f| f.span).collect::<Vec<_>>(),
            [Span::new(0, 5)]
        );
        let (value, findings) = run(&text, None, &[], true);
        assert!(findings.is_empty());
        assert_eq!(value.map(|v| v.kind).as_deref(), Some("publisher"));
    }

    #[test]
    fn nothing_found_fires_once_on_the_title() {
        let (value, findings) = run(&format!("\nTitle\n\n{PROSE}\n"), None, &[], false);
        assert!(value.is_none());
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>(),
            [None]
        );
    }

    #[test]
    fn front_matter_author_wins() {
        let text =
            format!("---\ntitle: A\nauthor: \"Ayşe Yılmaz\"\n---\n{PROSE}\nSource: example.com\n");
        assert_eq!(found(&text), pair("author", "Ayşe Yılmaz"));
    }
}
