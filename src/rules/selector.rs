//! `selector`: CSS selectors that flag page furniture elements (navigation, share widgets,
//! related lists, …) of HTML seeds. On text seeds the kind finds nothing.
//!
//! A match is left alone when it sits inside an element of `unless-inside` (a `<header>` inside
//! `<article>` holds the title), or when it holds more than `max-text-share` of the page's
//! words: a "share" class on the wrapper of the whole article does not make the article noise.
//! With `min-link-density`, a match is flagged only when that share of its words are link
//! text (and it has at least `min-links` links): a list of links is navigation, a list of
//! facts is not.
//!
//! Nor is a match that holds the page's main content (`<main>`, `[role=main]`,
//! `[itemprop=articleBody]`): furniture never wraps the article. Only the outermost of nested
//! matches is reported.

use scraper::{ElementRef, Selector};
use serde::Deserialize;
use toml::Spanned;

use super::{CompileError, Context, Finding};
use crate::html::HtmlPage;

/// Elements that hold a page's main content; no furniture element contains one.
const MAIN_CONTENT: &str = "main, [role=main], [itemprop=articleBody]";

/// The `[check]` table of a `selector` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SelectorConfig {
    /// CSS selectors; an element any one matches is a finding.
    selectors: Vec<Spanned<String>>,
    /// Matches inside an element these selectors match are not findings.
    #[serde(default)]
    unless_inside: Vec<Spanned<String>>,
    /// Largest share of the page's words a flagged element may hold (default 0.4).
    max_text_share: Option<f64>,
    /// Only elements whose words are at least this share link text (default: any).
    min_link_density: Option<f64>,
    /// With `min-link-density`, only elements with at least this many links (default 3).
    min_links: Option<usize>,
}

/// A compiled `selector` rule.
#[derive(Debug)]
pub struct SelectorCheck {
    selector: Selector,
    main_content: Selector,
    unless_inside: Option<Selector>,
    max_text_share: f64,
    link_density: Option<(f64, usize)>,
    links: Selector,
}

/// Compiles the selectors, pointing at the one that does not parse.
pub fn compile(config: SelectorConfig) -> Result<SelectorCheck, CompileError> {
    let selector = compile_list(&config.selectors)?.ok_or_else(|| CompileError {
        message: "a selector rule needs at least one selector".into(),
        span: None,
        help: Some("add `selectors = [\"nav\"]` to the [check] table".into()),
    })?;
    let max_text_share = config.max_text_share.unwrap_or(0.4);
    let link_density = config
        .min_link_density
        .map(|density| (density, config.min_links.unwrap_or(3)));
    let links = Selector::parse("a[href]").map_err(|error| CompileError {
        message: format!("the link selector does not parse: {error}"),
        span: None,
        help: None,
    })?;
    let main_content = Selector::parse(MAIN_CONTENT).map_err(|error| CompileError {
        message: format!("the main-content selector does not parse: {error}"),
        span: None,
        help: None,
    })?;
    Ok(SelectorCheck {
        selector,
        main_content,
        unless_inside: compile_list(&config.unless_inside)?,
        max_text_share,
        link_density,
        links,
    })
}

fn compile_list(list: &[Spanned<String>]) -> Result<Option<Selector>, CompileError> {
    for item in list {
        if let Err(error) = Selector::parse(item.get_ref()) {
            return Err(CompileError {
                message: format!("invalid CSS selector: {error}"),
                span: Some(item.span()),
                help: Some("selectors use the syntax the `scraper` crate accepts".into()),
            });
        }
    }
    if list.is_empty() {
        return Ok(None);
    }
    let joined: Vec<&str> = list.iter().map(|item| item.get_ref().as_str()).collect();
    Selector::parse(&joined.join(", "))
        .map(Some)
        .map_err(|error| CompileError {
            message: format!("the selectors together do not parse: {error}"),
            span: list.first().map(|item| item.span()),
            help: None,
        })
}

impl SelectorCheck {
    /// Finds the flagged elements of the page, if the document is one.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let Some(page) = ctx.html else {
            return Vec::new();
        };
        let total_words = words(ctx.doc.text()).max(1);
        let mut flagged: Vec<ElementRef> = Vec::new();
        for element in page.html.select(&self.selector) {
            let nested = element
                .ancestors()
                .any(|ancestor| flagged.iter().any(|outer| outer.id() == ancestor.id()));
            if nested || self.excused(element) || !self.link_dense(element) {
                continue;
            }
            let share = page
                .element_span(element)
                .and_then(|span| page.derived_inside(span))
                .map_or(0, |derived| words(ctx.doc.slice(derived)));
            if share as f64 > self.max_text_share * total_words as f64 {
                continue;
            }
            flagged.push(element);
        }
        flagged
            .into_iter()
            .filter_map(|element| finding(page, element))
            .collect()
    }

    /// True when the element is link-dense enough (always, without `min-link-density`).
    fn link_dense(&self, element: ElementRef) -> bool {
        let Some((density, min_links)) = self.link_density else {
            return true;
        };
        let all = words(&element.text().collect::<Vec<_>>().join(" "));
        let mut link_count = 0;
        let mut link_words = 0;
        for link in element.select(&self.links) {
            link_count += 1;
            link_words += words(&link.text().collect::<Vec<_>>().join(" "));
        }
        all > 0 && link_count >= min_links && link_words as f64 >= density * all as f64
    }

    fn excused(&self, element: ElementRef) -> bool {
        if element.select(&self.main_content).next().is_some() {
            return true;
        }
        let Some(unless) = &self.unless_inside else {
            return false;
        };
        element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|ancestor| unless.matches(&ancestor))
    }
}

fn finding(page: &HtmlPage, element: ElementRef) -> Option<Finding> {
    let span = page.element_span(element)?;
    let derived = page.derived_inside(span).unwrap_or_else(|| {
        let next = page
            .blocks
            .iter()
            .find(|block| block.source.is_some_and(|source| source.start >= span.end));
        let at = next.map_or(page.text.text().len(), |block| block.derived.start);
        crate::document::Span::new(at, at)
    });
    let mut found = Finding::new(derived).with_label(format!("<{}>", element.value().name()));
    found.source_span = Some(span);
    Some(found)
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil_date::CivilDate;
    use crate::layout::Layout;

    fn flagged(config: &str, source: &str) -> Vec<String> {
        let config: SelectorConfig = toml::from_str(config).expect("config");
        let check = compile(config).expect("compiles");
        let page = HtmlPage::parse(source);
        let layout = Layout::of(&page.text);
        let ctx = Context {
            doc: &page.text,
            layout: &layout,
            noise: &crate::document::SpanSet::default(),
            today: CivilDate::from_unix_days(20_000),
            html: Some(&page),
            shared: &crate::rules::Shared::default(),
        };
        check
            .check(&ctx)
            .into_iter()
            .filter_map(|finding| Some(source[finding.source_span?.range()].to_string()))
            .collect()
    }

    const ARTICLE: &str = "<article><header><h1>Title</h1></header><p>One two three four five six \
        seven eight nine ten eleven twelve.</p><p>Thirteen fourteen fifteen sixteen seventeen.</p>\
        </article>";

    #[test]
    fn flags_outermost_matches_only() {
        let source = format!("<nav><ul><li>Home</li></ul><nav>x</nav></nav>{ARTICLE}");
        let found = flagged("selectors = [\"nav\", \"ul\"]", &source);
        assert_eq!(found, ["<nav><ul><li>Home</li></ul><nav>x</nav></nav>"]);
    }

    #[test]
    fn unless_inside_spares_the_article_header() {
        let source = format!("<header>Site</header>{ARTICLE}");
        let config = "selectors = [\"header\"]\nunless-inside = [\"article\"]";
        assert_eq!(flagged(config, &source), ["<header>Site</header>"]);
    }

    #[test]
    fn a_match_holding_most_of_the_text_is_not_noise() {
        let source = format!("<div class=share-wrap>{ARTICLE}</div>");
        assert!(flagged("selectors = [\"div\"]", &source).is_empty());
    }

    #[test]
    fn a_match_around_the_main_content_is_not_noise() {
        let source = format!(
            "<div class=with-menu><main>{ARTICLE}</main></div><p>{}</p>",
            "word ".repeat(80)
        );
        assert!(flagged("selectors = [\"div\"]", &source).is_empty());
    }

    #[test]
    fn link_density_separates_link_lists_from_lists() {
        let links = "<ul><li><a href=/a>Storm warning</a><li><a href=/b>Ferry times</a><li><a href=/c>Tides</a></ul>";
        let facts =
            "<ul><li>Rain: 80 mm<li>Wind: <a href=/w>gusts</a> of 90 km/h<li>Damage: 40 homes</ul>";
        let source = format!("{links}{facts}{ARTICLE}{ARTICLE}");
        let found = flagged("selectors = [\"ul\"]\nmin-link-density = 0.8", &source);
        assert_eq!(found, [links]);
    }

    #[test]
    fn invalid_selector_points_at_itself() {
        let config: SelectorConfig =
            toml::from_str("selectors = [\"nav\", \"[[x\"]").expect("config");
        let error = compile(config).err();
        let span = error.and_then(|error| error.span);
        assert_eq!(span, Some(20..25));
    }
}
