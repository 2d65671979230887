//! Where the article sits in a document: the main run, the longest dense stretch of
//! sentence-like paragraphs. Page furniture sits before it (head) or after it (tail), so rules
//! can ask where a line stands relative to the article instead of counting lines from the edges.
//!
//! The main run is the maximum-sum stretch of paragraphs where a prose paragraph scores its word
//! count and any other paragraph costs its own words plus a penalty that grows with each
//! non-prose paragraph in a row: a heading inside an article costs little, a block of furniture
//! (markers, teaser titles, widgets) costs more than the teaser prose it would join.

use crate::document::Document;
use crate::text;

/// A paragraph needs this many words, and a terminal mark, to count as prose.
pub const PROSE_MIN_WORDS: usize = 10;

/// What the n-th non-prose paragraph in a row costs, times n, on top of its own word count.
const NON_PROSE_PENALTY: i64 = 12;

/// True when a paragraph reads like article prose: enough words and a terminal mark.
pub fn is_prose(paragraph: &str) -> bool {
    text::is_sentence_like(paragraph, PROSE_MIN_WORDS)
}

/// Where a line stands relative to the article's main run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Before the first paragraph of the main run.
    Head,
    /// Inside the main run.
    Body,
    /// After the last paragraph of the main run.
    Tail,
}

/// The article's main run, as line indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// First and last line of the main run; `None` when the document has no prose at all.
    pub main_run: Option<(usize, usize)>,
}

impl Layout {
    /// Finds the main run of a document.
    pub fn of(doc: &Document) -> Self {
        let mut best: Option<(i64, usize, usize)> = None;
        let mut current: Option<(i64, usize)> = None;
        let mut non_prose_in_a_row = 0;
        for (index, paragraph) in doc.paragraphs().iter().enumerate() {
            let body = doc.paragraph_text(paragraph);
            let words = text::word_estimate(body) as i64;
            let score = if is_prose(body) {
                non_prose_in_a_row = 0;
                words
            } else {
                non_prose_in_a_row += 1;
                -(NON_PROSE_PENALTY * non_prose_in_a_row + words)
            };
            let (sum, start) = match current {
                Some((sum, start)) if sum > 0 => (sum + score, start),
                _ => (score, index),
            };
            current = Some((sum, start));
            if sum > 0 && best.is_none_or(|(best_sum, _, _)| sum > best_sum) {
                best = Some((sum, start, index));
            }
        }
        let paragraphs = doc.paragraphs();
        let main_run = best.and_then(|(_, first, last)| {
            Some((
                paragraphs.get(first)?.first_line,
                paragraphs.get(last)?.last_line,
            ))
        });
        Self { main_run }
    }

    /// Where line `index` stands; every line counts as body when there is no main run.
    pub fn position(&self, index: usize) -> Position {
        match self.main_run {
            Some((first, _)) if index < first => Position::Head,
            Some((_, last)) if index > last => Position::Tail,
            _ => Position::Body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_run_excludes_menu_head_and_teaser_tail() {
        let sentence = "This is a sentence of the article with enough words to count as prose, \
             and it goes on for a while as real article paragraphs do.";
        let text = format!(
            "Home\nNews\nSport\n\nTitle of the piece\n\n{sentence}\n\nA heading\n\n{sentence}\n\n\
             Related\n\nTeaser one\n\nTeaser two\n\nTeaser three\n\n{sentence}\n"
        );
        let doc = Document::new(text);
        let layout = Layout::of(&doc);
        assert_eq!(layout.main_run, Some((6, 10)));
        assert_eq!(layout.position(0), Position::Head);
        assert_eq!(layout.position(8), Position::Body);
        assert_eq!(layout.position(12), Position::Tail);
    }

    #[test]
    fn no_prose_means_no_main_run() {
        let doc = Document::new("Home\nNews\n".to_string());
        assert_eq!(Layout::of(&doc).main_run, None);
        assert_eq!(Layout::of(&doc).position(0), Position::Body);
    }
}
