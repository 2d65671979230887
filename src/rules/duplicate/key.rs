//! The key `K(p)` of a paragraph, which both duplicate modes compare: NFKC, lower case, every
//! run of characters other than letters and numbers one space. Folding is byte by byte for
//! ASCII, so that only the non-ASCII characters of a seed are ever decoded or normalised, and
//! the counts both modes ask of a key (words, characters) are taken while it is built.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

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
    let checked = non_ascii_chars(text).filter(|&c| !is_separator_under_nfkc(c));
    if text.is_ascii() || is_nfkc_quick(checked) == IsNormalized::Yes {
        fold_text(text)
    } else {
        fold(text.nfkc(), text.len())
    }
}

/// The non-ASCII characters of `text`, found by their lead bytes so that the ASCII bytes around
/// them are never decoded.
pub(super) fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, byte)| byte >= 0xc0)
        .filter_map(|(at, _)| text.get(at..).and_then(|rest| rest.chars().next()))
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

    /// Adds the bytes of `bytes` up to its first non-ASCII one, and says how many that was.
    fn push_ascii_prefix(&mut self, bytes: &[u8]) -> usize {
        for (at, &byte) in bytes.iter().enumerate() {
            match ASCII_FOLD.get(usize::from(byte)) {
                Some(0) => self.pending_space = true,
                Some(&lower) => self.push_byte(lower),
                None => return at,
            }
        }
        bytes.len()
    }

    fn push_separator(&mut self) {
        self.pending_space = true;
    }

    /// Adds one character: its lower case when it is a letter or number, else a separator.
    fn push_char(&mut self, c: char) {
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
