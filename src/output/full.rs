//! The full format: miette's graphical report for each finding, with the file name,
//! line:column, the labelled spans, the rule id as code, the severity and the help.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};

/// How the graphical report looks.
#[derive(Debug, Clone, Copy)]
pub struct FullOptions {
    /// Use colours and Unicode box drawing.
    pub color: bool,
    /// Wrap at this width.
    pub width: usize,
}

/// A document's text under its path, so miette can show the file name in the snippet header.
struct NamedText<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for NamedText<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// One finding with its source, as miette wants it.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedText<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let diagnostic = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(
                diagnostic
                    .label
                    .clone()
                    .unwrap_or_else(|| diagnostic.rule.clone()),
            ),
            diagnostic.span.start..diagnostic.span.end,
        );
        let related = diagnostic.related.iter().map(|label| {
            LabeledSpan::new_with_span(Some(label.text.clone()), label.span.start..label.span.end)
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// Writes a graphical report for every finding of the file.
pub fn write(report: &FileReport, options: &FullOptions, out: &mut dyn Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_context_lines(1);
    for diagnostic in report.diagnostics {
        let rendered = Report {
            diagnostic,
            source: NamedText {
                name: report.path,
                text: report.document.text(),
            },
        };
        let mut text = String::new();
        handler
            .render_report(&mut text, &rendered)
            .map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
    }
    Ok(())
}
