//! What the end-to-end tests share: the sample seed before and after `--fix`, the binary with a
//! hang guard, and temporary folders.
#![allow(dead_code)] // each test crate uses its own part of this module

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// A seed with one piece of page furniture (a view counter) after the article.
pub const NOISY: &str = "Harbour repairs to start in May\n\n\
Published: 2026-02-04\n\nBy Jane Doe\n\n\
The city council approved the repair of the old harbour wall on Tuesday, after a debate that \
lasted most of the afternoon and ended with a clear vote.\n\n\
Work will begin in May and should be finished before the autumn storms, the mayor said.\n\n\
Views: 254\n";

/// `NOISY` once fixed: a clean seed.
pub const CLEAN: &str = "Harbour repairs to start in May\n\n\
Published: 2026-02-04\n\nBy Jane Doe\n\n\
The city council approved the repair of the old harbour wall on Tuesday, after a debate that \
lasted most of the afternoon and ended with a clear vote.\n\n\
Work will begin in May and should be finished before the autumn storms, the mayor said.\n";

/// A rule file without its kind and `[check]` table, for tests of local and broken rules.
pub const RULE_HEAD: &str = r#"id = "local-rule"
category = "noise"
severity = "warning"
message = "m"
help = "h"
fix = "safe"
[explain]
what = "w"
why = "y"
[examples]
fire = ["x"]
silent = ["y"]
"#;

/// A `pattern` rule file with `check` (the lines of its `[check]` table).
pub fn pattern_rule(check: &str) -> String {
    format!("kind = \"pattern\"\n{RULE_HEAD}[check]\n{check}\n")
}

/// A guard against a hang (a FIFO opened for reading waits for a writer): far longer than any
/// run takes, and not an assertion on time.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// The seedlint binary, without colours.
pub fn seedlint() -> Command {
    let mut command = Command::cargo_bin("seedlint").unwrap_or_else(|error| panic!("{error}"));
    command.env("NO_COLOR", "1").timeout(HANG_GUARD);
    command
}

/// `seedlint lint --format concise PATHS…` run in `dir`, asserted on by the caller.
pub fn lint_concise(dir: &Path, paths: &[&str]) -> assert_cmd::assert::Assert {
    seedlint()
        .current_dir(dir)
        .args(["lint", "--format", "concise"])
        .args(paths)
        .assert()
}

/// A new temporary folder.
pub fn temp() -> TempDir {
    TempDir::new().unwrap_or_else(|error| panic!("{error}"))
}

/// Writes `bytes` to `dir/name`, creating folders on the way.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
    }
    fs::write(&path, bytes).unwrap_or_else(|error| panic!("{error}"));
    path
}

/// The bytes of a file.
pub fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The names in `dir`, sorted (a temporary file left behind would show here).
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
