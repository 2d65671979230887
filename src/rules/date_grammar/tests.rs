//! Unit tests of the date grammar: the forms it reads in several languages, numeric order and
//! locale, two-digit years, and what it refuses (ranges, partial dates, bad month tables).

use super::*;

fn grammar(locale: Locale) -> DateGrammar {
    let months = |list: &str| {
        let entries: Vec<String> = list.split(',').map(|m| m.trim().to_string()).collect();
        Spanned::new(0..0, entries)
    };
    let mut table = BTreeMap::new();
    table.insert(
        "en".to_string(),
        months(
            "january|jan, february|feb, march|mar, april|apr, may, june|jun, july|jul, \
             august|aug, september|sep|sept, october|oct, november|nov, december|dec",
        ),
    );
    table.insert(
        "de".to_string(),
        months(
            "januar|jänner, februar, märz|mär, april, mai, juni, juli, august, september, \
             oktober|okt, november, dezember|dez",
        ),
    );
    table.insert(
        "ru".to_string(),
        months(
            "январь|января, февраль|февраля, март|марта, апрель|апреля, май|мая, июнь|июня, \
             июль|июля, август|августа, сентябрь|сентября, октябрь|октября, ноябрь|ноября, \
             декабрь|декабря",
        ),
    );
    table.insert(
        "es".to_string(),
        months(
            "enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, \
             noviembre, diciembre",
        ),
    );
    table.insert(
        "tr".to_string(),
        months(
            "ocak, şubat, mart, nisan, mayıs, haziran, temmuz, ağustos, eylül, ekim, kasım, \
             aralık",
        ),
    );
    table.insert(
        "az".to_string(),
        months(
            "yanvar, fevral, mart, aprel, may, iyun, iyul, avqust, sentyabr, oktyabr, \
             noyabr, dekabr",
        ),
    );
    let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let config = GrammarConfig {
        months: table,
        day_suffixes: words(&["st", "nd", "rd", "th", ".", "º"]),
        connectors: words(&["of", "de", "del"]),
        time_connectors: words(&["at", "um", "-", "|", ","]),
        range_connectors: words(&["-", "–", "—", "bis", "to", "until"]),
        locale,
    };
    match compile(&config, Compilation::Eager) {
        Ok(grammar) => grammar,
        Err(error) => panic!("grammar: {error:?}"),
    }
}

/// The dates of `line` as ISO days with the text each covers.
fn dates(line: &str) -> Vec<(String, String)> {
    dates_with(Locale::Intl, line)
}

fn dates_with(locale: Locale, line: &str) -> Vec<(String, String)> {
    grammar(locale)
        .find_dates(line)
        .iter()
        .map(|found| {
            let raw = line.get(found.start..found.end).unwrap_or("").to_string();
            (found.date.to_string(), raw)
        })
        .collect()
}

fn one(line: &str) -> Option<String> {
    match dates(line).as_slice() {
        [(iso, _)] => Some(iso.clone()),
        _ => None,
    }
}

#[test]
fn english_month_first_with_time_keeps_time_in_raw() {
    let found = dates("Published: Feb 04, 2026 08:50 PM");
    assert_eq!(
        found,
        [("2026-02-04".into(), "Feb 04, 2026 08:50 PM".into())]
    );
}

#[test]
fn english_day_first_with_time() {
    let found = dates("06 July 2024 13:15");
    assert_eq!(found, [("2024-07-06".into(), "06 July 2024 13:15".into())]);
    assert_eq!(one("4 February 2026").as_deref(), Some("2026-02-04"));
    assert_eq!(
        one("Wednesday, 4th of February, 2026").as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(
        one("February 4th, 2026 at 10:42 AM").as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(one("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
}

#[test]
fn german_russian_spanish_azerbaijani_textual_dates() {
    assert_eq!(one("31. Mai 2012").as_deref(), Some("2012-05-31"));
    assert_eq!(
        one("1. Jänner 2020, 10:00 Uhr").as_deref(),
        Some("2020-01-01")
    );
    assert_eq!(one("4 февраля 2026 г.").as_deref(), Some("2026-02-04"));
    assert_eq!(one("4 Февраль 2026").as_deref(), Some("2026-02-04"));
    assert_eq!(one("4 de febrero de 2026").as_deref(), Some("2026-02-04"));
    assert_eq!(one("04 fevral 2026-cı il").as_deref(), Some("2026-02-04"));
}

#[test]
fn iso_numeric_and_cjk_dates() {
    assert_eq!(
        one("2026-02-04T08:50:00+04:00").as_deref(),
        Some("2026-02-04")
    );
    assert_eq!(one("2026/02/04").as_deref(), Some("2026-02-04"));
    assert_eq!(one("04.02.2026 - 13:15").as_deref(), Some("2026-02-04"));
    assert_eq!(one("2026年2月4日").as_deref(), Some("2026-02-04"));
    assert_eq!(one("2026. februar 4.").as_deref(), Some("2026-02-04"));
}

#[test]
fn slash_dates_are_day_first_unless_a_part_decides() {
    assert_eq!(one("04/02/2026").as_deref(), Some("2026-02-04"));
    assert_eq!(one("02/14/2026").as_deref(), Some("2026-02-14"));
    assert_eq!(dates_with(Locale::Us, "02/04/2026")[0].0, "2026-02-04");
    let found = grammar(Locale::Intl).find_dates("04/02/2026");
    assert!(found.iter().all(|date| date.ambiguous));
    let found = grammar(Locale::Intl).find_dates("04.02.2026");
    assert!(found.iter().all(|date| !date.ambiguous));
}

#[test]
fn two_digit_years_are_flagged() {
    let found = grammar(Locale::Intl).find_dates("Stand: 04.02.26");
    assert_eq!(found.len(), 1);
    assert!(
        found
            .iter()
            .all(|date| date.short_year && date.date.year == 2026)
    );
}

#[test]
fn ranges_are_not_dates() {
    assert!(dates("17 - 19 September 2024").is_empty());
    assert!(dates("12.–14. März 2024").is_empty());
    assert!(dates("vom 12. bis 14. März 2024").is_empty());
    assert!(dates("4 February 2026 – 6 February 2026").is_empty());
    assert!(dates("February 4, 2026 – March 6, 2026").is_empty());
    assert!(dates("12.03.2024 - 14.03.2024").is_empty());
    assert!(dates("6. Juli 2024, 10:00 bis 18:00").is_empty());
    assert_eq!(
        one("12.03.2024 - 1 Kommentar").as_deref(),
        Some("2024-03-12")
    );
}

#[test]
fn partial_dates_and_numbers_are_not_dates() {
    assert!(dates("17 - 19  September").is_empty());
    assert!(dates("In February 2025 the deal was signed").is_empty());
    assert!(dates("© 2024 Example").is_empty());
    assert!(dates("in 2014 and 2015").is_empty());
    assert!(dates("13:15").is_empty());
    assert!(dates("version 112.03.2024 and 12.03.20245").is_empty());
    assert!(dates("31.02.2024").is_empty());
    assert!(dates("Amay 5, 2020 Summary").is_empty());
    assert!(dates("Mainz 5 2020").is_empty());
}

#[test]
fn several_dates_on_one_line_come_in_order() {
    let found = dates("Published 3 March 2024 | Updated 2024-03-05 10:00");
    let days: Vec<&str> = found.iter().map(|(iso, _)| iso.as_str()).collect();
    assert_eq!(days, ["2024-03-03", "2024-03-05"]);
}

#[test]
fn month_table_must_have_twelve_entries_and_agree() {
    let mut months = BTreeMap::new();
    months.insert("xx".to_string(), Spanned::new(3..9, vec!["a".to_string()]));
    let config = GrammarConfig {
        months,
        ..GrammarConfig::default()
    };
    assert!(matches!(compile(&config, Compilation::Eager), Err(error) if error.span == Some(3..9)));
    let mut months = BTreeMap::new();
    let twelve = |first: &str| {
        let mut list = vec![first.to_string()];
        list.extend((2..=12).map(|n| format!("m{n}")));
        Spanned::new(0..1, list)
    };
    months.insert("a".to_string(), twelve("mai"));
    let mut other = twelve("x1");
    if let Some(entry) = other.get_mut().get_mut(4) {
        *entry = "mai".to_string();
    }
    months.insert("b".to_string(), other);
    let config = GrammarConfig {
        months,
        ..GrammarConfig::default()
    };
    assert!(compile(&config, Compilation::Eager).is_err());
}

#[test]
fn month_names_written_alike_in_capitals_must_agree() {
    // "ekim" and "ekım" differ in lower case, but both are written "EKIM" in capitals: which month
    // that reads as must not depend on the order the names are read in.
    let twelve = |number: usize, name: &str| {
        let mut list: Vec<String> = (1..=12).map(|n| format!("{name}{n}")).collect();
        if let Some(entry) = list.get_mut(number - 1) {
            *entry = name.to_string();
        }
        Spanned::new(5..8, list)
    };
    let mut months = BTreeMap::new();
    months.insert("tr".to_string(), twelve(10, "ekim"));
    months.insert("xx".to_string(), twelve(3, "ekım"));
    let config = GrammarConfig {
        months,
        ..GrammarConfig::default()
    };
    let error = compile(&config, Compilation::Eager).err();
    assert!(error.is_some_and(
        |error| error.message.contains("`EKIM` means both month") && error.span == Some(5..8)
    ));
}

#[test]
fn lines_with_just_enough_numbers_still_read_every_form() {
    assert_eq!(one("5 May 2024").as_deref(), Some("2024-05-05"));
    assert_eq!(one("May 5, 2024").as_deref(), Some("2024-05-05"));
    assert_eq!(one("1.2.24").as_deref(), Some("2024-02-01"));
    assert_eq!(one("2024-5-1").as_deref(), Some("2024-05-01"));
    assert_eq!(one("2024年5月1日").as_deref(), Some("2024-05-01"));
}

#[test]
fn dates_in_other_digits_are_not_read() {
    // `u32` parses ASCII digits only, so the grammar never read these, searched or not.
    assert_eq!(dates("٤ May ٢٠٢٤"), []);
    assert_eq!(dates("١٢.٠٣.٢٠٢٤ and 2024"), []);
    assert_eq!(one("٣ 5 May 2024").as_deref(), Some("2024-05-05"));
}

#[test]
fn month_names_in_capitals_read_as_their_month() {
    assert_eq!(one("14 KASIM 2024").as_deref(), Some("2024-11-14"));
    assert_eq!(one("14 MAYIS 2024").as_deref(), Some("2024-05-14"));
    assert_eq!(one("4 FEBRUARY 2026").as_deref(), Some("2026-02-04"));
    assert_eq!(one("4 Februar 2026").as_deref(), Some("2026-02-04"));
}
