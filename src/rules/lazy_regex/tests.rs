//! Tests of [`super::LazyRegex`]: laziness, gates and answers equal to the whole regex.

use super::*;

#[test]
fn compiles_on_first_use_with_its_flags() {
    let flags = Flags {
        ignore_case: true,
        multi_line: true,
    };
    let lazy = LazyRegex::checked("^share$".into(), flags);
    let lazy = lazy.unwrap_or_else(|| panic!("parses"));
    assert!(!lazy.is_compiled());
    assert!(lazy.matching("intro\r\nSHARE\r\nend").is_some());
    assert!(lazy.is_compiled());
    assert!(lazy.is_match("intro\r\nSHARE\r\nend"));
    assert!(!lazy.is_match("shared"));
}

#[test]
fn a_match_test_needs_only_the_forward_dfa_and_answers_like_the_regex() {
    let cases = [
        ("^share$", true, true),
        (
            r"^(?:views?|просмотр\w*)\s*:?\s*\d[\d\s.,]*[kKmM]?$",
            true,
            false,
        ),
        (r"(?-u:\b)cookies?(?-u:\b)", true, false),
        (r"^\s*$", false, false),
        ("[ \t]{2,}", false, false),
    ];
    let texts = [
        "intro\r\nSHARE\r\nend",
        "Share",
        "shared",
        "ПРОСМОТРОВ: 1 204",
        "Views 12k",
        "we use Cookies.",
        "“cookies”",
        "",
        "  ",
        "two  spaces",
        "ſhare",
    ];
    for (source, ignore_case, multi_line) in cases {
        let flags = Flags {
            ignore_case,
            multi_line,
        };
        let lazy = LazyRegex::unchecked(source.into(), flags);
        let plain = flags.builder(source).build();
        let plain = plain.unwrap_or_else(|error| panic!("{error}"));
        for text in texts {
            assert_eq!(
                lazy.is_match(text),
                plain.is_match(text),
                "{source} {text:?}"
            );
        }
        assert!(lazy.forward.get().is_some_and(Option::is_some), "{source}");
        assert!(!lazy.is_compiled(), "{source}");
    }
}

#[test]
fn a_unicode_word_boundary_gets_a_gate_that_changes_no_answer() {
    let flags = Flags {
        ignore_case: true,
        multi_line: false,
    };
    let lazy = LazyRegex::checked(r"\b(?P<what>we) use cookies\b".into(), flags);
    let lazy = lazy.unwrap_or_else(|| panic!("parses"));
    let plain = flags.builder(r"\b(?P<what>we) use cookies\b").build();
    let plain = plain.unwrap_or_else(|error| panic!("{error}"));
    // The gate refuses a line without the words, so the regex is not even compiled for it.
    assert!(lazy.matching("Nothing about them “here”").is_none());
    assert!(!lazy.is_compiled());
    for text in [
        "We use cookies.",
        "“We use cookies” – really",
        "awe use cookies",
        "wé use cookiesé",
        "Nothing about them “here”",
    ] {
        assert_eq!(lazy.is_match(text), plain.is_match(text), "{text:?}");
    }
    // The gate refuses a line without the words, so the slow search never runs on it.
    assert!(lazy.matching("awe use cookies").is_some());
    assert!(!lazy.is_match("awe use cookies"));
}

#[test]
fn an_ascii_regex_has_no_gate() {
    let lazy = LazyRegex::checked(r"(?-u:\b)share\s".into(), Flags::default());
    let lazy = lazy.unwrap_or_else(|| panic!("parses"));
    assert!(lazy.matching("nothing").is_some());
    assert!(lazy.gate.get().is_none());
}

#[test]
fn parsing_refuses_what_a_compile_refuses() {
    let flags = Flags::default();
    for source in ["(unclosed", r"\p{NoSuchClass}", "(?P<a>x)|(?P<a>y)"] {
        assert!(
            LazyRegex::checked(source.into(), flags).is_none(),
            "{source}"
        );
    }
}
