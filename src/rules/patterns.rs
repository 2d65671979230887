//! The regex lists of rule files: checked, bounded (rule files are untrusted input) and joined
//! into one alternation per list, with the pattern at fault named when one does not compile.

use super::lazy_regex::{Flags, LazyRegex};
use super::{Compilation, CompileError};

/// At most this many regexes in one list of a rule file.
pub const MAX_PATTERNS: usize = 1_000;

/// The compiled size a rule file's regex may reach (the regex crate's own default, set here so
/// that the limit is ours): a hostile pattern such as `(?:\w{1000}){1000}` fails to compile instead
/// of filling memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 10 * (1 << 20);

/// The cache each regex may use for its lazy DFA while matching.
pub(crate) const REGEX_DFA_SIZE_LIMIT: usize = 2 * (1 << 20);

/// Checks a list of regexes from a rule file and joins them into one alternation, pointing at
/// the pattern that fails when one does. The list's length and the compiled size are bounded
/// (rule files are untrusted input): with [`Compilation::Eager`] the alternation is compiled
/// here, so a regex over the size limit is an error of its rule file, and only its Unicode
/// word-boundary gate compiles on first use; with [`Compilation::Lazy`] all of it does.
pub(crate) fn compile_patterns(
    patterns: &[toml::Spanned<String>],
    ignore_case: bool,
    multi_line: bool,
    compilation: Compilation,
) -> Result<LazyRegex, CompileError> {
    if patterns.len() > MAX_PATTERNS {
        return Err(CompileError {
            message: format!(
                "{} regexes in one list; at most {MAX_PATTERNS} are accepted",
                patterns.len()
            ),
            span: patterns.get(MAX_PATTERNS).map(|pattern| pattern.span()),
            help: Some("split the list into several rule files".into()),
        });
    }
    let flags = Flags {
        ignore_case,
        multi_line,
    };
    let joined = patterns
        .iter()
        .map(|pattern| format!("(?:{})", pattern.get_ref()))
        .collect::<Vec<_>>()
        .join("|");
    if compilation == Compilation::Lazy {
        return Ok(LazyRegex::unchecked(joined, flags));
    }
    // One parse and one compile of the joined regex tell whether all is well; the one-by-one
    // compile below runs only when something is wrong, to point at the pattern at fault.
    if let Some(regex) = LazyRegex::checked(joined.clone(), flags)
        && regex.compile_now().is_ok()
    {
        return Ok(regex);
    }
    for pattern in patterns {
        if let Err(error) = flags.builder(pattern.get_ref()).build() {
            return Err(CompileError {
                message: format!("invalid regex: {error}"),
                span: Some(pattern.span()),
                help: Some(regex_help(&error)),
            });
        }
    }
    let (error, help) = match flags.builder(&joined).build() {
        Err(error) => (error.to_string(), Some(regex_help(&error))),
        Ok(_) => ("it does not parse".to_string(), None),
    };
    Err(CompileError {
        message: format!("the patterns together do not compile: {error}"),
        span: patterns.first().map(|pattern| pattern.span()),
        help,
    })
}

/// How to fix a regex the crate refused.
fn regex_help(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => format!(
            "the regex compiles to more than {limit} bytes: large bounded repetitions \
             (`x{{1000}}`) and Unicode classes under ignore-case grow it; simplify it or split \
             the list into several rules"
        ),
        _ => "regexes use the syntax of the Rust `regex` crate".into(),
    }
}

#[cfg(test)]
mod limit_tests {
    use serde::Deserialize;

    use super::*;

    fn spanned(patterns: &[&str]) -> Vec<toml::Spanned<String>> {
        let list = patterns
            .iter()
            .map(|pattern| format!("'{pattern}'"))
            .collect::<Vec<_>>()
            .join(", ");
        #[derive(Deserialize)]
        struct List {
            p: Vec<toml::Spanned<String>>,
        }
        toml::from_str::<List>(&format!("p = [{list}]")).map_or_else(|_| Vec::new(), |l| l.p)
    }

    #[test]
    fn huge_regex_is_refused_with_the_size_limit() {
        let error = compile_patterns(
            &spanned(&[r"(?:\w{1000}){1000}"]),
            false,
            false,
            Compilation::Eager,
        )
        .err();
        let error = error.unwrap_or_else(|| panic!("compiled"));
        assert!(error.message.contains("size limit"), "{}", error.message);
        assert!(error.help.is_some_and(|help| help.contains("repetitions")));
    }

    #[test]
    fn too_many_patterns_are_refused() {
        let many: Vec<String> = (0..=MAX_PATTERNS).map(|n| format!("w{n}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let error = compile_patterns(&spanned(&many), false, false, Compilation::Eager).err();
        assert!(error.is_some_and(|error| error.message.contains("at most")));
    }
}
