//! Output formats and the rule subcommands, end to end.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const SEED: &str = "Harbour repairs to start in May\n\n\
Published: 2026-02-04\n\nBy Jane Doe\n\n\
The city council approved the repair of the old harbour wall on Tuesday, after a debate that \
lasted most of the afternoon and ended with a clear vote.\n\n\
Views: 254\n";

fn temp() -> TempDir {
    let dir = TempDir::new().unwrap_or_else(|error| panic!("{error}"));
    fs::write(dir.path().join("seed.txt"), SEED).unwrap_or_else(|error| panic!("{error}"));
    dir
}

fn seedlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("seedlint").unwrap_or_else(|error| panic!("{error}"));
    command
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let output = seedlint(dir)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("{error}: {text}"))
}

#[test]
fn github_format_writes_annotations_and_step_summary() {
    let dir = temp();
    let summary = dir.path().join("summary.md");
    seedlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["lint", "seed.txt"])
        .assert()
        .code(1)
        .stdout(
            "::warning file=seed.txt,line=9,col=1,endLine=9,endColumn=11,\
             title=seedlint view-counter::view, like or comment counter (delete the line%3A a \
             counter is a widget of the page, and its number changes with every visit)\n"
                .replace("%3A", ":"),
        );
    let table = fs::read_to_string(summary).unwrap_or_default();
    assert!(
        table.contains(
            "| seed.txt | 9 | `view-counter` | warning | view, like or comment counter |"
        )
    );
}

#[test]
fn sarif_log_carries_rules_and_regions() {
    let dir = temp();
    let log = json(&stdout(
        dir.path(),
        &["lint", "--format", "sarif", "seed.txt"],
    ));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        rules
            .iter()
            .any(|rule| rule["id"] == "view-counter" && rule["help"]["text"].is_string())
    );
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "view-counter");
    assert_eq!(result["level"], "warning");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 9);
    assert_eq!(region["byteLength"], 10);
}

#[test]
fn empty_sarif_and_json_are_still_valid() {
    let dir = temp();
    let clean = SEED.replace("\n\nViews: 254\n", "\n");
    fs::write(dir.path().join("seed.txt"), clean).unwrap_or_else(|error| panic!("{error}"));
    let log = json(&stdout(
        dir.path(),
        &["lint", "--format", "sarif", "seed.txt"],
    ));
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
    let findings = json(&stdout(
        dir.path(),
        &["lint", "--format", "json", "seed.txt"],
    ));
    assert_eq!(findings.as_array().map(Vec::len), Some(0));
}

#[test]
fn junit_report_has_a_failing_case_per_finding() {
    let dir = temp();
    let xml = stdout(dir.path(), &["lint", "--format", "junit", "seed.txt"]);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert!(xml.contains("<testsuite name=\"seed.txt\" tests=\"1\" failures=\"1\""));
    assert!(xml.contains("<testcase name=\"view-counter at line 9\" classname=\"seed.txt\">"));
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

#[test]
fn gitlab_report_has_fingerprint_and_lines() {
    let dir = temp();
    let issues = json(&stdout(
        dir.path(),
        &["lint", "--format", "gitlab", "seed.txt"],
    ));
    let issue = &issues[0];
    assert_eq!(issue["check_name"], "view-counter");
    assert_eq!(issue["severity"], "minor");
    assert_eq!(issue["location"]["lines"]["begin"], 9);
    assert_eq!(issue["fingerprint"].as_str().map(str::len), Some(16));
}

#[test]
fn json_lines_has_one_object_per_line() {
    let dir = temp();
    let text = stdout(dir.path(), &["lint", "--format", "json-lines", "seed.txt"]);
    let objects: Vec<serde_json::Value> = text.lines().map(json).collect();
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["rule"], "view-counter");
}

#[test]
fn rules_lists_every_rule_with_its_fix() {
    let dir = temp();
    let listed = json(&stdout(dir.path(), &["rules", "--format", "json"]));
    let rules = listed.as_array().cloned().unwrap_or_default();
    let counter = rules.iter().find(|rule| rule["id"] == "view-counter");
    assert_eq!(counter.map(|r| r["fix"].clone()), Some("safe".into()));
    assert!(
        rules
            .iter()
            .any(|rule| rule["id"] == "missing-date" && rule["fix"] == "none")
    );
    seedlint(dir.path())
        .args(["rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("rules/noise/view-counter.toml"));
}

#[test]
fn explain_prints_headings_and_examples() {
    let dir = temp();
    seedlint(dir.path())
        .args(["explain", "view-counter"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## What it flags"))
        .stdout(predicate::str::contains("## Why it hurts a seed"))
        .stdout(predicate::str::contains("## Fires on"))
        .stdout(predicate::str::contains("## Stays silent on"));
    seedlint(dir.path())
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2);
}

#[test]
fn check_rules_runs_examples_of_a_rules_directory() {
    let dir = temp();
    let rule = r#"id = "local-counter"
kind = "pattern"
category = "noise"
severity = "warning"
message = "local counter"
help = "delete it"
fix = "safe"
[explain]
what = "counters"
why = "noise"
[examples]
fire = ["Hits: 3\n"]
silent = ["Hits: none\n", "Hits: 12\n"]
[check]
patterns = ['^hits: \d+$']
"#;
    fs::create_dir_all(dir.path().join("rules")).unwrap_or_else(|error| panic!("{error}"));
    fs::write(dir.path().join("rules/local-counter.toml"), rule).unwrap_or_else(|e| panic!("{e}"));
    seedlint(dir.path())
        .args(["check-rules", "rules"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "local-counter: fired on \"Hits: 12\\n\"",
        ))
        .stdout(predicate::str::contains(
            "1 rules checked, 1 example failures",
        ));
}

#[test]
fn init_writes_config_and_rules_folder_once() {
    let dir = temp();
    seedlint(dir.path()).args(["init"]).assert().code(0);
    assert!(dir.path().join("rules").is_dir());
    let config = fs::read_to_string(dir.path().join("seedlint.toml")).unwrap_or_default();
    assert!(config.contains("[lint]"));
    seedlint(dir.path())
        .args(["lint", "seed.txt"])
        .assert()
        .code(1);
    seedlint(dir.path()).args(["init"]).assert().code(2);
}
