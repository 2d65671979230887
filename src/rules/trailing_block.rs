//! `trailing-block`: a marker line ("Related articles", "Popular", "RECOMMEND:", "Top Bottom",
//! a share widget…) starts page furniture that runs to the end of the document.
//!
//! Sites also drop such boxes into the middle of an article ("Trending News" and five headlines,
//! then the article goes on). So the block stops before the first dense stretch of prose after
//! the marker (a number of prose paragraphs in a row, set in the rule file): teaser lists
//! alternate headlines and leads, an article's continuation does not.

use serde::Deserialize;
use toml::Spanned;

use super::{Compilation, CompileError, Context, Finding, LazyRegex, Placement, compile_patterns};
use crate::layout::is_prose;
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
}

fn default_placement() -> Placement {
    Placement::Tail
}

/// A compiled `trailing-block` rule.
#[derive(Debug)]
pub struct TrailingBlockCheck {
    markers: LazyRegex,
    max_marker_words: usize,
    placement: Placement,
    stop_at_prose_run: usize,
    doubtful_ratio: Option<f64>,
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
    Ok(TrailingBlockCheck {
        markers: compile_patterns(&config.markers, true, false, compilation)?,
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
    }

    /// Flags each block from a marker line to the end of the document, or to the dense prose
    /// that follows an inline box.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let doc = ctx.doc;
        let mut findings = Vec::new();
        let mut from = 0;
        while let Some(first) = (from..doc.lines().len()).find(|&i| self.is_marker(ctx, i)) {
            let (last, to_end) = self.block_end(ctx, first);
            let marker = doc.line_text(first).trim();
            let label = if to_end {
                format!("page furniture from “{marker}” to the end")
            } else {
                format!("a box of page furniture headed “{marker}”")
            };
            let span = doc.lines_span(first, last);
            findings.push(self.judge(ctx, Finding::new(span).with_label(label)));
            if to_end {
                break;
            }
            from = last + 1;
        }
        findings
    }

    /// Marks the finding doubtful when the block outweighs the text before it too much.
    fn judge(&self, ctx: &Context, finding: Finding) -> Finding {
        let Some(ratio) = self.doubtful_ratio else {
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

    fn is_marker(&self, ctx: &Context, index: usize) -> bool {
        let line = ctx.doc.line_text(index).trim();
        !line.is_empty()
            && text::word_count_up_to(line, self.max_marker_words.saturating_add(1))
                <= self.max_marker_words
            && self.placement.accepts(ctx.layout.position(index))
            && self.markers.is_match(line)
    }

    /// The last line of the block that starts at line `first`, and whether it runs to the end.
    fn block_end(&self, ctx: &Context, first: usize) -> (usize, bool) {
        let doc = ctx.doc;
        let paragraphs = doc.paragraphs();
        let start = paragraphs.partition_point(|paragraph| paragraph.last_line < first);
        let mut in_a_row = 0;
        for (index, paragraph) in paragraphs.iter().enumerate().skip(start) {
            in_a_row = if is_prose(doc.paragraph_text(paragraph)) {
                in_a_row + 1
            } else {
                0
            };
            if self.stop_at_prose_run > 0 && in_a_row >= self.stop_at_prose_run {
                let before_run = (index + 1 - in_a_row).checked_sub(1);
                let last = before_run
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
}
