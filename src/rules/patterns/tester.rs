//! [`ListTester`]: a list's match tests of a document's lines or paragraphs, one at a time or
//! together.

use std::cell::OnceCell;

use super::PatternList;
use crate::rules::lazy_regex::Tester;

/// [`PatternList::is_match`] for many texts in a row (see [`PatternList::tester`]).
pub(crate) struct ListTester<'a> {
    list: &'a PatternList,
    /// The joined alternation's tester, once a text needed it.
    joined: OnceCell<Tester<'a>>,
}

impl<'a> ListTester<'a> {
    /// A tester of `list`, whose joined alternation is set up when a text first needs it.
    pub(super) fn new(list: &'a PatternList) -> Self {
        Self {
            list,
            joined: OnceCell::new(),
        }
    }

    /// True when [`Self::is_match_each`] tests its texts together: the list's regexes may match
    /// anywhere, so they read texts whole, and its prefilter has stepped aside. A list whose
    /// every match starts a line reads a few bytes of each text, and gains nothing from it.
    pub(crate) fn batches(&self) -> bool {
        // The budget first: deciding whether matches start lines parses the regex.
        self.list.budget.exhausted() && !self.list.joined.starts_lines()
    }

    /// [`Self::is_match`] of each of `texts`, in order; when the list
    /// [batches](Self::batches), its DFA searches them two at a time (see
    /// [`Tester::is_match_each`]).
    pub(crate) fn is_match_each(&self, texts: &[&str]) -> Vec<bool> {
        if !self.batches() {
            return texts.iter().map(|text| self.is_match(text)).collect();
        }
        let list = self.list;
        let joined = self.joined.get_or_init(|| list.joined.tester());
        joined.is_match_each(texts)
    }

    /// True when one of the regexes matches somewhere in `text`.
    #[inline]
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let list = self.list;
        let Some(filtered) = list.prefiltering() else {
            let joined = self.joined.get_or_init(|| list.joined.tester());
            return joined.is_match(text);
        };
        filtered.prefilter.candidates(text).any(|index| {
            list.pieces
                .get(index)
                .is_some_and(|piece| piece.is_match(text))
        }) || filtered
            .unfiltered
            .as_ref()
            .is_some_and(|unfiltered| unfiltered.is_match(text))
    }
}
