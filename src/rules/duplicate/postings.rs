//! The table of near mode's shingle index: from a shingle's hash to its posting list, in open
//! addressing with linear probing. Most shingles of a document occur once, so nearly every
//! lookup is a miss followed by an insertion; `HashMap::entry` probed twice for that (once to
//! find, once to insert), and this table claims the empty slot its one probe ends on.

/// No link or no paragraph, in the compact `u32` ids of [`Posting`] and the index's links.
pub(super) const NONE: u32 = u32::MAX;

/// A shingle's posting list: how many paragraphs it holds, where its latest entry sits in the
/// arena of links, and the last paragraph that had the shingle (also once the list is full).
#[derive(Debug, Clone, Copy)]
pub(super) struct Posting {
    pub(super) len: u32,
    pub(super) head: u32,
    pub(super) last_unit: u32,
}

impl Posting {
    /// The posting list of a shingle no paragraph has had yet.
    pub(super) const EMPTY: Self = Self {
        len: 0,
        head: NONE,
        last_unit: NONE,
    };
}

/// One slot of the table. A free slot is all zero bytes, so that a new table is a plain
/// `memset` rather than a loop writing a pattern.
#[derive(Debug, Clone, Copy)]
struct Slot {
    shingle: u64,
    posting: Posting,
    taken: bool,
}

const FREE_SLOT: Slot = Slot {
    shingle: 0,
    posting: Posting {
        len: 0,
        head: 0,
        last_unit: 0,
    },
    taken: false,
};

/// Shingle hashes to posting lists. The table stays at most half full, where a miss probes
/// about two slots on average.
#[derive(Debug)]
pub(super) struct PostingTable {
    slots: Vec<Slot>,
    /// How many slots are taken.
    len: usize,
    /// `64 - log2(slots)`: a slot's home is the top bits of the shingle's Fibonacci product.
    shift: u32,
}

impl PostingTable {
    /// A table with room for `shingles` shingles before it first grows.
    pub(super) fn with_capacity(shingles: usize) -> Self {
        let slots = shingles
            .saturating_mul(2)
            .max(MIN_SLOTS)
            .next_power_of_two();
        Self {
            slots: vec![FREE_SLOT; slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The posting list of `shingle`, [`Posting::EMPTY`] the first time. `None` only if a
    /// broken invariant left the table without a free slot.
    #[inline]
    pub(super) fn entry(&mut self, shingle: u64) -> Option<&mut Posting> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.probe(shingle)?;
        let slot = self.slots.get_mut(at)?;
        if !slot.taken {
            *slot = Slot {
                shingle,
                posting: Posting::EMPTY,
                taken: true,
            };
            self.len += 1;
        }
        Some(&mut slot.posting)
    }

    /// The slot that holds `shingle`, or the free slot where it belongs.
    #[inline]
    fn probe(&self, shingle: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        // The shingle hash's top bits are well mixed, its low ones less so (a product's low
        // bits depend only on the low bits of its factors): the Fibonacci product's top bits
        // spread both over the table.
        let mut at = (shingle.wrapping_mul(FIBONACCI) >> self.shift) as usize;
        // A free slot always exists (the table is at most half full), so this ends; the bound
        // only keeps a broken invariant from looping for ever.
        for _ in 0..self.slots.len() {
            let slot = self.slots.get(at)?;
            if !slot.taken || slot.shingle == shingle {
                return Some(at);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// Doubles the table, moving every taken slot to its place in the new one.
    fn grow(&mut self) {
        let slots = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![FREE_SLOT; slots]);
        self.shift = 64 - slots.trailing_zeros();
        for slot in old.into_iter().filter(|slot| slot.taken) {
            if let Some(free) = self
                .probe(slot.shingle)
                .and_then(|at| self.slots.get_mut(at))
            {
                *free = slot;
            }
        }
    }
}

/// The fewest slots a table has (a power of two).
const MIN_SLOTS: usize = 16;

/// 2⁶⁴ divided by the golden ratio: multiplying by it and keeping the top bits spreads keys
/// evenly over a power-of-two table (Knuth's multiplicative hashing).
const FIBONACCI: u64 = 0x9e37_79b9_7f4a_7c15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shingle_keeps_its_posting_list_as_the_table_grows() {
        let mut table = PostingTable::with_capacity(1);
        // Many shingles with equal top bits and equal low bits, so that they collide.
        let shingles: Vec<u64> = (0..1_000).map(|i| (i << 20) | 7).collect();
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
        assert_eq!(table.len, shingles.len());
        assert!(table.slots.len() >= 2 * shingles.len());
        for (unit, &shingle) in (0..).zip(&shingles) {
            let posting = table.entry(shingle).copied();
            assert_eq!(
                posting.map(|p| (p.last_unit, p.len)),
                Some((unit, unit + 1))
            );
        }
        assert_eq!(table.len, shingles.len(), "finding a shingle takes no slot");
    }
}
