//! Unit tests of `required-attribution` on publisher and copyright lines (a byline wins over
//! them; found alone, they are named in the finding unless accepted), on the finding on the
//! title line, and on the compiled cues: the joined publisher regex and the line gate.

use super::cues::LineGate;
use super::tests::{PROSE, check, found, pair, run, run_check};
use crate::document::Span;

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
        assert_eq!(
            check.cues.line_gate(""),
            LineGate::Unasked,
            "not asked at first"
        );
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
        // Publisher notices: the publisher search skips the lines the gate shuts.
        "© 2024 Example Media",
        "Copyright (c) 2024-2026 Example Media",
        "Alle Rechte vorbehalten.",
        "Все права защищены",
    ] {
        assert_eq!(check.cues.line_gate(line), LineGate::Open, "{line:?}");
    }
    for line in [
        "Heavy rain flooded several streets in the harbour district on Monday night.",
        "Die Stadt baut bis zum Sommer drei neue Radwege, wie der Bürgermeister sagte.",
        "",
    ] {
        assert_eq!(check.cues.line_gate(line), LineGate::Shut, "{line:?}");
    }
}

#[test]
fn a_copyright_line_is_found_once_the_line_gate_answers() {
    let check = check(false);
    for _ in 0..crate::rules::prefilter::PREFILTERED_TEXTS {
        check.cues.line_gate("");
    }
    let text = format!("Title\n\n{PROSE}\n\n{PROSE} © 2024 Harbour Media\n\n{PROSE}\n");
    let (_, findings) = run_check(&check, &text, None, &[]);
    let messages: Vec<Option<String>> = findings.iter().map(|f| f.message.clone()).collect();
    assert_eq!(
        messages,
        [Some(
            "only a publisher or copyright line found: Harbour Media".to_string()
        )]
    );
}
