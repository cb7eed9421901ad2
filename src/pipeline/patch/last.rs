//! The fast path's memory of the last successful build: the site and its
//! views, every output file by path, the search index's files and the
//! warnings, with how to put changed files in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{self, Diagnostic};
use crate::output::OutputFile;
use crate::render::memo::FastMap;
use crate::render::{theme::Theme, views::Views};
use crate::schedule::NextChange;
use crate::site::{self, Site};

/// An article or a page of the last build, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Article(usize),
    Page(usize),
}

/// An article's or page's folder, slug, site path, fingerprint and body links.
pub(crate) struct Placed<'a> {
    pub dir: &'a Path,
    pub slug: &'a str,
    pub path: &'a str,
    pub fingerprint: site::Fingerprint,
    pub links: &'a [crate::markdown::SourceLink],
}

/// What the fast path needs of the last successful build.
pub(crate) struct Last {
    /// The site and its template text.
    pub views: Arc<Views>,
    pub theme: Theme,
    /// Articles and pages by source path.
    pub items: FastMap<PathBuf, Item>,
    pub search_url: String,
    pub search_paths: Vec<String>,
    /// The search index does not show the latest text yet.
    pub search_stale: bool,
    /// Every output file, contents shared, and its position by path.
    pub files: Vec<OutputFile>,
    pub by_path: FastMap<String, usize>,
    /// Warnings about removed unsafe links, by article source; the others.
    pub link_warnings: FastMap<PathBuf, Vec<Diagnostic>>,
    pub other_warnings: Vec<Diagnostic>,
    pub next_change: Option<NextChange>,
    pub page_count: usize,
}

impl Last {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        views: Arc<Views>,
        theme: &Theme,
        (search_url, search_paths, search_stale): (String, Vec<String>, bool),
        files: Vec<OutputFile>,
        link_warnings: FastMap<PathBuf, Vec<Diagnostic>>,
        warnings: &[Diagnostic],
        next_change: Option<NextChange>,
        page_count: usize,
    ) -> Self {
        let site = views.site();
        let items = site
            .articles
            .iter()
            .enumerate()
            .map(|(index, article)| (article.source.clone(), Item::Article(index)))
            .chain(
                site.pages
                    .iter()
                    .enumerate()
                    .map(|(index, page)| (page.source.clone(), Item::Page(index))),
            )
            .collect();
        let by_path = files
            .iter()
            .enumerate()
            .map(|(index, file)| (file.path.clone(), index))
            .collect();
        let other_warnings = warnings
            .iter()
            .filter(|warning| {
                !link_warnings
                    .values()
                    .any(|list: &Vec<Diagnostic>| list.contains(warning))
            })
            .cloned()
            .collect();
        Last {
            views,
            theme: theme.clone(),
            items,
            search_url,
            search_paths,
            search_stale,
            files,
            by_path,
            link_warnings,
            other_warnings,
            next_change,
            page_count,
        }
    }

    /// Whether a changed path (relative to `root`) that is no article or
    /// page of the last build leaves the output alone: an editor's temporary
    /// or backup file (`.x.swp`, `x~`, a `sed -i` or atomic-save file already
    /// renamed away) — not a new file, not a folder, not a file an article
    /// publishes.
    pub(super) fn is_nothing(&self, root: &Path, path: &Path) -> bool {
        if !path.starts_with(crate::load::CONTENT_DIR) {
            return false;
        }
        let ignored = path
            .components()
            .any(|part| crate::load::is_ignored_name(&part.as_os_str().to_string_lossy()));
        if ignored {
            return true;
        }
        let full = root.join(path);
        if std::fs::symlink_metadata(&full).is_ok() {
            return false;
        }
        let holds_source = self.items.keys().any(|source| source.starts_with(path));
        let published = self.files.iter().any(|file| {
            matches!(&file.contents, crate::output::Contents::Copy(from) if from.starts_with(&full))
        });
        !holds_source && !published
    }

    pub(super) fn warnings(&self) -> Vec<Diagnostic> {
        let mut all = self.other_warnings.clone();
        all.extend(self.link_warnings.values().flatten().cloned());
        diagnostics::sort(&mut all);
        all
    }

    pub(super) fn site(&self) -> &Site {
        self.views.site()
    }

    /// Where an article or page of the last build lives, and what its body
    /// had.
    pub(super) fn placed(&self, item: Item) -> Placed<'_> {
        match item {
            Item::Article(index) => {
                let article = &self.site().articles[index];
                Placed {
                    dir: &article.source_dir,
                    slug: &article.slug,
                    path: &article.path,
                    fingerprint: article.fingerprint,
                    links: &article.links,
                }
            }
            Item::Page(index) => {
                let page = &self.site().pages[index];
                Placed {
                    dir: &page.source_dir,
                    slug: &page.slug,
                    path: &page.path,
                    fingerprint: page.fingerprint,
                    links: &page.links,
                }
            }
        }
    }
}

/// Puts `files` into the last build's output (replacing files of the same
/// path) and takes `gone` out of it.
pub(super) fn replace_files(last: &mut Last, files: &[OutputFile], gone: &[String]) {
    for path in gone {
        let Some(at) = last.by_path.remove(path) else {
            continue;
        };
        last.files.swap_remove(at);
        if let Some(moved) = last.files.get(at) {
            last.by_path.insert(moved.path.clone(), at);
        }
    }
    for file in files {
        match last.by_path.get(&file.path) {
            Some(&at) => last.files[at] = file.clone(),
            None => {
                last.by_path.insert(file.path.clone(), last.files.len());
                last.files.push(file.clone());
            }
        }
    }
}
