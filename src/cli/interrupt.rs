//! Ctrl-C (SIGINT) and SIGTERM while files are being written. Killed in the middle of a write,
//! seedlint would leave its temporary file behind; so while `--fix` runs, the signal only
//! asks the run to stop: the files being fixed are finished (each write is atomic), no new file
//! is started, and the run exits with 130. Without `--fix` the signal ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the signal handler.
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The exit code of an interrupted run (128 + SIGINT, as shells report it).
pub const EXIT_CODE: u8 = 130;

/// Makes SIGINT and SIGTERM ask the run to stop between files instead of killing it.
pub fn stop_between_files() -> Result<(), ctrlc::Error> {
    ctrlc::set_handler(|| REQUESTED.store(true, Ordering::SeqCst))
}

/// True once a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
