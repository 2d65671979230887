//! The table of near mode's shingle index: from a shingle's hash to its posting list. Most
//! shingles of a document occur once, so nearly every lookup is a miss followed by an
//! insertion; `HashMap::entry` probed twice for that (once to find, once to insert), and this
//! table claims the free slot its one probe ends on. The slots (open addressing, linear
//! probing) hold four bytes each, where the entry is; the entries themselves are appended to a
//! vector as shingles first turn up, so that a new table only zeroes its small slots.

/// No link or no paragraph, in the compact `u32` ids of [`Posting`] and the index's links.
pub(super) const NONE: u32 = u32::MAX;

/// A shingle's posting list: how many paragraphs it holds, the first of them, where the entry
/// of the latest later one sits in the arena of links, and the last paragraph that had the
/// shingle (also once the list is full). The first paragraph is kept here rather than in the
/// arena since most shingles of a document occur once: a link each cost a push each.
#[derive(Debug, Clone, Copy)]
pub(super) struct Posting {
    pub(super) len: u32,
    pub(super) first_unit: u32,
    pub(super) head: u32,
    pub(super) last_unit: u32,
}

impl Posting {
    /// The posting list of a shingle no paragraph has had yet.
    pub(super) const EMPTY: Self = Self {
        len: 0,
        first_unit: NONE,
        head: NONE,
        last_unit: NONE,
    };
}

/// A shingle with its posting list.
#[derive(Debug)]
struct Entry {
    shingle: u64,
    posting: Posting,
}

/// Shingle hashes to posting lists. The slots stay at most half full, where a miss probes
/// about two slots on average.
#[derive(Debug)]
pub(super) struct PostingTable {
    /// One more than the index of the entry each slot holds; 0 for a free slot, so that a new
    /// table is zeroed memory.
    slots: Vec<u32>,
    entries: Vec<Entry>,
    /// `64 - log2(slots)`: a slot's home is the top bits of the shingle's Fibonacci product.
    shift: u32,
}

impl PostingTable {
    /// An empty table of the fewest slots; [`Self::reserve`] sizes it for a document.
    pub(super) fn new() -> Self {
        let slots = slot_count(0);
        Self {
            slots: vec![0; slots],
            entries: Vec::new(),
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The posting list of `shingle`, [`Posting::EMPTY`] the first time. `None` only when the
    /// table holds as many shingles as a `u32` counts.
    #[inline]
    pub(super) fn entry(&mut self, shingle: u64) -> Option<&mut Posting> {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(shingle);
        loop {
            let slot = *self.slots.get(at)?;
            let Some(index) = (slot as usize).checked_sub(1) else {
                break;
            };
            if self.entries.get(index)?.shingle == shingle {
                return self.entries.get_mut(index).map(|entry| &mut entry.posting);
            }
            at = (at + 1) & mask;
        }
        // `at` is the free slot where the shingle belongs.
        let id = u32::try_from(self.entries.len() + 1).ok()?;
        *self.slots.get_mut(at)? = id;
        self.entries.push(Entry {
            shingle,
            posting: Posting::EMPTY,
        });
        self.entries.last_mut().map(|entry| &mut entry.posting)
    }

    /// The slot where the search for `shingle` starts. The shingle hash's top bits are well
    /// mixed, its low ones less so (a product's low bits depend only on the low bits of its
    /// factors): the Fibonacci product's top bits spread both over the table.
    fn home(&self, shingle: u64) -> usize {
        (shingle.wrapping_mul(FIBONACCI) >> self.shift) as usize
    }

    /// Makes room for `shingles` more shingles before the table next grows.
    pub(super) fn reserve(&mut self, shingles: usize) {
        let needed = slot_count(self.entries.len().saturating_add(shingles));
        if needed > self.slots.len() {
            self.resize(needed);
        }
        self.entries.reserve(shingles);
    }

    /// Doubles the slots.
    fn grow(&mut self) {
        self.resize(self.slots.len() * 2);
    }

    /// Makes the table `slots` slots (a power of two) and puts every entry back in its place
    /// among them.
    fn resize(&mut self, slots: usize) {
        self.slots = vec![0; slots];
        self.shift = 64 - slots.trailing_zeros();
        let mask = slots - 1;
        for (id, entry) in (1..).zip(&self.entries) {
            let mut at = self.home(entry.shingle);
            while self.slots.get(at).is_some_and(|&slot| slot != 0) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = id;
            }
        }
    }
}

/// The slots for `shingles` shingles at most half full: a power of two, at least 16.
fn slot_count(shingles: usize) -> usize {
    shingles.saturating_mul(2).max(16).next_power_of_two()
}

/// 2⁶⁴ divided by the golden ratio: multiplying by it and keeping the top bits spreads keys
/// evenly over a power-of-two table (Knuth's multiplicative hashing).
const FIBONACCI: u64 = 0x9e37_79b9_7f4a_7c15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shingle_keeps_its_posting_list_as_the_table_grows() {
        let mut table = PostingTable::new();
        // Many shingles with equal top bits, so that they collide.
        let shingles: Vec<u64> = (0..1_000).map(|i| (i << 40) | 7).collect();
        for (unit, &shingle) in (0..).zip(&shingles) {
            let posting = table.entry(shingle);
            assert!(
                posting
                    .as_ref()
                    .is_some_and(|posting| posting.last_unit == NONE)
            );
            if let Some(posting) = posting {
                posting.last_unit = unit;
                posting.len = unit + 1;
            }
        }
        assert_eq!(table.entries.len(), shingles.len());
        assert!(table.slots.len() >= 2 * shingles.len());
        for (unit, &shingle) in (0..).zip(&shingles) {
            let posting = table.entry(shingle).copied();
            assert_eq!(
                posting.map(|p| (p.last_unit, p.len)),
                Some((unit, unit + 1))
            );
        }
        assert_eq!(
            table.entries.len(),
            shingles.len(),
            "finding a shingle adds no entry"
        );
    }
}
