//! Near mode's shortcuts against the plain pass: leaving out the paragraphs that no other one
//! comes near, by length or by the words their sketches may share, must not change a single
//! finding.

use proptest::prelude::*;

use super::near::NearMatcher;
use super::shingles::ShingleIndex;
use super::word_hashes::WordHashes;
use super::*;
use crate::document::Document;
use crate::rule::Rule;
use crate::rules::test_context::with_plain_context;

const NEAR_RULE: &str = include_str!("../../../rules/duplicate/near-duplicate-paragraph.toml");

/// The near matcher of the default rule file.
fn default_near_matcher() -> NearMatcher {
    near_matcher(NEAR_RULE)
}

/// The near matcher of a rule file.
fn near_matcher(rule_file: &str) -> NearMatcher {
    let rule = Rule::parse("near.toml", rule_file, crate::rules::Compilation::Eager)
        .unwrap_or_else(|error| panic!("{error:?}"));
    match rule.check {
        super::super::Check::Duplicate(DuplicateCheck {
            matcher: Matcher::Near(matcher),
        }) => matcher,
        other => panic!("not a near rule: {other:?}"),
    }
}

/// The findings of `matcher` on `text`: the plain pass, which indexes every paragraph, and the
/// pass `check` runs; and how many paragraphs that pass leaves out.
fn plain_and_pruned(matcher: &NearMatcher, text: &str) -> (Vec<Finding>, Vec<Finding>, usize) {
    let doc = Document::new(text.to_string());
    with_plain_context(&doc, |ctx| {
        let units = units(ctx, matcher.min_words);
        let plain = matcher.check_units(&units, false);
        let index = ShingleIndex::new(matcher.shingle_words, matcher.max_shingle_paragraphs);
        let mut words = WordHashes::new(units.len());
        let chosen = matcher.hash_and_choose(&units, &mut words, &index, true);
        let left_out = chosen.iter().filter(|&&chosen| !chosen).count();
        (plain, matcher.check(ctx), left_out)
    })
}

const WORDS: [&str; 30] = [
    "the", "council", "harbour", "budget", "approved", "on", "monday", "new", "district", "plan",
    "city", "mayor", "said", "would", "open", "bridge", "river", "week", "after", "years",
    "station", "rail", "line", "north", "south", "road", "works", "cost", "million", "report",
];

/// A paragraph of words drawn from a small vocabulary, or from its first ten words only, so
/// that unrelated paragraphs share shingles and many words too, and sketches have work.
fn paragraph() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        proptest::collection::vec(0..WORDS.len(), 18..40),
        proptest::collection::vec(0..10_usize, 18..40),
        proptest::collection::vec(0..WORDS.len(), 60..90),
    ]
}

/// An edit of an earlier paragraph: (position, 0 replace / 1 insert / 2 delete, word).
type Edit = (usize, u8, usize);

/// A paragraph of a generated document: its fresh words, which earlier paragraph to copy
/// instead when `Some`, and the edits of the copy.
type Planned = (Vec<usize>, Option<usize>, Vec<Edit>);

/// Edits of an earlier paragraph.
fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec((0..100_usize, 0..3_u8, 0..WORDS.len()), 0..6)
}

/// A document of fresh paragraphs and edited copies of earlier ones.
fn document() -> impl Strategy<Value = Vec<Planned>> {
    proptest::collection::vec(
        (paragraph(), proptest::option::of(0..60_usize), edits()),
        1..24,
    )
}

fn render(plan: &[Planned]) -> String {
    let mut paragraphs: Vec<Vec<usize>> = Vec::new();
    for (fresh, copy_of, edits) in plan {
        let mut words = match copy_of {
            Some(earlier) if !paragraphs.is_empty() => {
                paragraphs[earlier % paragraphs.len()].clone()
            }
            _ => fresh.clone(),
        };
        for &(at, edit, word) in edits {
            let at = at % (words.len() + 1);
            match edit {
                0 if at < words.len() => words[at] = word,
                1 => words.insert(at, word),
                _ if at < words.len() => {
                    words.remove(at);
                }
                _ => {}
            }
        }
        paragraphs.push(words);
    }
    paragraphs
        .iter()
        .map(|words| {
            words
                .iter()
                .map(|&w| WORDS[w])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn leaving_out_paragraphs_no_other_comes_near_changes_no_finding(plan in document()) {
        let matcher = default_near_matcher();
        let text = render(&plan);
        let (plain, pruned, _) = plain_and_pruned(&matcher, &text);
        prop_assert_eq!(plain, pruned, "{}", text);
    }
}

#[test]
fn the_generated_documents_hold_near_pairs_and_unpartnered_paragraphs() {
    // A guard on the property above: its documents must exercise both sides of the shortcut.
    let matcher = default_near_matcher();
    let base: Vec<usize> = (0..30).map(|i| (i * 7) % WORDS.len()).collect();
    let long: Vec<usize> = (0..80).map(|i| (i * 3) % WORDS.len()).collect();
    let plan = vec![
        (base.clone(), None, vec![]),
        (long, None, vec![]),
        (base, Some(0), vec![(5, 0, 1)]),
    ];
    let text = render(&plan);
    let (plain, pruned, left_out) = plain_and_pruned(&matcher, &text);
    assert_eq!(plain.len(), 1, "{text}");
    assert_eq!(plain, pruned);
    assert_eq!(left_out, 1, "the long paragraph has no partner");
    // Paragraphs of one length but other words are left out by their sketches.
    let other: Vec<usize> = (0..30).map(|i| i % 3).collect();
    let plan = vec![(other, None, vec![]), plan[0].clone(), plan[2].clone()];
    let (plain, pruned, left_out) = plain_and_pruned(&matcher, &render(&plan));
    assert_eq!((plain.len(), left_out), (1, 1));
    assert_eq!(plain, pruned);
}

#[test]
fn a_document_of_more_paragraphs_than_a_shingle_may_have_leaves_none_out() {
    // Paragraphs that no other one comes near still count towards a shingle's paragraph limit:
    // here the two long ones hold the shingles of the later pair, whose shingles then reach the
    // limit of 2 and propose no candidates. Left out, they would let the pair be found.
    let rule_file = NEAR_RULE.replace("max-shingle-paragraphs = 50", "max-shingle-paragraphs = 2");
    assert_ne!(rule_file, NEAR_RULE);
    let matcher = near_matcher(&rule_file);
    let base: Vec<String> = (0..25).map(|i| format!("base{i}")).collect();
    let filler = |count: usize| (0..count).map(|i| format!("filler{i}")).collect::<Vec<_>>();
    let mut changed = base.clone();
    changed[24] = "changed".into();
    let pair = [base.join(" "), changed.join(" ")];
    let long = [75, 975].map(|count| [filler(count), base.clone()].concat().join(" "));
    let with_long = [&long[..], &pair[..]].concat().join("\n\n");
    let (plain, pruned, _) = plain_and_pruned(&matcher, &with_long);
    assert_eq!(plain, pruned);
    assert!(plain.is_empty(), "{plain:?}");
    let (alone, _, _) = plain_and_pruned(&matcher, &pair.join("\n\n"));
    assert_eq!(alone.len(), 1, "the pair alone is a finding: {alone:?}");
}
