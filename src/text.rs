//! Small text measures shared by the rule kinds: words, sentence punctuation, prose.
//!
//! All measures work on `&str` slices of a document and allocate nothing.

/// Characters that close a sentence in the languages seedlint reads.
const TERMINAL: &[char] = &['.', '!', '?', '…', '。', '！', '？', '؟', '।'];

/// Characters that may follow the terminal punctuation of a sentence (closing quotes, brackets).
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '«', '“', ')', ']', '*', '_', '」', '』',
];

/// The white-space separated words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

/// How many white-space separated words `text` has (the count of [`words`]).
pub fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// How a byte of UTF-8 text takes part in word counting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII white-space byte (`char::is_whitespace` agrees on ASCII, the vertical tab too).
    Space,
    /// An ASCII byte other than white space, or the lead byte of a character that is never
    /// white space.
    Word,
    /// A continuation byte: it belongs to the character its lead byte classified.
    Continuation,
    /// The lead byte of a character that may be white space (U+0085, U+00A0, U+1680,
    /// U+2000–U+205F, U+3000 all start with 0xC2, 0xE1, 0xE2 or 0xE3): decoded to decide.
    MaybeSpace,
}

/// The class of every byte value, so the counting loop decodes only the few lead bytes that
/// may start a non-ASCII space.
const BYTE_CLASSES: [ByteClass; 256] = {
    let mut classes = [ByteClass::Word; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte {
            0x09..=0x0d | 0x20 => ByteClass::Space,
            0x80..=0xbf => ByteClass::Continuation,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => ByteClass::MaybeSpace,
            _ => ByteClass::Word,
        };
        byte += 1;
    }
    classes
};

/// The number of words in `text`, counting no further than `limit`: callers that only compare
/// a count with a bound stop early instead of walking a whole long line.
///
/// Every rule counts words (the layout counts every line of every seed), so this takes the
/// text [`BLOCK`] bytes at a time: a block with no lead byte that may start a non-ASCII space
/// is counted in one pass the compiler turns into vector instructions (a word starts at each
/// byte that is not white space after one that is; other non-ASCII bytes belong to words),
/// and only the other blocks go byte by byte, where a byte's class comes from a table and only
/// a lead byte that may start a non-ASCII space is decoded. The limit is checked once a
/// block. Counting eight bytes at a time in a `u64` cost about five instructions a byte.
pub fn word_count_up_to(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut words = WordCounter::default();
    let mut at = 0;
    while let Some(block) = bytes.get(at..bytes.len().min(at + BLOCK)) {
        if block.is_empty() {
            break;
        }
        let window = block_window(bytes, at, block);
        // The byte before the block speaks for the count's state, unless it ends a character
        // the byte-by-byte count decoded (a non-ASCII space, where `in_word` is false).
        let before_agrees = words.in_word || window.first().is_some_and(u8::is_ascii);
        match plain_word_starts(&window).filter(|_| before_agrees) {
            Some(starts) => {
                words.count += starts;
                words.in_word = block.last().is_some_and(|&byte| !is_ascii_space(byte));
            }
            None => words.bytes(text, at, block),
        }
        at += BLOCK;
        if words.count >= limit {
            return limit;
        }
    }
    words.count.min(limit)
}

/// The bytes [`word_count_up_to`] takes at once.
const BLOCK: usize = 64;

/// The byte before `block` (which starts at `at` in `bytes`; a space at the start of the text)
/// followed by `block`, padded with spaces, which start no word, to a whole block.
fn block_window(bytes: &[u8], at: usize, block: &[u8]) -> [u8; BLOCK + 1] {
    let whole = at
        .checked_sub(1)
        .and_then(|before| bytes.get(before..at + BLOCK))
        .and_then(|window| <[u8; BLOCK + 1]>::try_from(window).ok());
    if let Some(window) = whole {
        return window;
    }
    let mut window = [b' '; BLOCK + 1];
    let before = at.checked_sub(1).and_then(|before| bytes.get(before));
    let (first, rest) = window.split_at_mut(1);
    if let (Some(slot), Some(&byte)) = (first.first_mut(), before) {
        *slot = byte;
    }
    for (slot, &byte) in rest.iter_mut().zip(block) {
        *slot = byte;
    }
    window
}

/// The words that start in `window` after its first byte, which stands before them, when no
/// byte after it leads a character that may be white space: every other non-ASCII byte is part
/// of a word then. Each byte's space flag (0 or 1) is found once, then the pairs of flags are
/// summed byte-wide: passes the compiler turns into vector instructions, where testing both
/// bytes of each pair for space made it test every byte twice.
fn plain_word_starts(window: &[u8; BLOCK + 1]) -> Option<usize> {
    let spaces = window.map(|byte| u8::from(is_ascii_space(byte)));
    let (_, before) = spaces.split_last()?;
    let (_, after) = spaces.split_first()?;
    let starts = before
        .iter()
        .zip(after)
        // The flags are 0 or 1, so `!space` keeps `previous` exactly when `space` is 0.
        .fold(0_u8, |starts, (&previous, &space)| {
            starts.wrapping_add(previous & !space)
        });
    let (_, block) = window.split_first()?;
    let maybe_space = block.iter().fold(0_u8, |found, &byte| {
        found | u8::from(may_lead_a_space(byte))
    });
    (maybe_space == 0).then_some(usize::from(starts))
}

/// True for ASCII white space (`char::is_whitespace` agrees on ASCII, the vertical tab too).
pub(crate) fn is_ascii_space(byte: u8) -> bool {
    byte == b' ' || byte.wrapping_sub(0x09) < 5
}

/// True for the lead bytes of the non-ASCII white space (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000 all start with 0xC2, 0xE1, 0xE2 or 0xE3).
fn may_lead_a_space(byte: u8) -> bool {
    byte == 0xc2 || byte.wrapping_sub(0xe1) < 3
}

/// The state of a word count between the chunks of a text.
#[derive(Default)]
struct WordCounter {
    /// Words started so far.
    count: usize,
    /// True when the last byte read belongs to a word.
    in_word: bool,
}

impl WordCounter {
    /// Takes in `bytes`, which start at byte `at` of `text`, one by one.
    fn bytes(&mut self, text: &str, at: usize, bytes: &[u8]) {
        for (offset, &byte) in bytes.iter().enumerate() {
            let space = match BYTE_CLASSES[usize::from(byte)] {
                ByteClass::Space => true,
                ByteClass::Word => false,
                ByteClass::Continuation => continue,
                ByteClass::MaybeSpace => text
                    .get(at + offset..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_whitespace),
            };
            self.count += usize::from(!space && !self.in_word);
            self.in_word = !space;
        }
    }
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// How many bytes of `mask`, which has no bit set but the high bit of some bytes, have it set.
/// A multiply sums the bytes' flags into the top byte: `count_ones` takes a dozen instructions
/// without `popcnt`, which the x86-64 baseline the release is built for lacks, and both callers
/// (word counts, duplicate keys) run it on every eight bytes of every seed.
pub(crate) fn count_high_bits(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// How many words `text` holds for judging prose, given its white-space separated `words`:
/// those words plus half a word for each character of a script written without spaces between
/// words (Chinese, Japanese, Thai), where a whole sentence is one white-space "word".
pub fn word_estimate(text: &str, words: usize) -> usize {
    // Every such character is three bytes long and starts with 0xE0 (Thai, Lao) or 0xE3–0xE9
    // or 0xEF, so only characters with those lead bytes are decoded, and eight bytes none of
    // which reaches 0xE0 (most of a Latin or Cyrillic text) are passed over at once. Most
    // texts have no such byte at all (curly quotes and dashes start with 0xE2): one pass
    // without early exit, which the compiler vectorises, tells them apart.
    let may_have_unspaced = text
        .bytes()
        .fold(false, |found, byte| found | may_lead_unspaced(byte));
    if !may_have_unspaced {
        return words;
    }
    let bytes = text.as_bytes();
    let unspaced_in = |start: usize, chunk: &[u8]| {
        chunk
            .iter()
            .enumerate()
            .filter(|&(_, &byte)| matches!(byte, 0xe0 | 0xe3..=0xe9 | 0xef))
            .filter_map(|(at, _)| text.get(start + at..).and_then(|rest| rest.chars().next()))
            .filter(|&c| is_unspaced_script(c))
            .count()
    };
    let mut unspaced = 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in &mut chunks {
        let quiet = <[u8; 8]>::try_from(chunk)
            .is_ok_and(|chunk| !has_three_byte_lead(u64::from_le_bytes(chunk)));
        if !quiet {
            unspaced += unspaced_in(start, chunk);
        }
        start += 8;
    }
    unspaced += unspaced_in(start, chunks.remainder());
    words + unspaced / 2
}

/// True for 0xE0 and for 0xE3 and above: the lead bytes of the characters of scripts written
/// without spaces, and some others.
fn may_lead_unspaced(byte: u8) -> bool {
    (byte == 0xe0) | (byte >= 0xe3)
}

/// True when one of the eight bytes of `chunk` is 0xE0 or above (its top three bits set).
fn has_three_byte_lead(chunk: u64) -> bool {
    chunk & (chunk << 1) & (chunk << 2) & HIGH_BITS != 0
}

/// True for characters of scripts that do not separate words with spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}'     // Thai, Lao
        | '\u{3040}'..='\u{30ff}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}'   // CJK Extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK Unified Ideographs
        | '\u{f900}'..='\u{faff}'   // CJK Compatibility Ideographs
        | '\u{ff66}'..='\u{ff9f}'   // half-width Katakana
    )
}

/// `text` without its leading and trailing white space, as [`str::trim`] gives it; a text that
/// starts and ends with an ASCII character other than white space (most lines) is returned as
/// it is, without decoding its ends character by character.
pub fn trim(text: &str) -> &str {
    let is_plain = |byte: &u8| byte.is_ascii() && !is_ascii_space(*byte);
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(is_plain) && bytes.last().is_some_and(is_plain) {
        return text;
    }
    text.trim()
}

/// True when `text` (trimmed, closing quotes and brackets ignored) ends a sentence.
pub fn ends_with_terminal_punctuation(text: &str) -> bool {
    // Most texts end with an ASCII character that is neither white space nor a closer, and then
    // that character alone decides, without the character-by-character trims.
    match text.as_bytes().last() {
        Some(&last) if last.is_ascii() && !is_ascii_space(last) && !is_closer(last) => {
            return matches!(last, b'.' | b'!' | b'?');
        }
        _ => {}
    }
    text.trim_end()
        .trim_end_matches(CLOSERS)
        .ends_with(TERMINAL)
}

/// True for the ASCII characters among [`CLOSERS`].
fn is_closer(byte: u8) -> bool {
    CLOSERS.contains(&char::from(byte))
}

/// True when `text`, which has `words` white-space separated words, reads like a sentence of
/// running prose: enough words and a terminal mark.
pub fn is_sentence_like(text: &str, words: usize, min_words: usize) -> bool {
    ends_with_terminal_punctuation(text)
        && (words >= min_words || word_estimate(text, words) >= min_words)
}

/// `text` cut to at most `max_chars` characters, with `…` when something was cut, for quoting
/// input in messages (a scraped "line" can be megabytes long).
pub fn abbreviate(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_punctuation_sees_through_closing_quotes() {
        assert!(ends_with_terminal_punctuation("He said “yes.” "));
        assert!(ends_with_terminal_punctuation("Wirklich?»"));
        assert!(!ends_with_terminal_punctuation("Related articles"));
        assert!(!ends_with_terminal_punctuation("Source: commonspace.eu"));
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        for text in [
            "",
            "  ",
            "one",
            " two  words ",
            "no\u{a0}break\u{3000}ideographic\u{b}tab\u{85}next",
            "«Ünïcode» — text\r\n with\tmore",
            "\u{85}a\u{1680}b\u{2000}c\u{200a}d\u{2028}e\u{2029}f\u{202f}g\u{205f}h\u{3000}",
            "\u{2010}\u{e1}\u{3001}\u{c2a9}x\u{200b}y",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn abbreviate_cuts_on_a_character_boundary() {
        assert_eq!(abbreviate("Käse und Brot", 4), "Käse…");
        assert_eq!(abbreviate("short", 80), "short");
    }

    #[test]
    fn word_count_agrees_with_split_whitespace_across_chunks() {
        let pieces = [
            " ", "\t", "\r\n", "\u{b}", "\u{c}", "a", "bc", "é", "\u{a0}", "\u{3000}", "“",
        ];
        // Every sequence of four pieces, so that each class meets each other at every offset
        // of an eight-byte chunk.
        for n in 0..pieces.len().pow(4) {
            let mut text = String::from("xy");
            let mut rest = n;
            for _ in 0..4 {
                text.push_str(pieces[rest % pieces.len()]);
                rest /= pieces.len();
            }
            text.push_str(" tail words here ");
            for start in 0..3 {
                let text = &text[start..];
                assert_eq!(
                    word_count(text),
                    text.split_whitespace().count(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn word_estimate_counts_half_a_word_per_unspaced_character() {
        assert_eq!(word_estimate("これは日本語", 1), 4);
        assert_eq!(word_estimate("ภาษาไทย ok", 2), 5);
        assert_eq!(word_estimate("ascii only", 2), 2);
        assert_eq!(word_estimate("ࠀ€ｦ", 1), 1);
        // Characters on both sides of the eight-byte steps the scan takes.
        assert_eq!(word_estimate("ab日本語です。ok «x» 語語", 3), 3 + 7 / 2);
    }

    #[test]
    fn word_count_agrees_with_split_whitespace_at_every_chunk_offset() {
        let pieces = [
            "word",
            " ",
            "\u{a0}",
            "’",
            "«мир»",
            "日本語",
            "\u{3000}",
            "\t\n",
            "é",
            "\u{2003}",
            "x\u{a0}\u{a0}y",
            "\u{85}",
            "—",
            "ab",
            "  ",
        ];
        for (at, first) in pieces.iter().enumerate() {
            for second in &pieces {
                for third in pieces.iter().skip(at % 3) {
                    for lead in 0..9 {
                        let text = format!("{}{first}{second}{third}{first}q", "a".repeat(lead));
                        let expected = text.split_whitespace().count();
                        assert_eq!(word_count(&text), expected, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn word_count_agrees_with_split_whitespace_at_every_block_offset() {
        // Each piece at every offset around the first two block boundaries, after ASCII words or
        // after spaces, so that characters straddle blocks and blocks start on every class.
        let pieces = [
            "\u{a0}",
            "\u{3000}",
            "\u{85}",
            "\u{2003}",
            "’",
            "é",
            "日本",
            "\t",
            " ",
            "x",
            "\u{2028}a",
            // Every lead byte of a non-ASCII space, as a space and in characters that are not.
            "\u{1680}",
            "\u{3001}",
            "©",
            "\u{b}",
        ];
        for piece in pieces {
            for lead in 0..2 * BLOCK + 2 {
                for filler in ["ab c", "   ", "é"] {
                    let text = format!(
                        "{}{piece}{piece}y {piece}",
                        filler.repeat(lead / filler.len() + 1)
                    )
                    .chars()
                    .skip(lead % 4)
                    .collect::<String>();
                    assert_eq!(
                        word_count(&text),
                        text.split_whitespace().count(),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn count_high_bits_counts_the_flagged_bytes() {
        for mask in [
            0,
            HIGH_BITS,
            0x80,
            0x8000_0000_0000_0000,
            0x0080_0080_8000_0080,
        ] {
            assert_eq!(
                count_high_bits(mask),
                mask.count_ones() as usize,
                "{mask:x}"
            );
        }
    }

    #[test]
    fn word_count_up_to_stops_at_the_limit() {
        let text = "one\u{2003}two\u{3000}three four";
        assert_eq!(word_count_up_to(text, 2), 2);
        assert_eq!(word_count_up_to(text, 10), 4);
    }

    #[test]
    fn sentence_like_needs_words_and_punctuation() {
        let sentence_like =
            |text: &str, min_words| is_sentence_like(text, word_count(text), min_words);
        assert!(sentence_like("This is a short sentence.", 5));
        assert!(!sentence_like("Too short.", 5));
        assert!(sentence_like(
            "これでようやく元の操作性を取り戻せました。",
            10
        ));
        assert!(!sentence_like("元に戻した。", 10));
        assert!(!sentence_like(
            "Many words but no full stop at the end here",
            5
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The trim agrees with the standard library's; the word estimate's quick pass agrees
        /// with counting the unspaced characters one by one.
        #[test]
        fn trim_and_word_estimate_agree_with_their_definitions(
            text in "(?s).{0,8}|[ a\t\n\u{b}\u{c}\u{a0}\u{3000}’é日ไ\u{ff66}\u{ea00}]{0,12}",
            words in 0usize..5,
        ) {
            proptest::prop_assert_eq!(trim(&text), text.trim());
            let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
            proptest::prop_assert_eq!(word_estimate(&text, words), words + unspaced / 2);
        }
    }

    /// [`ends_with_terminal_punctuation`] by its definition, without the fast path.
    fn defined_terminal(text: &str) -> bool {
        text.trim_end()
            .trim_end_matches(CLOSERS)
            .ends_with(TERMINAL)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The fast path on the last byte agrees with the trims.
        #[test]
        fn terminal_punctuation_agrees_with_its_definition(
            text in "(?s).{0,6}|[a .!?…。\"')\\]*_”’»\t\n\u{a0}\u{b}\u{1c}]{0,8}",
        ) {
            proptest::prop_assert_eq!(ends_with_terminal_punctuation(&text), defined_terminal(&text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The chunked count agrees with the standard library's white-space split, with and
        /// without a limit, on ASCII and on every kind of Unicode white space.
        #[test]
        fn word_counts_agree_with_split_whitespace(
            text in "(?s).{0,80}|[ a-z\t\n\r\u{a0}\u{2028}\u{3000}\u{85}\u{1680}\u{200b}é日’—]{0,140}",
            limit in 0usize..30,
        ) {
            let words = text.split_whitespace().count();
            proptest::prop_assert_eq!(word_count_up_to(&text, limit), words.min(limit));
            proptest::prop_assert_eq!(word_count(&text), words);
        }
    }
}
