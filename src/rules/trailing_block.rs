//! `trailing-block`: a marker line ("Related articles", "Popular", "RECOMMEND:", "Top Bottom",
//! a share widget…) after the article's main run starts page furniture that runs to the end of
//! the document.

use serde::Deserialize;
use toml::Spanned;

use super::{CompileError, Context, Finding, Placement, compile_patterns};
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
}

fn default_placement() -> Placement {
    Placement::Tail
}

/// A compiled `trailing-block` rule.
#[derive(Debug)]
pub struct TrailingBlockCheck {
    markers: regex::Regex,
    max_marker_words: usize,
    placement: Placement,
}

/// Compiles a `trailing-block` rule.
pub fn compile(config: TrailingBlockConfig) -> Result<TrailingBlockCheck, CompileError> {
    if config.markers.is_empty() {
        return Err(CompileError {
            message: "a trailing-block rule needs at least one regex in `markers`".into(),
            span: None,
            help: None,
        });
    }
    Ok(TrailingBlockCheck {
        markers: compile_patterns(&config.markers, true, false)?,
        max_marker_words: config.max_marker_words,
        placement: config.placement,
    })
}

impl TrailingBlockCheck {
    /// Flags the block from the first marker line to the last non-blank line.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let doc = ctx.doc;
        let marker = (0..doc.lines().len()).find(|&index| {
            let line = doc.line_text(index).trim();
            !line.is_empty()
                && text::word_count(line) <= self.max_marker_words
                && self.placement.accepts(ctx.layout.position(index))
                && self.markers.is_match(line)
        });
        let Some(first) = marker else {
            return Vec::new();
        };
        let last = (first..doc.lines().len())
            .rev()
            .find(|&index| !doc.is_blank_line(index))
            .unwrap_or(first);
        let label = format!(
            "page furniture from “{}” to the end",
            doc.line_text(first).trim()
        );
        vec![Finding::new(doc.lines_span(first, last)).with_label(label)]
    }
}
