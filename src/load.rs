//! Load stage: `content/` -> source files. Reads every Markdown file, checks
//! that it is UTF-8 text, strips a BOM, turns CRLF into LF and normalizes to
//! NFC, so later stages see one canonical form of the text.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};

pub const CONTENT_DIR: &str = "content";
/// Standalone pages (Giới thiệu, Liên hệ, ...) live here, not in news lists.
pub const PAGES_DIR: &str = "pages";
/// Larger files are refused: no bulletin is this long, and the limit keeps
/// memory and time bounded when someone drops a data dump into `content/`.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What a source file becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Article,
    Page,
}

/// One Markdown file, decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as shown in diagnostics (`content/2014/x.md`).
    pub path: PathBuf,
    /// The folder holding the file's own assets: the bundle folder for
    /// `x/index.md`, otherwise the file's folder (relative to the site root).
    pub dir: PathBuf,
    /// True for `index.md` page bundles.
    pub is_bundle: bool,
    pub kind: SourceKind,
    /// NFC text with LF line endings and no BOM (shared: `serve` keeps it).
    pub text: Arc<str>,
    /// Hash of `text` when loaded for `serve` (0 otherwise).
    pub hash: u64,
}

/// Everything read from `content/`, in path order.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub sources: Vec<SourceFile>,
}

/// Reads all Markdown files under `root/content`, in path order.
pub fn load_content(root: &Path) -> (Content, Vec<Diagnostic>) {
    load_content_with(root, None, None)
}

/// Sources kept between builds by `serve`: a file is read again only when
/// its size or modification time changed, or the watcher named it.
#[derive(Debug, Default)]
pub struct SourceCache {
    files: HashMap<PathBuf, CachedFile>,
    /// The Markdown files of the last listing, with the walk's diagnostics;
    /// updated from the watcher's paths instead of walking again when it can.
    listing: Option<Listing>,
}

/// Markdown files found under `content/`, and the problems met finding them.
type Listing = (Vec<(PathBuf, Stamp)>, Vec<Diagnostic>);

#[derive(Debug)]
struct CachedFile {
    stamp: Stamp,
    result: Result<SourceFile, Diagnostic>,
}

/// What tells a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// Reads the Markdown files under `root/content`, reusing `cache` for files
/// that did not change (paths in `changed` are relative to the root).
pub fn load_content_with(
    root: &Path,
    cache: Option<&mut SourceCache>,
    changed: Option<&BTreeSet<PathBuf>>,
) -> (Content, Vec<Diagnostic>) {
    let content_dir = root.join(CONTENT_DIR);
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        let diagnostic = Diagnostic::file_error(CONTENT_DIR, "the content folder is missing")
            .with_hint("create content/ and put one Markdown file per article in it");
        return (Content::default(), vec![diagnostic]);
    }
    let listed = cache
        .as_ref()
        .and_then(|cache| cache.listing.as_ref())
        .and_then(|listing| update_listing(root, &listing.0, changed?));
    let (found, walk_diagnostics) = match listed {
        Some(found) => (
            found,
            cache
                .as_ref()
                .and_then(|cache| cache.listing.as_ref())
                .map(|listing| listing.1.clone())
                .unwrap_or_default(),
        ),
        None => walk_content(root, &content_dir),
    };
    diagnostics.extend(walk_diagnostics.iter().cloned());
    let results: Vec<Result<SourceFile, Diagnostic>> = match cache {
        None => found
            .par_iter()
            .map(|(path, _)| read_source(root, path))
            .collect(),
        Some(cache) => {
            let results = read_with_cache(root, &found, cache, changed);
            cache.listing = Some((found, walk_diagnostics));
            results
        }
    };
    let mut sources = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (Content { sources }, diagnostics)
}

/// Lists the Markdown files under `content/` with their stamps.
fn walk_content(root: &Path, content_dir: &Path) -> (Vec<(PathBuf, Stamp)>, Vec<Diagnostic>) {
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
                let stamp = entry
                    .metadata()
                    .map(|metadata| Stamp {
                        len: metadata.len(),
                        modified: metadata.modified().ok(),
                    })
                    .unwrap_or(Stamp {
                        len: u64::MAX,
                        modified: None,
                    });
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
fn update_listing(
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

fn read_with_cache(
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

fn with_hash(mut source: SourceFile) -> SourceFile {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&*source.text, &mut hasher);
    source.hash = std::hash::Hasher::finish(&hasher) | 1;
    source
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

fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = display_path(root, path);
    let size = std::fs::metadata(path)
        .map_err(|error| Diagnostic::file_error(&shown, format!("cannot read: {error}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::file_error(
            &shown,
            format!(
                "file is {} MB; the limit is {} MB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("split the article, or publish large data as an attachment"));
    }
    let bytes = std::fs::read(path)
        .map_err(|error| Diagnostic::file_error(&shown, format!("cannot read: {error}")))?;
    let text = decode_text(&shown, bytes)?;
    let content_relative = path.strip_prefix(root.join(CONTENT_DIR)).unwrap_or(path);
    let kind = match content_relative.components().next() {
        Some(first) if first.as_os_str() == PAGES_DIR => SourceKind::Page,
        _ => SourceKind::Article,
    };
    let is_bundle = path.file_stem().is_some_and(|stem| stem == "index");
    let dir = shown.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(SourceFile {
        path: shown,
        dir,
        is_bundle,
        kind,
        text: Arc::from(text),
        hash: 0,
    })
}

/// Decodes file bytes as UTF-8 text: BOM stripped, CRLF -> LF, NFC.
pub fn decode_text(shown: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::file_error(shown, "file is UTF-16; bantin reads UTF-8")
                .with_hint("save the file as UTF-8, or convert it with `bantin import`"),
        );
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::file_error(
            shown,
            "file contains NUL bytes: it is binary, not text",
        )
        .with_hint("only Markdown text belongs in .md files"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let valid = &error.as_bytes()[..offset];
            let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
            return Err(Diagnostic::file_error(
                shown,
                format!("file is not UTF-8 text (invalid byte at line {line})"),
            )
            .with_hint("save it as UTF-8; legacy TCVN3 or Windows-1258 files can be converted with `bantin import`"));
        }
    };
    Ok(normalize_text(text))
}

/// CRLF and lone CR become LF, and so do the Unicode line and paragraph
/// separators and NEL (U+2028, U+2029, U+0085: Word pastes them, and YAML
/// counts them as line breaks, so left alone they would shift the line
/// numbers of every later diagnostic). The text becomes NFC.
pub fn normalize_text(text: String) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let text = if text.contains(['\u{2028}', '\u{2029}', '\u{85}']) {
        text.replace(['\u{2028}', '\u{2029}', '\u{85}'], "\n")
    } else {
        text
    };
    // Characters below U+0300 are all starters that are NFC as they are;
    // leaving them out can only turn "yes" into "maybe" (then we normalize,
    // which is always right), never the other way round.
    if is_nfc_quick(text.chars().filter(|&c| c >= '\u{300}')) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nfd_are_normalized() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(
            "---\r\ntitle: Khuye\u{302}\u{301}n co\u{302}ng\r\n---\r\n".as_bytes(),
        );
        let text = decode_text(Path::new("x.md"), bytes).expect("valid text");
        assert_eq!(text, "---\ntitle: Khuyến công\n---\n");
    }

    #[test]
    fn unicode_line_separators_become_line_feeds() {
        // Found by fuzzing: YAML counts U+2028 as a line break, so
        // diagnostics pointed past the end of the file.
        let text = normalize_text("a\u{2028}b\u{2029}c\u{85}d".to_string());
        assert_eq!(text, "a\nb\nc\nd");
    }

    #[test]
    fn latin1_bytes_are_an_error_naming_the_line() {
        let bytes = b"---\ntitle: caf\xe9\n".to_vec();
        let error = decode_text(Path::new("content/x.md"), bytes).expect_err("not UTF-8");
        assert!(
            error.to_string().starts_with(
                "content/x.md: error: file is not UTF-8 text (invalid byte at line 2)"
            )
        );
    }

    #[test]
    fn binary_files_are_refused() {
        let error =
            decode_text(Path::new("x.md"), vec![0x89, b'P', b'N', b'G', 0, 0]).expect_err("binary");
        assert!(error.message.contains("NUL"));
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", ".#x.md", "#x.md#", ".hidden"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("ket-qua.md"));
    }
}
