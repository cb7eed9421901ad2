//! Load stage: the source cache `serve` keeps between builds, reading a file
//! again only when its stamp changed or the watcher named it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::SourceFile;
use super::decode::read_source;
use crate::diagnostics::Diagnostic;

/// Sources kept between builds by `serve`: a file is read again only when
/// its size or modification time changed, or the watcher named it.
#[derive(Debug, Default)]
pub struct SourceCache {
    files: HashMap<PathBuf, CachedFile>,
    /// The Markdown files of the last listing, with the walk's diagnostics;
    /// updated from the watcher's paths instead of walking again when it can.
    pub(super) listing: Option<Listing>,
}

/// Markdown files found under `content/`, and the problems met finding them.
pub(super) type Listing = (Vec<(PathBuf, Stamp)>, Vec<Diagnostic>);

#[derive(Debug)]
struct CachedFile {
    stamp: Stamp,
    result: Result<SourceFile, Diagnostic>,
}

/// What tells a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: Option<SystemTime>,
}

pub(super) fn read_with_cache(
    root: &Path,
    found: &[(PathBuf, Stamp)],
    cache: &mut SourceCache,
    changed: Option<&BTreeSet<PathBuf>>,
) -> Vec<Result<SourceFile, Diagnostic>> {
    let is_changed = |path: &Path| match changed {
        None => false,
        Some(changed) => path
            .strip_prefix(root)
            .is_ok_and(|relative| changed.contains(relative)),
    };
    let fresh: Vec<(usize, Result<SourceFile, Diagnostic>)> = found
        .par_iter()
        .enumerate()
        .filter(|(_, (path, stamp))| {
            is_changed(path)
                || cache
                    .files
                    .get(path)
                    .is_none_or(|cached| cached.stamp != *stamp)
        })
        .map(|(index, (path, _))| (index, read_source(root, path).map(with_hash)))
        .collect();
    for (index, result) in fresh {
        let (path, stamp) = &found[index];
        cache.files.insert(
            path.clone(),
            CachedFile {
                stamp: *stamp,
                result,
            },
        );
    }
    let present: std::collections::HashSet<&PathBuf> = found.iter().map(|(path, _)| path).collect();
    cache.files.retain(|path, _| present.contains(path));
    found
        .iter()
        .filter_map(|(path, _)| cache.files.get(path).map(|cached| cached.result.clone()))
        .collect()
}

impl SourceCache {
    /// Reads `paths` (relative to `root`) again for a rebuild that knows
    /// only they changed; `None` when one of them is no longer a readable
    /// Markdown file of the last listing (only a full load can tell then).
    pub fn reload(&mut self, root: &Path, paths: &[&Path]) -> Option<Vec<SourceFile>> {
        let mut sources = Vec::with_capacity(paths.len());
        for relative in paths {
            let path = root.join(relative);
            let metadata = std::fs::symlink_metadata(&path).ok()?;
            if !metadata.is_file() {
                return None;
            }
            let stamp = Stamp {
                len: metadata.len(),
                modified: metadata.modified().ok(),
            };
            let listed = self
                .listing
                .as_mut()?
                .0
                .iter_mut()
                .find(|(listed, _)| *listed == path)?;
            let source = read_source(root, &path).map(with_hash).ok()?;
            listed.1 = stamp;
            let result = Ok(source.clone());
            self.files.insert(path, CachedFile { stamp, result });
            sources.push(source);
        }
        Some(sources)
    }
}

fn with_hash(mut source: SourceFile) -> SourceFile {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&*source.text, &mut hasher);
    source.hash = std::hash::Hasher::finish(&hasher) | 1;
    source
}
