//! Reading the grammar's matches in a line: each match becomes a real calendar day at word
//! edges, overlaps and ranges are dropped, and numeric dates are ordered by separator and locale.

use regex::Captures;

use super::{DateGrammar, DateMatch, Form, FormSearch, Locale};
use crate::civil_date::CivilDate;

fn number(captures: &Captures, name: &str) -> Option<u32> {
    captures.name(name)?.as_str().parse().ok()
}

impl DateGrammar {
    /// All dates in `line`, in order, without overlaps and without ranges.
    pub fn find_dates(&self, line: &str) -> Vec<DateMatch> {
        // Most lines have too few numbers for any form; those are skipped without a search.
        let runs = DigitRuns::of(line);
        let mut found: Vec<DateMatch> = Vec::new();
        let searched = |search: &&FormSearch| runs.allow(search.form) && search.form.may_fit(line);
        // A line that several forms would search is tested once for all of them first.
        let several = self.forms.iter().filter(searched).nth(1).is_some();
        if several && !self.gate.may_match(&self.forms, line) {
            return found;
        }
        for search in self.forms.iter().filter(searched) {
            let before = found.len();
            if self.search_by_runs(search, line, &mut found) != Some(true) {
                found.truncate(before);
                self.search_spelled(search, line, &mut found);
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

    /// Adds the dates of `search`'s form found by its run regex (see [`super::months`]);
    /// `Some(false)` when the spelled-out regex may match differently, `None` when the run
    /// regex cannot serve: the spelled-out regex must answer then.
    fn search_by_runs(
        &self,
        search: &FormSearch,
        line: &str,
        found: &mut Vec<DateMatch>,
    ) -> Option<bool> {
        let by_runs = search.by_runs.as_ref()?;
        let regex = by_runs.regex().matching(line)?;
        let mut at = 0;
        while let Some(captures) = regex.captures_at(line, at) {
            let (whole, month) = (captures.get(0)?, captures.name("mon")?);
            if self.months.number(month.as_str()).is_some() {
                found.extend(self.read(search.form, &captures, line));
                at = whole.end().max(next_char(line, whole.start()));
                continue;
            }
            if by_runs.may_place_name(line, whole.start(), &self.months)? {
                return Some(false);
            }
            at = next_char(line, whole.start());
            if month.start() == whole.start() {
                // A match starting inside this run holds the rest of it as its month, and no
                // name is longer than the longest.
                let name_start = month.end().saturating_sub(self.months.longest());
                at = at.max(char_boundary_from(line, name_start));
            }
        }
        Some(true)
    }

    /// Adds the dates of `search`'s form found by its spelled-out regex.
    fn search_spelled(&self, search: &FormSearch, line: &str, found: &mut Vec<DateMatch>) {
        let Some(regex) = search.spelled.matching(line) else {
            return;
        };
        for captures in regex.captures_iter(line) {
            found.extend(self.read(search.form, &captures, line));
        }
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
            Some(name) => (self.months.number(name.as_str())?, day, false),
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
        self.range_before.is_match(before, &self.months)
            || self.range_after.is_match(after, &self.months)
    }
}

/// The runs of ASCII digits in a line. A date is read only when its year, day and (numeric
/// forms) month parse as numbers, and `u32` parses ASCII digits alone; each part stands in its
/// own run, as separators or words divide them. So a form whose parts need more runs, or a longer
/// year, than the line has can match nothing that reads as a date, and its search is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DigitRuns {
    /// How many maximal runs of ASCII digits the line has.
    count: usize,
    /// The length of the longest.
    longest: usize,
}

impl DigitRuns {
    /// Every line is measured, most hold few digits, so a block without a digit is passed
    /// over at once: the test of a whole block compiles to a few vector instructions, where
    /// testing eight bytes at a time in a `u64` cost about two instructions a byte.
    fn of(line: &str) -> Self {
        let mut runs = Self {
            count: 0,
            longest: 0,
        };
        let mut current = 0;
        let mut blocks = line.as_bytes().chunks_exact(DIGIT_BLOCK);
        for block in &mut blocks {
            let digits = block
                .iter()
                .fold(0, |any, byte| any | u8::from(byte.is_ascii_digit()));
            if digits != 0 {
                runs.extend(block, &mut current);
            } else {
                current = 0;
            }
        }
        runs.extend(blocks.remainder(), &mut current);
        runs
    }

    /// Takes in `bytes`, where the run before them is `current` digits long.
    fn extend(&mut self, bytes: &[u8], current: &mut usize) {
        for byte in bytes {
            if byte.is_ascii_digit() {
                *current += 1;
                self.count += usize::from(*current == 1);
                self.longest = self.longest.max(*current);
            } else {
                *current = 0;
            }
        }
    }

    /// True when the line has enough runs, and a long enough one, for a date of `form`.
    fn allow(self, form: Form) -> bool {
        let (parts, year_digits) = match form {
            Form::Iso | Form::Cjk => (3, 4),
            Form::Numeric => (3, 2),
            Form::DayMonthYear | Form::MonthDayYear | Form::YearMonthDay => (2, 4),
        };
        self.count >= parts && self.longest >= year_digits
    }
}

impl Form {
    /// False when `line` lacks a character every match of the form holds: a CJK date has a
    /// year sign (`年`, `년`), which most corpora never hold, so its regex is never compiled.
    fn may_fit(self, line: &str) -> bool {
        // One `memchr` pass per sign: a set of chars would decode the line char by char, and
        // this runs on every line holding a year.
        self != Self::Cjk || line.contains('年') || line.contains('년')
    }
}

/// The bytes [`DigitRuns::of`] tests for a digit at once.
const DIGIT_BLOCK: usize = 32;

/// The byte offset of the character after the one at `at` (the end of `text` at most).
fn next_char(text: &str, at: usize) -> usize {
    let next = text
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8);
    (at + next).min(text.len())
}

/// The first character boundary of `text` at or after `at`.
fn char_boundary_from(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&index| text.is_char_boundary(index))
        .unwrap_or(text.len())
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

    /// The runs of `line` counted character by character.
    fn naive_digit_runs(line: &str) -> DigitRuns {
        let runs: Vec<usize> = line
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .filter(|&len| len > 0)
            .collect();
        DigitRuns {
            count: runs.len(),
            longest: runs.iter().copied().max().unwrap_or(0),
        }
    }

    #[test]
    fn digit_runs_agree_with_a_byte_by_byte_count_across_block_edges() {
        let across_a_block = format!("{}12345{}", "x".repeat(DIGIT_BLOCK - 2), "y".repeat(40));
        let after_a_block = format!("{}2024 and 7", "é".repeat(DIGIT_BLOCK / 2));
        for line in [
            "",
            "no digits at all in this line",
            "1234567",
            "12345678",
            "abcdefg12345678901234xyz",
            "on 12.03.2024 at 9:15 — ¹²³ ٣ ０１２ 7/8",
            "seven b1\u{e9}2345678 9",
            "/:;@[`{\u{7f}0\u{80}9",
            &across_a_block,
            &after_a_block,
        ] {
            assert_eq!(DigitRuns::of(line), naive_digit_runs(line), "{line:?}");
        }
    }

    proptest::proptest! {
        /// Runs that start, end or continue at any byte of a block are counted as one by one.
        #[test]
        fn digit_runs_agree_with_a_byte_by_byte_count(line in "[0-9a /:\u{e9}\u{660}\u{ff11}]{0,100}") {
            proptest::prop_assert_eq!(DigitRuns::of(&line), naive_digit_runs(&line));
        }
    }
}
