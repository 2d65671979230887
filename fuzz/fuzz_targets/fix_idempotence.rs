//! Fixing any text never panics, a second fix is never refused, and it changes only paragraphs
//! in which the first fix reported a remaining finding (with none, it changes nothing).
//!
//! Strict idempotence does not hold: see `tests/fuzz_regressions.rs` for the input that shows
//! why, and for where inputs found here are kept.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use seedlint::autofix::{FixOptions, fix_document};
use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::LintOptions;
use seedlint::rule::RuleSet;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap_or_else(|error| panic!("{error:?}")))
}

fuzz_target!(|bytes: &[u8]| {
    let doc = Document::decode(bytes.to_vec());
    if doc.undecodable().is_some() {
        return;
    }
    let options = LintOptions {
        today: CivilDate::from_unix_days(20_000),
    };
    let fix =
        |doc: Document| fix_document(doc, rules(), &options, FixOptions::default(), &|_, r| r);
    let Ok(once) = fix(doc) else {
        return;
    };
    let fixed = Document::new(once.document.text().to_string());
    let twice = match fix(fixed.clone()) {
        Ok(twice) => twice,
        Err(error) => panic!("a second fix was refused: {error}"),
    };
    // The content guard works by paragraph: a paragraph with a remaining finding may change.
    for paragraph in fixed.paragraphs() {
        let text = fixed.paragraph_text(paragraph);
        if twice.document.text().contains(text) {
            continue;
        }
        let reported = once
            .remaining
            .diagnostics
            .iter()
            .any(|d| d.span.overlaps(&paragraph.span));
        assert!(
            reported,
            "the second fix changed {text:?}, where the first reported nothing"
        );
    }
});
