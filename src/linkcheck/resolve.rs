//! URL resolution: a reference found on a page -> the output file it reaches,
//! exactly as a browser and a static host would resolve it (relative to the
//! page URL, dot segments removed, query dropped, `%XX` decoded, `dir/` ->
//! `dir/index.html`), or why it reaches none.

use std::collections::HashSet;

use crate::config::BaseUrl;
use crate::site::links::percent_decode;

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Not checked: `mailto:`, `tel:`, `data:`, an empty link.
    Ignored,
    /// An http(s) URL of another site (checked only with `--external`).
    External(String),
    /// A file of this site; `file` is `None` when nothing is published there.
    Internal {
        file: Option<String>,
        /// The site path asked for (`2014/09/x/`), for messages.
        site_path: String,
        /// Decoded fragment, if any (`ket-qua` for `#ket-qua`).
        fragment: Option<String>,
    },
    /// A root-relative path outside the site's base path (`/assets/x.css`
    /// on a site published under `/so-cong-thuong/`).
    OutsideBase(String),
}

/// The output paths of one build, however the caller keeps them.
pub trait PathSet: Sync {
    fn has(&self, path: &str) -> bool;
}

impl PathSet for HashSet<&str> {
    fn has(&self, path: &str) -> bool {
        self.contains(path)
    }
}

impl<V: Sync, S: std::hash::BuildHasher + Sync> PathSet
    for std::collections::HashMap<String, V, S>
{
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }
}

/// Resolves references against the output of one build.
pub struct Resolver<'a> {
    base: &'a BaseUrl,
    /// `https://host/base/`: absolute URLs starting so are internal.
    absolute_base: String,
    files: &'a dyn PathSet,
    /// Folders with an `index.html` (`2014/09/x/`, `` for the home page);
    /// without them, a folder is looked up as its `index.html`.
    folders: Option<HashSet<&'a str>>,
}

impl<'a> Resolver<'a> {
    pub fn new(base: &'a BaseUrl, files: &'a HashSet<&'a str>) -> Self {
        let folders = files
            .iter()
            .filter_map(|file| file.strip_suffix("index.html"))
            .filter(|folder| folder.is_empty() || folder.ends_with('/'))
            .collect();
        Resolver {
            base,
            absolute_base: base.absolute(""),
            files,
            folders: Some(folders),
        }
    }

    /// A resolver over paths kept elsewhere, for checking a few pages.
    pub fn over(base: &'a BaseUrl, files: &'a dyn PathSet) -> Self {
        Resolver {
            base,
            absolute_base: base.absolute(""),
            files,
            folders: None,
        }
    }

    /// The common case without allocating: a plain root-relative or
    /// absolute URL of this site (no `%`, `?`, `#` or dot segment) that
    /// names a published file or folder. `false` means "look closer".
    pub fn quick_ok(&self, url: &str) -> bool {
        let rest = url
            .strip_prefix(self.base.path.as_str())
            .or_else(|| url.strip_prefix(self.absolute_base.as_str()));
        let Some(rest) = rest else {
            return false;
        };
        let plain = !rest
            .bytes()
            .any(|byte| matches!(byte, b'%' | b'?' | b'#' | b'\\'))
            && !rest.starts_with('.')
            && !rest.contains("/.");
        if !plain {
            return false;
        }
        if rest.is_empty() || rest.ends_with('/') {
            match &self.folders {
                Some(folders) => folders.contains(rest),
                None => self.files.has(&format!("{rest}index.html")),
            }
        } else {
            self.files.has(rest)
        }
    }

    /// Resolves `url` found in the output file `from` (`2014/09/x/index.html`).
    pub fn resolve(&self, from: &str, url: &str) -> Resolved {
        let url = url.trim();
        if url.is_empty() {
            return Resolved::Ignored;
        }
        let path_and_more = if let Some(rest) = url.strip_prefix(self.absolute_base.as_str()) {
            format!("{}{rest}", self.base.path)
        } else if let Some(rest) = url.strip_prefix("//") {
            return Resolved::External(format!("https://{rest}"));
        } else if has_scheme(url) {
            let lower = url.to_ascii_lowercase();
            return if lower.starts_with("http://") || lower.starts_with("https://") {
                Resolved::External(url.to_string())
            } else {
                Resolved::Ignored
            };
        } else if url.starts_with('/') {
            url.to_string()
        } else {
            format!("{}{}{url}", self.base.path, directory_of(from))
        };
        let (without_fragment, fragment) = match path_and_more.split_once('#') {
            Some((path, fragment)) => (path, Some(percent_decode(fragment))),
            None => (path_and_more.as_str(), None),
        };
        let path = without_fragment
            .split('?')
            .next()
            .unwrap_or(without_fragment);
        let path = remove_dot_segments(path);
        let Some(site_path) = path.strip_prefix(self.base.path.as_str()) else {
            if path.trim_end_matches('/') == self.base.path.trim_end_matches('/') {
                return self.internal(String::new(), fragment);
            }
            return Resolved::OutsideBase(path);
        };
        self.internal(percent_decode(site_path), fragment)
    }

    fn internal(&self, site_path: String, fragment: Option<String>) -> Resolved {
        Resolved::Internal {
            file: self.file_for(&site_path),
            site_path,
            fragment: fragment.filter(|fragment| !fragment.is_empty()),
        }
    }

    /// The output file serving a site path, as a static host finds it.
    fn file_for(&self, site_path: &str) -> Option<String> {
        let candidates = if site_path.is_empty() || site_path.ends_with('/') {
            vec![format!("{site_path}index.html")]
        } else {
            vec![site_path.to_string(), format!("{site_path}/index.html")]
        };
        candidates
            .into_iter()
            .find(|candidate| self.files.has(candidate))
    }
}

/// `2014/09/x/index.html` -> `2014/09/x/`; `404.html` -> ``.
pub fn directory_of(file: &str) -> &str {
    match file.rfind('/') {
        Some(slash) => &file[..=slash],
        None => "",
    }
}

fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// RFC 3986 §5.2.4 on a root-relative path.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        let last = index + 1 == parts.len();
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    let joined = segments.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver_files() -> HashSet<&'static str> {
        [
            "index.html",
            "2014/09/x/index.html",
            "2014/09/x/bao-cao.pdf",
            "assets/style.css",
            "tin tuc.html",
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn resolves_like_a_browser_under_a_sub_path() {
        let base = BaseUrl::parse("https://x.github.io/sct/").expect("base");
        let files = resolver_files();
        let resolver = Resolver::new(&base, &files);
        let from = "2014/09/x/index.html";
        let found = |url: &str| match resolver.resolve(from, url) {
            Resolved::Internal { file, .. } => file,
            other => panic!("{url}: {other:?}"),
        };
        assert_eq!(
            found("bao-cao.pdf").as_deref(),
            Some("2014/09/x/bao-cao.pdf")
        );
        assert_eq!(
            found("./bao-cao.pdf?v=2").as_deref(),
            Some("2014/09/x/bao-cao.pdf")
        );
        assert_eq!(found("../../../").as_deref(), Some("index.html"));
        assert_eq!(found("/sct").as_deref(), Some("index.html"));
        assert_eq!(
            found("/sct/2014/09/x").as_deref(),
            Some("2014/09/x/index.html")
        );
        assert_eq!(
            found("https://x.github.io/sct/assets/style.css").as_deref(),
            Some("assets/style.css")
        );
        assert_eq!(
            found("/sct/tin%20tuc.html").as_deref(),
            Some("tin tuc.html")
        );
        assert_eq!(found("/sct/2014/09/y/"), None);
        assert_eq!(
            resolver.resolve(from, "/assets/style.css"),
            Resolved::OutsideBase("/assets/style.css".into())
        );
        assert_eq!(
            resolver.resolve(from, "#ket-qua"),
            Resolved::Internal {
                file: Some(from.into()),
                site_path: "2014/09/x/".into(),
                fragment: Some("ket-qua".into())
            }
        );
        assert_eq!(resolver.resolve(from, "mailto:a@b.vn"), Resolved::Ignored);
        assert!(resolver.quick_ok("/sct/2014/09/x/"));
        assert!(resolver.quick_ok("https://x.github.io/sct/assets/style.css"));
        assert!(!resolver.quick_ok("/sct/2014/09/y/"));
        assert!(
            !resolver.quick_ok("/sct/2014/09/x/#muc"),
            "fragments look closer"
        );
        assert!(
            !resolver.quick_ok("/sct/2014/09/x/../x/"),
            "dot segments look closer"
        );
        assert!(
            !resolver.quick_ok("bao-cao.pdf"),
            "relative URLs look closer"
        );
        assert_eq!(
            resolver.resolve(from, "https://moit.gov.vn/"),
            Resolved::External("https://moit.gov.vn/".into())
        );
    }
}
