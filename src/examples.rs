//! A rule file's own examples as a test: each `fire` document must give a finding of the rule
//! (run alone, with the rules it depends on behind it), each `silent` document none. Used by
//! the test suite for the default rules and by `seedlint check-rules` for anyone's rules.
//!
//! A TOML string cannot hold bytes that are not UTF-8, so an example writes such a byte as
//! `\xHH` (in a literal string); every other character stands for itself.

use crate::document::{Document, SeedFormat};
use crate::lint::{LintOptions, lint};
use crate::rule::{Rule, RuleSet};

/// An example as a document: HTML when it reads like a page, text otherwise.
fn example_document(text: &str) -> Document {
    let format = match crate::html::looks_like_html(text) {
        true => SeedFormat::Html,
        false => SeedFormat::Text,
    };
    Document::decode(example_bytes(text)).with_format(format)
}

/// One example that did not behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// The rule's file.
    pub source: String,
    /// What went wrong.
    pub problem: String,
}

/// Runs the examples of every rule `wanted` accepts; leaves every rule selected afterwards.
pub fn check_examples(
    rules: &mut RuleSet,
    options: &LintOptions,
    wanted: impl Fn(&Rule) -> bool,
) -> Vec<ExampleFailure> {
    let targets: Vec<(String, String, Vec<String>, Vec<String>)> = rules
        .rules()
        .iter()
        .filter(|rule| wanted(rule))
        .map(|rule| {
            let examples = &rule.examples;
            (
                rule.id.clone(),
                rule.source.clone(),
                examples.fire.clone(),
                examples.silent.clone(),
            )
        })
        .collect();
    let mut failures = Vec::new();
    for (id, source, fire, silent) in targets {
        let mut fail = |problem: String| {
            failures.push(ExampleFailure {
                rule: id.clone(),
                source: source.clone(),
                problem,
            });
        };
        if rules.select(std::slice::from_ref(&id), &[]).is_err() {
            continue;
        }
        let fired = |text: &str| {
            let result = lint(&example_document(text), rules, options);
            result
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.rule == id)
        };
        for example in fire.iter().filter(|example| !fired(example)) {
            fail(format!("did not fire on {example:?}"));
        }
        for example in silent.iter().filter(|example| fired(example)) {
            fail(format!("fired on {example:?}"));
        }
        if fire.is_empty() || silent.is_empty() {
            fail("needs examples that fire and examples that stay silent".to_string());
        }
    }
    // Selecting nothing selects every rule again.
    let _ = rules.select(&[], &[]);
    failures
}

/// The bytes of an example: `\xHH` is the byte HH, every other character stands for itself.
fn example_bytes(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let escaped = rest
            .strip_prefix("\\x")
            .and_then(|hex| hex.get(..2))
            .filter(|hex| hex.bytes().all(|byte| byte.is_ascii_hexdigit()))
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                bytes.push(byte);
                rest = rest.get(4..).unwrap_or_default();
            }
            None => {
                let len = rest.chars().next().map_or(1, char::len_utf8);
                bytes.extend_from_slice(rest.get(..len).unwrap_or_default().as_bytes());
                rest = rest.get(len..).unwrap_or_default();
            }
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::example_bytes;

    #[test]
    fn escapes_become_raw_bytes() {
        assert_eq!(example_bytes(r"Caf\xe9 \xZZ é"), b"Caf\xe9 \\xZZ \xc3\xa9");
    }
}
