//! Parsing HTML with source positions: html5ever builds scraper's tree as usual, while the
//! input is fed to its tokenizer in pieces that end before every `<` and after every `>`, so
//! that each tree-building step is known to happen at a byte offset of the source.
//!
//! An element gets a span when a start tag of the source created it; the span runs from that
//! tag's `<` to the end of the end tag that closed it, or, when the parser closed it without
//! one (an unclosed `<p>`, the end of the file), to the end of its last content, never past
//! the tag that closed it. Elements the parser made up (implied `<html>`, `<body>`, `<tbody>`,
//! clones of formatting elements) have no span.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ego_tree::NodeId;
use html5ever::interface::TreeSink;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

use crate::document::Span;
use sinks::{PositionedSink, PositionedTokens};

/// Where an element sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementSpan {
    /// From the start tag's `<` to the end of the element.
    pub span: Span,
    /// The start tag alone.
    pub start_tag: Span,
    /// The end tag that closed the element, when the source has one.
    pub end_tag: Option<Span>,
}

/// A parsed page and the source spans of its elements.
#[derive(Debug)]
pub struct PositionedHtml {
    /// scraper's tree, exactly as `Html::parse_document` builds it.
    pub html: Html,
    /// The span of every element a source tag created.
    pub spans: HashMap<NodeId, ElementSpan>,
}

/// Parses a whole HTML document, recording element spans.
pub fn parse(source: &str) -> PositionedHtml {
    let recorder = Rc::new(RefCell::new(Recorder::default()));
    let sink = PositionedSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        source,
        recorder: Rc::clone(&recorder),
    };
    let tokens = PositionedTokens {
        builder: TreeBuilder::new(sink, TreeBuilderOpts::default()),
        source,
        recorder: Rc::clone(&recorder),
    };
    let tokenizer = Tokenizer::new(tokens, TokenizerOpts::default());
    let queue = BufferQueue::default();
    for (start, end) in pieces(source) {
        {
            let mut recorder = recorder.borrow_mut();
            recorder.piece = Span::new(start, end);
        }
        // Cuts fall next to ASCII `<` and `>`, so they are character boundaries.
        queue.push_back(StrTendril::from_slice(source.get(start..end).unwrap_or("")));
        while let TokenizerResult::Script(_) = tokenizer.feed(&queue) {}
    }
    recorder.borrow_mut().piece = Span::new(source.len(), source.len());
    tokenizer.end();
    let html = tokenizer.sink.builder.sink.inner.finish();
    let spans = recorder.borrow().resolve(&html, source);
    PositionedHtml { html, spans }
}

/// The source cut before every `<` and after every `>`, on character boundaries.
fn pieces(source: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = Vec::new();
    for at in memchr::memchr2_iter(b'<', b'>', source.as_bytes()) {
        let cut = if source.as_bytes().get(at) == Some(&b'<') {
            at
        } else {
            at + 1
        };
        if cuts.last() != Some(&cut) {
            cuts.push(cut);
        }
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(source.len())) {
        if cut > start {
            pieces.push((start, cut));
            start = cut;
        }
    }
    pieces
}

/// The start tag the tree builder is working on, if that is what it works on.
#[derive(Debug, Clone, Default)]
struct CurrentTag {
    name: Option<LocalName>,
    span: Span,
}

#[derive(Debug, Default)]
struct Recorder {
    /// The piece being fed to the tokenizer.
    piece: Span,
    /// End of the last tag, comment or doctype token.
    markup_end: usize,
    current: CurrentTag,
    /// The element the current start tag created, so far.
    created: Option<NodeId>,
    start_tags: HashMap<NodeId, Span>,
    /// End tags of the source by name, in source order.
    end_tags: HashMap<LocalName, Vec<Span>>,
    text_end: HashMap<NodeId, usize>,
}

impl Recorder {
    fn begin_token(&mut self, token: &Token, source: &str) {
        self.created = None;
        self.current = CurrentTag::default();
        let end = self.piece.end;
        match token {
            Token::TagToken(tag) => {
                let end_tag = tag.kind == TagKind::EndTag;
                let start = find_tag_start(source, self.markup_end, end, &tag.name, end_tag);
                self.markup_end = end;
                let ends_tag = source.as_bytes().get(end.wrapping_sub(1)) == Some(&b'>');
                if let (Some(start), true) = (start, ends_tag) {
                    let span = Span::new(start, end);
                    if end_tag {
                        self.end_tags
                            .entry(tag.name.clone())
                            .or_default()
                            .push(span);
                    } else {
                        self.current = CurrentTag {
                            name: Some(tag.name.clone()),
                            span,
                        };
                    }
                }
            }
            Token::CommentToken(_) | Token::DoctypeToken(_) => self.markup_end = end,
            _ => {}
        }
    }

    fn element_created(&mut self, id: NodeId, name: &LocalName) {
        let CurrentTag {
            name: Some(tag),
            span,
        } = &self.current
        else {
            return;
        };
        if tag.eq_ignore_ascii_case(name) {
            // Formatting elements the parser reopens are created before the tag's own element.
            if let Some(earlier) = self.created.replace(id) {
                self.start_tags.remove(&earlier);
            }
            self.start_tags.insert(id, *span);
        }
    }

    /// Notes text added to `parent`. Text the tokenizer held back (a character reference
    /// right before a tag) comes out while the tag's piece is fed: it ended before the tag.
    fn text_appended(&mut self, parent: NodeId, source: &str) {
        let piece = source
            .as_bytes()
            .get(self.piece.range())
            .unwrap_or_default();
        let tag_piece = piece.first() == Some(&b'<')
            && piece
                .get(1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        let end = if tag_piece {
            self.piece.start
        } else {
            self.piece.end
        };
        let entry = self.text_end.entry(parent).or_insert(end);
        *entry = (*entry).max(end);
    }

    /// Turns what was recorded into element spans, children before parents: an element ends
    /// with the first end tag of its name after its content, unless another element starts
    /// first, in which case the parser closed it after its content.
    fn resolve(&self, html: &Html, source: &str) -> HashMap<NodeId, ElementSpan> {
        let mut starts: Vec<usize> = self.start_tags.values().map(|span| span.start).collect();
        starts.sort_unstable();
        let mut spans = HashMap::new();
        let mut reach: HashMap<NodeId, usize> = HashMap::new();
        for edge in html.tree.root().traverse() {
            let ego_tree::iter::Edge::Close(node) = edge else {
                continue;
            };
            let id = node.id();
            let inner_reach = node
                .children()
                .filter_map(|child| reach.get(&child.id()).copied())
                .chain(self.text_end.get(&id).copied())
                .max()
                .unwrap_or(0);
            let mut node_reach = inner_reach;
            if let (Some(start_tag), Some(element)) =
                (self.start_tags.get(&id), node.value().as_element())
            {
                let content_end = inner_reach.max(start_tag.end);
                let next_start = starts.partition_point(|&start| start < content_end);
                let limit = starts.get(next_start).copied().unwrap_or(source.len());
                let end_tag = self
                    .end_tags
                    .get(&element.name.local)
                    .and_then(|tags| tags.get(tags.partition_point(|tag| tag.start < content_end)))
                    .filter(|tag| tag.end <= limit)
                    .copied();
                let end = match end_tag {
                    Some(tag) => tag.end,
                    None => implicit_end(source, *start_tag, content_end, limit),
                };
                spans.insert(
                    id,
                    ElementSpan {
                        span: Span::new(start_tag.start, end),
                        start_tag: *start_tag,
                        end_tag,
                    },
                );
                node_reach = node_reach.max(end);
            }
            if node_reach > 0 {
                reach.insert(id, node_reach);
            }
        }
        spans
    }
}

/// Where an element the parser closed ends: after its last content, before the next
/// element, without trailing white space, never before its start tag ends.
fn implicit_end(source: &str, start_tag: Span, reach: usize, limit: usize) -> usize {
    let end = reach.min(limit).max(start_tag.end);
    let content = source.get(start_tag.end..end).unwrap_or("");
    start_tag.end
        + content
            .trim_end_matches(|c: char| c.is_ascii_whitespace())
            .len()
}

/// The first `<name` (or `</name`) in `source[from..to]`, ignoring ASCII case.
fn find_tag_start(
    source: &str,
    from: usize,
    to: usize,
    name: &str,
    end_tag: bool,
) -> Option<usize> {
    let bytes = source.as_bytes();
    let window = bytes.get(from..to)?;
    let prefix_len = if end_tag { 2 } else { 1 };
    memchr::memchr_iter(b'<', window)
        .map(|at| from + at)
        .find(|&at| {
            let name_start = at + prefix_len;
            let slash_ok = !end_tag || bytes.get(at + 1) == Some(&b'/');
            let name_ok = bytes
                .get(name_start..name_start + name.len())
                .is_some_and(|found| found.eq_ignore_ascii_case(name.as_bytes()));
            let after_ok = matches!(
                bytes.get(name_start + name.len()),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
            );
            slash_ok && name_ok && after_ok
        })
}

mod sinks;
#[cfg(test)]
mod tests;
