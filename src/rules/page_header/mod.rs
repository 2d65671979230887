//! `page-header`: everything between the page's title line and the article's own title.
//!
//! A scraper writes the page's `<title>` first ("Storm floods harbour – The Daily Post") and the
//! article's heading again where the article starts, after the site header: menus, section
//! labels, teaser lists, tickers. The repeated title is an anchor that needs no guess about what
//! furniture looks like: whatever sits between the two copies is the header of the page. The
//! site name the `<title>` adds before or after the heading is split off at the separators the
//! rule file lists.

mod heading;

use std::cell::RefCell;
use std::sync::Arc;

use serde::Deserialize;

use self::heading::{Heading, HeadingFinder, PageHeading};
use super::{CompileError, Context, Finding};

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
    /// How the heading is found, behind an `Arc`: a document's memo ([`PageHeadings`]) keeps
    /// it as the key of what it found without copying the separators.
    finder: Arc<HeadingFinder>,
    flag: Flagged,
}

/// The page title and heading of one document as each heading finder that looked found them:
/// `page-header` and `page-title` look alike, and the second takes the first one's answer.
pub(crate) type PageHeadings = RefCell<Vec<(Arc<HeadingFinder>, Option<PageHeading>)>>;

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
        finder: Arc::new(HeadingFinder {
            separators: config.separators,
            min_title_words: config.min_title_words,
            max_title_words: config.max_title_words,
            min_similarity: config.min_similarity,
        }),
        flag: config.flag,
    })
}

impl PageHeaderCheck {
    /// Finds the article's heading repeating the page title and flags what `flag` names.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let doc = ctx.doc;
        let Some(PageHeading {
            title_line,
            heading: found,
        }) = page_heading(ctx, &self.finder)
        else {
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

    /// Whether the first line may go, leaving the heading as the seed's title: the heading
    /// repeats it word for word minus the site's name, and, as the first line it becomes, the
    /// heading would find no heading of its own below. Otherwise the next fix pass (or the next
    /// run) would take a sub-heading or a caption for a second heading.
    fn title_may_go(&self, ctx: &Context, found: &Heading) -> bool {
        found.repeated && found.names_site && self.finder.heading_below(ctx, found.line).is_none()
    }
}

/// The page title and heading `finder` finds in the document, looked for once per document for
/// all the rules configured alike.
fn page_heading(ctx: &Context, finder: &Arc<HeadingFinder>) -> Option<PageHeading> {
    let memo = &ctx.shared.page_headings;
    let known = memo
        .borrow()
        .iter()
        .find(|(looked, _)| looked == finder)
        .map(|&(_, found)| found);
    if let Some(found) = known {
        return found;
    }
    let found = finder.page_heading(ctx);
    memo.borrow_mut().push((Arc::clone(finder), found));
    found
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

#[cfg(test)]
mod tests;
