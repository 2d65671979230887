//! The metadata a seed carries: its publication date and its attribution, as found by the
//! `missing-date` and `missing-attribution` rules and exported by `seedlint meta`.

use serde::Serialize;

use crate::document::Span;

/// A publication date found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateValue {
    /// The day, as `YYYY-MM-DD`.
    pub iso: String,
    /// The text as written, e.g. `Feb 04, 2026 08:50 PM`.
    pub raw: String,
    /// 1-based line number.
    pub line: usize,
    /// The label before the date (`Published:`), when there was one.
    pub label: Option<String>,
    /// True when day and month could be read either way round.
    pub ambiguous: bool,
    /// `published`, or `updated` when only an update date was found.
    pub kind: String,
    /// Byte span of the date text.
    #[serde(skip)]
    pub span: Span,
    /// Byte span of the whole line that carries the date, which a fix must keep.
    #[serde(skip)]
    pub line_span: Span,
}

/// An attribution found in a document: an author, a source, an agency, a publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributionValue {
    /// `author`, `source`, `agency`, `credit`, `publisher`, …
    pub kind: String,
    /// The name or source as written.
    pub name: String,
    /// 1-based line number.
    pub line: usize,
    /// Byte span of the whole line that carries the attribution, which a fix must keep.
    #[serde(skip)]
    pub line_span: Span,
}

/// What a document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The publication date, when one was found.
    pub date: Option<DateValue>,
    /// The attribution, when one was found.
    pub attribution: Option<AttributionValue>,
}
