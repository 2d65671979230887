//! Fixing any text never panics, and fixing the result again changes nothing.
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
    let Ok(once) = fix_document(doc, rules(), &options, FixOptions::default(), &|_, r| r) else {
        return;
    };
    let text = once.document.text().to_string();
    let again = fix_document(Document::new(text.clone()), rules(), &options, FixOptions::default(), &|_, r| r);
    match again {
        Ok(twice) => assert_eq!(twice.document.text(), text, "a second fix changed the text"),
        Err(error) => panic!("a second fix was refused: {error}"),
    }
});
