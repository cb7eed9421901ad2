//! Interruptions of `bantin build` (SIGINT from Ctrl-C, SIGTERM from a
//! service manager): signal -> a clean stop that leaves the previous output
//! folder untouched and no temporary folder behind.
//!
//! A signal thread watches the build's phase. While the site is being read
//! and rendered nothing is on disk yet, so the process stops at once. While
//! the output is being written, the writer is asked to stop: it removes its
//! temporary folder and the command reports the interruption. Once the new
//! output is being swapped in, the build finishes (the swap is one rename).
//! A second signal stops at once; the next build removes what was left.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicI32, AtomicU8, Ordering};

const BUILDING: u8 = 0;
const WRITING: u8 = 1;
const COMMITTING: u8 = 2;
const STOPPING: u8 = 3;

static PHASE: AtomicU8 = AtomicU8::new(BUILDING);
static SIGNAL: AtomicI32 = AtomicI32::new(0);
static OUTPUT: OnceLock<String> = OnceLock::new();

/// Exit code of a build stopped by `signal`: 128 + its number, as shells do.
pub fn exit_code(signal: i32) -> i32 {
    128 + signal
}

/// The name of a signal bantin handles.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        2 => "SIGINT (Ctrl-C)",
        15 => "SIGTERM",
        _ => "a signal",
    }
}

/// Installs the handlers for a build writing `output` (shown in messages).
pub fn install(output: &std::path::Path) -> std::io::Result<()> {
    let _ = OUTPUT.set(output.display().to_string());
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
        std::thread::Builder::new()
            .name("bantin-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    on_signal(signal);
                }
            })?;
    }
    Ok(())
}

fn output_name() -> &'static str {
    OUTPUT
        .get()
        .map(String::as_str)
        .unwrap_or("the output folder")
}

fn on_signal(signal: i32) {
    SIGNAL.store(signal, Ordering::SeqCst);
    let name = signal_name(signal);
    if PHASE
        .compare_exchange(BUILDING, STOPPING, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
    {
        eprintln!(
            "\nerror: build interrupted by {name} before anything was written; {} is unchanged",
            output_name()
        );
        std::process::exit(exit_code(signal));
    }
    if PHASE
        .compare_exchange(WRITING, STOPPING, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
    {
        return;
    }
    if PHASE.load(Ordering::SeqCst) == STOPPING {
        eprintln!(
            "\nerror: interrupted again by {name}: stopping now; {} is unchanged, and the next build removes the temporary folder left beside it",
            output_name()
        );
        std::process::exit(exit_code(signal));
    }
    // COMMITTING: the new output is complete and being put in place.
}

/// Called before the first file is written. False when a signal already
/// stopped the build (the signal thread is ending the process).
pub fn begin_writing() -> bool {
    PHASE
        .compare_exchange(BUILDING, WRITING, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
}

/// Whether the writer should stop and clean up.
pub fn stop_requested() -> bool {
    PHASE.load(Ordering::SeqCst) == STOPPING
}

/// Called right before the new output is swapped in: after this the build
/// finishes even if a signal arrives. False when it must stop instead.
pub fn may_commit() -> bool {
    match PHASE.compare_exchange(WRITING, COMMITTING, Ordering::SeqCst, Ordering::SeqCst) {
        Ok(_) => true,
        Err(current) => current != STOPPING,
    }
}

/// The signal that stopped the build, if any.
pub fn received() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// Blocks forever: the signal thread is ending the process.
pub fn wait_for_exit() -> ! {
    loop {
        std::thread::park();
    }
}
