//! Unit tests of `required-attribution` with the built-in rule file: bylines, label lines,
//! agencies and credits, names near and on the date line, image credits, noise, site credits,
//! publisher notices, front matter and the finding on the title line.

use super::*;
use crate::civil_date::CivilDate;
use crate::document::Document;
use crate::layout::Layout;
use crate::metadata::DateValue;

const RULE: &str = include_str!("../../../rules/metadata/missing-attribution.toml");

fn check(accept_publisher: bool) -> RequiredAttributionCheck {
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
fn run(
    text: &str,
    date_line: Option<usize>,
    noise_lines: &[usize],
    accept_publisher: bool,
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
    let findings = check(accept_publisher).check(&ctx, &mut metadata);
    (metadata.attribution, findings)
}

fn found(text: &str) -> Option<(String, String)> {
    found_near(text, None)
}

fn found_near(text: &str, date_line: Option<usize>) -> Option<(String, String)> {
    let (value, _) = run(text, date_line, &[], false);
    value.map(|value| (value.kind, value.name))
}

fn pair(kind: &str, name: &str) -> Option<(String, String)> {
    Some((kind.to_string(), name.to_string()))
}

const PROSE: &str =
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
fn site_credit_after_the_article_is_a_publisher() {
    let text = format!("Title\n\n{PROSE} {PROSE}\n\n{PROSE}\n\nExample.com\nViews: 254\n");
    assert_eq!(found(&text), pair("publisher", "Example.com"));
}

#[test]
fn copyright_alone_fires_with_its_own_message_unless_accepted() {
    let text = format!("Title\n\n{PROSE}\n\n© 2024 Harbour Media. All rights reserved.\n");
    let (value, findings) = run(&text, None, &[], false);
    assert!(value.is_none());
    let messages: Vec<Option<String>> = findings.iter().map(|f| f.message.clone()).collect();
    assert_eq!(
        messages,
        [Some(
            "only a publisher or copyright line found: Harbour Media".to_string()
        )]
    );
    assert_eq!(
        findings.iter().map(|f| f.span).collect::<Vec<_>>(),
        [Span::new(0, 5)]
    );
    let (value, findings) = run(&text, None, &[], true);
    assert!(findings.is_empty());
    assert_eq!(value.map(|v| v.kind).as_deref(), Some("publisher"));
}

#[test]
fn copyright_after_an_image_credit_is_no_publisher_line() {
    let text = format!("Title\n\n{PROSE}\n\nPhoto: © 2024 Harbour Media\n");
    let (value, findings) = run(&text, None, &[], true);
    assert!(value.is_none());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings.first().and_then(|f| f.message.clone()), None);
}

#[test]
fn a_byline_wins_over_a_copyright_line_in_noise_or_not() {
    let text = format!("Title\nBy Anna Smith\n\n{PROSE}\n\n© 2024 Harbour Media\n");
    for accept_publisher in [false, true] {
        let (value, findings) = run(&text, None, &[], accept_publisher);
        assert!(findings.is_empty());
        assert_eq!(value.map(|v| v.kind).as_deref(), Some("author"));
    }
    // The byline in noise no longer counts, and the copyright line outside it is taken.
    let (value, _) = run(&text, None, &[2], true);
    assert_eq!(value.map(|v| v.kind).as_deref(), Some("publisher"));
}

#[test]
fn the_first_copyright_line_outside_noise_is_named() {
    let text = format!(
        "Title\n© 2023 Menu Media\n\n{PROSE}\n\n© 2024 Harbour Media\n© 2025 Other Media\n"
    );
    let (value, findings) = run(&text, None, &[2], false);
    assert!(value.is_none());
    let message = findings.first().and_then(|f| f.message.clone());
    assert_eq!(
        message.as_deref(),
        Some("only a publisher or copyright line found: Harbour Media")
    );
    let (value, _) = run(&text, None, &[2, 6, 7], true);
    assert_eq!(value.map(|v| v.name).as_deref(), Some("Menu Media"));
}

#[test]
fn nothing_found_fires_once_on_the_title() {
    let (value, findings) = run(&format!("\nTitle\n\n{PROSE}\n"), None, &[], false);
    assert!(value.is_none());
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>(),
        [None]
    );
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

#[test]
fn the_joined_publisher_regex_matches_where_one_of_the_publisher_regexes_does() {
    let check = check(false);
    assert!(
        check.cues.any_publisher().is_none(),
        "not built for a short run"
    );
    let warmed =
        (0..=crate::rules::prefilter::PREFILTERED_TEXTS).find_map(|_| check.cues.any_publisher());
    let any = warmed.unwrap_or_else(|| panic!("the default rule's publisher regexes join"));
    for line in [
        "© 2026 Example Media. All rights reserved.",
        "Copyright (c) 2024-2026 Example Media",
        "COPYRIGHT © Example",
        "Alle Rechte vorbehalten.",
        "Any use of materials is allowed only with a hyperlink to example.com",
        "При использовании материалов гиперссылка на example.ru обязательна",
        "Все права защищены",
        "The council copyrighted nothing, and all rights stayed with the city.",
        "Plain prose of an article, with nothing to flag.",
        "",
    ] {
        let one = check.cues.publisher.iter().any(|regex| {
            regex
                .matching(line)
                .is_some_and(|regex| regex.is_match(line))
        });
        assert_eq!(any.is_match(line), Some(one), "{line:?}");
    }
}

#[test]
fn the_line_gate_opens_on_every_cue_and_stays_shut_on_plain_prose() {
    let check = check(false);
    for _ in 0..crate::rules::prefilter::PREFILTERED_TEXTS {
        assert!(check.cues.may_cue(""), "every line may hold a cue at first");
    }
    for line in [
        "By Anna Smith and Li Wei",
        "– Von Anna Schmidt",
        "Автор: Иван Петров",
        "Source: example.com",
        "Mənbə: example.az",
        "Autorin Anna Schmidt",
        "Anna Smith, staff writer",
        "(Reporting by Li Wei; Editing by Anna Smith)",
        "Photo: Jane Doe",
        "A caption. Фото: Иван Петров",
        "Image courtesy of the city",
    ] {
        assert!(check.cues.may_cue(line), "{line:?}");
    }
    for line in [
        "Heavy rain flooded several streets in the harbour district on Monday night.",
        "Die Stadt baut bis zum Sommer drei neue Radwege, wie der Bürgermeister sagte.",
        "",
    ] {
        assert!(!check.cues.may_cue(line), "{line:?}");
    }
}
