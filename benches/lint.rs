//! Stage benchmarks with bytes throughput: building a `Document`, compiling the default rules,
//! linting one seed with every default rule, the fix loop, and the duplicate rules on a
//! 20,000-paragraph document. Run with `cargo bench`; the whole-run comparison with ripgrep is
//! `scripts/bench.sh`.

use divan::Bencher;
use divan::counter::BytesCount;
use seedlint::autofix::{FixOptions, fix_document};
use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::rule::RuleSet;

/// The sample seeds, embedded so the benchmark does not depend on the working directory.
const SEEDS: &[(&str, &str)] = &[
    ("000", include_str!("../seeds/000_ea764e4378ad22b1.txt")),
    ("001", include_str!("../seeds/001_f1786b69ef856c8b.txt")),
    ("002", include_str!("../seeds/002_b31598c28877b744.txt")),
    ("003", include_str!("../seeds/003_19ca3692835e2b33.txt")),
    ("004", include_str!("../seeds/004_c66550dc802b1081.txt")),
];

/// Paragraphs in the duplicate benchmark's document.
const DUPLICATE_PARAGRAPHS: usize = 20_000;

fn main() {
    divan::main();
}

fn options() -> LintOptions {
    LintOptions {
        today: CivilDate::from_unix_days(20_780),
    }
}

fn default_rules() -> RuleSet {
    RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"))
}

fn seed(name: &str) -> &'static str {
    SEEDS
        .iter()
        .find(|(id, _)| *id == name)
        .map_or("", |(_, text)| text)
}

/// Splitting a seed into lines and paragraphs.
#[divan::bench(args = ["000", "001", "002", "003", "004"])]
fn document_new(bencher: Bencher, name: &str) {
    let text = seed(name);
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| text.to_string())
        .bench_values(Document::new);
}

/// Parsing and compiling every embedded rule file: the start-up cost of each run.
#[divan::bench(sample_count = 20)]
fn rules_builtin() -> RuleSet {
    default_rules()
}

/// Linting one seed with every default rule.
#[divan::bench(args = ["000", "001", "002", "003", "004"])]
fn lint_seed(bencher: Bencher, name: &str) {
    let rules = default_rules();
    let doc = Document::new(seed(name).to_string());
    let options = options();
    bencher
        .counter(BytesCount::of_str(doc.text()))
        .bench(|| lint(&doc, &rules, &options));
}

/// The fix loop (lint, apply safe fixes, lint again until stable) on one seed.
#[divan::bench(args = ["000", "001", "002", "003", "004"])]
fn fix_seed(bencher: Bencher, name: &str) {
    let rules = default_rules();
    let text = seed(name);
    let options = options();
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| Document::new(text.to_string()))
        .bench_values(|doc| fix_document(doc, &rules, &options, FixOptions::default(), &|_, r| r));
}

/// A document of `DUPLICATE_PARAGRAPHS` paragraphs: distinct sentences, with every tenth an
/// exact copy of an earlier one and every tenth (offset) a near copy.
fn many_paragraphs() -> String {
    let mut text = String::from("A title for the long document\n\n");
    for index in 0..DUPLICATE_PARAGRAPHS {
        let source = index / 10;
        let paragraph = match index % 10 {
            3 => format!(
                "Paragraph number {source} tells of the harbour, the council and {} boats moored.",
                source * 7
            ),
            7 => format!(
                "Paragraph number {source} tells of the harbour, the council and {} ships moored.",
                source * 7
            ),
            _ => format!(
                "Paragraph number {index} tells of the harbour, the council and {} boats moored.",
                index * 7
            ),
        };
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    text
}

/// The duplicate rules (exact and near) alone on a 20,000-paragraph document.
#[divan::bench(sample_count = 10)]
fn duplicates_20k_paragraphs(bencher: Bencher) {
    let mut rules = default_rules();
    if let Err(error) = rules.select(&["duplicate".to_string()], &[]) {
        panic!("select duplicate rules: {error:?}");
    }
    let doc = Document::new(many_paragraphs());
    let options = options();
    bencher
        .counter(BytesCount::of_str(doc.text()))
        .bench(|| lint(&doc, &rules, &options));
}
