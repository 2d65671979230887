//! The dates of a document that may be its publication date: the front-matter date, else every
//! date of the text within bounds that a label, a date-dominant line or a dateline supports,
//! ranked (outside noise, publication label, unlabelled, update label, document order).

use super::{LabelKind, NoiseFallback, RequiredDateCheck};
use crate::civil_date::CivilDate;
use crate::document::{Document, Span};
use crate::layout::Position;
use crate::metadata::DateValue;
use crate::rules::Context;
use crate::rules::date_grammar::DateMatch;
use crate::rules::metadata_text::front_matter;

/// A date that may be the publication date.
struct Candidate {
    line: usize,
    found: DateMatch,
    span: Span,
    line_span: Span,
    label: Option<(String, LabelKind)>,
}

impl RequiredDateCheck {
    fn in_bounds(&self, date: CivilDate, today: CivilDate) -> bool {
        self.earliest <= date && date <= today.succ()
    }

    pub(super) fn date_in_front_matter(&self, ctx: &Context) -> Option<DateValue> {
        let wanted = |key: &str| {
            let keys = &self.config.front_matter_keys;
            keys.iter().any(|wanted| wanted.eq_ignore_ascii_case(key))
        };
        front_matter(ctx.doc)
            .into_iter()
            .filter(|entry| wanted(&entry.key))
            .find_map(|entry| {
                let value = ctx.doc.slice(entry.value);
                let found = self.grammar.find_dates(value).into_iter().next()?;
                if !self.in_bounds(found.date, ctx.today) {
                    return None;
                }
                let line_span = ctx.doc.lines().get(entry.line)?.span;
                let candidate = Candidate {
                    line: entry.line,
                    span: Span::new(
                        entry.value.start + found.start,
                        entry.value.start + found.end,
                    ),
                    found,
                    line_span,
                    label: Some((entry.key, LabelKind::Published)),
                };
                Some(value_of(ctx.doc, candidate, "published"))
            })
    }

    pub(super) fn date_in_text(&self, ctx: &Context) -> Option<DateValue> {
        let datelines = self.dateline_paragraphs(ctx);
        let mut best: Option<((bool, u8, usize), Candidate)> = None;
        for (index, line) in ctx.doc.lines().iter().enumerate() {
            // A labelled publication date outside noise ranks first, and an earlier line wins a
            // tie: no later line can beat it.
            if best
                .as_ref()
                .is_some_and(|((in_noise, rank, _), _)| !in_noise && *rank == 0)
            {
                break;
            }
            let text = ctx.doc.slice(line.span);
            let mut separators = None;
            for found in self.grammar.find_dates(text) {
                let span = Span::new(line.span.start + found.start, line.span.start + found.end);
                let in_noise = ctx.in_noise(span);
                if !self.in_bounds(found.date, ctx.today)
                    || (in_noise && !self.noise_allowed(ctx, index))
                {
                    continue;
                }
                let label = self.label_before(text, found.start);
                let separators = separators.get_or_insert_with(|| self.separators(text));
                let dominant = self.dominant(text, separators, &found);
                if found.short_year
                    && label.is_none()
                    && !(dominant && self.config.short_year_dominant)
                {
                    continue;
                }
                if label.is_none() && !dominant && !self.dateline(ctx, &datelines, span) {
                    continue;
                }
                // Outside noise before inside, a publication label before none before an
                // update label, then document order.
                let rank = match label.as_ref().map(|(_, kind)| *kind) {
                    Some(LabelKind::Published) => 0,
                    None => 1,
                    Some(LabelKind::Updated) => 2,
                };
                let key = (in_noise, rank, index);
                if best.as_ref().is_none_or(|(best_key, _)| key < *best_key) {
                    let candidate = Candidate {
                        line: index,
                        found,
                        span,
                        line_span: line.span,
                        label,
                    };
                    best = Some((key, candidate));
                }
            }
        }
        best.map(|((_, rank, _), candidate)| {
            let kind = if rank == 2 { "updated" } else { "published" };
            value_of(ctx.doc, candidate, kind)
        })
    }

    /// Whether a date inside a noise span may still be used (as a last resort: noise rules
    /// sometimes claim the block that carries the date, and a fix keeps the date line).
    fn noise_allowed(&self, ctx: &Context, line: usize) -> bool {
        match self.config.noise_fallback {
            NoiseFallback::Never => false,
            NoiseFallback::Head => ctx.layout.position(line) != Position::Tail,
            NoiseFallback::Anywhere => true,
        }
    }
}

fn value_of(doc: &Document, candidate: Candidate, kind: &str) -> DateValue {
    DateValue {
        iso: candidate.found.date.to_string(),
        raw: doc.slice(candidate.span).to_string(),
        line: candidate.line + 1,
        label: candidate.label.map(|(label, _)| label),
        ambiguous: candidate.found.ambiguous,
        kind: kind.to_string(),
        span: candidate.span,
        line_span: candidate.line_span,
    }
}
