//! `--fix` under faults end to end (README "Bad input"): a symbolic link, a full disk, Ctrl-C in
//! the middle of a run, two runs at once. The original stays intact or is fully fixed, and no
//! temporary file is left behind.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::{CLEAN, NOISY, names, read, seedlint, temp, write};

/// A long article paragraph, so that fixing a folder takes a while.
const LONG: &str = "A paragraph of the article that goes on. ";

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("seedlint")
}

#[test]
fn fix_does_not_write_through_a_symbolic_link() {
    let dir = temp();
    let target = write(dir.path(), "outside/seed.txt", NOISY.as_bytes());
    symlink(&target, dir.path().join("link.txt")).unwrap_or_else(|error| panic!("{error}"));
    seedlint()
        .current_dir(dir.path())
        .args(["lint", "--fix", "link.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "link.txt: is a symbolic link; not fixed",
        ));
    assert_eq!(read(&target), NOISY.as_bytes());
}

#[test]
fn fix_on_a_full_disk_keeps_the_original_and_leaves_no_temporary_file() {
    // A file-size limit makes the write of the temporary file fail (EFBIG) exactly as a full
    // disk does (ENOSPC): a real failing write, with nothing faked inside seedlint. SIGXFSZ is
    // ignored so that the write returns an error instead of killing the process.
    let dir = temp();
    let long = format!("{}\n\n", LONG.repeat(40));
    let text = format!("{}{}", long.repeat(3), NOISY);
    let path = write(dir.path(), "seed.txt", text.as_bytes());
    let script = format!(
        "ulimit -f 2; trap '' XFSZ; exec '{}' lint --fix seed.txt",
        binary().display()
    );
    let output = std::process::Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", &script])
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("seed.txt: could not write the fixed file: File too large"),
        "{stderr}"
    );
    assert_eq!(read(&path), text.as_bytes());
    assert_eq!(names(dir.path()), ["seed.txt"]);
}

/// A folder of `count` noisy seeds large enough that fixing them takes a while.
fn noisy_folder(count: usize) -> TempDir {
    let dir = temp();
    let long = format!("{}\n\n", LONG.repeat(40));
    for index in 0..count {
        let text = format!("{}{}", long.repeat(20), NOISY);
        write(dir.path(), &format!("seed-{index:03}.txt"), text.as_bytes());
    }
    dir
}

/// Every file is either untouched or fully fixed, and nothing else is in the folder.
fn assert_whole_files(dir: &Path, count: usize) -> usize {
    let long = format!("{}\n\n", LONG.repeat(40));
    let original = format!("{}{}", long.repeat(20), NOISY);
    let fixed = format!("{}{}", long.repeat(20), CLEAN);
    let mut fixed_count = 0;
    for index in 0..count {
        let text = read(&dir.join(format!("seed-{index:03}.txt")));
        let whole = text == original.as_bytes() || text == fixed.as_bytes();
        assert!(
            whole,
            "seed-{index:03}.txt is neither the original nor the fixed text"
        );
        fixed_count += usize::from(text == fixed.as_bytes());
    }
    assert_eq!(names(dir).len(), count, "left behind: {:?}", names(dir));
    fixed_count
}

fn spawn_fix(dir: &Path) -> Child {
    std::process::Command::new(binary())
        .current_dir(dir)
        .args(["lint", "--fix-only", "--threads", "1", "."])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn sigint_during_fix_leaves_whole_files_and_no_temporary_file() {
    const COUNT: usize = 60;
    let dir = noisy_folder(COUNT);
    let mut child = spawn_fix(dir.path());
    // Signal once the first file is fixed (the handler is in place before any write), unless
    // the run is over by then; wherever the signal lands, every file must be whole.
    let first = dir.path().join("seed-000.txt");
    let original = read(&first);
    while read(&first) == original {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(status.success());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("{error}"));
    let code = output.status.code();
    // 130 when the signal came during the run, 0 when the run had finished already.
    assert!(matches!(code, Some(130 | 0)), "{:?}", output.status);
    let fixed = assert_whole_files(dir.path(), COUNT);
    if code == Some(130) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("interrupted; the files not yet fixed are unchanged"),
            "{stderr}"
        );
        eprintln!("interrupted after {fixed} of {COUNT} files");
    }
}

#[test]
fn two_concurrent_fix_runs_leave_every_file_fully_fixed() {
    const COUNT: usize = 40;
    let dir = noisy_folder(COUNT);
    let runs = [spawn_fix(dir.path()), spawn_fix(dir.path())];
    for run in runs {
        let output = run
            .wait_with_output()
            .unwrap_or_else(|error| panic!("{error}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
    }
    assert_eq!(assert_whole_files(dir.path(), COUNT), COUNT);
}
