//! Site stage: parsed articles and pages + config -> an immutable `Site` with
//! URLs, categories, tags, archives, navigation and related articles. All
//! lists are in a fixed order (newest first, then by source path), so the
//! output never depends on the order files were read in. This file holds the
//! site's types; planning is in plan.rs, putting it together in assemble.rs.

mod assemble;
pub mod links;
pub mod paginate;
mod plan;
pub mod taxonomy;
pub mod urls;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use serde_yaml::Value;

use crate::config::Config;
use crate::frontmatter::Attachment;
use crate::markdown::{Heading, SourceLink};
use crate::report::Report;

pub use assemble::{Listing, assemble, listing, make_articles, make_pages, shorten};
pub use plan::{check_paths, plan_articles, plan_pages};
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
    /// A planned file; `body` is where the body starts (byte offset, line).
    pub fn new(
        source: crate::load::SourceFile,
        meta: M,
        (body_start, body_line): (usize, usize),
        slug: String,
        path: String,
    ) -> Self {
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
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }
}

/// The whole site, immutable once built (`serve` patches a copy).
#[derive(Debug, Clone)]
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
