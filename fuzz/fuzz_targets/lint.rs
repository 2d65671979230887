//! Linting any bytes with the default rules never panics, and every span (finding, label,
//! edit) lies within the file on character boundaries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::rule::RuleSet;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap_or_else(|error| panic!("{error:?}")))
}

fuzz_target!(|bytes: &[u8]| {
    let doc = Document::decode(bytes.to_vec());
    let options = LintOptions {
        today: CivilDate::from_unix_days(20_000),
    };
    let result = lint(&doc, rules(), &options);
    for diagnostic in &result.diagnostics {
        let spans = std::iter::once(diagnostic.span)
            .chain(diagnostic.related.iter().map(|label| label.span))
            .chain(
                diagnostic
                    .fix
                    .iter()
                    .flat_map(|fix| fix.edits.iter().map(|e| e.span)),
            );
        for span in spans {
            assert!(span.start <= span.end && span.end <= doc.text().len());
            assert!(doc.text().is_char_boundary(span.start));
            assert!(doc.text().is_char_boundary(span.end));
        }
    }
});
