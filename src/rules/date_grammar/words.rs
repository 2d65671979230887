//! Regex parts of the date grammar built from the rule file's word tables: alternations of
//! literal words, connectors, the month-name table and the shared regex builder.

use std::collections::HashMap;

use super::GrammarConfig;
use crate::rules::lazy_regex::{Flags, LazyRegex};
use crate::rules::metadata_text::word_alternation;
use crate::rules::{Compilation, CompileError};

/// Escapes and joins words into one alternation, longest first so that `sept` wins over `sep`;
/// an empty table gives a pattern that matches nothing, which disables its part of the grammar.
pub(super) fn alternation(words: &[String]) -> String {
    word_alternation(words).unwrap_or_else(|| r"[^\s\S]".to_string())
}

/// Symbol connectors (`-`, `–`) may touch their neighbours; word connectors need space around.
pub(super) fn connector_pattern(connectors: &[String]) -> String {
    let (words, symbols): (Vec<String>, Vec<String>) = connectors
        .iter()
        .cloned()
        .partition(|connector| connector.chars().any(char::is_alphabetic));
    format!(
        r"(?:\s*(?:{})\s*|\s+(?:{})\s+)",
        alternation(&symbols),
        alternation(&words)
    )
}

/// Checks that a regex of the grammar parses, to compile it on first use. The regexes are made
/// of escaped words and a fixed frame, so the syntax check is all a compile could add at load;
/// it skips the case folding a full parse does, which is most of the cost of a parse here. The
/// default rules' grammar, which a test compiles, is not checked.
pub(super) fn build(source: String, compilation: Compilation) -> Result<LazyRegex, CompileError> {
    if compilation == Compilation::Eager
        && regex_syntax::ast::parse::Parser::new()
            .parse(&source)
            .is_err()
        && let Err(error) = FLAGS.builder(&source).build()
    {
        return Err(CompileError {
            message: format!("the date grammar does not compile: {error}"),
            span: None,
            help: Some("check the entries of `[check.grammar]`".into()),
        });
    }
    Ok(LazyRegex::parsed(source, FLAGS))
}

/// Month names and words match in any case.
pub(super) const FLAGS: Flags = Flags {
    ignore_case: true,
    multi_line: false,
};

/// Reads the month table into a map from each name, in the forms [`case_variants`] gives, to its
/// month number, refusing a language without twelve months and a name (or a form of one) given
/// two different months.
pub(super) fn month_numbers(config: &GrammarConfig) -> Result<HashMap<String, u32>, CompileError> {
    let mut numbers: HashMap<String, u32> = HashMap::new();
    for (language, months) in &config.months {
        if months.get_ref().len() != 12 {
            return Err(CompileError::at(
                format!(
                    "`{language}` lists {} months, not 12",
                    months.get_ref().len()
                ),
                months.span(),
            ));
        }
        for (number, forms) in (1u32..).zip(months.get_ref()) {
            let names = forms
                .split('|')
                .map(str::trim)
                .filter(|form| !form.is_empty());
            for name in names.flat_map(case_variants) {
                match numbers.insert(name.clone(), number) {
                    Some(other) if other != number => {
                        return Err(CompileError::at(
                            format!("month name `{name}` means both month {other} and {number}"),
                            months.span(),
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(numbers)
}

/// A month name in lower case, capitalised and in capitals: matched case-sensitively, the
/// names compile to a fraction of the automaton that Unicode case folding of every letter
/// gives, and pages write month names in one of these three ways. Each form reads as its month,
/// also where lower-casing would not give the name back (Turkish "KASIM" is "kasım").
fn case_variants(name: &str) -> [String; 3] {
    let name = name.to_lowercase();
    let mut chars = name.chars();
    let capitalised: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let capitals = name.to_uppercase();
    [name, capitalised, capitals]
}
