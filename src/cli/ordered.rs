//! An ordered parallel map: workers take items in order, and their results are handed to one
//! consumer in that same order, as soon as each is next in line.
//!
//! Invariant: at most `WINDOW_PER_THREAD × threads` results wait in the reorder buffer, because
//! a worker does not take an item that far ahead of the consumer. So memory stays bounded
//! however many items there are, and one slow item only holds up the window behind it.

use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

/// How many results per worker may wait for an earlier, slower one.
const WINDOW_PER_THREAD: usize = 32;

/// Which item is handed out next, and how far the consumer has got.
#[derive(Debug, Default)]
struct Progress {
    next: usize,
    consumed: usize,
    stopped: bool,
}

/// The claim book shared by workers and consumer.
struct Shared {
    progress: Mutex<Progress>,
    moved: Condvar,
    window: usize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next item for a worker, waiting while it lies beyond the window; `None` at the end.
    fn claim(&self, len: usize) -> Option<usize> {
        let mut progress = self.lock();
        while !progress.stopped
            && progress.next < len
            && progress.next >= progress.consumed + self.window
        {
            progress = self
                .moved
                .wait(progress)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if progress.stopped || progress.next >= len {
            return None;
        }
        progress.next += 1;
        Some(progress.next - 1)
    }

    /// Records how far the consumer has got (or that it gave up) and wakes waiting workers.
    fn advance(&self, consumed: usize, stopped: bool) {
        let mut progress = self.lock();
        progress.consumed = consumed;
        progress.stopped |= stopped;
        self.moved.notify_all();
    }
}

/// Runs `work` on every item on `threads` workers and calls `consume` with the results in item
/// order. Stops early, returning the error, when `consume` fails (a closed pipe).
pub fn for_each_ordered<T, R, W, C>(
    items: &[T],
    threads: usize,
    work: W,
    mut consume: C,
) -> io::Result<()>
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    C: FnMut(R) -> io::Result<()>,
{
    let threads = threads.clamp(1, items.len().max(1));
    let shared = Shared {
        progress: Mutex::new(Progress::default()),
        moved: Condvar::new(),
        window: WINDOW_PER_THREAD * threads,
    };
    let (sender, receiver) = mpsc::channel::<(usize, R)>();
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (shared, work) = (&shared, &work);
            scope.spawn(move || {
                while let Some(index) = shared.claim(items.len()) {
                    let Some(item) = items.get(index) else { break };
                    if sender.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the workers hold senders now, so the channel closes when the last one ends.
        drop(sender);
        let result = consume_in_order(&receiver, &shared, &mut consume);
        shared.advance(usize::MAX, result.is_err());
        result
    })
}

/// Receives results, holds those that arrive early, and consumes each when it is next.
fn consume_in_order<R>(
    receiver: &mpsc::Receiver<(usize, R)>,
    shared: &Shared,
    consume: &mut impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
    let mut expected = 0;
    for (index, result) in receiver {
        waiting.insert(index, result);
        let before = expected;
        while let Some(result) = waiting.remove(&expected) {
            consume(result)?;
            expected += 1;
        }
        if expected != before {
            shared.advance(expected, false);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(items: &[u64], threads: usize) -> Vec<u64> {
        let mut seen = Vec::new();
        let work = |&n: &u64| {
            // Later items finish first, so the reorder buffer has work to do.
            thread::sleep(std::time::Duration::from_micros(200 - n % 200));
            n * 2
        };
        let result = for_each_ordered(items, threads, work, |n| {
            seen.push(n);
            Ok(())
        });
        assert!(result.is_ok());
        seen
    }

    #[test]
    fn results_come_in_item_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        let expected: Vec<u64> = items.iter().map(|n| n * 2).collect();
        for threads in [1, 2, 7] {
            assert_eq!(run(&items, threads), expected);
        }
        assert!(run(&[], 4).is_empty());
    }

    #[test]
    fn a_failing_consumer_stops_the_run() {
        let items: Vec<u64> = (0..10_000).collect();
        let mut consumed = 0;
        let result = for_each_ordered(
            &items,
            2,
            |&n| n,
            |_| {
                consumed += 1;
                if consumed == 3 {
                    Err(io::Error::from(io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert!(result.is_err());
        assert_eq!(consumed, 3);
    }
}
