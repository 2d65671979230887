//! Tests of the regex lists: limits, the prefilter's answers, laziness, line-start searches.

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

/// A case-insensitive list compiled lazily, and its joined alternation compiled whole: the
/// answers the list must agree with.
fn lazy_list_and_joined_regex(patterns: &[toml::Spanned<String>]) -> (PatternList, Regex) {
    let list = compile_patterns(patterns, true, false, Compilation::Lazy);
    let list = list.unwrap_or_else(|error| panic!("{}", error.message));
    let joined = list.joined.flags().builder(list.joined.source()).build();
    let joined = joined.unwrap_or_else(|error| panic!("{error}"));
    (list, joined)
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
    let (list, joined) = lazy_list_and_joined_regex(&patterns);
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
fn one_tester_for_many_texts_answers_as_the_list_does_across_the_switch() {
    let patterns = spanned(&[
        r"^share(?: this)?$",
        r"^\w+ says:$",
        r"(?-u:\b)cookies?(?-u:\b)",
    ]);
    let texts = [
        "Share this",
        "anna says:",
        "We use cookies.",
        "shared",
        "Anna said:",
    ];
    let (list, joined) = lazy_list_and_joined_regex(&patterns);
    let tester = list.tester();
    for round in 0..=PREFILTERED_TEXTS.div_ceil(texts.len()) {
        for text in texts {
            let matched = tester.is_match(text);
            assert_eq!(matched, joined.is_match(text), "{text:?} {round}");
            // A search of the same regex between two tests finds its engines free.
            let found = list.captures_iter_of_match(text).next().is_some();
            assert_eq!(found, matched, "{text:?} {round}");
        }
    }
    assert!(!list.budget.spend(), "the tester ran past the switch");
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
            let non_empty = |captures: &Captures| captures.get(0).is_some_and(|m| !m.is_empty());
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
    let group = |captures: Captures| captures.iter().skip(1).flatten().next().map(|m| m.range());
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
