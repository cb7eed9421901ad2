//! Load stage: one file's bytes -> a `SourceFile` (size limit, UTF-8 check,
//! BOM stripped, line breaks unified, NFC).

use std::path::Path;
use std::sync::Arc;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{CONTENT_DIR, MAX_FILE_BYTES, PAGES_DIR, SourceFile, SourceKind};
use crate::diagnostics::{Diagnostic, display_path};

pub(super) fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = display_path(root, path);
    let cannot =
        |error: std::io::Error| Diagnostic::file_error(&shown, format!("cannot read: {error}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
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
    let mut bytes = Vec::with_capacity(size as usize + 1);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(cannot)?;
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
