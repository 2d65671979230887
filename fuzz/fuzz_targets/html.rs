//! Linting and extracting any bytes as an HTML page never panics; every span lies within the
//! file on character boundaries, a finding of a selector rule starts at a `<`, and `extract`
//! returns a text seed whatever the markup.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use seedlint::civil_date::CivilDate;
use seedlint::document::{Document, SeedFormat};
use seedlint::html::extract::extract;
use seedlint::lint::{LintOptions, lint};
use seedlint::rule::RuleSet;
use seedlint::rules::KindName;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap_or_else(|error| panic!("{error:?}")))
}

fuzz_target!(|bytes: &[u8]| {
    let doc = Document::decode(bytes.to_vec()).with_format(SeedFormat::Html);
    let options = LintOptions {
        today: CivilDate::from_unix_days(20_000),
    };
    let text = doc.text();
    for diagnostic in &lint(&doc, rules(), &options).diagnostics {
        let span = diagnostic.span;
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let selector = rules()
            .rules()
            .iter()
            .any(|rule| rule.id == diagnostic.rule && rule.kind == KindName::Selector);
        if selector {
            assert!(text[span.start..].starts_with('<'), "{}", diagnostic.rule);
        }
    }
    let seed = extract(text, rules(), &options);
    assert!(seed.is_empty() || seed.ends_with('\n'));
});
