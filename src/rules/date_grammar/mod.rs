//! The date grammar of `required-date`: finds full dates (day, month and year) in one line of
//! text, in the forms of DETECTION.md §3.3: ISO (`2026-02-04`, `2026/02/04`, with an optional
//! time), numeric `D.M.YYYY`, `D/M/YYYY` and `D-M-YYYY`, textual day-month-year
//! (`4 February 2026`, `31. Mai 2012`, `4 de febrero de 2026`, `4 февраля 2026 г.`),
//! month-day-year (`Feb 04, 2026 08:50 PM`), year-month-day (`2026. február 4.`) and CJK
//! (`2026年2月4日`).
//!
//! All language data (month names, ordinal suffixes, connectors) comes from the rule file; the
//! regexes are built from it once, at load, and each compiles on first use. Ranges (`17 - 19 September 2024`,
//! `12.–14. März 2024`, a date followed by `bis` and a time) are not dates. Matches carry byte
//! offsets into the searched line; which matches count as publication dates is decided by the
//! caller. No regex here uses Unicode `\b` (it is far slower on text with curly quotes): word
//! edges are checked by hand or with ASCII `(?-u:\b)`.
//!
//! The module holds the tables and types and builds the regexes ([`compile`]); `words` turns the
//! word tables into regex parts, `months` looks month names up where regexes match runs of their
//! characters (spelling the names out makes a regex slow to compile), `find` reads the matches
//! into days.

mod find;
mod gate;
mod months;
mod words;

#[cfg(test)]
mod shortcut_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::lazy_regex::LazyRegex;
use super::{Compilation, CompileError};
use crate::civil_date::CivilDate;
use gate::DateGate;
use months::{MonthNames, RangeTest, RunSearch, Side};
use words::{alternation, build, connector_pattern, month_numbers};

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
    forms: Vec<FormSearch>,
    months: MonthNames,
    range_before: RangeTest,
    range_after: RangeTest,
    locale: Locale,
    /// All forms in one match test, for lines that several forms would search.
    gate: DateGate,
}

/// The regexes of one form.
#[derive(Debug)]
struct FormSearch {
    form: Form,
    /// The form with its month names spelled out; for a form with a month, compiled only when
    /// `by_runs` cannot answer.
    spelled: LazyRegex,
    /// The form with a run of name characters for the month, whose text is then looked up (see
    /// [`months`]); `None` for a form without a month, or names that cannot be read so.
    by_runs: Option<RunSearch>,
}

/// Compiles the grammar from its tables; `compilation` says whether its regexes are checked.
pub fn compile(
    config: &GrammarConfig,
    compilation: Compilation,
) -> Result<DateGrammar, CompileError> {
    let months = MonthNames::new(month_numbers(config)?);
    let month_word = format!(r"(?-i:{})", alternation(&months.names()));
    let run = months.run_class().map(|class| format!(r"(?-i:{class}+)"));
    let suffix = format!("(?:{})?", alternation(&config.day_suffixes));
    let by_runs: [Option<String>; 6] = match &run {
        Some(run) => form_sources(config, &suffix, run)
            .map(|(form, source)| form.has_month().then_some(source)),
        None => Default::default(),
    };
    let forms = form_sources(config, &suffix, &month_word)
        .into_iter()
        .zip(by_runs)
        .map(|((form, spelled), by_runs)| {
            Ok(FormSearch {
                form,
                spelled: build(spelled, compilation)?,
                by_runs: by_runs
                    .map(|source| RunSearch::new(source, compilation))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, CompileError>>()?;
    let range = connector_pattern(&config.range_connectors);
    let split = run.is_some();
    let range_before = RangeTest::new(
        build(
            format!(r"(?:[0-9]{{1,2}}{suffix}|{month_word}\.?){range}$"),
            compilation,
        )?,
        split
            .then(|| {
                let without_month = build(format!(r"[0-9]{{1,2}}{suffix}{range}$"), compilation)?;
                Ok((Side::Before, without_month, format!(r"\.?{range}")))
            })
            .transpose()?,
    );
    // A time, a day and month, a numeric day, or a month; the month name appears once (with an
    // optional day before it), as each copy of the alternation costs as much to compile as the
    // rest of the regex, and only whether the text matches is asked.
    let times_and_days =
        format!(r"[0-9]{{1,2}}:[0-9]{{2}}|[0-9]{{1,2}}{suffix}\s*[0-9]{{1,2}}[./]");
    let range_after = RangeTest::new(
        build(
            format!(
                r"^{range}(?:{times_and_days}|(?:[0-9]{{1,2}}{suffix}\s*)?{month_word}(?:[\s.,]|$))"
            ),
            compilation,
        )?,
        split
            .then(|| {
                let without_month = build(format!(r"^{range}(?:{times_and_days})"), compilation)?;
                Ok((
                    Side::After,
                    without_month,
                    format!(r"{range}(?:[0-9]{{1,2}}{suffix}\s*)?"),
                ))
            })
            .transpose()?,
    );
    Ok(DateGrammar {
        forms,
        months,
        range_before,
        range_after,
        locale: config.locale,
        gate: DateGate::default(),
    })
}

/// The regex of each form, with `month_word` for a month name; each compiles when a line first
/// passes its form's digit test.
fn form_sources(config: &GrammarConfig, suffix: &str, month_word: &str) -> [(Form, String); 6] {
    let month = format!(r"(?P<mon>{month_word})\.?");
    let conn = format!(r"(?:(?:{})\s+)?", alternation(&config.connectors));
    // A time after the date belongs to the date's text (`Feb 04, 2026 08:50 PM`), so that the
    // range test looks past it and `raw` shows what the page shows.
    let time = format!(
        r"(?:\s*,?\s*(?:(?:{})\s*)?[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?:\s*[ap]\.?\s?m\.?(?-u:\b))?(?:\s*(?:uhr|gmt|utc|cest|cet|msk)(?-u:\b))?)?",
        alternation(&config.time_connectors)
    );
    let day = r"(?P<d>[0-9]{1,2})";
    [
        (
            Form::Iso,
            format!(
                r"(?P<y>[0-9]{{4}})(?P<s1>[-/.])(?P<m>[0-9]{{1,2}})(?P<s2>[-/.])(?P<d>[0-9]{{1,2}})(?:T[0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?{time}"
            ),
        ),
        (
            Form::Numeric,
            format!(
                r"{day}(?P<s1>[./-])\s?(?P<m>[0-9]{{1,2}})(?P<s2>[./-])\s?(?P<y>[0-9]{{4}}|[0-9]{{2}}){time}"
            ),
        ),
        (
            Form::DayMonthYear,
            format!(r"{day}{suffix}\s*{conn}{month},?\s+{conn}(?P<y>[0-9]{{4}}){time}"),
        ),
        (
            Form::MonthDayYear,
            format!(r"{month}\s+{day}{suffix},?\s+(?P<y>[0-9]{{4}}){time}"),
        ),
        (
            Form::YearMonthDay,
            format!(r"(?P<y>[0-9]{{4}})\.?\s+{month}\s+{day}\.?"),
        ),
        (
            Form::Cjk,
            r"(?P<y>[0-9]{4})\s*[年년]\s*(?P<m>[0-9]{1,2})\s*[月월]\s*(?P<d>[0-9]{1,2})\s*[日일]"
                .to_string(),
        ),
    ]
}

impl Form {
    /// True when the form has a month name.
    fn has_month(self) -> bool {
        matches!(
            self,
            Self::DayMonthYear | Self::MonthDayYear | Self::YearMonthDay
        )
    }
}

impl DateGrammar {
    /// Compiles every regex of the grammar that no search has compiled yet, but for the forms
    /// spelled out where the run regexes serve.
    pub fn prepare(&self) {
        for search in &self.forms {
            match &search.by_runs {
                Some(by_runs) => by_runs.prepare(),
                None => search.spelled.prepare(),
            }
        }
        self.range_before.prepare();
        self.range_after.prepare();
    }

    /// The grammar with its month names spelled out in every regex (for tests of the
    /// shortcuts, which must give the same answers).
    #[cfg(test)]
    pub(crate) fn spelled_only(self) -> Self {
        let forms = self
            .forms
            .into_iter()
            .map(|search| FormSearch {
                by_runs: None,
                ..search
            })
            .collect();
        Self {
            forms,
            range_before: self.range_before.spelled_only(),
            range_after: self.range_after.spelled_only(),
            gate: DateGate::default(),
            ..self
        }
    }

    /// Every regex of the grammar (for tests that compile them all).
    #[cfg(test)]
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &LazyRegex> {
        let forms = self.forms.iter().flat_map(|search| {
            std::iter::once(&search.spelled).chain(search.by_runs.as_ref().map(RunSearch::regex))
        });
        forms
            .chain(self.range_before.regexes())
            .chain(self.range_after.regexes())
    }
}
