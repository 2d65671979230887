//! Text helpers shared by the metadata kinds, `required-date` and `required-attribution`: the
//! document's front matter, the title line their findings point at, and alternations of the
//! literal words (labels, prefixes, agencies) their rule files list.

use crate::document::{Document, Span};

/// One `key: value` line of a front-matter block (`---` at the start of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FrontMatterEntry {
    /// Index of the line.
    pub(super) line: usize,
    /// The key, as written.
    pub(super) key: String,
    /// The value, without quotes and surrounding space.
    pub(super) value: Span,
}

/// The entries of the document's front matter; empty when it has none or it is not closed.
pub(super) fn front_matter(doc: &Document) -> Vec<FrontMatterEntry> {
    if doc.line_text(0).trim_end() != "---" {
        return Vec::new();
    }
    let mut entries = Vec::new();
    for (index, line) in doc.lines().iter().enumerate().skip(1) {
        let text = doc.slice(line.span);
        if matches!(text.trim_end(), "---" | "...") {
            return entries;
        }
        let Some((key, value)) = text.split_once(':') else {
            continue;
        };
        let value_start = line.span.start + key.len() + 1;
        let trimmed = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let offset = value.find(trimmed).unwrap_or(0);
        let start = value_start + offset;
        entries.push(FrontMatterEntry {
            line: index,
            key: key.trim().to_string(),
            value: Span::new(start, start + trimmed.len()),
        });
    }
    Vec::new()
}

/// The title line (the first non-blank one), where a metadata kind reports a missing value.
pub(super) fn title_span(doc: &Document) -> Span {
    let mut lines = doc.lines().iter().enumerate();
    lines
        .find(|(index, _)| !doc.is_blank_line(*index))
        .map_or_else(|| Span::new(0, 0), |(_, line)| line.span)
}

/// Escaped alternation of literal words, longest first; inner white space matches any run.
/// `None` when the list holds no word. Word edges and case are left to the caller.
pub(super) fn word_alternation(list: &[String]) -> Option<String> {
    // Each word with its length in characters, counted once: the month table has a thousand.
    let mut sorted: Vec<(usize, &String)> = list
        .iter()
        .filter(|word| !word.trim().is_empty())
        .map(|word| (word.chars().count(), word))
        .collect();
    if sorted.is_empty() {
        return None;
    }
    // Longest first (then alphabetical, for a stable pattern), so `sept` wins over `sep`.
    sorted.sort_unstable_by(|(a_len, a), (b_len, b)| b_len.cmp(a_len).then(a.cmp(b)));
    sorted.dedup();
    let mut alternation = String::new();
    for (index, (_, word)) in sorted.iter().enumerate() {
        if index > 0 {
            alternation.push('|');
        }
        for (part_index, part) in word.split_whitespace().enumerate() {
            if part_index > 0 {
                alternation.push_str(r"\s+");
            }
            regex_syntax::escape_into(part, &mut alternation);
        }
    }
    Some(alternation)
}
