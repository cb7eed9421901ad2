//! CPU-time clocks for `--timings` (Linux); elsewhere they read zero and
//! `--timings` shows wall time instead.

use std::time::{Duration, Instant};

#[cfg(target_os = "linux")]
fn clock(id: rustix::time::ClockId) -> Duration {
    let time = rustix::time::clock_gettime(id);
    Duration::new(
        time.tv_sec.max(0) as u64,
        time.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// CPU time of the calling thread so far.
pub fn thread() -> Duration {
    #[cfg(target_os = "linux")]
    return clock(rustix::time::ClockId::ThreadCPUTime);
    #[cfg(not(target_os = "linux"))]
    return Duration::ZERO;
}

/// CPU time of the whole process so far.
pub fn process() -> Duration {
    #[cfg(target_os = "linux")]
    return clock(rustix::time::ClockId::ProcessCPUTime);
    #[cfg(not(target_os = "linux"))]
    return Duration::ZERO;
}

/// `spent`, or the wall time since `started` where there is no CPU clock.
pub fn or_wall(spent: Duration, started: Instant) -> Duration {
    if spent.is_zero() {
        started.elapsed()
    } else {
        spent
    }
}
