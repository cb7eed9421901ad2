//! Media stage: the output files articles publish besides their pages, and
//! the folder they go into.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::output::{Contents, OutputFile};
use crate::site::{Article, Site};

/// The files every article publishes, in article order.
pub fn output_files(articles: &[Article]) -> Vec<OutputFile> {
    let mut seen = std::collections::BTreeSet::new();
    articles
        .iter()
        .flat_map(|article| &article.media.files)
        .filter(|file| seen.insert(file.path.clone()))
        .map(|file| OutputFile {
            path: file.path.clone(),
            contents: Contents::Copy(file.source.clone()),
        })
        .collect()
}

/// Files that article and page bodies link to by a relative name
/// (`[báo cáo](bao-cao.pdf)`, `![ảnh](anh.jpg)`), published beside the page
/// because the browser resolves the name against the page's URL. A name that
/// leaves the source folder, names Markdown, or does not exist is left alone;
/// the link checker then reports it at its body line.
pub fn body_files(root: &Path, site: &Site, published: &BTreeSet<String>) -> Vec<OutputFile> {
    let mut seen = BTreeSet::new();
    let owners = site
        .articles
        .iter()
        .map(|article| (&article.source_dir, article.path.as_str(), &article.links))
        .chain(
            site.pages
                .iter()
                .map(|page| (&page.source_dir, page.path.as_str(), &page.links)),
        );
    let mut files = Vec::new();
    for (source_dir, page_path, links) in owners {
        for link in links {
            let Some((name, file)) = body_file(root, source_dir, &link.url) else {
                continue;
            };
            let path = crate::site::urls::beside(page_path, &name);
            if !published.contains(&path) && seen.insert(path.clone()) {
                files.push(OutputFile {
                    path,
                    contents: Contents::Copy(root.join(file)),
                });
            }
        }
    }
    files
}

/// The output paths of the files beside its source that a body's `links`
/// publish, in order: a body edit that changes them changes the output
/// beyond the page.
pub fn body_file_names(
    root: &Path,
    source_dir: &Path,
    page_path: &str,
    links: &[crate::markdown::SourceLink],
) -> Vec<String> {
    links
        .iter()
        .filter_map(|link| body_file(root, source_dir, &link.url))
        .map(|(name, _)| crate::site::urls::beside(page_path, &name))
        .collect()
}

/// A body link to a file beside the source: relative, inside, not Markdown.
fn body_file(root: &Path, source_dir: &Path, link: &str) -> Option<(String, PathBuf)> {
    let path = link.split(['#', '?']).next().unwrap_or_default();
    let relative = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(':')
        && !path.ends_with('/')
        && !path.ends_with(".md");
    if !relative {
        return None;
    }
    let name = crate::site::links::percent_decode(path);
    let inside = Path::new(&name)
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    let file = source_dir.join(&name);
    (inside && root.join(&file).is_file()).then_some((name, file))
}

/// The site folder where an article's own files are published: its page's
/// folder (`2014/09/x/`), or for file permalinks (`x.html`) `x/`.
pub fn files_dir(article_path: &str) -> String {
    if article_path.is_empty() || article_path.ends_with('/') {
        return article_path.to_string();
    }
    let (folder, last) = match article_path.rsplit_once('/') {
        Some((folder, last)) => (format!("{folder}/"), last),
        None => (String::new(), article_path),
    };
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    format!("{folder}{stem}/")
}
