//! Load stage: walking `content/` for Markdown files (or updating the last
//! listing from the watcher's changed paths), skipping editor droppings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::CONTENT_DIR;
use super::cache::Stamp;
use crate::diagnostics::{Diagnostic, display_path};

/// Lists the Markdown files under `content/`, with their stamps when
/// `stamps` (only `serve`'s cache needs them: one `stat` per file less).
pub(super) fn walk_content(
    root: &Path,
    content_dir: &Path,
    stamps: bool,
) -> (Vec<(PathBuf, Stamp)>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut found: Vec<(PathBuf, Stamp)> = Vec::new();
    let confinement = crate::confine::Confinement::for_site(root);
    let mut walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !is_ignored_name(&entry.file_name().to_string_lossy())
        });
    while let Some(entry) = walker.next() {
        if let Ok(linked) = &entry
            && linked.depth() > 0
            && linked.path_is_symlink()
            && !confinement.allows(linked.path())
        {
            let shown = display_path(root, linked.path());
            diagnostics.push(Diagnostic::file_error(
                &shown,
                crate::confine::Confinement::message(&shown),
            ));
            if linked.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_markdown(entry.path()) => {
                let unknown = Stamp {
                    len: u64::MAX,
                    modified: None,
                };
                let stamp = match stamps {
                    true => entry
                        .metadata()
                        .map(|metadata| Stamp {
                            len: metadata.len(),
                            modified: metadata.modified().ok(),
                        })
                        .unwrap_or(unknown),
                    false => unknown,
                };
                found.push((entry.into_path(), stamp));
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(walk_error(root, &error)),
        }
    }
    (found, diagnostics)
}

/// The last listing updated with the watcher's changed paths, or `None`
/// when only a new walk can tell (a folder appeared or went away, a link).
pub(super) fn update_listing(
    root: &Path,
    listing: &[(PathBuf, Stamp)],
    changed: &BTreeSet<PathBuf>,
) -> Option<Vec<(PathBuf, Stamp)>> {
    let mut files: std::collections::BTreeMap<PathBuf, Stamp> = listing.iter().cloned().collect();
    for relative in changed {
        if !relative.starts_with(CONTENT_DIR) {
            continue;
        }
        let path = root.join(relative);
        let ignored = relative
            .components()
            .any(|part| is_ignored_name(&part.as_os_str().to_string_lossy()));
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() || metadata.is_dir() => return None,
            Ok(metadata) => {
                if is_markdown(&path) && !ignored {
                    files.insert(
                        path,
                        Stamp {
                            len: metadata.len(),
                            modified: metadata.modified().ok(),
                        },
                    );
                }
            }
            Err(_) if files.remove(&path).is_some() => {}
            // Something unknown went away: perhaps a whole folder.
            Err(_) if path.extension().is_none() => return None,
            Err(_) => {}
        }
    }
    Some(files.into_iter().collect())
}

fn walk_error(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error
        .path()
        .map(|path| display_path(root, path))
        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    if error.loop_ancestor().is_some() {
        Diagnostic::file_error(
            path,
            "symbolic link loop: this folder links back to one of its parents",
        )
        .with_hint("remove the link; bantin does not follow loops")
    } else {
        Diagnostic::file_error(path, format!("cannot read: {error}"))
    }
}

/// Editor droppings and hidden files never count as content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "md" || extension == "markdown")
}
