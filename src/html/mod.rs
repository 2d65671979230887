//! HTML seeds: parsing with source positions, the text blocks of a page, and the metadata its
//! markup carries. Library only; no I/O.
//!
//! The text rules do not read markup: they run on a derived text document, the page's text
//! blocks separated by blank lines, and what they flag there is mapped back to the elements
//! that own those blocks in the HTML source.

pub mod blocks;
pub mod extract;
pub mod guard;
pub mod lint;
pub mod metadata;
pub mod spans;

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use crate::document::{Document, Span};
use spans::ElementSpan;

/// One text block of a page, placed both in the HTML source and in the derived text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block-level element that owns the text.
    pub owner: NodeId,
    /// The owner's span in the source (or its nearest ancestor's with one); `None` when no
    /// source tag encloses the text.
    pub source: Option<Span>,
    /// True when the owner holds no other block: deleting its span deletes exactly this text.
    pub whole: bool,
    /// The block's paragraph in the derived text.
    pub derived: Span,
}

/// A parsed HTML page with its text blocks and the derived text document.
#[derive(Debug)]
pub struct HtmlPage {
    /// scraper's tree.
    pub html: Html,
    /// Source spans of the elements that source tags created.
    pub spans: HashMap<NodeId, ElementSpan>,
    /// The text blocks in document order.
    pub blocks: Vec<Block>,
    /// The blocks' text, one paragraph per block, separated by blank lines.
    pub text: Document,
}

impl HtmlPage {
    /// Parses the whole source of a page.
    pub fn parse(source: &str) -> Self {
        let parsed = spans::parse(source);
        let raw = blocks::text_blocks(&parsed.html);
        let counts = blocks::blocks_per_element(&parsed.html, &raw);
        let mut text = String::new();
        let mut placed = Vec::with_capacity(raw.len());
        for block in raw {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let derived = Span::new(text.len(), text.len() + block.text.len());
            text.push_str(&block.text);
            let spanned = parsed.html.tree.get(block.owner).and_then(|owner| {
                std::iter::once(owner)
                    .chain(owner.ancestors())
                    .find_map(|node| Some((node.id(), parsed.spans.get(&node.id())?.span)))
            });
            let whole = spanned.is_some_and(|(id, _)| counts.get(&id) == Some(&1));
            placed.push(Block {
                owner: block.owner,
                source: spanned.map(|(_, span)| span),
                whole,
                derived,
            });
        }
        Self {
            html: parsed.html,
            spans: parsed.spans,
            blocks: placed,
            text: Document::new(text),
        }
    }

    /// The source span of an element, when a source tag created it.
    pub fn element_span(&self, element: ElementRef) -> Option<Span> {
        self.spans.get(&element.id()).map(|span| span.span)
    }

    /// The span of the page's `<title>` element, when the source has one.
    pub fn title_span(&self) -> Option<Span> {
        let selector = scraper::Selector::parse("title").ok()?;
        self.html
            .select(&selector)
            .find_map(|title| self.element_span(title))
    }

    /// The blocks whose derived paragraph overlaps `derived` (or holds it, when it is empty).
    pub fn blocks_at(&self, derived: Span) -> &[Block] {
        let first = self
            .blocks
            .partition_point(|block| block.derived.end < derived.start);
        let last = self
            .blocks
            .partition_point(|block| block.derived.start < derived.end.max(derived.start + 1));
        self.blocks.get(first..last.max(first)).unwrap_or_default()
    }

    /// The blocks whose owner lies inside `source` (an element's span).
    pub fn blocks_inside(&self, source: Span) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(move |block| block.source.is_some_and(|span| source.contains(&span)))
    }

    /// The derived-text span of the blocks inside `source`, when there are any.
    pub fn derived_inside(&self, source: Span) -> Option<Span> {
        let mut inside = self.blocks_inside(source);
        let first = inside.next()?;
        let last = inside.last().unwrap_or(first);
        Some(Span::new(first.derived.start, last.derived.end))
    }
}

/// True when `text` looks like an HTML document rather than a text seed: it opens (after
/// white space and a byte order mark) with a doctype, a comment or an `<html>`/`<head>`/`<body>` tag.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = head
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<!--", "<meta"]
        .iter()
        .any(|start| lower.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_from_text_by_their_opening() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html>\n<html>"));
        assert!(looks_like_html("<html lang=en>"));
        assert!(looks_like_html("<!-- saved page -->\n<p>x</p>"));
        assert!(!looks_like_html(
            "Title\n\n<p> is how a paragraph starts in HTML."
        ));
        assert!(!looks_like_html(""));
    }

    #[test]
    fn blocks_map_derived_text_back_to_their_elements() {
        let source = "<div>Intro<p>First.</p></div><ul><li>One<li>Two</ul>";
        let page = HtmlPage::parse(source);
        let texts: Vec<&str> = page
            .blocks
            .iter()
            .map(|b| page.text.slice(b.derived))
            .collect();
        assert_eq!(texts, ["Intro", "First.", "One", "Two"]);
        let sources: Vec<&str> = page
            .blocks
            .iter()
            .map(|block| block.source.map_or("", |span| &source[span.range()]))
            .collect();
        assert_eq!(sources[1], "<p>First.</p>");
        assert_eq!(sources[2], "<li>One");
        // The div holds the paragraph too: deleting it would delete more than "Intro".
        let whole: Vec<bool> = page.blocks.iter().map(|block| block.whole).collect();
        assert_eq!(whole, [false, true, true, true]);
        let two = page.blocks[3].derived;
        assert_eq!(page.blocks_at(two).len(), 1);
        assert_eq!(page.blocks_at(Span::new(0, two.end)).len(), 4);
    }
}
