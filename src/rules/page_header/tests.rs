//! Unit tests of `page-header`: the header between title and heading, reworded headings,
//! teasers, repeats after the article, and the `title` flag.

use std::collections::HashSet;

use super::heading::{ascii_normalizes_to, normalized, normalizes_to_one_of};
use super::*;
use crate::civil_date::CivilDate;
use crate::document::Document;
use crate::layout::Layout;

fn check(min_similarity: f64, flag: Flagged) -> PageHeaderCheck {
    compile(PageHeaderConfig {
        separators: vec![" - ".into(), " | ".into()],
        min_title_words: 3,
        max_title_words: 30,
        min_similarity,
        flag,
    })
    .expect("valid config")
}

fn flagged(text: &str) -> Vec<String> {
    flagged_with(text, exact_only())
}

fn flagged_with(text: &str, min_similarity: f64) -> Vec<String> {
    flagged_by(text, check(min_similarity, Flagged::Header))
}

fn flagged_by(text: &str, check: PageHeaderCheck) -> Vec<String> {
    flagged_together(text, &[check]).concat()
}

/// What each of `checks` flags in `text`, run in turn on one document (sharing what they
/// derive from it).
fn flagged_together(text: &str, checks: &[PageHeaderCheck]) -> Vec<Vec<String>> {
    in_context(text, |ctx| {
        let flagged = checks.iter().map(|check| {
            let findings = check.check(ctx);
            let spans = findings.iter().map(|finding| ctx.doc.slice(finding.span));
            spans.map(String::from).collect()
        });
        flagged.collect()
    })
}

/// What `run` returns given the context of a document of `text`.
fn in_context<R>(text: &str, run: impl FnOnce(&Context) -> R) -> R {
    let doc = Document::new(text.to_string());
    let layout = Layout::of(&doc);
    run(&Context {
        doc: &doc,
        layout: &layout,
        noise: &crate::document::SpanSet::default(),
        html: None,
        today: CivilDate::new(2026, 1, 1).expect("valid date"),
        shared: &crate::rules::Shared::default(),
    })
}

const ARTICLE: &str = "Heavy rain flooded several streets in the harbour district on Monday \
    night, the city said.\n\nThe mayor promised new drains before the next winter storms arrive.\n";

#[test]
fn flags_the_header_between_page_title_and_heading() {
    let text = format!(
        "Storm floods the harbour - The Daily Post\n\nHome\nWorld\n\nTop stories today\n\n\
         Storm floods the harbour\n\n{ARTICLE}"
    );
    assert_eq!(flagged(&text), ["Home\nWorld\n\nTop stories today"]);
}

#[test]
fn a_reworded_heading_matches_when_similar_enough_and_before_any_prose() {
    let text = format!(
        "HS Roundup: Viera defeats Rockledge to remain unbeaten - Florida Today\nSports\n\n\
         High School Roundup: Viera defeats Rockledge to remain unbeaten\n\n{ARTICLE}"
    );
    assert!(flagged(&text).is_empty());
    assert_eq!(flagged_with(&text, 0.8), ["Sports"]);
    let prose_first = text.replacen("Sports", ARTICLE.trim_end(), 1);
    assert!(flagged_with(&prose_first, 0.8).is_empty());
}

#[test]
fn the_first_reworded_line_is_the_heading_not_a_standfirst_that_rewords_it_again() {
    let text = format!(
        "Storm floods harbour district as two rivers burst their banks - Harbour Post\n\n\
         News\n\nStorm floods the harbour district as rivers burst their banks\n\n\
         By Jane Roe\n\nStorm floods harbour district as two rivers burst their banks \
         overnight\n\n{ARTICLE}"
    );
    assert_eq!(flagged_with(&text, 0.8), ["News"]);
}

#[test]
fn site_name_may_come_first_and_punctuation_may_differ() {
    let text = format!(
        "The Daily Post | Storm floods the “harbour”\nSubscribe\n\nStorm floods the harbour!\n\n{ARTICLE}"
    );
    assert_eq!(flagged(&text), ["Subscribe"]);
}

#[test]
fn silent_without_a_repeated_title_or_with_a_short_one() {
    assert!(flagged(&format!("Storm floods the harbour\n\nHome\n\n{ARTICLE}")).is_empty());
    let short = format!("Storm - Post\n\nHome\n\nStorm\n\n{ARTICLE}");
    assert!(flagged(&short).is_empty());
}

#[test]
fn a_teaser_repeating_the_title_in_the_header_is_passed_over() {
    let text = format!(
        "Storm floods the harbour - The Daily Post\n\nLocal\n\nStorm floods the harbour\n\n\
         Sports\n\nStorm floods the harbour\n\n{ARTICLE}"
    );
    assert_eq!(
        flagged(&text),
        ["Local\n\nStorm floods the harbour\n\nSports"]
    );
}

#[test]
fn a_first_paragraph_repeated_after_the_article_is_no_title() {
    let text = format!("Short opening line here\n\n{ARTICLE}\nShort opening line here\n");
    assert!(flagged(&text).is_empty());
    let long = "A paragraph of the article that goes on. ".repeat(10);
    assert!(flagged(&format!("{long}\n\n{long}\n\n{long}\n")).is_empty());
}

#[test]
fn a_title_repeated_after_the_article_is_not_its_heading() {
    let text = format!(
        "Storm floods the harbour - The Daily Post\n\n{ARTICLE}\nRelated\n\nStorm floods the harbour\n"
    );
    assert!(flagged(&text).is_empty());
}

#[test]
fn the_title_flag_reports_a_page_title_that_names_its_site() {
    let title = |text: &str| flagged_by(text, check(0.8, Flagged::Title));
    let text = format!(
        "Storm floods the harbour - The Daily Post\n\nHome\n\nStorm floods the harbour\n\n{ARTICLE}"
    );
    assert_eq!(title(&text), ["Storm floods the harbour - The Daily Post"]);
    let no_site = format!("Storm floods the harbour\n\nStorm floods the harbour\n\n{ARTICLE}");
    assert!(title(&no_site).is_empty());
}

#[test]
fn the_title_stays_when_the_heading_is_reworded_or_would_find_a_heading_of_its_own() {
    let title = |text: &str| flagged_by(text, check(0.8, Flagged::Title));
    let split_heading = format!(
        "Storm floods the harbour - the mayor promises drains - Daily Post\n\n\
         Storm floods the harbour - the mayor promises drains\n\n{ARTICLE}\n\
         The mayor promises drains\n\n{ARTICLE}\n{ARTICLE}"
    );
    assert!(title(&split_heading).is_empty());
    let reworded = format!(
        "Storm floods harbour district as two rivers burst their banks - Harbour Post\n\n\
         Storm floods the harbour district as rivers burst their banks\n\n{ARTICLE}"
    );
    assert!(title(&reworded).is_empty());
}

#[test]
fn once_the_page_title_is_gone_a_line_rewording_the_heading_is_no_second_heading() {
    let fixed = format!(
        "Storm floods the harbour district as two rivers burst their banks\n\
         By Jane Roe\nShare: Storm floods the harbour district as the two rivers burst banks\n\n\
         {ARTICLE}"
    );
    assert!(flagged_with(&fixed, 0.8).is_empty());
    assert!(flagged_by(&fixed, check(0.8, Flagged::Title)).is_empty());
}

#[test]
fn an_ascii_line_is_compared_as_its_normalized_text() {
    let lines = [
        "Storm floods the harbour district",
        "  STORM -- floods the Harbour district!  ",
        "Storm floods the harbour",
        "Storm floods the harbour district again",
        "Stormfloods the harbour district",
        "Storm floods the harbour district 2",
        "",
        "...",
    ];
    let forms: HashSet<String> = ["storm floods the harbour district", "storm floods"]
        .into_iter()
        .map(String::from)
        .collect();
    for line in lines {
        assert_eq!(
            normalizes_to_one_of(line, &forms),
            forms.contains(&normalized(line)),
            "{line:?}"
        );
        for form in &forms {
            assert_eq!(
                ascii_normalizes_to(line, form),
                &normalized(line) == form,
                "{line:?} {form:?}"
            );
        }
    }
    assert!(normalizes_to_one_of("Storm: FLOODS", &forms));
    assert!(!normalizes_to_one_of("Storm floods…", &HashSet::new()));
}

#[test]
fn rules_configured_alike_find_the_heading_once_and_others_look_again() {
    let text = format!(
        "Storm floods the harbour - The Daily Post\n\nHome\n\nStorm floods the harbour\n\n{ARTICLE}"
    );
    let header = check(0.8, Flagged::Header);
    let title = check(0.8, Flagged::Title);
    assert!(header.finder == title.finder);
    let no_separators = compile(PageHeaderConfig {
        flag: Flagged::Title,
        ..PageHeaderConfig::default()
    })
    .expect("valid config");
    let looked = in_context(&text, |ctx| {
        let looked = || ctx.shared.page_headings.borrow().len();
        let mut looked_after = vec![];
        for check in [&header, &title, &no_separators] {
            check.check(ctx);
            looked_after.push(looked());
        }
        looked_after
    });
    // Without separators the title names no site, so that rule looks for itself.
    assert_eq!(looked, [1, 1, 2]);
    assert_eq!(
        flagged_together(&text, &[header, title, no_separators]),
        [
            vec!["Home".to_string()],
            vec!["Storm floods the harbour - The Daily Post".to_string()],
            vec![],
        ]
    );
}
