//! The JSON formats: an array of findings for `lint`, an array of per-file objects for `meta`.
//! Lines and columns are 1-based (columns count characters); `start`/`end` are byte offsets.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, json_text};
use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::metadata::Metadata;

/// Appends the file's findings as JSON objects, one a line, separated by commas (the caller
/// wraps all files in one array). The serializer writes many small pieces per finding, so it
/// writes them to the caller's buffer directly rather than through a `dyn Write`.
pub fn write_findings(report: &FileReport, out: &mut Vec<u8>) {
    // A finding takes a few hundred bytes: room for them all at once, not by doubling.
    out.reserve(report.diagnostics.len() * FINDING_BYTES);
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        if index > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"  ");
        serialize(report, diagnostic, out);
    }
}

/// About the length of a finding's JSON object.
const FINDING_BYTES: usize = 512;

/// Appends the file's findings as JSON objects, one a line (JSON Lines).
pub fn write_lines(report: &FileReport, out: &mut Vec<u8>) {
    out.reserve(report.diagnostics.len() * FINDING_BYTES);
    for diagnostic in report.diagnostics {
        serialize(report, diagnostic, out);
        out.push(b'\n');
    }
}

/// Appends one finding's JSON object to `out`, compact, its keys in a fixed order: `path`,
/// `rule`, `category`, `severity`, `message`, `line`, `column`, `end_line`, `end_column`,
/// `start`, `end`, `label`, `related` (each with `text`, `line`, `column`, `start`, `end`),
/// `help`, `fix`. Written by hand, but for the fix, because most of a finding is strings and
/// numbers that [`json_text`] writes faster than a serializer can.
fn serialize(report: &FileReport, diagnostic: &Diagnostic, out: &mut Vec<u8>) {
    let doc = report.document;
    let span = diagnostic.span;
    let (line, column) = doc.line_column(span.start);
    let (end_line, end_column) = doc.line_column(span.end);
    string_field(out, "{\"path\":", report.path);
    string_field(out, ",\"rule\":", &diagnostic.rule);
    string_field(out, ",\"category\":", diagnostic.category.as_str());
    string_field(out, ",\"severity\":", diagnostic.severity.as_str());
    string_field(out, ",\"message\":", &diagnostic.message);
    number_field(out, ",\"line\":", line);
    number_field(out, ",\"column\":", column);
    number_field(out, ",\"end_line\":", end_line);
    number_field(out, ",\"end_column\":", end_column);
    number_field(out, ",\"start\":", span.start);
    number_field(out, ",\"end\":", span.end);
    match &diagnostic.label {
        Some(label) => string_field(out, ",\"label\":", label),
        None => out.extend_from_slice(b",\"label\":null"),
    }
    out.extend_from_slice(b",\"related\":[");
    for (index, label) in diagnostic.related.iter().enumerate() {
        let (line, column) = doc.line_column(label.span.start);
        let open = if index == 0 {
            "{\"text\":"
        } else {
            ",{\"text\":"
        };
        string_field(out, open, &label.text);
        number_field(out, ",\"line\":", line);
        number_field(out, ",\"column\":", column);
        number_field(out, ",\"start\":", label.span.start);
        number_field(out, ",\"end\":", label.span.end);
        out.push(b'}');
    }
    string_field(out, "],\"help\":", &diagnostic.help);
    out.extend_from_slice(b",\"fix\":");
    match &diagnostic.fix {
        Some(fix) => write_fix(out, fix),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

/// Appends `fix` as its `Serialize` implementation writes it: `applicability`, then `edits`,
/// each with its span's `start` and `end` and its `replacement`.
fn write_fix(out: &mut Vec<u8>, fix: &Fix) {
    string_field(out, "{\"applicability\":", fix.applicability.as_str());
    out.extend_from_slice(b",\"edits\":[");
    for (index, edit) in fix.edits.iter().enumerate() {
        let open = if index == 0 {
            "{\"start\":"
        } else {
            ",{\"start\":"
        };
        number_field(out, open, edit.span.start);
        number_field(out, ",\"end\":", edit.span.end);
        string_field(out, ",\"replacement\":", &edit.replacement);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// Appends `key` (with its punctuation) and `value` as a JSON string.
fn string_field(out: &mut Vec<u8>, key: &str, value: &str) {
    out.extend_from_slice(key.as_bytes());
    json_text::write_str(out, value);
}

/// Appends `key` (with its punctuation) and `value`.
fn number_field(out: &mut Vec<u8>, key: &str, value: usize) {
    out.extend_from_slice(key.as_bytes());
    json_text::write_number(out, value);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::fix::Applicability;
    use crate::fix::Edit;

    #[test]
    fn a_fix_is_written_as_serde_json_writes_it() {
        for applicability in [
            Applicability::Safe,
            Applicability::Unsafe,
            Applicability::None,
        ] {
            for edits in [0, 1, 2] {
                let fix = Fix {
                    applicability,
                    edits: (0..edits)
                        .map(|at| Edit {
                            span: Span::new(at * 10, at * 10 + 4),
                            replacement: format!("new \"text\"\n{at}"),
                        })
                        .collect(),
                };
                let mut ours = Vec::new();
                write_fix(&mut ours, &fix);
                let theirs = serde_json::to_vec(&fix).unwrap_or_default();
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&theirs)
                );
            }
        }
    }
}
