//! `trailing-block`: a marker line ("Related articles", "Popular", "RECOMMEND:", "Top Bottom",
//! a share widget…) starts page furniture that runs to the end of the document.
//!
//! Sites also drop such boxes into the middle of an article ("Trending News" and five headlines,
//! then the article goes on). So the block stops before the first dense stretch of prose after
//! the marker (a number of prose paragraphs in a row, set in the rule file): teaser lists
//! alternate headlines and leads, an article's continuation does not.

use std::cell::OnceCell;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Compilation, CompileError, Context, Finding, PatternList, Placement, compile_patterns,
};
use crate::layout::Position;
use crate::text;

/// The `[check]` table of a `trailing-block` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TrailingBlockConfig {
    /// Regexes for the marker line (matched against the trimmed line).
    markers: Vec<Spanned<String>>,
    /// A marker line has at most this many words.
    max_marker_words: usize,
    /// Where the marker may stand (default: after the main run; `body-or-tail` when teasers
    /// after the marker can outweigh the article).
    #[serde(default = "default_placement")]
    placement: Placement,
    /// The block ends before this many prose paragraphs in a row (0: always to the end).
    #[serde(default)]
    stop_at_prose_run: usize,
    /// A block with more than this many times the words before its marker is doubtful: its fix
    /// becomes unsafe (furniture is rarely several times longer than the page above it).
    doubtful_ratio: Option<f64>,
    /// Lines only this kind of block holds (comment headers: "anna says:", "Reply"). A block
    /// holding `confirm-min` of them, the first before any prose, is certain: it is flagged
    /// wherever its marker stands and never doubtful (comments can outweigh the article).
    #[serde(default)]
    confirm: Vec<Spanned<String>>,
    /// How many `confirm` lines make a block certain (at least 2 when `confirm` is set).
    #[serde(default)]
    confirm_min: usize,
    /// The marker's first capture group (a name) must reappear in the text right below the
    /// marker, or the block is doubtful: "About Jane Roe" heads the author's box when the box
    /// then speaks of Jane Roe, and may head a section of a profile when it does not.
    #[serde(default)]
    name_reappears: bool,
}

fn default_placement() -> Placement {
    Placement::Tail
}

/// A confirming line (a comment header) is short.
const MAX_CONFIRM_WORDS: usize = 16;

/// The first confirming line is among the first lines after the marker.
const CONFIRM_LOOKAHEAD_LINES: usize = 4;

/// The confirming lines are counted within this many lines after the marker.
const CONFIRM_WINDOW_LINES: usize = 400;

/// Each confirming line of a chain is at most this many lines after the one before.
const CONFIRM_GAP_LINES: usize = 40;

/// A compiled `trailing-block` rule.
#[derive(Debug)]
pub struct TrailingBlockCheck {
    markers: PatternList,
    max_marker_words: usize,
    placement: Placement,
    stop_at_prose_run: usize,
    doubtful_ratio: Option<f64>,
    confirm: Option<PatternList>,
    confirm_min: usize,
    name_reappears: bool,
}

/// Compiles a `trailing-block` rule; `compilation` says when its markers compile.
pub fn compile(
    config: TrailingBlockConfig,
    compilation: Compilation,
) -> Result<TrailingBlockCheck, CompileError> {
    if config.markers.is_empty() {
        return Err(CompileError {
            message: "a trailing-block rule needs at least one regex in `markers`".into(),
            span: None,
            help: None,
        });
    }
    if !config.confirm.is_empty() && config.confirm_min < 2 {
        return Err(CompileError {
            message: "`confirm` needs `confirm-min` of at least 2".into(),
            span: None,
            help: Some("one line that looks like a comment header proves little".into()),
        });
    }
    let confirm = if config.confirm.is_empty() {
        None
    } else {
        Some(compile_patterns(&config.confirm, true, false, compilation)?)
    };
    Ok(TrailingBlockCheck {
        markers: compile_patterns(&config.markers, true, false, compilation)?,
        confirm,
        confirm_min: config.confirm_min,
        name_reappears: config.name_reappears,
        max_marker_words: config.max_marker_words,
        placement: config.placement,
        stop_at_prose_run: config.stop_at_prose_run,
        doubtful_ratio: config.doubtful_ratio,
    })
}

impl TrailingBlockCheck {
    /// Compiles the markers unless a search already did.
    pub fn prepare(&self) {
        self.markers.prepare_test();
        if let Some(confirm) = &self.confirm {
            confirm.prepare_test();
        }
    }

    /// Flags each block from a marker line to the end of the document, or to the dense prose
    /// that follows an inline box.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let doc = ctx.doc;
        let mut findings = Vec::new();
        let mut from = 0;
        let run_ends = OnceCell::new();
        let thread_is_main_run = OnceCell::new();
        while let Some((first, (last, to_end, confirmed))) = (from..doc.lines().len())
            .filter(|&i| self.is_marker(ctx, i))
            .find_map(|i| {
                let run_ends = run_ends.get_or_init(|| self.prose_run_ends(ctx));
                let in_place = self.placement.accepts(ctx.layout.position(i))
                    || *thread_is_main_run.get_or_init(|| self.main_run_is_confirmed(ctx));
                self.accepted_block(ctx, i, run_ends, in_place)
                    .map(|block| (i, block))
            })
        {
            let marker = text::trim(doc.line_text(first));
            let label = if to_end {
                format!("page furniture from “{marker}” to the end")
            } else {
                format!("a box of page furniture headed “{marker}”")
            };
            let span = doc.lines_span(first, last);
            let finding = self.judge(ctx, Finding::new(span).with_label(label), confirmed);
            findings.push(
                if self.name_reappears && !self.name_reappears_below(ctx, first) {
                    finding.doubtful("the name in the heading does not reappear right below it")
                } else {
                    finding
                },
            );
            if to_end {
                break;
            }
            from = last + 1;
        }
        findings
    }

    /// Marks the finding doubtful when the block outweighs the text before it too much and its
    /// own lines do not confirm what it is.
    fn judge(&self, ctx: &Context, finding: Finding, confirmed: bool) -> Finding {
        let Some(ratio) = self.doubtful_ratio.filter(|_| !confirmed) else {
            return finding;
        };
        let text = ctx.doc.text();
        let block = text::word_count(ctx.doc.slice(finding.span));
        // Counting the words before the block only as far as the verdict needs keeps a
        // document with many boxes linear: each count stops within a few times its box's words.
        let enough = if ratio > 0.0 {
            (block as f64 / ratio).ceil() as usize + 1
        } else {
            usize::MAX
        };
        let before =
            text::word_count_up_to(text.get(..finding.span.start).unwrap_or_default(), enough);
        if block as f64 > ratio * before as f64 {
            finding.doubtful(format!(
                "the block is over {ratio} times longer than the text before it"
            ))
        } else {
            finding
        }
    }

    /// True when the name the marker at line `marker` captures occurs in the text below it, up
    /// to the end of the next paragraph (the box's first words); a marker that captures nothing
    /// has no name to find.
    fn name_reappears_below(&self, ctx: &Context, marker: usize) -> bool {
        let doc = ctx.doc;
        let heading = text::trim(doc.line_text(marker));
        let captures = self.markers.captures_iter(heading).next();
        let Some(name) = captures
            .as_ref()
            .and_then(|captures| captures.iter().skip(1).flatten().next())
        else {
            return false;
        };
        let paragraphs = doc.paragraphs();
        let next = paragraphs.partition_point(|paragraph| paragraph.last_line <= marker);
        let Some(below) = paragraphs.get(next) else {
            return false;
        };
        let first = below.first_line.max(marker + 1);
        doc.slice(doc.lines_span(first, below.last_line))
            .contains(name.as_str())
    }

    fn is_marker(&self, ctx: &Context, index: usize) -> bool {
        let words = ctx.layout.line_words(index);
        let position = ctx.layout.position(index);
        words > 0
            && words <= self.max_marker_words
            && (self.placement.accepts(position)
                || self.confirm.is_some() && position == Position::Head)
            && self.markers.is_match(text::trim(ctx.doc.line_text(index)))
    }

    /// The block a marker at line `first` starts (last line, whether it runs to the end, whether
    /// its lines confirm it). A marker the placement refuses (`in_place` false) is never taken.
    fn accepted_block(
        &self,
        ctx: &Context,
        first: usize,
        run_ends: &[usize],
        in_place: bool,
    ) -> Option<(usize, bool, bool)> {
        if !in_place {
            return None;
        }
        let (last, to_end) = self.block_end(ctx, first, run_ends);
        let confirmed = self.is_confirmed(ctx, first, last);
        let accepted_here = self.placement.accepts(ctx.layout.position(first));
        (confirmed || accepted_here).then_some((last, to_end, confirmed))
    }

    /// True when the main run itself is a confirmed thread (a long comment thread under a short
    /// article): only then may a marker before the main run start a block. A marker above the
    /// article, confirmed by a header widget or by the thread far below, is refused.
    fn main_run_is_confirmed(&self, ctx: &Context) -> bool {
        match ctx.layout.main_run {
            Some((first, last)) if self.confirm.is_some() => {
                self.confirming_chain(ctx, first, last.min(first + CONFIRM_WINDOW_LINES))
                    >= self.confirm_min
            }
            _ => false,
        }
    }

    /// True when the block holds `confirm-min` confirming lines in a chain and the first of
    /// them comes right after the marker, before any prose paragraph.
    fn is_confirmed(&self, ctx: &Context, first: usize, last: usize) -> bool {
        let doc = ctx.doc;
        // Both looks are bounded, so that many markers in one document stay linear.
        let window_end = last.min(first + CONFIRM_WINDOW_LINES);
        let Some(first_confirming) = (first + 1..=window_end)
            .filter(|&i| !doc.is_blank_line(i))
            .take(CONFIRM_LOOKAHEAD_LINES)
            .find(|&i| self.confirms(ctx, i))
        else {
            return false;
        };
        let prose_before =
            first_confirming > first + 1 && holds_prose(ctx, first + 1, first_confirming - 1);
        !prose_before
            && self.confirming_chain(ctx, first_confirming, window_end) >= self.confirm_min
    }

    /// How many confirming lines follow each other from the first one in `from..=to`, each
    /// within `CONFIRM_GAP_LINES` of the one before (counting stops at `confirm-min`): comment
    /// headers recur every few lines, a header widget's few lines do not reach a far thread.
    fn confirming_chain(&self, ctx: &Context, from: usize, to: usize) -> usize {
        let mut chain = 0;
        let mut previous: Option<usize> = None;
        for index in (from..=to).filter(|&i| self.confirms(ctx, i)) {
            if previous.is_some_and(|before| index - before > CONFIRM_GAP_LINES) {
                break;
            }
            chain += 1;
            previous = Some(index);
            if chain >= self.confirm_min {
                break;
            }
        }
        chain
    }

    /// True when line `index` is a short line matching the rule's `confirm` regexes.
    fn confirms(&self, ctx: &Context, index: usize) -> bool {
        let words = ctx.layout.line_words(index);
        self.confirm.as_ref().is_some_and(|confirm| {
            words > 0
                && words <= MAX_CONFIRM_WORDS
                && confirm.is_match(text::trim(ctx.doc.line_text(index)))
        })
    }

    fn block_end(&self, ctx: &Context, first: usize, run_ends: &[usize]) -> (usize, bool) {
        let doc = ctx.doc;
        let paragraphs = doc.paragraphs();
        let start = paragraphs.partition_point(|paragraph| paragraph.last_line < first);
        let run = self.stop_at_prose_run;
        if run > 0 {
            let earliest = start + run - 1;
            let next = run_ends.get(run_ends.partition_point(|&end| end < earliest));
            if let Some(&end) = next {
                let last = (end + 1 - run)
                    .checked_sub(1)
                    .and_then(|i| paragraphs.get(i))
                    .map_or(first, |paragraph| paragraph.last_line.max(first));
                return (last, false);
            }
        }
        let last = (first..doc.lines().len())
            .rev()
            .find(|&index| !doc.is_blank_line(index))
            .unwrap_or(first);
        (last, true)
    }

    /// The paragraphs where a run of `stop-at-prose-run` prose paragraphs in a row completes, in
    /// order: found once per document, so that each marker's box end is a binary search.
    fn prose_run_ends(&self, ctx: &Context) -> Vec<usize> {
        let mut ends = Vec::new();
        if self.stop_at_prose_run == 0 {
            return ends;
        }
        let mut in_a_row = 0;
        for index in 0..ctx.doc.paragraphs().len() {
            in_a_row = if ctx.layout.is_prose(index) {
                in_a_row + 1
            } else {
                0
            };
            if in_a_row >= self.stop_at_prose_run {
                ends.push(index);
            }
        }
        ends
    }
}

/// True when a prose paragraph overlaps lines `first..=last`.
fn holds_prose(ctx: &Context, first: usize, last: usize) -> bool {
    let paragraphs = ctx.doc.paragraphs();
    let start = paragraphs.partition_point(|paragraph| paragraph.last_line < first);
    paragraphs
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(_, paragraph)| paragraph.first_line <= last)
        .any(|(index, _)| ctx.layout.is_prose(index))
}

#[cfg(test)]
mod tests;
