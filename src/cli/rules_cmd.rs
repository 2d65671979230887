//! The subcommands about rules: `rules` (list), `explain` (one rule's documentation),
//! `check-rules` (validate a rules directory and run its examples) and `init` (a commented
//! configuration and an empty rules folder for a new corpus).

use std::fs;
use std::io;
use std::path::Path;
use std::process::ExitCode;

use seedlint::examples::check_examples;
use seedlint::fix::Applicability;
use seedlint::rule::{Rule, RuleSet, RuleSource};
use serde_json::json;

use super::args::{CheckRulesArgs, ExplainArgs, InitArgs, MetaFormatArg, RulesArgs};
use super::config::Resolver;
use super::files;

/// The commented configuration `init` writes.
const CONFIG_TEMPLATE: &str = r#"# seedlint configuration (the README's "Configuration" section documents every key).
# seedlint uses the closest seedlint.toml walking up from each linted file.

# extend = "../seedlint.toml"     # build on another configuration

[lint]
# Only these rules or categories (input, noise, duplicate, format, metadata); all when absent.
# select = ["noise", "duplicate", "metadata"]
# Run these in addition to `select`.
# extend-select = ["doubled-space"]
# Do not run these.
# ignore = ["blank-line-run"]
# Rule directories of this corpus, relative to this file: a rule with a default rule's id
# replaces it.
rules = ["rules"]
# Paths not to lint, relative to this file (also when a hook names them).
exclude = []
# The lowest severity that makes `seedlint lint` exit 1: info, warning or error.
fail-on = "warning"

# Rules not reported for some files.
[lint.per-file-ignores]
# "interviews/**" = ["missing-attribution"]

# Severity overrides: rule id = "info" | "warning" | "error".
[lint.severity]
# doubled-space = "warning"
"#;

fn load(args: &super::args::RuleArgs) -> Result<RuleSet, ExitCode> {
    let resolver = Resolver::new(super::overrides(args));
    match resolver.settings_for(Path::new(".")) {
        Ok(settings) => {
            let sources: Vec<RuleSource> = std::iter::once(RuleSource::builtin())
                .chain(
                    settings
                        .rules_dirs
                        .iter()
                        .filter_map(|d| files::read_rules_dir(d).ok()),
                )
                .collect();
            RuleSet::load(&sources).map_err(|error| {
                eprintln!("{:?}", miette::Report::new(error));
                ExitCode::from(2)
            })
        }
        Err(report) => {
            eprint!("{report}");
            Err(ExitCode::from(2))
        }
    }
}

/// `seedlint rules`.
pub fn list(args: RulesArgs) -> io::Result<ExitCode> {
    let rules = match load(&args.rules) {
        Ok(rules) => rules,
        Err(code) => return Ok(code),
    };
    match args.format {
        MetaFormatArg::Json => {
            let listed: Vec<serde_json::Value> = rules
                .rules()
                .iter()
                .map(|rule| {
                    json!({
                        "id": rule.id,
                        "category": rule.category.as_str(),
                        "severity": rule.severity.as_str(),
                        "fix": rule.fix.as_str(),
                        "message": rule.message,
                        "source": rule.source,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&listed).map_err(io::Error::other)?
            );
        }
        MetaFormatArg::Text => {
            println!(
                "{:<28} {:<10} {:<8} {:<7} source",
                "id", "category", "severity", "fix"
            );
            for rule in rules.rules() {
                println!(
                    "{:<28} {:<10} {:<8} {:<7} {}",
                    rule.id,
                    rule.category.as_str(),
                    rule.severity.as_str(),
                    rule.fix.as_str(),
                    rule.source
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `seedlint explain RULE`.
pub fn explain(args: ExplainArgs) -> io::Result<ExitCode> {
    let rules = match load(&args.rules) {
        Ok(rules) => rules,
        Err(code) => return Ok(code),
    };
    let Some(rule) = rules.get(&args.rule) else {
        eprintln!(
            "seedlint: unknown rule `{}`; `seedlint rules` lists them",
            args.rule
        );
        return Ok(ExitCode::from(2));
    };
    print!("{}", explanation(rule));
    Ok(ExitCode::SUCCESS)
}

fn explanation(rule: &Rule) -> String {
    let block = |text: &str| {
        let lines: Vec<String> = text.lines().map(|line| format!("    {line}")).collect();
        lines.join("\n")
    };
    let fix = match rule.fix {
        Applicability::Safe => "safe: `seedlint lint --fix` applies it",
        Applicability::Unsafe => "unsafe: applied only with `--fix --unsafe-fixes`",
        Applicability::None => "none: the finding needs a person",
    };
    let mut out = format!(
        "{} ({} · {} · {})\n\n{}\n\n## What it flags\n\n{}\n\n## Why it hurts a seed\n\n{}\n\n## Fix\n\n{fix}; {}\n",
        rule.id,
        rule.category.as_str(),
        rule.severity.as_str(),
        rule.source,
        rule.message,
        rule.explain.what.trim(),
        rule.explain.why.trim(),
        rule.help,
    );
    if let Some(example) = rule.examples.fire.first() {
        out.push_str(&format!("\n## Fires on\n\n{}\n", block(example.trim_end())));
    }
    if let Some(example) = rule.examples.silent.first() {
        out.push_str(&format!(
            "\n## Stays silent on\n\n{}\n",
            block(example.trim_end())
        ));
    }
    out
}

/// `seedlint check-rules DIR`.
pub fn check(args: CheckRulesArgs) -> io::Result<ExitCode> {
    let source = match files::read_rules_dir(&args.dir) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("seedlint: {}: {}", error.path.display(), error.message);
            return Ok(ExitCode::from(2));
        }
    };
    let paths: Vec<String> = source.files.iter().map(|(path, _)| path.clone()).collect();
    let mut rules = match RuleSet::load(&[RuleSource::builtin(), source]) {
        Ok(rules) => rules,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            return Ok(ExitCode::from(2));
        }
    };
    let options = super::lint_options();
    let failures = check_examples(&mut rules, &options, |rule| paths.contains(&rule.source));
    for failure in &failures {
        println!("{}: {}: {}", failure.source, failure.rule, failure.problem);
    }
    let checked = rules
        .rules()
        .iter()
        .filter(|r| paths.contains(&r.source))
        .count();
    println!(
        "{checked} rules checked, {} example failures",
        failures.len()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `seedlint init [DIR]`.
pub fn init(args: InitArgs) -> io::Result<ExitCode> {
    let config = args.dir.join("seedlint.toml");
    if config.exists() {
        eprintln!(
            "seedlint: {} exists already; not overwritten",
            config.display()
        );
        return Ok(ExitCode::from(2));
    }
    fs::create_dir_all(args.dir.join("rules"))?;
    fs::write(&config, CONFIG_TEMPLATE)?;
    println!(
        "Wrote {} and {}/",
        config.display(),
        args.dir.join("rules").display()
    );
    println!(
        "Add rule files to rules/ (see `seedlint explain share-widget` for one rule's shape)."
    );
    Ok(ExitCode::SUCCESS)
}
