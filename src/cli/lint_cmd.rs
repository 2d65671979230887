//! `seedlint lint`: check, `--fix`, `--fix-only` and `--diff`, on files or standard input, with
//! each file's own settings, per-file ignores, in-file markers and an optional baseline.

use std::collections::HashSet;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use seedlint::autofix::{FixOptions, FixOutcome, fix_document};
use seedlint::baseline::{BaselineMatcher, Entry};
use seedlint::diagnostic::Diagnostic;
use seedlint::document::Document;
use seedlint::fingerprint::fingerprint;
use seedlint::lint::{LintOptions, LintResult, lint};
use seedlint::output::{self, FileReport, Format, Frame, FullOptions};
use seedlint::suppress::apply_markers;
use similar::TextDiff;

use super::args::{FormatArg, LintArgs};
use super::config::{Resolver, Settings};
use super::report::{Reporter, RunReport};
use super::{Outcome, Source, files, interrupt};

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
    resolver: Resolver,
    options: LintOptions,
    mode: Mode,
    format: Format,
    full: FullOptions,
    fix: FixOptions,
    baseline: Option<BaselineMatcher>,
    /// Fingerprint every finding (only when a baseline is read or written: it costs a hash of
    /// each flagged text).
    record_entries: bool,
    github_summary: bool,
}

/// Runs `seedlint lint`.
pub fn run(args: LintArgs) -> io::Result<ExitCode> {
    let resolver = Resolver::new(super::overrides(&args.rules));
    let first = match &args.stdin_filename {
        Some(path) => path.clone(),
        None => args
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let settings = match resolver.settings_for(&first) {
        Ok(settings) => settings,
        Err(report) => {
            eprint!("{report}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.show_settings {
        print!("{}", settings.describe());
        return Ok(ExitCode::SUCCESS);
    }
    let baseline = match &args.baseline {
        Some(path) => match files::read_baseline(path) {
            Ok(baseline) => Some(BaselineMatcher::new(baseline)),
            Err(message) => {
                eprintln!("seedlint: {}: {message}", path.display());
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let mode = match (args.fix, args.fix_only, args.diff) {
        (_, true, _) => Mode::FixOnly,
        (_, _, true) => Mode::Diff,
        (true, _, _) => Mode::Fix,
        _ => Mode::Check,
    };
    let stdin_fix = args.stdin_filename.is_some() && mode == Mode::Fix;
    // With `--fix` on standard input the findings go to standard error, so colour follows it.
    let terminal = if stdin_fix {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let format = format(args.format, terminal);
    let runner = Runner {
        resolver,
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
        record_entries: baseline.is_some() || args.write_baseline.is_some(),
        baseline,
        github_summary: format == Format::Github
            && std::env::var_os("GITHUB_STEP_SUMMARY").is_some(),
    };
    // Findings are framed (a JSON array, a SARIF log); diffs and fixed text are not.
    let framed = matches!(mode, Mode::Check | Mode::Fix) && !args.statistics;
    let frame = if framed && !stdin_fix {
        format.frame(&settings.rules)
    } else {
        Frame::default()
    };
    let report = RunReport {
        frame,
        statistics: args.statistics,
        quiet: args.quiet || !matches!(format, Format::Full | Format::Concise),
        exit_zero: args.exit_zero,
        github_summary: runner.github_summary,
        write_baseline: args.write_baseline.as_deref(),
        baseline: runner.baseline.as_ref().zip(args.baseline.as_deref()),
    };
    if super::thread_count(args.rules.threads) > 1 {
        prepare_in_background(Arc::clone(&settings));
    }
    if let Some(label) = &args.stdin_filename {
        let label = label.display().to_string();
        let outcome = match files::read_stdin() {
            Ok(document) => {
                let format = files::seed_format(Path::new(&label), document.text());
                super::catch_internal_error(&label, || {
                    runner.handle(Source::Stdin, &label, document.with_format(format))
                })
            }
            Err(message) => Outcome::error(&label, &message),
        };
        let mut reporter = Reporter::begin(&report)?;
        reporter.push(outcome)?;
        let code = reporter.end();
        keep_until_exit(runner, settings);
        return code;
    }
    let explicit: HashSet<&PathBuf> = args.paths.iter().filter(|p| p.is_file()).collect();
    let include = |path: &Path| {
        (args.rules.no_force_exclude && explicit.contains(&path.to_path_buf()))
            || runner
                .resolver
                .settings_for(path)
                .map_or(true, |s| !s.is_excluded(&runner.resolver.absolute(path)))
    };
    if args.show_files {
        for path in super::collect(
            &args.paths,
            args.rules.threads,
            &settings.extensions,
            &include,
        ) {
            println!("{}", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if matches!(mode, Mode::Fix | Mode::FixOnly)
        && let Err(error) = interrupt::stop_between_files()
    {
        eprintln!(
            "seedlint: cannot catch Ctrl-C ({error}); an interrupted fix may leave a temporary file"
        );
    }
    let mut reporter = Reporter::begin(&report)?;
    super::run_files(
        &args.paths,
        args.rules.threads,
        &settings.extensions,
        &include,
        &mut reporter,
        |source, label, doc| runner.handle(source, label, doc),
    )?;
    let code = reporter.end()?;
    keep_until_exit(runner, settings);
    if interrupt::requested() {
        eprintln!("seedlint: interrupted; the files not yet fixed are unchanged");
        return Ok(ExitCode::from(interrupt::EXIT_CODE));
    }
    Ok(code)
}

/// Compiles the rules' regexes on a helper thread while the files are read and linted: compiling
/// them is most of a short run (a pre-commit hook, an editor linting one file), and the linting
/// threads need them one after the other, so a second core halves the wait. The thread is not
/// joined: the run ends when the output is written, whatever it still compiles.
fn prepare_in_background(settings: Arc<Settings>) {
    let spawned = std::thread::Builder::new()
        .name("prepare-rules".into())
        .spawn(move || settings.rules.prepare());
    // Without the helper each regex compiles on first use, as it would anyway.
    drop(spawned);
}

/// Leaves the rules of the run to the operating system: their compiled regexes are thousands of
/// small allocations, freeing them one by one costs a one-file run more than its output, and the
/// process ends right after the output is written, freeing them all at once.
fn keep_until_exit(runner: Runner, settings: Arc<Settings>) {
    std::mem::forget(runner);
    std::mem::forget(settings);
}

/// The format asked for, or the default for where the output goes.
fn format(asked: Option<FormatArg>, terminal: bool) -> Format {
    let in_actions = std::env::var("GITHUB_ACTIONS").is_ok_and(|value| value == "true");
    match asked {
        Some(FormatArg::Full) => Format::Full,
        Some(FormatArg::Concise) => Format::Concise,
        Some(FormatArg::Json) => Format::Json,
        Some(FormatArg::JsonLines) => Format::JsonLines,
        Some(FormatArg::Github) => Format::Github,
        Some(FormatArg::Sarif) => Format::Sarif,
        Some(FormatArg::Junit) => Format::Junit,
        Some(FormatArg::Gitlab) => Format::Gitlab,
        None if in_actions => Format::Github,
        None if terminal => Format::Full,
        None => Format::Concise,
    }
}

impl Runner {
    fn handle(&self, source: Source, label: &str, document: Document) -> Outcome {
        let path = match source {
            Source::File(path) => path.to_path_buf(),
            Source::Stdin => PathBuf::from(label),
        };
        let settings = match self.resolver.settings_for(&path) {
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
