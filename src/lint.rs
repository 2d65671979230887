//! The engine: runs every needed rule on a document, in category order, and wraps each kind's
//! findings into diagnostics with the rule's message, severity and help.
//!
//! Noise rules run first and their spans are handed to the later rules, so that metadata is
//! looked for outside page furniture and duplicates are judged knowing it. Rules run even when
//! not selected if a selected rule depends on them; only selected rules report.

use crate::civil_date::CivilDate;
use crate::diagnostic::{Category, Diagnostic};
use crate::document::{Document, Span};
use crate::fix::{Applicability, Edit, Fix};
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
    let layout = Layout::of(doc);
    let wanted = |category: Category| {
        rules
            .iter()
            .any(|(rule, enabled)| enabled && rule.category == category)
    };
    let metadata_wanted = wanted(Category::Metadata);
    let noise_wanted = metadata_wanted || wanted(Category::Duplicate);
    let mut noise: Vec<Span> = Vec::new();
    let mut metadata = Metadata::default();
    let mut diagnostics = Vec::new();
    let shared = Shared::default();
    for (rule, enabled) in rules.iter() {
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
                    .map(|finding| diagnostic(doc, rule, finding)),
            );
        }
    }
    diagnostics.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
    LintResult {
        diagnostics,
        metadata,
    }
}

fn diagnostic(doc: &Document, rule: &Rule, finding: Finding) -> Diagnostic {
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
    let fix = fix_for(doc, rule, &finding);
    Diagnostic {
        rule: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        message: finding.message.unwrap_or_else(|| rule.message.clone()),
        span: finding.span,
        label: finding.label,
        related: finding.related,
        help,
        fix,
    }
}

/// The fix of a finding: the kind's own edits, or for noise and duplicates the deletion of the
/// lines the finding covers (with the blank line that separated them).
fn fix_for(doc: &Document, rule: &Rule, finding: &Finding) -> Option<Fix> {
    if rule.fix == Applicability::None {
        return None;
    }
    let span = finding.span;
    let edits = match &finding.edits {
        Some(edits) => edits.clone(),
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
