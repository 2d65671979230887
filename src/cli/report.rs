//! The end of a run: prints every file's output in order inside the format's frame, the
//! closing count or the statistics, writes the baseline or the GitHub step summary, reports
//! stale baseline entries, and decides the exit code.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use seedlint::baseline::BaselineMatcher;
use seedlint::output::{self, Frame};

use super::{Outcome, files, lint_cmd};

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

/// Prints everything and decides the exit code.
pub fn finish(outcomes: &[Outcome], report: &RunReport) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if report.statistics {
        write_statistics(outcomes, &mut out)?;
    } else {
        let buffers: Vec<&[u8]> = outcomes.iter().map(|o| o.stdout.as_slice()).collect();
        output::write_rendered(report.frame.clone(), &buffers, &mut out)?;
    }
    out.flush()?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for outcome in outcomes {
        if !report.quiet || outcome.error {
            err.write_all(&outcome.stderr)?;
        }
    }
    if report.github_summary {
        write_github_summary(outcomes)?;
    }
    if let Some(path) = report.write_baseline {
        let baseline = lint_cmd::baseline_of(outcomes);
        files::write_baseline(path, &baseline)
            .map_err(|message| io::Error::other(format!("{}: {message}", path.display())))?;
        writeln!(
            err,
            "Wrote {} findings to the baseline {}",
            baseline.entries.len(),
            path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some((matcher, path)) = report.baseline {
        let stale = matcher.unmatched();
        if !stale.is_empty() {
            writeln!(
                err,
                "seedlint: {}: {} baseline entries no longer match; rewrite it with --write-baseline:",
                path.display(),
                stale.len()
            )?;
            for entry in stale {
                writeln!(err, "  {} {} {}", entry.path, entry.rule, entry.fingerprint)?;
            }
        }
    }
    if !report.quiet && !report.statistics {
        write_closing(outcomes, &mut err)?;
    }
    Ok(exit_code(outcomes, report.exit_zero))
}

fn write_statistics(outcomes: &[Outcome], out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for rule in outcomes.iter().flat_map(|o| &o.rules) {
        *counts.entry(rule).or_insert(0) += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (rule, count) in rows {
        writeln!(out, "{count:>7}  {rule}")?;
    }
    Ok(())
}

/// `Found 12 findings in 3 files (9 fixable with --fix).`; nothing when there are none.
fn write_closing(outcomes: &[Outcome], err: &mut dyn Write) -> io::Result<()> {
    let findings: usize = outcomes.iter().map(|o| o.rules.len()).sum();
    let files = outcomes.iter().filter(|o| !o.rules.is_empty()).count();
    let fixable: usize = outcomes.iter().map(|o| o.fixable).sum();
    if findings == 0 {
        return Ok(());
    }
    let noun = if findings == 1 { "finding" } else { "findings" };
    let in_files = if files == 1 { "file" } else { "files" };
    write!(err, "Found {findings} {noun} in {files} {in_files}")?;
    if fixable > 0 {
        write!(err, " ({fixable} fixable with --fix)")?;
    }
    writeln!(err, ".")
}

fn write_github_summary(outcomes: &[Outcome]) -> io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return Ok(());
    };
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    if outcomes.iter().all(|o| o.summary.is_empty()) {
        return file.write_all(b"## seedlint\n\nNo findings.\n");
    }
    file.write_all(output::GITHUB_SUMMARY_HEADER.as_bytes())?;
    for outcome in outcomes {
        file.write_all(&outcome.summary)?;
    }
    Ok(())
}

fn exit_code(outcomes: &[Outcome], exit_zero: bool) -> ExitCode {
    if outcomes.iter().any(|outcome| outcome.error) {
        ExitCode::from(2)
    } else if !exit_zero && outcomes.iter().any(|outcome| outcome.failing) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
