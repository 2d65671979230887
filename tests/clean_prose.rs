//! A clean-prose corpus of our own (news-like texts in several languages, with headings, lists,
//! quotes and short paragraphs) on which the noise and duplicate rules must stay silent.

use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::rule::RuleSet;

fn options() -> LintOptions {
    LintOptions {
        today: CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0)),
    }
}

#[test]
fn clean_prose_corpus_stays_silent_for_noise_and_duplicate_rules() {
    let mut rules = RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"));
    rules
        .select(&["noise".to_string(), "duplicate".to_string()], &[])
        .unwrap_or_else(|error| panic!("{error:?}"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 7,
        "the corpus has texts in seven languages"
    );
    let mut failures = Vec::new();
    for path in entries {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let doc = Document::new(text);
        for diagnostic in lint(&doc, &rules, &options()).diagnostics {
            let (line, _) = doc.line_column(diagnostic.span.start);
            failures.push(format!("{}:{line}: {}", path.display(), diagnostic.rule));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
