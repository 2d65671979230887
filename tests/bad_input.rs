//! Bad input end to end (README "Bad input"): files that are not UTF-8, binary, empty or UTF-16;
//! paths that cannot be read (FIFOs, link loops, vanished files, missing permission); odd
//! names; hostile rule directories. Each case gives a finding or one error line for its path,
//! and the other files are still linted. `--fix` under faults is in `fix_faults.rs`.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use predicates::prelude::*;

mod common;
use common::{CLEAN, NOISY, lint_concise, names, pattern_rule, read, seedlint, temp, write};

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap_or_else(|error| panic!("mkfifo: {error}"));
    assert!(status.success(), "mkfifo failed");
}

// Encodings and contents.

#[test]
fn invalid_utf8_is_a_finding_at_the_first_bad_byte_and_the_rest_is_linted() {
    let dir = temp();
    let mut bytes = b"Title\nabc \xff\xfe def\n\n".to_vec();
    bytes.extend_from_slice(NOISY.as_bytes());
    write(dir.path(), "bad.txt", &bytes);
    lint_concise(dir.path(), &["bad.txt"])
        .code(1)
        .stdout(predicate::str::contains(
            "bad.txt:2:5: error[invalid-utf8] the file is not valid UTF-8",
        ))
        .stdout(predicate::str::contains("warning[view-counter]"));
    let json = seedlint()
        .current_dir(dir.path())
        .args([
            "lint",
            "--format",
            "json",
            "--select",
            "invalid-utf8",
            "bad.txt",
        ])
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    let stdout = String::from_utf8_lossy(&json.stdout);
    // Both bytes of the invalid sequence `\xff\xfe` are flagged, at their file offsets.
    assert!(
        stdout.contains("\"start\": 10") || stdout.contains("\"start\":10"),
        "{stdout}"
    );
}

#[test]
fn fix_never_writes_a_file_that_is_not_utf8() {
    let dir = temp();
    let mut bytes = NOISY.as_bytes().to_vec();
    bytes.extend_from_slice(b"Caf\xe9\n");
    let path = write(dir.path(), "seed.txt", &bytes);
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "--format", "concise", "seed.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "seed.txt: not fixed: the file is not UTF-8",
        ));
    assert_eq!(read(&path), bytes);
    assert_eq!(names(dir.path()), ["seed.txt"]);
}

#[test]
fn stdin_fix_of_bytes_that_are_not_utf8_gives_them_back_unchanged() {
    let mut bytes = NOISY.as_bytes().to_vec();
    bytes.extend_from_slice(b"Caf\xe9\n");
    seedlint()
        .args(["lint", "--fix", "--stdin-filename", "seed.txt", "-"])
        .write_stdin(bytes.clone())
        .assert()
        .stdout(bytes)
        .stderr(predicate::str::contains("not fixed: the file is not UTF-8"));
}

#[test]
fn empty_and_blank_files_give_one_empty_seed_finding_each() {
    let dir = temp();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.txt", b" \r\n\t\n\n");
    lint_concise(dir.path(), &["."]).code(1).stdout(
        "./blank.txt:1:1: error[empty-seed] the seed is empty\n\
             ./empty.txt:1:1: error[empty-seed] the seed is empty\n",
    );
}

#[test]
fn utf16_with_bom_gives_one_finding_on_the_bom_and_is_never_fixed() {
    let dir = temp();
    let mut bytes = vec![0xff, 0xfe];
    for unit in NOISY.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let path = write(dir.path(), "wide.txt", &bytes);
    lint_concise(dir.path(), &["."])
        .code(1)
        .stdout("./wide.txt:1:1: error[utf16-encoding] the file is UTF-16; seeds are UTF-8\n");
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "wide.txt"])
        .assert()
        .stderr(predicate::str::contains("not fixed"));
    assert_eq!(read(&path), bytes);
}

#[test]
fn input_rules_are_listed_explained_and_can_be_ignored() {
    seedlint()
        .args(["rules"])
        .assert()
        .success()
        .stdout(predicate::str::contains("invalid-utf8"))
        .stdout(predicate::str::contains("empty-seed"))
        .stdout(predicate::str::contains("utf16-encoding"));
    seedlint()
        .args(["explain", "empty-seed"])
        .assert()
        .success()
        .stdout(predicate::str::contains("only white space"));
    let dir = temp();
    write(dir.path(), "empty.txt", b"");
    seedlint()
        .current_dir(dir.path())
        .args([
            "lint",
            "--format",
            "concise",
            "--ignore",
            "input",
            "empty.txt",
        ])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn binary_file_is_skipped_with_a_note_when_walking_and_an_error_when_named() {
    let dir = temp();
    write(
        dir.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    lint_concise(dir.path(), &["."])
        .code(1)
        .stdout(predicate::str::contains("./seed.txt:11:1"))
        .stderr(predicate::str::contains(
            "./image.txt: skipped: a binary file (NUL byte at offset 8)",
        ));
    lint_concise(dir.path(), &["image.txt", "seed.txt"])
        .code(2)
        .stdout(predicate::str::contains("seed.txt:11:1"))
        .stderr(predicate::str::contains(
            "image.txt: a binary file (NUL byte at offset 8); not linted",
        ));
}

// Paths that cannot be read.

#[test]
fn fifo_is_an_error_when_named_or_walked_and_never_waited_on() {
    let dir = temp();
    mkfifo(&dir.path().join("pipe.txt"));
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    for args in [["lint", "pipe.txt", "seed.txt"], ["lint", ".", "."]] {
        seedlint()
            .current_dir(dir.path())
            .args(args)
            .arg("--format=concise")
            .assert()
            .code(2)
            .stdout(predicate::str::contains("seed.txt:11:1"))
            .stderr(predicate::str::contains("pipe.txt: a FIFO; not read").count(1));
    }
}

#[test]
fn symlink_loop_and_vanished_file_are_errors_and_the_rest_is_linted() {
    let dir = temp();
    symlink("loop.txt", dir.path().join("loop.txt")).unwrap_or_else(|error| panic!("{error}"));
    symlink("gone.txt", dir.path().join("dangling.txt")).unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    seedlint()
        .current_dir(dir.path())
        .args([
            "lint",
            "--format",
            "concise",
            "loop.txt",
            "dangling.txt",
            "seed.txt",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("seed.txt:11:1"))
        .stderr(predicate::str::contains(
            "loop.txt: Too many levels of symbolic links",
        ))
        .stderr(predicate::str::contains(
            "dangling.txt: No such file or directory",
        ));
    // Walking, links are not followed: neither is an error nor linted.
    lint_concise(dir.path(), &["."])
        .code(1)
        .stdout(predicate::str::contains("./seed.txt:11:1"))
        .stderr(predicate::str::contains("loop.txt").not());
}

#[test]
fn unreadable_file_is_an_error_and_the_rest_is_linted() {
    let dir = temp();
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    // Reading /proc/self/mem from its start fails (EIO) even for root: an honest read error.
    lint_concise(dir.path(), &["/proc/self/mem", "seed.txt"])
        .code(2)
        .stdout(predicate::str::contains("seed.txt:11:1"))
        .stderr(predicate::str::contains(
            "/proc/self/mem: Input/output error",
        ));
}

/// True when file permissions bind this process (they do not for root).
fn permissions_bind(dir: &Path) -> bool {
    let probe = write(dir, "probe", b"x");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|error| panic!("{error}"));
    let binds = fs::read(&probe).is_err();
    fs::remove_file(&probe).unwrap_or_else(|error| panic!("{error}"));
    binds
}

#[test]
fn file_and_folder_without_permission_are_errors_and_the_rest_is_linted() {
    let dir = temp();
    if !permissions_bind(dir.path()) {
        eprintln!("skipped: running with privileges that ignore file permissions (root)");
        return;
    }
    let locked_file = write(dir.path(), "locked.txt", NOISY.as_bytes());
    let locked_dir = dir.path().join("locked");
    write(dir.path(), "locked/inner.txt", NOISY.as_bytes());
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    for path in [&locked_file, &locked_dir] {
        fs::set_permissions(path, fs::Permissions::from_mode(0o000))
            .unwrap_or_else(|error| panic!("{error}"));
    }
    lint_concise(dir.path(), &["."])
        .code(2)
        .stdout(predicate::str::contains("./seed.txt:11:1"))
        .stderr(predicate::str::contains("locked.txt: Permission denied"))
        .stderr(predicate::str::contains("locked: Permission denied"));
    for path in [&locked_file, &locked_dir] {
        fs::set_permissions(path, fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|error| panic!("{error}"));
    }
}

#[test]
fn names_with_spaces_non_ascii_and_a_leading_dash_are_linted() {
    let dir = temp();
    for name in ["a seed.txt", "séance ünd 記事.txt", "-dash.txt"] {
        write(dir.path(), name, NOISY.as_bytes());
    }
    lint_concise(dir.path(), &["."])
        .code(1)
        .stdout(predicate::str::contains("./a seed.txt:11:1"))
        .stdout(predicate::str::contains("./séance ünd 記事.txt:11:1"))
        .stdout(predicate::str::contains("./-dash.txt:11:1"));
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "--", "-dash.txt", "a seed.txt"])
        .assert()
        .code(0);
    assert_eq!(read(&dir.path().join("-dash.txt")), CLEAN.as_bytes());
    assert_eq!(read(&dir.path().join("a seed.txt")), CLEAN.as_bytes());
}

// Rule directories are untrusted input.

fn rules_run(dir: &Path) -> assert_cmd::assert::Assert {
    write(dir, "seed.txt", NOISY.as_bytes());
    seedlint()
        .current_dir(dir)
        .args([
            "lint", "--format", "concise", "--rules", "rules", "seed.txt",
        ])
        .assert()
        .code(2)
        .stdout("")
}

#[test]
fn regex_over_the_size_limit_is_a_clear_error_naming_the_file() {
    let dir = temp();
    let rule = pattern_rule("patterns = ['(?:\\w{1000}){1000}']");
    write(dir.path(), "rules/huge.toml", rule.as_bytes());
    rules_run(dir.path())
        .stderr(predicate::str::contains("rules/huge.toml"))
        .stderr(predicate::str::contains("exceeds size limit"));
}

#[test]
fn too_many_rule_files_are_refused() {
    let dir = temp();
    for index in 0..=seedlint::rule::MAX_RULES_PER_SOURCE {
        let rule = pattern_rule("patterns = ['x']").replace("local-rule", &format!("rule-{index}"));
        write(dir.path(), &format!("rules/r{index}.toml"), rule.as_bytes());
    }
    rules_run(dir.path()).stderr(predicate::str::contains("at most 1000 are read"));
}

#[test]
fn rule_file_linked_from_outside_the_rules_directory_is_not_read() {
    let dir = temp();
    let outside = write(
        dir.path(),
        "elsewhere/secret.toml",
        pattern_rule("patterns = ['x']").as_bytes(),
    );
    fs::create_dir_all(dir.path().join("rules")).unwrap_or_else(|error| panic!("{error}"));
    symlink(&outside, dir.path().join("rules/linked.toml")).unwrap_or_else(|e| panic!("{e}"));
    rules_run(dir.path())
        .stderr(predicate::str::contains("rules/linked.toml"))
        .stderr(predicate::str::contains(
            "outside the rules directory; not read",
        ));
}

#[test]
fn rule_file_linked_from_inside_the_rules_directory_is_read() {
    let dir = temp();
    let rule = pattern_rule("patterns = ['^views: \\d+$']");
    write(dir.path(), "rules/shared/local.toml", rule.as_bytes());
    symlink("shared/local.toml", dir.path().join("rules/alias.toml"))
        .unwrap_or_else(|error| panic!("{error}"));
    write(dir.path(), "seed.txt", NOISY.as_bytes());
    // Read twice (under both names), so the id is defined twice: proof that the link was read.
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--rules", "rules", "seed.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`local-rule` is defined twice"));
}
