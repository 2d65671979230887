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
        let title = doc.line_text(title_line);
        if text::word_count_up_to(title, self.max_title_words + 1) > self.max_title_words {
            return Vec::new();
        }
        let parts = self.split_title(title);
        // A title that names its site is a `<title>` beyond doubt. Without a site name, the
        // first line may be the article's heading itself (a seed that was already cleaned), and
        // a line rewording it further down is a caption or a share line, not a second heading.
        let names_site = parts.len() > 1;
        if self.flag == Flagged::Title && !names_site {
            return Vec::new();
        }
        let forms = self.title_forms(&parts);
        if forms.is_empty() {
            return Vec::new();
        }
        let longest = forms.iter().map(String::len).max().unwrap_or(0);
        // Past the end of the main run the title repeats in teasers and footers, not as a heading.
        let end = ctx
            .layout
            .main_run
            .map_or(doc.lines().len(), |(_, last)| last);
        let exact = |i: usize| {
            let line = doc.line_text(i);
            line.len() <= longest * 2 + 8 && forms.contains(&normalized(line))
        };
        let heading = match (title_line + 1..end).find(|&i| exact(i)) {
            Some(first_repeat) => Some(self.last_chained_repeat(ctx, first_repeat, end, exact)),
            None if self.min_similarity < 1.0 && names_site => {
                self.reworded_heading(ctx, title_line, end, &forms)
            }
            None => None,
        };
        let Some(heading) = heading else {
            return Vec::new();
        };
        // A header is furniture around the article, never most of its prose: a first line that
        // repeats further down after the article's text is a repeated paragraph, not a title.
        if prose_words(ctx, title_line, heading) >= prose_words(ctx, heading, doc.lines().len()) {
            return Vec::new();
        }
        match self.flag {
            Flagged::Header => header_finding(ctx, title_line, heading),
            Flagged::Title => vec![
                Finding::new(doc.lines_span(title_line, title_line))
                    .with_label("the page's title, which the article's heading repeats")
                    .with_related(doc.lines_span(heading, heading), "the article's heading"),
            ],
        }
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
        (title_line + 1..first_prose).find(|&i| {
            let line = doc.line_text(i);
            if line.len() > longest * 2 + 8 || is_prose(line) {
                return false;
            }
            let words = normalized(line);
            forms
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
        for separator in &self.separators {
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

/// The Dice coefficient of two normalized texts' word sets (twice the shared words over all),
/// 0 when either has fewer than `min_words` distinct words.
fn word_similarity(a: &str, b: &str, min_words: usize) -> f64 {
    let a: HashSet<&str> = a.split(' ').filter(|w| !w.is_empty()).collect();
    let b: HashSet<&str> = b.split(' ').filter(|w| !w.is_empty()).collect();
    if a.len() < min_words || b.len() < min_words {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
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
mod tests {
    use super::*;
    use crate::civil_date::CivilDate;
    use crate::document::Document;
    use crate::layout::Layout;

    fn check(min_similarity: f64, flag: Flagged) -> PageHeaderCheck {
        compile(PageHeaderConfig {
            separators: vec![" - ".into(), " | ".into()],
            min_title_words: 3,
            max_title_words: 30,
            min_similarity,
            flag,
        })
        .expect("valid config")
    }

    fn flagged(text: &str) -> Vec<String> {
        flagged_with(text, exact_only())
    }

    fn flagged_with(text: &str, min_similarity: f64) -> Vec<String> {
        flagged_by(text, check(min_similarity, Flagged::Header))
    }

    fn flagged_by(text: &str, check: PageHeaderCheck) -> Vec<String> {
        let doc = Document::new(text.to_string());
        let layout = Layout::of(&doc);
        let ctx = Context {
            doc: &doc,
            layout: &layout,
            noise: &crate::document::SpanSet::default(),
            html: None,
            today: CivilDate::new(2026, 1, 1).expect("valid date"),
            shared: &crate::rules::Shared::default(),
        };
        check
            .check(&ctx)
            .iter()
            .map(|finding| doc.slice(finding.span).to_string())
            .collect()
    }

    const ARTICLE: &str = "Heavy rain flooded several streets in the harbour district on Monday \
        night, the city said.\n\nThe mayor promised new drains before the next winter storms arrive.\n";

    #[test]
    fn flags_the_header_between_page_title_and_heading() {
        let text = format!(
            "Storm floods the harbour - The Daily Post\n\nHome\nWorld\n\nTop stories today\n\n\
             Storm floods the harbour\n\n{ARTICLE}"
        );
        assert_eq!(flagged(&text), ["Home\nWorld\n\nTop stories today"]);
    }

    #[test]
    fn a_reworded_heading_matches_when_similar_enough_and_before_any_prose() {
        let text = format!(
            "HS Roundup: Viera defeats Rockledge to remain unbeaten - Florida Today\nSports\n\n\
             High School Roundup: Viera defeats Rockledge to remain unbeaten\n\n{ARTICLE}"
        );
        assert!(flagged(&text).is_empty());
        assert_eq!(flagged_with(&text, 0.8), ["Sports"]);
        let prose_first = text.replacen("Sports", ARTICLE.trim_end(), 1);
        assert!(flagged_with(&prose_first, 0.8).is_empty());
    }

    #[test]
    fn the_first_reworded_line_is_the_heading_not_a_standfirst_that_rewords_it_again() {
        let text = format!(
            "Storm floods harbour district as two rivers burst their banks - Harbour Post\n\n\
             News\n\nStorm floods the harbour district as rivers burst their banks\n\n\
             By Jane Roe\n\nStorm floods harbour district as two rivers burst their banks \
             overnight\n\n{ARTICLE}"
        );
        assert_eq!(flagged_with(&text, 0.8), ["News"]);
    }

    #[test]
    fn site_name_may_come_first_and_punctuation_may_differ() {
        let text = format!(
            "The Daily Post | Storm floods the “harbour”\nSubscribe\n\nStorm floods the harbour!\n\n{ARTICLE}"
        );
        assert_eq!(flagged(&text), ["Subscribe"]);
    }

    #[test]
    fn silent_without_a_repeated_title_or_with_a_short_one() {
        assert!(flagged(&format!("Storm floods the harbour\n\nHome\n\n{ARTICLE}")).is_empty());
        let short = format!("Storm - Post\n\nHome\n\nStorm\n\n{ARTICLE}");
        assert!(flagged(&short).is_empty());
    }

    #[test]
    fn a_teaser_repeating_the_title_in_the_header_is_passed_over() {
        let text = format!(
            "Storm floods the harbour - The Daily Post\n\nLocal\n\nStorm floods the harbour\n\n\
             Sports\n\nStorm floods the harbour\n\n{ARTICLE}"
        );
        assert_eq!(
            flagged(&text),
            ["Local\n\nStorm floods the harbour\n\nSports"]
        );
    }

    #[test]
    fn a_first_paragraph_repeated_after_the_article_is_no_title() {
        let text = format!("Short opening line here\n\n{ARTICLE}\nShort opening line here\n");
        assert!(flagged(&text).is_empty());
        let long = "A paragraph of the article that goes on. ".repeat(10);
        assert!(flagged(&format!("{long}\n\n{long}\n\n{long}\n")).is_empty());
    }

    #[test]
    fn a_title_repeated_after_the_article_is_not_its_heading() {
        let text = format!(
            "Storm floods the harbour - The Daily Post\n\n{ARTICLE}\nRelated\n\nStorm floods the harbour\n"
        );
        assert!(flagged(&text).is_empty());
    }

    #[test]
    fn the_title_flag_reports_a_page_title_that_names_its_site() {
        let title = |text: &str| flagged_by(text, check(0.8, Flagged::Title));
        let text = format!(
            "Storm floods the harbour - The Daily Post\n\nHome\n\nStorm floods the harbour\n\n{ARTICLE}"
        );
        assert_eq!(title(&text), ["Storm floods the harbour - The Daily Post"]);
        let no_site = format!("Storm floods the harbour\n\nStorm floods the harbour\n\n{ARTICLE}");
        assert!(title(&no_site).is_empty());
    }

    #[test]
    fn once_the_page_title_is_gone_a_line_rewording_the_heading_is_no_second_heading() {
        let fixed = format!(
            "Storm floods the harbour district as two rivers burst their banks\n\
             By Jane Roe\nShare: Storm floods the harbour district as the two rivers burst banks\n\n\
             {ARTICLE}"
        );
        assert!(flagged_with(&fixed, 0.8).is_empty());
        assert!(flagged_by(&fixed, check(0.8, Flagged::Title)).is_empty());
    }
}
