//! The non-ASCII characters most seeds hold (Latin-1 and Turkic letters, Greek, Cyrillic,
//! Arabic, CJK, curly quotes and dashes), answered without the Unicode tables: every one of them
//! passes NFKC's quick check with combining class 0, and each letter's lower case is one
//! character at a fixed distance. Decoding and looking up these tables was most of what a key
//! cost per non-ASCII character; the tests below check every character of every range against
//! the tables.

use std::ops::RangeInclusive;

/// Letters as `(range, distance to the lower case)`: each is alphanumeric, NFKC quick check
/// `Yes` with combining class 0, and its lower case is the one character `distance` above it.
const LETTERS: [(RangeInclusive<char>, u32); 17] = [
    ('\u{c0}'..='\u{d6}', 0x20),
    ('\u{d8}'..='\u{de}', 0x20),
    ('\u{df}'..='\u{f6}', 0),
    ('\u{f8}'..='\u{ff}', 0),
    ('\u{11f}'..='\u{11f}', 0),
    ('\u{131}'..='\u{131}', 0),
    ('\u{15f}'..='\u{15f}', 0),
    ('\u{259}'..='\u{259}', 0),
    ('\u{391}'..='\u{3a1}', 0x20),
    ('\u{3a3}'..='\u{3a9}', 0x20),
    ('\u{3b1}'..='\u{3c9}', 0),
    ('\u{400}'..='\u{40f}', 0x50),
    ('\u{410}'..='\u{42f}', 0x20),
    ('\u{430}'..='\u{45f}', 0),
    ('\u{621}'..='\u{63a}', 0),
    ('\u{641}'..='\u{64a}', 0),
    ('\u{4e00}'..='\u{9fff}', 0),
];

/// Punctuation that passes NFKC's quick check with combining class 0: dashes, curly quotes,
/// bullets, daggers.
const PUNCTUATION: [RangeInclusive<char>; 2] = ['\u{2012}'..='\u{2016}', '\u{2018}'..='\u{2023}'];

/// The lower case of `c` when it is one of the common letters of [`LETTERS`].
pub(super) fn common_lower(c: char) -> Option<char> {
    let (_, distance) = LETTERS.iter().find(|(range, _)| range.contains(&c))?;
    char::from_u32(u32::from(c) + distance)
}

/// True when `c` is known, without the tables, to pass NFKC's quick check with combining class
/// 0: a common letter or punctuation mark.
pub(super) fn is_common_normalized(c: char) -> bool {
    PUNCTUATION.iter().any(|range| range.contains(&c)) || common_lower(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, is_nfkc_quick};

    fn all() -> impl Iterator<Item = char> {
        let letters = LETTERS.iter().flat_map(|(range, _)| range.clone());
        letters.chain(PUNCTUATION.iter().flat_map(RangeInclusive::clone))
    }

    #[test]
    fn every_common_character_passes_the_quick_check_with_combining_class_zero() {
        for c in all() {
            assert!(is_common_normalized(c), "{c:?}");
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn every_common_letter_lowers_as_the_tables_say() {
        for (range, _) in &LETTERS {
            for c in range.clone() {
                let lower: Vec<char> = c.to_lowercase().collect();
                assert_eq!(common_lower(c).map(|l| vec![l]), Some(lower), "{c:?}");
                assert!(c.is_alphanumeric(), "{c:?}");
                assert!(common_lower(c).is_some_and(char::is_alphanumeric), "{c:?}");
            }
        }
        for c in PUNCTUATION.iter().flat_map(RangeInclusive::clone) {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert!(common_lower(c).is_none(), "{c:?}");
        }
        assert!(common_lower('a').is_none() && common_lower('\u{130}').is_none());
    }
}
