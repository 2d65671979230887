//! Configuration files, command-line overrides, excludes, per-file ignores, severities,
//! baselines and in-file markers, end to end.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// A seed with one `view-counter` warning (line 11) and one `doubled-space` info (line 9).
const SEED: &str = "Harbour repairs to start in May\n\n\
Published: 2026-02-04\n\nBy Jane Doe\n\n\
The city council approved the repair of the old harbour wall on Tuesday, after a debate that \
lasted most of the afternoon and ended with a clear vote.\n\n\
Work will begin in May and should be  finished before the autumn storms, the mayor said.\n\n\
Views: 254\n";

fn seedlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("seedlint").unwrap_or_else(|error| panic!("{error}"));
    command.current_dir(dir).env_remove("GITHUB_ACTIONS");
    command
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
    }
    fs::write(path, text).unwrap_or_else(|error| panic!("{error}"));
}

fn corpus() -> TempDir {
    let dir = TempDir::new().unwrap_or_else(|error| panic!("{error}"));
    write(dir.path(), "a/seed.txt", SEED);
    write(dir.path(), "b/seed.txt", SEED);
    dir
}

fn concise(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    seedlint(dir)
        .args(["lint", "--format", "concise"])
        .args(args)
        .assert()
}

#[test]
fn closest_config_wins_per_folder() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nignore = [\"format\"]\n",
    );
    write(
        dir.path(),
        "b/.seedlint.toml",
        "[lint]\nignore = [\"view-counter\"]\n",
    );
    concise(dir.path(), &["a", "b"])
        .code(1)
        .stdout(predicate::str::contains(
            "a/seed.txt:11:1: warning[view-counter]",
        ))
        .stdout(predicate::str::contains("a/seed.txt:9:").not())
        .stdout(predicate::str::contains("b/seed.txt:11:").not())
        .stdout(predicate::str::contains(
            "b/seed.txt:9:37: info[doubled-space]",
        ));
}

#[test]
fn extend_inherits_and_nearer_file_overrides() {
    let dir = corpus();
    write(
        dir.path(),
        "base.toml",
        "[lint]\nignore = [\"format\"]\nfail-on = \"error\"\n",
    );
    write(
        dir.path(),
        "a/seedlint.toml",
        "extend = \"../base.toml\"\n[lint]\nfail-on = \"warning\"\n",
    );
    concise(dir.path(), &["a"])
        .code(1)
        .stdout("a/seed.txt:11:1: warning[view-counter] view, like or comment counter\n");
}

#[test]
fn isolated_ignores_config_and_config_flag_picks_one() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nselect = [\"format\"]\n",
    );
    write(
        dir.path(),
        "other.toml",
        "[lint]\nselect = [\"view-counter\"]\n",
    );
    concise(dir.path(), &["a"])
        .code(0)
        .stdout(predicate::str::contains("doubled-space"));
    concise(dir.path(), &["--isolated", "a"]).code(1).stdout(
        predicate::str::contains("view-counter").and(predicate::str::contains("doubled-space")),
    );
    concise(dir.path(), &["--config", "other.toml", "a"])
        .code(1)
        .stdout("a/seed.txt:11:1: warning[view-counter] view, like or comment counter\n");
}

#[test]
fn unknown_config_key_is_an_error_pointing_into_the_file() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nselcet = [\"noise\"]\n",
    );
    seedlint(dir.path())
        .env("NO_COLOR", "1")
        .args(["lint", "a"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("seedlint.toml:2:1"))
        .stderr(predicate::str::contains("unknown field `selcet`"));
}

#[test]
fn removed_diff_timeout_key_is_an_error_that_says_why() {
    let dir = corpus();
    let rule = include_str!("../rules/duplicate/near-duplicate-paragraph.toml");
    write(
        dir.path(),
        "rules/near-duplicate-paragraph.toml",
        &format!("{rule}diff-timeout-ms = 20\n"),
    );
    let line = rule.lines().count() + 1;
    seedlint(dir.path())
        .env("NO_COLOR", "1")
        .args(["lint", "--rules", "rules", "a"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "near-duplicate-paragraph.toml:{line}:"
        )))
        .stderr(predicate::str::contains(
            "`diff-timeout-ms` was removed: near mode's word comparison is now bounded by a \
             fixed amount of work, not by a time limit",
        ))
        .stderr(predicate::str::contains(
            "delete the `diff-timeout-ms` line",
        ));
}

#[test]
fn unknown_rule_in_config_points_at_it() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nignore = [\"no-such-rule\"]\n",
    );
    seedlint(dir.path())
        .args(["lint", "a"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule or category `no-such-rule`",
        ))
        .stderr(predicate::str::contains("seedlint.toml:2:"));
}

#[test]
fn command_line_overrides_the_file() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nselect = [\"format\"]\nfail-on = \"info\"\n",
    );
    concise(dir.path(), &["a"]).code(1);
    concise(dir.path(), &["--fail-on", "warning", "a"]).code(0);
    concise(
        dir.path(),
        &[
            "--extend-select",
            "view-counter",
            "--fail-on",
            "warning",
            "a",
        ],
    )
    .code(1)
    .stdout(predicate::str::contains("view-counter"));
    concise(dir.path(), &["--select", "view-counter", "a"])
        .code(1)
        .stdout(predicate::str::contains("doubled-space").not());
    concise(dir.path(), &["--exit-zero", "a"]).code(0);
}

#[test]
fn excludes_apply_to_named_files_unless_not_forced() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nexclude = [\"b/**\"]\n",
    );
    concise(dir.path(), &["b/seed.txt"]).code(0).stdout("");
    concise(dir.path(), &["--no-force-exclude", "b/seed.txt"]).code(1);
    seedlint(dir.path())
        .args(["lint", "--show-files", "."])
        .assert()
        .code(0)
        .stdout("./a/seed.txt\n");
    concise(dir.path(), &["--exclude", "a/**", "."])
        .code(0)
        .stdout("");
}

#[test]
fn per_file_ignores_and_severity_overrides() {
    let dir = corpus();
    let config = "[lint]\n[lint.per-file-ignores]\n\"b/*.txt\" = [\"noise\"]\n\
                  [lint.severity]\ndoubled-space = \"error\"\n";
    write(dir.path(), "seedlint.toml", config);
    concise(dir.path(), &["a", "b"])
        .code(1)
        .stdout(predicate::str::contains(
            "a/seed.txt:9:37: error[doubled-space]",
        ))
        .stdout(predicate::str::contains(
            "a/seed.txt:11:1: warning[view-counter]",
        ))
        .stdout(predicate::str::contains("b/seed.txt:11:").not());
}

#[test]
fn show_settings_prints_resolved_configuration() {
    let dir = corpus();
    write(
        dir.path(),
        "seedlint.toml",
        "[lint]\nignore = [\"format\"]\n",
    );
    seedlint(dir.path())
        .args(["lint", "--show-settings", "a"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ignore = [\"format\"]"))
        .stdout(predicate::str::contains("doubled-space = \"off\""));
}

#[test]
fn baseline_suppresses_recorded_findings_and_reports_stale_entries() {
    let dir = corpus();
    seedlint(dir.path())
        .args(["lint", "--write-baseline", "baseline.json", "a", "b"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Wrote 4 findings to the baseline"));
    concise(dir.path(), &["--baseline", "baseline.json", "a", "b"])
        .code(0)
        .stdout("");
    // An edit elsewhere in the file keeps the baseline valid: no line numbers in it.
    write(
        dir.path(),
        "a/seed.txt",
        &format!("Intro line of the seed.\n\n{SEED}"),
    );
    concise(dir.path(), &["--baseline", "baseline.json", "a", "b"])
        .code(0)
        .stdout("");
    // Fixing the counter leaves its entry stale, and a new counter is reported.
    write(
        dir.path(),
        "b/seed.txt",
        &SEED.replace("Views: 254", "Views: 999"),
    );
    concise(dir.path(), &["--baseline", "baseline.json", "a", "b"])
        .code(1)
        .stdout("b/seed.txt:11:1: warning[view-counter] view, like or comment counter\n")
        .stderr(predicate::str::contains(
            "1 baseline entries no longer match",
        ))
        .stderr(predicate::str::contains("b/seed.txt view-counter"));
}

#[test]
fn markdown_markers_silence_rules_and_unused_markers_are_reported() {
    let dir = corpus();
    let text = format!("<!-- seedlint-disable view-counter, format -->\n\n{SEED}");
    write(dir.path(), "c/seed.md", &text);
    concise(dir.path(), &["c"]).code(0).stdout("");
    let stale = format!(
        "<!-- seedlint-disable menu-block -->\n\n{}",
        SEED.replace("Views: 254\n", "")
    );
    write(dir.path(), "d/seed.md", &stale);
    concise(dir.path(), &["--ignore", "format", "d"])
        .code(1)
        .stdout("d/seed.md:1:1: warning[unused-disable-marker] this seedlint-disable marker silences nothing\n");
}

#[test]
fn statistics_count_per_rule() {
    let dir = corpus();
    seedlint(dir.path())
        .args(["lint", "--statistics", "a", "b"])
        .assert()
        .code(1)
        .stdout("      2  doubled-space\n      2  view-counter\n");
}

#[test]
fn quiet_drops_the_closing_count() {
    let dir = corpus();
    concise(dir.path(), &["a"]).stderr(predicate::str::contains("Found 2 findings in 1 file"));
    concise(dir.path(), &["-q", "a"]).stderr("");
}
