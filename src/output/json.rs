//! The JSON formats: an array of findings for `lint`, an array of per-file objects for `meta`.
//! Lines and columns are 1-based (columns count characters); `start`/`end` are byte offsets.

use std::io::{self, Write};

use serde::Serialize;

use super::FileReport;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::document::Document;
use crate::fix::Fix;
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
    fix: Option<&'a Fix>,
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
        fix: diagnostic.fix.as_ref(),
    }
}

/// Appends the file's findings as JSON objects, one a line, separated by commas (the caller
/// wraps all files in one array). The serializer writes many small pieces per finding, so it
/// writes them to the caller's buffer directly rather than through a `dyn Write`.
pub fn write_findings(report: &FileReport, out: &mut Vec<u8>) -> io::Result<()> {
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        if index > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"  ");
        serialize(report, diagnostic, out)?;
    }
    Ok(())
}

/// Appends the file's findings as JSON objects, one a line (JSON Lines).
pub fn write_lines(report: &FileReport, out: &mut Vec<u8>) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        serialize(report, diagnostic, out)?;
        out.push(b'\n');
    }
    Ok(())
}

/// Appends one finding's JSON object to `out`.
fn serialize(report: &FileReport, diagnostic: &Diagnostic, out: &mut Vec<u8>) -> io::Result<()> {
    serde_json::to_writer(out, &finding(report.path, report.document, diagnostic))?;
    Ok(())
}

#[derive(Serialize)]
struct JsonMetadata<'a> {
    path: &'a str,
    metadata: &'a Metadata,
}

/// Writes the file's metadata as one JSON object (the caller wraps all files in one array).
pub fn write_metadata(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"  ")?;
    let object = JsonMetadata {
        path: report.path,
        metadata: report.metadata,
    };
    serde_json::to_writer(&mut *out, &object)?;
    Ok(())
}
