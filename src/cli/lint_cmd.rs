//! `seedlint lint`: check, `--fix`, `--fix-only` and `--diff`, on files or standard input.

use std::io;
use std::process::ExitCode;

use seedlint::autofix::{FixOptions, FixOutcome, fix_document};
use seedlint::diagnostic::Severity;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, LintResult, lint};
use seedlint::output::{self, FileReport, Format, FullOptions};
use seedlint::rule::RuleSet;
use similar::TextDiff;

use super::args::{FormatArg, LintArgs};
use super::{Outcome, Source, files};

/// What `lint` does with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    FixOnly,
    Diff,
}

/// Everything needed to handle one file, shared by the workers.
struct Runner {
    rules: RuleSet,
    options: LintOptions,
    mode: Mode,
    format: Format,
    full: FullOptions,
    fix: FixOptions,
}

/// Runs `seedlint lint`.
pub fn run(args: LintArgs) -> io::Result<ExitCode> {
    let Some(rules) = super::load_rules(&args.rules) else {
        return Ok(ExitCode::from(2));
    };
    let mode = match (args.fix, args.fix_only, args.diff) {
        (_, true, _) => Mode::FixOnly,
        (_, _, true) => Mode::Diff,
        (true, _, _) => Mode::Fix,
        _ => Mode::Check,
    };
    let format = match args.format {
        FormatArg::Full => Format::Full,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
    };
    let stdin_fix = args.stdin_filename.is_some() && mode == Mode::Fix;
    // With `--fix` on standard input the findings go to standard error, so colour follows it.
    let terminal = if stdin_fix {
        io::IsTerminal::is_terminal(&io::stderr())
    } else {
        super::stdout_is_terminal()
    };
    let runner = Runner {
        rules,
        options: super::lint_options(),
        mode,
        format,
        full: FullOptions {
            color: super::use_color(args.color, terminal),
            width: 100,
        },
        fix: FixOptions {
            unsafe_fixes: args.unsafe_fixes,
        },
    };
    let json_stdout = format == Format::Json && matches!(mode, Mode::Check | Mode::Fix);
    if let Some(label) = &args.stdin_filename {
        let label = label.display().to_string();
        let outcome = match files::read_stdin() {
            Ok(document) => runner.handle(Source::Stdin, &label, document),
            Err(message) => Outcome::error(&label, &message),
        };
        return super::finish(vec![outcome], json_stdout && !stdin_fix);
    }
    super::run_files(
        &args.paths,
        args.rules.threads,
        json_stdout,
        |source, label, doc| runner.handle(source, label, doc),
    )
}

impl Runner {
    fn handle(&self, source: Source, label: &str, document: Document) -> Outcome {
        if self.mode == Mode::Check {
            let result = lint(&document, &self.rules, &self.options);
            return self.findings(label, &document, &result);
        }
        let original = document.text().to_owned();
        match fix_document(document, &self.rules, &self.options, self.fix) {
            Ok(fixed) => self.after_fix(source, label, &original, fixed),
            Err(refused) => {
                let message = format!("seedlint: {label}: {refused}\n");
                let document = Document::new(original);
                let result = lint(&document, &self.rules, &self.options);
                let findings = self.findings(label, &document, &result);
                let (stdout, stderr) = match source {
                    // An editor waits for the text: give it back unchanged.
                    Source::Stdin => (document.into_text().into_bytes(), message.into_bytes()),
                    Source::File(_) => (findings.stdout, message.into_bytes()),
                };
                Outcome {
                    stdout,
                    stderr,
                    failing: findings.failing,
                    error: true,
                }
            }
        }
    }

    fn after_fix(&self, source: Source, label: &str, original: &str, fixed: FixOutcome) -> Outcome {
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
        match source {
            Source::Stdin => {
                let findings = self.findings(label, &fixed.document, &fixed.remaining);
                let mut stderr = Vec::new();
                let rendered = [findings.stdout.as_slice()];
                let json = self.format == Format::Json;
                if let Err(error) = output::write_rendered(json, &rendered, &mut stderr) {
                    return Outcome::error(label, &error.to_string());
                }
                Outcome {
                    stdout: text.as_bytes().to_vec(),
                    stderr,
                    failing: self.mode == Mode::Fix && findings.failing,
                    error: findings.error,
                }
            }
            Source::File(path) => {
                if changed && let Err(message) = files::write_atomically(path, text) {
                    return Outcome::error(label, &message);
                }
                let mut outcome = if self.mode == Mode::FixOnly {
                    Outcome::default()
                } else {
                    self.findings(label, &fixed.document, &fixed.remaining)
                };
                outcome.stderr = summary.into_bytes();
                outcome
            }
        }
    }

    /// Renders the findings of one file for standard output.
    fn findings(&self, label: &str, document: &Document, result: &LintResult) -> Outcome {
        let report = FileReport {
            path: label,
            document,
            diagnostics: &result.diagnostics,
            metadata: &result.metadata,
        };
        match output::render_findings(self.format, &report, &self.full) {
            Ok(stdout) => Outcome {
                stdout,
                failing: result
                    .diagnostics
                    .iter()
                    .any(|diagnostic| diagnostic.severity >= Severity::Warning),
                ..Outcome::default()
            },
            Err(error) => Outcome::error(label, &error.to_string()),
        }
    }
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
