//! The date and attribution a page's markup states: `<meta>` tags, `<time datetime>`,
//! `rel=author` links and JSON-LD, each with the span of the element that says it.

use scraper::{ElementRef, Selector};
use serde_json::Value;

use super::HtmlPage;
use crate::document::{Document, Span};
use crate::metadata::{AttributionValue, DateValue, Metadata};

/// Publication date sources, most trusted first: a CSS selector and the attribute to read
/// (`None` reads the element's text).
const DATE_SOURCES: &[(&str, Option<&str>)] = &[
    ("meta[property='article:published_time']", Some("content")),
    ("meta[itemprop='datePublished']", Some("content")),
    ("[itemprop='datePublished'][datetime]", Some("datetime")),
    (
        "meta[name='date' i], meta[name='pubdate' i], meta[name='publishdate' i], \
         meta[name='publish-date' i], meta[name='dc.date' i], meta[name='dcterms.date' i], \
         meta[name='dc.date.issued' i], meta[name='sailthru.date' i], \
         meta[name='parsely-pub-date' i], meta[property='og:published_time']",
        Some("content"),
    ),
    ("time[pubdate][datetime]", Some("datetime")),
    ("time[datetime]", Some("datetime")),
];

/// Attribution sources, most trusted first: selector, attribute, and the kind of name it gives.
const ATTRIBUTION_SOURCES: &[(&str, Option<&str>, &str)] = &[
    ("meta[name='author' i]", Some("content"), "author"),
    ("[rel~='author']", None, "author"),
    ("[itemprop='author']", None, "author"),
    ("meta[property='article:author']", Some("content"), "author"),
    (
        "meta[property='og:site_name']",
        Some("content"),
        "publisher",
    ),
];

/// The date and attribution the markup of `page` states; `source` is the page's source
/// document (for line numbers).
pub fn markup_metadata(page: &HtmlPage, source: &Document) -> Metadata {
    let linked = linked_data(page);
    let date = first_value(
        page,
        DATE_SOURCES.iter().map(|(s, a)| (*s, *a, "published")),
    )
    .filter(|found| iso_day(&found.value).is_some())
    .or_else(|| linked.date.clone());
    let attribution = first_value(
        page,
        ATTRIBUTION_SOURCES.iter().take(4).map(|s| (s.0, s.1, s.2)),
    )
    .or_else(|| linked.author.clone())
    .or_else(|| linked.publisher.clone())
    .or_else(|| {
        first_value(
            page,
            ATTRIBUTION_SOURCES.iter().skip(4).map(|s| (s.0, s.1, s.2)),
        )
    });
    Metadata {
        date: date.and_then(|found| {
            Some(DateValue {
                iso: iso_day(&found.value)?,
                raw: found.value.clone(),
                line: source.line_column(found.span.start).0,
                label: Some(found.origin.clone()),
                ambiguous: false,
                kind: "published".to_string(),
                span: found.span,
                line_span: found.span,
            })
        }),
        attribution: attribution.map(|found| AttributionValue {
            kind: found.kind.to_string(),
            name: found.value.clone(),
            line: source.line_column(found.span.start).0,
            line_span: found.span,
        }),
    }
}

/// A value found in the markup.
#[derive(Debug, Clone)]
struct Found {
    value: String,
    span: Span,
    origin: String,
    kind: &'static str,
}

fn first_value<'a>(
    page: &HtmlPage,
    sources: impl Iterator<Item = (&'a str, Option<&'a str>, &'static str)>,
) -> Option<Found> {
    for (selector, attribute, kind) in sources {
        let Ok(parsed) = Selector::parse(selector) else {
            continue;
        };
        for element in page.html.select(&parsed) {
            let value = match attribute {
                Some(name) => element.value().attr(name).unwrap_or_default().to_string(),
                None => element_text(element),
            };
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            let usable = !value.is_empty()
                && value.chars().count() <= 100
                && !(kind == "author" && value.starts_with("http"));
            if let (true, Some(span)) = (usable, page.element_span(element)) {
                return Some(Found {
                    value,
                    span,
                    origin: origin(element),
                    kind,
                });
            }
        }
    }
    None
}

fn element_text(element: ElementRef) -> String {
    element.text().collect::<Vec<_>>().join(" ")
}

/// How the source of a value is shown: the tag and its identifying attribute.
fn origin(element: ElementRef) -> String {
    let tag = element.value().name();
    let key = ["property", "name", "itemprop", "rel", "datetime"]
        .iter()
        .find_map(|attr| Some((attr, element.value().attr(attr)?)));
    match key {
        Some((attr, value)) if *attr != "datetime" => format!("<{tag} {attr}=\"{value}\">"),
        _ => format!("<{tag}>"),
    }
}

/// `YYYY-MM-DD` when the value starts with an ISO date.
fn iso_day(value: &str) -> Option<String> {
    let day = value.trim().get(..10)?;
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = day.as_bytes() else {
        return None;
    };
    [y1, y2, y3, y4, m1, m2, d1, d2]
        .iter()
        .all(u8::is_ascii_digit)
        .then(|| day.to_string())
}

/// What the page's JSON-LD blocks say.
#[derive(Debug, Default)]
struct LinkedData {
    date: Option<Found>,
    author: Option<Found>,
    publisher: Option<Found>,
}

fn linked_data(page: &HtmlPage) -> LinkedData {
    let mut found = LinkedData::default();
    let Ok(selector) = Selector::parse("script[type='application/ld+json' i]") else {
        return found;
    };
    for script in page.html.select(&selector) {
        let Some(span) = page.element_span(script) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else {
            continue;
        };
        let at = |value: String, key: &str, kind: &'static str| Found {
            value,
            span,
            origin: format!("JSON-LD {key}"),
            kind,
        };
        visit(&value, &mut |object| {
            if found.date.is_none()
                && let Some(date) = object.get("datePublished").and_then(Value::as_str)
                && iso_day(date).is_some()
            {
                found.date = Some(at(date.to_string(), "datePublished", "published"));
            }
            if found.author.is_none()
                && let Some(name) = object.get("author").and_then(name_of)
            {
                found.author = Some(at(name, "author", "author"));
            }
            if found.publisher.is_none()
                && let Some(name) = object.get("publisher").and_then(name_of)
            {
                found.publisher = Some(at(name, "publisher", "publisher"));
            }
        });
    }
    found
}

/// Calls `f` on every object in a JSON value, depth first.
fn visit(value: &Value, f: &mut impl FnMut(&serde_json::Map<String, Value>)) {
    match value {
        Value::Object(object) => {
            f(object);
            object.values().for_each(|inner| visit(inner, f));
        }
        Value::Array(items) => items.iter().for_each(|inner| visit(inner, f)),
        _ => {}
    }
}

/// A name in JSON-LD: a string, an object's `name`, or the first of a list.
fn name_of(value: &Value) -> Option<String> {
    let name = match value {
        Value::String(name) => name.trim().to_string(),
        Value::Object(object) => object.get("name").and_then(name_of)?,
        Value::Array(items) => items.iter().find_map(name_of)?,
        _ => return None,
    };
    (!name.is_empty() && !name.starts_with("http")).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(source: &str) -> Metadata {
        let page = HtmlPage::parse(source);
        markup_metadata(&page, &Document::new(source.to_string()))
    }

    #[test]
    fn meta_tags_give_date_and_author() {
        let found = metadata(
            "<head><meta property=\"article:published_time\" content=\"2019-03-04T10:00:00Z\">\
             <meta name=\"author\" content=\"Ann Lee\"></head><p>Text</p>",
        );
        let date = found.date.map(|date| (date.iso, date.raw));
        assert_eq!(
            date,
            Some(("2019-03-04".into(), "2019-03-04T10:00:00Z".into()))
        );
        assert_eq!(found.attribution.map(|a| a.name), Some("Ann Lee".into()));
    }

    #[test]
    fn json_ld_gives_date_author_and_publisher() {
        let found = metadata(
            "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\",\
             \"datePublished\":\"2020-01-02\",\"publisher\":{\"name\":\"Daily\"}}]}</script><p>x</p>",
        );
        assert_eq!(found.date.map(|d| d.iso), Some("2020-01-02".into()));
        let attribution = found.attribution.map(|a| (a.kind, a.name));
        assert_eq!(attribution, Some(("publisher".into(), "Daily".into())));
    }

    #[test]
    fn time_element_and_rel_author() {
        let source = "<p>By <a rel=author href=/a>Bo Chen</a> <time datetime=\"2021-05-06\">May 6</time></p>";
        let found = metadata(source);
        let date = found.date.expect("a date");
        assert_eq!(
            &source[date.span.range()],
            "<time datetime=\"2021-05-06\">May 6</time>"
        );
        assert_eq!(found.attribution.map(|a| a.name), Some("Bo Chen".into()));
    }

    #[test]
    fn no_markup_no_metadata() {
        assert_eq!(metadata("<p>Nothing here.</p>"), Metadata::default());
    }
}
