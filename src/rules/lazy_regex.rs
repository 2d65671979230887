//! A regex checked when its rule file loads and compiled the first time a document needs it.
//!
//! Compiling the default rules' regexes is most of a short run's start-up (a pre-commit hook or
//! an editor lints one file), while many of them only ever see lines that cheap tests (placement,
//! word count, digit runs) let through. Parsing tells whether a regex is valid for a fraction of
//! a compile, so errors are still reported at load; the compile itself happens once per run, on
//! first use, shared by all threads.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

/// The flags a [`LazyRegex`] compiles with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Flags {
    /// Case-insensitive matching.
    pub ignore_case: bool,
    /// `^` and `$` match at line ends (CRLF-aware).
    pub multi_line: bool,
}

impl Flags {
    /// A builder for `source` with these flags.
    pub(crate) fn builder(self, source: &str) -> RegexBuilder {
        let mut builder = RegexBuilder::new(source);
        builder
            .case_insensitive(self.ignore_case)
            .multi_line(self.multi_line)
            .crlf(self.multi_line);
        builder
    }

    /// True when `source` is a valid regex with these flags: the parse a compile starts with.
    /// Case folding is left out: it cannot fail with the `regex` crate's Unicode tables, and it
    /// is the costliest part of a parse.
    pub(crate) fn parses(self, source: &str) -> bool {
        regex_syntax::ParserBuilder::new()
            .multi_line(self.multi_line)
            .crlf(self.multi_line)
            .build()
            .parse(source)
            .is_ok()
    }
}

/// A regex compiled on first use.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    /// The pattern, known to parse.
    source: String,
    flags: Flags,
    /// The compiled regex, once a search needed it; `None` if it exceeded the compiled-size
    /// limit, the one error a parse cannot foresee, and then it matches nothing.
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// Wraps `source`, which the caller has checked parses with `flags`.
    pub(crate) fn parsed(source: String, flags: Flags) -> Self {
        Self {
            source,
            flags,
            compiled: OnceLock::new(),
        }
    }

    /// The compiled regex, compiling it on the first call.
    pub(crate) fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| self.flags.builder(&self.source).build().ok())
            .as_ref()
    }

    /// True when the regex matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|regex| regex.is_match(text))
    }

    /// True once the regex has been compiled (for tests of laziness).
    #[cfg(test)]
    pub(crate) fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_on_first_use_with_its_flags() {
        let flags = Flags {
            ignore_case: true,
            multi_line: true,
        };
        assert!(flags.parses("^share$"));
        let lazy = LazyRegex::parsed("^share$".into(), flags);
        assert!(!lazy.is_compiled());
        assert!(lazy.is_match("intro\r\nSHARE\r\nend"));
        assert!(lazy.is_compiled());
        assert!(!lazy.is_match("shared"));
    }

    #[test]
    fn parsing_refuses_what_a_compile_refuses() {
        let flags = Flags::default();
        assert!(!flags.parses("(unclosed"));
        assert!(!flags.parses(r"\p{NoSuchClass}"));
        assert!(!flags.parses("(?P<a>x)|(?P<a>y)"));
    }
}
