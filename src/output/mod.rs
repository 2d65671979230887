//! Renderers: each output format turns a file's report into bytes. A file is rendered on the
//! worker that linted it (so its document can be dropped at once), and a [`Framed`] writer joins
//! the buffers in path order into one document (a JSON array, a SARIF log, a JUnit file), so
//! output can stream. One file per format; [`Format`] picks one.

mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod json_text;
mod junit;
mod sarif;

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::metadata::Metadata;
use crate::rule::RuleSet;

pub use full::FullOptions;

pub use github::SUMMARY_HEADER as GITHUB_SUMMARY_HEADER;
pub use github::summary_rows as github_summary_rows;

/// The output formats of `seedlint lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette's graphical report, one per finding.
    Full,
    /// `path:line:col: severity[rule] message`, one a line.
    Concise,
    /// One JSON array of findings.
    Json,
    /// One JSON object per finding, one a line.
    JsonLines,
    /// GitHub Actions workflow commands (`::warning file=…::message`).
    Github,
    /// A SARIF 2.1.0 log.
    Sarif,
    /// A JUnit XML report: one test suite per file.
    Junit,
    /// A GitLab Code Quality report (JSON).
    Gitlab,
}

/// How a format joins the outputs of several files into one document.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// Written before everything.
    pub open: String,
    /// Written before the first non-empty file output.
    pub first: &'static str,
    /// Written between two non-empty file outputs.
    pub between: &'static str,
    /// Written after everything when some file had output.
    pub close: &'static str,
    /// Written after everything when no file had output.
    pub close_empty: &'static str,
}

impl Format {
    /// The frame of this format; SARIF lists every rule of `rules` in its header.
    pub fn frame(self, rules: &RuleSet) -> Frame {
        let array = Frame {
            open: "[".into(),
            first: "\n",
            between: ",\n",
            close: "\n]\n",
            close_empty: "]\n",
        };
        match self {
            Self::Json | Self::Gitlab => array,
            Self::Sarif => sarif::frame(rules),
            Self::Junit => junit::frame(),
            Self::Full | Self::Concise | Self::JsonLines | Self::Github => Frame::default(),
        }
    }
}

/// Writes framed output file by file, in the order it is given.
#[derive(Debug)]
pub struct Framed {
    frame: Frame,
    started: bool,
}

impl Framed {
    /// Writes the frame's opening.
    pub fn begin(frame: Frame, out: &mut dyn Write) -> io::Result<Self> {
        out.write_all(frame.open.as_bytes())?;
        Ok(Self {
            frame,
            started: false,
        })
    }

    /// Writes one file's output (nothing when it is empty).
    pub fn push(&mut self, buffer: &[u8], out: &mut dyn Write) -> io::Result<()> {
        if buffer.is_empty() {
            return Ok(());
        }
        let separator = if self.started {
            self.frame.between
        } else {
            self.frame.first
        };
        self.started = true;
        out.write_all(separator.as_bytes())?;
        out.write_all(buffer)
    }

    /// Writes the frame's closing.
    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let close = if self.started {
            self.frame.close
        } else {
            self.frame.close_empty
        };
        out.write_all(close.as_bytes())
    }
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
        Format::Json => json::write_findings(report, &mut out),
        Format::JsonLines => json::write_lines(report, &mut out),
        Format::Github => github::write(report, &mut out)?,
        Format::Sarif => sarif::write(report, &mut out)?,
        Format::Junit => junit::write(report, &mut out)?,
        Format::Gitlab => gitlab::write(report, &mut out)?,
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

/// Writes the rendered buffers of every file in order inside `frame`.
pub fn write_rendered(frame: Frame, buffers: &[&[u8]], out: &mut dyn Write) -> io::Result<()> {
    let mut framed = Framed::begin(frame, out)?;
    for buffer in buffers {
        framed.push(buffer, out)?;
    }
    framed.end(out)
}
