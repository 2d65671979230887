//! The command line: parses arguments, builds the rule set, walks the paths, runs each file on
//! a worker and prints the per-file outputs in path order. The exit code is decided once, at
//! the end, from what every file reported.

mod args;
mod files;
mod lint_cmd;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;
use rayon::prelude::*;
use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::output::{self, FileReport, MetaFormat};
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
    let outcomes = run_files(&args.paths, args.rules.threads, |_, label, document| {
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
    });
    let frame = match format {
        MetaFormat::Json => output::Format::Json.frame(&rules),
        MetaFormat::Text => output::Frame::default(),
    };
    finish(&outcomes, frame)
}

/// Walks `paths` and runs `work` on each seed on a worker; outcomes stay in path order.
fn run_files<F>(paths: &[PathBuf], threads: Option<usize>, work: F) -> Vec<Outcome>
where
    F: Fn(Source, &str, Document) -> Outcome + Sync,
{
    let threads = threads.unwrap_or(0);
    let (seeds, errors) = files::collect_seeds(paths, threads.max(1));
    let mut outcomes: Vec<Outcome> = errors
        .iter()
        .map(|error| Outcome::error(&error.path.display().to_string(), &error.message))
        .collect();
    let lint_all = || {
        seeds
            .par_iter()
            .map(|path| {
                let label = path.display().to_string();
                match files::read_seed(path) {
                    Ok(document) => work(Source::File(path), &label, document),
                    Err(message) => Outcome::error(&label, &message),
                }
            })
            .collect::<Vec<_>>()
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    outcomes.extend(match pool {
        Ok(pool) => pool.install(lint_all),
        Err(_) => lint_all(),
    });
    outcomes
}

/// Prints every outcome in order and decides the exit code.
fn finish(outcomes: &[Outcome], frame: output::Frame) -> io::Result<ExitCode> {
    let buffers: Vec<&[u8]> = outcomes.iter().map(|o| o.stdout.as_slice()).collect();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    output::write_rendered(frame, &buffers, &mut out)?;
    out.flush()?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for outcome in outcomes {
        err.write_all(&outcome.stderr)?;
    }
    Ok(exit_code(outcomes))
}

fn exit_code(outcomes: &[Outcome]) -> ExitCode {
    if outcomes.iter().any(|outcome| outcome.error) {
        ExitCode::from(2)
    } else if outcomes.iter().any(|outcome| outcome.failing) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
