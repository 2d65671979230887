//! The candidate machinery of near mode: the inverted index of word shingles (`ShingleIndex`,
//! with its arena of `Posting` lists and `Link`s and the `PassThrough` hasher for keys that are
//! already hashes) and the union-find forest (`Families`) that groups near matches so template
//! families can be recognised.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use rustc_hash::{FxHashMap, FxSeededState};

/// An inverted index from shingle hash to the paragraphs that contain it, built as the
/// paragraphs are read. A posting list stops growing one past `max_paragraphs`; from then on
/// the shingle is too common (a template line, a stock phrase) to propose candidates, which
/// also bounds the work per shingle and keeps the whole pass linear. The lists live in one
/// arena, since most shingles occur once and a vector each would cost an allocation each.
#[derive(Debug)]
pub(super) struct ShingleIndex {
    /// Seeded afresh for every document, so that a crafted page cannot count on the word
    /// hashes its shingles get to flood the pass-through map below. FxHash rather than the
    /// standard SipHash: hashing every word of every paragraph was a twentieth of a corpus run.
    seed: usize,
    shingle_words: usize,
    postings: HashMap<u64, Posting, BuildHasherDefault<PassThrough>>,
    links: Vec<Link>,
    set_sizes: Vec<usize>,
    max_paragraphs: usize,
}

impl ShingleIndex {
    /// An empty index for paragraphs of `words` words in all, which bounds the number of
    /// shingles: the map is sized once instead of growing shingle by shingle.
    pub(super) fn new(shingle_words: usize, max_paragraphs: usize, words: usize) -> Self {
        Self {
            seed: per_document_seed(),
            shingle_words: shingle_words.max(1),
            postings: HashMap::with_capacity_and_hasher(
                words.min(PRESIZED_SHINGLES),
                BuildHasherDefault::default(),
            ),
            links: Vec::new(),
            set_sizes: Vec::new(),
            max_paragraphs,
        }
    }

    /// Puts in `hashes` the distinct hashes of the shingles of the words of `key`, sorted. Each
    /// word is hashed once with the seeded hasher and a shingle combines the hashes of its
    /// words, instead of hashing every word once per shingle it belongs to.
    pub(super) fn shingles(&self, key: &str, hashes: &mut Vec<u64>) {
        let hasher = FxSeededState::with_seed(self.seed);
        hashes.clear();
        hashes.extend(super::key_word_iter(key).map(|word| hasher.hash_one(word)));
        // Each shingle's hash replaces the hash of its first word, in place.
        let shingles = (hashes.len() + 1).saturating_sub(self.shingle_words);
        for at in 0..shingles {
            let hash = hashes.get(at..at + self.shingle_words).map_or(0, combine);
            if let Some(slot) = hashes.get_mut(at) {
                *slot = hash;
            }
        }
        hashes.truncate(shingles);
        hashes.sort_unstable();
        hashes.dedup();
    }

    /// Adds paragraph `unit` (ids must be given in increasing order) with its shingle set.
    pub(super) fn insert(&mut self, unit: usize, shingles: &[u64]) {
        if self.set_sizes.len() <= unit {
            self.set_sizes.resize(unit + 1, 0);
        }
        if let Some(size) = self.set_sizes.get_mut(unit) {
            *size = shingles.len();
        }
        for &shingle in shingles {
            let posting = self.postings.entry(shingle).or_default();
            if posting.len <= self.max_paragraphs {
                self.links.push(Link {
                    unit,
                    next: posting.head,
                });
                posting.head = Some(self.links.len() - 1);
                posting.len += 1;
            }
        }
    }

    /// The indexed paragraphs that share at least `min_share` of the smaller of the two
    /// shingle sets, most shared first, then in document order.
    pub(super) fn candidates(&self, shingles: &[u64], min_share: f64) -> Vec<usize> {
        let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
        for shingle in shingles {
            let Some(&posting) = self.postings.get(shingle) else {
                continue;
            };
            if posting.len > self.max_paragraphs {
                continue;
            }
            for unit in self.units(posting) {
                *shared.entry(unit).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(unit, count)| {
                let other = self.set_sizes.get(unit).copied().unwrap_or(0);
                let smaller = other.min(shingles.len());
                smaller > 0 && count as f64 >= min_share * smaller as f64
            })
            .collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.into_iter().map(|(unit, _)| unit).collect()
    }

    /// The paragraphs of one posting list, latest first.
    fn units(&self, posting: Posting) -> impl Iterator<Item = usize> + '_ {
        let link = |at: Option<usize>| at.and_then(|at| self.links.get(at));
        std::iter::successors(link(posting.head), move |previous| link(previous.next))
            .map(|entry| entry.unit)
    }
}

/// The most shingles the index makes room for up front; a larger document grows the map as it
/// goes, so that the room reserved never outruns what repetitive text really needs.
const PRESIZED_SHINGLES: usize = 1 << 16;

/// A seed that differs between documents and runs, from the standard library's keyed hasher.
fn per_document_seed() -> usize {
    RandomState::new().hash_one(0_u8) as usize
}

/// One hash for a run of word hashes; order matters, so `a b c` and `c b a` differ.
fn combine(words: &[u64]) -> u64 {
    // The multiplier is the 64-bit golden ratio, an odd constant that spreads the bits.
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    words.iter().fold(0, |hash, &word| {
        (hash.rotate_left(23) ^ word).wrapping_mul(MIX)
    })
}

/// A shingle's posting list: how many paragraphs it holds and where its latest entry sits in
/// the arena.
#[derive(Debug, Clone, Copy, Default)]
struct Posting {
    len: usize,
    head: Option<usize>,
}

/// One entry of a posting list in the arena: a paragraph and the entry added before it.
#[derive(Debug, Clone, Copy)]
struct Link {
    unit: usize,
    next: Option<usize>,
}

/// A hasher for keys that are already hashes: it hands the `u64` on unchanged instead of hashing
/// every shingle a second time.
#[derive(Debug, Default, Clone, Copy)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Required by the trait; the index only hashes `u64` keys, which call `write_u64`.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Groups of paragraphs linked by near matches (a union-find forest), with the groups that
/// turned out to be template families marked.
#[derive(Debug)]
pub(super) struct Families {
    parent: Vec<usize>,
    template: Vec<bool>,
}

impl Families {
    pub(super) fn new(len: usize) -> Self {
        Self {
            parent: (0..len).collect(),
            template: vec![false; len],
        }
    }

    /// The representative of `node`'s group, halving paths on the way.
    fn root(&mut self, mut node: usize) -> usize {
        while let Some(&parent) = self.parent.get(node) {
            if parent == node {
                break;
            }
            let grandparent = self.parent.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(node) {
                *slot = grandparent;
            }
            node = grandparent;
        }
        node
    }

    pub(super) fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let template = self.is_root_template(a) || self.is_root_template(b);
        if let Some(slot) = self.parent.get_mut(b) {
            *slot = a;
        }
        if let Some(flag) = self.template.get_mut(a) {
            *flag = template;
        }
    }

    pub(super) fn mark_template(&mut self, node: usize) {
        let root = self.root(node);
        if let Some(flag) = self.template.get_mut(root) {
            *flag = true;
        }
    }

    fn is_root_template(&self, root: usize) -> bool {
        self.template.get(root).copied().unwrap_or(false)
    }

    pub(super) fn is_template(&mut self, node: usize) -> bool {
        let root = self.root(node);
        self.is_root_template(root)
    }
}
