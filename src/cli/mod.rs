//! The command line: parses arguments, resolves each path's settings, walks the paths, runs
//! each file on a worker and prints the per-file outputs in path order. The exit code is
//! decided once, at the end, from what every file reported.

mod args;
mod config;
mod extract_cmd;
mod files;
mod interrupt;
mod lint_cmd;
mod ordered;
mod report;
mod rules_cmd;
mod runner;
mod settings;

use std::collections::HashSet;
use std::io;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;
use seedlint::baseline::Entry;
use seedlint::civil_date::CivilDate;
use seedlint::diagnostic::Severity;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::output::{self, FileReport, Format, Frame, MetaFormat};

use args::{Cli, ColorArg, Command, MetaArgs, MetaFormatArg, RuleArgs, SeverityArg};
use config::{Overrides, Resolver};

/// Parses the arguments, runs the subcommand and returns the exit code. A panic outside the
/// per-file work (which catches its own, see [`catch_internal_error`]) ends the run with 2.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let run = || match cli.command {
        Command::Lint(args) => lint_cmd::run(args),
        Command::Meta(args) => run_meta(args),
        Command::Extract(args) => extract_cmd::run(args),
        Command::Rules(args) => rules_cmd::list(args),
        Command::Explain(args) => rules_cmd::explain(args),
        Command::CheckRules(args) => rules_cmd::check(args),
        Command::Init(args) => rules_cmd::init(args),
    };
    let result = match panic::catch_unwind(AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) => {
            eprintln!(
                "seedlint: internal error: {} (a bug in seedlint; please report it)",
                panic_message(payload.as_ref())
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("seedlint: {error}");
            ExitCode::from(2)
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A file on disk.
    File(&'a Path),
    /// Standard input.
    Stdin,
}

/// What one file gave: output for standard output and standard error, how it ends the run, and
/// what the run's closing report needs to know of it.
#[derive(Debug, Default)]
pub struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    failing: bool,
    error: bool,
    /// Rows of the GitHub step-summary table.
    summary: Vec<u8>,
    /// The rule of every reported finding, for `--statistics` and the closing count.
    rules: Vec<String>,
    /// How many reported findings a safe fix would remove.
    fixable: usize,
    /// Baseline entries of every finding (before the baseline filtered them).
    entries: Vec<Entry>,
}

impl Outcome {
    /// An outcome that only reports an error for `label`.
    fn error(label: &str, message: &str) -> Self {
        Self {
            stderr: format!("seedlint: {label}: {message}\n").into_bytes(),
            error: true,
            ..Self::default()
        }
    }

    /// An outcome that only prints a note about `label` (the run does not fail for it).
    fn note(label: &str, message: &str) -> Self {
        Self {
            stderr: format!("seedlint: {label}: {message}\n").into_bytes(),
            ..Self::default()
        }
    }
}

/// Runs `work` for the file `label`; a panic inside becomes an internal error of that file
/// alone, so that the other files are still linted and the run exits 2.
fn catch_internal_error(label: &str, work: impl FnOnce() -> Outcome) -> Outcome {
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let what = panic_message(payload.as_ref());
        Outcome::error(
            label,
            &format!("internal error while linting this file: {what} (a bug in seedlint; please report it)"),
        )
    })
}

/// The message a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// The command line's configuration overrides.
fn overrides(args: &RuleArgs) -> Overrides {
    Overrides {
        config: args.config.clone(),
        isolated: args.isolated,
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        rules: args.rules.clone(),
        exclude: args.exclude.clone(),
        fail_on: args.fail_on.map(|level| match level {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }),
    }
}

fn run_meta(args: MetaArgs) -> io::Result<ExitCode> {
    let resolver = Resolver::new(overrides(&args.rules));
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let settings = match resolver.settings_for(&first) {
        Ok(settings) => settings,
        Err(report) => {
            eprint!("{report}");
            return Ok(ExitCode::from(2));
        }
    };
    let format = match args.format {
        MetaFormatArg::Text => MetaFormat::Text,
        MetaFormatArg::Json => MetaFormat::Json,
    };
    let options = lint_options();
    let include = |path: &Path| {
        resolver
            .settings_for_file(path)
            .map_or(true, |s| !s.is_excluded(&resolver.absolute(path)))
    };
    let frame = match format {
        MetaFormat::Json => Format::Json.frame(&settings.rules),
        MetaFormat::Text => Frame::default(),
    };
    let report = report::RunReport {
        frame,
        quiet: true,
        ..report::RunReport::default()
    };
    let mut reporter = report::Reporter::begin(&report)?;
    let work = |_: Source, label: &str, doc: Document| {
        let Ok(settings) = resolver.settings_for_file(Path::new(label)) else {
            return Outcome::error(label, "configuration error (reported above)");
        };
        let result = lint(&doc, &settings.rules, &options);
        let report = FileReport {
            path: label,
            document: &doc,
            diagnostics: &result.diagnostics,
            metadata: &result.metadata,
        };
        match output::render_metadata(format, &report) {
            Ok(stdout) => Outcome {
                stdout,
                ..Outcome::default()
            },
            Err(error) => Outcome::error(label, &error.to_string()),
        }
    };
    run_files(
        &args.paths,
        args.rules.threads,
        &settings.extensions,
        &include,
        &mut reporter,
        work,
    )?;
    reporter.end()
}

/// The number of worker threads: as asked, else one per core.
fn thread_count(threads: Option<usize>) -> usize {
    threads
        .filter(|&threads| threads > 0)
        .or_else(|| thread::available_parallelism().ok().map(NonZeroUsize::get))
        .unwrap_or(1)
}

/// The seed files under `paths` that `include` accepts, sorted.
fn collect(
    paths: &[PathBuf],
    threads: Option<usize>,
    extensions: &[String],
    include: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<PathBuf> {
    let (mut seeds, _) = files::collect_seeds(paths, thread_count(threads), extensions);
    seeds.retain(|path| include(path));
    seeds
}

/// Walks `paths`, runs `work` on each seed `include` accepts on a pool of workers, and hands
/// the outcomes to `reporter` in path order as they come: memory stays bounded by the reorder
/// window, not by the corpus.
fn run_files<F>(
    paths: &[PathBuf],
    threads: Option<usize>,
    extensions: &[String],
    include: &(dyn Fn(&Path) -> bool + Sync),
    reporter: &mut report::Reporter,
    work: F,
) -> io::Result<()>
where
    F: Fn(Source, &str, Document) -> Outcome + Sync,
{
    let threads = thread_count(threads);
    let (seeds, errors) = files::collect_seeds(paths, threads, extensions);
    for error in &errors {
        let path = error.path.display().to_string();
        reporter.push(Outcome::error(&path, &error.message))?;
    }
    let named: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
    // Whether a seed is excluded is asked by the workers, not before they start: a corpus's
    // files each need their settings looked up, which took a single thread a tenth of a second
    // on 50,000 files.
    let lint_one = |path: &PathBuf| {
        if interrupt::requested() || !include(path) {
            return Outcome::default();
        }
        let label = path.display().to_string();
        catch_internal_error(&label, || match files::read_seed(path) {
            Ok(document) => work(Source::File(path), &label, document),
            Err(files::ReadError::Binary { nul_at }) if named.contains(path.as_path()) => {
                Outcome::error(
                    &label,
                    &format!("a binary file (NUL byte at offset {nul_at}); not linted"),
                )
            }
            Err(files::ReadError::Binary { nul_at }) => Outcome::note(
                &label,
                &format!("skipped: a binary file (NUL byte at offset {nul_at})"),
            ),
            Err(files::ReadError::Failed(message)) => Outcome::error(&label, &message),
        })
    };
    ordered::for_each_ordered(&seeds, threads, lint_one, |outcome| reporter.push(outcome))
}

fn lint_options() -> LintOptions {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() / 86_400);
    LintOptions {
        today: CivilDate::from_unix_days(i64::try_from(days).unwrap_or(0)),
    }
}

fn use_color(choice: ColorArg, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_of_its_file() {
        let outcome = catch_internal_error("a.txt", || panic!("index out of bounds"));
        let stderr = String::from_utf8_lossy(&outcome.stderr).into_owned();
        assert!(outcome.error);
        assert!(
            stderr.starts_with(
                "seedlint: a.txt: internal error while linting this file: index out of bounds"
            ),
            "{stderr}"
        );
    }

    #[test]
    fn a_file_without_panic_keeps_its_outcome() {
        let outcome = catch_internal_error("a.txt", || Outcome::note("a.txt", "fine"));
        assert!(!outcome.error);
    }
}
