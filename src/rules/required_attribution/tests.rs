//! Unit tests of `required-attribution` with the built-in rule file, on what names an author or
//! a source: bylines, label lines, agencies and credits, names near and on the date line, image
//! credits, noise and front matter. The helpers here serve `publisher_tests` too.

use super::*;
use crate::civil_date::CivilDate;
use crate::document::Document;
use crate::layout::Layout;
use crate::metadata::DateValue;

const RULE: &str = include_str!("../../../rules/metadata/missing-attribution.toml");

pub(super) fn check(accept_publisher: bool) -> RequiredAttributionCheck {
    let mut config = match super::super::parse_check::<RequiredAttributionConfig>(RULE) {
        Ok(config) => config,
        Err(error) => panic!("config: {error:?}"),
    };
    config.accept_publisher = accept_publisher;
    match compile(config, Compilation::Lazy) {
        Ok(check) => check,
        Err(error) => panic!("compile: {error:?}"),
    }
}

/// A date value on line `line` (1-based) as `required-date` gives: the date is the line's
/// text from its first digit to its last.
fn date_on(doc: &Document, line: usize) -> Option<DateValue> {
    let line_span = doc.lines().get(line.checked_sub(1)?)?.span;
    let text = doc.slice(line_span);
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
    let span = Span::new(line_span.start + start, line_span.start + end);
    Some(DateValue {
        iso: "2026-02-04".into(),
        raw: doc.slice(span).into(),
        line,
        label: None,
        ambiguous: false,
        kind: "published".into(),
        span,
        line_span,
    })
}

/// Runs the rule; `date_line` stands in for the date rule's value, `noise` for the noise
/// rules' spans (given as line numbers).
pub(super) fn run(
    text: &str,
    date_line: Option<usize>,
    noise_lines: &[usize],
    accept_publisher: bool,
) -> (Option<AttributionValue>, Vec<Finding>) {
    run_check(&check(accept_publisher), text, date_line, noise_lines)
}

/// [`run`] with a check already compiled (and perhaps warmed up).
pub(super) fn run_check(
    check: &RequiredAttributionCheck,
    text: &str,
    date_line: Option<usize>,
    noise_lines: &[usize],
) -> (Option<AttributionValue>, Vec<Finding>) {
    let doc = Document::new(text.to_string());
    let layout = Layout::of(&doc);
    let mut noise = crate::document::SpanSet::default();
    noise.extend(
        noise_lines
            .iter()
            .filter_map(|&line| doc.lines().get(line - 1).map(|l| l.span)),
    );
    let ctx = Context {
        doc: &doc,
        layout: &layout,
        noise: &noise,
        today: CivilDate::from_unix_days(20_487),
        html: None,
        shared: &crate::rules::Shared::default(),
    };
    let mut metadata = Metadata {
        date: date_line.and_then(|line| date_on(&doc, line)),
        attribution: None,
    };
    let findings = check.check(&ctx, &mut metadata);
    (metadata.attribution, findings)
}

pub(super) fn found(text: &str) -> Option<(String, String)> {
    found_near(text, None)
}

pub(super) fn found_near(text: &str, date_line: Option<usize>) -> Option<(String, String)> {
    let (value, _) = run(text, date_line, &[], false);
    value.map(|value| (value.kind, value.name))
}

pub(super) fn pair(kind: &str, name: &str) -> Option<(String, String)> {
    Some((kind.to_string(), name.to_string()))
}

pub(super) const PROSE: &str =
    "Heavy rain flooded several streets in the harbour district on Monday night, the city said.";

#[test]
fn bylines_in_several_languages() {
    assert_eq!(
        found(&format!("Title\nBy Anna Smith and Li Wei\n\n{PROSE}")),
        pair("author", "Anna Smith and Li Wei")
    );
    assert_eq!(
        found(&format!("Titel\nVon Anna Schmidt\n\n{PROSE}")),
        pair("author", "Anna Schmidt")
    );
    assert_eq!(
        found(&format!("Titre\nPar Jean de la Fontaine\n\n{PROSE}")),
        pair("author", "Jean de la Fontaine")
    );
    assert_eq!(
        found(&format!("Title\nBy Luke Kemp 11 February 2020\n\n{PROSE}")),
        pair("author", "Luke Kemp")
    );
    assert_eq!(
        found(&format!(
            "Titel\nVeröffentlicht von Chris Jung 28. Februar 2016\n{PROSE}"
        )),
        pair("author", "Chris Jung")
    );
}

#[test]
fn prose_and_stop_words_are_not_bylines() {
    assert_eq!(
        found(&format!(
            "Titel\nVon der Brücke aus sieht man die neuen Radwege der Stadt\n{PROSE}"
        )),
        None
    );
    assert_eq!(
        found(&format!(
            "Title\nBy Monday, the council had agreed.\n{PROSE}"
        )),
        None
    );
    assert_eq!(
        found(&format!(
            "Titel\nVon Berlin aus fährt der Zug nach Hamburg\n{PROSE}"
        )),
        None
    );
}

#[test]
fn label_lines_for_authors_and_sources() {
    assert_eq!(
        found(&format!("Title\nAuthor: Ilgar VELIZADE\n{PROSE}")),
        pair("author", "Ilgar VELIZADE")
    );
    assert_eq!(
        found(&format!("Заголовок\nАвтор: Иван Петров\n{PROSE}")),
        pair("author", "Иван Петров")
    );
    assert_eq!(
        found(&format!("Başlıq\n{PROSE}\nMənbə: example.az\n")),
        pair("source", "example.az")
    );
    assert_eq!(
        found(&format!(
            "Titel\nAutoren Jelko Djuren und Jutta Klaukien\n{PROSE}"
        )),
        pair("author", "Jelko Djuren und Jutta Klaukien")
    );
    assert_eq!(
        found(&format!("Titel\nAutor:\nAnna Schmidt\n\n{PROSE}")),
        pair("author", "Anna Schmidt")
    );
}

#[test]
fn agencies_credits_and_staff_lines() {
    assert_eq!(
        found(&format!("Title\n\nBAKU, Feb 4 (Reuters) - {PROSE}")),
        pair("agency", "Reuters")
    );
    assert_eq!(
        found(&format!("Titel\n\nBERLIN (dpa/lnw) - {PROSE}")),
        pair("agency", "dpa")
    );
    assert_eq!(
        found(&format!(
            "Title\n\n{PROSE}\n(Reporting by Anna Smith; Editing by Li Wei)\n"
        )),
        pair("credit", "Anna Smith")
    );
    assert_eq!(
        found(&format!("Title\nAnna Smith, staff writer\n\n{PROSE}")),
        pair("author", "Anna Smith")
    );
}

#[test]
fn bare_names_count_only_near_the_date_line() {
    let text = format!("Title\n\n4 February 2026\n\nAnna Smith\n\n{PROSE}");
    assert_eq!(found_near(&text, Some(3)), pair("author", "Anna Smith"));
    assert_eq!(found_near(&text, None), None);
    let far = format!("Title\n4 February 2026\n{PROSE}\n{PROSE}\n{PROSE}\nAnna Smith\n");
    assert_eq!(found_near(&far, Some(2)), None);
    let menu = format!("Title\n4 February 2026\nHome News\n\n{PROSE}");
    assert_eq!(found_near(&menu, Some(2)), None);
}

#[test]
fn names_on_the_date_line() {
    let text = format!("Title\nMarie Merlet | 9 December 2019\n\n{PROSE}");
    assert_eq!(found_near(&text, Some(2)), pair("author", "Marie Merlet"));
    let text = format!("Title\nPosted on 15 April 2016 by LD\n\n{PROSE}");
    assert_eq!(found_near(&text, Some(2)), pair("author", "LD"));
}

#[test]
fn image_credits_are_never_evidence() {
    let text = format!("Title\n\n{PROSE}\n\nPhoto: Courtesy of the Embassy\nFoto: Anna Schmidt\n");
    assert_eq!(found(&text), None);
    let text = format!("Title\n\nThe minister. Photo: Courtesy of Anna Smith\n\n{PROSE}");
    assert_eq!(found(&text), None);
}

#[test]
fn noise_hides_bylines_but_not_source_lines() {
    let text = format!("Title\nBy Anna Smith\n\n{PROSE}\n\nSource: example.com\n");
    let (value, _) = run(&text, None, &[2, 6], false);
    assert_eq!(
        value.map(|v| (v.kind, v.name, v.line)),
        Some(("source".into(), "example.com".into(), 6))
    );
    let (value, _) = run(&text, None, &[2], false);
    assert_eq!(value.map(|v| v.kind).as_deref(), Some("source"));
}

#[test]
fn front_matter_author_wins() {
    let text =
        format!("---\ntitle: A\nauthor: \"Ayşe Yılmaz\"\n---\n{PROSE}\nSource: example.com\n");
    assert_eq!(found(&text), pair("author", "Ayşe Yılmaz"));
}

#[test]
fn a_prefix_or_label_alone_on_its_line_names_the_next_line() {
    assert_eq!(
        found(&format!("Titel\nVon\nEurosport\n\n{PROSE}")),
        pair("author", "Eurosport")
    );
    assert_eq!(
        found(&format!("Title\nBy :\nJoe S.\n\n{PROSE}")),
        pair("author", "Joe S.")
    );
    assert_eq!(
        found(&format!("Titel\nArtikel von:\nAnna Schmidt\n\n{PROSE}")),
        pair("author", "Anna Schmidt")
    );
    assert_eq!(
        found(&format!(
            "Titel\nVon:\nSuche Erweiterte Suche...\n\n{PROSE}"
        )),
        None
    );
    assert_eq!(found(&format!("Titel\nDI\nMI\n\n{PROSE}")), None);
    assert_eq!(
        found(&format!(
            "Titel\nvon\nan\nDer Artikel wurde versandt.\n\n{PROSE}"
        )),
        None
    );
    assert_eq!(found(&format!("Titel\nVon\n\nEurosport\n\n{PROSE}")), None);
}
