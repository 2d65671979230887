//! `page-header`: everything between the page's title line and the article's own title.
//!
//! A scraper writes the page's `<title>` first ("Storm floods harbour – The Daily Post") and the
//! article's heading again where the article starts, after the site header: menus, section
//! labels, teaser lists, tickers. The repeated title is an anchor that needs no guess about what
//! furniture looks like: whatever sits between the two copies is the header of the page. The
//! site name the `<title>` adds before or after the heading is split off at the separators the
//! rule file lists.

use std::collections::HashSet;

use serde::Deserialize;

use super::{CompileError, Context, Finding};
use crate::layout::is_prose;
use crate::text;

/// The `[check]` table of a `page-header` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageHeaderConfig {
    /// Strings that join the heading and the site name in a page title (" - ", " | ").
    separators: Vec<String>,
    /// A heading needs at least this many words to count as the article's title.
    min_title_words: usize,
    /// A first line with more words than this is text, not a page title.
    max_title_words: usize,
    /// When no line repeats the title exactly, a line sharing at least this share of words with
    /// it (Dice coefficient, 0 to 1) is the heading: sites shorten or reword the `<title>`.
    /// 1.0 (the default) accepts exact repeats only.
    #[serde(default = "exact_only")]
    min_similarity: f64,
    /// Which part of the page the rule reports once the heading is found.
    #[serde(default)]
    flag: Flagged,
}

/// What a `page-header` rule reports: the lines between the two titles, or the page title.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flagged {
    /// The site header between the page title and the article's heading.
    #[default]
    Header,
    /// The page title itself: the heading below repeats it, so the article keeps its title.
    Title,
}

fn exact_only() -> f64 {
    1.0
}

impl Default for PageHeaderConfig {
    fn default() -> Self {
        Self {
            separators: Vec::new(),
            min_title_words: 3,
            max_title_words: 30,
            min_similarity: exact_only(),
            flag: Flagged::Header,
        }
    }
}

/// A compiled `page-header` rule.
#[derive(Debug)]
pub struct PageHeaderCheck {
    separators: Vec<String>,
    min_title_words: usize,
    max_title_words: usize,
    min_similarity: f64,
    flag: Flagged,
}

/// The article's heading found below a page title.
struct Heading {
    /// Its line.
    line: usize,
    /// True when it repeats a form of the title word for word (false: reworded).
    repeated: bool,
    /// True when the title splits into the heading and a site name.
    names_site: bool,
}

/// Compiles a `page-header` rule.
pub fn compile(config: PageHeaderConfig) -> Result<PageHeaderCheck, CompileError> {
    if config.min_title_words == 0
        || config.max_title_words < config.min_title_words
        || config.separators.iter().any(|s| s.trim().is_empty())
        || !(0.5..=1.0).contains(&config.min_similarity)
    {
        return Err(CompileError {
            message:
                "`min-title-words` must be at least 1 and at most `max-title-words`, `min-similarity` \
             between 0.5 and 1, and no separator may be only white space"
                    .into(),
            span: None,
            help: None,
        });
    }
    Ok(PageHeaderCheck {
        separators: config.separators,
        min_title_words: config.min_title_words,
        max_title_words: config.max_title_words,
        min_similarity: config.min_similarity,
        flag: config.flag,
    })
}

impl PageHeaderCheck {
    /// Finds the article's heading repeating the page title and flags what `flag` names.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let doc = ctx.doc;
        let Some(title_line) = (0..doc.lines().len()).find(|&i| !doc.is_blank_line(i)) else {
            return Vec::new();
        };
        let Some(found) = self.heading_below(ctx, title_line) else {
            return Vec::new();
        };
        match self.flag {
            Flagged::Header => header_finding(ctx, title_line, found.line),
            Flagged::Title if self.title_may_go(ctx, &found) => vec![
                Finding::new(doc.lines_span(title_line, title_line))
                    .with_label("the page's title, which the article's heading repeats")
                    .with_related(
                        doc.lines_span(found.line, found.line),
                        "the article's heading",
                    ),
            ],
            Flagged::Title => Vec::new(),
        }
    }

    /// The article's heading that repeats (or rewords) the title on line `title_line`.
    fn heading_below(&self, ctx: &Context, title_line: usize) -> Option<Heading> {
        let doc = ctx.doc;
        let title = doc.line_text(title_line);
        if text::word_count_up_to(title, self.max_title_words + 1) > self.max_title_words {
            return None;
        }
        let parts = self.split_title(title);
        // A title that names its site is a `<title>` beyond doubt. Without a site name, the
        // first line may be the article's heading itself (a seed that was already cleaned), and
        // a line rewording it further down is a caption or a share line, not a second heading.
        let names_site = parts.len() > 1;
        let forms = self.title_forms(&parts);
        let longest = forms.iter().map(String::len).max()?;
        // Past the end of the main run the title repeats in teasers and footers, not as a heading.
        let end = ctx
            .layout
            .main_run
            .map_or(doc.lines().len(), |(_, last)| last);
        let exact = |i: usize| {
            let line = doc.line_text(i);
            line.len() <= longest * 2 + 8 && normalizes_to_one_of(line, &forms)
        };
        let found = match (title_line + 1..end).find(|&i| exact(i)) {
            Some(first_repeat) => Heading {
                line: self.last_chained_repeat(ctx, first_repeat, end, exact),
                repeated: true,
                names_site,
            },
            None if self.min_similarity < 1.0 && names_site => Heading {
                line: self.reworded_heading(ctx, title_line, end, &forms)?,
                repeated: false,
                names_site,
            },
            None => return None,
        };
        // A header is furniture around the article, never most of its prose: a first line that
        // repeats further down after the article's text is a repeated paragraph, not a title.
        let before = prose_words(ctx, title_line, found.line);
        (before < prose_words(ctx, found.line, doc.lines().len())).then_some(found)
    }

    /// Whether the first line may go, leaving the heading as the seed's title: the heading
    /// repeats it word for word minus the site's name, and, as the first line it becomes, the
    /// heading would find no heading of its own below. Otherwise the next fix pass (or the next
    /// run) would take a sub-heading or a caption for a second heading.
    fn title_may_go(&self, ctx: &Context, found: &Heading) -> bool {
        found.repeated && found.names_site && self.heading_below(ctx, found.line).is_none()
    }

    /// A teaser in the header can repeat the title too; the heading is the last repeat that no
    /// prose separates from the first.
    fn last_chained_repeat(
        &self,
        ctx: &Context,
        first_repeat: usize,
        end: usize,
        exact: impl Fn(usize) -> bool,
    ) -> usize {
        let mut heading = first_repeat;
        for repeat in (first_repeat + 1..end).filter(|&i| exact(i)) {
            if has_prose_between(ctx, heading, repeat) {
                break;
            }
            heading = repeat;
        }
        heading
    }

    /// The first line before any prose that shares `min-similarity` of its words with a form
    /// of the title: a reworded heading is less certain than a repeat, so the first one found
    /// is the heading and a later one (a standfirst rewording the title) is article text.
    fn reworded_heading(
        &self,
        ctx: &Context,
        title_line: usize,
        end: usize,
        forms: &HashSet<String>,
    ) -> Option<usize> {
        let doc = ctx.doc;
        let longest = forms.iter().map(String::len).max().unwrap_or(0);
        let first_prose = doc
            .paragraphs()
            .iter()
            .find(|paragraph| {
                paragraph.first_line > title_line && is_prose(doc.paragraph_text(paragraph))
            })
            .map_or(end, |paragraph| paragraph.first_line.min(end));
        // The forms' word sets are the same for every line, so they are built once.
        let form_words: Vec<HashSet<&str>> = forms.iter().map(|form| word_set(form)).collect();
        (title_line + 1..first_prose).find(|&i| {
            let line = doc.line_text(i);
            if line.len() > longest * 2 + 8 || is_prose(line) {
                return false;
            }
            let words = normalized(line);
            let words = word_set(&words);
            form_words
                .iter()
                .any(|form| word_similarity(form, &words, FUZZY_MIN_WORDS) >= self.min_similarity)
        })
    }

    /// The page title and every run of its parts that keeps the first or the last part, so the
    /// heading matches whichever side the site name was on.
    fn title_forms(&self, parts: &[String]) -> HashSet<String> {
        let mut forms = HashSet::new();
        for cut in 0..parts.len() {
            forms.insert(parts[..=cut].join(" "));
            forms.insert(parts[cut..].join(" "));
        }
        forms.retain(|form| form.split(' ').count() >= self.min_title_words);
        forms
    }

    /// The normalized parts of a page title between its separators.
    fn split_title(&self, title: &str) -> Vec<String> {
        let mut parts = vec![title.to_string()];
        // Each part is a piece of the title: a separator the title lacks splits none of them,
        // and most titles hold one or two of the separators at most.
        for separator in self
            .separators
            .iter()
            .filter(|s| title.contains(s.as_str()))
        {
            parts = parts
                .iter()
                .flat_map(|part| part.split(separator.as_str()))
                .map(str::to_string)
                .collect();
        }
        parts
            .iter()
            .map(|part| normalized(part))
            .filter(|part| !part.is_empty())
            .collect()
    }
}

/// The lines between the page title and the heading, when there are any.
fn header_finding(ctx: &Context, title_line: usize, heading: usize) -> Vec<Finding> {
    let doc = ctx.doc;
    let Some(first) = (title_line + 1..heading).find(|&i| !doc.is_blank_line(i)) else {
        return Vec::new();
    };
    let last = (first..heading)
        .rev()
        .find(|&i| !doc.is_blank_line(i))
        .unwrap_or(first);
    let span = doc.lines_span(first, last);
    vec![
        Finding::new(span)
            .with_label(format!(
                "{} lines of page header before the article's title",
                last - first + 1
            ))
            .with_related(
                doc.lines_span(heading, heading),
                "the article's title, repeating the page title",
            ),
    ]
}

/// True when a prose paragraph starts strictly between lines `after` and `before`.
fn has_prose_between(ctx: &Context, after: usize, before: usize) -> bool {
    ctx.doc
        .paragraphs()
        .iter()
        .enumerate()
        .any(|(index, paragraph)| {
            paragraph.first_line > after
                && paragraph.first_line < before
                && ctx.layout.is_prose(index)
        })
}

/// The words of the prose paragraphs that start strictly between lines `after` and `before`.
fn prose_words(ctx: &Context, after: usize, before: usize) -> usize {
    ctx.doc
        .paragraphs()
        .iter()
        .enumerate()
        .filter(|(_, paragraph)| paragraph.first_line > after && paragraph.first_line < before)
        .filter(|&(index, _)| ctx.layout.is_prose(index))
        .map(|(_, paragraph)| ctx.layout.paragraph_words(paragraph))
        .sum()
}

/// Shorter titles and headings match exactly or not at all: a few shared words say little.
const FUZZY_MIN_WORDS: usize = 6;

/// The distinct words of a normalized text.
fn word_set(text: &str) -> HashSet<&str> {
    text.split(' ').filter(|w| !w.is_empty()).collect()
}

/// The Dice coefficient of two normalized texts' word sets (twice the shared words over all),
/// 0 when either has fewer than `min_words` distinct words.
fn word_similarity(a: &HashSet<&str>, b: &HashSet<&str>, min_words: usize) -> f64 {
    if a.len() < min_words || b.len() < min_words {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// True when `normalized(text)` is one of `forms`. An ASCII line (most lines) is compared word
/// by word without building its normalized text: its words are its runs of ASCII letters and
/// digits, lower-cased, so no allocation, case table or hash is needed to tell it apart.
fn normalizes_to_one_of(text: &str, forms: &HashSet<String>) -> bool {
    if !text.is_ascii() {
        return forms.contains(&normalized(text));
    }
    forms.iter().any(|form| ascii_normalizes_to(text, form))
}

/// `normalized(text) == form` for an ASCII `text`.
fn ascii_normalizes_to(text: &str, form: &str) -> bool {
    let mut expected = form.bytes();
    let words = text
        .as_bytes()
        .split(|byte| !byte.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty());
    for (index, word) in words.enumerate() {
        if index > 0 && expected.next() != Some(b' ') {
            return false;
        }
        if !word
            .iter()
            .all(|byte| expected.next() == Some(byte.to_ascii_lowercase()))
        {
            return false;
        }
    }
    expected.next().is_none()
}

/// The lower-case words of `text`, joined by single spaces: punctuation, quotes and dashes
/// differ between a page's `<title>` and its heading.
fn normalized(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
