//! Site stage: parsed articles and pages + config -> an immutable `Site` with
//! URLs, categories, tags, archives, navigation and related articles. All
//! lists are in a fixed order (newest first, then by source path), so the
//! output never depends on the order files were read in.

pub mod links;
pub mod paginate;
pub mod taxonomy;
pub mod urls;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use serde_yaml::Value;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{ArticleMeta, Attachment, PageMeta};
use crate::markdown::{Heading, Rendered, SourceLink};
use crate::report::Report;
use crate::slug::slugify;

pub use taxonomy::{Tag, Year};

/// Summaries taken from the first paragraph are cut to about this many characters.
pub const SUMMARY_CHARS: usize = 300;

/// A news article, ready to render.
#[derive(Debug, Clone)]
pub struct Article {
    /// Source file, relative to the site root (`content/2014/x.md`).
    pub source: PathBuf,
    /// Folder of the article's own files (bundle folder or the file's folder).
    pub source_dir: PathBuf,
    pub is_bundle: bool,
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub expires: Option<DateTime<FixedOffset>>,
    pub summary: String,
    /// Index into `Config::categories`.
    pub category: usize,
    /// Indices into `Site::tags`, in the order written.
    pub tags: Vec<usize>,
    pub author: Option<String>,
    pub department: Option<String>,
    pub slug: String,
    /// Site path (`2014/09/ket-qua/`).
    pub path: String,
    pub draft: bool,
    /// Dated in the future (visible only with --future or in serve).
    pub scheduled: bool,
    /// Shown in lists, feeds, sitemap and search (false once expired).
    pub listed: bool,
    pub aliases: Vec<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub attachments: Vec<Attachment>,
    pub report: Option<Report>,
    /// Attachments, cover image and bundle files to publish (media stage).
    pub media: crate::media::Media,
    pub extra: Value,
    pub html: Arc<str>,
    pub plain_text: Arc<str>,
    pub headings: Vec<Heading>,
    pub links: Vec<SourceLink>,
    /// File line where the body starts, to map body lines to file lines.
    pub body_line: usize,
    /// Changes whenever the source text or its rendering changes (zero when
    /// not computed); `serve` uses it to reuse pages that did not change.
    pub fingerprint: Fingerprint,
    /// Older and newer neighbours among listed articles (indices).
    pub older: Option<usize>,
    pub newer: Option<usize>,
    pub related: Vec<usize>,
}

/// A standalone page (Giới thiệu, Liên hệ, About us).
#[derive(Debug, Clone)]
pub struct Page {
    pub source: PathBuf,
    pub source_dir: PathBuf,
    pub title: String,
    pub slug: String,
    pub path: String,
    pub lang: String,
    pub menu_order: u64,
    pub summary: String,
    pub draft: bool,
    pub extra: Value,
    pub html: Arc<str>,
    pub plain_text: Arc<str>,
    pub headings: Vec<Heading>,
    pub links: Vec<SourceLink>,
    pub body_line: usize,
    /// As `Article::fingerprint`.
    pub fingerprint: Fingerprint,
}

/// Hashes of a source's front matter and of its rendered body, computed by
/// incremental builds to tell what changed (both zero in one-off builds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    pub meta: u64,
    pub body: u64,
}

/// Which articles a build includes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<Utc>,
}

/// An article or page after front matter, before Markdown.
#[derive(Debug, Clone)]
pub struct Planned<M> {
    pub source: PathBuf,
    pub source_dir: PathBuf,
    pub is_bundle: bool,
    pub meta: M,
    /// The whole source text; the body starts at `body_start`.
    pub text: Arc<str>,
    pub body_start: usize,
    pub body_line: usize,
    pub slug: String,
    pub path: String,
    /// Hash of the source text from the incremental loader (0 otherwise).
    pub text_hash: u64,
    /// Hashes of the front matter and of the rendered body (zero when not computed).
    pub fingerprint: Fingerprint,
}

impl<M> Planned<M> {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }
}

/// The whole site, immutable once built.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Newest first, then by source path.
    pub articles: Vec<Article>,
    /// By menu order, then title.
    pub pages: Vec<Page>,
    /// In Vietnamese alphabetical order.
    pub tags: Vec<Tag>,
    /// Listed articles per category (indices, newest first), parallel to `config.categories`.
    pub categories: Vec<Vec<usize>>,
    /// Listed articles, newest first.
    pub listed: Vec<usize>,
    /// Years with listed articles, newest first.
    pub years: Vec<Year>,
    pub selection: Selection,
}

impl Site {
    /// The newest date in the site: feeds' `updated`, so output stays
    /// deterministic instead of depending on the build time.
    pub fn last_updated(&self) -> Option<DateTime<FixedOffset>> {
        self.listed
            .iter()
            .map(|&index| {
                let article = &self.articles[index];
                article.updated.unwrap_or(article.date).max(article.date)
            })
            .max()
    }
}

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
            Planned {
                text_hash: source.hash,
                fingerprint: Fingerprint::default(),
                source: source.path,
                source_dir: source.dir,
                is_bundle: source.is_bundle,
                meta,
                text: source.text,
                body_start,
                body_line,
                slug,
                path,
            }
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
            Planned {
                path: urls::page_path(&slug),
                text_hash: source.hash,
                fingerprint: Fingerprint::default(),
                source: source.path,
                source_dir: source.dir,
                is_bundle: source.is_bundle,
                meta,
                text: source.text,
                body_start,
                body_line,
                slug,
            }
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

/// Builds the article list: summaries, sorting, listing and flags.
/// Also gives each article's tag names, in the same (sorted) order.
pub fn make_articles(
    planned: Vec<Planned<ArticleMeta>>,
    rendered: Vec<Arc<Rendered>>,
    selection: &Selection,
) -> (Vec<Article>, Vec<Vec<String>>) {
    let mut articles: Vec<(Article, Vec<String>)> = planned
        .into_iter()
        .zip(rendered)
        .map(|(planned, rendered)| {
            let rendered = Arc::try_unwrap(rendered).unwrap_or_else(|shared| (*shared).clone());
            let mut meta = planned.meta;
            let tag_names = std::mem::take(&mut meta.tags);
            let summary = meta
                .summary
                .clone()
                .unwrap_or_else(|| shorten(&rendered.first_paragraph, SUMMARY_CHARS));
            let scheduled = meta.date.with_timezone(&Utc) > selection.now;
            let expired = meta
                .expires
                .is_some_and(|expires| expires.with_timezone(&Utc) <= selection.now);
            let article = Article {
                source: planned.source,
                source_dir: planned.source_dir,
                is_bundle: planned.is_bundle,
                title: meta.title,
                date: meta.date,
                updated: meta.updated,
                expires: meta.expires,
                summary,
                category: meta.category,
                tags: Vec::new(),
                author: meta.author,
                department: meta.department,
                slug: planned.slug,
                path: planned.path,
                draft: meta.draft,
                scheduled,
                listed: !expired,
                aliases: meta.aliases,
                image: meta.image,
                image_alt: meta.image_alt,
                attachments: meta.attachments,
                report: meta.report,
                media: crate::media::Media::default(),
                extra: meta.extra,
                html: rendered.html,
                plain_text: rendered.plain_text,
                headings: rendered.headings,
                links: rendered.links,
                body_line: planned.body_line,
                fingerprint: planned.fingerprint,
                older: None,
                newer: None,
                related: Vec::new(),
            };
            (article, tag_names)
        })
        .collect();
    articles.sort_by(|(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| a.source.cmp(&b.source)));
    articles.into_iter().unzip()
}

/// Builds the page list, ordered by menu order then title.
pub fn make_pages(
    config: &Config,
    planned: Vec<Planned<PageMeta>>,
    rendered: Vec<Arc<Rendered>>,
) -> Vec<Page> {
    let mut pages: Vec<Page> = planned
        .into_iter()
        .zip(rendered)
        .map(|(planned, rendered)| {
            let rendered = Arc::try_unwrap(rendered).unwrap_or_else(|shared| (*shared).clone());
            let meta = planned.meta;
            Page {
                summary: meta
                    .summary
                    .unwrap_or_else(|| shorten(&rendered.first_paragraph, SUMMARY_CHARS)),
                source: planned.source,
                source_dir: planned.source_dir,
                title: meta.title,
                slug: planned.slug,
                path: planned.path,
                lang: meta.lang.unwrap_or_else(|| config.language.clone()),
                menu_order: meta.menu_order.unwrap_or(u64::MAX),
                draft: meta.draft,
                extra: meta.extra,
                html: rendered.html,
                plain_text: rendered.plain_text,
                headings: rendered.headings,
                links: rendered.links,
                body_line: planned.body_line,
                fingerprint: planned.fingerprint,
            }
        })
        .collect();
    pages.sort_by(|a, b| {
        a.menu_order
            .cmp(&b.menu_order)
            .then_with(|| a.title.cmp(&b.title))
    });
    pages
}

/// Puts the site together: taxonomies, archives and navigation.
pub fn assemble(
    config: Config,
    mut articles: Vec<Article>,
    pages: Vec<Page>,
    tag_names: Vec<Vec<String>>,
    selection: Selection,
) -> Site {
    let tags = taxonomy::collect_tags(&mut articles, tag_names);
    let listed: Vec<usize> = (0..articles.len())
        .filter(|&index| articles[index].listed)
        .collect();
    let mut categories = vec![Vec::new(); config.categories.len()];
    for &index in &listed {
        categories[articles[index].category].push(index);
    }
    let years = taxonomy::collect_years(&articles, &listed);
    taxonomy::link_neighbours(&mut articles, &listed);
    taxonomy::link_related(&mut articles, &tags, &listed);
    Site {
        config,
        articles,
        pages,
        tags,
        categories,
        listed,
        years,
        selection,
    }
}

/// Cuts text to about `limit` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > limit / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("ngắn", 10), "ngắn");
        assert_eq!(shorten("một hai ba bốn năm sáu", 12), "một hai ba…");
    }
}
