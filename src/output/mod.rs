//! Renderers: each output format turns a file's report into bytes. A file is rendered on the
//! worker that linted it (so its document can be dropped at once) and the buffers are joined
//! in path order by [`write_rendered`]. One file per format; [`Format`] picks one.

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

/// The output formats of `seedlint meta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaFormat {
    /// A few indented lines per file.
    Text,
    /// One JSON array with an object per file.
    Json,
}

/// The result of linting one file.
#[derive(Debug)]
pub struct FileReport<'a> {
    /// The path as shown to the user.
    pub path: &'a str,
    /// The linted document.
    pub document: &'a Document,
    /// Its findings.
    pub diagnostics: &'a [Diagnostic],
    /// The date and attribution found.
    pub metadata: &'a Metadata,
}

/// Renders the findings of one file.
pub fn render_findings(
    format: Format,
    report: &FileReport,
    full: &FullOptions,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Full => full::write(report, full, &mut out)?,
        Format::Concise => concise::write(report, &mut out)?,
        Format::Json => json::write_findings(report, &mut out)?,
    }
    Ok(out)
}

/// Renders the metadata of one file.
pub fn render_metadata(format: MetaFormat, report: &FileReport) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        MetaFormat::Text => concise::write_metadata(report, &mut out)?,
        MetaFormat::Json => json::write_metadata(report, &mut out)?,
    }
    Ok(out)
}

/// Writes the rendered buffers of every file in order; JSON buffers become one array.
pub fn write_rendered(json: bool, buffers: &[&[u8]], out: &mut dyn Write) -> io::Result<()> {
    let mut stream = RenderedStream::new(json);
    buffers
        .iter()
        .try_for_each(|buffer| stream.write(buffer, out))?;
    stream.finish(out)
}

/// Writes rendered buffers one file at a time, as they arrive, with the same bytes as
/// [`write_rendered`] gives for all of them at once (so the CLI can stream a corpus).
#[derive(Debug)]
pub struct RenderedStream {
    json: bool,
    first: bool,
}

impl RenderedStream {
    /// A stream that joins JSON buffers into one array when `json` is set.
    pub fn new(json: bool) -> Self {
        Self { json, first: true }
    }

    /// Writes one file's buffer.
    pub fn write(&mut self, buffer: &[u8], out: &mut dyn Write) -> io::Result<()> {
        if !self.json {
            return out.write_all(buffer);
        }
        if buffer.is_empty() {
            return Ok(());
        }
        // The array opens lazily, so that a run without findings prints `[]`.
        out.write_all(if self.first { b"[\n" } else { b",\n" })?;
        self.first = false;
        out.write_all(buffer)
    }

    /// Ends the output: closes the JSON array (an empty one when no file had findings).
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match (self.json, self.first) {
            (false, _) => Ok(()),
            (true, true) => out.write_all(b"[]\n"),
            (true, false) => out.write_all(b"\n]\n"),
        }
    }
}
