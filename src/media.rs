//! Media stage: `Site` -> the files articles and pages bring along, copied
//! beside the page that uses them: the cover `image`, `attachments`, files
//! the body links to by a relative name (`[báo cáo](bao-cao.pdf)`), and
//! every non-Markdown file of a page bundle (`x/index.md` + `x/anh.jpg`).
//! A relative name resolves against the page URL exactly as in a browser.
//! Missing front-matter files are errors at their line; missing body files
//! are left to the link checker, which reports them at the body line.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::locate;
use crate::output::{Contents, OutputFile};
use crate::site::{Site, urls};

/// What one article or page brings along.
struct Owner<'a> {
    source: &'a Path,
    source_dir: &'a Path,
    page_path: &'a str,
    /// Files named in front matter (`image`, `attachments`), with the field.
    named: Vec<(&'static str, &'a str)>,
    /// Destinations of the body's links and images, as rendered.
    linked: Vec<&'a str>,
}

/// The media files of the site, and the problems found with them.
pub fn collect(
    root: &Path,
    site: &Site,
    static_names: &[&str],
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut published: BTreeMap<String, (PathBuf, &Path)> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for owner in owners(site) {
        let (wanted, problems) = files_of(root, &owner, static_names);
        diagnostics.extend(problems);
        for (site_path, file) in wanted {
            match published.get(&site_path) {
                Some((known, first)) if *known != file => diagnostics.push(
                    Diagnostic::file_error(
                        owner.source,
                        format!(
                            "{} would be published at /{site_path}, where {} already publishes {}",
                            file.display(),
                            first.display(),
                            known.display()
                        ),
                    )
                    .with_hint("rename one of the two files"),
                ),
                Some(_) => {}
                None => {
                    published.insert(site_path, (file, owner.source));
                }
            }
        }
    }
    let files = published
        .into_iter()
        .map(|(path, (file, _))| OutputFile {
            path,
            contents: Contents::Copy(root.join(file)),
        })
        .collect();
    (files, diagnostics)
}

/// The files one article or page publishes (site path, source), and the
/// front-matter files that are missing.
fn files_of(
    root: &Path,
    owner: &Owner,
    static_names: &[&str],
) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut wanted = Vec::new();
    let mut problems = Vec::new();
    for (field, name) in &owner.named {
        match front_matter_file(root, owner, name, static_names) {
            Ok(Some(file)) => wanted.push((urls::beside(owner.page_path, name), file)),
            Ok(None) => {}
            Err(message) => problems.push(
                locate::error_at(root, owner.source, 1, name, message).with_hint(format!(
                    "put the file beside the article, or correct `{field}:`"
                )),
            ),
        }
    }
    for link in &owner.linked {
        if let Some((name, file)) = body_file(root, owner, link) {
            wanted.push((urls::beside(owner.page_path, &name), file));
        }
    }
    if owner.source.file_stem().is_some_and(|stem| stem == "index") {
        for (name, file) in bundle_files(root, owner.source_dir) {
            wanted.push((urls::beside(owner.page_path, &name), file));
        }
    }
    (wanted, problems)
}

fn owners(site: &Site) -> Vec<Owner<'_>> {
    let articles = site.articles.iter().map(|article| {
        let mut named: Vec<(&'static str, &str)> = article
            .image
            .iter()
            .map(|image| ("image", image.as_str()))
            .collect();
        named.extend(
            article
                .attachments
                .iter()
                .map(|attachment| ("attachments", attachment.file.as_str())),
        );
        Owner {
            source: &article.source,
            source_dir: &article.source_dir,
            page_path: &article.path,
            named,
            linked: article.links.iter().map(|link| link.url.as_str()).collect(),
        }
    });
    let pages = site.pages.iter().map(|page| Owner {
        source: &page.source,
        source_dir: &page.source_dir,
        page_path: &page.path,
        named: Vec::new(),
        linked: page.links.iter().map(|link| link.url.as_str()).collect(),
    });
    articles.chain(pages).collect()
}

/// The source of a front-matter file; `None` for `/`-rooted static files.
fn front_matter_file(
    root: &Path,
    owner: &Owner,
    name: &str,
    static_names: &[&str],
) -> Result<Option<PathBuf>, String> {
    if let Some(rooted) = name.strip_prefix('/') {
        return if static_names.contains(&rooted) {
            Ok(None)
        } else {
            Err(format!("\"{name}\" is not a file of static/"))
        };
    }
    let file = owner.source_dir.join(name);
    if root.join(&file).is_file() {
        Ok(Some(file))
    } else {
        Err(format!("file not found: {}", file.display()))
    }
}

/// A body link to a file beside the source: relative, no `..`, not Markdown.
fn body_file(root: &Path, owner: &Owner, link: &str) -> Option<(String, PathBuf)> {
    let path = link.split(['#', '?']).next().unwrap_or_default();
    let is_relative = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(':')
        && !path.ends_with('/')
        && !path.ends_with(".md");
    if !is_relative {
        return None;
    }
    let name = crate::site::links::percent_decode(path);
    let inside = Path::new(&name)
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    let file = owner.source_dir.join(&name);
    (inside && root.join(&file).is_file()).then_some((name, file))
}

/// Every non-Markdown, non-hidden file of a bundle folder, not descending
/// into nested bundles.
fn bundle_files(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let base = root.join(dir);
    WalkDir::new(&base)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let nested = entry.depth() > 0
                && entry.file_type().is_dir()
                && entry.path().join("index.md").is_file();
            !hidden && !nested
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_none_or(|ext| ext != "md"))
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(&base).ok()?;
            let name = relative.to_string_lossy().replace('\\', "/");
            Some((name, dir.join(relative)))
        })
        .collect()
}
