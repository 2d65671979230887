//! Command-line arguments, the run of each subcommand, and the exit code, decided once.

mod files;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use seedlint::civil_date::CivilDate;
use seedlint::diagnostic::Severity;
use seedlint::lint::{LintOptions, lint};
use seedlint::output::{self, FileReport, Format, FullOptions, MetaFormat};
use seedlint::rule::{RuleSet, RuleSource};

use files::PathError;

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above warning
  1  at least one finding at or above warning
  2  usage, rule-file or I/O error (other files are still linted)";

/// Lint seeds — source documents scraped from the web — for page furniture, duplicated
/// paragraphs and missing publication dates or attribution.
#[derive(Debug, Parser)]
#[command(name = "seedlint", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint seed files and folders and print every finding.
    #[command(after_help = EXIT_CODES)]
    Lint(LintArgs),
    /// Print the publication date and attribution found in each seed, and where.
    #[command(after_help = EXIT_CODES)]
    Meta(MetaArgs),
}

#[derive(Debug, Args)]
struct RuleArgs {
    /// Add the rule files (*.toml) of DIR; a rule with the id of a default rule replaces it.
    /// Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Only run these rules or categories (comma-separated ids or noise, duplicate, format,
    /// metadata).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Number of worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Debug, Args)]
struct LintArgs {
    /// Files and folders to lint. Folders are walked (respecting .gitignore) for *.txt and
    /// *.md files; named files are linted whatever their extension.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Full)]
    format: FormatArg,
    /// When to use colours in the full format (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Debug, Args)]
struct MetaArgs {
    /// Files and folders to read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format: text, or json (one array with {"path", "metadata": {"date",
    /// "attribution"}} per file).
    #[arg(long, value_enum, default_value_t = MetaFormatArg::Text)]
    format: MetaFormatArg,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// miette's graphical report with labelled spans.
    Full,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON array of findings (1-based lines and character columns, byte offsets).
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MetaFormatArg {
    /// A few lines per file.
    Text,
    /// One JSON array.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    /// Colour when printing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Parses the arguments, runs the subcommand and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => run_lint(args),
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

/// What linting one file gave: its rendered output and whether it fails the run.
struct Outcome {
    rendered: Vec<u8>,
    failing: bool,
}

fn run_lint(args: LintArgs) -> io::Result<ExitCode> {
    let Some(rules) = load_rules(&args.rules) else {
        return Ok(ExitCode::from(2));
    };
    let format = match args.format {
        FormatArg::Full => Format::Full,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
    };
    let full = FullOptions {
        color: use_color(args.color),
        width: 100,
    };
    let options = lint_options();
    let run = run_files(&args.paths, args.rules.threads, |path, document| {
        let result = lint(&document, &rules, &options);
        let report = FileReport {
            path,
            document: &document,
            diagnostics: &result.diagnostics,
            metadata: &result.metadata,
        };
        let failing = result
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity >= Severity::Warning);
        Ok(Outcome {
            rendered: output::render_findings(format, &report, &full)?,
            failing,
        })
    });
    finish(run, format == Format::Json)
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
    let run = run_files(&args.paths, args.rules.threads, |path, document| {
        let result = lint(&document, &rules, &options);
        let report = FileReport {
            path,
            document: &document,
            diagnostics: &result.diagnostics,
            metadata: &result.metadata,
        };
        Ok(Outcome {
            rendered: output::render_metadata(format, &report)?,
            failing: false,
        })
    });
    finish(run, format == MetaFormat::Json)
}

/// The outcomes of a run in path order, and the paths that failed.
struct Run {
    outcomes: Vec<Outcome>,
    errors: Vec<PathError>,
}

/// Walks `paths` and lints each seed on a worker; output stays in path order.
fn run_files<F>(paths: &[PathBuf], threads: Option<usize>, work: F) -> Run
where
    F: Fn(&str, seedlint::document::Document) -> io::Result<Outcome> + Sync,
{
    let threads = threads.unwrap_or(0);
    let (seeds, mut errors) = files::collect_seeds(paths, threads.max(1));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let lint_all = || {
        seeds
            .par_iter()
            .map(|path| {
                let shown = path.display().to_string();
                let document = files::read_seed(path).map_err(|message| PathError {
                    path: path.clone(),
                    message,
                })?;
                work(&shown, document).map_err(|error| PathError {
                    path: path.clone(),
                    message: error.to_string(),
                })
            })
            .collect::<Vec<_>>()
    };
    let results = match pool {
        Ok(pool) => pool.install(lint_all),
        Err(_) => lint_all(),
    };
    let mut outcomes = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(outcome) => outcomes.push(outcome),
            Err(error) => errors.push(error),
        }
    }
    Run { outcomes, errors }
}

fn finish(run: Run, json: bool) -> io::Result<ExitCode> {
    let buffers: Vec<&[u8]> = run.outcomes.iter().map(|o| o.rendered.as_slice()).collect();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    output::write_rendered(json, &buffers, &mut out)?;
    out.flush()?;
    for error in &run.errors {
        eprintln!("seedlint: {}: {}", error.path.display(), error.message);
    }
    Ok(if !run.errors.is_empty() {
        ExitCode::from(2)
    } else if run.outcomes.iter().any(|outcome| outcome.failing) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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

fn use_color(choice: ColorArg) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
