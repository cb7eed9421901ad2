//! Redirects stage: the `aliases` of articles -> a redirect page at each old
//! URL (meta refresh, canonical link and a plain link, so it works on any
//! static host), a Netlify `_redirects` file, and an nginx snippet
//! (`nginx-redirects.conf`, `location = … { return 301 …; }`) to include in
//! the server block, so real hosts answer with a 301. An alias that falls on
//! a page or on another alias is an error naming both files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::locate;
use crate::output::{Contents, OutputFile};
use crate::render::feeds::escape_xml;
use crate::site::{Site, links::percent_decode, urls};

/// Netlify's redirect file, at the root of the output.
pub const NETLIFY_FILE: &str = "_redirects";
/// The nginx snippet, at the root of the output.
pub const NGINX_FILE: &str = "nginx-redirects.conf";

/// One old URL and the article it leads to.
#[derive(Debug, Clone)]
struct Redirect<'a> {
    /// As written in front matter (`/tin-tuc/982.html`).
    alias: &'a str,
    /// The output file of the redirect page (`tin-tuc/982.html`).
    file: String,
    source: &'a Path,
    article: usize,
}

/// The redirect files of the site; `existing` are the paths already in the
/// output (pages, feeds, static files), which an alias may not replace.
pub fn redirects(
    root: &Path,
    site: &Site,
    strings: &BTreeMap<String, String>,
    existing: &BTreeSet<&str>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut chosen: BTreeMap<String, Redirect> = BTreeMap::new();
    for (article, entry) in site.articles.iter().enumerate() {
        for alias in &entry.aliases {
            let redirect = Redirect {
                alias,
                file: alias_file(alias),
                source: &entry.source,
                article,
            };
            if let Some(problem) = check(root, site, &redirect, existing, &chosen) {
                diagnostics.push(problem);
                continue;
            }
            chosen.insert(redirect.file.clone(), redirect);
        }
    }
    let redirects: Vec<Redirect> = chosen.into_values().collect();
    let mut files: Vec<OutputFile> = redirects
        .iter()
        .map(|redirect| OutputFile {
            path: redirect.file.clone(),
            contents: Contents::Bytes(page(site, strings, redirect).into_bytes()),
        })
        .collect();
    files.push(text_file(NETLIFY_FILE, netlify(site, &redirects)));
    files.push(text_file(NGINX_FILE, nginx(site, &redirects)));
    (files, diagnostics)
}

/// `/tin-tuc/982.html` -> `tin-tuc/982.html`; `/tin-tuc/` and `/tin-tuc`
/// (no extension) -> `tin-tuc/index.html`, as Hugo does.
pub fn alias_file(alias: &str) -> String {
    let path = percent_decode(alias.trim_start_matches('/'));
    let last = path.rsplit('/').next().unwrap_or_default();
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if !last.contains('.') {
        format!("{path}/index.html")
    } else {
        path
    }
}

fn check(
    root: &Path,
    site: &Site,
    redirect: &Redirect,
    existing: &BTreeSet<&str>,
    chosen: &BTreeMap<String, Redirect>,
) -> Option<Diagnostic> {
    let alias = redirect.alias;
    let error = |message: String, hint: &str| {
        Some(locate::error_at(root, redirect.source, 1, alias, message).with_hint(hint))
    };
    let decoded = percent_decode(alias);
    if decoded.contains(['"', '\\', '$', '{', '}', ';']) || decoded.chars().any(char::is_control) {
        return error(
            format!(
                "alias \"{alias}\" contains a character that web servers cannot redirect safely (\" \\ $ {{ }} ;)"
            ),
            "use the old URL as the browser shows it, with letters, digits, - _ . /",
        );
    }
    if let Some(first) = chosen.get(&redirect.file) {
        let message = if first.source == redirect.source {
            format!("alias {alias} is written twice (as {})", first.alias)
        } else {
            format!(
                "alias {alias} is also an alias of {} ({})",
                first.source.display(),
                first.alias
            )
        };
        return error(message, "an old URL can redirect to one article only");
    }
    if existing.contains(redirect.file.as_str()) {
        let owner = page_owner(site, &redirect.file)
            .map(|source| source.display().to_string())
            .unwrap_or_else(|| format!("the site's own page /{}", redirect.file));
        return error(
            format!("alias {alias} is the URL of a page: {owner}"),
            "remove the alias, or change the URL of the page",
        );
    }
    None
}

/// The source file of the article or page published at `file`.
fn page_owner<'a>(site: &'a Site, file: &str) -> Option<&'a PathBuf> {
    let articles = site
        .articles
        .iter()
        .map(|article| (&article.path, &article.source));
    let pages = site.pages.iter().map(|page| (&page.path, &page.source));
    articles
        .chain(pages)
        .find(|(path, _)| urls::output_file(path) == file)
        .map(|(_, source)| source)
}

fn text_file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

fn string<'a>(strings: &'a BTreeMap<String, String>, key: &str, fallback: &'a str) -> &'a str {
    strings.get(key).map(String::as_str).unwrap_or(fallback)
}

/// A page that works on any host: meta refresh, canonical link, plain link.
fn page(site: &Site, strings: &BTreeMap<String, String>, redirect: &Redirect) -> String {
    let config = &site.config;
    let article = &site.articles[redirect.article];
    let target = escape_xml(&config.base_url.relative(&article.path));
    let canonical = escape_xml(&config.base_url.absolute(&article.path));
    let title = escape_xml(&article.title);
    let heading = escape_xml(string(strings, "redirect_title", "Trang đã chuyển"));
    let text = escape_xml(string(
        strings,
        "redirect_text",
        "Trang này đã chuyển đến địa chỉ mới:",
    ));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>{heading}: {title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
<meta name=\"robots\" content=\"noindex\">\n\
<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<main>\n\
<h1>{heading}</h1>\n<p>{text} <a href=\"{target}\">{title}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape_xml(&config.language),
    )
}

/// Netlify `_redirects`: `from to 301`, one per line.
fn netlify(site: &Site, redirects: &[Redirect]) -> String {
    let mut text = String::from("# Generated by bantin: old URLs (aliases) -> articles.\n");
    for redirect in redirects {
        let from = site.config.base_url.relative(redirect.alias);
        let to = site
            .config
            .base_url
            .relative(&site.articles[redirect.article].path);
        let _ = writeln!(text, "{}  {}  301", from.replace(' ', "%20"), to);
    }
    text
}

/// An nginx snippet for the `server` block (see docs/deploy.md).
fn nginx(site: &Site, redirects: &[Redirect]) -> String {
    let mut text = String::from(
        "# Generated by bantin: old URLs (aliases) -> articles.\n\
# Include it in the server block: include /path/to/public/nginx-redirects.conf;\n",
    );
    for redirect in redirects {
        let from = percent_decode(&site.config.base_url.relative(redirect.alias));
        let to = site
            .config
            .base_url
            .relative(&site.articles[redirect.article].path);
        let _ = writeln!(text, "location = \"{from}\" {{ return 301 \"{to}\"; }}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_files_like_hugo() {
        assert_eq!(alias_file("/tin-tuc/982.html"), "tin-tuc/982.html");
        assert_eq!(alias_file("/tin-tuc/"), "tin-tuc/index.html");
        assert_eq!(alias_file("/tin-tuc/982"), "tin-tuc/982/index.html");
        assert_eq!(alias_file("/tin%20tuc.html"), "tin tuc.html");
        assert_eq!(alias_file("/"), "index.html");
    }
}
