//! Every default rule file's own examples: each `fire` document must give a finding of that
//! rule, each `silent` document none. All failures are collected before the test fails.

use seedlint::civil_date::CivilDate;
use seedlint::examples::check_examples;
use seedlint::lint::LintOptions;
use seedlint::rule::RuleSet;

#[test]
fn every_rule_file_passes_its_own_examples() {
    let mut rules = RuleSet::builtin().unwrap_or_else(|error| panic!("default rules: {error:?}"));
    let options = LintOptions {
        today: CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0)),
    };
    let failures = check_examples(&mut rules, &options, |_| true);
    let lines: Vec<String> = failures
        .iter()
        .map(|f| format!("{} ({}): {}", f.rule, f.source, f.problem))
        .collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}
