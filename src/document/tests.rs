//! Tests of [`super::Document`]: decoding, lines, paragraphs and spans.

use super::*;

#[test]
fn span_set_answers_overlaps_like_a_scan() {
    let spans = [
        Span::new(10, 20),
        Span::new(15, 30),
        Span::new(40, 41),
        Span::new(50, 50),
    ];
    let mut set = SpanSet::default();
    set.extend(spans);
    for start in 0..60 {
        for end in start + 1..62 {
            let probe = Span::new(start, end);
            let scan = spans
                .iter()
                .any(|span| !span.is_empty() && span.overlaps(&probe));
            assert_eq!(set.overlaps(probe), scan, "{probe:?}");
        }
    }
}

fn paragraph_texts(doc: &Document) -> Vec<&str> {
    doc.paragraphs()
        .iter()
        .map(|p| doc.paragraph_text(p))
        .collect()
}

#[test]
fn crlf_lines_exclude_terminator_and_keep_offsets() {
    let doc = Document::new("one\r\ntwo\r\n\r\nthree".to_string());
    let texts: Vec<_> = (0..doc.lines().len()).map(|i| doc.line_text(i)).collect();
    assert_eq!(texts, ["one", "two", "", "three"]);
    assert_eq!(doc.lines()[1].span, Span::new(5, 8));
    assert_eq!(paragraph_texts(&doc), ["one\r\ntwo", "three"]);
}

#[test]
fn bom_is_kept_in_text_but_not_in_first_line() {
    let doc = Document::new("\u{feff}Title\nBody".to_string());
    assert_eq!(doc.line_text(0), "Title");
    assert_eq!(doc.lines()[0].span.start, 3);
    assert_eq!(doc.line_column(3), (1, 1));
}

#[test]
fn long_lines_without_blank_lines_are_separate_paragraphs() {
    let long = "word ".repeat(30);
    let text = format!("Heading\nSubtitle\n{long}\nShort heading\n{long}\n");
    let doc = Document::new(text);
    assert_eq!(doc.paragraphs().len(), 4);
    assert_eq!(
        doc.paragraph_text(&doc.paragraphs()[0]),
        "Heading\nSubtitle"
    );
}

#[test]
fn line_column_counts_characters() {
    let doc = Document::new("ab\nçé x".to_string());
    let x = doc.text().find('x').unwrap_or_default();
    assert_eq!(doc.line_column(x), (2, 4));
}

#[test]
fn blank_documents() {
    assert!(Document::new(String::new()).is_blank());
    assert!(Document::new("\u{feff} \r\n\t\n".to_string()).is_blank());
    assert!(!Document::new("x".to_string()).is_blank());
}

fn delete_lines(text: &str, first: usize, last: usize) -> String {
    let doc = Document::new(text.to_string());
    let span = doc.line_deletion(first, last);
    format!("{}{}", &text[..span.start], &text[span.end..])
}

#[test]
fn line_deletion_leaves_no_run_of_blank_lines() {
    assert_eq!(delete_lines("Menu\nHome\n\nTitle\n", 0, 1), "Title\n");
    assert_eq!(delete_lines("A\n\nMenu\n\n\nB\n", 2, 2), "A\n\nB\n");
    assert_eq!(delete_lines("A\nMenu\n\nB\n", 1, 1), "A\n\nB\n");
    assert_eq!(delete_lines("Text.\n\nViews: 254\n", 2, 2), "Text.\n");
    assert_eq!(delete_lines("Text.\n\nViews: 254", 2, 2), "Text.\n");
    assert_eq!(
        delete_lines("A\r\n\r\nMenu\r\n\r\nB\r\n", 2, 2),
        "A\r\n\r\nB\r\n"
    );
}

#[test]
fn empty_text_has_no_lines() {
    let doc = Document::new(String::new());
    assert!(doc.lines().is_empty());
    assert!(doc.paragraphs().is_empty());
    assert_eq!(doc.line_column(0), (1, 1));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// The shortcuts of paragraph splitting agree with their definitions: a blank line trims
    /// to nothing, a standalone line has more than the bound's characters.
    #[test]
    fn line_shortcuts_agree_with_their_definitions(
        line in "[ \t\u{b}\u{c}\r\u{a0}\u{3000}a.é日]{0,6}|[aé日 ]{95,130}|(?s).{0,8}",
    ) {
        proptest::prop_assert_eq!(is_blank(&line), line.trim().is_empty());
        proptest::prop_assert_eq!(
            is_standalone(&line),
            line.chars().count() > STANDALONE_LINE_CHARS
        );
    }
}

#[test]
fn a_line_of_exactly_the_bound_is_not_standalone() {
    let bound = "a".repeat(STANDALONE_LINE_CHARS);
    assert!(!is_standalone(&bound));
    assert!(is_standalone(&format!("{bound}b")));
    assert!(!is_standalone(&format!("é{}", &bound[1..])));
    assert!(is_standalone(&format!("é{bound}")));
}
