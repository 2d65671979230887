//! Where the article sits in a document: the main run, the longest dense stretch of
//! sentence-like paragraphs. Page furniture sits before it (head) or after it (tail), so rules
//! can ask where a line stands relative to the article instead of counting lines from the edges.
//!
//! The main run is the maximum-sum stretch of paragraphs where a prose paragraph scores its word
//! count and any other paragraph costs its own words plus a penalty that grows with each
//! non-prose paragraph in a row: a heading inside an article costs little, a block of furniture
//! (markers, teaser titles, widgets) costs more than the teaser prose it would join.

use crate::document::{Document, Paragraph};
use crate::text;

/// A paragraph needs this many words, and a terminal mark, to count as prose.
pub const PROSE_MIN_WORDS: usize = 10;

/// What the n-th non-prose paragraph in a row costs, times n, on top of its own word count.
const NON_PROSE_PENALTY: i64 = 12;

/// An earlier run with at least 1/this of the best run's score is the article: comments and
/// teaser leads after an article can outweigh it, while furniture before an article rarely
/// reads as a dense stretch of prose.
const EARLIER_RUN_DIVISOR: i64 = 2;

/// An earlier run needs this many prose paragraphs: one boilerplate sentence before the article
/// (a data-provider notice) is no article.
const EARLIER_RUN_MIN_PROSE: usize = 3;

/// True when a text reads like article prose: enough words and a terminal mark. The layout
/// keeps this verdict for every paragraph of its document ([`Layout::is_prose`]).
pub fn is_prose(text: &str) -> bool {
    text::is_sentence_like(text, text::word_count(text), PROSE_MIN_WORDS)
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

/// The article's main run, as line indices, with the word counts and prose verdicts it was
/// found from: every rule asks them of lines and paragraphs, so they are computed once per
/// document, here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// First and last line of the main run; `None` when the document has no prose at all.
    pub main_run: Option<(usize, usize)>,
    /// The white-space separated words of each line.
    line_words: Vec<usize>,
    /// Whether each paragraph reads like article prose.
    prose: Vec<bool>,
}

impl Layout {
    /// Finds the main run of a document.
    pub fn of(doc: &Document) -> Self {
        let line_words: Vec<usize> = doc
            .lines()
            .iter()
            .map(|line| text::word_count(doc.slice(line.span)))
            .collect();
        let (runs, prose) = dense_runs(doc, &line_words);
        let best = runs.iter().map(|run| run.sum).max().unwrap_or(0);
        let paragraphs = doc.paragraphs();
        let main_run = runs
            .iter()
            .find(|run| {
                run.sum == best
                    || (run.sum * EARLIER_RUN_DIVISOR >= best
                        && run.prose_paragraphs >= EARLIER_RUN_MIN_PROSE)
            })
            .and_then(|run| {
                Some((
                    paragraphs.get(run.first)?.first_line,
                    paragraphs.get(run.last)?.last_line,
                ))
            });
        Self {
            main_run,
            line_words,
            prose,
        }
    }

    /// The white-space separated words of line `index` (0 past the end).
    pub fn line_words(&self, index: usize) -> usize {
        self.line_words.get(index).copied().unwrap_or(0)
    }

    /// The word count of every line, in document order: a rule that only looks at short lines
    /// skips the others on this count alone, before it looks at the line.
    pub fn line_word_counts(&self) -> &[usize] {
        &self.line_words
    }

    /// The white-space separated words of a paragraph, which are its lines' words: the line
    /// breaks between them are white space.
    pub fn paragraph_words(&self, paragraph: &Paragraph) -> usize {
        sum_lines(&self.line_words, paragraph.first_line, paragraph.last_line)
    }

    /// True when paragraph `index` of the document reads like article prose: enough words and
    /// a terminal mark.
    pub fn is_prose(&self, index: usize) -> bool {
        self.prose.get(index).copied().unwrap_or(false)
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

/// A stretch of paragraphs whose score stays positive, cut where its sum peaks.
struct DenseRun {
    sum: i64,
    prose_paragraphs: usize,
    first: usize,
    last: usize,
}

/// Every dense run in document order (Kadane's scan, keeping each run's best end): a prose
/// paragraph scores its word count, any other paragraph costs its own words plus a penalty that
/// grows with each non-prose paragraph in a row. Also the prose verdict of every paragraph,
/// judged from the words of its lines (`line_words`).
fn dense_runs(doc: &Document, line_words: &[usize]) -> (Vec<DenseRun>, Vec<bool>) {
    let mut runs: Vec<DenseRun> = Vec::new();
    let mut verdicts = Vec::with_capacity(doc.paragraphs().len());
    let mut current: Option<(i64, usize)> = None;
    let mut non_prose_in_a_row = 0;
    let mut prose_in_run = 0;
    for (index, paragraph) in doc.paragraphs().iter().enumerate() {
        let body = doc.paragraph_text(paragraph);
        let count = sum_lines(line_words, paragraph.first_line, paragraph.last_line);
        let prose = text::is_sentence_like(body, count, PROSE_MIN_WORDS);
        verdicts.push(prose);
        let words = text::word_estimate(body, count) as i64;
        let score = if prose {
            non_prose_in_a_row = 0;
            words
        } else {
            non_prose_in_a_row += 1;
            -(NON_PROSE_PENALTY * non_prose_in_a_row + words)
        };
        let (sum, first) = match current {
            Some((sum, first)) if sum > 0 => (sum + score, first),
            _ => {
                prose_in_run = 0;
                (score, index)
            }
        };
        prose_in_run += usize::from(prose);
        current = Some((sum, first));
        if sum <= 0 {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.first == first => {
                if sum > run.sum {
                    run.sum = sum;
                    run.last = index;
                    run.prose_paragraphs = prose_in_run;
                }
            }
            _ => runs.push(DenseRun {
                sum,
                prose_paragraphs: prose_in_run,
                first,
                last: index,
            }),
        }
    }
    (runs, verdicts)
}

/// The words of lines `first..=last`.
fn sum_lines(line_words: &[usize], first: usize, last: usize) -> usize {
    line_words
        .get(first..=last)
        .map_or(0, |words| words.iter().sum())
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
    fn article_before_a_longer_comment_thread_is_the_main_run() {
        let sentence = "This is a sentence of the article with enough words to count as prose, \
             and it goes on for a while as real article paragraphs do.";
        let comment = "I have read every word of this and I think the writer is right about it, \
             more or less, though the ending could have been better.";
        let article = [sentence; 3].join("\n\n");
        let thread = format!("reader says:\nMarch 4, 2024 at 7:12 am\n\n{comment}\n\n").repeat(6);
        let furniture = "Share this:\n\nFacebook\n\nTwitter\n\nComments";
        let doc = Document::new(format!("Title\n\n{article}\n\n{furniture}\n\n{thread}"));
        assert_eq!(Layout::of(&doc).main_run, Some((2, 6)));
    }

    #[test]
    fn one_boilerplate_sentence_before_the_article_is_not_the_main_run() {
        let sentence = "This is a sentence of the article with enough words to count as prose, \
             and it goes on for a while as real article paragraphs do.";
        let article = [sentence; 3].join("\n\n");
        let notice =
            "Quotes are delayed at least fifteen minutes and market data is provided by a \
             vendor. "
                .repeat(3);
        let menu = "Home\n\nNews\n\nSport\n\nMenu";
        let doc = Document::new(format!("{notice}\n\n{menu}\n\n{article}\n"));
        assert_eq!(Layout::of(&doc).main_run, Some((10, 14)));
    }

    #[test]
    fn every_line_has_its_word_count_in_document_order() {
        let doc = Document::new("one two\n\nthree\nfour five six\n".into());
        assert_eq!(Layout::of(&doc).line_word_counts(), [2, 0, 1, 3]);
    }

    #[test]
    fn no_prose_means_no_main_run() {
        let doc = Document::new("Home\nNews\n".to_string());
        assert_eq!(Layout::of(&doc).main_run, None);
        assert_eq!(Layout::of(&doc).position(0), Position::Body);
    }
}
