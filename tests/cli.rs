//! The command line end to end: exit codes, formats, rule directories and broken rule files,
//! bad paths and bad input. Each test runs the binary in a temporary directory.

use predicates::prelude::*;

mod common;
use common::{CLEAN, NOISY, RULE_HEAD, lint_concise, pattern_rule, seedlint, temp, write};

#[test]
fn clean_seed_exits_zero_with_no_output() {
    let dir = temp();
    write(dir.path(), "clean.txt", CLEAN.as_bytes());
    lint_concise(dir.path(), &["clean.txt"]).code(0).stdout("");
}

#[test]
fn finding_exits_one_and_concise_names_place_and_rule() {
    let dir = temp();
    write(dir.path(), "noisy.txt", NOISY.as_bytes());
    lint_concise(dir.path(), &["noisy.txt"])
        .code(1)
        .stdout("noisy.txt:11:1: warning[view-counter] view, like or comment counter\n");
}

#[test]
fn info_findings_alone_exit_zero() {
    let dir = temp();
    let text = CLEAN.replace("approved the", "approved  the");
    write(dir.path(), "spaces.txt", text.as_bytes());
    lint_concise(dir.path(), &["spaces.txt"])
        .code(0)
        .stdout(predicate::str::contains("info[doubled-space]"));
}

#[test]
fn json_finding_has_exact_byte_span_with_crlf_and_bom() {
    let dir = temp();
    let text = format!("\u{feff}{}", NOISY.replace('\n', "\r\n"));
    write(dir.path(), "crlf.txt", text.as_bytes());
    let output = seedlint()
        .current_dir(dir.path())
        .args([
            "lint",
            "--format",
            "json",
            "--select",
            "view-counter",
            "crlf.txt",
        ])
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    let findings: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{error}"));
    let finding = &findings[0];
    let start = finding["start"].as_u64().unwrap_or_default() as usize;
    let end = finding["end"].as_u64().unwrap_or_default() as usize;
    assert_eq!(&text.as_bytes()[start..end], b"Views: 254");
    assert_eq!(finding["line"], 11);
    assert_eq!(finding["column"], 1);
    assert_eq!(finding["end_column"], 11);
    assert_eq!(finding["fix"]["applicability"], "safe");
    let edit = &finding["fix"]["edits"][0];
    let deleted = edit["start"].as_u64().unwrap_or_default() as usize
        ..edit["end"].as_u64().unwrap_or_default() as usize;
    assert_eq!(&text.as_bytes()[deleted], b"\r\nViews: 254\r\n");
}

#[test]
fn walking_a_folder_lints_txt_and_md_only() {
    let dir = temp();
    write(dir.path(), "a/noisy.md", NOISY.as_bytes());
    write(dir.path(), "a/noisy.csv", NOISY.as_bytes());
    write(dir.path(), "b/noisy.txt", NOISY.as_bytes());
    lint_concise(dir.path(), &["."])
        .code(1)
        .stdout(predicate::str::contains("a/noisy.md:11:1"))
        .stdout(predicate::str::contains("b/noisy.txt:11:1"))
        .stdout(predicate::str::contains("noisy.csv").not());
}

#[test]
fn missing_path_is_an_error_but_other_files_are_linted() {
    let dir = temp();
    write(dir.path(), "noisy.txt", NOISY.as_bytes());
    lint_concise(dir.path(), &["gone.txt", "noisy.txt"])
        .code(2)
        .stdout(predicate::str::contains("noisy.txt:11:1"))
        .stderr(predicate::str::contains("gone.txt"));
}

#[test]
fn rules_dir_adds_a_rule_and_overrides_a_default_by_id() {
    let dir = temp();
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    let rule = r#"
id = "view-counter"
kind = "pattern"
category = "noise"
severity = "info"
message = "local counter rule"
help = "delete it"
fix = "safe"
[explain]
what = "counters"
why = "noise"
[examples]
fire = ["Views: 3\n"]
silent = ["Views differ.\n"]
[check]
patterns = ['^views: \d+$']
"#;
    write(dir.path(), "rules/view-counter.toml", rule.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args([
            "lint", "--format", "concise", "--rules", "rules", "seed.txt",
        ])
        .assert()
        .code(0)
        .stdout("seed.txt:11:1: info[view-counter] local counter rule\n");
}

#[test]
fn an_empty_capture_group_flags_the_whole_match_instead_of_nothing() {
    let dir = temp();
    write(dir.path(), "seed.txt", b"abd abcd\n");
    let rule = r#"
id = "optional-letter"
kind = "pattern"
category = "format"
severity = "info"
message = "letter"
help = "delete it"
fix = "none"
[explain]
what = "a letter"
why = "a test"
[examples]
fire = ["abcd\n"]
silent = ["xyz\n"]
[check]
extent = "match"
patterns = ['ab(c?)d']
"#;
    write(dir.path(), "rules/optional-letter.toml", rule.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args([
            "lint",
            "--isolated",
            "--format",
            "json",
            "--rules",
            "rules",
            "--select",
            "optional-letter",
            "seed.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""start":0,"end":3"#))
        .stdout(predicate::str::contains(r#""start":6,"end":7"#))
        .stdout(predicate::str::contains(r#""start":2,"end":2"#).not());
}

fn broken_rule_run(rule: &str) -> assert_cmd::assert::Assert {
    let dir = temp();
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    write(dir.path(), "rules/broken.toml", rule.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args([
            "lint", "--format", "concise", "--rules", "rules", "seed.txt",
        ])
        .assert()
        .code(2)
        .stdout("")
}

#[test]
fn broken_rule_file_invalid_regex_points_at_the_pattern() {
    let rule = pattern_rule("patterns = ['ok', '(unclosed']");
    broken_rule_run(&rule)
        .stderr(predicate::str::contains("broken.toml"))
        .stderr(predicate::str::contains("invalid regex"))
        .stderr(predicate::str::contains("'(unclosed'"));
}

#[test]
fn broken_rule_file_unknown_kind_is_reported() {
    let rule = format!("kind = \"telepathy\"\n{RULE_HEAD}");
    broken_rule_run(&rule)
        .stderr(predicate::str::contains("broken.toml"))
        .stderr(predicate::str::contains("telepathy"));
}

#[test]
fn broken_rule_file_unknown_field_is_reported() {
    let rule =
        format!("kind = \"pattern\"\ncolour = \"red\"\n{RULE_HEAD}[check]\npatterns = ['x']\n");
    broken_rule_run(&rule).stderr(predicate::str::contains("colour"));
}

#[test]
fn broken_rule_file_unknown_check_field_is_reported() {
    let rule = pattern_rule("patterns = ['x']\nmax-wrods = 3");
    broken_rule_run(&rule).stderr(predicate::str::contains("max-wrods"));
}

#[test]
fn broken_rule_file_invalid_toml_is_reported() {
    broken_rule_run("id = \"unterminated\n").stderr(predicate::str::contains("broken.toml"));
}

#[test]
fn unknown_selector_is_a_usage_error() {
    seedlint()
        .args(["lint", "--select", "no-such-rule", "seeds/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rule"));
}

#[test]
fn help_documents_exit_codes() {
    seedlint()
        .args(["lint", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes"))
        .stdout(predicate::str::contains("--rules <DIR>"));
}

#[test]
fn meta_json_reports_date_and_attribution() {
    let dir = temp();
    write(dir.path(), "clean.txt", CLEAN.as_bytes());
    let output = seedlint()
        .current_dir(dir.path())
        .args(["meta", "--format", "json", "clean.txt"])
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    let files: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(files[0]["path"], "clean.txt");
    assert_eq!(files[0]["metadata"]["date"]["iso"], "2026-02-04");
    assert_eq!(files[0]["metadata"]["date"]["line"], 3);
    assert_eq!(files[0]["metadata"]["attribution"]["kind"], "author");
    assert_eq!(files[0]["metadata"]["attribution"]["name"], "Jane Doe");
}
