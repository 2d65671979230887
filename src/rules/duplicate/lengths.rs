//! The length bound of near mode: two paragraphs of `a` and `b` words have a word ratio of at
//! most `2·min(a, b)/(a + b)`, so a pair whose lengths lie too far apart is never diffed, and a
//! paragraph whose length lies too far from every other paragraph's can be left out of near
//! mode's work altogether, before its words are hashed.

/// True when paragraphs of `a` and `b` words may still reach `threshold`: the ratio's bound
/// `2·min(a, b)/(a + b)`, in the `f32` arithmetic of the ratio itself.
pub(super) fn may_reach(a: usize, b: usize, threshold: f32) -> bool {
    shares_enough(a.min(b), a, b, threshold)
}

/// True when paragraphs of `a` and `b` words that share at most `shared` words may still reach
/// `threshold`: a diff matches no more words than the two share, so `2·shared/(a + b)` bounds
/// the ratio, here in the ratio's own `f32` arithmetic (a bound that only grows with `shared`).
pub(super) fn shares_enough(shared: usize, a: usize, b: usize, threshold: f32) -> bool {
    let total = (a + b).max(1) as f32;
    2.0 * shared as f32 / total >= threshold
}

/// Below this many words every word count and every sum of two converts to `f32` exactly
/// (integers up to 2²⁴ do), so the bound of [`may_reach`] grows as one length nears the other:
/// the nearest lengths on either side are the best partners a paragraph can have.
pub(super) const EXACT_IN_F32: usize = 1 << 23;

/// For each of the paragraphs of `words` words, whether another of them has a length within
/// [`may_reach`]'s bound. Each length is compared with its neighbours in sorted order only,
/// which is enough as the bound grows towards equal lengths; past [`EXACT_IN_F32`] words, where
/// rounding could break that, every paragraph counts as having a partner.
pub(super) fn with_partner(words: &[usize], threshold: f32) -> Vec<bool> {
    if words.iter().any(|&count| count >= EXACT_IN_F32) {
        return vec![true; words.len()];
    }
    let mut order: Vec<(usize, usize)> = words.iter().copied().zip(0..).collect();
    order.sort_unstable();
    let mut partnered = vec![false; words.len()];
    for pair in order.windows(2) {
        let [(a, a_index), (b, b_index)] = pair else {
            continue;
        };
        if may_reach(*a, *b, threshold) {
            mark_partners(&mut partnered, *a_index, *b_index);
        }
    }
    partnered
}

/// Marks paragraphs `a` and `b` as each other's partners.
pub(super) fn mark_partners(partnered: &mut [bool], a: usize, b: usize) {
    for index in [a, b] {
        if let Some(flag) = partnered.get_mut(index) {
            *flag = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`with_partner`] by its definition: every other paragraph tried.
    fn defined_partners(words: &[usize], threshold: f32) -> Vec<bool> {
        (0..words.len())
            .map(|i| (0..words.len()).any(|j| i != j && may_reach(words[i], words[j], threshold)))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Neighbours in sorted order find exactly the paragraphs that some other paragraph's
        /// length bound admits, for small counts (many ties), realistic ones, and huge ones on
        /// both sides of the limit.
        #[test]
        fn sorted_neighbours_find_every_partner(
            words in prop_oneof![
                proptest::collection::vec(0_usize..40, 0..12),
                proptest::collection::vec(20_usize..400, 0..30),
                proptest::collection::vec((1_usize << 22)..(1 << 24), 0..6),
                proptest::collection::vec((1_usize << 22)..EXACT_IN_F32, 0..6),
            ],
            threshold in prop_oneof![Just(0.9_f32), Just(0.8), Just(1.0), 0.8_f32..=1.0],
        ) {
            let found = with_partner(&words, threshold);
            let defined = defined_partners(&words, threshold);
            if words.iter().all(|&count| count < EXACT_IN_F32) {
                prop_assert_eq!(found, defined);
            } else {
                // Too long to trust the sorted order: everything is kept, partner or not.
                prop_assert!(found.iter().all(|&kept| kept));
            }
        }
    }

    #[test]
    fn a_paragraph_far_from_every_other_length_has_no_partner() {
        assert_eq!(
            with_partner(&[20, 100, 24, 21, 300], 0.9),
            [true, false, true, true, false]
        );
        assert_eq!(with_partner(&[50], 0.9), [false]);
        assert!(with_partner(&[], 0.9).is_empty());
    }
}
