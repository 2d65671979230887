//! Unit tests of the `duplicate` kind: both modes run through the default rule files, on
//! hand-written paragraphs, a generated 20,000-paragraph document and the sample seeds, plus
//! the config checks and the key.

use super::key::{fold, fold_text};
use super::*;
use crate::document::Document;
use crate::rule::Rule;
use crate::rules::test_context::with_plain_context;
use unicode_normalization::UnicodeNormalization;

const EXACT_RULE: &str = include_str!("../../../rules/duplicate/duplicate-paragraph.toml");
const NEAR_RULE: &str = include_str!("../../../rules/duplicate/near-duplicate-paragraph.toml");

fn rule(path: &str, text: &str) -> Rule {
    Rule::parse(path, text, crate::rules::Compilation::Eager)
        .unwrap_or_else(|error| panic!("{path}: {error:?}"))
}

/// Runs the check of a default rule file on `text`.
fn run(rule_text: &str, text: &str) -> (Document, Vec<Finding>) {
    let doc = Document::new(text.to_string());
    let findings = with_plain_context(&doc, |ctx| match &rule("rule.toml", rule_text).check {
        super::super::Check::Duplicate(check) => check.check(ctx),
        other => panic!("not a duplicate rule: {other:?}"),
    });
    (doc, findings)
}

/// (line of the finding, line of the earlier copy), both 1-based.
fn lines(doc: &Document, findings: &[Finding]) -> Vec<(usize, usize)> {
    findings
        .iter()
        .map(|finding| {
            let earlier = finding.related.first().map_or(0, |label| label.span.start);
            (
                doc.line_column(finding.span.start).0,
                doc.line_column(earlier).0,
            )
        })
        .collect()
}

const PARAGRAPH: &str = "The council approved the new budget for the harbour district on Monday.";

#[test]
fn exact_three_copies_give_two_findings_pointing_at_the_first() {
    let text = format!(
        "{PARAGRAPH}\n\nSomething else entirely happened later that week.\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    );
    let (doc, findings) = run(EXACT_RULE, &text);
    assert_eq!(lines(&doc, &findings), [(5, 1), (7, 1)]);
    let first = &findings[0];
    assert_eq!(
        first.label.as_deref(),
        Some("repeats the paragraph on line 1")
    );
    assert_eq!(first.related[0].text, "first copy");
    assert_eq!(first.note.as_deref(), Some("the first copy is on line 1"));
}

#[test]
fn exact_ignores_case_punctuation_and_spacing() {
    let text = "Photo: Courtesy of the Embassy, Baku.\n\nPHOTO   courtesy of the embassy — baku\n";
    let (doc, findings) = run(EXACT_RULE, text);
    assert_eq!(lines(&doc, &findings), [(3, 1)]);
}

#[test]
fn exact_normalises_compatibility_characters() {
    // Full-width letters and a ligature fold to their plain forms under NFKC.
    let text = "Ｔｈｅ oﬃce opened a new branch in the city centre.\n\nThe office opened a new branch in the city centre.\n";
    let (doc, findings) = run(EXACT_RULE, text);
    assert_eq!(lines(&doc, &findings), [(3, 1)]);
}

#[test]
fn exact_ignores_short_repeated_lines() {
    let text = "Share this article\n\nRead more news\n\nShare this article\n\nRead more news\n";
    let (_, findings) = run(EXACT_RULE, text);
    assert!(findings.is_empty(), "{findings:?}");
}

fn long_paragraph(city: &str, day: &str) -> String {
    format!(
        "Officials in {city} said on {day} that the reconstruction of the old railway station \
         would be finished before the winter, after two years of delays caused by funding \
         disputes and a shortage of skilled workers."
    )
}

#[test]
fn near_duplicate_is_found_with_a_word_diff() {
    let text = format!(
        "{}\n\nA different paragraph about the weather, which was cold and wet all week long in the north of the country.\n\n{}\n",
        long_paragraph("Ganja", "Tuesday"),
        long_paragraph("Ganja", "Wednesday"),
    );
    let (doc, findings) = run(NEAR_RULE, &text);
    assert_eq!(lines(&doc, &findings), [(5, 1)]);
    let note = findings[0].note.as_deref().unwrap_or("");
    assert!(note.contains("-[tuesday] +[wednesday]"), "{note}");
    let label = findings[0].label.as_deref().unwrap_or("");
    assert!(
        label.contains("line 1") && label.contains("% of words match"),
        "{label}"
    );
}

#[test]
fn near_leaves_exact_copies_to_the_exact_rule() {
    let paragraph = long_paragraph("Ganja", "Tuesday");
    let text = format!("{paragraph}\n\n{}\n", paragraph.to_uppercase());
    let (_, findings) = run(NEAR_RULE, &text);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn near_stays_silent_on_a_template_family() {
    let rows = ["Ganja", "Sheki", "Quba", "Lankaran"]
        .map(|city| long_paragraph(city, "Monday"))
        .join("\n\n");
    let (_, findings) = run(NEAR_RULE, &rows);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn near_stays_silent_on_unrelated_paragraphs() {
    let text = format!(
        "{}\n\nThe national team lost its opening match of the tournament by two goals to one, \
         although the coach said afterwards that he was pleased with the way his young side had played.\n\n\
         Prices for bread and milk rose again in March, the statistics office reported, with \
         the sharpest increases recorded in rural districts far from the capital city.\n",
        long_paragraph("Ganja", "Tuesday")
    );
    let (_, findings) = run(NEAR_RULE, &text);
    assert!(findings.is_empty(), "{findings:?}");
    let (_, findings) = run(EXACT_RULE, &text);
    assert!(findings.is_empty(), "{findings:?}");
}

/// Paragraphs of pseudo-random words: all different, all sharing one vocabulary.
fn generated_document(paragraphs: usize) -> String {
    const VOCABULARY: [&str; 16] = [
        "river", "council", "budget", "market", "station", "winter", "harbour", "school", "bridge",
        "report", "minister", "village", "summer", "factory", "museum", "road",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..paragraphs)
        .map(|number| {
            // Two stems per word give 256 distinct words, about as many 3-word shingles
            // as the paragraphs hold, so posting lists stay short, as in real prose.
            let words: Vec<String> = (0..24)
                .map(|_| {
                    let stem = |n: u64| VOCABULARY[(n % VOCABULARY.len() as u64) as usize];
                    format!("{}{}", stem(next()), stem(next()))
                })
                .collect();
            format!("Item {number}: {}.", words.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn twenty_thousand_paragraphs_are_checked_without_comparing_all_pairs() {
    // One exact pair (short: below the near rule's word floor) and one near pair at the end,
    // after 20,000 paragraphs that must pair with nothing.
    let text = format!(
        "{}\n\n{repeat}\n\n{repeat}\n\n{}\n\n{}\n",
        generated_document(20_000),
        long_paragraph("Ganja", "Tuesday"),
        long_paragraph("Ganja", "Wednesday"),
        repeat = "Item 7: a paragraph repeated at the very end of the document.",
    );
    let (doc, exact) = run(EXACT_RULE, &text);
    assert_eq!(lines(&doc, &exact), [(40_003, 40_001)]);
    let (doc, near) = run(NEAR_RULE, &text);
    assert_eq!(lines(&doc, &near), [(40_007, 40_005)]);
}

/// The five sample seeds: only the known repeated caption (001) and repeated paragraph (002).
#[test]
fn seeds_give_only_the_known_repeats() {
    let seeds = [
        (
            "000",
            include_str!("../../../seeds/000_ea764e4378ad22b1.txt"),
            vec![],
        ),
        (
            "001",
            include_str!("../../../seeds/001_f1786b69ef856c8b.txt"),
            vec![(10, 8)],
        ),
        (
            "002",
            include_str!("../../../seeds/002_b31598c28877b744.txt"),
            vec![(88, 76)],
        ),
        (
            "003",
            include_str!("../../../seeds/003_19ca3692835e2b33.txt"),
            vec![],
        ),
        (
            "004",
            include_str!("../../../seeds/004_c66550dc802b1081.txt"),
            vec![],
        ),
    ];
    for (name, text, expected) in seeds {
        let (doc, exact) = run(EXACT_RULE, text);
        assert_eq!(lines(&doc, &exact), expected, "exact, seed {name}");
        let (doc, near) = run(NEAR_RULE, text);
        assert_eq!(lines(&doc, &near), [], "near, seed {name}");
    }
}

#[test]
fn config_rejects_fields_of_the_other_mode_and_missing_fields() {
    let exact_with_threshold = DuplicateConfig {
        mode: Mode::Exact,
        min_words: Some(5),
        min_chars: Some(25),
        threshold: Some(0.9),
        ..DuplicateConfig::default()
    };
    assert!(compile(exact_with_threshold).is_err());
    let near_without_threshold = DuplicateConfig {
        mode: Mode::Near,
        min_words: Some(20),
        ..DuplicateConfig::default()
    };
    assert!(compile(near_without_threshold).is_err());
}

#[test]
fn key_collapses_everything_but_letters_and_numbers() {
    let hello = key("  Hello,   WORLD!! 2026 — «Ünïcode»  ");
    assert_eq!(hello.text, "hello world 2026 ünïcode");
    assert_eq!((hello.words, hello.chars), (4, 24));
    assert_eq!(key("...").text, "");
    // A decomposed accent is composed, whether or not ASCII stands next to it.
    assert_eq!(key("e\u{301}t\u{e9} x").text, "été x");
    for text in ["", "one", " one  two, three! ", "x\u{130}y Ünï"] {
        let folded = key(text);
        assert_eq!(folded.words, key_words(&folded.text).len(), "{text:?}");
        assert_eq!(folded.chars, folded.text.chars().count(), "{text:?}");
    }
}

#[test]
fn fast_key_agrees_with_the_normalising_fold() {
    for text in [
        "  Hello,   WORLD!! 2026 -- x ",
        "",
        "...",
        "a_b-c'd\tE\r\nF",
        "x\u{7f}y",
        "«Ünïcode» — “Quotes” ÉTÉ x\u{130}y \u{212a}elvin",
        "no\u{a0}break\u{a0}e\u{301}t\u{e9}\u{ff0c}\u{2026}\u{ff1c}\u{338}x\u{a0}\u{301}y",
        // Common letters skip the quick check; a combining mark after one still takes NFKC.
        "ПРИВЕТ, Ёж — ΣΟΦΙΑ ς Ağır şəhər ÇÖÜ ß 北京 السلام",
        "и\u{306} Α\u{301} e\u{301}",
    ] {
        assert_eq!(key(text), fold(text.nfkc(), text.len()), "{text:?}");
        assert_eq!(
            fold_text(text, &mut Vec::new()),
            fold(text.chars(), text.len()),
            "{text:?}"
        );
    }
}

#[test]
fn folding_notes_only_the_characters_the_quick_check_must_see() {
    let mut unchecked = Vec::new();
    fold_text(
        "plain ascii, é ПРИВЕТ “x” \u{a0}… e\u{301} \u{212a}",
        &mut unchecked,
    );
    assert_eq!(unchecked, ['\u{301}', '\u{212a}']);
}

#[test]
fn fast_key_agrees_with_the_character_fold_on_generated_text() {
    let pieces = [
        "a", "Z", "9", "word", "Mixed", " ", ", ", "-", "--", ".", "\t", "\n", "é", "’", "日本",
        "İ", "\u{a0}", "_", "@", "`", "[", "{", "/", ":",
    ];
    // A fixed linear congruential sequence: the same texts every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..4000 {
        let mut text = String::new();
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        for _ in 0..(state >> 59) {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        let expected = fold(text.chars(), text.len());
        assert_eq!(fold_text(&text, &mut Vec::new()), expected, "{text:?}");
    }
}

#[test]
fn general_punctuation_holds_no_letter_or_number() {
    for c in '\u{2000}'..='\u{206f}' {
        assert!(
            c.to_lowercase().all(|lower| !lower.is_alphanumeric()),
            "{c:?}"
        );
    }
}

#[test]
fn both_modes_share_the_paragraph_keys_of_one_document() {
    let first = long_paragraph("Ganja", "Tuesday");
    let changed = long_paragraph("Ganja", "Wednesday");
    let text = format!("{first}\n\n{first}\n\n{changed}\n");
    let doc = Document::new(text);
    with_plain_context(&doc, |ctx| {
        let check = |rule_text: &str| match &rule("rule.toml", rule_text).check {
            super::super::Check::Duplicate(check) => check.check(ctx),
            other => panic!("not a duplicate rule: {other:?}"),
        };
        assert_eq!(lines(&doc, &check(EXACT_RULE)), [(3, 1)]);
        let keys = paragraph_keys(ctx);
        assert_eq!(keys.len(), 3);
        assert_eq!(keys[0], keys[1]);
        // The near rule reads the keys the exact rule computed, and still finds the changed
        // copy.
        assert_eq!(lines(&doc, &check(NEAR_RULE)), [(5, 1)]);
        assert!(std::ptr::eq(keys, paragraph_keys(ctx)));
    });
}

#[test]
fn common_words_count_each_copy_once_and_bound_the_diff() {
    let old = ["a", "b", "a", "c"];
    let new = ["a", "a", "a", "c", "d"];
    let index = super::shingles::ShingleIndex::new(1, 50);
    let sorted = |words: &[&str]| {
        let mut hashes = Vec::new();
        index.hash_words(&words.join(" "), &mut hashes);
        hashes.sort_unstable();
        hashes
    };
    let shared = super::word_hashes::common_words(&sorted(&old), &sorted(&new));
    assert_eq!(shared, 3);
    let matched: usize = similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new)
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    assert!(matched <= shared);
}
