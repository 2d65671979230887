//! The document model: a seed's text with its lines and paragraphs, each carrying a byte span
//! into the original file.
//!
//! Invariants: `text` is the whole file as decoded (a UTF-8 byte order mark stays in it, and a
//! byte that is not UTF-8 becomes one `?`, so offsets are file offsets); every span lies on character boundaries of `text`; line spans
//! exclude the line terminator (`\n` or `\r\n`); paragraphs are in document order and never
//! overlap.

use std::ops::Range;

use crate::decode::{self, Undecodable};

/// The UTF-8 byte order mark.
const BOM: &str = "\u{feff}";

/// A line longer than this (in characters) is a paragraph of its own, so that files which put
/// one paragraph per line without blank lines between still give one paragraph per line, while
/// hard-wrapped prose (lines of 60–80 characters) stays one paragraph.
const STANDALONE_LINE_CHARS: usize = 100;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span as a range, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A set of spans kept as sorted, disjoint ranges, so that asking whether a span overlaps any of
/// them is a binary search: rules ask it for every line and paragraph of a document, and a long
/// document has thousands of noise spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanSet {
    merged: Vec<Span>,
}

impl SpanSet {
    /// Adds `spans` to the set (empty spans cover nothing and are left out).
    pub fn extend(&mut self, spans: impl IntoIterator<Item = Span>) {
        let before = self.merged.len();
        self.merged
            .extend(spans.into_iter().filter(|span| !span.is_empty()));
        // The engine adds each rule's findings, and most rules find nothing in a document:
        // the set is still sorted and disjoint then.
        if self.merged.len() == before {
            return;
        }
        self.merged.sort_unstable();
        // Each span joins the kept one before it when they touch or overlap.
        self.merged.dedup_by(|span, kept| {
            let joins = span.start <= kept.end;
            if joins {
                kept.end = kept.end.max(span.end);
            }
            joins
        });
    }

    /// True when `span` overlaps a span of the set.
    pub fn overlaps(&self, span: Span) -> bool {
        let after = self.merged.partition_point(|range| range.end <= span.start);
        self.merged
            .get(after)
            .is_some_and(|range| range.overlaps(&span))
    }
}

/// One line of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The line's content, without its terminator.
    pub span: Span,
    /// The end of the line including its terminator (equal to `span.end` on the last line
    /// when the file does not end with a newline).
    pub end_with_terminator: usize,
}

/// A paragraph: a run of non-blank lines, or a single long line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// From the start of the first line to the end of the last line's content.
    pub span: Span,
    /// Index of the first line in [`Document::lines`].
    pub first_line: usize,
    /// Index of the last line (inclusive).
    pub last_line: usize,
}

/// What a seed's text is written in, which decides how it is linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SeedFormat {
    /// Plain text or Markdown: paragraphs are runs of lines.
    #[default]
    Text,
    /// An HTML page: the text rules run on its text blocks, findings point at its elements.
    Html,
}

/// A seed's text with its line and paragraph structure.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    lines: Vec<Line>,
    paragraphs: Vec<Paragraph>,
    format: SeedFormat,
    undecodable: Option<Box<Undecodable>>,
}

impl Document {
    /// Builds a document from the whole text of a file.
    pub fn new(text: String) -> Self {
        let lines = split_lines(&text);
        let paragraphs = split_paragraphs(&text, &lines);
        Self {
            text,
            lines,
            paragraphs,
            format: SeedFormat::Text,
            undecodable: None,
        }
    }

    /// The same document, to be linted as `format`.
    pub fn with_format(mut self, format: SeedFormat) -> Self {
        self.format = format;
        self
    }

    /// What the document is written in.
    pub fn format(&self) -> SeedFormat {
        self.format
    }

    /// Decodes a file's bytes: UTF-8 (optionally with a byte order mark) as is; anything else
    /// with each invalid byte replaced by `?`, keeping the bytes (see [`Undecodable`]).
    pub fn decode(bytes: Vec<u8>) -> Self {
        let (text, undecodable) = decode::decode(bytes);
        Self {
            undecodable: undecodable.map(Box::new),
            ..Self::new(text)
        }
    }

    /// How the file's bytes failed to decode, when they did.
    pub fn undecodable(&self) -> Option<&Undecodable> {
        self.undecodable.as_deref()
    }

    /// The file's bytes, exactly as read.
    pub fn original_bytes(&self) -> &[u8] {
        match self.undecodable.as_deref() {
            Some(Undecodable::InvalidUtf8 { bytes, .. } | Undecodable::Utf16 { bytes, .. }) => {
                bytes
            }
            None => self.text.as_bytes(),
        }
    }

    /// True when the file holds nothing but white space (and perhaps a byte order mark).
    pub fn is_blank(&self) -> bool {
        self.text.trim_start_matches(BOM).trim().is_empty()
    }

    /// The whole text, byte for byte as in the file.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Consumes the document and returns its text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// All lines in order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// All paragraphs in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The content of line `index` (without terminator).
    pub fn line_text(&self, index: usize) -> &str {
        self.lines
            .get(index)
            .map_or("", |line| self.slice(line.span))
    }

    /// True when line `index` holds nothing but white space.
    pub fn is_blank_line(&self, index: usize) -> bool {
        self.line_text(index).trim().is_empty()
    }

    /// The text of a paragraph.
    pub fn paragraph_text(&self, paragraph: &Paragraph) -> &str {
        self.slice(paragraph.span)
    }

    /// Index of the line that holds byte `offset` (the last line for offsets past the end).
    pub fn line_index(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|line| line.end_with_terminator <= offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let index = self.line_index(offset);
        let line_start = self.lines.get(index).map_or(0, |line| line.span.start);
        let offset = offset.clamp(line_start, self.text.len());
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |prefix| prefix.chars().count());
        (index + 1, column + 1)
    }

    /// The span of lines `first..=last`, from the first line's start to the last line's content end.
    pub fn lines_span(&self, first: usize, last: usize) -> Span {
        match (self.lines.get(first), self.lines.get(last)) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }
}

impl Document {
    /// The line ending the document uses (`\r\n` when its first line ends so, else `\n`).
    pub fn newline(&self) -> &'static str {
        let first = self.lines.first();
        let crlf = first.is_some_and(|line| line.end_with_terminator == line.span.end + 2);
        if crlf { "\r\n" } else { "\n" }
    }

    /// The bytes to delete to remove lines `first..=last` without leaving a run of blank lines:
    /// the lines with their terminators, plus the blank lines after them when a blank line (or
    /// the start) precedes them, plus the blank lines before them when nothing follows.
    pub fn line_deletion(&self, first: usize, last: usize) -> Span {
        let (Some(first_line), Some(last_line)) = (self.lines.get(first), self.lines.get(last))
        else {
            return Span::default();
        };
        let mut start = first_line.span.start;
        let mut end = last_line.end_with_terminator;
        let mut next = last + 1;
        if first == 0 || self.is_blank_line(first - 1) {
            while next < self.lines.len() && self.is_blank_line(next) {
                end = self.lines[next].end_with_terminator;
                next += 1;
            }
        }
        if next >= self.lines.len() {
            let mut previous = first;
            while previous > 0 && self.is_blank_line(previous - 1) {
                previous -= 1;
                start = self.lines[previous].span.start;
            }
        }
        Span::new(start, end)
    }

    /// The span of line `index` with its terminator.
    pub fn line_with_terminator(&self, index: usize) -> Span {
        self.lines.get(index).map_or(Span::default(), |line| {
            Span::new(line.span.start, line.end_with_terminator)
        })
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let content_start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = Vec::new();
    let mut start = content_start;
    let bytes = text.as_bytes();
    while start < text.len() {
        let newline = memchr::memchr(b'\n', &bytes[start..]);
        let (content_end, next) = match newline {
            Some(relative) => {
                let at = start + relative;
                let end = if at > start && bytes[at - 1] == b'\r' {
                    at - 1
                } else {
                    at
                };
                (end, at + 1)
            }
            None => (text.len(), text.len()),
        };
        lines.push(Line {
            span: Span::new(start, content_end),
            end_with_terminator: next,
        });
        start = next;
    }
    lines
}

fn split_paragraphs(text: &str, lines: &[Line]) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let close = |open: &mut Option<(usize, usize)>, paragraphs: &mut Vec<Paragraph>| {
        if let Some((first, last)) = open.take() {
            paragraphs.push(Paragraph {
                span: Span::new(lines[first].span.start, lines[last].span.end),
                first_line: first,
                last_line: last,
            });
        }
    };
    for (index, line) in lines.iter().enumerate() {
        let content = &text[line.span.range()];
        if is_blank(content) {
            close(&mut open, &mut paragraphs);
            continue;
        }
        if is_standalone(content) {
            close(&mut open, &mut paragraphs);
            open = Some((index, index));
            close(&mut open, &mut paragraphs);
            continue;
        }
        open = match open {
            Some((first, _)) => Some((first, index)),
            None => Some((index, index)),
        };
    }
    close(&mut open, &mut paragraphs);
    paragraphs
}

/// True when `line` holds nothing but white space; most lines start with an ASCII character
/// that is not white space, which settles it without trimming.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(&first) if first.is_ascii() && !crate::text::is_ascii_space(first) => false,
        _ => line.trim().is_empty(),
    }
}

/// True when `line` has more than [`STANDALONE_LINE_CHARS`] characters. A line has at least as
/// many bytes as characters: short lines skip the count; a line whose bytes up to the bound are
/// ASCII has that many characters; any other is counted only up to the bound.
fn is_standalone(line: &str) -> bool {
    line.len() > STANDALONE_LINE_CHARS
        && (line
            .as_bytes()
            .get(..=STANDALONE_LINE_CHARS)
            .is_some_and(<[u8]>::is_ascii)
            || line.chars().nth(STANDALONE_LINE_CHARS).is_some())
}

#[cfg(test)]
mod tests;
