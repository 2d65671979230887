//! Turning a captured page into a text seed: the title, a `By …` line and a `Published: …`
//! line when the page states them, then every text block the rules do not flag, one paragraph
//! per block. The result is then fixed as a text seed, so that linting it finds no noise.

use scraper::Selector;

use super::HtmlPage;
use super::lint::lint_with_removals;
use crate::autofix::{FixOptions, fix_document};
use crate::document::{Document, SeedFormat, Span};
use crate::lint::{LintOptions, LintResult};
use crate::metadata::Metadata;
use crate::rule::RuleSet;

/// Extracts the text seed of the page whose whole source is `source`.
pub fn extract(source: &str, rules: &RuleSet, options: &LintOptions) -> String {
    let page = HtmlPage::parse(source);
    let source_doc = Document::new(source.to_string()).with_format(SeedFormat::Html);
    let (result, removals) = lint_with_removals(&page, &source_doc, rules, options);
    let container = article_container(&page, &removals);
    let paragraphs = kept_paragraphs(&page, &removals, container);
    let title = title(&page, &paragraphs);
    let mut seed: Vec<String> = Vec::new();
    if let Some(title) = &title {
        seed.push(title.clone());
    }
    let metadata = metadata_lines(&result.metadata);
    // The page's own title and byline blocks would repeat the lines above.
    let repeated =
        |paragraph: &String| Some(paragraph) == title.as_ref() || metadata.contains(paragraph);
    let body: Vec<String> = paragraphs.into_iter().filter(|p| !repeated(p)).collect();
    seed.extend(metadata);
    seed.extend(body);
    let mut text = seed.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    clean_as_text(text, rules, options)
}

/// Containers that hold an article, most specific first.
const ARTICLE_CONTAINERS: &[&str] = &["[itemprop=articleBody]", "article", "main, [role=main]"];

/// The source span of the element that holds the article, when the markup names one
/// unambiguously (a single match of a container selector) and it holds most of the text the
/// rules keep.
fn article_container(page: &HtmlPage, removals: &[Span]) -> Option<Span> {
    let kept_words = |inside: Option<Span>| -> usize {
        page.blocks
            .iter()
            .filter(|block| {
                !removals
                    .iter()
                    .any(|removed| removed.overlaps(&block.derived))
            })
            .filter(|block| {
                inside.is_none_or(|span| block.source.is_some_and(|s| span.contains(&s)))
            })
            .map(|block| page.text.slice(block.derived).split_whitespace().count())
            .sum()
    };
    let total = kept_words(None);
    ARTICLE_CONTAINERS.iter().find_map(|selector| {
        let parsed = Selector::parse(selector).ok()?;
        let mut matches = page.html.select(&parsed);
        let only = matches.next()?;
        if matches.next().is_some() {
            return None;
        }
        let span = page.element_span(only)?;
        (kept_words(Some(span)) * 2 >= total).then_some(span)
    })
}

/// The blocks (or the lines of blocks) that no removal touches, in document order, inside
/// the article's container when there is one.
fn kept_paragraphs(page: &HtmlPage, removals: &[Span], container: Option<Span>) -> Vec<String> {
    let doc = &page.text;
    page.blocks
        .iter()
        .filter(|block| {
            container.is_none_or(|span| block.source.is_some_and(|s| span.contains(&s)))
        })
        .filter_map(|block| {
            let first = doc.line_index(block.derived.start);
            let last = doc.line_index(block.derived.end.saturating_sub(1).max(block.derived.start));
            let lines: Vec<&str> = (first..=last)
                .filter(|&index| {
                    let line = doc.lines().get(index).map_or(Span::default(), |l| l.span);
                    !removals.iter().any(|removed| removed.overlaps(&line))
                })
                .map(|index| doc.line_text(index))
                .collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        })
        .collect()
}

/// The page's title: the first kept `<h1>` (or short block) that the page's `og:title` or
/// `<title>` contains (a site name or a teaser may be an `<h1>` too), else `og:title`, else
/// `<title>`, else the first kept `<h1>`.
fn title(page: &HtmlPage, kept: &[String]) -> Option<String> {
    let texts = |selector: &str, attribute: Option<&str>| -> Vec<String> {
        let Ok(parsed) = Selector::parse(selector) else {
            return Vec::new();
        };
        page.html
            .select(&parsed)
            .filter_map(|element| {
                let text = match attribute {
                    Some(name) => element.value().attr(name)?.to_string(),
                    None => element.text().collect::<String>(),
                };
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                (!text.is_empty()).then_some(text)
            })
            .collect()
    };
    let headings: Vec<String> = texts("h1", None)
        .into_iter()
        .filter(|heading| kept.contains(heading))
        .collect();
    let named: Vec<String> = texts("meta[property='og:title']", Some("content"))
        .into_iter()
        .chain(texts("title", None))
        .take(2)
        .collect();
    // A short kept block the page's title repeats is the title too (often an `<h2>`).
    let short_blocks = kept
        .iter()
        .filter(|block| (3..=30).contains(&block.split_whitespace().count()));
    let confirmed = headings.iter().chain(short_blocks).find(|candidate| {
        let candidate = normalized(candidate);
        !candidate.is_empty()
            && named
                .iter()
                .any(|name| normalized(name).contains(&candidate))
    });
    confirmed.or(named.first()).or(headings.first()).cloned()
}

/// The words of `text`, lower case, separated by single spaces: dashes and bars do not count.
fn normalized(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    words.join(" ")
}

/// `By …` and `Published: …` lines for the metadata the page states.
fn metadata_lines(metadata: &Metadata) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(found) = &metadata.attribution {
        lines.push(match found.kind.as_str() {
            "publisher" => format!("Source: {}", found.name),
            _ => format!("By {}", found.name),
        });
    }
    if let Some(date) = &metadata.date {
        lines.push(format!("Published: {}", date.iso));
    }
    lines
}

/// The extracted text, fixed as a text seed with the safe fixes (unchanged if the guard
/// refuses them).
fn clean_as_text(text: String, rules: &RuleSet, options: &LintOptions) -> String {
    let keep_all = |_: &Document, result: LintResult| result;
    match fix_document(
        Document::new(text.clone()),
        rules,
        options,
        FixOptions::default(),
        &keep_all,
    ) {
        Ok(fixed) => fixed.document.into_text(),
        Err(_) => text,
    }
}
