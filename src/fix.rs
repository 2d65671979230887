//! Fixes are edits with an applicability. This module owns the edit type, the rule that picks
//! between overlapping edits (the larger deletion wins) and applying a set of edits to a text.

use serde::{Deserialize, Serialize};

use crate::document::Span;

/// Whether a rule's fix may be applied by `--fix` alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `--fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
    /// The rule offers no fix.
    None,
}

impl Applicability {
    /// The name rule files and the JSON output use.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
            Self::None => "none",
        }
    }
}

/// Replace the bytes of `span` with `replacement` (empty for a deletion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes replaced.
    #[serde(flatten)]
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

impl Edit {
    /// An edit that deletes `span`.
    pub fn delete(span: Span) -> Self {
        Self {
            span,
            replacement: String::new(),
        }
    }
}

/// The edits that fix one finding, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Whether `--fix` alone applies it.
    pub applicability: Applicability,
    /// The edits, in document order, not overlapping.
    pub edits: Vec<Edit>,
}

/// Keeps a set of edits that do not overlap: sorted by position, and where two overlap the one
/// that replaces more bytes wins.
pub fn resolve_overlaps(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|edit| (edit.span.start, std::cmp::Reverse(edit.span.end)));
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        match kept.last_mut() {
            Some(last) if last.span.overlaps(&edit.span) || last.span == edit.span => {
                if edit.span.len() > last.span.len() {
                    *last = edit;
                }
            }
            _ => kept.push(edit),
        }
    }
    kept
}

/// Applies edits that [`resolve_overlaps`] has sorted and made disjoint.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.span.start < at || edit.span.end > text.len() {
            continue;
        }
        out.push_str(text.get(at..edit.span.start).unwrap_or_default());
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// Removes the bytes of `keep` spans from a deletion, so a protected line survives; an edit
/// that replaces text (rather than deleting it) and touches a protected span is dropped.
pub fn carve(edit: Edit, keep: &[Span]) -> Vec<Edit> {
    let touched: Vec<&Span> = keep.iter().filter(|k| k.overlaps(&edit.span)).collect();
    if touched.is_empty() {
        return vec![edit];
    }
    if !edit.replacement.is_empty() {
        return Vec::new();
    }
    let mut pieces = Vec::new();
    let mut start = edit.span.start;
    let mut sorted = touched;
    sorted.sort();
    for kept in sorted {
        if kept.start > start {
            pieces.push(Edit::delete(Span::new(start, kept.start)));
        }
        start = start.max(kept.end);
    }
    if start < edit.span.end {
        pieces.push(Edit::delete(Span::new(start, edit.span.end)));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delete(start: usize, end: usize) -> Edit {
        Edit::delete(Span::new(start, end))
    }

    #[test]
    fn larger_deletion_wins_an_overlap() {
        let kept = resolve_overlaps(vec![delete(2, 4), delete(0, 6), delete(8, 9)]);
        assert_eq!(kept, vec![delete(0, 6), delete(8, 9)]);
    }

    #[test]
    fn apply_replaces_in_order() {
        let edits = resolve_overlaps(vec![
            Edit {
                span: Span::new(1, 3),
                replacement: " ".into(),
            },
            delete(5, 6),
        ]);
        assert_eq!(apply("a  b cd", &edits), "a b d");
    }

    #[test]
    fn carve_keeps_protected_span() {
        let pieces = carve(delete(0, 10), &[Span::new(3, 5)]);
        assert_eq!(pieces, vec![delete(0, 3), delete(5, 10)]);
        let replace = Edit {
            span: Span::new(0, 10),
            replacement: "x".into(),
        };
        assert!(carve(replace, &[Span::new(3, 5)]).is_empty());
    }
}
