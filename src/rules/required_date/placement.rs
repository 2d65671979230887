//! Where a date stands: after a label that leads its segment of the line, on a date-dominant
//! line (or segment) rather than inside a sentence, or at the start of an opening paragraph as a
//! dateline.

use super::{LabelKind, RequiredDateCheck, normalise_label};
use crate::document::Span;
use crate::rules::Context;
use crate::rules::date_grammar::DateMatch;
use crate::text;

impl RequiredDateCheck {
    /// The label closest before the date within the window, if it leads its segment.
    pub(super) fn label_before(
        &self,
        line: &str,
        date_start: usize,
    ) -> Option<(String, LabelKind)> {
        let head = line.get(..date_start)?;
        let window_start = head.len() - tail_len(head, self.config.label_window);
        let window = head.get(window_start..)?;
        let regex = self.labels.as_ref()?.matching(window)?;
        let found = regex
            .find_iter(window)
            .filter(|found| is_whole_word(window, found.start(), found.end()))
            .last()?;
        let label_start = window_start + found.start();
        if lead_words_exceed(head.get(..label_start)?, self.config.label_lead_words) {
            return None;
        }
        let kind = *self.label_kinds.get(&normalise_label(found.as_str()))?;
        Some((found.as_str().to_string(), kind))
    }

    /// A line, or a part of one between separators, where the date stands nearly alone and
    /// not in the middle of a sentence.
    pub(super) fn dominant(&self, line: &str, separators: &Separators, found: &DateMatch) -> bool {
        let (start, end) = separators.segment(line.len(), found);
        let segment = line.get(start..end).unwrap_or("");
        let date_words = text::word_count(line.get(found.start..found.end).unwrap_or(""));
        // Counting stops past the bound, so a date on a very long line costs no whole-line
        // count; below the bound the count is exact.
        let bound = date_words + self.config.max_other_words + 1;
        let other = text::word_count_up_to(segment, bound).saturating_sub(date_words);
        if other > self.config.max_other_words {
            return false;
        }
        let before = line.get(start..found.start).unwrap_or("");
        let after = line.get(found.end..end).unwrap_or("");
        let in_middle =
            text::word_count_up_to(before, 1) > 0 && text::word_count_up_to(after, 2) > 1;
        let sentence = other >= self.config.sentence_min_words
            && text::ends_with_terminal_punctuation(segment)
            && in_middle;
        !sentence
    }

    /// The byte range of the part of `line` that holds the date, between separators.
    /// Where the segment separators stand in `line`.
    pub(super) fn separators(&self, line: &str) -> Separators {
        let occurrences = self
            .config
            .segment_separators
            .iter()
            .map(|separator| (separator.len(), occurrences(line, separator)))
            .collect();
        Separators { occurrences }
    }

    pub(super) fn dateline_paragraphs(&self, ctx: &Context) -> Vec<Span> {
        let Some((first, _)) = ctx.layout.main_run else {
            return Vec::new();
        };
        ctx.doc
            .paragraphs()
            .iter()
            .filter(|paragraph| paragraph.first_line >= first)
            .take(self.config.dateline_paragraphs)
            .map(|paragraph| paragraph.span)
            .collect()
    }

    /// A date near the start of an opening paragraph, after a place or agency (`BAKU, `,
    /// `(Reuters) `) or followed closely by a dash or colon.
    pub(super) fn dateline(&self, ctx: &Context, paragraphs: &[Span], date: Span) -> bool {
        let Some(paragraph) = paragraphs.iter().find(|p| p.contains(&date)) else {
            return false;
        };
        let prefix = ctx.doc.slice(Span::new(paragraph.start, date.start));
        if prefix.chars().nth(self.config.dateline_chars).is_some() {
            return false;
        }
        let after = ctx.doc.slice(Span::new(date.end, paragraph.end));
        let follow: String = after
            .chars()
            .take(self.config.dateline_follow_chars)
            .collect();
        let followed = follow.contains(['-', '–', '—', ':']);
        let place = prefix.trim();
        let placed = !place.is_empty()
            && text::word_count(place) <= 4
            && place.starts_with(|c: char| c.is_uppercase() || c == '(')
            && place.ends_with([',', ')', '-', '–', '—']);
        followed || placed
    }
}

/// The byte length of the last `chars` characters of `text`.
/// The segment separators of one line, each with the byte offsets where it occurs (overlapping
/// occurrences included), found once per line so that the segment around each date of a long
/// line is a binary search and not a scan of the whole line.
pub(super) struct Separators {
    /// Each separator's length and its sorted occurrences.
    occurrences: Vec<(usize, Vec<usize>)>,
}

impl Separators {
    /// The byte range of the segment holding `found`: from the end of the last separator before
    /// the date to the start of the first one after it, or the edges of the line.
    fn segment(&self, line_len: usize, found: &DateMatch) -> (usize, usize) {
        let start = self
            .occurrences
            .iter()
            .filter_map(|(len, at)| {
                let before = at.partition_point(|&at| at + len <= found.start);
                before
                    .checked_sub(1)
                    .and_then(|last| at.get(last))
                    .map(|at| at + len)
            })
            .max()
            .unwrap_or(0);
        let end = self
            .occurrences
            .iter()
            .filter_map(|(_, at)| at.get(at.partition_point(|&at| at < found.end)).copied())
            .min()
            .unwrap_or(line_len);
        (start, end)
    }
}

/// Every byte offset where `needle` starts in `haystack`, overlapping matches included.
fn occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(needle);
    let bytes = haystack.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
        found.push(from + at);
        from += at + 1;
    }
    found
}

/// True when more than `limit` words stand between the last separator mark of `head` (`|`, `,`,
/// `;`, `•` …) and its end; walks back only as far as the verdict needs.
fn lead_words_exceed(head: &str, limit: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for c in head.chars().rev() {
        if matches!(c, '|' | ',' | ';' | '•' | '·' | '—' | '–') {
            break;
        }
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words > limit {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

fn tail_len(text: &str, chars: usize) -> usize {
    text.char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(text.len(), |(index, _)| text.len() - index)
}

/// True when `start..end` of `text` is a whole word: no letter or digit touches it.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|head| head.chars().next_back());
    let after = text.get(end..).and_then(|tail| tail.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil_date::CivilDate;

    fn date_at(start: usize, end: usize) -> DateMatch {
        DateMatch {
            date: CivilDate::new(2024, 1, 1).unwrap_or_else(|| unreachable!()),
            start,
            end,
            ambiguous: false,
            short_year: false,
        }
    }

    /// The segment as a scan of the whole line finds it, for comparison.
    fn scanned_segment(line: &str, separators: &[&str], found: &DateMatch) -> (usize, usize) {
        let head = &line[..found.start];
        let tail = &line[found.end..];
        let start = separators
            .iter()
            .filter_map(|sep| head.rfind(sep).map(|at| at + sep.len()))
            .max()
            .unwrap_or(0);
        let end = separators
            .iter()
            .filter_map(|sep| tail.find(sep))
            .min()
            .map_or(line.len(), |at| found.end + at);
        (start, end)
    }

    #[test]
    fn segment_from_the_index_agrees_with_a_scan_of_the_line() {
        let separators = ["|", " - ", " – ", "•"];
        let line = "Home | News - - 4 May 2024 - - x • 5 May 2024 | – 6 May 2024 – end";
        let index = Separators {
            occurrences: separators
                .iter()
                .map(|sep| (sep.len(), occurrences(line, sep)))
                .collect(),
        };
        for (start, _) in line.match_indices(" May 2024") {
            let found = date_at(start - 1, start + " May 2024".len());
            assert_eq!(
                index.segment(line.len(), &found),
                scanned_segment(line, &separators, &found),
                "date at {start}"
            );
        }
    }

    #[test]
    fn overlapping_separators_are_all_found() {
        assert_eq!(occurrences("a - - b", " - "), vec![1, 3]);
        assert_eq!(occurrences("aaa", ""), vec![0, 1, 2, 3]);
    }

    #[test]
    fn lead_words_are_counted_back_to_the_last_mark() {
        assert!(!lead_words_exceed("Home | Published ", 2));
        assert!(lead_words_exceed("it was first published ", 2));
        assert!(!lead_words_exceed("a long sentence, then ", 2));
        assert!(!lead_words_exceed("", 0));
    }
}
