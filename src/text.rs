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
///
/// Every rule counts words on every line, so this walks bytes instead of chars: ASCII bytes are
/// classified directly and only a non-ASCII character is decoded, to ask whether it is white
/// space (a no-break space, an ideographic space).
pub fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// The number of words in `text`, counting no further than `limit`: callers that only compare
/// a count with a bound stop early instead of walking a whole long line.
pub fn word_count_up_to(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (space, width) = if byte.is_ascii() {
            // `char::is_whitespace` also counts the vertical tab, which `u8` does not.
            (byte.is_ascii_whitespace() || byte == 0x0b, 1)
        } else {
            let c = text.get(at..).and_then(|rest| rest.chars().next());
            c.map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        count += usize::from(!space && !in_word);
        if count >= limit {
            return limit;
        }
        in_word = !space;
        at += width;
    }
    count
}

/// How many words `text` holds for judging prose: its white-space separated words, plus half a
/// word for each character of a script written without spaces between words (Chinese,
/// Japanese, Thai), where a whole sentence is one white-space "word".
pub fn word_estimate(text: &str) -> usize {
    let unspaced = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|&c| is_unspaced_script(c)).count()
    };
    word_count(text) + unspaced / 2
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

/// True when `text` (trimmed, closing quotes and brackets ignored) ends a sentence.
pub fn ends_with_terminal_punctuation(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(CLOSERS)
        .ends_with(TERMINAL)
}

/// True when `text` reads like a sentence of running prose: enough words and a terminal mark.
pub fn is_sentence_like(text: &str, min_words: usize) -> bool {
    ends_with_terminal_punctuation(text)
        && (word_count_up_to(text, min_words) >= min_words || word_estimate(text) >= min_words)
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
    fn sentence_like_needs_words_and_punctuation() {
        assert!(is_sentence_like("This is a short sentence.", 5));
        assert!(!is_sentence_like("Too short.", 5));
        assert!(is_sentence_like(
            "これでようやく元の操作性を取り戻せました。",
            10
        ));
        assert!(!is_sentence_like("元に戻した。", 10));
        assert!(!is_sentence_like(
            "Many words but no full stop at the end here",
            5
        ));
    }
}
