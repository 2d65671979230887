//! Tests of the month-name shortcuts (see [`super::months`]): on any line they must find what
//! the spelled-out regexes find, and on ordinary lines they must spare compiling those.

use super::*;

/// The grammar of the default `missing-date` rule.
fn default_grammar() -> DateGrammar {
    #[derive(Deserialize)]
    struct Rule {
        check: Check,
    }
    #[derive(Deserialize)]
    struct Check {
        grammar: GrammarConfig,
    }
    let rule: Rule = toml::from_str(include_str!("../../../rules/metadata/missing-date.toml"))
        .unwrap_or_else(|error| panic!("{error}"));
    compile(&rule.check.grammar, Compilation::Lazy).unwrap_or_else(|error| panic!("{error:?}"))
}

/// Lines made of dates in every form, with month names, words that look like them and
/// connectors in their places and around them, in a fixed pseudo-random order.
fn lines(count: usize) -> Vec<String> {
    const MONTHS: &[&str] = &[
        "May",
        "may",
        "MAY",
        "Mai",
        "März",
        "MÄRZ",
        "Sept",
        "sept",
        "Sep",
        "december",
        "kasım",
        "KASIM",
        "мая",
        "МАЯ",
        "május",
        "Hof",
        "th",
        "er",
        "at",
        "de",
        "Amay",
        "Mayx",
        "ecember",
        "John",
        "rdecember",
        "ermai",
    ];
    const DAYS: &[&str] = &["1", "5", "12", "31", "2019", "4:11"];
    const SUFFIXES: &[&str] = &["", "", "th", "st", "er", ".", "rd"];
    const SPACES: &[&str] = &["", " ", " ", "  ", ", ", ". "];
    const WORDS: &[&str] = &[
        "", "", "de ", "of ", "at ", "um ", "- ", "– ", "bis ", "to ", "и ", "Reuters ", "5 ",
        "12:30 ", "2020 ", "pm ", "Uhr ", "x", "(",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut pick = move |parts: &[&'static str]| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        parts[usize::try_from(state % parts.len() as u64).unwrap_or(0)]
    };
    (0..count)
        .map(|_| {
            let mut line = String::new();
            for _ in 0..3 {
                let (day, suffix, month) = (pick(DAYS), pick(SUFFIXES), pick(MONTHS));
                let (gap, word, end) = (pick(SPACES), pick(WORDS), pick(SPACES));
                let date = match pick(&["dmy", "mdy", "ymd", "word"]) {
                    "dmy" => format!("{day}{suffix}{gap}{word}{month}{end}{word}2020"),
                    "mdy" => format!("{month}{gap}{day}{suffix}{end}2020 {word}"),
                    "ymd" => format!("2020{gap}{month} {day}{suffix}"),
                    _ => format!("{word}{month}{gap}"),
                };
                line.push_str(&date);
                line.push_str(pick(SPACES));
                line.push_str(pick(WORDS));
            }
            line
        })
        .collect()
}

fn assert_same_dates(fast: &DateGrammar, spelled: &DateGrammar, line: &str) {
    assert_eq!(fast.find_dates(line), spelled.find_dates(line), "{line:?}");
}

#[test]
fn the_default_grammar_finds_with_the_shortcuts_what_its_spelled_out_regexes_find() {
    let fast = default_grammar();
    let spelled = default_grammar().spelled_only();
    let tricky = [
        "Science and Technology links (December 14th 2019)",
        "August 5, 2019 at 1:46 pm",
        "24. August 2019 um 03:36 Uhr",
        "Vorwerks Hof 9, 32130 Enger",
        "Amay 5, 2020 and May 6, 2020",
        "3rdecember 2020, 1ermai 2020, 5thMay 2020",
        "Posted by John - 5 May 2020",
        "5 May 2020 - Reuters, 12 - 14 May 2020, 12. bis 14. März 2024",
        "May 12 – June 3, 2020; 3 June 2020 to 5 July",
        "Dec 3 - 4 2020 and Sept. 5, 2021 — 2021. május 4.",
    ];
    let mut with_dates = 0;
    for line in tricky.iter().map(ToString::to_string).chain(lines(20_000)) {
        assert_same_dates(&fast, &spelled, &line);
        with_dates += usize::from(!spelled.find_dates(&line).is_empty());
    }
    // The lines are made so that many hold dates: a third of them, as generated.
    assert!(with_dates > 5_000, "{with_dates}");
}

#[test]
fn ordinary_lines_spare_the_spelled_out_regexes() {
    let grammar = default_grammar();
    assert!(grammar.range_before.is_split() && grammar.range_after.is_split());
    for line in [
        "Published on 5 May 2024 at 10:30 by John",
        "May 5, 2024 - Reuters",
        "2024. május 4.",
        "14th 2019 and 2019 at 4",
    ] {
        grammar.find_dates(line);
    }
    for search in &grammar.forms {
        assert_eq!(search.by_runs.is_some(), search.form.has_month());
        if search.form.has_month() {
            assert!(!search.spelled.is_compiled(), "{:?}", search.form);
        }
    }
}

#[test]
fn a_name_behind_a_shorter_reading_is_still_found() {
    // `er` is a day suffix and `ermai` a name while `mai` is not: the run regex reads `1er` and
    // the run `mai`, which is no name, so the spelled-out regex decides and reads `ermai`.
    let mut months = BTreeMap::new();
    let names: Vec<String> = (1..=12).map(|n| format!("ermon{n}")).collect();
    let mut names = names;
    names[4] = "ermai".to_string();
    months.insert("x".to_string(), Spanned::new(0..0, names));
    let config = GrammarConfig {
        months,
        day_suffixes: vec!["er".to_string()],
        ..GrammarConfig::default()
    };
    let fast = compile(&config, Compilation::Eager).unwrap_or_else(|error| panic!("{error:?}"));
    let spelled = compile(&config, Compilation::Eager)
        .unwrap_or_else(|error| panic!("{error:?}"))
        .spelled_only();
    let found = fast.find_dates("le 1ermai 2020");
    assert_eq!(found.len(), 1);
    assert_eq!(found, spelled.find_dates("le 1ermai 2020"));
    for line in lines(3_000) {
        assert_same_dates(&fast, &spelled, &line);
    }
}

#[test]
fn names_with_dots_or_spaces_use_the_spelled_out_regexes() {
    let mut months = BTreeMap::new();
    let mut names: Vec<String> = (1..=12).map(|n| format!("mon{n}")).collect();
    names[1] = "févr.".to_string();
    months.insert("x".to_string(), Spanned::new(0..0, names));
    let config = GrammarConfig {
        months,
        ..GrammarConfig::default()
    };
    let grammar = compile(&config, Compilation::Eager).unwrap_or_else(|error| panic!("{error:?}"));
    assert!(grammar.forms.iter().all(|search| search.by_runs.is_none()));
    assert!(!grammar.range_before.is_split());
    let found = grammar.find_dates("4 févr. 2026");
    assert_eq!(found.len(), 1);
}

#[test]
fn a_line_the_date_gate_refuses_matches_no_form() {
    let grammar = default_grammar();
    let forms = &grammar.forms;
    let tricky = [
        "Posted by John - 5 May 2020",
        "2021. május 4.",
        "2026年2月4日",
        "4.2.2026",
    ];
    let lines: Vec<String> = tricky
        .iter()
        .map(ToString::to_string)
        .chain(lines(5_000))
        .collect();
    // The gate answers once its warm-up is over.
    for line in lines
        .iter()
        .cycle()
        .take(crate::rules::prefilter::PREFILTERED_TEXTS)
    {
        grammar.gate.may_match(forms, line);
    }
    let mut refused = 0;
    for line in &lines {
        if grammar.gate.may_match(forms, line) {
            continue;
        }
        refused += 1;
        for search in forms {
            let by_runs = search.by_runs.as_ref().map(|by_runs| by_runs.regex());
            for regex in std::iter::once(&search.spelled).chain(by_runs) {
                assert!(!regex.is_match(line), "{:?} in {line:?}", search.form);
            }
        }
    }
    // Lines without any date are refused: the generated ones hold some.
    assert!(refused > 100, "{refused}");
}
