//! In-file suppression for seeds that have comment syntax (Markdown, HTML): a marker
//! `<!-- seedlint-disable RULE[, RULE…] -->` anywhere in the file silences those rules (or
//! categories) for the whole file, `<!-- seedlint-disable -->` silences every rule. A marker
//! that silences nothing is reported, so stale markers do not pile up.

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::document::{Document, Span};

/// The id of the finding for a marker that silences nothing.
pub const UNUSED_MARKER: &str = "unused-disable-marker";

fn marker_regex() -> &'static Regex {
    static MARKER: OnceLock<Option<Regex>> = OnceLock::new();
    MARKER
        .get_or_init(|| Regex::new(r"<!--\s*seedlint-disable(?:\s+([^>]*?))?\s*-->").ok())
        .as_ref()
        .unwrap_or_else(|| unreachable!("the marker regex is a valid literal"))
}

/// One marker: where it is and what it names (empty: every rule).
struct Marker {
    span: Span,
    names: Vec<String>,
    used: bool,
}

impl Marker {
    fn silences(&self, diagnostic: &Diagnostic) -> bool {
        self.names.is_empty()
            || self.names.iter().any(|name| {
                *name == diagnostic.rule || name.as_str() == diagnostic.category.as_str()
            })
    }
}

/// Drops the findings the file's markers silence and adds one finding per unused marker.
pub fn apply_markers(doc: &Document, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut markers: Vec<Marker> = marker_regex()
        .captures_iter(doc.text())
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let names = captures.get(1).map_or(Vec::new(), |list| {
                list.as_str()
                    .split([',', ' '])
                    .filter(|name| !name.is_empty())
                    .map(str::to_string)
                    .collect()
            });
            Some(Marker {
                span: Span::new(whole.start(), whole.end()),
                names,
                used: false,
            })
        })
        .collect();
    if markers.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        match markers
            .iter_mut()
            .find(|marker| marker.silences(&diagnostic))
        {
            Some(marker) => marker.used = true,
            None => kept.push(diagnostic),
        }
    }
    kept.extend(markers.iter().filter(|m| !m.used).map(|marker| Diagnostic {
        rule: UNUSED_MARKER.to_string(),
        category: Category::Format,
        severity: Severity::Warning,
        message: "this seedlint-disable marker silences nothing".to_string(),
        span: marker.span,
        label: Some("unused marker".to_string()),
        related: Vec::new(),
        help: "remove the marker, or name a rule that fires in this file".to_string(),
        fix: None,
    }));
    kept.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(rule: &str) -> Diagnostic {
        Diagnostic {
            rule: rule.to_string(),
            category: Category::Noise,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(0, 1),
            label: None,
            related: Vec::new(),
            help: String::new(),
            fix: None,
        }
    }

    #[test]
    fn marker_silences_named_rule_and_unused_marker_is_reported() {
        let doc = Document::new(
            "<!-- seedlint-disable view-counter -->\n<!-- seedlint-disable menu-block -->\n".into(),
        );
        let kept = apply_markers(&doc, vec![diagnostic("view-counter")]);
        let rules: Vec<&str> = kept.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, [UNUSED_MARKER]);
        assert_eq!(kept[0].span.start, 39);
    }

    #[test]
    fn bare_marker_silences_everything() {
        let doc = Document::new("<!-- seedlint-disable -->\n".into());
        let kept = apply_markers(&doc, vec![diagnostic("a"), diagnostic("b")]);
        assert!(kept.is_empty());
    }
}
