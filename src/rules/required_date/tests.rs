//! Unit tests of `required-date` with the built-in rule file: labels, date-dominant lines in
//! several languages, front matter, datelines, what is not a publication date, bounds, noise,
//! segments, two-digit years and the finding on the title line.

use super::*;
use crate::document::Span;
use crate::layout::Layout;
use crate::metadata::DateValue;

const RULE: &str = include_str!("../../../rules/metadata/missing-date.toml");

fn check() -> RequiredDateCheck {
    let config = match super::super::parse_check::<RequiredDateConfig>(RULE) {
        Ok(config) => config,
        Err(error) => panic!("config: {error:?}"),
    };
    match compile(config, Compilation::Eager) {
        Ok(check) => check,
        Err(error) => panic!("compile: {error:?}"),
    }
}

fn today() -> CivilDate {
    CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0))
}

/// Runs the rule with the given noise spans; returns the date found or the finding.
fn run_with_noise(text: &str, noise: &[Span]) -> (Option<DateValue>, Vec<Finding>) {
    let doc = Document::new(text.to_string());
    let layout = Layout::of(&doc);
    let mut noise_set = crate::document::SpanSet::default();
    noise_set.extend(noise.iter().copied());
    let ctx = Context {
        doc: &doc,
        layout: &layout,
        noise: &noise_set,
        today: today(),
        html: None,
        shared: &crate::rules::Shared::default(),
    };
    let mut metadata = Metadata::default();
    let findings = check().check(&ctx, &mut metadata);
    (metadata.date, findings)
}

fn iso(text: &str) -> Option<String> {
    run_with_noise(text, &[]).0.map(|value| value.iso)
}

const PROSE: &str = "The council met on Monday and agreed on a plan for the new bridge over the river, officials said.";

#[test]
fn published_label_gives_the_date_with_its_label_and_raw_text() {
    let text = format!("Title\nPublished: Feb 04, 2026 08:50 PM\n\n{PROSE}\n");
    let (value, findings) = run_with_noise(&text, &[]);
    assert!(findings.is_empty());
    let value = value.map(|v| (v.iso, v.raw, v.line, v.label, v.kind));
    let expected = (
        "2026-02-04".to_string(),
        "Feb 04, 2026 08:50 PM".to_string(),
        2,
        Some("Published".to_string()),
        "published".to_string(),
    );
    assert_eq!(value, Some(expected));
}

#[test]
fn date_dominant_line_in_several_languages() {
    assert_eq!(
        iso(&format!("Title\n\n06 July 2024 13:15\n\n{PROSE}")).as_deref(),
        Some("2024-07-06")
    );
    assert_eq!(
        iso(&format!("Titel\n31. Mai 2012\n{PROSE}")).as_deref(),
        Some("2012-05-31")
    );
    assert_eq!(
        iso(&format!("Заголовок\n4 февраля 2026 г.\n{PROSE}")).as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(
        iso(&format!("Başlıq\n04 fevral 2026, 10:15\n{PROSE}")).as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(
        iso(&format!("Başlık\n4 Şubat 2026\n{PROSE}")).as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(
        iso(&format!("Titre\npublié le 3 mars 2025 à 10:42\n{PROSE}")).as_deref(),
        Some("2025-03-03")
    );
}

#[test]
fn label_inside_a_long_line_counts_when_it_leads_its_segment() {
    let text = format!(
        "Titel\nVon Anna Schmidt und Peter Berg aus der Redaktion Berlin, veröffentlicht am 12.03.2024\n{PROSE}"
    );
    assert_eq!(iso(&text).as_deref(), Some("2024-03-12"));
}

#[test]
fn publication_label_wins_over_an_earlier_unlabelled_date_and_update_comes_last() {
    let text = format!("Title\n3 March 2024\nPublished: 5 March 2024\n{PROSE}");
    assert_eq!(iso(&text).as_deref(), Some("2024-03-05"));
    let text = format!("Title\nUpdated: 7 March 2024\n{PROSE}");
    let value = run_with_noise(&text, &[]).0;
    assert_eq!(
        value.map(|v| (v.iso, v.kind)),
        Some(("2024-03-07".into(), "updated".into()))
    );
    let text = format!("Title\nUpdated: 7 March 2024\n6 March 2024\n{PROSE}");
    assert_eq!(iso(&text).as_deref(), Some("2024-03-06"));
}

/// Reading stops at the first labelled publication date outside noise, and only there: a
/// labelled one inside noise does not end it.
#[test]
fn the_first_labelled_date_outside_noise_wins_over_later_ones_and_labelled_noise() {
    let text = format!("Title\nPublished: 5 March 2024\nPublished: 9 March 2024\n{PROSE}");
    assert_eq!(iso(&text).as_deref(), Some("2024-03-05"));
    let noisy = "Published: 2 March 2024";
    let text = format!("Title\n{noisy}\n\n{PROSE}\n\nPublished: 5 March 2024\n{PROSE}");
    let start = text.find(noisy).unwrap_or_default();
    let noise = [Span::new(start, start + noisy.len())];
    let value = run_with_noise(&text, &noise).0;
    assert_eq!(value.map(|v| v.iso).as_deref(), Some("2024-03-05"));
}

#[test]
fn front_matter_date_wins() {
    let text =
        format!("---\ntitle: A\ndate: \"2025-11-03\"\n---\nPublished: 4 March 2024\n{PROSE}");
    let value = run_with_noise(&text, &[]).0;
    assert_eq!(
        value.map(|v| (v.iso, v.line)),
        Some(("2025-11-03".into(), 3))
    );
}

#[test]
fn dateline_opens_the_article() {
    let long = "Heavy rain flooded several streets of the harbour district during the night, and the city said that the clean-up would take days.";
    let text = format!("Title\n\nBAKU, 4 February 2026 – {long} {long}\n\n{PROSE}");
    assert_eq!(iso(&text).as_deref(), Some("2026-02-04"));
}

#[test]
fn sentences_ranges_and_partial_dates_are_not_publication_dates() {
    let sentence = "The declaration, signed on 3 July 2024 in Astana by the two presidents, sets out a plan for closer ties between the countries.";
    assert_eq!(iso(&format!("Title\n\n{sentence}\n")), None);
    assert_eq!(
        iso("Title\nIt was signed on 3 July 2024 in Astana.\n"),
        None
    );
    assert_eq!(iso("Title\n\nForum (17 - 19 September 2024)\n"), None);
    assert_eq!(iso("Title\n\nIn February 2025 and in 2014.\n"), None);
    assert_eq!(iso("Title\n\n© 2024 Example Media\n"), None);
}

#[test]
fn dates_out_of_bounds_are_skipped() {
    assert_eq!(iso("Title\n\n4 February 1990\n"), None);
    assert_eq!(iso("Title\n\n4 February 2030\n"), None);
    assert_eq!(
        iso("Title\n\n24 November 2026\n").as_deref(),
        Some("2026-11-24")
    );
}

#[test]
fn dates_inside_noise_serve_only_when_none_is_outside() {
    let text = "Title\n\n4 February 2026\n\n5 February 2026\n";
    let noise = [Span::new(7, 22)];
    let value = run_with_noise(text, &noise).0;
    assert_eq!(value.map(|v| v.iso).as_deref(), Some("2026-02-05"));
    let noise = [Span::new(7, 22), Span::new(24, 39)];
    let value = run_with_noise(text, &noise).0;
    assert_eq!(value.map(|v| v.iso).as_deref(), Some("2026-02-04"));
}

#[test]
fn line_segments_are_judged_on_their_own() {
    let text = format!(
        "Title\nBy Ann Lee on 3 May 2024 | 12 Comments. This post may contain affiliate links, and we earn from qualifying purchases.\n{PROSE}"
    );
    assert_eq!(iso(&text).as_deref(), Some("2024-05-03"));
}

#[test]
fn two_digit_years_need_a_label_or_a_date_line() {
    assert_eq!(
        iso("Title\n\nStand: 04.02.26\n").as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(
        iso("Title\n\n19.10.19, 18:56\n").as_deref(),
        Some("2019-10-19")
    );
    let sentence = "Title\n\nThe council said the version 04.02.26 of the plan was adopted by most members of the assembly last week.\n";
    assert_eq!(iso(sentence), None);
}

#[test]
fn missing_date_fires_on_the_title_line() {
    let text = "\n\nHarbour floods\n\nNo date here at all.\n";
    let (value, findings) = run_with_noise(text, &[]);
    assert!(value.is_none());
    let spans: Vec<Span> = findings.iter().map(|finding| finding.span).collect();
    assert_eq!(spans, [Span::new(2, 16)]);
    let (_, findings) = run_with_noise("", &[]);
    assert_eq!(findings.len(), 1);
}

#[test]
fn bad_earliest_day_is_a_compile_error() {
    let config = RequiredDateConfig {
        earliest: "1995-13-01".into(),
        ..RequiredDateConfig::default()
    };
    assert!(compile(config, Compilation::Eager).is_err());
}

#[test]
fn every_regex_of_the_default_rule_compiles_within_the_size_limits() {
    // The default rules compile their regexes on first use, unchecked.
    let config = match super::super::parse_check::<RequiredDateConfig>(RULE) {
        Ok(config) => config,
        Err(error) => panic!("config: {error:?}"),
    };
    let check = compile(config, Compilation::Lazy).unwrap_or_else(|error| panic!("{error:?}"));
    let regexes: Vec<_> = check.grammar.regexes().chain(&check.labels).collect();
    assert_eq!(regexes.len(), 14);
    for regex in regexes {
        assert!(regex.compile_now().is_ok());
    }
}
