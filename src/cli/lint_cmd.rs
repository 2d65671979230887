//! `seedlint lint`: check, `--fix`, `--fix-only` and `--diff`, on files or standard input, with
//! each file's own settings, per-file ignores, in-file markers and an optional baseline.

use std::collections::HashSet;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use seedlint::autofix::FixOptions;
use seedlint::baseline::BaselineMatcher;
use seedlint::output::{Format, Frame, FullOptions};

use super::args::{FormatArg, LintArgs};
use super::config::Resolver;
use super::report::{Reporter, RunReport};
use super::runner::{Mode, Runner};
use super::settings::Settings;
use super::{Outcome, Source, files, interrupt};

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
                .settings_for_file(path)
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
