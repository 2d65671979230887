//! Tests of the shingle index and its word and shingle hashes.

use super::*;

#[test]
fn shingle_index_proposes_earlier_paragraphs_most_shared_first() {
    let mut index = ShingleIndex::new(1, 50);
    assert!(index.insert(0, &[1, 2], 0.5).is_empty());
    assert_eq!(index.insert(1, &[1, 2, 3, 4], 0.5), [0]);
    // Paragraph 1 shares four shingles, paragraph 0 two (all of its set): both pass, 1 first.
    assert_eq!(index.insert(2, &[1, 2, 3, 4], 0.5), [1, 0]);
    // Paragraph 1 shares 1 of the smaller set's 4, below half of it.
    assert_eq!(index.insert(3, &[2, 7, 8, 9], 0.5), [0]);
}

#[test]
fn shingle_index_stops_counting_a_shingle_past_its_paragraph_limit() {
    let mut index = ShingleIndex::new(1, 2);
    assert!(index.insert(0, &[1, 2, 3, 4], 0.5).is_empty());
    assert_eq!(index.insert(1, &[1, 2, 9], 0.5), [0]);
    assert_eq!(index.insert(2, &[1, 9, 10, 11], 0.5), [1]);
    // Shingle 1 now sits in three paragraphs, one past the limit, and proposes nothing more.
    assert_eq!(index.insert(3, &[1, 2, 3], 0.5), [0]);
    assert!(index.insert(4, &[1, 20, 21], 0.1).is_empty());
}

/// The shingle hashes of `key`.
fn shingles_of(index: &ShingleIndex, key: &str) -> Vec<u64> {
    Shingles::new(&words_of(index, key), index.shingle_words).collect()
}

/// The word hashes of `key`.
fn words_of(index: &ShingleIndex, key: &str) -> Vec<u64> {
    let mut words = Vec::new();
    index.hash_words(key, &mut words);
    words
}

#[test]
fn a_sliding_shingle_hashes_as_the_same_words_hash_alone() {
    for width in 1..=4 {
        let index = ShingleIndex::new(width, 50);
        let repeated = shingles_of(&index, "a b c d a b c d e");
        assert_eq!(repeated.len(), 10 - width, "{width}");
        assert_eq!(repeated.first(), repeated.get(4), "{width}");
        assert_ne!(repeated.first(), repeated.get(1), "{width}");
        let words = shingles_of(&index, "b c d e");
        assert_eq!(words.first(), repeated.get(5), "{width}");
    }
    let index = ShingleIndex::new(3, 50);
    let forward = shingles_of(&index, "a b c");
    assert_eq!(forward.len(), 1);
    assert_ne!(forward, shingles_of(&index, "c b a"), "order matters");
    assert!(
        shingles_of(&index, "a b").is_empty(),
        "fewer words than a shingle"
    );
}

#[test]
fn a_word_hashes_alike_wherever_it_stands_whatever_its_length() {
    let index = ShingleIndex::new(1, 50);
    let words = [
        "a",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "abcdefghijklmnop",
        "é日本",
    ];
    for word in words {
        let alone = words_of(&index, word);
        assert_eq!(alone.len(), 1, "{word}");
        for before in ["", "x ", "xyz ", "abcdefg "] {
            let key = format!("{before}{word} q {word}");
            let hashes = words_of(&index, &key);
            assert_eq!(hashes.len(), key.split(' ').count(), "{key}");
            assert_eq!(hashes.last(), alone.first(), "{key}");
            assert_eq!(hashes.get(hashes.len() - 3), alone.first(), "{key}");
        }
    }
    let hashes = words_of(
        &index,
        "abcdefghijklmnop abcdefghijklmnoq abcdefgh abcdefghq a aa",
    );
    let distinct: std::collections::HashSet<_> = hashes.iter().collect();
    assert_eq!(distinct.len(), hashes.len(), "different words hash apart");
    assert!(words_of(&index, "").is_empty());
    // With one-word shingles, the shingle hashes are the word hashes.
    assert_eq!(shingles_of(&index, "a bc a"), words_of(&index, "a bc a"));
}

#[test]
fn shingle_index_takes_a_repeated_shingle_once() {
    let mut index = ShingleIndex::new(1, 50);
    assert!(index.insert(0, &[1, 1, 2, 2], 1.0).is_empty());
    // Both distinct sets are {1, 2}: all of the smaller one is shared.
    assert_eq!(index.insert(1, &[2, 1], 1.0), [0]);
    // {1, 3} shares one shingle with each, not three: below 0.6 of two.
    assert!(index.insert(2, &[1, 1, 1, 3], 0.6).is_empty());
}
