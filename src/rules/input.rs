//! `input`: problems with the file itself rather than its text: bytes that are not UTF-8, a
//! UTF-16 file, a file with nothing in it. The rule file names the problem it reports.
//!
//! When the file is UTF-16 or blank, only `input` rules run (see `lint.rs`): other rules would
//! flag a missing date in an empty file, or garbage in bytes that were never decoded.

use serde::Deserialize;

use super::{CompileError, Context, Finding};
use crate::decode::Undecodable;
use crate::document::Span;

/// Which problem with the file an `input` rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// Bytes that are not UTF-8 (the rest is linted from a decoded copy).
    #[default]
    InvalidUtf8,
    /// A UTF-16 file with a byte order mark (not decoded).
    Utf16,
    /// A file that is empty or holds only white space.
    Empty,
}

/// The `[check]` table of an `input` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputConfig {
    /// The problem reported.
    problem: Problem,
}

/// A compiled `input` rule.
#[derive(Debug)]
pub struct InputCheck {
    problem: Problem,
}

/// Compiles an `input` rule.
pub fn compile(config: InputConfig) -> Result<InputCheck, CompileError> {
    Ok(InputCheck {
        problem: config.problem,
    })
}

impl InputCheck {
    /// Reports the rule's problem, once, when the document has it.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let doc = ctx.doc;
        let finding = match (self.problem, doc.undecodable()) {
            (
                Problem::InvalidUtf8,
                Some(Undecodable::InvalidUtf8 {
                    first, replaced, ..
                }),
            ) => Some(
                Finding::new(*first)
                    .with_label("first byte that is not UTF-8")
                    .with_note(format!(
                        "{replaced} byte(s) are not UTF-8; they are read as `?`"
                    )),
            ),
            (Problem::Utf16, Some(Undecodable::Utf16 { bom, .. })) => {
                Some(Finding::new(*bom).with_label("UTF-16 byte order mark"))
            }
            (Problem::Empty, None) if doc.is_blank() => {
                Some(Finding::new(Span::new(0, doc.text().len())))
            }
            _ => None,
        };
        finding.into_iter().collect()
    }
}

/// True when the document's text is worth linting: it was decoded and holds something.
pub fn has_content(doc: &crate::document::Document) -> bool {
    !matches!(doc.undecodable(), Some(Undecodable::Utf16 { .. })) && !doc.is_blank()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::rules::test_context::with_plain_context;

    fn run(problem: Problem, doc: &Document) -> Vec<Span> {
        with_plain_context(doc, |ctx| InputCheck { problem }.check(ctx))
            .into_iter()
            .map(|finding| finding.span)
            .collect()
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_sequence() {
        let doc = Document::decode(b"ok\n\xe2\x82 and \xff".to_vec());
        assert_eq!(run(Problem::InvalidUtf8, &doc), [Span::new(3, 5)]);
        assert!(run(Problem::Empty, &doc).is_empty());
        assert!(has_content(&doc));
    }

    #[test]
    fn utf16_points_at_the_bom() {
        let doc = Document::decode(b"\xfe\xff\x00A".to_vec());
        assert_eq!(run(Problem::Utf16, &doc), [Span::new(0, 2)]);
        assert!(run(Problem::InvalidUtf8, &doc).is_empty());
        assert!(!has_content(&doc));
    }

    #[test]
    fn blank_file_is_empty() {
        let doc = Document::decode(b" \n\t\n".to_vec());
        assert_eq!(run(Problem::Empty, &doc), [Span::new(0, 4)]);
        assert!(!has_content(&doc));
    }
}
