//! The date grammar of `required-date`: finds full dates (day, month and year) in one line of
//! text, in the forms of DETECTION.md §3.3: ISO (`2026-02-04`, `2026/02/04`, with an optional
//! time), numeric `D.M.YYYY`, `D/M/YYYY` and `D-M-YYYY`, textual day-month-year
//! (`4 February 2026`, `31. Mai 2012`, `4 de febrero de 2026`, `4 февраля 2026 г.`),
//! month-day-year (`Feb 04, 2026 08:50 PM`), year-month-day (`2026. február 4.`) and CJK
//! (`2026年2月4日`).
//!
//! All language data (month names, ordinal suffixes, connectors) comes from the rule file; the
//! regexes are built from it once, at compile time. Ranges (`17 - 19 September 2024`,
//! `12.–14. März 2024`, a date followed by `bis` and a time) are not dates. Matches carry byte
//! offsets into the searched line; which matches count as publication dates is decided by the
//! caller. No regex here uses Unicode `\b` (it is far slower on text with curly quotes): word
//! edges are checked by hand or with ASCII `(?-u:\b)`.

use std::collections::{BTreeMap, HashMap};

use regex::{Captures, Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::CompileError;
use crate::civil_date::CivilDate;

/// How numeric dates with slashes or hyphens are read when neither part is above 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Locale {
    /// Day first (`04/02/2026` is 4 February), as in most of the world.
    #[default]
    Intl,
    /// Month first (`02/04/2026` is 4 February), as in the United States.
    Us,
}

/// The `[check.grammar]` table: the language data of the date grammar.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct GrammarConfig {
    /// Month names per language: twelve entries, each the `|`-separated forms of one month
    /// (nominative, genitive, abbreviations), matched case-insensitively.
    pub months: BTreeMap<String, Spanned<Vec<String>>>,
    /// Marks after a day number: `st`, `nd`, `.`, `º`, `er`.
    pub day_suffixes: Vec<String>,
    /// Words between day, month and year: `of`, `de`, `del`.
    pub connectors: Vec<String>,
    /// What may stand between a date and its time: `at`, `um`, `-`, `|`.
    pub time_connectors: Vec<String>,
    /// What joins the two ends of a range: `-`, `–`, `bis`, `to`, `au`, `до`.
    pub range_connectors: Vec<String>,
    /// How ambiguous slash and hyphen dates are read.
    pub locale: Locale,
}

/// One date found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    /// The calendar day.
    pub date: CivilDate,
    /// Byte offset of the first byte of the date text in the searched line.
    pub start: usize,
    /// Byte offset one past the date text (including a time written after it).
    pub end: usize,
    /// True when day and month could be read either way round.
    pub ambiguous: bool,
    /// True when the year was written with two digits (trusted only after a label).
    pub short_year: bool,
}

/// The forms the grammar reads, one regex each (the `regex` crate allows no repeated group
/// names within one regex).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Iso,
    Numeric,
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
    Cjk,
}

/// A compiled date grammar.
#[derive(Debug)]
pub struct DateGrammar {
    forms: Vec<(Form, Regex)>,
    month_numbers: HashMap<String, u32>,
    range_before: Regex,
    range_after: Regex,
    locale: Locale,
}

/// Escapes and joins words into one alternation, longest first so that `sept` wins over `sep`;
/// white space inside a word matches any run of white space.
fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().filter(|word| !word.is_empty()).collect();
    sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    sorted.dedup();
    let escaped: Vec<String> = sorted
        .iter()
        .map(|word| {
            let parts: Vec<String> = word.split_whitespace().map(regex::escape).collect();
            parts.join(r"\s+")
        })
        .collect();
    if escaped.is_empty() {
        // Matches nothing, so that an empty table disables its part of the grammar.
        r"[^\s\S]".to_string()
    } else {
        escaped.join("|")
    }
}

/// Symbol connectors (`-`, `–`) may touch their neighbours; word connectors need space around.
fn connector_pattern(connectors: &[String]) -> String {
    let (words, symbols): (Vec<String>, Vec<String>) = connectors
        .iter()
        .cloned()
        .partition(|connector| connector.chars().any(char::is_alphabetic));
    format!(
        r"(?:\s*(?:{})\s*|\s+(?:{})\s+)",
        alternation(&symbols),
        alternation(&words)
    )
}

fn build(source: &str) -> Result<Regex, CompileError> {
    RegexBuilder::new(source)
        .case_insensitive(true)
        .build()
        .map_err(|error| CompileError {
            message: format!("the date grammar does not compile: {error}"),
            span: None,
            help: Some("check the entries of `[check.grammar]`".into()),
        })
}

/// Reads the month table into a map from lower-cased name to month number, refusing a language
/// without twelve months and a name given two different months.
fn month_numbers(config: &GrammarConfig) -> Result<HashMap<String, u32>, CompileError> {
    let mut numbers: HashMap<String, u32> = HashMap::new();
    for (language, months) in &config.months {
        if months.get_ref().len() != 12 {
            return Err(CompileError::at(
                format!(
                    "`{language}` lists {} months, not 12",
                    months.get_ref().len()
                ),
                months.span(),
            ));
        }
        for (number, forms) in (1u32..).zip(months.get_ref()) {
            for form in forms
                .split('|')
                .map(str::trim)
                .filter(|form| !form.is_empty())
            {
                let key = form.to_lowercase();
                match numbers.insert(key.clone(), number) {
                    Some(other) if other != number => {
                        return Err(CompileError::at(
                            format!("month name `{key}` means both month {other} and {number}"),
                            months.span(),
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(numbers)
}

/// Compiles the grammar from its tables.
pub fn compile(config: &GrammarConfig) -> Result<DateGrammar, CompileError> {
    let month_numbers = month_numbers(config)?;
    let names: Vec<String> = month_numbers.keys().cloned().collect();
    let month = format!(r"(?P<mon>{})\.?", alternation(&names));
    let suffix = format!("(?:{})?", alternation(&config.day_suffixes));
    let conn = format!(r"(?:(?:{})\s+)?", alternation(&config.connectors));
    // A time after the date belongs to the date's text (`Feb 04, 2026 08:50 PM`), so that the
    // range test looks past it and `raw` shows what the page shows.
    let time = format!(
        r"(?:\s*,?\s*(?:(?:{})\s*)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?\s?m\.?(?-u:\b))?(?:\s*(?:uhr|gmt|utc|cest|cet|msk)(?-u:\b))?)?",
        alternation(&config.time_connectors)
    );
    let day = r"(?P<d>\d{1,2})";
    let sources = [
        (
            Form::Iso,
            format!(
                r"(?P<y>\d{{4}})(?P<s1>[-/.])(?P<m>\d{{1,2}})(?P<s2>[-/.])(?P<d>\d{{1,2}})(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{time}"
            ),
        ),
        (
            Form::Numeric,
            format!(
                r"{day}(?P<s1>[./-])\s?(?P<m>\d{{1,2}})(?P<s2>[./-])\s?(?P<y>\d{{4}}|\d{{2}}){time}"
            ),
        ),
        (
            Form::DayMonthYear,
            format!(r"{day}{suffix}\s*{conn}{month},?\s+{conn}(?P<y>\d{{4}}){time}"),
        ),
        (
            Form::MonthDayYear,
            format!(r"{month}\s+{day}{suffix},?\s+(?P<y>\d{{4}}){time}"),
        ),
        (
            Form::YearMonthDay,
            format!(r"(?P<y>\d{{4}})\.?\s+{month}\s+{day}\.?"),
        ),
        (
            Form::Cjk,
            r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
                .to_string(),
        ),
    ];
    let mut forms = Vec::with_capacity(sources.len());
    for (form, source) in sources {
        forms.push((form, build(&source)?));
    }
    let range = connector_pattern(&config.range_connectors);
    let month_word = format!(r"(?:{})", alternation(&names));
    let range_before = build(&format!(r"(?:\d{{1,2}}{suffix}|{month_word}\.?){range}$"))?;
    let range_after = build(&format!(
        r"^{range}(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}{suffix}\s*(?:{month_word}(?:[\s.,]|$)|\d{{1,2}}[./])|{month_word}(?:[\s.,]|$))"
    ))?;
    Ok(DateGrammar {
        forms,
        month_numbers,
        range_before,
        range_after,
        locale: config.locale,
    })
}

fn number(captures: &Captures, name: &str) -> Option<u32> {
    captures.name(name)?.as_str().parse().ok()
}

impl DateGrammar {
    /// All dates in `line`, in order, without overlaps and without ranges.
    pub fn find_dates(&self, line: &str) -> Vec<DateMatch> {
        // Every form has digits; most lines of prose without any can be skipped at once.
        if !line.bytes().any(|byte| byte.is_ascii_digit()) {
            return Vec::new();
        }
        let mut found: Vec<DateMatch> = Vec::new();
        for (form, regex) in &self.forms {
            for captures in regex.captures_iter(line) {
                if let Some(date) = self.read(*form, &captures, line) {
                    found.push(date);
                }
            }
        }
        // Earliest first, and the longest of those starting together.
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut kept: Vec<DateMatch> = Vec::with_capacity(found.len());
        for date in found {
            if kept.last().is_none_or(|last| date.start >= last.end) {
                kept.push(date);
            }
        }
        kept.retain(|date| !self.is_range(line, date));
        kept
    }

    /// Turns one regex match into a date, when its parts form a real day at word edges.
    fn read(&self, form: Form, captures: &Captures, line: &str) -> Option<DateMatch> {
        let whole = captures.get(0)?;
        if !at_edges(form, line, whole.start(), whole.end()) {
            return None;
        }
        if let (Some(a), Some(b)) = (captures.name("s1"), captures.name("s2")) {
            // `2024-03.05` is no date; the separators must agree.
            if a.as_str() != b.as_str() {
                return None;
            }
        }
        let year_text = captures.name("y")?.as_str();
        let short_year = year_text.len() == 2;
        let year = i32::try_from(number(captures, "y")?).ok()?;
        let year = if short_year { 2000 + year } else { year };
        let day = number(captures, "d")?;
        let (month, day, ambiguous) = match captures.name("mon") {
            Some(name) => (
                *self.month_numbers.get(&name.as_str().to_lowercase())?,
                day,
                false,
            ),
            None => self.order(form, captures, day)?,
        };
        let date = CivilDate::new(year, month, day)?;
        Some(DateMatch {
            date,
            start: whole.start(),
            end: whole.end().min(line.len()),
            ambiguous,
            short_year,
        })
        .map(|found| trim_end(found, line))
    }

    /// Month and day of a numeric date: dots are always day-first; slashes and hyphens follow
    /// the locale unless a part above 12 decides.
    fn order(&self, form: Form, captures: &Captures, first: u32) -> Option<(u32, u32, bool)> {
        let second = number(captures, "m")?;
        let dotted = captures.name("s1").is_some_and(|sep| sep.as_str() == ".");
        if form != Form::Numeric || dotted {
            return Some((second, first, false));
        }
        let ambiguous = first <= 12 && second <= 12 && first != second;
        let month_first = match (first > 12, second > 12) {
            (true, _) => false,
            (_, true) => true,
            _ => self.locale == Locale::Us,
        };
        Some(if month_first {
            (first, second, ambiguous)
        } else {
            (second, first, ambiguous)
        })
    }

    fn is_range(&self, line: &str, date: &DateMatch) -> bool {
        let before = line.get(..date.start).unwrap_or("");
        let before = tail_chars(before, 24);
        let after = line.get(date.end..).unwrap_or("");
        self.range_before.is_match(before) || self.range_after.is_match(after)
    }
}

/// The last `count` characters of `text`.
fn tail_chars(text: &str, count: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    text.get(start..).unwrap_or(text)
}

/// A date may not continue a number (`112.03.2024`, `12.03.20245`) or, for a form starting with a
/// month name, a word (`Amay 5, 2020`).
fn at_edges(form: Form, line: &str, start: usize, end: usize) -> bool {
    let before = line.get(..start).unwrap_or("");
    let after = line.get(end..).unwrap_or("");
    let mut previous = before.chars().rev();
    let prev = previous.next();
    let prev_prev = previous.next();
    let continues_number = match prev {
        Some(c) if c.is_ascii_digit() => true,
        Some('.' | '/' | '-' | ':') => prev_prev.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    let continues_word = form == Form::MonthDayYear && prev.is_some_and(char::is_alphanumeric);
    let mut next = after.chars();
    let followed_by_number = match next.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.' | '/' | '-') if form == Form::Numeric || form == Form::Iso => {
            next.next().is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    };
    !continues_number && !continues_word && !followed_by_number
}

/// Drops white space and commas the optional time part may have left at the end.
fn trim_end(mut found: DateMatch, line: &str) -> DateMatch {
    let text = line.get(found.start..found.end).unwrap_or("");
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    found.end = found.start + trimmed.len();
    found
}

#[cfg(test)]
mod tests {
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
        match compile(&config) {
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
        assert!(matches!(compile(&config), Err(error) if error.span == Some(3..9)));
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
        assert!(compile(&config).is_err());
    }
}
