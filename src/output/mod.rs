//! Output stage: files in memory -> the output folder, atomically. The build
//! is written into a sibling temporary folder and swapped in only when every
//! file is written, so a failed or interrupted build leaves the previous
//! output untouched. bantin only ever replaces a folder it created itself
//! (it carries a marker file).

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

mod sink;
pub use sink::{Collect, Discard, Sink, Staging};

/// Marks a folder as bantin's output: only such folders are ever replaced.
pub const MARKER: &str = ".bantin-output";

/// Where a file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes shared with a cache (pages `serve` reuses between builds).
    Shared(std::sync::Arc<[u8]>),
    /// A file copied verbatim (static files, attachments).
    Copy(PathBuf),
}

impl Contents {
    /// The bytes, reading copied files from disk.
    pub fn read(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::Shared(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::Copy(path) => fs::read(path).map(std::borrow::Cow::Owned),
        }
    }

    /// Owned bytes become shared ones, so that `serve` keeps and hands them
    /// around without copying; other contents stay as they are.
    pub fn share(&mut self) {
        if let Contents::Bytes(bytes) = self {
            *self = Contents::Shared(std::mem::take(bytes).into());
        }
    }
}

/// One file of the output, at a `/`-separated path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

/// Why the output could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder exists, holds files and was not made by bantin.
    NotOurs(PathBuf),
    /// An I/O failure, with the path involved.
    Io(PathBuf, io::Error),
    /// Two outputs claim one path (a bug or a theme/content clash).
    Duplicate(String),
    /// A path that would escape the output folder.
    UnsafePath(String),
    /// A signal stopped the build while it was writing.
    Interrupted,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::NotOurs(path) => write!(
                f,
                "{} exists and was not created by bantin (no {MARKER} file); refusing to replace it — choose an empty or new folder with -o",
                path.display()
            ),
            OutputError::Io(path, error) => {
                let hint = match error.raw_os_error() {
                    Some(28) => " (the disk is full)",
                    Some(122) => " (the disk quota is exceeded)",
                    Some(27) => " (the file size limit is exceeded)",
                    _ => "",
                };
                write!(f, "cannot write {}: {error}{hint}", path.display())
            }
            OutputError::Duplicate(path) => write!(f, "two outputs would be written to {path}"),
            OutputError::UnsafePath(path) => {
                write!(f, "refusing to write outside the output folder: {path}")
            }
            OutputError::Interrupted => {
                let signal = crate::interrupt::received()
                    .map(crate::interrupt::signal_name)
                    .unwrap_or("a signal");
                write!(f, "build interrupted by {signal} while writing")
            }
        }
    }
}

impl std::error::Error for OutputError {}

impl OutputError {
    /// A copy for a second report of the same failure (io::Error is not `Clone`).
    pub fn clone_for_report(&self) -> OutputError {
        match self {
            OutputError::NotOurs(path) => OutputError::NotOurs(path.clone()),
            OutputError::Io(path, error) => {
                let copy = match error.raw_os_error() {
                    Some(code) => std::io::Error::from_raw_os_error(code),
                    None => std::io::Error::new(error.kind(), error.to_string()),
                };
                OutputError::Io(path.clone(), copy)
            }
            OutputError::Duplicate(path) => OutputError::Duplicate(path.clone()),
            OutputError::UnsafePath(path) => OutputError::UnsafePath(path.clone()),
            OutputError::Interrupted => OutputError::Interrupted,
        }
    }
}

/// Checks that every path is a plain relative path and appears once.
pub fn check_paths(files: &[OutputFile]) -> Result<(), OutputError> {
    let mut seen = BTreeSet::new();
    for file in files {
        check_path(&file.path)?;
        if !seen.insert(file.path.as_str()) {
            return Err(OutputError::Duplicate(file.path.clone()));
        }
    }
    Ok(())
}

/// A plain relative path: no `..`, no root, no backslash or NUL.
pub fn check_path(path: &str) -> Result<(), OutputError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..");
    if bad {
        Err(OutputError::UnsafePath(path.to_string()))
    } else {
        Ok(())
    }
}

/// Whether bantin may replace `dir`: missing, empty, or marked as ours.
pub fn may_replace(dir: &Path) -> Result<(), OutputError> {
    match fs::read_dir(dir) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(OutputError::Io(dir.to_path_buf(), error)),
        Ok(mut entries) => {
            if dir.join(MARKER).is_file() || entries.next().is_none() {
                Ok(())
            } else {
                Err(OutputError::NotOurs(dir.to_path_buf()))
            }
        }
    }
}

/// A sibling of `dir` with a distinct suffix: same file system, so renames are atomic.
pub(crate) fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    dir.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
}

/// Writes all files into `dir`, replacing its previous contents atomically;
/// waits while another build writes the same folder.
pub fn write_atomically(dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let _lock = crate::lock::OutputLock::acquire(dir, || {})
        .map_err(|error| OutputError::Io(dir.to_path_buf(), error))?;
    write_locked(dir, files)
}

/// `write_atomically` for a caller holding the folder's `OutputLock`.
pub fn write_locked(dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    check_paths(files)?;
    let staging = Staging::create(dir)?;
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    staging.prepare(&paths, crate::config::Compression::default())?;
    files
        .par_iter()
        .try_for_each(|file| staging.put(file.clone()))?;
    staging.commit()
}

fn write_file(path: &Path, contents: &Contents) -> Result<(), OutputError> {
    let fail = |error| OutputError::Io(path.to_path_buf(), error);
    match contents {
        Contents::Bytes(bytes) => {
            let mut file = fs::File::create(path).map_err(fail)?;
            file.write_all(bytes).map_err(fail)
        }
        Contents::Shared(bytes) => {
            let mut file = fs::File::create(path).map_err(fail)?;
            file.write_all(bytes).map_err(fail)
        }
        Contents::Copy(source) => fs::copy(source, path)
            .map(|_| ())
            .map_err(|error| OutputError::Io(source.clone(), error)),
    }
}

/// Puts `staging` in place of `dir`. On Linux both folders are exchanged in
/// one step (`renameat2(RENAME_EXCHANGE)`), so `dir` never stops existing.
fn swap_in(staging: &Path, dir: &Path) -> Result<(), OutputError> {
    if !dir.exists() {
        return fs::rename(staging, dir).map_err(|error| OutputError::Io(dir.to_path_buf(), error));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous output.
            return fs::remove_dir_all(staging)
                .map_err(|error| OutputError::Io(staging.to_path_buf(), error));
        }
    }
    let previous = sibling(dir, "bantin-old");
    fs::rename(dir, &previous).map_err(|error| OutputError::Io(dir.to_path_buf(), error))?;
    if let Err(error) = fs::rename(staging, dir) {
        let _ = fs::rename(&previous, dir);
        return Err(OutputError::Io(dir.to_path_buf(), error));
    }
    fs::remove_dir_all(&previous).map_err(|error| OutputError::Io(previous, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_previous_output_without_leftovers() {
        let temp = tempfile::tempdir().expect("temp dir");
        let out = temp.path().join("public");
        write_atomically(&out, &[file("a/index.html", "1"), file("old.html", "x")]).expect("first");
        write_atomically(&out, &[file("a/index.html", "2")]).expect("second");
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).expect("read"),
            "2"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(temp.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_folders_it_did_not_create() {
        let temp = tempfile::tempdir().expect("temp dir");
        fs::write(temp.path().join("thesis.docx"), "precious").expect("write");
        let error =
            write_atomically(temp.path(), &[file("index.html", "x")]).expect_err("not ours");
        assert!(matches!(error, OutputError::NotOurs(_)));
        assert!(temp.path().join("thesis.docx").exists());
    }

    #[test]
    fn refuses_paths_that_escape() {
        for path in ["../x", "/etc/passwd", "a/../../x", "a\\b", ""] {
            assert!(check_paths(&[file(path, "")]).is_err(), "{path}");
        }
        assert!(matches!(
            check_paths(&[file("a", ""), file("a", "")]),
            Err(OutputError::Duplicate(_))
        ));
    }
}
