//! Evidence a line, a paragraph or the front matter carries on its own: front-matter keys,
//! bylines, author and source label lines, staff and reporting credits, publisher notices,
//! agency markers and the site credit after the article. Image credits void what follows them.

use super::cues::LineGate;
use super::{Evidence, RequiredAttributionCheck, Strength, captured_name, captures, medium};
use crate::document::Span;
use crate::rules::Context;
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::metadata_text::front_matter;
use crate::text;

impl RequiredAttributionCheck {
    pub(super) fn front_matter_evidence(&self, ctx: &Context) -> Vec<Evidence> {
        let is = |keys: &[String], key: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(key));
        front_matter(ctx.doc)
            .into_iter()
            .filter_map(|entry| {
                let kind = if is(&self.config.front_matter_author_keys, &entry.key) {
                    "author"
                } else if is(&self.config.front_matter_source_keys, &entry.key) {
                    "source"
                } else {
                    return None;
                };
                let name = ctx.doc.slice(entry.value).to_string();
                (!name.is_empty()).then_some(Evidence {
                    strength: Strength::Strong,
                    kind,
                    name,
                    line: entry.line,
                    in_noise: false,
                })
            })
            .collect()
    }

    /// The cues a single line can carry: byline, label lines, staff credit, reporting credit
    /// (the publisher notice is [`Self::publisher_evidence`]). Nothing at or after an image
    /// credit counts. Also what the line gate said of the line.
    pub(super) fn line_evidence(&self, ctx: &Context, index: usize) -> (Vec<Evidence>, LineGate) {
        let Some(line) = ctx.doc.lines().get(index) else {
            return (Vec::new(), LineGate::Unasked);
        };
        // A blank line (no words) carries nothing, and needs no image-credit search to say so.
        if ctx.layout.line_words(index) == 0 {
            return (Vec::new(), LineGate::Unasked);
        }
        let full = ctx.doc.slice(line.span);
        let in_noise = ctx.in_noise(line.span);
        // Inside noise only a source label line counts (the fixer keeps it). Its regex is
        // anchored at both ends around `.*`, so a line it does not match holds no such label
        // before an image credit either, and needs no search for the other cues.
        if in_noise
            && !self
                .cues
                .source_label
                .as_ref()
                .is_some_and(|r| r.is_match(full))
        {
            return (Vec::new(), LineGate::Unasked);
        }
        let gate = self.cues.line_gate(full);
        (self.gated_evidence(ctx, index, full, in_noise, gate), gate)
    }

    /// The evidence of the line `index`, whose text is `full`, once the line gate said `gate`.
    fn gated_evidence(
        &self,
        ctx: &Context,
        index: usize,
        full: &str,
        in_noise: bool,
        gate: LineGate,
    ) -> Vec<Evidence> {
        let cued = gate != LineGate::Shut;
        let text = if cued {
            self.before_image_credit(full)
        } else {
            full
        };
        if text.trim().is_empty() {
            return Vec::new();
        }
        let item = |strength, kind, name: String| Evidence {
            strength,
            kind,
            name,
            line: index,
            in_noise,
        };
        if !cued {
            // No cue regex matches: only a line that is a bare byline prefix or author label,
            // naming the author on the next line, can still count (outside noise).
            let name = self.standalone_cue_value(ctx, text, index);
            return name
                .filter(|_| !in_noise)
                .map(|name| vec![item(Strength::Strong, "author", name)])
                .unwrap_or_default();
        }
        let mut found = Vec::new();
        // The layout counted the words of every whole line already.
        let words = if text.len() == full.len() {
            ctx.layout.line_words(index)
        } else {
            text::word_count(text)
        };
        if let Some(name) = self.byline(text, words) {
            found.push(item(Strength::Strong, "author", name));
        }
        let labels = [
            (&self.cues.author_label, "author"),
            (&self.cues.source_label, "source"),
        ];
        for (regex, kind) in labels {
            if let Some(name) = self.label_value(ctx, regex.as_ref(), text, index) {
                found.push(item(Strength::Strong, kind, name));
            }
        }
        // A bare label counts only on a line without another cue, so it is searched only then.
        let bare = self
            .cues
            .author_label_bare
            .as_ref()
            .filter(|_| found.is_empty())
            .and_then(|r| r.captures(text));
        if let Some(captures) = bare {
            found.push(item(Strength::Strong, "author", captured_name(&captures)));
        }
        if let Some(name) = found
            .is_empty()
            .then(|| self.standalone_cue_value(ctx, text, index))
            .flatten()
        {
            found.push(item(Strength::Strong, "author", name));
        }
        let staff = self.cues.staff.as_ref().and_then(|r| r.captures(text));
        if let Some(captures) = staff.filter(|_| !self.has_stop_word(text)) {
            found.push(item(Strength::Strong, "author", captured_name(&captures)));
        }
        if let Some(credit) = self
            .cues
            .credits
            .iter()
            .find_map(|r| captures(r.matching(text)?, text))
        {
            found.push(item(Strength::Strong, "credit", captured_name(&credit)));
        }
        // A label line inside noise is kept by the fixer, so only it survives there.
        found.retain(|evidence| !in_noise || evidence.kind == "source");
        found
    }

    /// `line` up to its first image credit.
    fn before_image_credit<'t>(&self, line: &'t str) -> &'t str {
        let image_at = self
            .cues
            .image
            .iter()
            .filter_map(|r| r.matching(line)?.find(line))
            .map(|m| m.start())
            .min();
        line.get(..image_at.unwrap_or(line.len())).unwrap_or("")
    }

    /// The publisher notice of a line (weak evidence), whether inside noise or not. It is
    /// searched in the whole line, but a line that opens with an image credit has none.
    pub(super) fn publisher_evidence(&self, ctx: &Context, index: usize) -> Option<Evidence> {
        let line = ctx.doc.lines().get(index)?;
        let full = ctx.doc.slice(line.span);
        // A blank line holds nothing before an image credit, so it needs no search to say so;
        // a DFA that gave up (`None`) lets the line through.
        if full.trim().is_empty()
            || self
                .cues
                .any_publisher()
                .is_some_and(|any| any.is_match(full) == Some(false))
            || self.before_image_credit(full).trim().is_empty()
        {
            return None;
        }
        let notice = self
            .cues
            .publisher
            .iter()
            .find_map(|r| captures(r.matching(full)?, full))?;
        let name = captured_name(&notice);
        let name = if name.is_empty() {
            full.trim().to_string()
        } else {
            name
        };
        Some(Evidence {
            strength: Strength::Weak,
            kind: "publisher",
            name,
            line: index,
            in_noise: ctx.in_noise(line.span),
        })
    }

    /// `By Anna Smith and Li Wei` in `text`, which has `words` words, unless the line is prose
    /// or names no one.
    fn byline(&self, text: &str, words: usize) -> Option<String> {
        if words > self.config.max_byline_words {
            return None;
        }
        let guarded = self
            .cues
            .prose_guard
            .as_ref()
            .is_some_and(|r| r.is_match(text));
        if guarded && words > self.config.prose_guard_max_words {
            return None;
        }
        let captures = self.cues.byline.as_ref()?.captures(text)?;
        let name = captured_name(&captures);
        let rest = captures
            .name("rest")
            .map_or("", |rest| rest.as_str())
            .trim();
        let ends =
            rest.is_empty() || rest.starts_with(['|', ',', '·', '•', '(', '/', ';', '-', '–', '—']);
        let single = text::word_count(&name) < 2;
        (!self.has_stop_word(&name) && (ends || !single)).then_some(name)
    }

    /// The value of `Label: value`, or of the next line when the label stands alone.
    fn label_value(
        &self,
        ctx: &Context,
        regex: Option<&LazyRegex>,
        text: &str,
        index: usize,
    ) -> Option<String> {
        let found = captures(regex?.matching(text)?, text)?;
        let mut name = captured_name(&found);
        if name.is_empty() {
            let next = (index + 1..ctx.doc.lines().len()).find(|&i| !ctx.doc.is_blank_line(i))?;
            name = ctx.doc.line_text(next).trim().to_string();
        }
        let count = text::word_count(&name);
        (count > 0 && count <= self.config.max_label_value_words).then_some(name)
    }

    /// The next line's name when this line is only a byline prefix or an author label
    /// (`Von`, `By :`, `Artikel von:`): scrapers put the link holding the name on a line of its
    /// own, right below. The name line must read as a name: one to `max-name-tokens`
    /// capitalised words, no stop word, no sentence end, not noise.
    fn standalone_cue_value(&self, ctx: &Context, text: &str, index: usize) -> Option<String> {
        let cue = text.trim().trim_end_matches(':').trim_end();
        if cue.len() > self.cues.standalone_longest || !self.cues.standalone.contains(cue) {
            return None;
        }
        let next = index + 1;
        let line = ctx.doc.lines().get(next)?;
        let name = ctx.doc.slice(line.span).trim();
        let capitalised = name.split_whitespace().all(|token| {
            token.starts_with(char::is_uppercase)
                || self.config.name_particles.iter().any(|p| p == token)
        });
        let named = (1..=self.config.max_name_tokens).contains(&text::word_count(name))
            && capitalised
            && !name.ends_with([':', '!', '?', '…', ','])
            && !ends_a_sentence(name)
            && !self.has_stop_word(name)
            && !ctx.in_noise(line.span);
        named.then(|| name.to_string())
    }

    /// `(Reuters)`, `(dpa)` near the start of a paragraph or on its last line.
    pub(super) fn agency_evidence(&self, ctx: &Context) -> Vec<Evidence> {
        let Some(agency) = self.cues.agency.as_ref() else {
            return Vec::new();
        };
        // The marker's regex has no anchor and no look-around, so a match in a paragraph is a
        // match in the whole text: one search of it tells the many documents without a marker,
        // where a capturing search of each paragraph would set up its slots first.
        let whole = ctx.doc.text();
        if !agency
            .matching(whole)
            .is_some_and(|regex| regex.is_match(whole))
        {
            return Vec::new();
        }
        let mut found = Vec::new();
        for paragraph in ctx.doc.paragraphs() {
            let body = ctx.doc.paragraph_text(paragraph);
            let last_line_start = ctx.doc.lines().get(paragraph.last_line).map_or(0, |line| {
                line.span.start.saturating_sub(paragraph.span.start)
            });
            let Some(regex) = agency.matching(body) else {
                continue;
            };
            for captures in regex.captures_iter(body) {
                let Some(whole) = captures.get(0) else {
                    continue;
                };
                // Counting stops past the bound, so a long paragraph stays linear.
                let near_start = body
                    .get(..whole.start())
                    .is_none_or(|b| b.chars().nth(self.config.agency_chars).is_none());
                let placed = near_start || whole.start() >= last_line_start;
                let span = Span::new(
                    paragraph.span.start + whole.start(),
                    paragraph.span.start + whole.end(),
                );
                if placed && !ctx.in_noise(span) {
                    found.push(Evidence {
                        strength: Strength::Strong,
                        kind: "agency",
                        name: captured_name(&captures),
                        line: ctx.doc.line_index(span.start),
                        in_noise: false,
                    });
                    break;
                }
            }
        }
        found
    }

    /// A bare site name (`Caliber.Az`) on one of the first lines after the article.
    pub(super) fn site_credit_evidence(&self, ctx: &Context) -> Vec<Evidence> {
        let Some((_, last)) = ctx.layout.main_run else {
            return Vec::new();
        };
        let after = (last + 1..ctx.doc.lines().len()).filter(|&i| !ctx.doc.is_blank_line(i));
        after
            .take(self.config.site_credit_lines)
            .filter_map(|index| {
                let text = ctx.doc.line_text(index).trim();
                let credit = self.cues.site_credit.iter().any(|r| r.is_match(text));
                let in_noise = ctx
                    .doc
                    .lines()
                    .get(index)
                    .is_some_and(|l| ctx.in_noise(l.span));
                credit.then(|| medium("publisher", text.to_string(), index, in_noise))
            })
            .collect()
    }
}

/// True when `text` ends with a full stop after a word: an initial ("Joe S.", "Jr.") is part
/// of a name, "Suche..." or "the harbour." is not.
fn ends_a_sentence(text: &str) -> bool {
    let Some(stem) = text.strip_suffix('.') else {
        return false;
    };
    let last = stem.rsplit(char::is_whitespace).next().unwrap_or(stem);
    stem.ends_with('.') || last.chars().count() > 2
}
