//! Tests of the bounded word distance: edge cases by hand, the bound at its exact edge, and on
//! random token lists the same decision and ratio as `similar`'s Myers diff without a deadline.

use proptest::prelude::*;
use similar::{Algorithm, TextDiff};

use super::*;

const THRESHOLD: f32 = 0.9;

/// Steps enough for any pair of these tests.
fn plenty() -> u64 {
    u64::MAX
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// `similar`'s ratio of two token lists, computed by the diff to its end.
fn diff_ratio(algorithm: Algorithm, old: &[&str], new: &[&str]) -> f32 {
    TextDiff::configure()
        .algorithm(algorithm)
        .diff_slices(old, new)
        .ratio()
}

#[test]
fn two_empty_lists_are_equal() {
    let empty: [&str; 0] = [];
    assert_eq!(bounded_distance(&empty, &empty, 0, &mut plenty()), Some(0));
    assert_eq!(ratio(0, 0), 1.0);
    assert_eq!(similarity(&empty, &empty, 1.0, &mut plenty()), Some(1.0));
}

#[test]
fn identical_lists_are_zero_apart() {
    let text = words("the council met on tuesday and the council voted");
    assert_eq!(bounded_distance(&text, &text, 0, &mut plenty()), Some(0));
    assert_eq!(similarity(&text, &text, 1.0, &mut plenty()), Some(1.0));
}

#[test]
fn one_empty_list_is_all_of_the_other_apart() {
    let text = words("one two three four five");
    let empty: Vec<&str> = Vec::new();
    assert_eq!(bounded_distance(&text, &empty, 5, &mut plenty()), Some(5));
    assert_eq!(bounded_distance(&empty, &text, 5, &mut plenty()), Some(5));
    assert_eq!(bounded_distance(&text, &empty, 4, &mut plenty()), None);
    assert_eq!(bounded_distance(&empty, &text, 4, &mut plenty()), None);
    assert_eq!(similarity(&text, &empty, 0.8, &mut plenty()), None);
}

#[test]
fn a_distance_one_past_the_bound_is_refused() {
    // Two words replaced and one inserted: 2 + 2 + 1 edits.
    let old = words("a b c d e f g h");
    let new = words("a x c d y f g h z");
    assert_eq!(bounded_distance(&old, &new, 5, &mut plenty()), Some(5));
    assert_eq!(bounded_distance(&old, &new, 4, &mut plenty()), None);
    assert_eq!(bounded_distance(&new, &old, 5, &mut plenty()), Some(5));
    assert_eq!(bounded_distance(&new, &old, 4, &mut plenty()), None);
}

/// 20 words with the first `changed` of them replaced: `2·changed` edits among 40 words.
fn changed_copy(changed: usize) -> (Vec<String>, Vec<String>) {
    let old: Vec<String> = (0..20).map(|word| format!("w{word}")).collect();
    let mut new = old.clone();
    for word in new.iter_mut().take(changed) {
        word.push('x');
    }
    (old, new)
}

#[test]
fn the_threshold_holds_at_its_exact_edge() {
    // 0.9 of 40 words allows 4 edits: two replaced words reach exactly 0.9, three do not.
    assert_eq!(max_distance(40, THRESHOLD), 4);
    let (old, new) = changed_copy(2);
    assert_eq!(similarity(&old, &new, THRESHOLD, &mut plenty()), Some(0.9));
    let (old, new) = changed_copy(3);
    assert_eq!(similarity(&old, &new, THRESHOLD, &mut plenty()), None);
}

#[test]
fn a_pair_gets_no_more_steps_than_it_is_given() {
    let (old, new) = changed_copy(3);
    let mut steps = plenty();
    let distance = bounded_distance(&old, &new, 10, &mut steps);
    assert_eq!(distance, Some(6));
    let needed = plenty() - steps;
    assert!(needed > 0, "the search spends steps");
    let mut exact = needed;
    assert_eq!(bounded_distance(&old, &new, 10, &mut exact), Some(6));
    assert_eq!(exact, 0);
    let mut short = needed - 1;
    assert_eq!(bounded_distance(&old, &new, 10, &mut short), None);
    assert_eq!(short, 0, "a search that ran out has spent everything");
}

#[test]
fn halves_swapped_in_long_paragraphs_are_refused_within_the_pair_steps() {
    let old: Vec<String> = (0..200_000).map(|i| format!("w{i}")).collect();
    let mut new = old.clone();
    new.rotate_left(100_000);
    let mut steps = PAIR_STEPS;
    assert_eq!(similarity(&old, &new, 0.8, &mut steps), None);
    assert_eq!(steps, 0, "without the step bound this pair takes minutes");
}

#[test]
fn max_distance_is_the_largest_distance_that_reaches_the_threshold() {
    for threshold in [0.8, 0.85, 0.9, 0.93, 0.95, 0.99, 1.0] {
        for total in 0..3000 {
            let largest = (0..=total)
                .rev()
                .find(|&distance| ratio(total, distance) >= threshold)
                .unwrap_or(0);
            assert_eq!(
                max_distance(total, threshold),
                largest,
                "{total} words at {threshold}"
            );
        }
    }
}

/// A token list over a four-word alphabet, so that random lists share many words.
fn tokens() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::collection::vec(proptest::sample::select(&["a", "b", "c", "d"][..]), 0..60)
}

/// `old` with a few random edits (0 deletes, 1 inserts, 2 replaces), cut to 59 tokens.
fn edited(old: &[&'static str], edits: &[(usize, u8, &'static str)]) -> Vec<&'static str> {
    let mut new = old.to_vec();
    for &(at, edit, token) in edits {
        let at = at % (new.len() + 1);
        match edit {
            0 if at < new.len() => {
                new.remove(at);
            }
            2 if at < new.len() => new[at] = token,
            _ => new.insert(at, token),
        }
    }
    new.truncate(59);
    new
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, &'static str)>> {
    let token = proptest::sample::select(&["a", "b", "c", "d", "e"][..]);
    proptest::collection::vec((0..64usize, 0..3u8, token), 0..8)
}

fn assert_agrees_with_similar(old: &[&str], new: &[&str], threshold: f32) {
    let expected = diff_ratio(Algorithm::RawMyers, old, new);
    assert_eq!(diff_ratio(Algorithm::Myers, old, new), expected);
    let total = old.len() + new.len();
    let distance = bounded_distance(old, new, total, &mut plenty());
    assert_eq!(
        distance.map(|distance| ratio(total, distance)),
        Some(expected)
    );
    // Around the true distance, a bound is met exactly when it is not below it.
    let distance = distance.unwrap_or(0);
    for max in distance.saturating_sub(2)..=distance + 2 {
        let within = bounded_distance(old, new, max, &mut plenty());
        assert_eq!(within, (max >= distance).then_some(distance), "bound {max}");
    }
    let decision = similarity(old, new, threshold, &mut plenty());
    assert_eq!(decision, (expected >= threshold).then_some(expected));
    // At the pair's own ratio the bound is met exactly; a hair above, it is not.
    assert_eq!(
        similarity(old, new, expected, &mut plenty()),
        Some(expected)
    );
    if expected < 1.0 {
        assert_eq!(
            similarity(old, new, expected.next_up(), &mut plenty()),
            None
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_lists_get_similars_ratio(old in tokens(), new in tokens(), threshold in 0.8f32..=1.0) {
        assert_agrees_with_similar(&old, &new, threshold);
    }

    #[test]
    fn edited_copies_get_similars_ratio(old in tokens(), edits in edits(), threshold in 0.8f32..=1.0) {
        let new = edited(&old, &edits);
        assert_agrees_with_similar(&old, &new, threshold);
        assert_agrees_with_similar(&new, &old, threshold);
    }
}
