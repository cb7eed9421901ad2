//! Progress on a terminal: a spinner naming the current stage appears only
//! when a build takes longer than a second, and never when stderr is not a
//! terminal (CI logs, pipes, tests).

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

const DELAY: Duration = Duration::from_secs(1);

/// Reports which stage a long build is in.
#[derive(Clone)]
pub struct Progress {
    inner: Option<Arc<Mutex<Inner>>>,
}

struct Inner {
    started: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A progress reporter that shows itself only on a terminal.
    pub fn for_terminal() -> Self {
        if std::io::stderr().is_terminal() {
            Progress {
                inner: Some(Arc::new(Mutex::new(Inner {
                    started: Instant::now(),
                    bar: None,
                }))),
            }
        } else {
            Progress::hidden()
        }
    }

    /// A reporter that never prints.
    pub fn hidden() -> Self {
        Progress { inner: None }
    }

    /// Names the stage now running; shows the spinner once past the delay.
    pub fn stage(&self, name: &str) {
        let Some(inner) = &self.inner else { return };
        let Ok(mut inner) = inner.lock() else { return };
        if inner.bar.is_none() && inner.started.elapsed() >= DELAY {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            inner.bar = Some(bar);
        }
        if let Some(bar) = &inner.bar {
            bar.set_message(name.to_string());
        }
    }

    /// Removes the spinner before the summary line is printed.
    pub fn finish(&self) {
        let Some(inner) = &self.inner else { return };
        if let Ok(mut inner) = inner.lock()
            && let Some(bar) = inner.bar.take()
        {
            bar.finish_and_clear();
        }
    }
}
