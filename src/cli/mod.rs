//! The command line: parses arguments, builds the rule set, walks the paths, runs each file on
//! a worker and prints the per-file outputs in path order. The exit code is decided once, at
//! the end, from what every file reported.

mod args;
mod files;
mod lint_cmd;
mod ordered;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;
use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::output::{self, FileReport, MetaFormat, RenderedStream};
use seedlint::rule::{RuleSet, RuleSource};

use args::{Cli, ColorArg, Command, MetaArgs, MetaFormatArg, RuleArgs};

/// Parses the arguments, runs the subcommand and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => lint_cmd::run(args),
        Command::Meta(args) => run_meta(args),
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

/// What one file gave: bytes for standard output and standard error, and how it ends the run.
#[derive(Debug, Default)]
pub struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    failing: bool,
    error: bool,
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
}

fn run_meta(args: MetaArgs) -> io::Result<ExitCode> {
    let Some(rules) = load_rules(&args.rules) else {
        return Ok(ExitCode::from(2));
    };
    let format = match args.format {
        MetaFormatArg::Text => MetaFormat::Text,
        MetaFormatArg::Json => MetaFormat::Json,
    };
    let options = lint_options();
    let json = format == MetaFormat::Json;
    run_files(
        &args.paths,
        args.rules.threads,
        json,
        |_, label, document| {
            let result = lint(&document, &rules, &options);
            let report = FileReport {
                path: label,
                document: &document,
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
        },
    )
}

/// Walks `paths`, runs `work` on each seed on a worker and prints each outcome as soon as all
/// earlier paths are printed: output comes in path order, and only a bounded window of
/// outcomes is held, whatever the size of the corpus.
fn run_files<F>(
    paths: &[PathBuf],
    threads: Option<usize>,
    json: bool,
    work: F,
) -> io::Result<ExitCode>
where
    F: Fn(Source, &str, Document) -> Outcome + Sync,
{
    let threads = threads
        .filter(|&threads| threads > 0)
        .or_else(|| thread::available_parallelism().ok().map(NonZeroUsize::get))
        .unwrap_or(1);
    let (seeds, errors) = files::collect_seeds(paths, threads);
    let mut printer = Printer::new(json);
    for error in &errors {
        let path = error.path.display().to_string();
        printer.print(Outcome::error(&path, &error.message))?;
    }
    let lint_one = |path: &PathBuf| {
        let label = path.display().to_string();
        match files::read_seed(path) {
            Ok(document) => work(Source::File(path), &label, document),
            Err(message) => Outcome::error(&label, &message),
        }
    };
    ordered::for_each_ordered(&seeds, threads, lint_one, |outcome| printer.print(outcome))?;
    printer.finish()
}

/// Prints every outcome in order and decides the exit code.
fn finish(outcomes: Vec<Outcome>, json: bool) -> io::Result<ExitCode> {
    let mut printer = Printer::new(json);
    for outcome in outcomes {
        printer.print(outcome)?;
    }
    printer.finish()
}

/// Writes outcomes as they come (findings to standard output, messages to standard error) and
/// remembers what decides the exit code.
struct Printer {
    out: BufWriter<io::StdoutLock<'static>>,
    stream: RenderedStream,
    error: bool,
    failing: bool,
}

impl Printer {
    fn new(json: bool) -> Self {
        Self {
            out: BufWriter::new(io::stdout().lock()),
            stream: RenderedStream::new(json),
            error: false,
            failing: false,
        }
    }

    fn print(&mut self, outcome: Outcome) -> io::Result<()> {
        self.stream.write(&outcome.stdout, &mut self.out)?;
        if !outcome.stderr.is_empty() {
            // Flushed first, so that a message follows the findings printed before it.
            self.out.flush()?;
            io::stderr().lock().write_all(&outcome.stderr)?;
        }
        self.error |= outcome.error;
        self.failing |= outcome.failing;
        Ok(())
    }

    fn finish(mut self) -> io::Result<ExitCode> {
        self.stream.finish(&mut self.out)?;
        self.out.flush()?;
        Ok(if self.error {
            ExitCode::from(2)
        } else if self.failing {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

/// Builds the rule set, printing a report and returning `None` when a rule file is broken.
fn load_rules(args: &RuleArgs) -> Option<RuleSet> {
    let mut sources = vec![RuleSource::builtin()];
    for dir in &args.rules {
        match files::read_rules_dir(dir) {
            Ok(source) => sources.push(source),
            Err(error) => {
                eprintln!("seedlint: {}: {}", error.path.display(), error.message);
                return None;
            }
        }
    }
    let loaded = RuleSet::load(&sources).and_then(|mut rules| {
        rules.select(&args.select, &args.ignore)?;
        Ok(rules)
    });
    match loaded {
        Ok(rules) => Some(rules),
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            None
        }
    }
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

fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}
