//! One file through `seedlint lint`: its settings, the lint or the fix loop, the in-file markers,
//! the baseline, and the outcome the reporter prints.

use std::path::{Path, PathBuf};

use seedlint::autofix::{FixOptions, FixOutcome, fix_document};
use seedlint::baseline::{BaselineMatcher, Entry};
use seedlint::diagnostic::Diagnostic;
use seedlint::document::Document;
use seedlint::fingerprint::fingerprint;
use seedlint::lint::{LintOptions, LintResult, lint};
use seedlint::output::{self, FileReport, Format, FullOptions};
use seedlint::suppress::apply_markers;
use similar::TextDiff;

use super::config::Resolver;
use super::settings::Settings;
use super::{Outcome, Source, files};

/// What `lint` does with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Report findings.
    Check,
    /// Fix what is safe, then report what is left.
    Fix,
    /// Fix, reporting nothing.
    FixOnly,
    /// Print the fixes as a diff, writing nothing.
    Diff,
}

/// Everything needed to handle one file, shared by the workers.
pub(super) struct Runner {
    /// Finds each file's settings (its rules, ignores and exclusions).
    pub(super) resolver: Resolver,
    /// How the engine lints (today's date for the date rules).
    pub(super) options: LintOptions,
    /// Check, fix, fix only, or diff.
    pub(super) mode: Mode,
    /// How findings are printed.
    pub(super) format: Format,
    /// Colour and width of the full format.
    pub(super) full: FullOptions,
    /// Whether unsafe fixes apply too.
    pub(super) fix: FixOptions,
    /// The findings recorded earlier, which are not reported again.
    pub(super) baseline: Option<BaselineMatcher>,
    /// Fingerprint every finding (only when a baseline is read or written: it costs a hash of
    /// each flagged text).
    pub(super) record_entries: bool,
    /// Write a Markdown summary for the GitHub Actions job page.
    pub(super) github_summary: bool,
}

impl Runner {
    /// Lints (or fixes) one document read from `source`, named `label` in messages.
    pub(super) fn handle(&self, source: Source, label: &str, document: Document) -> Outcome {
        let path = match source {
            Source::File(path) => path.to_path_buf(),
            Source::Stdin => PathBuf::from(label),
        };
        let settings = match source {
            Source::File(_) => self.resolver.settings_for_file(&path),
            Source::Stdin => self.resolver.settings_for(&path),
        };
        let settings = match settings {
            Ok(settings) => settings,
            Err(report) => return Outcome::error(label, report.trim_end()),
        };
        let absolute = self.resolver.absolute(&path);
        let ignored = settings.ignored_for(&absolute);
        let markers = has_comment_syntax(&path);
        let filter = |doc: &Document, mut result: LintResult| {
            result.diagnostics.retain(|d| {
                !ignored
                    .iter()
                    .any(|name| *name == d.rule || *name == d.category.as_str())
            });
            if markers {
                result.diagnostics = apply_markers(doc, result.diagnostics);
            }
            result
        };
        if self.mode == Mode::Check {
            let result = filter(&document, lint(&document, &settings.rules, &self.options));
            return self.findings(label, &settings, &document, result);
        }
        if document.undecodable().is_some() {
            // Never fixed: writing the decoded text would replace the bytes it could not read.
            let result = filter(&document, lint(&document, &settings.rules, &self.options));
            let mut outcome = match self.mode {
                Mode::Fix => self.findings(label, &settings, &document, result),
                _ => Outcome::default(),
            };
            if let Source::Stdin = source {
                outcome.stdout = document.original_bytes().to_vec();
            }
            outcome.stderr =
                format!("seedlint: {label}: not fixed: the file is not UTF-8\n").into_bytes();
            return outcome;
        }
        let original = document.text().to_owned();
        let format = document.format();
        match fix_document(document, &settings.rules, &self.options, self.fix, &filter) {
            Ok(fixed) => self.after_fix(source, label, &settings, &original, fixed),
            Err(refused) => {
                let message = format!("seedlint: {label}: {refused}\n");
                let document = Document::new(original).with_format(format);
                let result = filter(&document, lint(&document, &settings.rules, &self.options));
                let mut outcome = self.findings(label, &settings, &document, result);
                if let Source::Stdin = source {
                    // An editor waits for the text: give it back unchanged.
                    outcome.stdout = document.into_text().into_bytes();
                }
                outcome.stderr = message.into_bytes();
                outcome.error = true;
                outcome
            }
        }
    }

    fn after_fix(
        &self,
        source: Source,
        label: &str,
        settings: &Settings,
        original: &str,
        fixed: FixOutcome,
    ) -> Outcome {
        let text = fixed.document.text();
        let changed = text != original;
        if self.mode == Mode::Diff {
            let diff = TextDiff::from_lines(original, text)
                .unified_diff()
                .header(label, label)
                .to_string();
            return Outcome {
                stdout: diff.into_bytes(),
                failing: changed,
                ..Outcome::default()
            };
        }
        let summary = summary(label, &fixed);
        let mut outcome = match (source, self.mode) {
            (_, Mode::FixOnly) => Outcome::default(),
            _ => self.findings(label, settings, &fixed.document, fixed.remaining.clone()),
        };
        match source {
            Source::Stdin => {
                let mut stderr = Vec::new();
                let rendered = [outcome.stdout.as_slice()];
                let frame = self.format.frame(&settings.rules);
                if let Err(error) = output::write_rendered(frame, &rendered, &mut stderr) {
                    return Outcome::error(label, &error.to_string());
                }
                stderr.extend_from_slice(summary.as_bytes());
                outcome.stdout = text.as_bytes().to_vec();
                outcome.stderr = stderr;
            }
            Source::File(path) => {
                if changed && let Err(message) = files::write_atomically(path, text) {
                    return Outcome::error(label, &message);
                }
                outcome.stderr = summary.into_bytes();
            }
        }
        outcome
    }

    /// Renders the findings of one file (those the baseline does not record) for output.
    fn findings(
        &self,
        label: &str,
        settings: &Settings,
        document: &Document,
        mut result: LintResult,
    ) -> Outcome {
        let wanted = if self.record_entries {
            result.diagnostics.as_slice()
        } else {
            &[]
        };
        let entries: Vec<Entry> = wanted
            .iter()
            .map(|d| {
                Entry::new(
                    label,
                    &d.rule,
                    fingerprint(label, &d.rule, document.slice(d.span)),
                )
            })
            .collect();
        if let Some(baseline) = &self.baseline {
            let mut recorded = entries.iter().map(|entry| baseline.take(entry));
            result
                .diagnostics
                .retain(|_| !recorded.next().unwrap_or(false));
        }
        let report = FileReport {
            path: label,
            document,
            diagnostics: &result.diagnostics,
            metadata: &result.metadata,
        };
        let stdout = match output::render_findings(self.format, &report, &self.full) {
            Ok(stdout) => stdout,
            Err(error) => return Outcome::error(label, &error.to_string()),
        };
        Outcome {
            stdout,
            failing: result
                .diagnostics
                .iter()
                .any(|d| d.severity >= settings.fail_on),
            summary: if self.github_summary {
                output::github_summary_rows(&report)
            } else {
                Vec::new()
            },
            rules: result.diagnostics.iter().map(|d| d.rule.clone()).collect(),
            fixable: result.diagnostics.iter().filter(|d| fixable(d)).count(),
            entries,
            ..Outcome::default()
        }
    }
}

fn fixable(diagnostic: &Diagnostic) -> bool {
    diagnostic.fix.as_ref().is_some_and(|fix| {
        fix.applicability == seedlint::fix::Applicability::Safe && !fix.edits.is_empty()
    })
}

/// Markdown and HTML seeds can carry `<!-- seedlint-disable … -->` markers.
fn has_comment_syntax(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or_default();
    ["md", "markdown", "html", "htm"]
        .iter()
        .any(|known| ext.eq_ignore_ascii_case(known))
}

/// `Fixed 3 findings in x.txt (menu-block 1, share-widget 2)`, or nothing when none was fixed.
fn summary(label: &str, fixed: &FixOutcome) -> String {
    let count = fixed.fixed_count();
    if count == 0 {
        return String::new();
    }
    let rules: Vec<String> = fixed
        .fixed
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect();
    let noun = if count == 1 { "finding" } else { "findings" };
    format!("Fixed {count} {noun} in {label} ({})\n", rules.join(", "))
}
