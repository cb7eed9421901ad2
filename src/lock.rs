//! Output lock: one writer per output folder. A build holds an advisory lock
//! (`flock`) on the folder *containing* the output folder from before it
//! reads the site until its output is swapped in, so two builds (or a build
//! and a deploy script using `flock`) never mix their files: the second
//! waits. While holding the lock, temporary folders left by a killed
//! earlier build (`.public.bantin-tmp-1234`) are removed.
//!
//! The parent folder is locked rather than a lock file so that no extra file
//! appears in the site; the output folder itself cannot be locked because
//! each build replaces it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Suffixes of bantin's temporary siblings of an output folder.
pub const TEMP_SUFFIXES: [&str; 2] = ["bantin-tmp", "bantin-old"];

/// Held while a build writes an output folder; released when dropped (or
/// by the kernel when the process ends, however it ends).
#[derive(Debug)]
pub struct OutputLock {
    #[cfg(target_os = "linux")]
    _handle: Option<fs::File>,
    /// Stale temporary folders removed when the lock was taken.
    pub removed: Vec<PathBuf>,
}

/// The folder whose lock guards `output`, created if missing.
fn guard_dir(output: &Path) -> io::Result<PathBuf> {
    let parent = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    Ok(parent)
}

impl OutputLock {
    /// Takes the lock of `output`; when another build holds it, calls
    /// `on_wait` once and waits for it to finish.
    pub fn acquire(output: &Path, on_wait: impl FnOnce()) -> io::Result<OutputLock> {
        let parent = guard_dir(output)?;
        #[cfg(target_os = "linux")]
        let handle = lock_dir(&parent, on_wait)?;
        #[cfg(not(target_os = "linux"))]
        let _ = on_wait;
        let removed = remove_stale(output);
        Ok(OutputLock {
            #[cfg(target_os = "linux")]
            _handle: handle,
            removed,
        })
    }
}

/// Locks `dir` exclusively, polling while another process holds it. A file
/// system without `flock` (some network mounts) gives `None`: no lock.
#[cfg(target_os = "linux")]
fn lock_dir(dir: &Path, on_wait: impl FnOnce()) -> io::Result<Option<fs::File>> {
    use rustix::fs::{FlockOperation, flock};
    let handle = fs::File::open(dir)?;
    let mut on_wait = Some(on_wait);
    loop {
        match flock(&handle, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(Some(handle)),
            Err(rustix::io::Errno::WOULDBLOCK) => {
                if let Some(notify) = on_wait.take() {
                    notify();
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return Ok(None),
        }
    }
}

/// Whether `name` is a temporary sibling bantin makes for an output folder
/// named `output_name`: `.{output_name}.bantin-tmp-{pid}` or `-old-`.
pub fn is_temp_name(name: &str, output_name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(output_name))
        .and_then(|rest| rest.strip_prefix('.'))
    else {
        return false;
    };
    TEMP_SUFFIXES.iter().any(|suffix| {
        rest.strip_prefix(suffix)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Removes temporary folders of `output` left by builds that were killed
/// (the lock is held, so no live build is using them).
fn remove_stale(output: &Path) -> Vec<PathBuf> {
    let Some(name) = output
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
    else {
        return Vec::new();
    };
    let parent = guard_dir(output).unwrap_or_else(|_| PathBuf::from("."));
    let Ok(entries) = fs::read_dir(&parent) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let entry_name = entry.file_name().to_string_lossy().to_string();
        let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if is_dir && is_temp_name(&entry_name, &name) && fs::remove_dir_all(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognized_exactly() {
        assert!(is_temp_name(".public.bantin-tmp-1234", "public"));
        assert!(is_temp_name(".public.bantin-old-7", "public"));
        for other in [
            ".public.bantin-tmp-",
            ".public.bantin-tmp-12a",
            "public.bantin-tmp-1",
            ".site.bantin-tmp-1",
            ".public.bantin-lock",
            ".public",
        ] {
            assert!(!is_temp_name(other, "public"), "{other}");
        }
    }

    #[test]
    fn stale_temporary_folders_are_removed_under_the_lock() {
        let temp = tempfile::tempdir().expect("temp dir");
        let stale = temp.path().join(".public.bantin-tmp-999999");
        fs::create_dir_all(stale.join("2014")).expect("stale");
        let unrelated = temp.path().join(".public-notes");
        fs::create_dir_all(&unrelated).expect("unrelated");
        let lock = OutputLock::acquire(&temp.path().join("public"), || {}).expect("lock");
        assert_eq!(lock.removed, vec![stale.clone()]);
        assert!(!stale.exists());
        assert!(unrelated.exists());
    }
}
