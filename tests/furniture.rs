//! Pages of our own that imitate the furniture families the default rules remove (page
//! header, browser notices, ad labels, affiliate disclosures, image credits, read-more links,
//! share widgets, author boxes, archive widgets, legal notices, related lists, cookie banners,
//! comment forms and sections), one page per language: `lint --fix` must turn each
//! `NAME.txt` into `NAME.expected.txt`, the article with its title, byline and date, exactly.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/furniture");
    let mut pages: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".txt") && !name.ends_with(".expected.txt")
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn fix_removes_every_furniture_family_and_keeps_the_article() {
    let pages = fixtures();
    assert!(pages.len() >= 7, "one page per language, seven languages");
    let mut failures = Vec::new();
    for page in pages {
        let input = fs::read(&page).unwrap_or_else(|error| panic!("{}: {error}", page.display()));
        let expected_path = page.with_extension("expected.txt");
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|error| panic!("{}: {error}", expected_path.display()));
        let output = Command::cargo_bin("seedlint")
            .unwrap_or_else(|error| panic!("{error}"))
            .args(["lint", "--fix", "--stdin-filename", "page.txt"])
            .write_stdin(input)
            .output()
            .unwrap_or_else(|error| panic!("{error}"));
        let fixed = String::from_utf8_lossy(&output.stdout);
        if fixed != expected {
            failures.push(format!(
                "{}:\n{}",
                page.display(),
                similar::TextDiff::from_lines(expected.as_str(), fixed.as_ref())
                    .unified_diff()
                    .header("expected", "fixed")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
