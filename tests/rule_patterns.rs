//! The default rules' regexes avoid Unicode word boundaries: a `\b` that is not ASCII-only
//! (`(?-u:\b)`) makes the lazy DFA give up on text with non-ASCII letters or curly quotes, and
//! the rule then runs many times slower on exactly the pages most seeds are made of.

use std::fs;
use std::path::{Path, PathBuf};

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            out.push(path);
        }
    }
}

/// True when `line` has a `\b` that is not the ASCII-only `(?-u:\b)`.
fn has_unicode_boundary(line: &str) -> bool {
    line.match_indices("\\b")
        .any(|(at, _)| !line[..at].ends_with("(?-u:"))
}

#[test]
fn no_default_rule_uses_a_unicode_word_boundary() {
    let mut files = Vec::new();
    rule_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &mut files,
    );
    assert!(files.len() > 40, "the default rules are found");
    let mut offenders = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let Some((_, check)) = text.split_once("[check]") else {
            continue;
        };
        for (index, line) in check.lines().enumerate() {
            let pattern = line.trim_start();
            if pattern.starts_with('\'') && has_unicode_boundary(pattern) {
                offenders.push(format!(
                    "{} ([check] line {}): {pattern}",
                    file.display(),
                    index + 1
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "use (?-u:\\b) next to ASCII letters, or no boundary next to others:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_boundary_check_tells_the_two_apart() {
    assert!(has_unicode_boundary(r"'\bcookies'"));
    assert!(has_unicode_boundary(r"'(?-u:\b)a\b'"));
    assert!(!has_unicode_boundary(r"'(?-u:\b)cookies(?-u:\b)'"));
}
