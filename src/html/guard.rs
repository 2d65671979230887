//! The content guard of HTML fixes: the text of every block that no finding covers must come
//! out of the fix unchanged. Spans cannot say this for HTML, where one line may hold a whole
//! page, so the guard compares the text blocks of the page before and after.

use std::collections::HashMap;

use super::HtmlPage;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// The blocks a fix must keep, by text, with their 1-based source line.
#[derive(Debug, Clone)]
pub struct BlockGuard {
    kept: Vec<(String, usize)>,
}

impl BlockGuard {
    /// Keeps every block of `source` whose element no diagnostic covers and none of whose
    /// fixes edits inside (such a block's text changes by design).
    pub fn new(source: &Document, diagnostics: &[Diagnostic]) -> Self {
        let page = HtmlPage::parse(source.text());
        let edits: Vec<_> = diagnostics
            .iter()
            .flat_map(|diagnostic| diagnostic.fix.iter().flat_map(|fix| &fix.edits))
            .map(|edit| edit.span)
            .collect();
        let kept = page
            .blocks
            .iter()
            .filter_map(|block| {
                let span = block.source?;
                let covered = diagnostics.iter().any(|d| d.span.contains(&span))
                    || edits.iter().any(|edit| edit.overlaps(&span));
                let line = source.line_column(span.start).0;
                (!covered).then(|| (page.text.slice(block.derived).to_string(), line))
            })
            .collect();
        Self { kept }
    }

    /// The line of the first kept block that `fixed` lost, if any.
    pub fn lost_line(&self, fixed: &Document) -> Option<usize> {
        let page = HtmlPage::parse(fixed.text());
        let mut present: HashMap<&str, usize> = HashMap::new();
        for block in &page.blocks {
            *present.entry(page.text.slice(block.derived)).or_default() += 1;
        }
        self.kept.iter().find_map(|(text, line)| {
            let count = present.get_mut(text.as_str()).filter(|count| **count > 0);
            match count {
                Some(count) => {
                    *count -= 1;
                    None
                }
                None => Some(*line),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};
    use crate::document::{SeedFormat, Span};
    use crate::fix::{Applicability, Edit, Fix};

    fn html(text: &str) -> Document {
        Document::new(text.to_string()).with_format(SeedFormat::Html)
    }

    fn removal_of(span: Span) -> Diagnostic {
        Diagnostic {
            rule: "html-navigation".into(),
            category: Category::Noise,
            severity: Severity::Warning,
            message: String::new(),
            span,
            label: None,
            related: Vec::new(),
            help: String::new(),
            fix: Some(Fix {
                applicability: Applicability::Safe,
                edits: vec![Edit::delete(span)],
            }),
        }
    }

    #[test]
    fn a_lost_unflagged_block_is_reported_by_line() {
        let source = "<nav>Home</nav>\n<p>Kept one.</p>\n<p>Kept two.</p>\n";
        let nav = Span::new(0, 15);
        let guard = BlockGuard::new(&html(source), &[removal_of(nav)]);
        assert_eq!(
            guard.lost_line(&html("\n<p>Kept one.</p>\n<p>Kept two.</p>\n")),
            None
        );
        assert_eq!(guard.lost_line(&html("\n<p>Kept one.</p>\n")), Some(3));
        assert_eq!(
            guard.lost_line(&html("<p>Kept one.</p>\n<p>Kept 2.</p>")),
            Some(3)
        );
    }
}
