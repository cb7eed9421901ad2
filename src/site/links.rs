//! Cross-article links written as paths to source files
//! (`[xem](../2014/ket-qua.md#muc)`) are rewritten to the article's URL.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::config::BaseUrl;

/// Source path (`content/2014/x.md`) -> site path (`2014/09/x/`).
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    paths: HashMap<PathBuf, String>,
}

impl SourceMap {
    pub fn new(entries: impl IntoIterator<Item = (PathBuf, String)>) -> Self {
        SourceMap {
            paths: entries.into_iter().collect(),
        }
    }

    /// A hash of the whole map: bodies with `.md` links are rendered again
    /// when it changes.
    pub fn key(&self) -> u64 {
        let mut entries: Vec<(&PathBuf, &String)> = self.paths.iter().collect();
        entries.sort();
        crate::render::memo::signature(entries)
    }

    /// The URL for a link written in the file at `from_dir`, if it names a
    /// Markdown source of this site; `None` leaves the link as written.
    pub fn rewrite(&self, base: &BaseUrl, from_dir: &Path, link: &str) -> Option<String> {
        if link.contains("://") || link.starts_with("//") || link.starts_with('#') {
            return None;
        }
        let (file, fragment) = match link.split_once('#') {
            Some((file, fragment)) => (file, Some(fragment)),
            None => (link, None),
        };
        if !(file.ends_with(".md") || file.ends_with(".markdown")) {
            return None;
        }
        let decoded = percent_decode(file);
        let target = if let Some(rooted) = decoded.strip_prefix('/') {
            // `/2014/x.md` is relative to content/.
            normalize(&Path::new(crate::load::CONTENT_DIR).join(rooted))
        } else {
            normalize(&from_dir.join(&decoded))
        }?;
        let path = self.paths.get(&target)?;
        let mut url = base.relative(path);
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(fragment);
        }
        Some(url)
    }
}

/// Resolves `.` and `..` without touching the disk; `None` if it climbs out.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// `%20` and friends in Markdown link destinations.
pub fn percent_decode(text: &str) -> String {
    let hex = |byte: u8| (byte as char).to_digit(16).map(|digit| digit as u8);
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && index + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[index + 1]), hex(bytes[index + 2]))
        {
            decoded.push(high * 16 + low);
            index += 3;
            continue;
        }
        decoded.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_relative_and_rooted_source_links() {
        let map = SourceMap::new([(
            PathBuf::from("content/2014/ket-qua.md"),
            "2014/09/ket-qua/".to_string(),
        )]);
        let base = BaseUrl::parse("https://x.github.io/sct/").expect("base");
        let from = Path::new("content/2015");
        assert_eq!(
            map.rewrite(&base, from, "../2014/ket-qua.md").as_deref(),
            Some("/sct/2014/09/ket-qua/")
        );
        assert_eq!(
            map.rewrite(&base, from, "../2014/ket-qua.md#muc")
                .as_deref(),
            Some("/sct/2014/09/ket-qua/#muc")
        );
        assert_eq!(
            map.rewrite(&base, from, "/2014/ket-qua.md").as_deref(),
            Some("/sct/2014/09/ket-qua/")
        );
        assert_eq!(map.rewrite(&base, from, "../../../etc/x.md"), None);
        assert_eq!(map.rewrite(&base, from, "https://moit.gov.vn/a.md"), None);
        assert_eq!(map.rewrite(&base, from, "khong-co.md"), None);
    }
}
