//! Renderers: each output format turns the same per-file reports into text on a writer the
//! caller passes. One file per format; [`Format`] picks one.

mod concise;
mod full;
mod json;

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::metadata::Metadata;

pub use full::FullOptions;

/// The output formats of `seedlint lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette's graphical report, one per finding.
    Full,
    /// `path:line:col: severity[rule] message`, one a line.
    Concise,
    /// One JSON array of findings.
    Json,
}

/// The result of linting one file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    /// The linted document.
    pub document: Document,
    /// Its findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The date and attribution found.
    pub metadata: Metadata,
}

/// Writes the findings of `reports` in `format`.
pub fn write_findings(
    format: Format,
    reports: &[FileReport],
    full: &FullOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => full::write(reports, full, out),
        Format::Concise => concise::write(reports, out),
        Format::Json => json::write_findings(reports, out),
    }
}

/// Writes the metadata of `reports`, as JSON (one object per file) or as text.
pub fn write_metadata(reports: &[FileReport], as_json: bool, out: &mut dyn Write) -> io::Result<()> {
    if as_json {
        json::write_metadata(reports, out)
    } else {
        concise::write_metadata(reports, out)
    }
}
