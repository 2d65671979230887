//! An ordered parallel map: workers take items in order, and their results are handed to one
//! consumer in that same order, as soon as each is next in line.
//!
//! The calling thread is one of the workers, and the consumer too: between two items of its own
//! it consumes the results the others have sent. So a run on `n` threads keeps `n` threads busy,
//! not `n` workers plus a consumer that the operating system wakes for every result and that
//! preempts a worker on a machine with `n` cores.
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
    /// The next item to hand out.
    next: usize,
    /// How many results the consumer has taken.
    consumed: usize,
    /// Whether the run stopped early (the consumer failed, or a thread panicked).
    stopped: bool,
    /// Workers waiting for the window to move, which the consumer must wake.
    waiting: usize,
}

/// The claim book shared by workers and consumer.
struct Shared {
    progress: Mutex<Progress>,
    moved: Condvar,
    window: usize,
}

/// What a worker gets when it asks for an item.
enum Claim {
    /// The index of its next item.
    Item(usize),
    /// The next item lies beyond the window: an earlier result must be consumed first.
    Full,
    /// No item is left, or the run stopped.
    Done,
}

impl Shared {
    /// The progress, whether or not a thread panicked while holding it.
    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next item for a worker, without waiting.
    fn try_claim(&self, len: usize) -> Claim {
        let mut progress = self.lock();
        Self::claim_from(&mut progress, self.window, len)
    }

    /// The next item of `len` for a worker, given `progress` and the window's size.
    fn claim_from(progress: &mut Progress, window: usize, len: usize) -> Claim {
        if progress.stopped || progress.next >= len {
            return Claim::Done;
        }
        if progress.next >= progress.consumed + window {
            return Claim::Full;
        }
        progress.next += 1;
        Claim::Item(progress.next - 1)
    }

    /// The next item for a worker, waiting while it lies beyond the window; `None` at the end.
    fn claim(&self, len: usize) -> Option<usize> {
        let mut progress = self.lock();
        loop {
            match Self::claim_from(&mut progress, self.window, len) {
                Claim::Item(index) => return Some(index),
                Claim::Done => return None,
                Claim::Full => {
                    progress.waiting += 1;
                    progress = self
                        .moved
                        .wait(progress)
                        .unwrap_or_else(PoisonError::into_inner);
                    progress.waiting -= 1;
                }
            }
        }
    }

    /// Records how far the consumer has got (or that it gave up) and wakes waiting workers.
    fn advance(&self, consumed: usize, stopped: bool) {
        let mut progress = self.lock();
        progress.consumed = consumed;
        progress.stopped |= stopped;
        if progress.waiting > 0 {
            self.moved.notify_all();
        }
    }
}

/// Runs `work` on every item on `threads` workers, this thread one of them, and calls `consume`
/// (on this thread) with the results in item order. Stops early, returning the error, when
/// `consume` fails (a closed pipe).
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
        for _ in 1..threads {
            let sender = sender.clone();
            let (shared, work) = (&shared, &work);
            scope.spawn(move || {
                let _stop = StopOnUnwind(shared);
                while let Some(index) = shared.claim(items.len()) {
                    let Some(item) = items.get(index) else { break };
                    if sender.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the spawned workers hold senders now, so the channel closes when the last ends.
        drop(sender);
        let mut order = InOrder {
            waiting: BTreeMap::new(),
            expected: 0,
        };
        let result = {
            let _stop = StopOnUnwind(&shared);
            lead(items, &work, &receiver, &shared, &mut order, &mut consume)
        };
        shared.advance(usize::MAX, result.is_err());
        result
    })
}

/// This thread's share: items like any worker's, and between two of them the results the
/// others sent; when the window is full, it waits for the result that moves it.
fn lead<T, R>(
    items: &[T],
    work: &impl Fn(&T) -> R,
    receiver: &mpsc::Receiver<(usize, R)>,
    shared: &Shared,
    order: &mut InOrder<R>,
    consume: &mut impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    loop {
        while let Ok((index, result)) = receiver.try_recv() {
            order.take(index, result, shared, consume)?;
        }
        match shared.try_claim(items.len()) {
            Claim::Item(index) => {
                let Some(item) = items.get(index) else { break };
                order.take(index, work(item), shared, consume)?;
            }
            // The result the window waits for is a spawned worker's. Without a sender left, that
            // worker panicked; the scope passes its panic on once the others have stopped.
            Claim::Full => match receiver.recv() {
                Ok((index, result)) => order.take(index, result, shared, consume)?,
                Err(_) => break,
            },
            Claim::Done => break,
        }
    }
    for (index, result) in receiver {
        order.take(index, result, shared, consume)?;
    }
    Ok(())
}

/// The results that came before their turn, and the index of the next one to consume.
struct InOrder<R> {
    /// Results by index, each waiting for the ones before it.
    waiting: BTreeMap<usize, R>,
    /// The index of the next result to consume.
    expected: usize,
}

impl<R> InOrder<R> {
    /// Takes result `index`, and consumes it with every waiting one that follows when its turn
    /// has come.
    fn take(
        &mut self,
        index: usize,
        result: R,
        shared: &Shared,
        consume: &mut impl FnMut(R) -> io::Result<()>,
    ) -> io::Result<()> {
        if index != self.expected {
            self.waiting.insert(index, result);
            return Ok(());
        }
        consume(result)?;
        self.expected += 1;
        while let Some(result) = self.waiting.remove(&self.expected) {
            consume(result)?;
            self.expected += 1;
        }
        shared.advance(self.expected, false);
        Ok(())
    }
}

/// Stops the run when the thread holding it unwinds from a panic: the workers waiting for the
/// window to move would otherwise wait for ever, and the scope for them.
struct StopOnUnwind<'a>(&'a Shared);

impl Drop for StopOnUnwind<'_> {
    fn drop(&mut self) {
        if thread::panicking() {
            let mut progress = self.0.lock();
            progress.stopped = true;
            self.0.moved.notify_all();
        }
    }
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
    fn results_ahead_of_the_consumer_stay_within_the_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..2_000).collect();
        let consumed = AtomicUsize::new(0);
        let furthest_ahead = AtomicUsize::new(0);
        let work = |&n: &usize| {
            // The first item is slow, so the others run ahead of the consumer until the
            // window stops them.
            if n == 0 {
                thread::sleep(std::time::Duration::from_millis(50));
            }
            let ahead = n.saturating_sub(consumed.load(Ordering::SeqCst));
            furthest_ahead.fetch_max(ahead, Ordering::SeqCst);
            n
        };
        let result = for_each_ordered(&items, 2, work, |n| {
            assert_eq!(n, consumed.load(Ordering::SeqCst));
            consumed.fetch_add(1, Ordering::SeqCst);
            Ok(())
        });
        assert!(result.is_ok());
        assert_eq!(consumed.into_inner(), items.len());
        let ahead = furthest_ahead.into_inner();
        assert!(ahead > 0 && ahead < 2 * WINDOW_PER_THREAD, "{ahead}");
    }

    #[test]
    fn a_panicking_item_ends_the_run_with_its_panic() {
        let items: Vec<usize> = (0..1_000).collect();
        for threads in [1, 2, 4] {
            for panicking in [0, 10, 500] {
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    for_each_ordered(
                        &items,
                        threads,
                        |&n| {
                            assert_ne!(n, panicking, "item {n} panics");
                            n
                        },
                        |_| Ok(()),
                    )
                }));
                assert!(run.is_err(), "{threads} threads, item {panicking}");
            }
        }
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
