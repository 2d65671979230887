//! The word-level similarity of two near-duplicate candidates, decided by a bound on work
//! instead of a bound on time.
//!
//! The ratio is `similar`'s: `2·matches / (a + b)` in `f32`, where `matches` is the length of the
//! longest common subsequence (1.0 for two empty lists): the matches of a shortest edit script,
//! which `similar`'s Myers diff finds when it runs to its end (its default mode may settle for a
//! longer script on long and very different lists; `Algorithm::RawMyers` never does). With `D`
//! the insert/delete distance, `matches = (a + b − D) / 2`, so a threshold on the ratio is a
//! bound on `D`, and the greedy Myers algorithm finds `D` in `O((a + b)·D)` steps; it gives up
//! as soon as `D` passes the bound, or a pair or a document has taken its steps
//! ([`PAIR_STEPS`], [`DOCUMENT_STEPS`]). A time limit (`similar` offers only a deadline) cut
//! long diffs short depending on the machine's load, so one corpus could give different
//! findings on a busy CI machine or under valgrind.
//!
//! No crate offers a distance bounded by `D` over slices of `&str`: rapidfuzz's bounded indel
//! distance takes only items with a unique integer hash (words would have to be interned per
//! pair), and the bounded edit distances of editdistancek, triple_accel and stringzilla work on
//! bytes and count substitutions.

/// The most steps (a diagonal extended, or two tokens compared) one pair may take: the
/// threshold bounds the work relative to the paragraphs' length, so two paragraphs of a few
/// hundred thousand words with their halves swapped would otherwise take minutes. About
/// twenty milliseconds, as the time limit was; a pair that needs more counts as not similar,
/// the same on every machine.
pub(super) const PAIR_STEPS: u64 = 4_000_000;

/// The most steps all pairs of one document may take together: a page of many long paragraphs
/// proposed as each other's candidates is compared in a bounded time too.
pub(super) const DOCUMENT_STEPS: u64 = 40_000_000;

/// The ratio of `old` and `new` when it reaches `threshold`, found with no more work than the
/// threshold allows, nor than `steps` (spent from, as the search goes); `None` when the pair
/// falls short or the steps run out.
pub(super) fn similarity<T: PartialEq>(
    old: &[T],
    new: &[T],
    threshold: f32,
    steps: &mut u64,
) -> Option<f32> {
    let total = old.len() + new.len();
    let distance = bounded_distance(old, new, max_distance(total, threshold), steps)?;
    let ratio = ratio(total, distance);
    (ratio >= threshold).then_some(ratio)
}

/// `similar`'s ratio for two token lists of `total` tokens in all that lie `distance` apart;
/// the same `f32` arithmetic, so the printed percentage and the threshold test do not move.
fn ratio(total: usize, distance: usize) -> f32 {
    if total == 0 {
        return 1.0;
    }
    let matches = total.saturating_sub(distance) / 2;
    2.0 * matches as f32 / total as f32
}

/// The largest distance at which two lists of `total` tokens in all still reach `threshold`.
/// The estimate in `f64` may be off by one from the `f32` arithmetic of [`ratio`], so it is
/// moved until it agrees; `ratio` falls as the distance grows, so the answer is exact.
fn max_distance(total: usize, threshold: f32) -> usize {
    let slack = (1.0 - f64::from(threshold)).clamp(0.0, 1.0) * total as f64;
    let mut max = (slack.floor() as usize).min(total);
    while max < total && ratio(total, max + 1) >= threshold {
        max += 1;
    }
    while max > 0 && ratio(total, max) < threshold {
        max -= 1;
    }
    max
}

/// The insert/delete distance of `old` and `new` (how many tokens one deletes and inserts to
/// turn one into the other), or `None` when it exceeds `max` or takes more than `steps` (which
/// the search spends). Work is `O((a + b)·max)` at most: the furthest-reaching paths of Myers'
/// greedy algorithm, one edit more per round, on the diagonals that can still reach the end
/// within `max` edits only.
fn bounded_distance<T: PartialEq>(
    old: &[T],
    new: &[T],
    max: usize,
    steps: &mut u64,
) -> Option<usize> {
    if old.len().abs_diff(new.len()) > max {
        return None;
    }
    let (old, new) = trim_common_ends(old, new);
    // No two lists lie further apart than all their tokens: a larger bound only costs memory.
    let max = max.min(old.len() + new.len());
    // The end lies on diagonal `end`, and a path on diagonal k needs |k − end| more edits to
    // get there: the diagonals further from it than the edits left are not worth extending.
    let end = old.len() as isize - new.len() as isize;
    let mut furthest = Furthest::new(max);
    for edits in 0..=max {
        let reach = edits as isize;
        let left = (max - edits) as isize;
        let mut low = (-reach).max(end - left);
        // Round `edits` ends paths on the diagonals of its parity only.
        low += (low + reach).rem_euclid(2);
        let high = reach.min(end + left);
        for diagonal in (low..=high).step_by(2) {
            // The furthest start on this diagonal: one insertion below the diagonal above, or
            // one deletion right of the diagonal below, whichever reaches further.
            let mut x = if edits == 0 {
                0
            } else if diagonal == -reach
                || (diagonal != reach && furthest.x(diagonal - 1) < furthest.x(diagonal + 1))
            {
                furthest.x(diagonal + 1)
            } else {
                furthest.x(diagonal - 1) + 1
            };
            // y = x − diagonal never goes below 0: every path starts at (0, 0) and only moves
            // right or down.
            let mut y = x.checked_add_signed(-diagonal)?;
            let start = x;
            while let (Some(a), Some(b)) = (old.get(x), new.get(y)) {
                if a != b {
                    break;
                }
                x += 1;
                y += 1;
            }
            let spent = 1 + (x - start) as u64;
            let Some(left) = steps.checked_sub(spent) else {
                *steps = 0;
                return None;
            };
            *steps = left;
            furthest.set(diagonal, x);
            if x >= old.len() && y >= new.len() {
                return Some(edits);
            }
        }
    }
    None
}

/// `old` and `new` without their common prefix and suffix, which cost no edits; the greedy
/// search would otherwise walk the common suffix once per diagonal.
fn trim_common_ends<'t, T: PartialEq>(old: &'t [T], new: &'t [T]) -> (&'t [T], &'t [T]) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old, new) = (
        old.get(prefix..).unwrap_or_default(),
        new.get(prefix..).unwrap_or_default(),
    );
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (
        old.get(..old.len() - suffix).unwrap_or_default(),
        new.get(..new.len() - suffix).unwrap_or_default(),
    )
}

/// Per diagonal `k` (`x − y`) in `-max..=max`, how far along `old` the furthest path with the
/// current number of edits reaches.
struct Furthest {
    x: Vec<usize>,
    max: usize,
}

impl Furthest {
    fn new(max: usize) -> Self {
        Self {
            x: vec![0; 2 * max + 1],
            max,
        }
    }

    fn slot(&self, diagonal: isize) -> Option<usize> {
        self.max.checked_add_signed(diagonal)
    }

    fn x(&self, diagonal: isize) -> usize {
        self.slot(diagonal)
            .and_then(|slot| self.x.get(slot))
            .copied()
            .unwrap_or(0)
    }

    fn set(&mut self, diagonal: isize, x: usize) {
        if let Some(cell) = self.slot(diagonal).and_then(|slot| self.x.get_mut(slot)) {
            *cell = x;
        }
    }
}

#[cfg(test)]
#[path = "edit_distance_tests.rs"]
mod tests;
