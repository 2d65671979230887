//! `--fix`: applies the fixes of a lint run, lints the result again until nothing changes
//! (bounded), and checks the outcome before anyone writes it.
//!
//! Invariants: the lines that carry the publication date and the attribution are never deleted
//! (edits are carved around them); the content guard follows the title line, the date and
//! attribution lines and every paragraph that no finding covered through every pass: an edit
//! that touches one refuses the fix as a whole, so they survive byte for byte.

use thiserror::Error;

use crate::diagnostic::{Category, Diagnostic};
use crate::document::{Document, SeedFormat, Span};
use crate::fix::{self, Applicability, Edit};
use crate::html::guard::BlockGuard;
use crate::lint::{LintOptions, LintResult, lint};
use crate::rule::RuleSet;

/// How many lint-and-fix passes may run before the fixer gives up.
const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

/// The outcome of fixing one document.
#[derive(Debug)]
pub struct FixOutcome {
    /// The fixed document (the original when nothing applied).
    pub document: Document,
    /// The findings of the last lint run, on the fixed document.
    pub remaining: LintResult,
    /// How many findings were fixed, by rule id, in first-seen order.
    pub fixed: Vec<(String, usize)>,
}

impl FixOutcome {
    /// The number of findings fixed.
    pub fn fixed_count(&self) -> usize {
        self.fixed.iter().map(|(_, count)| count).sum()
    }
}

/// Why a document was left as it was.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FixError {
    /// The file is not UTF-8: writing the decoded text would replace the bytes it could not read.
    #[error("the file is not UTF-8; it is left unchanged")]
    Undecodable,
    /// The fixes kept producing new fixes.
    #[error("the fixes did not settle after {0} passes; the file is left unchanged")]
    NotConverged(usize),
    /// The result would lose text that no finding covered.
    #[error(
        "the fix would change {what} on line {line}, which no finding covers; the file is left unchanged"
    )]
    Guard {
        /// What would be lost ("the title line", "the paragraph", …).
        what: &'static str,
        /// Its 1-based line in the original.
        line: usize,
    },
}

/// Drops the findings that do not apply to the file being fixed (per-file ignores, in-file
/// markers); they are neither fixed nor reported.
pub type Filter<'a> = &'a (dyn Fn(&Document, LintResult) -> LintResult + Sync);

/// Fixes a document with the selected rules and checks the result with the content guard.
pub fn fix_document(
    doc: Document,
    rules: &RuleSet,
    lint_options: &LintOptions,
    options: FixOptions,
    filter: Filter,
) -> Result<FixOutcome, FixError> {
    if doc.undecodable().is_some() {
        return Err(FixError::Undecodable);
    }
    let lint = |doc: &Document| filter(doc, lint(doc, rules, lint_options));
    let first = lint(&doc);
    let html_guard =
        (doc.format() == SeedFormat::Html).then(|| BlockGuard::new(&doc, &first.diagnostics));
    let mut guard = Guard::new(&doc, &first);
    let mut current = doc;
    let mut result = first;
    let mut fixed: Vec<(String, usize)> = Vec::new();
    for _ in 0..MAX_PASSES {
        let (edits, rules_fixed) = applicable_edits(&current, &result, &guard.spans(), options);
        if edits.is_empty() {
            return Ok(FixOutcome {
                document: current,
                remaining: result,
                fixed,
            });
        }
        for rule in rules_fixed {
            match fixed.iter_mut().find(|(id, _)| *id == rule) {
                Some((_, count)) => *count += 1,
                None => fixed.push((rule, 1)),
            }
        }
        guard.follow(&edits)?;
        let format = current.format();
        current = Document::new(fix::apply(current.text(), &edits)).with_format(format);
        if let Some(line) = html_guard.as_ref().and_then(|g| g.lost_line(&current)) {
            let what = "the text block";
            return Err(FixError::Guard { what, line });
        }
        result = lint(&current);
    }
    Err(FixError::NotConverged(MAX_PASSES))
}

/// The edits to apply in one pass, carved around the metadata lines and the guard's spans and
/// made disjoint, and the rule id of each finding that contributed one.
///
/// Carving around the guard's spans matters from the second pass on: once furniture is gone,
/// a header copy of the title can turn the real title into a "later copy".
fn applicable_edits(
    doc: &Document,
    result: &LintResult,
    guarded: &[Span],
    options: FixOptions,
) -> (Vec<Edit>, Vec<String>) {
    let mut keep = metadata_lines(doc, result);
    keep.extend_from_slice(guarded);
    let html = doc.format() == SeedFormat::Html;
    let mut tagged: Vec<(Edit, usize)> = Vec::new();
    for (index, diagnostic) in result.diagnostics.iter().enumerate() {
        let Some(fix) = &diagnostic.fix else { continue };
        let wanted = match fix.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => options.unsafe_fixes,
            Applicability::None => false,
        };
        if wanted {
            // Carving an element's deletion would leave half its tags: keep it whole instead.
            let pieces = fix.edits.iter().flat_map(|edit| match html {
                true if keep.iter().any(|span| span.overlaps(&edit.span)) => Vec::new(),
                true => vec![edit.clone()],
                false => fix::carve(edit.clone(), &keep),
            });
            tagged.extend(pieces.map(|edit| (edit, index)));
        }
    }
    let edits = fix::resolve_overlaps(tagged.iter().map(|(edit, _)| edit.clone()).collect());
    let mut contributors: Vec<usize> = tagged
        .iter()
        .filter(|(edit, _)| edits.contains(edit))
        .map(|(_, index)| *index)
        .collect();
    contributors.dedup();
    let rules = contributors
        .into_iter()
        .filter_map(|index| result.diagnostics.get(index).map(|d| d.rule.clone()))
        .collect();
    (edits, rules)
}

/// The lines (with terminators) that carry the date and the attribution.
fn metadata_lines(doc: &Document, result: &LintResult) -> Vec<Span> {
    let date = result.metadata.date.as_ref().map(|date| date.line_span);
    let attribution = result
        .metadata
        .attribution
        .as_ref()
        .map(|found| found.line_span);
    let spans = date.into_iter().chain(attribution);
    match doc.format() {
        // An HTML page may be one line: its metadata spans are the elements themselves.
        SeedFormat::Html => spans.collect(),
        SeedFormat::Text => spans
            .map(|span| doc.line_with_terminator(doc.line_index(span.start)))
            .collect(),
    }
}

/// Spans that no edit may touch: the title, the metadata lines and every paragraph that no
/// finding covered, followed through each pass's edits in the coordinates of the current text.
struct Guard {
    kept: Vec<(Span, usize, &'static str)>,
}

impl Guard {
    fn new(doc: &Document, result: &LintResult) -> Self {
        if doc.format() == SeedFormat::Html {
            // Kept by the block guard: paragraphs and lines of markup mean nothing there.
            return Self { kept: Vec::new() };
        }
        let covered = |span: Span| {
            result
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.span.overlaps(&span) || touches(diagnostic, span))
        };
        let mut kept: Vec<(Span, &'static str)> = Vec::new();
        if let Some(title) = title_line(doc, &result.diagnostics) {
            kept.push((title, "the title line"));
        }
        let date = result
            .metadata
            .date
            .as_ref()
            .map(|date| (date.line_span, "the date line"));
        let attribution = result.metadata.attribution.as_ref();
        let attribution = attribution.map(|found| (found.line_span, "the attribution line"));
        kept.extend(date.into_iter().chain(attribution));
        for paragraph in doc.paragraphs() {
            if !covered(paragraph.span) {
                kept.push((paragraph.span, "the paragraph"));
            }
        }
        let kept = kept
            .into_iter()
            .map(|(span, what)| {
                let last_line = doc.line_index(span.end.saturating_sub(1).max(span.start));
                let with_terminator =
                    Span::new(span.start, doc.line_with_terminator(last_line).end);
                (with_terminator, doc.line_index(span.start) + 1, what)
            })
            .collect();
        Self { kept }
    }

    /// The kept spans, in the coordinates of the current text.
    fn spans(&self) -> Vec<Span> {
        self.kept.iter().map(|(span, _, _)| *span).collect()
    }

    /// Refuses edits that touch a kept span, and moves the kept spans past the others.
    fn follow(&mut self, edits: &[Edit]) -> Result<(), FixError> {
        for (span, line, what) in &mut self.kept {
            if edits.iter().any(|edit| edit.span.overlaps(span)) {
                return Err(FixError::Guard { what, line: *line });
            }
            let shift: isize = edits
                .iter()
                .filter(|edit| edit.span.end <= span.start)
                .map(|edit| edit.replacement.len() as isize - edit.span.len() as isize)
                .sum();
            span.start = span.start.saturating_add_signed(shift);
            span.end = span.end.saturating_add_signed(shift);
        }
        Ok(())
    }
}

/// True when a noise or duplicate finding's fix would delete part of `span`.
fn touches(diagnostic: &Diagnostic, span: Span) -> bool {
    diagnostic
        .fix
        .iter()
        .flat_map(|fix| &fix.edits)
        .any(|edit| edit.span.overlaps(&span))
}

/// The title: the first non-blank line that no noise or duplicate finding covers.
fn title_line(doc: &Document, diagnostics: &[Diagnostic]) -> Option<Span> {
    doc.lines().iter().enumerate().find_map(|(index, line)| {
        let removed = diagnostics.iter().any(|diagnostic| {
            matches!(diagnostic.category, Category::Noise | Category::Duplicate)
                && diagnostic.span.overlaps(&line.span)
        });
        (!doc.is_blank_line(index) && !removed).then_some(line.span)
    })
}
