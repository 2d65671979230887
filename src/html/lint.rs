//! Linting an HTML seed: the engine runs on the page's derived text (with the page at hand for
//! the `selector` kind), and every finding is pointed back at the elements of the source.

use std::cell::RefCell;

use super::HtmlPage;
use super::metadata::markup_metadata;
use crate::diagnostic::{Category, Label};
use crate::document::{Document, Span};
use crate::fix::{Applicability, Edit, Fix};
use crate::lint::{LintOptions, LintResult, Located, run_rules};
use crate::metadata::Metadata;
use crate::rule::{Rule, RuleSet};
use crate::rules::{Finding, KindName};

/// Lints the HTML page whose whole source is `source`.
pub fn lint_page(source: &Document, rules: &RuleSet, options: &LintOptions) -> LintResult {
    let page = HtmlPage::parse(source.text());
    lint_parsed(&page, source, rules, options)
}

/// Lints an already parsed page.
pub fn lint_parsed(
    page: &HtmlPage,
    source: &Document,
    rules: &RuleSet,
    options: &LintOptions,
) -> LintResult {
    lint_with_removals(page, source, rules, options).0
}

/// Lints an already parsed page, and also returns the spans of the derived text that the
/// reported noise and duplicate findings would remove.
pub fn lint_with_removals(
    page: &HtmlPage,
    source: &Document,
    rules: &RuleSet,
    options: &LintOptions,
) -> (LintResult, Vec<Span>) {
    let markup = markup_metadata(page, source);
    let removals = RefCell::new(Vec::new());
    let place = |rule: &Rule, finding: Finding| {
        // What `extract` leaves out is what a safe fix would delete: a doubtful finding (a
        // block longer than the page above it, a paragraph repeated as structure) stays in.
        let safe = rule.fix == Applicability::Safe && finding.doubt.is_none();
        if safe && matches!(rule.category, Category::Noise | Category::Duplicate) {
            removals.borrow_mut().push(finding.span);
        }
        place_finding(page, rule, finding)
    };
    let mut result = run_rules(&page.text, Some(page), rules, options, &place);
    let text_found = std::mem::take(&mut result.metadata);
    result.metadata = Metadata {
        date: markup.date.or_else(|| {
            text_found.date.map(|mut date| {
                date.span = source_span(page, date.span);
                date.line_span = date.span;
                date.line = source.line_column(date.span.start).0;
                date
            })
        }),
        attribution: markup.attribution.or_else(|| {
            text_found.attribution.map(|mut found| {
                found.line_span = source_span(page, found.line_span);
                found.line = source.line_column(found.line_span.start).0;
                found
            })
        }),
    };
    let date_found = result.metadata.date.is_some();
    let attribution_found = result.metadata.attribution.is_some();
    result.diagnostics.retain(|diagnostic| {
        let kind = rules
            .rules()
            .iter()
            .find(|rule| rule.id == diagnostic.rule)
            .map(|rule| rule.kind);
        let satisfied = match kind {
            Some(KindName::RequiredDate) => date_found,
            Some(KindName::RequiredAttribution) => attribution_found,
            _ => false,
        };
        !satisfied
    });
    drop_nested_elements(&mut result, rules);
    (result, removals.into_inner())
}

/// Keeps one finding per flagged element: an element that another `selector` finding's
/// element holds (or that an earlier one flags too) is not reported again.
fn drop_nested_elements(result: &mut LintResult, rules: &RuleSet) {
    let is_selector = |rule: &str| {
        rules
            .get(rule)
            .is_some_and(|rule| rule.kind == KindName::Selector)
    };
    let elements: Vec<(usize, Span)> = result
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, diagnostic)| is_selector(&diagnostic.rule))
        .map(|(index, diagnostic)| (index, diagnostic.span))
        .collect();
    let mut index = 0;
    result.diagnostics.retain(|diagnostic| {
        let this = index;
        index += 1;
        !is_selector(&diagnostic.rule)
            || !elements.iter().any(|&(other, span)| {
                other != this
                    && span.contains(&diagnostic.span)
                    && (span != diagnostic.span || other < this)
            })
    });
}

/// Where a finding on the derived text lies in the source: the span of the element a kind
/// flagged, or the elements that own the blocks it covers. Format findings concern the
/// derived text only and are dropped.
fn place_finding(page: &HtmlPage, rule: &Rule, finding: Finding) -> Option<Located> {
    if rule.category == Category::Format {
        return None;
    }
    let related = finding
        .related
        .iter()
        .map(|label| Label {
            span: source_span(page, label.span),
            text: label.text.clone(),
        })
        .collect();
    let (span, fix) = match finding.source_span {
        Some(span) => (span, removal(rule, &finding, vec![span], true)),
        None => {
            let blocks = page.blocks_at(finding.span);
            let sources: Vec<Span> = blocks.iter().filter_map(|block| block.source).collect();
            let exact = !blocks.is_empty()
                && blocks
                    .iter()
                    .all(|block| block.whole && block.source.is_some());
            let partial = blocks
                .iter()
                .any(|block| !finding.span.contains(&block.derived));
            let mut fix = removal(rule, &finding, sources, exact);
            if partial && let Some(fix) = &mut fix {
                fix.applicability = Applicability::Unsafe;
            }
            let span = match rule.category {
                // A missing date or attribution concerns the whole page: point at its title.
                Category::Metadata => page
                    .title_span()
                    .unwrap_or_else(|| source_span(page, finding.span)),
                _ => source_span(page, finding.span),
            };
            (span, fix)
        }
    };
    Some(Located { span, related, fix })
}

/// The fix that deletes the given element spans, when the rule fixes and the spans are exact.
fn removal(rule: &Rule, finding: &Finding, mut spans: Vec<Span>, exact: bool) -> Option<Fix> {
    let removes = matches!(rule.category, Category::Noise | Category::Duplicate);
    if rule.fix == Applicability::None || !removes || !exact || spans.is_empty() {
        return None;
    }
    spans.sort();
    let mut outermost: Vec<Span> = Vec::new();
    for span in spans {
        if !outermost.last().is_some_and(|last| last.contains(&span)) {
            outermost.push(span);
        }
    }
    let applicability = match finding.doubt {
        Some(_) => Applicability::Unsafe,
        None => rule.fix,
    };
    Some(Fix {
        applicability,
        edits: outermost.into_iter().map(Edit::delete).collect(),
    })
}

/// The source span that covers the blocks at `derived`: from the first block's element to
/// the last one's; the start of the source when no block has a span.
pub fn source_span(page: &HtmlPage, derived: Span) -> Span {
    let mut sources = page
        .blocks_at(derived)
        .iter()
        .filter_map(|block| block.source);
    match sources.next() {
        Some(first) => {
            let end = sources.map(|span| span.end).max().unwrap_or(first.end);
            Span::new(first.start, end.max(first.end))
        }
        None => Span::new(0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil_date::CivilDate;
    use crate::rule::RuleSource;

    const MARKER: &str = r#"
id = "marker"
kind = "pattern"
category = "noise"
severity = "warning"
message = "marker line"
help = "delete it"
fix = "safe"

[explain]
what = "A marker line."
why = "For tests."

[examples]
fire = ["MARKER"]
silent = ["Text."]

[check]
patterns = ['^MARKER$']
"#;

    fn fixes(source: &str) -> Vec<(String, Option<Applicability>)> {
        let files = vec![("marker.toml".to_string(), MARKER.to_string())];
        let rules = RuleSet::load(&[RuleSource::user("test".into(), files)])
            .unwrap_or_else(|e| panic!("{e:?}"));
        let options = LintOptions {
            today: CivilDate::from_unix_days(20_000),
        };
        let doc = Document::new(source.to_string()).with_format(crate::document::SeedFormat::Html);
        lint_page(&doc, &rules, &options)
            .diagnostics
            .into_iter()
            .map(|d| {
                let flagged = source[d.span.range()].to_string();
                (flagged, d.fix.map(|fix| fix.applicability))
            })
            .collect()
    }

    #[test]
    fn a_whole_block_is_deleted_safely() {
        let found = fixes("<p>Text.</p><p>MARKER</p>");
        assert_eq!(
            found,
            [("<p>MARKER</p>".to_string(), Some(Applicability::Safe))]
        );
    }

    #[test]
    fn part_of_a_block_makes_the_fix_unsafe() {
        let found = fixes("<p>Text.</p><p>MARKER<br>More text.</p>");
        let expected = (
            "<p>MARKER<br>More text.</p>".to_string(),
            Some(Applicability::Unsafe),
        );
        assert_eq!(found, [expected]);
    }

    #[test]
    fn a_block_whose_element_holds_more_is_not_fixed() {
        let found = fixes("<div>MARKER<p>Article text.</p></div>");
        let expected = ("<div>MARKER<p>Article text.</p></div>".to_string(), None);
        assert_eq!(found, [expected]);
    }
}
