//! `pattern`: regexes matched against each line, each paragraph or the whole text, with optional
//! conditions (maximum words, no terminal punctuation, placement relative to the article).
//!
//! Cheap conditions are tested before the regex, so most lines of an article never reach it.

use regex::Captures;
use serde::Deserialize;
use toml::Spanned;

use super::patterns::document_line_starts;
use super::{
    Compilation, CompileError, Context, Finding, PatternList, Placement, compile_patterns,
};
use crate::document::Span;
use crate::fix::Edit;
use crate::text;

/// What one match is tested against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Each line, without its terminator.
    #[default]
    Line,
    /// Each paragraph.
    Paragraph,
    /// The whole text, with `^`/`$` matching at line ends.
    Text,
}

/// What a finding covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Extent {
    /// The whole line or paragraph that matched.
    #[default]
    Unit,
    /// Only the matched text, or its first non-empty capture group when the regex has one.
    Match,
}

/// The `[check]` table of a `pattern` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PatternConfig {
    /// Regexes; any one matching is a finding.
    patterns: Vec<Spanned<String>>,
    /// What the regexes are matched against.
    #[serde(default)]
    scope: Scope,
    /// What a finding covers.
    #[serde(default)]
    extent: Extent,
    /// Matching ignores case (default true).
    #[serde(default = "default_true")]
    ignore_case: bool,
    /// Only lines or paragraphs with at most this many words.
    max_words: Option<usize>,
    /// Only lines or paragraphs that do not end a sentence.
    #[serde(default)]
    no_terminal_punctuation: bool,
    /// Where in the document the rule may fire.
    #[serde(default)]
    placement: Placement,
    /// The fix replaces each flagged span with this text (`{newline}` stands for the
    /// document's line ending); without it, noise findings delete their lines.
    replacement: Option<String>,
}

fn default_true() -> bool {
    true
}

/// A compiled `pattern` rule.
#[derive(Debug)]
pub struct PatternCheck {
    regex: PatternList,
    scope: Scope,
    extent: Extent,
    max_words: Option<usize>,
    no_terminal_punctuation: bool,
    placement: Placement,
    replacement: Option<String>,
}

/// Compiles a `pattern` rule; `compilation` says when its regexes compile.
pub fn compile(
    config: PatternConfig,
    compilation: Compilation,
) -> Result<PatternCheck, CompileError> {
    if config.patterns.is_empty() {
        return Err(CompileError {
            message: "a pattern rule needs at least one regex in `patterns`".into(),
            span: None,
            help: Some("add `patterns = ['...']` to the `[check]` table".into()),
        });
    }
    let regex = compile_patterns(
        &config.patterns,
        config.ignore_case,
        config.scope == Scope::Text,
        compilation,
    )?;
    Ok(PatternCheck {
        regex,
        scope: config.scope,
        extent: config.extent,
        max_words: config.max_words,
        no_terminal_punctuation: config.no_terminal_punctuation,
        placement: config.placement,
        replacement: config.replacement,
    })
}

impl PatternCheck {
    /// Compiles the regex unless a search already did: for a whole-line or whole-paragraph
    /// finding only what a match test needs.
    pub fn prepare(&self) {
        match (self.scope, self.extent) {
            (Scope::Line | Scope::Paragraph, Extent::Unit) => self.regex.prepare_test(),
            _ => self.regex.prepare(),
        }
    }

    /// Flags every line, paragraph or match the rule's conditions and regexes accept.
    pub fn check(&self, ctx: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        match self.scope {
            Scope::Line => {
                let counts = ctx.layout.line_word_counts();
                let lines = ctx.doc.lines().iter().enumerate().zip(counts);
                let units = lines.filter_map(|((index, line), &words)| {
                    self.eligible(ctx, index, line.span, words)
                        .map(|body| (line.span, body))
                });
                self.test_units(units, &mut findings);
            }
            Scope::Paragraph => {
                let units = ctx.doc.paragraphs().iter().filter_map(|paragraph| {
                    let words = ctx.layout.paragraph_words(paragraph);
                    self.eligible(ctx, paragraph.first_line, paragraph.span, words)
                        .map(|body| (paragraph.span, body))
                });
                self.test_units(units, &mut findings);
            }
            Scope::Text => {
                let whole = Span::new(0, ctx.doc.text().len());
                let captures = self
                    .regex
                    .captures_iter_of_document(ctx.doc.text(), || shared_line_starts(ctx));
                for span in self.spans(captures, whole.start) {
                    let index = ctx.doc.line_index(span.start);
                    if self.placement.accepts(ctx.layout.position(index)) {
                        findings.push(Finding::new(span));
                    }
                }
            }
        }
        if let Some(replacement) = &self.replacement {
            let replacement = replacement.replace("{newline}", ctx.doc.newline());
            for finding in &mut findings {
                finding.edits = Some(vec![Edit {
                    span: finding.span,
                    replacement: replacement.clone(),
                }]);
            }
        }
        findings
    }

    /// The text of a line or paragraph of `words` words (none means it is blank), starting at
    /// line `first_line`, when the rule's cheap conditions let it through to the regexes.
    fn eligible<'d>(
        &self,
        ctx: &Context<'d>,
        first_line: usize,
        span: Span,
        words: usize,
    ) -> Option<&'d str> {
        // Cheapest first: the word count (most lines of an article are too long for a rule with
        // a word limit, and blank ones hold nothing), the placement, then the text.
        if words == 0 || self.max_words.is_some_and(|max| words > max) {
            return None;
        }
        if !self.placement.accepts(ctx.layout.position(first_line)) {
            return None;
        }
        let body = ctx.doc.slice(span);
        if self.no_terminal_punctuation && text::ends_with_terminal_punctuation(body) {
            return None;
        }
        Some(body)
    }

    /// Flags the lines or paragraphs of `units` (each span with its text) that the regexes
    /// match. A list that [batches](super::patterns::ListTester::batches) tests them all in one go; the others
    /// test each as it comes, without gathering them first.
    fn test_units<'d>(&self, units: impl Iterator<Item = (Span, &'d str)>, out: &mut Vec<Finding>) {
        let tester = self.regex.tester();
        if !tester.batches() {
            for (span, body) in units {
                if tester.is_match(body) {
                    self.flag(span, body, out);
                }
            }
            return;
        }
        let units: Vec<(Span, &str)> = units.collect();
        let texts: Vec<&str> = units.iter().map(|&(_, body)| body).collect();
        let matched = tester.is_match_each(&texts);
        for (&(span, body), matched) in units.iter().zip(matched) {
            if matched {
                self.flag(span, body, out);
            }
        }
    }

    /// Flags a line or paragraph the regexes match: the whole unit, or each match in it.
    fn flag(&self, span: Span, body: &str, out: &mut Vec<Finding>) {
        match self.extent {
            Extent::Unit => out.push(Finding::new(span)),
            // Most units hold no match, and a match test allocates nothing, where a capturing
            // search sets up its capture slots for every unit.
            Extent::Match => {
                let captures = self.regex.captures_iter_of_match(body);
                out.extend(self.spans(captures, span.start).map(Finding::new));
            }
        }
    }

    /// The spans flagged by `captures`, the matches in a haystack that starts at byte `offset`
    /// of the document: each non-empty match, or with `extent = "match"` its first non-empty
    /// capture group (the whole match when every group is empty or took no part).
    fn spans<'h>(
        &'h self,
        captures: impl Iterator<Item = Captures<'h>> + 'h,
        offset: usize,
    ) -> impl Iterator<Item = Span> + 'h {
        captures.filter_map(move |captures| {
            let whole = captures.get(0).filter(|whole| !whole.is_empty())?;
            let part = match self.extent {
                Extent::Match => captures
                    .iter()
                    .skip(1)
                    .flatten()
                    .find(|group| !group.is_empty())
                    .unwrap_or(whole),
                Extent::Unit => whole,
            };
            Some(Span::new(offset + part.start(), offset + part.end()))
        })
    }
}

/// Where a line of the document may start, computed once for all the rules that ask.
fn shared_line_starts<'d>(ctx: &Context<'d>) -> &'d [usize] {
    ctx.shared
        .line_starts
        .get_or_init(|| document_line_starts(ctx.doc))
}
