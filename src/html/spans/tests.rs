use super::*;

/// Every span, checked against the source: it starts with `<` and the element's name, closed
/// elements end with `>`, and a child's span lies inside its parent's.
fn checked_spans(source: &str) -> Vec<(String, String)> {
    let parsed = parse(source);
    let mut found = Vec::new();
    for node in parsed.html.tree.root().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let Some(span) = parsed.spans.get(&node.id()) else {
            continue;
        };
        let text = &source[span.span.range()];
        let name = element.name();
        let head = text.get(1..1 + name.len()).unwrap_or("");
        assert!(text.starts_with('<'), "{text:?}");
        assert!(head.eq_ignore_ascii_case(name), "{name}: {text:?}");
        assert!(
            span.end_tag
                .is_none_or(|tag| text.ends_with(&source[tag.range()]))
        );
        let parent_span = node
            .ancestors()
            .find_map(|ancestor| parsed.spans.get(&ancestor.id()));
        if let Some(parent) = parent_span {
            assert!(
                parent.span.contains(&span.span),
                "{text:?} outside its parent"
            );
        }
        found.push((name.to_string(), text.to_string()));
    }
    let all: Vec<Span> = parsed.spans.values().map(|span| span.span).collect();
    for a in &all {
        for b in &all {
            let nested_or_apart = !a.overlaps(b) || a.contains(b) || b.contains(a);
            assert!(
                nested_or_apart,
                "{:?} and {:?} cross",
                &source[a.range()],
                &source[b.range()]
            );
        }
    }
    found
}

fn span_of<'a>(spans: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    spans
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, text)| text.as_str())
        .collect()
}

#[test]
fn closed_elements_run_from_start_tag_to_end_tag() {
    let source =
        "<!doctype html><html><body><div class=\"a>b\"><p>One <b>two</b></p></div></body></html>";
    let spans = checked_spans(source);
    assert_eq!(span_of(&spans, "p"), ["<p>One <b>two</b></p>"]);
    assert_eq!(
        span_of(&spans, "div"),
        ["<div class=\"a>b\"><p>One <b>two</b></p></div>"]
    );
    assert_eq!(span_of(&spans, "b"), ["<b>two</b>"]);
}

#[test]
fn implied_elements_have_no_span() {
    let source = "<p>Text</p>";
    let spans = checked_spans(source);
    assert!(span_of(&spans, "html").is_empty());
    assert!(span_of(&spans, "body").is_empty());
    assert_eq!(span_of(&spans, "p"), ["<p>Text</p>"]);
}

#[test]
fn unclosed_elements_end_at_their_last_content() {
    let source = "<ul>\n<li>One\n<li>Two <i>x</i>\n</ul><p>A\n<p>B &amp;\n";
    let spans = checked_spans(source);
    assert_eq!(span_of(&spans, "li"), ["<li>One", "<li>Two <i>x</i>"]);
    assert_eq!(span_of(&spans, "p"), ["<p>A", "<p>B &amp;"]);
    assert_eq!(
        span_of(&spans, "ul"),
        ["<ul>\n<li>One\n<li>Two <i>x</i>\n</ul>"]
    );
}

#[test]
fn raw_text_comments_and_upper_case_do_not_confuse_positions() {
    let source = "<HEAD><SCRIPT>if (a<b) { x = \"<p>\"; }</SCRIPT><style>p>a{}</style></HEAD>\
        <BODY><!-- <div>no</div> --><DIV id=x>Yes<br/><img src=a.png></DIV><textarea><p></textarea>";
    let spans = checked_spans(source);
    assert_eq!(
        span_of(&spans, "script"),
        ["<SCRIPT>if (a<b) { x = \"<p>\"; }</SCRIPT>"]
    );
    assert_eq!(span_of(&spans, "style"), ["<style>p>a{}</style>"]);
    assert_eq!(
        span_of(&spans, "div"),
        ["<DIV id=x>Yes<br/><img src=a.png></DIV>"]
    );
    assert_eq!(span_of(&spans, "br"), ["<br/>"]);
    assert_eq!(span_of(&spans, "img"), ["<img src=a.png>"]);
    assert!(span_of(&spans, "p").is_empty());
}

#[test]
fn misnested_formatting_keeps_source_spans() {
    let source = "<div><b>bold<p>para</b> tail</p></div><table><tr><td>cell</td></tr></table>";
    let spans = checked_spans(source);
    assert_eq!(span_of(&spans, "td"), ["<td>cell</td>"]);
    assert_eq!(span_of(&spans, "tr"), ["<tr><td>cell</td></tr>"]);
    assert!(span_of(&spans, "tbody").is_empty());
    assert_eq!(span_of(&spans, "div").len(), 1);
}

#[test]
fn element_closed_by_its_parent_end_tag_stops_before_it() {
    let source = "<div><span>text  </div>after";
    let spans = checked_spans(source);
    assert_eq!(span_of(&spans, "span"), ["<span>text"]);
    assert_eq!(span_of(&spans, "div"), ["<div><span>text  </div>"]);
}

const FRAGMENTS: &[&str] = &[
    "<p>",
    "</p>",
    "<P class=a>",
    "<div class=\"x>y\">",
    "</div>",
    "</DIV>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<br>",
    "<br/>",
    "<img src=a>",
    "text ",
    "more words\n",
    "&amp;",
    "&amp",
    "a < b",
    "x > y",
    "<!-- <p> -->",
    "<script>if (a<b) {}</script>",
    "<style>p>a{}</style>",
    "<title>t</title>",
    "<textarea><p></textarea>",
    "<h1>",
    "</h1>",
    "<a href=/>",
    "</a>",
    "<span>",
    "</span>",
    "<select><option>o</select>",
    "</br>",
    "</x>",
    "<body>",
    "<html>",
    "<head>",
];

proptest::proptest! {
    #[test]
    fn tag_soup_spans_start_with_their_tag_and_nest(
        picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..40)
    ) {
        let source: String = picks.iter().map(|&index| FRAGMENTS[index]).collect();
        checked_spans(&source);
    }
}
