//! Bare names placed by the date line that `required-date` found: a name line within a few
//! non-blank lines of it, or a name written on the date line itself (`by NAME`, `NAME | date`,
//! `date | NAME`). Also the stop-word test every name cue uses.

use super::{Evidence, RequiredAttributionCheck, captured_name, medium};
use crate::document::Span;
use crate::metadata::{DateValue, Metadata};
use crate::rules::Context;
use crate::rules::metadata_text::title_span;
use crate::text;

impl RequiredAttributionCheck {
    /// A bare name line near the date line, or a name on the date line itself.
    pub(super) fn date_line_evidence(&self, ctx: &Context, metadata: &Metadata) -> Vec<Evidence> {
        let Some(date) = metadata.date.as_ref() else {
            return Vec::new();
        };
        let date_line = date.line.saturating_sub(1);
        let date_in_noise = ctx.in_noise(date.span);
        let mut found: Vec<Evidence> = self
            .names_on_date_line(ctx, date)
            .into_iter()
            .map(|name| medium("author", name, date_line, date_in_noise))
            .collect();
        let title = ctx.doc.line_index(title_span(ctx.doc).start);
        // Distance counts non-blank lines: renderings differ in the blank lines between blocks.
        let non_blank = |i: &usize| !ctx.doc.is_blank_line(*i);
        let before = (0..date_line)
            .rev()
            .filter(non_blank)
            .take(self.config.date_line_distance);
        let after = (date_line + 1..ctx.doc.lines().len())
            .filter(non_blank)
            .take(self.config.date_line_distance);
        for index in before.chain(after).filter(|&i| i != title) {
            let Some(line) = ctx.doc.lines().get(index) else {
                continue;
            };
            let text = ctx.doc.slice(line.span).trim();
            if self.is_name_line(text) {
                found.push(medium(
                    "author",
                    text.to_string(),
                    index,
                    ctx.in_noise(line.span),
                ));
            }
        }
        found
    }

    /// Names written on the date line: `by NAME` anywhere, `| NAME` right after the date,
    /// `NAME | date` or `NAME, date` before it.
    fn names_on_date_line(&self, ctx: &Context, date: &DateValue) -> Vec<String> {
        let after = ctx.doc.slice(Span::new(date.span.end, date.line_span.end));
        let before = ctx
            .doc
            .slice(Span::new(date.line_span.start, date.span.start));
        let line = ctx.doc.slice(date.line_span);
        let mut names = Vec::new();
        let by = self
            .cues
            .date_line_by
            .as_ref()
            .and_then(|r| r.captures(line));
        if let Some(captures) = by {
            names.push(captured_name(&captures));
        }
        if let Some(captures) = self.cues.date_line_after.captures(after) {
            let name = captured_name(&captures);
            if text::word_count(&name) >= self.config.min_name_tokens {
                names.push(name);
            }
        }
        let lead = before
            .trim()
            .trim_end_matches(['|', ',', '·', '•', '-', '–', '—'])
            .trim();
        if self.is_name_line(lead) {
            names.push(lead.to_string());
        }
        names.retain(|name| !name.is_empty() && !self.has_stop_word(name));
        names
    }

    /// Two to four capitalised tokens without digits (particles allowed), none a stop word.
    fn is_name_line(&self, text: &str) -> bool {
        // A line of prose next to the date line is far too long: its words are not even split.
        let max = self.config.max_name_tokens;
        if text::word_count_up_to(text, max.saturating_add(1)) > max {
            return false;
        }
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let particle = |token: &str| self.config.name_particles.iter().any(|p| p == token);
        let names = tokens.iter().filter(|token| !particle(token)).count();
        let capitalised = |token: &&&str| {
            token.starts_with(char::is_uppercase)
                && token
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        };
        (self.config.min_name_tokens..=self.config.max_name_tokens).contains(&tokens.len())
            && names >= self.config.min_name_tokens
            && tokens
                .iter()
                .filter(|t| !particle(t))
                .all(|t| capitalised(&t))
            && !text.ends_with(['.', ':', '!', '?'])
            && !self.has_stop_word(text)
    }

    /// True when a word of `name` is one of the stop words (compared case-insensitively).
    pub(super) fn has_stop_word(&self, name: &str) -> bool {
        name.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|word| !word.is_empty())
            .any(|word| self.cues.stop_words.contains(&word.to_lowercase()))
    }
}
