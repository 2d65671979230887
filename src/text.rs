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

/// How many white-space separated words `text` has.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// True when `text` (trimmed, closing quotes and brackets ignored) ends a sentence.
pub fn ends_with_terminal_punctuation(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(CLOSERS)
        .ends_with(TERMINAL)
}

/// True when `text` reads like a sentence of running prose: enough words and a terminal mark.
pub fn is_sentence_like(text: &str, min_words: usize) -> bool {
    word_count(text) >= min_words && ends_with_terminal_punctuation(text)
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
    fn sentence_like_needs_words_and_punctuation() {
        assert!(is_sentence_like("This is a short sentence.", 5));
        assert!(!is_sentence_like("Too short.", 5));
        assert!(!is_sentence_like(
            "Many words but no full stop at the end here",
            5
        ));
    }
}
