//! The command-line interface as clap sees it; the doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above the failing severity (--fail-on / fail-on, default warning);
     with --fix-only or --exit-zero: nothing failed
  1  at least one finding at or above the failing severity remains; with --diff: a file
     would change
  2  usage, rule-file or I/O error, or a fix refused by the content guard (other files are
     still linted)";

/// Lint seeds — source documents scraped from the web — for page furniture, duplicated
/// paragraphs and missing publication dates or attribution.
#[derive(Debug, Parser)]
#[command(name = "seedlint", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint seed files and folders and print every finding; optionally fix them.
    #[command(after_help = EXIT_CODES)]
    Lint(LintArgs),
    /// Print the publication date and attribution found in each seed, and where.
    #[command(after_help = EXIT_CODES)]
    Meta(MetaArgs),
    /// Write a clean text seed from a captured HTML page: title, `By …`, `Published: …`, then
    /// the article's paragraphs, without what the rules flag.
    Extract(ExtractArgs),
    /// List every rule: id, category, severity, fix, source file.
    Rules(RulesArgs),
    /// Print a rule's explanation and examples.
    Explain(ExplainArgs),
    /// Validate a rules directory and run each rule's own examples (for people writing rules).
    /// Exit 0 when all pass, 1 when an example fails, 2 when a file is broken.
    CheckRules(CheckRulesArgs),
    /// Write a commented seedlint.toml and an empty rules/ folder for a new corpus.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The HTML page to read, or `-` for standard input.
    pub page: PathBuf,
    /// Write the seed to this file instead of standard output.
    #[arg(short, long, value_name = "SEED")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = MetaFormatArg::Text)]
    pub format: MetaFormatArg,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. share-widget.
    pub rule: String,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct CheckRulesArgs {
    /// The rules directory to check.
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The corpus folder (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Use this configuration file for every path instead of the closest seedlint.toml or
    /// .seedlint.toml found walking up from each path.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files: default rules and command-line flags only.
    #[arg(long)]
    pub isolated: bool,
    /// Add the rule files (*.toml) of DIR; a rule with the id of a default rule replaces it.
    /// Repeatable; adds to the configuration's `rules`.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Only run these rules or categories (comma-separated ids or input, noise, duplicate,
    /// format, metadata); replaces the configuration's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Run these rules or categories in addition to the selection (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Do not run these rules or categories (comma-separated); adds to the configuration's
    /// `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Do not lint paths matching GLOB (relative to the current folder; repeatable); adds to
    /// the configuration's `exclude`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Lint files named on the command line even when an exclude matches them (pre-commit
    /// passes file names, so excludes apply to them by default).
    #[arg(long)]
    pub no_force_exclude: bool,
    /// The lowest severity that makes the exit code 1 (default: warning, or the
    /// configuration's `fail-on`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<SeverityArg>,
    /// Number of worker threads (default: one per core); with more than one, a helper thread
    /// also compiles the rules while the first files are linted.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// Info and above.
    Info,
    /// Warning and above.
    Warning,
    /// Errors only.
    Error,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files and folders to lint. Folders are walked (respecting .gitignore) for *.txt, *.md,
    /// *.html and *.htm files; named files are linted whatever their extension.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format (default: github when GITHUB_ACTIONS=true, full on a terminal, concise
    /// otherwise).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// When to use colours in the full format (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Apply safe fixes, write each changed file atomically, then print what remains.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with --fix, --fix-only or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Apply fixes and report only what was fixed (exit 0 unless an error).
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub fix_only: bool,
    /// Print a unified diff of what --fix would change; change nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Read the seed from standard input and use PATH in messages. With --fix, the fixed
    /// text goes to standard output and the findings to standard error.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Exit 0 even when findings remain (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule gave instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print only the findings: no fix summaries, no closing count.
    #[arg(short, long)]
    pub quiet: bool,
    /// List the files that would be linted, then exit.
    #[arg(long)]
    pub show_files: bool,
    /// Print the resolved settings for the first path (configuration files, rules,
    /// selection, excludes, severities), then exit.
    #[arg(long)]
    pub show_settings: bool,
    /// Do not report findings recorded in this baseline file; report baseline entries that
    /// no longer match.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this run to a baseline file (JSON), then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct MetaArgs {
    /// Files and folders to read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format: text, or json (one array with {"path", "metadata": {"date",
    /// "attribution"}} per file).
    #[arg(long, value_enum, default_value_t = MetaFormatArg::Text)]
    pub format: MetaFormatArg,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// miette's graphical report with labelled spans.
    Full,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON array of findings (1-based lines and character columns, byte offsets).
    Json,
    /// One JSON object per finding, one a line.
    JsonLines,
    /// GitHub Actions annotations (also writes a table to $GITHUB_STEP_SUMMARY when set).
    Github,
    /// A SARIF 2.1.0 log, with every rule's description and help.
    Sarif,
    /// A JUnit XML report: one test suite per file, one failing test case per finding.
    Junit,
    /// A GitLab Code Quality report.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetaFormatArg {
    /// A few lines per file.
    Text,
    /// One JSON array.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    /// Colour when printing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
