//! The key `K(p)` of a paragraph, which both duplicate modes compare: NFKC, lower case, every
//! run of characters other than letters and numbers one space. Folding is byte by byte for
//! ASCII, so that only the non-ASCII characters of a seed are ever decoded or normalised, and
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
    // leaving out ASCII, and spares their table lookups.
    let checked = non_ascii_chars(text)
        .filter(|&c| !letters::is_common_normalized(c) && !is_separator_under_nfkc(c));
    if text.is_ascii() || is_nfkc_quick(checked) == IsNormalized::Yes {
        fold_text(text)
    } else {
        fold(text.nfkc(), text.len())
    }
}

/// The non-ASCII characters of `text`, found by their lead bytes so that the ASCII bytes around
/// them are never decoded.
pub(super) fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // Eight bytes without a lead byte are passed over at once.
            let chunk = bytes
                .get(at..at + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok());
            if chunk.is_some_and(|chunk| !has_lead_byte(u64::from_le_bytes(chunk))) {
                at += 8;
                continue;
            }
            let &byte = bytes.get(at)?;
            at += 1;
            if byte >= 0xc0 {
                return text.get(at - 1..).and_then(|rest| rest.chars().next());
            }
        }
    })
}

/// True when one of the eight bytes of `chunk` leads a multi-byte character (0xC0 and above:
/// its top two bits set).
fn has_lead_byte(chunk: u64) -> bool {
    chunk & (chunk << 1) & HIGH_BITS != 0
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
        let ascii = u8::try_from(c)
            .ok()
            .and_then(|byte| ASCII_FOLD.get(usize::from(byte)));
        match ascii {
            Some(0) => key.push_separator(),
            Some(&lower) => key.push_byte(lower),
            None => key.push_char(c),
        }
    }
    key.finish()
}

/// [`fold`] of `text`'s characters, byte by byte for ASCII (most of any seed): a table gives
/// each ASCII byte's lower case, or 0 for a separator; only other characters are decoded.
pub(super) fn fold_text(text: &str) -> Key {
    let mut key = Folded::with_capacity(text.len());
    let mut at = 0;
    loop {
        at += key.push_ascii_prefix(text.as_bytes().get(at..).unwrap_or_default());
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
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

/// Eight ASCII bytes folded at once: letters lower-cased, each separator a space.
struct FoldedChunk {
    bytes: u64,
    /// The high bit of each byte that was a separator.
    separators: u64,
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// One in each byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Folds eight bytes at once when they are all ASCII and no separator directly follows
/// another among them (each one then stands for exactly one space of the key).
fn fold_chunk(chunk: u64) -> Option<FoldedChunk> {
    if chunk & HIGH_BITS != 0 {
        return None;
    }
    let upper = in_range(chunk, b'A', b'Z');
    let alphanumeric = upper | in_range(chunk, b'a', b'z') | in_range(chunk, b'0', b'9');
    let separators = !alphanumeric & HIGH_BITS;
    if separators & (separators << 8) != 0 {
        return None;
    }
    // Every byte of a separator set, by spreading its high bit over the byte.
    let separator_bytes = (separators >> 7) * 0xff;
    // Setting 0x20 lower-cases an ASCII capital.
    let lowered = chunk | (upper >> 2);
    Some(FoldedChunk {
        bytes: (lowered & !separator_bytes) | (separator_bytes & (ONES * u64::from(b' '))),
        separators,
    })
}

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

/// A key being built: letters and numbers go in as they come, separators become one pending
/// space that is written only before the next letter or number.
struct Folded {
    key: Vec<u8>,
    pending_space: bool,
    /// Spaces written so far: one fewer than the words of a non-empty key.
    spaces: usize,
    /// Whether only ASCII went in, so that the key's bytes are its characters.
    ascii: bool,
}

impl Folded {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            key: Vec::with_capacity(capacity),
            pending_space: false,
            spaces: 0,
            ascii: true,
        }
    }

    /// Adds one byte of a letter or number (an ASCII one, or part of a whole character's
    /// UTF-8 encoding).
    fn push_byte(&mut self, byte: u8) {
        if self.pending_space {
            if !self.key.is_empty() {
                self.key.push(b' ');
                self.spaces += 1;
            }
            self.pending_space = false;
        }
        self.key.push(byte);
    }

    /// Adds the bytes of `bytes` up to its first non-ASCII one, and says how many that was:
    /// eight bytes at a time where [`Folded::push_chunk`] can, else one by one.
    fn push_ascii_prefix(&mut self, bytes: &[u8]) -> usize {
        let mut at = 0;
        while let Some(chunk) = bytes.get(at..at + 8) {
            let whole = <[u8; 8]>::try_from(chunk)
                .is_ok_and(|chunk| self.push_chunk(u64::from_le_bytes(chunk)));
            let done = if whole { 8 } else { self.push_bytes(chunk) };
            at += done;
            if done < 8 {
                return at;
            }
        }
        at + self.push_bytes(bytes.get(at..).unwrap_or_default())
    }

    /// Adds the bytes of `bytes` one by one up to the first non-ASCII one, and says how many
    /// that was.
    fn push_bytes(&mut self, bytes: &[u8]) -> usize {
        for (at, &byte) in bytes.iter().enumerate() {
            match ASCII_FOLD.get(usize::from(byte)) {
                Some(0) => self.pending_space = true,
                Some(&lower) => self.push_byte(lower),
                None => return at,
            }
        }
        bytes.len()
    }

    /// Adds eight ASCII bytes at once when no two separators stand side by side among them
    /// (most of running text), so each separator becomes one space where it stands; false,
    /// with nothing added, for any other chunk and for a separator that would open the key.
    fn push_chunk(&mut self, chunk: u64) -> bool {
        let Some(folded) = fold_chunk(chunk) else {
            return false;
        };
        let starts_with_separator = folded.separators & 0x80 != 0;
        if starts_with_separator && self.key.is_empty() {
            return false;
        }
        // A separator in the first byte stands for a pending one as well; otherwise a pending
        // one is written before the chunk, as `push_byte` would.
        if self.pending_space && !starts_with_separator && !self.key.is_empty() {
            self.key.push(b' ');
            self.spaces += 1;
        }
        let ends_with_separator = folded.separators >> 63 != 0;
        // All eight bytes go in at once (a copy of fixed length, where seven or eight bytes
        // would call `memcpy`), and a separator at the end is taken back out: it stays pending.
        self.key.extend_from_slice(&folded.bytes.to_le_bytes());
        if ends_with_separator {
            self.key.pop();
        }
        self.spaces +=
            crate::text::count_high_bits(folded.separators) - usize::from(ends_with_separator);
        self.pending_space = ends_with_separator;
        true
    }

    fn push_separator(&mut self) {
        self.pending_space = true;
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
            self.ascii = false;
            for &byte in lower.encode_utf8(&mut [0; 4]).as_bytes() {
                self.push_byte(byte);
            }
            return;
        }
        for lower in c.to_lowercase() {
            if lower.is_alphanumeric() {
                self.ascii &= lower.is_ascii();
                for &byte in lower.encode_utf8(&mut [0; 4]).as_bytes() {
                    self.push_byte(byte);
                }
            } else {
                self.push_separator();
            }
        }
    }

    /// The key with its counts: whole characters went in, so it is UTF-8.
    fn finish(self) -> Key {
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
