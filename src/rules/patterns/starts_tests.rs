//! A document's line starts ([`document_line_starts`]) against the text's own
//! ([`line_starts`]): on texts of blank and white-space lines joined by line feeds, CRLFs and
//! lone carriage returns, with or without a byte order mark, empty or ending without a line
//! break, they hold every start `^` matches at, and the rules that search whole texts find
//! exactly the matches they find through the text's own starts and through every byte.

use std::sync::LazyLock;

use proptest::prelude::*;

use super::*;

/// The default rules whose regexes start lines and search whole texts, compiled once.
static LISTS: LazyLock<Vec<PatternList>> = LazyLock::new(|| {
    [
        include_str!("../../../rules/format/blank-line-run.toml"),
        include_str!("../../../rules/format/blank-line-at-edges.toml"),
        include_str!("../../../rules/format/whitespace-only-line.toml"),
    ]
    .into_iter()
    .map(|file| {
        compile_patterns(
            &super::test_support::rule_file_patterns(file),
            false,
            true,
            Compilation::Eager,
        )
        .unwrap_or_else(|error| panic!("{error:?}"))
    })
    .collect()
});

/// Where each non-empty match and each of its groups start and end.
type Matches = Vec<Vec<Option<(usize, usize)>>>;

/// The non-empty matches `captures` holds, with their groups.
fn spans<'h>(captures: impl Iterator<Item = Captures<'h>>) -> Matches {
    captures
        .filter(|captures| captures.get(0).is_some_and(|whole| !whole.is_empty()))
        .map(|captures| {
            let parts = captures
                .iter()
                .map(|part| part.map(|p| (p.start(), p.end())));
            parts.collect()
        })
        .collect()
}

/// Every byte where `^` matches with `multi_line` and CRLF mode on or off.
fn anchors(text: &str, crlf: bool) -> Vec<usize> {
    let anchor = regex::RegexBuilder::new("^")
        .multi_line(true)
        .crlf(crlf)
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    anchor.find_iter(text).map(|found| found.start()).collect()
}

/// Texts of the pieces the rules look at: white space of every kind, words, and every line
/// break, after a byte order mark or not.
fn texts() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "word",
        "two words",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "é",
        "\n",
        "\r",
        "\r\n",
        "\n\n",
        "\r\n\r\n",
        "\u{feff}",
    ]);
    (any::<bool>(), prop::collection::vec(piece, 0..40)).prop_map(|(bom, pieces)| {
        let start = if bom { "\u{feff}" } else { "" };
        format!("{start}{}", pieces.concat())
    })
}

fn check(text: &str) {
    let doc = Document::new(text.to_string());
    let starts = document_line_starts(&doc);
    assert!(starts.is_sorted_by(|a, b| a < b), "{starts:?}");
    for crlf in [true, false] {
        for anchor in anchors(text, crlf) {
            assert!(starts.binary_search(&anchor).is_ok(), "`^` at {anchor}");
        }
    }
    let scanned: Vec<usize> = line_starts(text).collect();
    for start in &starts {
        assert!(
            scanned.contains(start) || *start == text.len(),
            "{start} is no line start"
        );
    }
    for list in LISTS.iter() {
        let of_document = spans(list.captures_iter_of_document(text, || &starts));
        let of_text = spans(list.captures_iter(text));
        let everywhere = list
            .joined
            .matching(text)
            .map_or_else(Vec::new, |regex| spans(regex.captures_iter(text)));
        assert_eq!(
            of_document,
            of_text,
            "{:?} in {text:?}",
            list.joined.source()
        );
        assert_eq!(
            of_document,
            everywhere,
            "{:?} in {text:?}",
            list.joined.source()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn document_line_starts_find_what_the_text_scan_finds(text in texts()) {
        check(&text);
    }
}

#[test]
fn every_kind_of_text_edge_finds_what_the_text_scan_finds() {
    for text in [
        "",
        "\u{feff}",
        "\u{feff}\n\n\n",
        "\n",
        "\r",
        "\r\n",
        "word",
        "word\n\n\n",
        "  \n \t \nword",
        "a\r\r\nb\r \r\r\n\r\n\r\nc \r",
        "\r\r\r  \r",
        "line\r\n\r\n\r\n\r\nline\r\n  \r\n",
    ] {
        check(text);
    }
}

#[test]
fn a_lone_carriage_return_starts_a_line_and_a_crlf_one() {
    let doc = Document::new("a\rb\r\nc\r".to_string());
    assert_eq!(document_line_starts(&doc), [0, 2, 5, 7]);
}
