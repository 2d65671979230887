//! The printing side of a run: a [`Reporter`] takes each file's outcome in path order as soon
//! as it is ready, prints it inside the format's frame, and keeps only what the end needs (counts
//! per rule, the step-summary rows, baseline entries, whether anything failed). At the end it
//! prints the statistics or the closing count, writes the baseline or the GitHub step summary,
//! reports stale baseline entries, and decides the exit code.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::Path;
use std::process::ExitCode;

use seedlint::baseline::{Baseline, BaselineMatcher, Entry};
use seedlint::output::{self, Frame, Framed};

use super::{Outcome, files};

/// How the run ends.
#[derive(Debug, Default)]
pub struct RunReport<'a> {
    /// How the files' outputs are joined.
    pub frame: Frame,
    /// Print counts per rule instead of findings.
    pub statistics: bool,
    /// Print nothing but the findings.
    pub quiet: bool,
    /// Findings do not fail the run.
    pub exit_zero: bool,
    /// Append the findings table to `$GITHUB_STEP_SUMMARY`.
    pub github_summary: bool,
    /// Write every finding to this baseline file.
    pub write_baseline: Option<&'a Path>,
    /// The baseline in use, and its file.
    pub baseline: Option<(&'a BaselineMatcher, &'a Path)>,
}

/// Prints outcomes as they come and remembers what the end of the run needs.
pub struct Reporter<'a> {
    report: &'a RunReport<'a>,
    out: BufWriter<StdoutLock<'static>>,
    framed: Framed,
    counts: BTreeMap<String, usize>,
    files_with_findings: usize,
    fixable: usize,
    summary: Vec<u8>,
    entries: Vec<Entry>,
    error: bool,
    failing: bool,
}

impl<'a> Reporter<'a> {
    /// Starts the output (the frame's opening).
    pub fn begin(report: &'a RunReport<'a>) -> io::Result<Self> {
        let mut out = BufWriter::new(io::stdout().lock());
        let frame = if report.statistics {
            Frame::default()
        } else {
            report.frame.clone()
        };
        let framed = Framed::begin(frame, &mut out)?;
        Ok(Self {
            report,
            out,
            framed,
            counts: BTreeMap::new(),
            files_with_findings: 0,
            fixable: 0,
            summary: Vec::new(),
            entries: Vec::new(),
            error: false,
            failing: false,
        })
    }

    /// Prints one file's outcome.
    pub fn push(&mut self, outcome: Outcome) -> io::Result<()> {
        if !self.report.statistics {
            self.framed.push(&outcome.stdout, &mut self.out)?;
        }
        if !outcome.stderr.is_empty() && (!self.report.quiet || outcome.error) {
            // Flushed first, so that a message follows the findings printed before it.
            self.out.flush()?;
            io::stderr().lock().write_all(&outcome.stderr)?;
        }
        self.files_with_findings += usize::from(!outcome.rules.is_empty());
        for rule in outcome.rules {
            *self.counts.entry(rule).or_insert(0) += 1;
        }
        self.fixable += outcome.fixable;
        self.summary.extend_from_slice(&outcome.summary);
        if self.report.write_baseline.is_some() {
            self.entries.extend(outcome.entries);
        }
        self.error |= outcome.error;
        self.failing |= outcome.failing;
        Ok(())
    }

    /// Ends the output and the run.
    pub fn end(mut self) -> io::Result<ExitCode> {
        if self.report.statistics {
            self.write_statistics()?;
        } else {
            self.framed.end(&mut self.out)?;
        }
        self.out.flush()?;
        let mut err = io::stderr().lock();
        if self.report.github_summary {
            self.write_github_summary()?;
        }
        if let Some(path) = self.report.write_baseline {
            let baseline = Baseline::new(std::mem::take(&mut self.entries));
            files::write_baseline(path, &baseline)
                .map_err(|message| io::Error::other(format!("{}: {message}", path.display())))?;
            let count = baseline.entries.len();
            writeln!(
                err,
                "Wrote {count} findings to the baseline {}",
                path.display()
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        if let Some((matcher, path)) = self.report.baseline {
            write_stale(matcher, path, &mut err)?;
        }
        if !self.report.quiet && !self.report.statistics {
            self.write_closing(&mut err)?;
        }
        Ok(if self.error {
            ExitCode::from(2)
        } else if self.failing && !self.report.exit_zero {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }

    fn write_statistics(&mut self) -> io::Result<()> {
        let mut rows: Vec<(&String, &usize)> = self.counts.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, count) in rows {
            writeln!(self.out, "{count:>7}  {rule}")?;
        }
        Ok(())
    }

    /// `Found 12 findings in 3 files (9 fixable with --fix).`; nothing when there are none.
    fn write_closing(&self, err: &mut dyn Write) -> io::Result<()> {
        let findings: usize = self.counts.values().sum();
        if findings == 0 {
            return Ok(());
        }
        let noun = if findings == 1 { "finding" } else { "findings" };
        let files = self.files_with_findings;
        let in_files = if files == 1 { "file" } else { "files" };
        write!(err, "Found {findings} {noun} in {files} {in_files}")?;
        if self.fixable > 0 {
            write!(err, " ({} fixable with --fix)", self.fixable)?;
        }
        writeln!(err, ".")
    }

    fn write_github_summary(&self) -> io::Result<()> {
        let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
            return Ok(());
        };
        let mut file = OpenOptions::new().create(true).append(true).open(path)?;
        if self.summary.is_empty() {
            return file.write_all(b"## seedlint\n\nNo findings.\n");
        }
        file.write_all(output::GITHUB_SUMMARY_HEADER.as_bytes())?;
        file.write_all(&self.summary)
    }
}

fn write_stale(matcher: &BaselineMatcher, path: &Path, err: &mut dyn Write) -> io::Result<()> {
    let stale = matcher.unmatched();
    if stale.is_empty() {
        return Ok(());
    }
    writeln!(
        err,
        "seedlint: {}: {} baseline entries no longer match; rewrite it with --write-baseline:",
        path.display(),
        stale.len()
    )?;
    for entry in stale {
        writeln!(err, "  {} {} {}", entry.path, entry.rule, entry.fingerprint)?;
    }
    Ok(())
}
