//! The line window ([`LineWindow`]) against the search it shortens: on texts assembled from
//! captions, credits, line breaks of every kind and non-ASCII letters, a whole-text search that
//! tries only the window's line starts finds exactly the matches of a search through every byte.

use std::sync::LazyLock;

use proptest::prelude::*;

use super::*;

/// The caption rule's list, compiled once for all cases.
static CAPTIONS: LazyLock<PatternList> = LazyLock::new(|| {
    list(
        &super::test_support::rule_file_patterns(include_str!(
            "../../../rules/noise/image-caption-block.toml"
        )),
        false,
    )
});

/// A list that folds case, whose matches span up to three lines.
static FOLDING: LazyLock<PatternList> = LazyLock::new(|| {
    let sources = [
        toml::Spanned::new(0..0, r"^[^\n]*photo[^\n]*\n[^\n]*ap\r?$".to_string()),
        toml::Spanned::new(0..0, r"^credit(?:\n[^\n]+){0,2}$".to_string()),
    ];
    list(&sources, true)
});

fn list(sources: &[toml::Spanned<String>], ignore_case: bool) -> PatternList {
    compile_patterns(sources, ignore_case, true, Compilation::Eager)
        .unwrap_or_else(|error| panic!("{error:?}"))
}

/// Where matches start and end.
type Matches = Vec<(usize, usize)>;

/// The non-empty matches the list finds in `text`, and those of its regex searched through
/// every byte.
fn both(list: &PatternList, text: &str) -> (Matches, Matches) {
    let everywhere = list.joined.matching(text).map_or_else(Vec::new, |regex| {
        let found = regex.find_iter(text).filter(|found| !found.is_empty());
        found.map(|found| (found.start(), found.end())).collect()
    });
    let windowed = list
        .captures_iter(text)
        .filter_map(|captures| captures.get(0))
        .map(|found| (found.start(), found.end()))
        .collect();
    (windowed, everywhere)
}

/// Lines of captions, credits, prose and furniture, joined by every kind of line break.
fn texts() -> impl Strategy<Value = String> {
    let lines = prop::sample::select(vec![
        "",
        "",
        "  ",
        "A caption of four words here",
        "one two three four five",
        "Firefighters pump water out of a cellar on Tuesday.",
        "Photo: AP",
        "Photo:",
        "AP",
        ": AP",
        "Photo",
        "Jane Roe/Reuters",
        "Credit: Reuters",
        "Photo credit: ©X",
        "Фото: ТАСС",
        "The flooded promenade via AP",
        "Image by Smith",
        "Label: value",
        "Getty Images",
        "é日本 \u{2028} text",
        "credit",
        "PHOTO and AP",
    ]);
    let breaks = prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r"]);
    prop::collection::vec((lines, breaks), 0..16).prop_map(|lines| {
        lines
            .into_iter()
            .flat_map(|(line, line_break)| [line, line_break])
            .collect()
    })
}

#[test]
fn both_lists_have_a_window() {
    assert!(CAPTIONS.line_window().is_some());
    assert!(FOLDING.line_window().is_some());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_caption_rule_finds_what_a_search_of_every_byte_finds(text in texts()) {
        let (windowed, everywhere) = both(&CAPTIONS, &text);
        prop_assert_eq!(windowed, everywhere);
    }

    #[test]
    fn a_list_that_folds_case_finds_what_a_search_of_every_byte_finds(text in texts()) {
        let (windowed, everywhere) = both(&FOLDING, &text);
        prop_assert_eq!(windowed, everywhere);
    }
}
