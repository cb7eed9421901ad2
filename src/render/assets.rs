//! Fingerprinted assets: static files (theme and site) -> the `AssetMap`
//! from logical path to published path. CSS and JS get a content hash in
//! their name (`assets/style.3f2a1c9e.css`), so hosts can cache them for a
//! year; images, PDFs and other files keep their names, and HTML keeps its
//! stable URLs. Templates reach assets through `asset('assets/style.css')`.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::theme::{StaticSource, Theme};
use crate::diagnostics::Diagnostic;

/// Logical asset path (`assets/style.css`) -> published path.
pub type AssetMap = BTreeMap<String, String>;

/// Extensions whose files are published under a content-hashed name.
pub const FINGERPRINTED: &[&str] = &["css", "js", "mjs"];

/// Hex digits of the content hash in a published name.
pub const HASH_LENGTH: usize = 8;

/// The published path of every static file of the theme and the site.
pub fn asset_map(theme: &Theme) -> Result<AssetMap, Vec<Diagnostic>> {
    let mut map = AssetMap::new();
    let mut diagnostics = Vec::new();
    for (name, source) in &theme.static_files {
        if !is_fingerprinted(name) {
            map.insert(name.clone(), name.clone());
            continue;
        }
        match read(source) {
            Ok(bytes) => {
                map.insert(name.clone(), fingerprinted_name(name, &bytes));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.is_empty() {
        Ok(map)
    } else {
        Err(diagnostics)
    }
}

fn read(source: &StaticSource) -> Result<std::borrow::Cow<'static, [u8]>, Diagnostic> {
    match source {
        StaticSource::Builtin(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
        StaticSource::File(path) => {
            std::fs::read(path)
                .map(std::borrow::Cow::Owned)
                .map_err(|error| {
                    Diagnostic::file_error(path, format!("cannot read static file: {error}"))
                })
        }
    }
}

/// Whether `name` is published with a content hash.
pub fn is_fingerprinted(name: &str) -> bool {
    extension(name).is_some_and(|extension| FINGERPRINTED.contains(&extension))
}

fn extension(name: &str) -> Option<&str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.')
        .map(|(_, extension)| extension)
        .filter(|_| !file.starts_with('.'))
}

/// `assets/style.css` + bytes -> `assets/style.3f2a1c9e.css`.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest
        .iter()
        .take(HASH_LENGTH / 2)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.{hash}.{extension}"),
        None => format!("{name}.{hash}"),
    }
}

/// The logical name of a published path: `assets/style.3f2a1c9e.css` ->
/// `assets/style.css`; other paths are returned unchanged.
pub fn logical_name(published: &str) -> String {
    let Some((rest, extension)) = published.rsplit_once('.') else {
        return published.to_string();
    };
    match rest.rsplit_once('.') {
        Some((stem, hash))
            if hash.len() == HASH_LENGTH
                && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
                && FINGERPRINTED.contains(&extension) =>
        {
            format!("{stem}.{extension}")
        }
        _ => published.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_and_js_get_a_content_hash_other_files_keep_their_names() {
        let mut theme = Theme::default();
        theme.static_files.insert(
            "assets/style.css".into(),
            StaticSource::Builtin(b"body{color:red}"),
        );
        theme
            .static_files
            .insert("assets/site.js".into(), StaticSource::Builtin(b"1;"));
        theme
            .static_files
            .insert("files/logo.png".into(), StaticSource::Builtin(b"png"));
        let map = asset_map(&theme).expect("map");
        let style = &map["assets/style.css"];
        assert!(style.starts_with("assets/style.") && style.ends_with(".css"));
        assert_eq!(style.len(), "assets/style..css".len() + HASH_LENGTH);
        assert_eq!(map["files/logo.png"], "files/logo.png");
        assert_eq!(logical_name(style), "assets/style.css");
        assert_eq!(logical_name(&map["assets/site.js"]), "assets/site.js");
        assert_eq!(logical_name("files/logo.png"), "files/logo.png");
    }

    #[test]
    fn the_hash_follows_the_content_only() {
        let one = fingerprinted_name("assets/style.css", b"a{}");
        assert_eq!(one, fingerprinted_name("assets/style.css", b"a{}"));
        assert_ne!(one, fingerprinted_name("assets/style.css", b"b{}"));
        // The first four bytes of SHA-256, in hex: stable across builds and machines.
        let expected = {
            let digest = Sha256::digest(b"a{}");
            format!(
                "assets/style.{:02x}{:02x}{:02x}{:02x}.css",
                digest[0], digest[1], digest[2], digest[3]
            )
        };
        assert_eq!(one, expected);
    }
}
