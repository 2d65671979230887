//! HTML seeds: the fixture pages under tests/fixtures/html (a news site, a forum thread, a page
//! with JSON-LD metadata, broken markup), linted, fixed and extracted with the default rules.

use assert_cmd::Command;
use seedlint::autofix::{FixOptions, fix_document};
use seedlint::civil_date::CivilDate;
use seedlint::diagnostic::Category;
use seedlint::document::{Document, SeedFormat, Span};
use seedlint::html::HtmlPage;
use seedlint::html::extract::extract;
use seedlint::lint::{LintOptions, LintResult, lint};
use seedlint::rule::RuleSet;

const FIXTURES: &[&str] = &["news", "forum", "jsonld", "broken"];

fn source(name: &str) -> String {
    let path = format!("tests/fixtures/html/{name}.html");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn rules() -> RuleSet {
    RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"))
}

fn options() -> LintOptions {
    let today = CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0));
    LintOptions { today }
}

fn html_document(text: String) -> Document {
    Document::new(text).with_format(SeedFormat::Html)
}

fn lint_fixture(name: &str) -> (Document, LintResult) {
    let doc = html_document(source(name));
    let result = lint(&doc, &rules(), &options());
    (doc, result)
}

/// One line per finding: position, rule, byte span and the start of the flagged source.
fn render(doc: &Document, result: &LintResult) -> String {
    let mut out = String::new();
    for diagnostic in &result.diagnostics {
        let (line, column) = doc.line_column(diagnostic.span.start);
        let flagged: String = doc.slice(diagnostic.span).chars().take(50).collect();
        let fix = match &diagnostic.fix {
            Some(fix) => format!("{:?}", fix.applicability).to_lowercase(),
            None => "none".into(),
        };
        out.push_str(&format!(
            "{line}:{column} {} [{}..{}] fix={fix} {:?}\n",
            diagnostic.rule, diagnostic.span.start, diagnostic.span.end, flagged
        ));
    }
    if let Some(date) = &result.metadata.date {
        out.push_str(&format!(
            "date: {} from {:?} on line {}\n",
            date.iso, date.label, date.line
        ));
    }
    if let Some(found) = &result.metadata.attribution {
        out.push_str(&format!(
            "{}: {} on line {}\n",
            found.kind, found.name, found.line
        ));
    }
    out
}

#[test]
fn lint_output_of_each_fixture() {
    for name in FIXTURES {
        let (doc, result) = lint_fixture(name);
        insta::assert_snapshot!(format!("lint_{name}"), render(&doc, &result));
    }
}

#[test]
fn every_finding_span_is_an_element_of_the_source() {
    for name in FIXTURES {
        let (doc, result) = lint_fixture(name);
        let page = HtmlPage::parse(doc.text());
        let elements: Vec<(String, Span)> = page
            .html
            .tree
            .nodes()
            .filter_map(|node| {
                let element = node.value().as_element()?;
                Some((element.name().to_string(), page.spans.get(&node.id())?.span))
            })
            .collect();
        for diagnostic in &result.diagnostics {
            let span = diagnostic.span;
            let (tag, _) = elements
                .iter()
                .find(|(_, element)| element.start == span.start)
                .unwrap_or_else(|| panic!("{name}: {} at {span:?} is no element", diagnostic.rule));
            let text = doc.slice(span);
            let head = text.get(1..1 + tag.len()).unwrap_or("");
            assert!(
                text.starts_with('<') && head.eq_ignore_ascii_case(tag),
                "{name}: {text:?}"
            );
            let ends_an_element = elements.iter().any(|(_, element)| element.end == span.end);
            assert!(
                ends_an_element,
                "{name}: {text:?} does not end where an element ends"
            );
        }
    }
}

/// True when `fixed` is `original` with some of `spans` deleted and every other byte kept.
fn is_original_minus_spans(original: &str, fixed: &str, spans: &[Span]) -> bool {
    let (mut i, mut j) = (0, 0);
    let (a, b) = (original.as_bytes(), fixed.as_bytes());
    while i < a.len() {
        if j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        let resumes = |end: usize| {
            let rest = &b[j..];
            let probe = rest.len().min(1);
            a.get(end..)
                .is_some_and(|after| after.starts_with(&rest[..probe]))
        };
        match spans
            .iter()
            .filter(|span| span.start == i)
            .find(|span| resumes(span.end))
        {
            Some(span) => i = span.end,
            None => return false,
        }
    }
    j == b.len()
}

#[test]
fn article_text_is_never_flagged() {
    let article = [
        ("news", "Heavy rain flooded several streets"),
        ("news", "The council will meet on Thursday"),
        ("forum", "Sealing from the inside only helps"),
        ("jsonld", "The new footbridge over the river"),
        ("broken", "Organisers expect about two thousand"),
    ];
    for (name, words) in article {
        let (doc, result) = lint_fixture(name);
        let at = doc
            .text()
            .find(words)
            .unwrap_or_else(|| panic!("{words:?} in {name}"));
        let removed = result.diagnostics.iter().any(|diagnostic| {
            diagnostic.category == Category::Noise
                && diagnostic.span.start <= at
                && at < diagnostic.span.end
        });
        assert!(!removed, "{name}: {words:?} is flagged");
    }
}

#[test]
fn markup_metadata_satisfies_the_metadata_rules() {
    for name in ["news", "jsonld", "forum"] {
        let (_, result) = lint_fixture(name);
        let missing: Vec<&str> = result
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.category == Category::Metadata)
            .map(|diagnostic| diagnostic.rule.as_str())
            .collect();
        assert!(missing.is_empty(), "{name}: {missing:?}");
    }
}

#[test]
fn fix_removes_exactly_the_flagged_elements() {
    for name in FIXTURES {
        let doc = html_document(source(name));
        let keep = |_: &Document, result: LintResult| result;
        let first = lint(&doc, &rules(), &options());
        let fixed = fix_document(
            doc.clone(),
            &rules(),
            &options(),
            FixOptions::default(),
            &keep,
        )
        .unwrap_or_else(|error| panic!("{name}: {error}"));
        let fixed_text = fixed.document.text().to_string();
        assert!(
            !first.diagnostics.is_empty() && fixed_text.len() < doc.text().len(),
            "{name}"
        );
        insta::assert_snapshot!(format!("fixed_{name}"), fixed_text);
        let page = HtmlPage::parse(doc.text());
        let elements: Vec<Span> = page.spans.values().map(|span| span.span).collect();
        assert!(
            is_original_minus_spans(doc.text(), &fixed_text, &elements),
            "{name}: the fix changed bytes outside whole elements"
        );
        let relinted = lint(&html_document(fixed_text), &rules(), &options());
        let noise = relinted
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.category == Category::Noise && diagnostic.fix.is_some())
            .count();
        assert_eq!(noise, 0, "{name}: fixable noise left after --fix");
    }
}

#[test]
fn extract_output_of_each_fixture() {
    for name in FIXTURES {
        let seed = extract(&source(name), &rules(), &options());
        insta::assert_snapshot!(format!("extract_{name}"), seed);
        let result = lint(&Document::new(seed), &rules(), &options());
        let noise: Vec<&str> = result
            .diagnostics
            .iter()
            .filter(|d| matches!(d.category, Category::Noise | Category::Duplicate))
            .map(|d| d.rule.as_str())
            .collect();
        assert!(
            noise.is_empty(),
            "{name}: the extracted seed still has {noise:?}"
        );
    }
}

#[test]
fn cli_walks_html_files_and_extracts_from_stdin() {
    let output = Command::cargo_bin("seedlint")
        .map(|mut cmd| {
            cmd.args([
                "lint",
                "--isolated",
                "--format",
                "concise",
                "tests/fixtures/html",
            ])
            .output()
        })
        .unwrap_or_else(|error| panic!("seedlint: {error}"))
        .unwrap_or_else(|error| panic!("seedlint: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("news.html:12:3: "), "{stdout}");
    assert!(
        stdout.contains("forum.html:5:1: warning[html-navigation]"),
        "{stdout}"
    );

    let extracted = Command::cargo_bin("seedlint")
        .map(|mut cmd| {
            cmd.args(["extract", "--isolated", "-"])
                .write_stdin(source("jsonld"))
                .output()
        })
        .unwrap_or_else(|error| panic!("seedlint: {error}"))
        .unwrap_or_else(|error| panic!("seedlint: {error}"));
    let seed = String::from_utf8_lossy(&extracted.stdout);
    assert!(
        seed.starts_with(
            "New bridge opens to cyclists\n\nBy Marta Novak\n\nPublished: 2022-06-15\n"
        ),
        "{seed}"
    );
}

#[test]
fn stdin_html_is_sniffed_and_fixed_in_place() {
    let output = Command::cargo_bin("seedlint")
        .map(|mut cmd| {
            cmd.args(["lint", "--isolated", "--fix", "--stdin-filename", "page"])
                .write_stdin(source("jsonld"))
                .output()
        })
        .unwrap_or_else(|error| panic!("seedlint: {error}"))
        .unwrap_or_else(|error| panic!("seedlint: {error}"));
    let fixed = String::from_utf8_lossy(&output.stdout);
    assert!(!fixed.contains("newsletter-signup"), "{fixed}");
    assert!(
        fixed.contains("<p>The new footbridge over the river"),
        "{fixed}"
    );
}

#[test]
fn walked_extensions_are_configurable() {
    let dir = tempfile::TempDir::new().unwrap_or_else(|error| panic!("{error}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|error| panic!("{error}"))
    };
    write("page.html", &source("jsonld"));
    write("seed.txt", "A seed.\n");
    let shown = |dir: &std::path::Path| {
        let output = Command::cargo_bin("seedlint")
            .map(|mut cmd| {
                cmd.current_dir(dir)
                    .args(["lint", "--show-files", "."])
                    .output()
            })
            .unwrap_or_else(|error| panic!("seedlint: {error}"))
            .unwrap_or_else(|error| panic!("seedlint: {error}"));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let default = shown(dir.path());
    assert!(
        default.contains("page.html") && default.contains("seed.txt"),
        "{default}"
    );
    write("seedlint.toml", "[lint]\nextensions = [\"txt\"]\n");
    let configured = shown(dir.path());
    assert!(
        !configured.contains("page.html") && configured.contains("seed.txt"),
        "{configured}"
    );
    let settings = Command::cargo_bin("seedlint")
        .map(|mut cmd| {
            cmd.current_dir(dir.path())
                .args(["lint", "--show-settings", "."])
                .output()
        })
        .unwrap_or_else(|error| panic!("seedlint: {error}"))
        .unwrap_or_else(|error| panic!("seedlint: {error}"));
    let settings = String::from_utf8_lossy(&settings.stdout);
    assert!(settings.contains("extensions = [\"txt\"]"), "{settings}");
}
