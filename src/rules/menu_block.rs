//! `menu-block`: runs of consecutive short lines without sentence punctuation and with few stop
//! words, the shape navigation menus, social links and link lists take in scraped text.
//!
//! In the spirit of jusText's block classifier, but on lines: article prose is long, punctuated
//! and dense in stop words; menus are short, bare and nearly free of them. Every threshold comes
//! from the rule file.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::{CompileError, Context, Finding, Placement};
use crate::text;

/// The `[check]` table of a `menu-block` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MenuBlockConfig {
    /// A run needs at least this many short lines.
    min_lines: usize,
    /// A short line has at most this many words.
    max_words: usize,
    /// Blank lines allowed inside a run between two short lines.
    #[serde(default)]
    max_gap: usize,
    /// A run whose words are stop words at more than this share reads as prose, not a menu.
    max_stopword_share: f64,
    /// Stop words, lower case, of every language the rule should read.
    stopwords: Vec<String>,
    /// Where in the document the rule may fire.
    #[serde(default)]
    placement: Placement,
}

impl Default for MenuBlockConfig {
    fn default() -> Self {
        Self {
            min_lines: 3,
            max_words: 4,
            max_gap: 0,
            max_stopword_share: 0.3,
            stopwords: Vec::new(),
            placement: Placement::Anywhere,
        }
    }
}

/// A compiled `menu-block` rule.
#[derive(Debug)]
pub struct MenuBlockCheck {
    min_lines: usize,
    max_words: usize,
    max_gap: usize,
    max_stopword_share: f64,
    /// Lower case; hashed with FxHash, since every word of every short line is looked up.
    stopwords: FxHashSet<String>,
    placement: Placement,
}

/// Compiles a `menu-block` rule.
pub fn compile(config: MenuBlockConfig) -> Result<MenuBlockCheck, CompileError> {
    if config.min_lines < 2 || !(0.0..=1.0).contains(&config.max_stopword_share) {
        return Err(CompileError {
            message: "`min-lines` must be at least 2 and `max-stopword-share` within 0..1".into(),
            span: None,
            help: None,
        });
    }
    Ok(MenuBlockCheck {
        min_lines: config.min_lines,
        max_words: config.max_words,
        max_gap: config.max_gap,
        max_stopword_share: config.max_stopword_share,
        stopwords: config
            .stopwords
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
        placement: config.placement,
    })
}

/// A run of short lines being collected: first and last line index, lines, words, stop words.
#[derive(Debug, Clone, Copy)]
struct Run {
    first: usize,
    last: usize,
    lines: usize,
    words: usize,
    stopwords: usize,
}

impl MenuBlockCheck {
    /// Flags each run of short bare lines that is long enough and poor in stop words.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut run: Option<Run> = None;
        let mut gap = 0;
        for index in 0..ctx.doc.lines().len() {
            let line = text::trim(ctx.doc.line_text(index));
            if line.is_empty() {
                gap += 1;
                if gap > self.max_gap {
                    self.close(ctx, run.take(), &mut findings);
                }
                continue;
            }
            gap = 0;
            if !self.is_short_line(ctx, index, line) {
                self.close(ctx, run.take(), &mut findings);
                continue;
            }
            let words = ctx.layout.line_words(index);
            let stopwords = text::words(line)
                .filter(|word| self.is_stopword(word))
                .count();
            let mut current = run.unwrap_or(Run {
                first: index,
                last: index,
                lines: 0,
                words: 0,
                stopwords: 0,
            });
            current.last = index;
            current.lines += 1;
            current.words += words;
            current.stopwords += stopwords;
            run = Some(current);
        }
        self.close(ctx, run, &mut findings);
        findings
    }

    fn is_short_line(&self, ctx: &Context, index: usize, line: &str) -> bool {
        ctx.layout.line_words(index) <= self.max_words
            && !text::ends_with_terminal_punctuation(line)
            && self.placement.accepts(ctx.layout.position(index))
    }

    fn is_stopword(&self, word: &str) -> bool {
        // Only sentence punctuation is trimmed: "A+" (a font-size button) is not the word "a".
        let bare = word.trim_matches(|c: char| ",.;:!?\"'()«»“”„‘’".contains(c));
        // A word without capitals or non-ASCII letters (most words) is its own lower case.
        let lower = bare
            .bytes()
            .all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase());
        !bare.is_empty()
            && if lower {
                self.stopwords.contains(bare)
            } else {
                self.stopwords.contains(&bare.to_lowercase())
            }
    }

    fn close(&self, ctx: &Context, run: Option<Run>, findings: &mut Vec<Finding>) {
        let Some(run) = run else { return };
        let share = run.stopwords as f64 / run.words.max(1) as f64;
        if run.lines >= self.min_lines && share <= self.max_stopword_share {
            let span = ctx.doc.lines_span(run.first, run.last);
            findings.push(
                Finding::new(span)
                    .with_label(format!("{} short lines without sentences", run.lines)),
            );
        }
    }
}
