//! `--fix`, `--fix-only`, `--diff` and `--stdin-filename` end to end, and the fixed version of
//! each sample seed (insta snapshots, reviewed by hand).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::names;

const NOISY: &str = "Home\nNews\nSport\nWeather\n\n\
Harbour repairs to start in May\n\n\
Published: 2026-02-04\n\nBy Jane Doe\n\n\
The city council approved the repair of the old harbour wall on Tuesday, after a debate that \
lasted most of the afternoon and ended with a clear vote.\n\n\
Work will begin in May and should be finished before the autumn storms, the mayor said.\n\n\
Views: 254\n";

const FIXED: &str = "Harbour repairs to start in May\n\n\
Published: 2026-02-04\n\nBy Jane Doe\n\n\
The city council approved the repair of the old harbour wall on Tuesday, after a debate that \
lasted most of the afternoon and ended with a clear vote.\n\n\
Work will begin in May and should be finished before the autumn storms, the mayor said.\n";

fn seedlint() -> Command {
    Command::cargo_bin("seedlint").unwrap_or_else(|error| panic!("{error}"))
}

fn temp_with(name: &str, text: &[u8]) -> TempDir {
    let dir = TempDir::new().unwrap_or_else(|error| panic!("{error}"));
    fs::write(dir.path().join(name), text).unwrap_or_else(|error| panic!("{error}"));
    dir
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn fix_writes_clean_text_reports_count_and_is_idempotent() {
    let dir = temp_with("seed.txt", NOISY.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "--format", "concise", "seed.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("Fixed 2 findings in seed.txt"));
    assert_eq!(read(&dir.path().join("seed.txt")), FIXED);
    assert_eq!(names(dir.path()), ["seed.txt"], "no temporary file is left");
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "seed.txt"])
        .assert()
        .code(0)
        .stderr("");
    assert_eq!(read(&dir.path().join("seed.txt")), FIXED);
}

#[cfg(unix)]
#[test]
fn fix_keeps_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_with("seed.txt", NOISY.as_bytes());
    let path = dir.path().join("seed.txt");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|error| panic!("{error}"));
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "seed.txt"])
        .assert()
        .code(0);
    let mode = fs::metadata(&path)
        .map(|m| m.permissions().mode() & 0o777)
        .ok();
    assert_eq!(mode, Some(0o640));
}

#[test]
fn fix_with_remaining_warning_exits_one() {
    let text = NOISY.replace("Published: 2026-02-04\n\n", "");
    let dir = temp_with("seed.txt", text.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "--format", "concise", "seed.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[missing-date]"));
}

#[test]
fn fix_only_reports_fixes_and_exits_zero() {
    let text = NOISY.replace("Published: 2026-02-04\n\n", "");
    let dir = temp_with("seed.txt", text.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix-only", "seed.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("Fixed 2 findings"));
}

#[test]
fn diff_prints_unified_diff_and_changes_nothing() {
    let dir = temp_with("seed.txt", NOISY.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--diff", "seed.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- seed.txt\n+++ seed.txt\n"))
        .stdout(predicate::str::contains("-Views: 254\n"))
        .stdout(predicate::str::contains("-Home\n"));
    assert_eq!(read(&dir.path().join("seed.txt")), NOISY);
}

#[test]
fn diff_on_clean_file_exits_zero() {
    let dir = temp_with("seed.txt", FIXED.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--diff", "seed.txt"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn stdin_fix_writes_text_to_stdout_and_findings_to_stderr() {
    let text = NOISY.replace("Published: 2026-02-04\n\n", "");
    seedlint()
        .args([
            "lint",
            "--fix",
            "--format",
            "concise",
            "--stdin-filename",
            "in/seed.txt",
        ])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(FIXED.replace("Published: 2026-02-04\n\n", ""))
        .stderr(predicate::str::contains(
            "in/seed.txt:1:1: warning[missing-date]",
        ));
}

#[test]
fn stdin_without_fix_prints_findings() {
    seedlint()
        .args([
            "lint",
            "--format",
            "concise",
            "--stdin-filename",
            "seed.txt",
        ])
        .write_stdin(NOISY)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "seed.txt:16:1: warning[view-counter]",
        ));
}

#[cfg(unix)]
#[test]
fn read_only_file_is_reported_and_untouched() {
    let dir = temp_with("seed.txt", NOISY.as_bytes());
    let path = dir.path().join("seed.txt");
    let mut permissions = fs::metadata(&path)
        .unwrap_or_else(|error| panic!("{error}"))
        .permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap_or_else(|error| panic!("{error}"));
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "seed.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "seed.txt: is read-only; not fixed",
        ));
    assert_eq!(read(&path), NOISY);
    assert_eq!(names(dir.path()), ["seed.txt"]);
}

fn fixed_seed(name: &str) -> String {
    let text = fs::read(format!("seeds/{name}")).unwrap_or_else(|error| panic!("{error}"));
    let output = seedlint()
        .args(["lint", "--fix", "--stdin-filename", name])
        .write_stdin(text)
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn fixed_seed_000() {
    insta::assert_snapshot!(fixed_seed("000_ea764e4378ad22b1.txt"));
}

#[test]
fn fixed_seed_001() {
    insta::assert_snapshot!(fixed_seed("001_f1786b69ef856c8b.txt"));
}

#[test]
fn fixed_seed_002() {
    insta::assert_snapshot!(fixed_seed("002_b31598c28877b744.txt"));
}

#[test]
fn fixed_seed_003() {
    insta::assert_snapshot!(fixed_seed("003_19ca3692835e2b33.txt"));
}

#[test]
fn fixed_seed_004() {
    insta::assert_snapshot!(fixed_seed("004_c66550dc802b1081.txt"));
}
