//! Baselines: suppress the findings a corpus already has without editing its seeds. Entries are
//! keyed by path, rule and a fingerprint of the flagged text, never by line numbers, so they
//! survive edits elsewhere in the file; a baseline only shrinks, and entries that no longer
//! match are reported.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, as seedlint showed it (relative to where it ran).
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// See [`crate::fingerprint::fingerprint`].
    pub fingerprint: String,
}

impl Entry {
    /// An entry, with a leading `./` of the path dropped so both spellings match.
    pub fn new(path: &str, rule: &str, fingerprint: String) -> Self {
        Self {
            path: path.strip_prefix("./").unwrap_or(path).to_string(),
            rule: rule.to_string(),
            fingerprint,
        }
    }
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The file format's version.
    pub version: u32,
    /// The recorded findings, sorted.
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// A baseline of these entries.
    pub fn new(mut entries: Vec<Entry>) -> Self {
        entries.sort();
        Self {
            version: 1,
            entries,
        }
    }
}

/// Matches findings against a baseline, each entry at most once, from many threads.
#[derive(Debug, Default)]
pub struct BaselineMatcher {
    remaining: Mutex<HashMap<Entry, usize>>,
}

impl BaselineMatcher {
    /// A matcher holding every entry of `baseline`.
    pub fn new(baseline: Baseline) -> Self {
        let mut remaining = HashMap::new();
        for entry in baseline.entries {
            *remaining.entry(entry).or_insert(0) += 1;
        }
        Self {
            remaining: Mutex::new(remaining),
        }
    }

    /// True (and the entry used up) when the baseline records this finding.
    pub fn take(&self, entry: &Entry) -> bool {
        let mut remaining = self.remaining.lock().unwrap_or_else(|p| p.into_inner());
        match remaining.get_mut(entry) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }

    /// The entries no finding used, sorted.
    pub fn unmatched(&self) -> Vec<Entry> {
        let remaining = self.remaining.lock().unwrap_or_else(|p| p.into_inner());
        let mut left: Vec<Entry> = remaining
            .iter()
            .flat_map(|(entry, count)| std::iter::repeat_n(entry.clone(), *count))
            .collect();
        left.sort();
        left
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_matches_once_and_leftovers_are_reported() {
        let entry = Entry::new("./a.txt", "view-counter", "00ff".into());
        let stale = Entry::new("b.txt", "menu-block", "11aa".into());
        let matcher = BaselineMatcher::new(Baseline::new(vec![entry.clone(), stale.clone()]));
        assert!(matcher.take(&Entry::new("a.txt", "view-counter", "00ff".into())));
        assert!(!matcher.take(&entry));
        assert_eq!(matcher.unmatched(), vec![stale]);
    }
}
