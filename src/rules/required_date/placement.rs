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
        let regex = self.labels.as_ref()?;
        let head = line.get(..date_start)?;
        let window_start = head.len() - tail_len(head, self.config.label_window);
        let window = head.get(window_start..)?;
        let found = regex
            .find_iter(window)
            .filter(|found| is_whole_word(window, found.start(), found.end()))
            .last()?;
        let label_start = window_start + found.start();
        let segment = head
            .get(..label_start)?
            .rsplit(['|', ',', ';', '•', '·', '—', '–'])
            .next()
            .unwrap_or("");
        if text::word_count(segment) > self.config.label_lead_words {
            return None;
        }
        let kind = *self.label_kinds.get(&normalise_label(found.as_str()))?;
        Some((found.as_str().to_string(), kind))
    }

    /// A line, or a part of one between separators, where the date stands nearly alone and
    /// not in the middle of a sentence.
    pub(super) fn dominant(&self, line: &str, found: &DateMatch) -> bool {
        let (start, end) = self.segment(line, found);
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
    fn segment(&self, line: &str, found: &DateMatch) -> (usize, usize) {
        let separators = &self.config.segment_separators;
        let head = line.get(..found.start).unwrap_or("");
        let tail = line.get(found.end..).unwrap_or("");
        let start = separators
            .iter()
            .filter_map(|sep| head.rfind(sep.as_str()).map(|at| at + sep.len()))
            .max()
            .unwrap_or(0);
        let end = separators
            .iter()
            .filter_map(|sep| tail.find(sep.as_str()))
            .min()
            .map_or(line.len(), |at| found.end + at);
        (start, end)
    }

    /// The spans of the first paragraphs of the article, where datelines stand.
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
        if prefix.chars().count() > self.config.dateline_chars {
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
