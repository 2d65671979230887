//! The candidate machinery of near mode: the inverted index of word shingles (`ShingleIndex`,
//! with its table of posting lists and their arena of `Link`s).

use std::hash::{BuildHasher, RandomState};

use super::postings::{NONE, PostingTable};

/// An inverted index from shingle hash to the paragraphs that contain it, built as the
/// paragraphs are read. A posting list stops growing one past `max_paragraphs`; from then on
/// the shingle is too common (a template line, a stock phrase) to propose candidates, which
/// also bounds the work per shingle and keeps the whole pass linear. The lists (past their
/// first paragraph, which the posting itself holds) live in one arena, since most shingles
/// occur once and a vector each would cost an allocation each.
#[derive(Debug)]
pub(super) struct ShingleIndex {
    /// Where every word's hash starts: drawn afresh for every document, so that a crafted page
    /// cannot count on the hashes its shingles get to pile them up in one stretch of the table.
    /// Words are hashed FxHash's way, eight bytes at a time, rather than with the standard
    /// SipHash: hashing every word of every paragraph was a twentieth of a corpus run.
    seed: u64,
    shingle_words: usize,
    postings: PostingTable,
    links: Vec<Link>,
    set_sizes: Vec<usize>,
    max_paragraphs: usize,
    /// Per indexed paragraph, the shingles it shares with the paragraph being inserted (all
    /// zero between insertions).
    shared: Vec<usize>,
    /// The paragraphs whose `shared` count the current insertion raised from zero.
    touched: Vec<usize>,
}

impl ShingleIndex {
    /// An empty index, drawing a new seed for the word hashes.
    pub(super) fn new(shingle_words: usize, max_paragraphs: usize) -> Self {
        Self {
            seed: per_document_seed(),
            shingle_words: shingle_words.max(1),
            postings: PostingTable::new(),
            links: Vec::new(),
            set_sizes: Vec::new(),
            max_paragraphs,
            shared: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Makes room for paragraphs of `words` words in all, which bounds the number of shingles:
    /// the map and the arena are sized once, when the paragraphs to index are known, instead
    /// of growing shingle by shingle.
    pub(super) fn reserve(&mut self, words: usize) {
        self.postings.reserve(words.min(PRESIZED_SHINGLES));
        self.links.reserve(words.min(PRESIZED_SHINGLES));
    }

    /// Pushes the hash of every word of `key` onto `words`, in order. A word is read eight
    /// bytes at a time from its first byte on, so that the same word hashes alike wherever it
    /// stands, and the space that ends it is found in the same eight bytes: hashing byte by
    /// byte cost about ten instructions a byte.
    pub(super) fn hash_words(&self, key: &str, words: &mut Vec<u64>) {
        // A key's words are separated by single spaces; an empty key has none.
        let key = key.as_bytes();
        if key.is_empty() {
            return;
        }
        let mut word = self.seed;
        let mut at = 0;
        // The key reads as if a space followed it, which ends its last word.
        while at <= key.len() {
            let chunk = padded_chunk(key, at);
            let spaces = space_bytes(chunk);
            if spaces == 0 {
                word = mix_word(word, chunk);
                at += 8;
                continue;
            }
            // Bytes before the first space: fewer than eight, so the shift cannot overflow.
            let len = spaces.trailing_zeros() / 8;
            if len > 0 {
                word = mix_word(word, chunk & ((1 << (8 * len)) - 1));
            }
            words.push(finish_word(word));
            word = self.seed;
            at += len as usize + 1;
        }
    }

    /// Adds paragraph `unit` (ids must be given in increasing order) with the shingles of its
    /// word hashes (from [`ShingleIndex::hash_words`]), and returns the paragraphs indexed
    /// before it that share at least `min_share` of the smaller of the two sets of distinct
    /// shingles, most shared first, then in document order. Each shingle is looked up once, for
    /// all of that: a posting list remembers the last paragraph that met it, which tells a
    /// repeat within `unit` apart, and is counted before `unit` joins it.
    pub(super) fn insert(&mut self, unit: usize, words: &[u64], min_share: f64) -> Vec<usize> {
        // Compact ids keep the map and the arena small; no text has four billion paragraphs.
        let Some(unit_id) = compact(unit) else {
            return Vec::new();
        };
        if self.set_sizes.len() <= unit {
            self.set_sizes.resize(unit + 1, 0);
            self.shared.resize(unit + 1, 0);
        }
        let mut distinct = 0;
        for shingle in Shingles::new(words, self.shingle_words) {
            let Some(posting) = self.postings.entry(shingle) else {
                continue;
            };
            if posting.last_unit == unit_id {
                continue;
            }
            posting.last_unit = unit_id;
            distinct += 1;
            if posting.len as usize > self.max_paragraphs {
                continue;
            }
            if posting.len == 0 {
                // Most shingles occur once: their one paragraph needs no link.
                posting.first_unit = unit_id;
                posting.len = 1;
                continue;
            }
            count_shared(&mut self.shared, &mut self.touched, posting.first_unit);
            // `NONE` lies past the end of the arena, which never holds that many links.
            let mut at = posting.head;
            while let Some(link) = self.links.get(at as usize) {
                count_shared(&mut self.shared, &mut self.touched, link.unit);
                at = link.next;
            }
            let Some(head) = compact(self.links.len()) else {
                continue;
            };
            self.links.push(Link {
                unit: unit_id,
                next: posting.head,
            });
            posting.head = head;
            posting.len += 1;
        }
        if let Some(size) = self.set_sizes.get_mut(unit) {
            *size = distinct;
        }
        self.take_candidates(distinct, min_share)
    }

    /// The touched paragraphs whose shared count reaches `min_share` of the smaller shingle set,
    /// sorted; resets every count for the next paragraph.
    fn take_candidates(&mut self, set_size: usize, min_share: f64) -> Vec<usize> {
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for unit in self.touched.drain(..) {
            let count = self.shared.get_mut(unit).map_or(0, std::mem::take);
            let other = self.set_sizes.get(unit).copied().unwrap_or(0);
            let smaller = other.min(set_size);
            if smaller > 0 && count as f64 >= min_share * smaller as f64 {
                candidates.push((unit, count));
            }
        }
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.into_iter().map(|(unit, _)| unit).collect()
    }
}

/// Counts one more shingle shared with paragraph `unit`, noting it as touched on its first.
fn count_shared(shared: &mut [usize], touched: &mut Vec<usize>, unit: u32) {
    let unit = unit as usize;
    if let Some(count) = shared.get_mut(unit) {
        if *count == 0 {
            touched.push(unit);
        }
        *count += 1;
    }
}

/// The most shingles the index makes room for up front; a larger document grows the map as it
/// goes, so that the room reserved never outruns what repetitive text really needs.
const PRESIZED_SHINGLES: usize = 1 << 16;

/// A seed that differs between documents and runs, from the standard library's keyed hasher.
fn per_document_seed() -> u64 {
    RandomState::new().hash_one(0_u8)
}

/// FxHash's multiplier, which spreads each byte of a word over the word's hash.
const WORD_MIX: u64 = 0x517c_c1b7_2722_0a95;

/// FxHash's step, on eight bytes of a word at once. A word of up to eight bytes gets
/// `(seed' ^ bytes) · M`, which is one-to-one in the bytes: two such words never share a hash.
fn mix_word(hash: u64, bytes: u64) -> u64 {
    (hash.rotate_left(5) ^ bytes).wrapping_mul(WORD_MIX)
}

/// A word's hash as FxHash finishes it: the product's well-mixed high bits rotated down, since
/// the low bits of a product depend only on the low bits (the first letters) of the word.
fn finish_word(hash: u64) -> u64 {
    hash.rotate_left(26)
}

/// The eight bytes of `key` from `at` on (little-endian), with spaces standing in for the bytes
/// past its end. Key bytes are never zero, so a word's last, partial chunk (its bytes past the
/// word masked to zero) cannot equal another word's bytes.
fn padded_chunk(key: &[u8], at: usize) -> u64 {
    if let Some(chunk) = key
        .get(at..at + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        return u64::from_le_bytes(chunk);
    }
    let mut chunk = [b' '; 8];
    let rest = key.get(at..).unwrap_or_default();
    for (slot, &byte) in chunk.iter_mut().zip(rest) {
        *slot = byte;
    }
    u64::from_le_bytes(chunk)
}

/// The high bit of the first space byte of `chunk`, and maybe of later bytes: subtracting one
/// from each byte finds the zero bytes of `chunk ^ spaces`, exactly up to the first one (a
/// borrow can only run on past a zero byte), which is all [`ShingleIndex::hash_words`] uses.
fn space_bytes(chunk: u64) -> u64 {
    let zeroed = chunk ^ (ONES * u64::from(b' '));
    zeroed.wrapping_sub(ONES) & !zeroed & HIGH_BITS
}

/// One in each byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The hash of a shingle, a run of word hashes `w₀ … wₖ₋₁`: the polynomial `w₀·Mᵏ⁻¹ + … + wₖ₋₁`
/// (wrapping), so that order matters (`a b c` and `c b a` differ) and the window slides one word
/// on with two multiplications, however wide it is; combining every window afresh cost one
/// multiplication per word per shingle. Being linear mod 2⁶⁴, it has seed-independent
/// collisions from about 1,024 words per shingle on (the default is 3); a collision only adds
/// a candidate, which the diff then judges.
struct ShingleHash {
    hash: u64,
    /// `Mᵏ⁻¹`, which the first word of the window carries.
    first_weight: u64,
}

/// The multiplier of [`ShingleHash`]: the 64-bit golden ratio, an odd constant that spreads the
/// bits.
const SHINGLE_MIX: u64 = 0x9e37_79b9_7f4a_7c15;

impl ShingleHash {
    /// The hash of the window `words` (the first `width` word hashes).
    fn new(words: &[u64], width: usize) -> Self {
        let hash = words.iter().fold(0, |hash: u64, &word| {
            hash.wrapping_mul(SHINGLE_MIX).wrapping_add(word)
        });
        let first_weight = (1..width).fold(1, |weight: u64, _| weight.wrapping_mul(SHINGLE_MIX));
        Self { hash, first_weight }
    }

    /// Moves the window one word on: `first` leaves it, `next` joins it.
    fn slide(&mut self, first: u64, next: u64) {
        self.hash = self
            .hash
            .wrapping_sub(first.wrapping_mul(self.first_weight))
            .wrapping_mul(SHINGLE_MIX)
            .wrapping_add(next);
    }
}

/// The hashes of the shingles of a paragraph's word hashes, in order and with repeats: a
/// shingle combines the hashes of its words, instead of hashing every word once per shingle
/// it belongs to. They are made as the index takes them, never stored.
struct Shingles<'w> {
    window: ShingleHash,
    /// The first shingle, until it is given.
    first: Option<u64>,
    /// The word leaving the window and the word joining it, for each later shingle.
    slides: std::iter::Zip<std::slice::Iter<'w, u64>, std::slice::Iter<'w, u64>>,
}

impl<'w> Shingles<'w> {
    fn new(words: &'w [u64], width: usize) -> Self {
        let first = words.get(..width);
        let window = ShingleHash::new(first.unwrap_or_default(), width);
        Self {
            first: first.map(|_| window.hash),
            window,
            slides: words.iter().zip(words.get(width..).unwrap_or_default()),
        }
    }
}

impl Iterator for Shingles<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        let (&leaving, &joining) = self.slides.next()?;
        self.window.slide(leaving, joining);
        Some(self.window.hash)
    }
}

/// `id` as a compact id, unless it is too large for one.
fn compact(id: usize) -> Option<u32> {
    u32::try_from(id).ok().filter(|&id| id != NONE)
}

/// One entry of a posting list in the arena: a paragraph and the entry added before it.
#[derive(Debug, Clone, Copy)]
struct Link {
    unit: u32,
    next: u32,
}

#[cfg(test)]
#[path = "shingles_tests.rs"]
mod tests;
