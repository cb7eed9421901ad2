//! Site stage, first half: which articles and pages a build includes, their
//! slugs and URL paths, and URLs used twice or reserved.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::Utc;

use super::{Planned, Selection, urls};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{ArticleMeta, PageMeta};
use crate::slug::slugify;

/// Decides which articles are in this build and gives each its slug and path.
pub fn plan_articles(
    config: &Config,
    entries: Vec<(crate::load::SourceFile, ArticleMeta, usize, usize)>,
    selection: &Selection,
) -> Vec<Planned<ArticleMeta>> {
    entries
        .into_iter()
        .filter(|(_, meta, _, _)| selection.drafts || !meta.draft)
        .filter(|(_, meta, _, _)| {
            selection.future || meta.date.with_timezone(&Utc) <= selection.now
        })
        .map(|(source, meta, body_start, body_line)| {
            let slug = meta
                .slug
                .clone()
                .unwrap_or_else(|| default_slug(&meta.title, &source));
            let category = &config.categories[meta.category].slug;
            let path = urls::article_path(&config.permalink, &meta.date, &slug, category);
            Planned::new(source, meta, (body_start, body_line), slug, path)
        })
        .collect()
}

/// Decides which pages are in this build and gives each its slug and path.
pub fn plan_pages(
    entries: Vec<(crate::load::SourceFile, PageMeta, usize, usize)>,
    selection: &Selection,
) -> Vec<Planned<PageMeta>> {
    entries
        .into_iter()
        .filter(|(_, meta, _, _)| selection.drafts || !meta.draft)
        .map(|(source, meta, body_start, body_line)| {
            let slug = meta
                .slug
                .clone()
                .unwrap_or_else(|| default_slug(&meta.title, &source));
            let path = urls::page_path(&slug);
            Planned::new(source, meta, (body_start, body_line), slug, path)
        })
        .collect()
}

/// The slug from the title, else from the file name (for titles without letters).
fn default_slug(title: &str, source: &crate::load::SourceFile) -> String {
    let from_title = slugify(title);
    if !from_title.is_empty() {
        return from_title;
    }
    let stem = if source.is_bundle {
        source.path.parent().and_then(|dir| dir.file_name())
    } else {
        source.path.file_stem()
    };
    let from_file = slugify(
        &stem
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default(),
    );
    if from_file.is_empty() {
        "bai-viet".to_string()
    } else {
        from_file
    }
}

/// Reports URLs used twice, naming both files; reserved first segments too.
pub fn check_paths(
    articles: &[Planned<ArticleMeta>],
    pages: &[Planned<PageMeta>],
) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let sources = articles
        .iter()
        .map(|planned| (planned.path.as_str(), &planned.source))
        .chain(
            pages
                .iter()
                .map(|planned| (planned.path.as_str(), &planned.source)),
        );
    for (path, source) in sources {
        if let Some(first) = seen.get(path) {
            let diagnostic = Diagnostic::file_error(
                source,
                format!("URL /{path} is also the URL of {}", first.display()),
            )
            .with_hint("give one of the two articles a different title or a `slug:`");
            diagnostics.push(diagnostic);
        } else {
            seen.insert(path, source);
        }
    }
    for page in pages {
        let first = page.path.split('/').next().unwrap_or_default();
        if urls::RESERVED.contains(&first) {
            let diagnostic = Diagnostic::file_error(
                &page.source,
                format!(
                    "page URL /{} is reserved for the site's own pages",
                    page.path
                ),
            )
            .with_hint("choose another `slug:` for this page");
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}
