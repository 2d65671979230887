//! The JSON formats: an array of findings for `lint`, an array of per-file objects for `meta`.
//! Lines and columns are 1-based (columns count characters); `start`/`end` are byte offsets.

use std::io::{self, Write};

use serde::Serialize;

use super::FileReport;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::document::Document;
use crate::metadata::Metadata;

#[derive(Serialize)]
struct JsonLabel<'a> {
    text: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    category: Category,
    severity: Severity,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    label: Option<&'a str>,
    related: Vec<JsonLabel<'a>>,
    help: &'a str,
    fix: Option<()>,
}

fn finding<'a>(path: &'a str, doc: &Document, diagnostic: &'a Diagnostic) -> JsonFinding<'a> {
    let (line, column) = doc.line_column(diagnostic.span.start);
    let (end_line, end_column) = doc.line_column(diagnostic.span.end);
    JsonFinding {
        path,
        rule: &diagnostic.rule,
        category: diagnostic.category,
        severity: diagnostic.severity,
        message: &diagnostic.message,
        line,
        column,
        end_line,
        end_column,
        start: diagnostic.span.start,
        end: diagnostic.span.end,
        label: diagnostic.label.as_deref(),
        related: diagnostic
            .related
            .iter()
            .map(|label| {
                let (line, column) = doc.line_column(label.span.start);
                JsonLabel {
                    text: &label.text,
                    line,
                    column,
                    start: label.span.start,
                    end: label.span.end,
                }
            })
            .collect(),
        help: &diagnostic.help,
        fix: None,
    }
}

/// Writes all findings as one pretty-printed JSON array.
pub fn write_findings(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<JsonFinding> = reports
        .iter()
        .flat_map(|report| {
            report
                .diagnostics
                .iter()
                .map(|diagnostic| finding(&report.path, &report.document, diagnostic))
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &findings)?;
    writeln!(out)
}

#[derive(Serialize)]
struct JsonMetadata<'a> {
    path: &'a str,
    metadata: &'a Metadata,
}

/// Writes one object per file with the metadata found.
pub fn write_metadata(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let files: Vec<JsonMetadata> = reports
        .iter()
        .map(|report| JsonMetadata {
            path: &report.path,
            metadata: &report.metadata,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &files)?;
    writeln!(out)
}
