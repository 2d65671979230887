//! Every rule file's own examples: each `fire` document must give a finding of that rule, each
//! `silent` document none. All failures are collected before the test fails.

use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
use seedlint::lint::{LintOptions, lint};
use seedlint::rule::RuleSet;

fn options() -> LintOptions {
    LintOptions {
        today: CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0)),
    }
}

#[test]
fn every_rule_file_passes_its_own_examples() {
    let all = RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"));
    let mut only = RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"));
    let mut failures = Vec::new();
    for rule in all.rules() {
        only.select(std::slice::from_ref(&rule.id), &[])
            .unwrap_or_else(|error| panic!("{error:?}"));
        let fired = |text: &str| {
            lint(&Document::new(text.to_string()), &only, &options())
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.rule == rule.id)
        };
        for example in &rule.examples.fire {
            if !fired(example) {
                failures.push(format!(
                    "{} ({}): did not fire on {example:?}",
                    rule.id, rule.source
                ));
            }
        }
        for example in &rule.examples.silent {
            if fired(example) {
                failures.push(format!(
                    "{} ({}): fired on {example:?}",
                    rule.id, rule.source
                ));
            }
        }
        if rule.examples.fire.is_empty() || rule.examples.silent.is_empty() {
            failures.push(format!(
                "{}: needs examples that fire and that stay silent",
                rule.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
