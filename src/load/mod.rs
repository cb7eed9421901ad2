//! Load stage: `content/` -> source files. Reads every Markdown file, checks
//! that it is UTF-8 text, strips a BOM, turns CRLF into LF and normalizes to
//! NFC, so later stages see one canonical form of the text.

mod cache;
mod decode;
mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use cache::SourceCache;
use cache::read_with_cache;
use decode::read_source;
pub use decode::{decode_text, normalize_text};
pub use walk::is_ignored_name;
use walk::{update_listing, walk_content};

use crate::diagnostics::Diagnostic;

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
        None => walk_content(root, &content_dir, cache.is_some()),
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
