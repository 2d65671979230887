//! The engine: runs every needed rule on a document, in category order, and wraps each kind's
//! findings into diagnostics with the rule's message, severity and help.
//!
//! Noise rules run first and their spans are handed to the later rules, so that metadata is
//! looked for outside page furniture and duplicates are judged knowing it. Rules run even when
//! not selected if a selected rule depends on them; only selected rules report.
//!
//! An HTML seed is linted through its derived text (see `html::lint`); the rules are the same.

use crate::civil_date::CivilDate;
use crate::diagnostic::{Category, Diagnostic, Label};
use crate::document::{Document, SeedFormat, Span, SpanSet};
use crate::fix::{Applicability, Edit, Fix};
use crate::html::HtmlPage;
use crate::layout::Layout;
use crate::metadata::Metadata;
use crate::rule::{Rule, RuleSet};
use crate::rules::{Context, Finding, Shared};

/// Settings of a lint run that do not come from rule files.
#[derive(Debug, Clone, Copy)]
pub struct LintOptions {
    /// Today's date: publication dates after tomorrow are not believed.
    pub today: CivilDate,
}

/// Everything a lint run learnt about one document.
#[derive(Debug, Clone, Default)]
pub struct LintResult {
    /// The findings of the selected rules, sorted by position then rule id.
    pub diagnostics: Vec<Diagnostic>,
    /// The date and attribution found.
    pub metadata: Metadata,
}

/// Lints one document with the selected rules of `rules`.
pub fn lint(doc: &Document, rules: &RuleSet, options: &LintOptions) -> LintResult {
    match doc.format() {
        SeedFormat::Text => {
            let place = |rule: &Rule, finding: Finding| Some(located_in_text(doc, rule, finding));
            run_rules(doc, None, rules, options, &place)
        }
        SeedFormat::Html => crate::html::lint::lint_page(doc, rules, options),
    }
}

/// Where a finding is reported and how it is fixed, in the coordinates of the seed's source.
#[derive(Debug, Clone)]
pub struct Located {
    /// The primary span.
    pub span: Span,
    /// Secondary labels.
    pub related: Vec<Label>,
    /// The fix, if any.
    pub fix: Option<Fix>,
}

/// A finding placed in a text seed: where the kind put it, fixed as `fix_for` says. Its labels
/// and edits move into the result rather than being copied.
fn located_in_text(doc: &Document, rule: &Rule, mut finding: Finding) -> Located {
    Located {
        span: finding.span,
        related: std::mem::take(&mut finding.related),
        fix: fix_for(doc, rule, finding),
    }
}

/// Runs the rules on `doc` (an HTML page's derived text when `html` is set) and turns each
/// finding into a diagnostic where `place` puts it; `place` drops findings it returns `None` for.
pub(crate) fn run_rules(
    doc: &Document,
    html: Option<&HtmlPage>,
    rules: &RuleSet,
    options: &LintOptions,
    place: &dyn Fn(&Rule, Finding) -> Option<Located>,
) -> LintResult {
    let layout = Layout::of(doc);
    let wanted = |category: Category| {
        rules
            .iter()
            .any(|(rule, enabled)| enabled && rule.category == category)
    };
    let metadata_wanted = wanted(Category::Metadata);
    let noise_wanted = metadata_wanted || wanted(Category::Duplicate);
    let mut noise = SpanSet::default();
    let mut metadata = Metadata::default();
    let mut diagnostics = Vec::new();
    // A UTF-16 or blank file has no text worth linting: only the rule that says so runs.
    let has_content = crate::rules::input::has_content(doc);
    let shared = Shared::default();
    for (rule, enabled) in rules.iter() {
        if !has_content && rule.category != Category::Input {
            continue;
        }
        // Duplicate and metadata rules read the noise spans, and metadata rules read each other
        // (a name next to the date line), whether or not those rules are selected.
        let needed = enabled
            || (noise_wanted && rule.category == Category::Noise)
            || (metadata_wanted && rule.category == Category::Metadata);
        if !needed {
            continue;
        }
        let ctx = Context {
            doc,
            layout: &layout,
            noise: &noise,
            today: options.today,
            html,
            shared: &shared,
        };
        let findings = rule.check.run(&ctx, &mut metadata);
        if rule.category == Category::Noise {
            noise.extend(findings.iter().map(|finding| finding.span));
        }
        if enabled {
            diagnostics.extend(
                findings
                    .into_iter()
                    .filter_map(|finding| diagnostic(rule, finding, place)),
            );
        }
    }
    diagnostics.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
    LintResult {
        diagnostics,
        metadata,
    }
}

fn diagnostic(
    rule: &Rule,
    mut finding: Finding,
    place: &dyn Fn(&Rule, Finding) -> Option<Located>,
) -> Option<Diagnostic> {
    let help = match &finding.note {
        Some(note) => format!("{} ({note})", rule.help),
        None => rule.help.clone(),
    };
    let help = match &finding.doubt {
        Some(doubt) if rule.fix == Applicability::Safe => {
            format!("{help}; the fix is unsafe here because {doubt}")
        }
        _ => help,
    };
    // `place` reads neither the message nor the label: they move out instead of being copied.
    let message = finding
        .message
        .take()
        .unwrap_or_else(|| rule.message.clone());
    let label = finding.label.take();
    let located = place(rule, finding)?;
    Some(Diagnostic {
        rule: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        message,
        span: located.span,
        label,
        related: located.related,
        help,
        fix: located.fix,
    })
}

/// The fix of a finding: the kind's own edits, or for noise and duplicates the deletion of the
/// lines the finding covers (with the blank line that separated them).
fn fix_for(doc: &Document, rule: &Rule, finding: Finding) -> Option<Fix> {
    if rule.fix == Applicability::None {
        return None;
    }
    let span = finding.span;
    let edits = match finding.edits {
        Some(edits) => edits,
        None if matches!(rule.category, Category::Noise | Category::Duplicate) => {
            let first = doc.line_index(span.start);
            let last = doc.line_index(span.end.saturating_sub(1).max(span.start));
            vec![Edit::delete(doc.line_deletion(first, last))]
        }
        None => return None,
    };
    let applicability = match finding.doubt {
        Some(_) => Applicability::Unsafe,
        None => rule.fix,
    };
    Some(Fix {
        applicability,
        edits,
    })
}
