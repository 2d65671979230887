//! What the tests of the regex lists share.

/// The regexes of a rule file's `patterns` list, as the file spells them (for the tests of
/// default rules' lists).
pub(super) fn rule_file_patterns(file: &str) -> Vec<toml::Spanned<String>> {
    #[derive(serde::Deserialize)]
    struct Check {
        patterns: Vec<toml::Spanned<String>>,
    }
    #[derive(serde::Deserialize)]
    struct RuleFile {
        check: Check,
    }
    toml::from_str::<RuleFile>(file)
        .unwrap_or_else(|error| panic!("{error}"))
        .check
        .patterns
}
