//! How `page-header` rules find the article's heading below the page title: a line that
//! repeats the title (perhaps without the site name the title adds) or, under a title that
//! names its site, rewords it, before the article's prose.

use std::collections::HashSet;

use crate::layout::is_prose;
use crate::rules::Context;
use crate::text;

/// The part of a `page-header` rule's configuration that finds the heading. The default
/// `page-header` and `page-title` rules configure it alike, and find the heading once per
/// document ([`super::page_heading`]).
#[derive(Debug, PartialEq)]
pub(crate) struct HeadingFinder {
    /// Strings that join the heading and the site name in a page title.
    pub(super) separators: Vec<String>,
    /// A heading needs at least this many words to count as the article's title.
    pub(super) min_title_words: usize,
    /// A first line with more words than this is text, not a page title.
    pub(super) max_title_words: usize,
    /// The share of words a reworded heading shares with the title (1.0: repeats only).
    pub(super) min_similarity: f64,
}

/// The article's heading found below a page title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Heading {
    /// Its line.
    pub(super) line: usize,
    /// True when it repeats a form of the title word for word (false: reworded).
    pub(super) repeated: bool,
    /// True when the title splits into the heading and a site name.
    pub(super) names_site: bool,
}

/// A page's title line (its first line that is not blank) and the heading below it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageHeading {
    /// The line of the page title.
    pub(super) title_line: usize,
    /// The article's heading that repeats it.
    pub(super) heading: Heading,
}

impl HeadingFinder {
    /// The page title of the document and the article's heading below it, when there is one.
    pub(super) fn page_heading(&self, ctx: &Context) -> Option<PageHeading> {
        let doc = ctx.doc;
        let title_line = (0..doc.lines().len()).find(|&i| !doc.is_blank_line(i))?;
        let heading = self.heading_below(ctx, title_line)?;
        Some(PageHeading {
            title_line,
            heading,
        })
    }

    /// The article's heading that repeats (or rewords) the title on line `title_line`.
    pub(super) fn heading_below(&self, ctx: &Context, title_line: usize) -> Option<Heading> {
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
pub(super) fn normalizes_to_one_of(text: &str, forms: &HashSet<String>) -> bool {
    if !text.is_ascii() {
        return forms.contains(&normalized(text));
    }
    forms.iter().any(|form| ascii_normalizes_to(text, form))
}

/// `normalized(text) == form` for an ASCII `text`.
pub(super) fn ascii_normalizes_to(text: &str, form: &str) -> bool {
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
pub(super) fn normalized(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
