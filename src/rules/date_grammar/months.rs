//! Month names looked up as words instead of matched by an alternation.
//!
//! The grammar's month names (several hundred, in three case forms) make any regex that spells
//! them out the costliest of the default rules to compile. Where a date form has a month, the
//! fast regexes match a run of the characters month names are made of, and the run is looked
//! up; the range tests look the names up around the regex-matched connectors. Both give the
//! answers the spelled-out regexes give:
//!
//! - In every form the month is followed by `.`, `,` or white space. When no name contains
//!   those, a name the spelled-out regex matches ends where the run of name characters ends, so
//!   for each way of matching the rest of the form both regexes pick the same month text, and a
//!   match of the run regex whose month is a name is the match the spelled-out regex finds
//!   (nothing that regex matches starts earlier, as the run regex matches wherever it does).
//!   A match whose run is no name is not one of the spelled-out regex; that regex matches at
//!   the same start only if a name follows some match of the form's head (the part before
//!   the month) there, which is looked up: if none does, the search goes on from the next
//!   character, and if one does, the line is searched with the spelled-out regex instead,
//!   compiled then.
//! - A range test asks whether some split of the text has a name at a place the connectors'
//!   regex allows; the places are few (the end of a connector, the start of a short tail), and
//!   each is a handful of table lookups.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::words::{FLAGS, build};
use crate::rules::forward::Forward;
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::{Compilation, CompileError};

/// The group of the month name in a form's regex.
const MONTH_GROUP: &str = "(?P<mon>";

/// The month names with their numbers, in every form a page may write them.
#[derive(Debug)]
pub(super) struct MonthNames {
    /// Hashed with FxHash: the names are looked up at every place a month may start or end.
    numbers: FxHashMap<String, u32>,
    /// The byte lengths of the names, each once, ascending.
    lengths: Vec<usize>,
}

impl MonthNames {
    /// The table of names and their months.
    pub(super) fn new(numbers: HashMap<String, u32>) -> Self {
        let mut lengths: Vec<usize> = numbers.keys().map(String::len).collect();
        lengths.sort_unstable();
        lengths.dedup();
        Self {
            numbers: numbers.into_iter().collect(),
            lengths,
        }
    }

    /// Every name, in no particular order.
    pub(super) fn names(&self) -> Vec<String> {
        self.numbers.keys().cloned().collect()
    }

    /// The month of a name as written.
    pub(super) fn number(&self, name: &str) -> Option<u32> {
        self.numbers.get(name).copied()
    }

    /// The byte length of the longest name.
    pub(super) fn longest(&self) -> usize {
        self.lengths.last().copied().unwrap_or(0)
    }

    /// A regex class of the characters the names are made of; `None` when a name holds a
    /// character that may follow a month (`.`, `,`, white space), which the run regexes need
    /// to stop at, or there are no names.
    pub(super) fn run_class(&self) -> Option<String> {
        let chars: BTreeSet<char> = self.numbers.keys().flat_map(|name| name.chars()).collect();
        if chars.is_empty() || chars.iter().any(|&c| may_follow_month(c)) {
            return None;
        }
        let mut class = String::from("[");
        for c in chars {
            regex_syntax::escape_into(c.encode_utf8(&mut [0; 4]), &mut class);
        }
        class.push(']');
        Some(class)
    }

    /// True when a name ends at byte `end` of `text`.
    fn ends_at(&self, text: &str, end: usize) -> bool {
        self.lengths.iter().any(|&length| {
            end.checked_sub(length)
                .and_then(|start| text.get(start..end))
                .is_some_and(|name| self.numbers.contains_key(name))
        })
    }

    /// True when a name starts at byte `start` of `text` and is followed by white space, `.`,
    /// `,` or the end of the text.
    pub(super) fn starts_at(&self, text: &str, start: usize) -> bool {
        self.lengths.iter().any(|&length| {
            let Some(name) = text.get(start..start + length) else {
                return false;
            };
            let next = text
                .get(start + length..)
                .and_then(|rest| rest.chars().next());
            self.numbers.contains_key(name)
                && next.is_none_or(|c| c.is_whitespace() || c == '.' || c == ',')
        })
    }
}

/// `.`, `,` and white space follow a month in every form of the grammar.
fn may_follow_month(c: char) -> bool {
    c.is_whitespace() || c == '.' || c == ','
}

/// A form with a month, searched with a run of name characters for the month.
#[derive(Debug)]
pub(super) struct RunSearch {
    /// The form's regex, a run of name characters in its month group.
    regex: LazyRegex,
    /// The part of the regex before the month group.
    head: String,
    /// The DFA of `head` that gives every end of a match, built on first use.
    head_ends: OnceLock<Option<Forward>>,
}

impl RunSearch {
    /// The search of `source`, whose month group stands at its top level.
    pub(super) fn new(source: String, compilation: Compilation) -> Result<Self, CompileError> {
        let head = source
            .split_once(MONTH_GROUP)
            .map_or("", |(head, _)| head)
            .to_string();
        Ok(Self {
            regex: build(source, compilation)?,
            head,
            head_ends: OnceLock::new(),
        })
    }

    /// The regex.
    pub(super) fn regex(&self) -> &LazyRegex {
        &self.regex
    }

    /// True when some match of the head at byte `start` of `line` is followed by a name and
    /// `.`, `,`, white space or the end of the line: where the spelled-out regex may match;
    /// `None` when the DFA gave up.
    pub(super) fn may_place_name(
        &self,
        line: &str,
        start: usize,
        names: &MonthNames,
    ) -> Option<bool> {
        let rest = line.get(start..)?;
        self.head_dfa()?
            .any_anchored_end(rest, |end| names.starts_at(rest, end))
    }

    /// Compiles what a search needs (the head's DFA serves only a run that is no name).
    pub(super) fn prepare(&self) {
        self.regex.prepare();
    }

    fn head_dfa(&self) -> Option<&Forward> {
        self.head_ends
            .get_or_init(|| Forward::all_matches(&self.head, FLAGS))
            .as_ref()
    }
}

/// A range test: whether the text before a date ends like `12 -` or `May -` (`before`), or
/// the text after it starts like `- 14 May` or `– 16:00` (`after`).
#[derive(Debug)]
pub(super) struct RangeTest {
    /// The whole test, month names spelled out; compiled only when the split test cannot
    /// answer.
    spelled: LazyRegex,
    /// The test in two parts, when month names can be looked up.
    split: Option<SplitRange>,
}

/// A range test without month names: a regex for the forms without a month, and a regex for
/// the text beside a month, whose name is looked up.
#[derive(Debug)]
struct SplitRange {
    side: Side,
    /// The test's alternatives without a month.
    without_month: LazyRegex,
    /// Before a date: the text after the month (`\.?` and the connector, to the end). After
    /// a date: the text before the month (the connector and an optional day), every end of
    /// which is a place for a name.
    beside_month: String,
    beside: OnceLock<Option<Forward>>,
}

/// Which side of a date a range test reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// The text before the date, up to it.
    Before,
    /// The text after the date, from it.
    After,
}

impl RangeTest {
    /// A test from the spelled-out regex and, when names can be looked up, the regex of its
    /// alternatives without a month and the regex of the text beside the month (see
    /// [`SplitRange`]).
    pub(super) fn new(spelled: LazyRegex, split: Option<(Side, LazyRegex, String)>) -> Self {
        Self {
            spelled,
            split: split.map(|(side, without_month, beside_month)| SplitRange {
                side,
                without_month,
                beside_month,
                beside: OnceLock::new(),
            }),
        }
    }

    /// True when the test matches `text`.
    pub(super) fn is_match(&self, text: &str, names: &MonthNames) -> bool {
        self.split
            .as_ref()
            .and_then(|split| split.is_match(text, names))
            .unwrap_or_else(|| self.spelled.is_match(text))
    }

    /// Compiles what a test needs.
    pub(super) fn prepare(&self) {
        match &self.split {
            Some(split) => {
                split.without_month.prepare_test();
                split.beside();
            }
            None => self.spelled.prepare_test(),
        }
    }

    /// The regexes of the test (for tests that compile them all).
    #[cfg(test)]
    pub(super) fn regexes(&self) -> impl Iterator<Item = &LazyRegex> {
        std::iter::once(&self.spelled).chain(self.split.as_ref().map(|split| &split.without_month))
    }

    /// The test with the spelled-out regex alone (for tests of the shortcut).
    #[cfg(test)]
    pub(super) fn spelled_only(self) -> Self {
        Self {
            split: None,
            ..self
        }
    }

    /// True when the test is split (for tests of the shortcut).
    #[cfg(test)]
    pub(super) fn is_split(&self) -> bool {
        self.split.is_some()
    }
}

impl SplitRange {
    /// The answer, or `None` when a DFA gave up.
    fn is_match(&self, text: &str, names: &MonthNames) -> Option<bool> {
        if self.without_month.is_match(text) {
            return Some(true);
        }
        let beside = self.beside()?;
        match self.side {
            // The month ends where the tail starts: some split with a name before a tail that
            // matches in whole. The text is a few dozen characters.
            Side::Before => Some(
                text.char_indices()
                    .map(|(at, _)| at)
                    .chain([text.len()])
                    .any(|at| {
                        names.ends_at(text, at)
                            && text
                                .get(at..)
                                .is_some_and(|tail| beside.is_match(tail) == Some(true))
                    }),
            ),
            // The month starts where a match of the head ends.
            Side::After => beside.any_anchored_end(text, |at| names.starts_at(text, at)),
        }
    }

    /// The DFA of the text beside the month, built the first time it is asked.
    fn beside(&self) -> Option<&Forward> {
        self.beside
            .get_or_init(|| match self.side {
                Side::Before => Forward::new(&format!("^(?:{})$", self.beside_month), FLAGS),
                Side::After => Forward::all_matches(&self.beside_month, FLAGS),
            })
            .as_ref()
    }
}
