//! The key `K(p)` of a paragraph, which both duplicate modes compare: NFKC, lower case, every
//! run of characters other than letters and numbers one space. ASCII is folded eight bytes at
//! a time, so that only the non-ASCII characters of a seed are ever decoded or normalised, and
//! the counts both modes ask of a key (words, characters) are taken while it is built.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::letters;

/// A paragraph's key with its word and character counts, which both modes compare against their
/// minimums for every paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::rules) struct Key {
    /// The key: single-space separated words of lower-case letters and numbers.
    pub(super) text: String,
    /// How many words `text` has.
    pub(super) words: usize,
    /// How many characters `text` has.
    pub(super) chars: usize,
}

/// The key `K(p)` of a text: NFKC, lower case, every character that is not a letter or a number
/// replaced by a space, runs of spaces collapsed, trimmed. Its words are its `' '`-separated
/// tokens.
pub(super) fn key(text: &str) -> Key {
    // Text that passes NFKC's quick check is already normalised, and most seed text does, so the
    // costly normalisation runs only where it can change something. ASCII characters are always
    // normalised and are skipped by the check; dropping them can only turn a `Yes` into `Maybe`
    // (two marks that an ASCII character kept apart), which takes the slow but equal path.
    // The common letters and punctuation pass the check for sure; leaving them out is as safe as
    // leaving out ASCII, and spares their table lookups. The characters to check are noted while
    // the text is folded, which decodes every non-ASCII character anyway: a pass of its own to
    // find them cost a tenth of the key.
    let mut unchecked = Vec::new();
    let folded = fold_text(text, &mut unchecked);
    if unchecked.is_empty() || is_nfkc_quick(unchecked.into_iter()) == IsNormalized::Yes {
        folded
    } else {
        fold(text.nfkc(), text.len())
    }
}

/// True when NFKC turns `c` into ASCII characters that are neither letters nor digits (a
/// no-break space, a full-width comma, an ellipsis). Such a character is a separator in the key
/// before and after normalisation, and what it becomes neither composes into a letter with its
/// neighbours nor lets them compose across it, so the quick check may leave it out: a document
/// full of no-break spaces then keeps the fast path.
pub(super) fn is_separator_under_nfkc(c: char) -> bool {
    let mut separator = true;
    unicode_normalization::char::decompose_compatible(c, |part| {
        separator &= part.is_ascii() && !part.is_ascii_alphanumeric();
    });
    separator
}

/// Lower-cases `chars` and turns every run of characters other than letters and numbers into
/// one space, trimmed at both ends.
pub(super) fn fold(chars: impl Iterator<Item = char>, capacity: usize) -> Key {
    let mut key = Folded::with_capacity(capacity);
    for c in chars {
        match u8::try_from(c) {
            Ok(byte) if byte.is_ascii() => key.push_ascii(byte),
            _ => key.push_char(c),
        }
    }
    key.finish()
}

/// [`fold`] of `text`'s characters, eight bytes at a time for ASCII (most of any seed); only
/// other characters are decoded. Pushes onto `unchecked` each of them that NFKC's quick check
/// must see: neither a common letter or punctuation mark nor a separator under NFKC.
pub(super) fn fold_text(text: &str, unchecked: &mut Vec<char>) -> Key {
    let mut key = Folded::with_capacity(text.len());
    let mut at = 0;
    loop {
        at += key.push_ascii_prefix(text.as_bytes().get(at..).unwrap_or_default());
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if !letters::is_common_normalized(c) && !is_separator_under_nfkc(c) {
            unchecked.push(c);
        }
        key.push_char(c);
        at += c.len_utf8();
    }
    key.finish()
}

/// Each ASCII byte's lower case when it is a letter or digit, else 0 (indexed by the byte, so
/// a non-ASCII byte falls outside it).
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() {
            table[byte] = b.to_ascii_lowercase();
        }
        byte += 1;
    }
    table
};

/// Eight ASCII bytes folded at once: letters lower-cased, every other byte a space.
struct FoldedChunk {
    bytes: u64,
    /// The high bit of each byte that was a separator.
    separators: u64,
}

/// Folds eight ASCII bytes.
fn fold_chunk(chunk: u64) -> FoldedChunk {
    // Setting 0x20 lower-cases an ASCII capital and keeps a small letter, so one range test
    // finds the letters of both cases.
    let letters = in_range(chunk | (ONES * 0x20), b'a', b'z');
    let separators = !(letters | in_range(chunk, b'0', b'9')) & HIGH_BITS;
    // Every byte of a separator set, by spreading its high bit over the byte.
    let separator_bytes = (separators >> 7) * 0xff;
    let lowered = chunk | (letters >> 2);
    FoldedChunk {
        bytes: (lowered & !separator_bytes) | (separator_bytes & (ONES * u64::from(b' '))),
        separators,
    }
}

/// `bytes` (little-endian) without the bytes whose high bit is set in `dropped`, the bytes
/// after each moved down over it; the freed top bytes hold leftovers. From the last dropped
/// byte to the first, so that the ones still to go keep their places.
fn without_bytes(mut bytes: u64, mut dropped: u64) -> u64 {
    while dropped != 0 {
        let high_bit = 63 - dropped.leading_zeros();
        // The bytes before the dropped one, which stay where they are.
        let before = (1_u64 << (high_bit - 7)) - 1;
        bytes = (bytes & before) | ((bytes >> 8) & !before);
        dropped &= !(1_u64 << high_bit);
    }
    bytes
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// One in each byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `chunk` (eight ASCII bytes) that lies in `low..=high`: adding
/// a constant to a byte below 0x80 sets its high bit exactly when it reaches the bound, and
/// never carries into the next byte.
fn in_range(chunk: u64, low: u8, high: u8) -> u64 {
    let at_least_low = chunk + ONES * (0x80 - u64::from(low));
    let above_high = chunk + ONES * (0x7f - u64::from(high));
    at_least_low & !above_high & HIGH_BITS
}

/// The General Punctuation block, where no character is a letter or a number.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// A key being built: letters and numbers go in as they come, a separator becomes a space
/// unless a space (or nothing) comes just before it, and [`Folded::finish`] drops the one space
/// that may end the key.
struct Folded {
    key: Vec<u8>,
    /// Whether the key is empty or ends with a space, so that a separator adds nothing.
    after_space: bool,
    /// Spaces written so far.
    spaces: usize,
    /// Whether only ASCII went in, so that the key's bytes are its characters.
    ascii: bool,
}

impl Folded {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            key: Vec::with_capacity(capacity),
            after_space: true,
            spaces: 0,
            ascii: true,
        }
    }

    /// Adds the bytes of `bytes` up to its first non-ASCII one, and says how many that was:
    /// eight bytes at a time while they are all ASCII, then one by one.
    fn push_ascii_prefix(&mut self, bytes: &[u8]) -> usize {
        let mut at = 0;
        for chunk in bytes.chunks_exact(8) {
            let chunk = <[u8; 8]>::try_from(chunk).map_or(HIGH_BITS, u64::from_le_bytes);
            if chunk & HIGH_BITS != 0 {
                break;
            }
            self.push_chunk(fold_chunk(chunk));
            at += 8;
        }
        at + self.push_bytes(bytes.get(at..).unwrap_or_default())
    }

    /// Adds eight folded bytes, leaving out each space that follows a space (or opens the
    /// key): all eight at once when none does (most chunks of running text); else the kept
    /// bytes are moved together in the `u64`, all eight written and the dropped ones' worth
    /// cut off the end again, since such chunks are common too (every `, ` and `. ` of running
    /// text makes one) and writing their bytes one by one cost more.
    fn push_chunk(&mut self, chunk: FoldedChunk) {
        let after_separator = (chunk.separators << 8) | (u64::from(self.after_space) << 7);
        let dropped = chunk.separators & after_separator;
        if dropped == 0 {
            self.key.extend_from_slice(&chunk.bytes.to_le_bytes());
        } else {
            let bytes = without_bytes(chunk.bytes, dropped);
            self.key.extend_from_slice(&bytes.to_le_bytes());
            let kept = self
                .key
                .len()
                .saturating_sub(crate::text::count_high_bits(dropped));
            self.key.truncate(kept);
        }
        self.spaces += crate::text::count_high_bits(chunk.separators & !dropped);
        self.after_space = chunk.separators >> 63 != 0;
    }

    /// Adds the bytes of `bytes` one by one up to the first non-ASCII one, and says how many
    /// that was.
    fn push_bytes(&mut self, bytes: &[u8]) -> usize {
        for (at, &byte) in bytes.iter().enumerate() {
            if !byte.is_ascii() {
                return at;
            }
            self.push_ascii(byte);
        }
        bytes.len()
    }

    /// Adds one ASCII byte: its lower case when it is a letter or digit, else a separator.
    fn push_ascii(&mut self, byte: u8) {
        match ASCII_FOLD.get(usize::from(byte)) {
            Some(0) | None => self.push_separator(),
            Some(&lower) => {
                self.key.push(lower);
                self.after_space = false;
            }
        }
    }

    fn push_separator(&mut self) {
        if !self.after_space {
            self.key.push(b' ');
            self.spaces += 1;
            self.after_space = true;
        }
    }

    /// Adds a letter or number that is not ASCII.
    fn push_letter(&mut self, c: char) {
        self.ascii = false;
        self.after_space = false;
        self.key
            .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    /// Adds one character: its lower case when it is a letter or number, else a separator.
    fn push_char(&mut self, c: char) {
        // General Punctuation (curly quotes, dashes, Unicode spaces), the commonest non-ASCII
        // characters of Latin-script text, holds no letter or number: no case tables needed.
        if GENERAL_PUNCTUATION.contains(&c) {
            self.push_separator();
            return;
        }
        // The common letters of other scripts lower-case without the case tables (a non-ASCII
        // letter's lower case is never ASCII among them).
        if let Some(lower) = letters::common_lower(c) {
            self.push_letter(lower);
            return;
        }
        for lower in c.to_lowercase() {
            if let Some(byte) = u8::try_from(lower).ok().filter(u8::is_ascii) {
                self.push_ascii(byte);
            } else if lower.is_alphanumeric() {
                self.push_letter(lower);
            } else {
                self.push_separator();
            }
        }
    }

    /// The key with its counts, without the space that may end it; whole characters went in,
    /// so it is UTF-8.
    fn finish(mut self) -> Key {
        if self.key.last() == Some(&b' ') {
            self.key.pop();
            self.spaces = self.spaces.saturating_sub(1);
        }
        let words = if self.key.is_empty() {
            0
        } else {
            self.spaces + 1
        };
        let text = String::from_utf8(self.key)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
        let chars = if self.ascii {
            text.len()
        } else {
            text.chars().count()
        };
        Key { text, words, chars }
    }
}

/// The words of a key, which are separated by single spaces (an empty key has none). A key holds
/// no ASCII white space but its single spaces, so splitting at ASCII white space gives its
/// words, through a plain byte split that is far cheaper per word than a string pattern search.
pub(super) fn key_words(key: &str) -> Vec<&str> {
    key.split_ascii_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The key by its definition, a character at a time through the Unicode tables.
    fn defined_key(text: &str) -> String {
        let folded: String = text
            .nfkc()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        /// Taking bytes out of a chunk keeps the others, in order, as filtering them does.
        #[test]
        fn without_bytes_keeps_the_other_bytes_in_order(bytes: u64, drop in 0_u8..=255) {
            let dropped = (0..8)
                .filter(|bit| drop >> bit & 1 == 1)
                .fold(0, |mask, bit| mask | 0x80 << (8 * bit));
            let expected: Vec<u8> = bytes
                .to_le_bytes()
                .into_iter()
                .zip(0..)
                .filter(|&(_, bit)| drop >> bit & 1 == 0)
                .map(|(byte, _)| byte)
                .collect();
            let kept = without_bytes(bytes, dropped).to_le_bytes();
            proptest::prop_assert_eq!(&kept[..expected.len()], expected.as_slice());
        }
    }

    #[test]
    fn key_agrees_with_its_definition_on_generated_text() {
        // Runs of separators across and within eight-byte chunks, at the ends, next to
        // non-ASCII letters and separators, and characters that NFKC changes.
        let pieces: Vec<&str> = "a|Z|9|word|Mixed|LONGERWORD| |  |, |. |-|--|.|\t|\n|é|’|日本|İ|\u{a0}|_|@|`|[|{|/|:|e\u{301}"
            .split('|')
            .collect();
        // A fixed linear congruential sequence: the same texts every run.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            state
        };
        for _ in 0..4000 {
            let text: String = (0..next() >> 58)
                .map(|_| pieces[(next() >> 33) as usize % pieces.len()])
                .collect();
            let folded = key(&text);
            assert_eq!(folded.text, defined_key(&text), "{text:?}");
            assert_eq!(folded.words, key_words(&folded.text).len(), "{text:?}");
            assert_eq!(folded.chars, folded.text.chars().count(), "{text:?}");
        }
    }
}
