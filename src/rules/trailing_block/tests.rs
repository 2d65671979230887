//! Tests of `trailing-block`: threads confirmed by their headers, doubtful long blocks.

use super::*;
use crate::document::Document;
use crate::rules::test_context::with_plain_context;

const RULE: &str = r#"
    max-marker-words = 4
    placement = "body-or-tail"
    doubtful-ratio = 3.0
    confirm-min = 3
    markers = ['^comments$']
    confirm = ['^.{1,40} says:$']
"#;

const SENTENCE: &str = "Heavy rain flooded several streets in the harbour district on \
    Monday night, the city said.";

/// A rule whose marker captures a name that must reappear below it.
const NAME_RULE: &str = r#"
    max-marker-words = 4
    placement = "body-or-tail"
    stop-at-prose-run = 2
    name-reappears = true
    markers = ['^about (?-i:(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+))$']
"#;

/// The text and doubt of each finding.
fn findings(text: &str) -> Vec<(String, bool)> {
    findings_of(RULE, text)
}

/// The text and doubt of each finding of the rule `[check]` table `rule`.
fn findings_of(rule: &str, text: &str) -> Vec<(String, bool)> {
    let config: TrailingBlockConfig = toml::from_str(rule).expect("valid rule");
    let check = compile(config, Compilation::Eager).expect("compiles");
    let doc = Document::new(text.to_string());
    with_plain_context(&doc, |ctx| check.check(ctx))
        .into_iter()
        .map(|finding| {
            let text = doc.slice(finding.span).to_string();
            (text, finding.doubt.is_some())
        })
        .collect()
}

fn thread(comments: usize) -> String {
    let comment = "I have lived in that street for years and the drains were never cleaned, \
        not once, whatever the council says.";
    format!("anna says:\n\n{comment}\n\n").repeat(comments)
}

#[test]
fn a_thread_confirmed_by_its_headers_is_certain_even_when_it_outweighs_the_article() {
    let text = format!("{SENTENCE}\n\nComments\n\n{}", thread(8));
    let found = findings(&text);
    assert_eq!(found.len(), 1);
    assert!(found[0].0.starts_with("Comments\n\nanna says:"));
    assert!(!found[0].1, "a confirmed thread is not doubtful");
}

#[test]
fn an_unconfirmed_long_block_stays_doubtful() {
    let article = format!("{SENTENCE}\n\n").repeat(3);
    let long = format!("{SENTENCE}\n\n").repeat(12);
    let text = format!("{article}Comments\n\n{long}");
    let found = findings(&text);
    assert_eq!(found.len(), 1);
    assert!(found[0].1, "without headers the block may be the article");
}

#[test]
fn a_confirmed_looking_header_widget_above_the_article_is_refused() {
    let article = format!("{SENTENCE}\n\n").repeat(8);
    let widget = "Comments\n\nanna says:\nbob says:\ncarl says:\n\n";
    let text = format!("Title\n\n{widget}{article}");
    assert!(findings(&text).is_empty());
    let with_thread = format!("{text}Comments\n\n{}", thread(3));
    let found = findings(&with_thread);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].0.len() < with_thread.len() / 2,
        "only the thread below"
    );
}

#[test]
fn a_menu_marker_before_the_article_is_not_confirmed_by_the_thread_below() {
    let article = format!("{SENTENCE}\n\n").repeat(12);
    let text = format!(
        "Home\nComments\nAbout\n\n{article}Comments\n\n{}",
        thread(3)
    );
    let found = findings(&text);
    assert_eq!(found.len(), 1);
    assert!(found[0].0.starts_with("Comments\n\nanna says:"));
    assert!(found[0].0.len() < text.len() / 2);
}

#[test]
fn a_name_box_is_certain_only_when_the_name_reappears_below_it() {
    let bio =
        format!("{SENTENCE}\n\n{SENTENCE}\n\nAbout Jane Roe\n\nJane Roe covers the harbour.\n");
    let found = findings_of(NAME_RULE, &bio);
    assert_eq!(found.len(), 1);
    assert!(!found[0].1, "the box speaks of Jane Roe: certain");

    let profile = format!("{SENTENCE}\n\n{SENTENCE}\n\nAbout Jane Roe\n\nRoe was born in 1961.\n");
    let found = findings_of(NAME_RULE, &profile);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].1,
        "a section of a profile may be headed so: doubtful"
    );
}
