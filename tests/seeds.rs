//! The five sample seeds: what the default rules must find on each, what they must leave alone,
//! and snapshots of the JSON and graphical output.

use assert_cmd::Command;
use seedlint::civil_date::CivilDate;
use seedlint::diagnostic::{Category, Diagnostic};
use seedlint::document::Document;
use seedlint::lint::{LintOptions, LintResult, lint};
use seedlint::rule::RuleSet;

const SEED_000: &str = "seeds/000_ea764e4378ad22b1.txt";
const SEED_001: &str = "seeds/001_f1786b69ef856c8b.txt";
const SEED_002: &str = "seeds/002_b31598c28877b744.txt";
const SEED_003: &str = "seeds/003_19ca3692835e2b33.txt";
const SEED_004: &str = "seeds/004_c66550dc802b1081.txt";

struct Linted {
    doc: Document,
    result: LintResult,
}

fn lint_seed(path: &str) -> Linted {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let doc = Document::new(text);
    let rules = RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"));
    let today = CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0));
    let result = lint(&doc, &rules, &LintOptions { today });
    Linted { doc, result }
}

impl Linted {
    /// 1-based first and last line of a diagnostic.
    fn lines_of(&self, diagnostic: &Diagnostic) -> (usize, usize) {
        let first = self.doc.line_index(diagnostic.span.start) + 1;
        let last = self.doc.line_index(diagnostic.span.end.saturating_sub(1)) + 1;
        (first, last.max(first))
    }

    fn removal_findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.result.diagnostics.iter().filter(|diagnostic| {
            matches!(diagnostic.category, Category::Noise | Category::Duplicate)
        })
    }

    /// True when some noise finding covers 1-based line `line`.
    fn noise_covers(&self, line: usize) -> bool {
        self.result.diagnostics.iter().any(|diagnostic| {
            let (first, last) = self.lines_of(diagnostic);
            diagnostic.category == Category::Noise && first <= line && line <= last
        })
    }

    fn fired(&self, rule: &str) -> bool {
        self.result
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.rule == rule)
    }

    /// Asserts that every non-blank line in `first..=last` is covered by a noise finding.
    fn assert_noise_covers(&self, first: usize, last: usize) {
        for line in first..=last {
            if !self.doc.is_blank_line(line - 1) {
                assert!(
                    self.noise_covers(line),
                    "line {line} is not flagged as noise"
                );
            }
        }
    }

    /// Asserts that no noise or duplicate finding touches the article lines `first..=last`,
    /// except the later copies of duplicates listed in `duplicate_lines`.
    fn assert_article_untouched(&self, first: usize, last: usize, duplicate_lines: &[usize]) {
        for diagnostic in self.removal_findings() {
            let (from, to) = self.lines_of(diagnostic);
            let allowed = diagnostic.category == Category::Duplicate
                && from == to
                && duplicate_lines.contains(&from);
            let overlaps = from <= last && first <= to;
            assert!(
                allowed || !overlaps,
                "{} flags article lines {from}-{to}",
                diagnostic.rule
            );
        }
    }

    fn duplicate_at(&self, line: usize, first_copy: usize) -> bool {
        self.result.diagnostics.iter().any(|diagnostic| {
            let related = diagnostic
                .related
                .first()
                .map(|label| self.doc.line_index(label.span.start) + 1);
            diagnostic.category == Category::Duplicate
                && self.lines_of(diagnostic).0 == line
                && related == Some(first_copy)
        })
    }
}

#[test]
fn seed_002_header_menu_and_copyright_lines_are_noise() {
    lint_seed(SEED_002).assert_noise_covers(1, 22);
}

#[test]
fn seed_002_footer_is_noise_but_credit_line_is_kept() {
    let seed = lint_seed(SEED_002);
    seed.assert_noise_covers(93, 101);
    assert!(
        !seed.noise_covers(92),
        "the Caliber.Az credit line is attribution"
    );
}

#[test]
fn seed_002_duplicated_paragraph_points_at_first_copy() {
    assert!(lint_seed(SEED_002).duplicate_at(88, 76));
}

#[test]
fn seed_002_has_a_date() {
    let seed = lint_seed(SEED_002);
    assert!(!seed.fired("missing-date"));
    let date = seed.result.metadata.date.map(|date| date.iso);
    assert_eq!(date.as_deref(), Some("2024-07-06"));
}

#[test]
fn seed_002_article_is_untouched() {
    lint_seed(SEED_002).assert_article_untouched(24, 92, &[88]);
}

#[test]
fn seed_000_related_tail_is_noise() {
    lint_seed(SEED_000).assert_noise_covers(15, 33);
}

#[test]
fn seed_000_misses_date_but_has_source() {
    let seed = lint_seed(SEED_000);
    assert!(seed.fired("missing-date"));
    assert!(!seed.fired("missing-attribution"));
}

#[test]
fn seed_000_article_is_untouched() {
    lint_seed(SEED_000).assert_article_untouched(1, 13, &[]);
}

#[test]
fn seed_001_repeated_caption_is_a_duplicate() {
    assert!(lint_seed(SEED_001).duplicate_at(10, 8));
}

#[test]
fn seed_001_has_a_date() {
    let seed = lint_seed(SEED_001);
    assert!(!seed.fired("missing-date"));
    let date = seed.result.metadata.date.map(|date| date.iso);
    assert_eq!(date.as_deref(), Some("2026-02-04"));
}

#[test]
fn seed_001_article_is_untouched() {
    lint_seed(SEED_001).assert_article_untouched(2, 76, &[10]);
}

#[test]
fn seed_003_recommend_tail_is_noise() {
    lint_seed(SEED_003).assert_noise_covers(27, 32);
}

#[test]
fn seed_003_misses_date_but_has_author() {
    let seed = lint_seed(SEED_003);
    assert!(seed.fired("missing-date"));
    assert!(!seed.fired("missing-attribution"));
}

#[test]
fn seed_003_article_is_untouched() {
    lint_seed(SEED_003).assert_article_untouched(1, 26, &[]);
}

#[test]
fn seed_004_forum_chrome_and_top_bottom_are_noise() {
    let seed = lint_seed(SEED_004);
    seed.assert_noise_covers(4, 7);
    seed.assert_noise_covers(32, 32);
    assert!(seed.fired("missing-date"));
}

#[test]
fn seed_004_article_is_untouched() {
    let seed = lint_seed(SEED_004);
    seed.assert_article_untouched(1, 1, &[]);
    seed.assert_article_untouched(8, 30, &[]);
}

fn cli_output(format: &str) -> String {
    let output = Command::cargo_bin("seedlint")
        .unwrap_or_else(|error| panic!("{error}"))
        .args(["lint", "--format", format, "--color", "never", "seeds/"])
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(output.status.code(), Some(1), "findings exit 1");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn seeds_json_output() {
    insta::assert_snapshot!(cli_output("json"));
}

#[test]
fn seeds_full_output() {
    insta::assert_snapshot!(cli_output("full"));
}
