//! Watching the site's sources: `content/`, `themes/`, `templates/`,
//! `static/` and `site.yaml`. Raw notify events are gathered until the file
//! system has been quiet for a moment, so an editor's atomic save (write a
//! temporary file, rename it over the original) or a `git checkout` of a
//! hundred files gives one batch, hence one rebuild. Swap, backup and hidden
//! files never trigger anything.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::is_ignored_name;

/// Folders of the site root that hold sources.
pub const WATCHED_DIRS: &[&str] = &["content", "themes", "templates", "static"];
/// Files of the site root that hold sources.
pub const WATCHED_FILES: &[&str] = &[crate::config::CONFIG_FILE];

/// How long the file system must stay quiet before a batch is closed: short
/// for an editor's save (one to three events), longer once a burst shows
/// (a `git checkout`, a copied folder), whose writes may pause on a busy disk.
pub const QUIET: Duration = Duration::from_millis(30);
pub const BURST_QUIET: Duration = Duration::from_millis(250);
/// More changed paths than this make a batch a burst.
const BURST: usize = 4;
/// A batch is closed after this long even if events keep coming.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// Changed source paths, relative to the site root.
pub type Batch = BTreeSet<PathBuf>;

/// In a batch: events were lost (the kernel's queue overflowed), so every
/// source must be looked at again.
pub const RESCAN: &str = "*rescan*";

/// Starts watching `root`; batches of changed paths arrive on the receiver.
/// Watching stops when the receiver is dropped.
pub fn watch(root: &Path) -> notify::Result<Receiver<Batch>> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (raw_sender, raw_receiver) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_sender)?;
    // The root itself, not recursively: site.yaml (replaced on atomic saves)
    // and source folders created after start.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let (sender, receiver) = mpsc::channel();
    let thread_root = root.clone();
    std::thread::Builder::new()
        .name("bantin-watch".into())
        .spawn(move || debounce(&thread_root, watcher, raw_receiver, sender))
        .map_err(notify::Error::io)?;
    Ok(receiver)
}

/// Gathers raw events into batches separated by quiet periods. Owns the
/// watcher, so that source folders created later get watched too.
fn debounce(
    root: &Path,
    mut watcher: RecommendedWatcher,
    raw: Receiver<notify::Result<notify::Event>>,
    batches: Sender<Batch>,
) {
    loop {
        let Ok(first) = raw.recv() else { return };
        let mut batch = Batch::new();
        add_event(root, first, &mut batch);
        let started = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            let quiet = if batch.len() > BURST {
                BURST_QUIET
            } else {
                QUIET
            };
            match raw.recv_timeout(quiet.min(left)) {
                Ok(event) => add_event(root, event, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if started.elapsed() >= MAX_WAIT {
                break;
            }
        }
        for dir in WATCHED_DIRS {
            if batch.contains(Path::new(dir)) && root.join(dir).is_dir() {
                let _ = watcher.watch(&root.join(dir), RecursiveMode::Recursive);
            }
        }
        if !batch.is_empty() && batches.send(batch).is_err() {
            return;
        }
    }
}

fn add_event(root: &Path, event: notify::Result<notify::Event>, batch: &mut Batch) {
    let Ok(event) = event else {
        batch.insert(PathBuf::from(RESCAN));
        return;
    };
    if event.need_rescan() {
        batch.insert(PathBuf::from(RESCAN));
        return;
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in event.paths {
        if let Some(relative) = relevant(root, &path) {
            batch.insert(relative);
        }
    }
}

/// The path relative to the root if it is a source the site is built from.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let first = components.next()?.as_os_str().to_string_lossy().to_string();
    let is_source = WATCHED_DIRS.contains(&first.as_str())
        || (WATCHED_FILES.contains(&first.as_str()) && components.clone().next().is_none());
    if !is_source {
        return None;
    }
    let ignored = relative
        .components()
        .any(|component| is_ignored_name(&component.as_os_str().to_string_lossy()));
    (!ignored).then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_count() {
        let root = Path::new("/site");
        assert_eq!(
            relevant(root, Path::new("/site/content/2014/x.md")),
            Some(PathBuf::from("content/2014/x.md"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/site.yaml")),
            Some(PathBuf::from("site.yaml"))
        );
        assert!(
            relevant(
                root,
                Path::new("/site/themes/default/static/assets/style.css")
            )
            .is_some()
        );
        for ignored in [
            "/site/public/index.html",
            "/site/target/x",
            "/site/content/2014/.x.md.swp",
            "/site/content/2014/x.md~",
            "/site/content/2014/.#x.md",
            "/site/content/.git/HEAD",
            "/site/README.md",
            "/elsewhere/content/x.md",
        ] {
            assert_eq!(relevant(root, Path::new(ignored)), None, "{ignored}");
        }
    }
}
