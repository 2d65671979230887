//! The regex lists of rule files: checked, bounded (rule files are untrusted input) and joined
//! into one alternation per list, with the pattern at fault named when one does not compile.
//!
//! A list is first searched through its literal prefilter: a match test compiles and runs only
//! the regexes whose literals occur in the text, and a search for positions runs the joined
//! alternation only on a text where some regex may match. A short run (a pre-commit hook, an
//! editor) so compiles few regexes. After
//! [`PREFILTERED_TEXTS`](super::prefilter::PREFILTERED_TEXTS) texts the list uses the joined
//! alternation alone.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::lazy_regex::{Flags, LazyRegex};
#[cfg(test)]
use super::prefilter::PREFILTERED_TEXTS;
use super::prefilter::{Budget, Prefilter};
use super::{Compilation, CompileError};

/// At most this many regexes in one list of a rule file.
pub const MAX_PATTERNS: usize = 1_000;

/// The compiled size a rule file's regex may reach (the regex crate's own default, set here so
/// that the limit is ours): a hostile pattern such as `(?:\w{1000}){1000}` fails to compile instead
/// of filling memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 10 * (1 << 20);

/// The cache each regex may use for its lazy DFA while matching.
pub(crate) const REGEX_DFA_SIZE_LIMIT: usize = 2 * (1 << 20);

/// A rule file's list of regexes: any one matching is a match.
#[derive(Debug)]
pub(crate) struct PatternList {
    /// The alternation of all regexes, for searches that report positions.
    joined: LazyRegex,
    /// Each regex alone, for match tests through the prefilter.
    pieces: Vec<LazyRegex>,
    /// The prefilter and the alternation of the regexes it cannot filter, once a search needed
    /// them (`None` when the list has no usable prefilter and the joined regex answers).
    filtered: OnceLock<Option<Box<Filtered>>>,
    /// The texts the list still searches through the prefilter.
    budget: Budget,
}

/// A list's prefilter with the alternation of the regexes that have no literal set.
#[derive(Debug)]
struct Filtered {
    prefilter: Prefilter,
    unfiltered: Option<LazyRegex>,
}

impl PatternList {
    fn new(joined: LazyRegex, sources: &[&str], flags: Flags) -> Self {
        Self {
            joined,
            pieces: sources
                .iter()
                .map(|source| LazyRegex::unchecked((*source).to_string(), flags))
                .collect(),
            filtered: OnceLock::new(),
            budget: Budget::default(),
        }
    }

    /// True when one of the regexes matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let Some(filtered) = self.prefiltering() else {
            return self.joined.is_match(text);
        };
        filtered.prefilter.candidates(text).any(|index| {
            self.pieces
                .get(index)
                .is_some_and(|piece| piece.is_match(text))
        }) || filtered
            .unfiltered
            .as_ref()
            .is_some_and(|unfiltered| unfiltered.is_match(text))
    }

    /// The alternation of all regexes, compiled, when one of them may match in `text`.
    pub(crate) fn matching(&self, text: &str) -> Option<&Regex> {
        if self
            .prefiltering()
            .is_some_and(|filtered| !filtered.prefilter.may_match(text))
        {
            return None;
        }
        self.joined.matching(text)
    }

    /// The matches of the alternation in `text`, each with its groups, in the order and at the
    /// places `Regex::captures_iter` finds them; empty matches may be left out. When every match
    /// starts a line, only the line starts are tried (see [`line_start_captures`]) instead of
    /// a search through every byte.
    pub(crate) fn captures_iter<'h>(
        &'h self,
        text: &'h str,
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'h> {
        let Some(regex) = self.matching(text) else {
            return Box::new(std::iter::empty());
        };
        if self.joined.starts_lines() {
            Box::new(line_start_captures(&self.joined, regex, text))
        } else {
            Box::new(regex.captures_iter(text))
        }
    }

    /// Builds what every search needs (see [`LazyRegex::prepare`]): the prefilter and the
    /// joined regex.
    pub(crate) fn prepare(&self) {
        self.filtered();
        self.joined.prepare();
    }

    /// Builds what every match test needs first: the prefilter and the regexes it cannot filter
    /// (the others compile when a text holds their literals, the joined alternation when the
    /// list's prefilter steps aside).
    pub(crate) fn prepare_test(&self) {
        match self.filtered() {
            Some(filtered) => filtered.unfiltered.iter().for_each(LazyRegex::prepare_test),
            None => self.joined.prepare_test(),
        }
    }

    /// The prefilter while the list still searches through it.
    fn prefiltering(&self) -> Option<&Filtered> {
        self.budget.spend().then(|| self.filtered()).flatten()
    }

    fn filtered(&self) -> Option<&Filtered> {
        self.filtered
            .get_or_init(|| self.build_filtered())
            .as_deref()
    }

    fn build_filtered(&self) -> Option<Box<Filtered>> {
        let flags = self.joined.flags();
        let sources: Vec<&str> = self.pieces.iter().map(LazyRegex::source).collect();
        let prefilter = Prefilter::new(&sources, flags)?;
        let unfiltered = prefilter.unfiltered();
        if unfiltered.len() == sources.len() {
            return None;
        }
        let unfiltered = (!unfiltered.is_empty()).then(|| {
            let joined = unfiltered
                .iter()
                .filter_map(|&index| sources.get(index))
                .map(|source| format!("(?:{source})"))
                .collect::<Vec<_>>()
                .join("|");
            LazyRegex::unchecked(joined, flags)
        });
        Some(Box::new(Filtered {
            prefilter,
            unfiltered,
        }))
    }
}

/// The non-empty matches of `regex` (`joined`, compiled) in `text`, every one of which starts
/// a line, found by trying each line start in turn: a start inside an earlier match is passed
/// over, as a search through the text would, and a start where the forward DFA sees no match
/// needs no capturing search. A capturing search from a start finds the match a search through
/// the text would find next, since none starts between the previous match and that start; after
/// an empty one it goes on from the next start, as the search would from the next character.
fn line_start_captures<'h>(
    joined: &'h LazyRegex,
    regex: &'h Regex,
    text: &'h str,
) -> impl Iterator<Item = Captures<'h>> + 'h {
    // `^` also matches after a lone `\r` in CRLF mode; a start it does not match is refused by
    // the DFA or the search.
    let after_line_ends = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).map(|at| at + 1);
    let mut next = 0;
    std::iter::once(0)
        .chain(after_line_ends)
        .filter_map(move |start| {
            if start < next || joined.is_match_at(text, start) == Some(false) {
                return None;
            }
            let Some(captures) = regex.captures_at(text, start) else {
                next = usize::MAX;
                return None;
            };
            let whole = captures.get(0)?;
            if whole.is_empty() {
                next = whole.start() + 1;
                return None;
            }
            next = whole.end();
            Some(captures)
        })
}

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
) -> Result<PatternList, CompileError> {
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
    let sources: Vec<&str> = patterns
        .iter()
        .map(|pattern| pattern.get_ref().as_str())
        .collect();
    let joined = sources
        .iter()
        .map(|source| format!("(?:{source})"))
        .collect::<Vec<_>>()
        .join("|");
    if compilation == Compilation::Lazy {
        let regex = LazyRegex::unchecked(joined, flags);
        return Ok(PatternList::new(regex, &sources, flags));
    }
    // One parse and one compile of the joined regex tell whether all is well; the one-by-one
    // compile below runs only when something is wrong, to point at the pattern at fault.
    if let Some(regex) = LazyRegex::checked(joined.clone(), flags)
        && regex.compile_now().is_ok()
    {
        return Ok(PatternList::new(regex, &sources, flags));
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

    #[test]
    fn the_prefilter_and_the_joined_regex_give_the_same_answers() {
        let patterns = spanned(&[
            r"^(?:related|similar) (?:articles?|news)\s*:?$",
            r"^\w+ says:$",
            r"^top\s+bottom$",
            r"^\s*$",
            r"(?-u:\b)cookies?(?-u:\b)",
            r"^материалы по теме$",
        ]);
        let texts = [
            "Related articles:",
            "RELATED NEWS",
            "related newsletter",
            "anna says:",
            "Top   Bottom",
            "  ",
            "We use cookies.",
            "МАТЕРИАЛЫ ПО ТЕМЕ",
            "Материалы по теме дня",
            "Heavy rain flooded several streets.",
            "ſimilar news",
        ];
        let list = compile_patterns(&patterns, true, false, Compilation::Lazy);
        let list = list.unwrap_or_else(|error| panic!("{}", error.message));
        let joined = list.joined.flags().builder(list.joined.source()).build();
        let joined = joined.unwrap_or_else(|error| panic!("{error}"));
        // Through the prefilter first, then, once the list has switched, through the joined
        // regex alone.
        for round in 0..=PREFILTERED_TEXTS.div_ceil(texts.len()) {
            for text in texts {
                assert_eq!(
                    list.is_match(text),
                    joined.is_match(text),
                    "{text:?} {round}"
                );
                let found = list.matching(text).and_then(|regex| regex.find(text));
                let expected = joined.find(text);
                assert_eq!(found.map(|m| m.range()), expected.map(|m| m.range()));
            }
        }
        assert!(
            !list.budget.spend(),
            "the list has switched to the joined regex"
        );
    }

    #[test]
    fn a_prefiltered_list_compiles_only_the_regexes_whose_literals_occur() {
        let patterns = spanned(&[r"^share$", r"^tweet$", r"^related$"]);
        let list = compile_patterns(&patterns, true, false, Compilation::Lazy);
        let list = list.unwrap_or_else(|error| panic!("{}", error.message));
        assert!(!list.is_match("Heavy rain flooded several streets."));
        assert!(list.is_match("Tweet"));
        let compiled: Vec<bool> = list.pieces.iter().map(LazyRegex::is_prepared).collect();
        assert_eq!(compiled, [false, true, false]);
        assert!(!list.joined.is_prepared());
    }

    #[test]
    fn a_list_that_starts_lines_finds_what_a_search_through_the_text_finds() {
        let lists: [&[&str]; 6] = [
            &[r"^[^\S\r\n]+$"],
            &[r"\A(a+)", r"(?-R:^)(b+)\z"],
            &[r"(?:^[^\S\r\n]*\r?\n){2,}"],
            &[r"^(a*)", r"^b+$"],
            &[r"^\s+", r"^x(y?)"],
            &[r"^(?:ab|a)(b*)$", r"^$"],
        ];
        let texts = [
            "",
            "a\n\n \t\n\nb\n   \n",
            "x\r\n\r\n\r\n  \r\nxy\r\naab\rb\r\n",
            "aaa\nbbb\naab\n\nabbb\nxyx\n \u{a0}\n",
            "\n\n\nab\r\rb\r\n\r\nx",
        ];
        for sources in lists {
            let list = compile_patterns(&spanned(sources), false, true, Compilation::Lazy);
            let list = list.unwrap_or_else(|error| panic!("{}", error.message));
            assert!(list.joined.starts_lines(), "{sources:?}");
            let joined = list.joined.flags().builder(list.joined.source()).build();
            let joined = joined.unwrap_or_else(|error| panic!("{error}"));
            let spans = |captures: Captures| -> Vec<Option<(usize, usize)>> {
                let groups = captures
                    .iter()
                    .map(|group| group.map(|g| (g.start(), g.end())));
                groups.collect()
            };
            for text in texts {
                let non_empty =
                    |captures: &Captures| captures.get(0).is_some_and(|m| !m.is_empty());
                let found: Vec<_> = list
                    .captures_iter(text)
                    .filter(non_empty)
                    .map(spans)
                    .collect();
                let expected: Vec<_> = joined
                    .captures_iter(text)
                    .filter(non_empty)
                    .map(spans)
                    .collect();
                assert_eq!(found, expected, "{sources:?} {text:?}");
            }
        }
        let unanchored = compile_patterns(&spanned(&[r"^a", "b"]), false, true, Compilation::Lazy);
        let unanchored = unanchored.is_ok_and(|list| !list.joined.starts_lines());
        assert!(unanchored, "a branch that may start anywhere");
        let unanchored = compile_patterns(&spanned(&[r"x?^a"]), false, true, Compilation::Lazy);
        assert!(unanchored.is_ok_and(|list| !list.joined.starts_lines()));
    }

    #[test]
    fn the_trailing_blank_lines_regex_opening_at_a_line_start_finds_what_the_old_one_found() {
        // blank-line-at-edges once matched the line feed before the trailing blank lines; its
        // regex now opens at the line start after it, and flags the same group.
        let old = [
            r"\A((?:[^\S\r\n]*\r?\n)+)",
            r"\r?\n((?:[^\S\r\n]*\r?\n)+)[^\S\r\n]*\z",
        ];
        let new = [
            r"\A((?:[^\S\r\n]*\r?\n)+)",
            r"(?-R:^)((?:[^\S\r\n]*\r?\n)+)[^\S\r\n]*\z",
        ];
        let group =
            |captures: Captures| captures.iter().skip(1).flatten().next().map(|m| m.range());
        let old = compile_patterns(&spanned(&old), false, true, Compilation::Lazy);
        let new = compile_patterns(&spanned(&new), false, true, Compilation::Lazy);
        let (Ok(old), Ok(new)) = (old, new) else {
            panic!("compiles");
        };
        assert!(new.joined.starts_lines() && !old.joined.starts_lines());
        for text in [
            "",
            "\n",
            " \n\t\n ",
            "a",
            "a\n",
            "a\n\n",
            "a\n \n\n  ",
            "\n\na\n\n",
            "\r\n\r\na\r\n\r\n",
            "a\r \n",
            "a\r\n\r",
            "a\r\r\n",
            "\u{a0}\n a \n\u{2003}\n",
            "a\n\nb\n \n",
            "\n \n",
        ] {
            let found: Vec<_> = new.captures_iter(text).map(group).collect();
            let expected: Vec<_> = old.captures_iter(text).map(group).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
