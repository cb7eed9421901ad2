//! Search stage, begun early: the index starts as soon as the site stage
//! knows the documents — articles sorted, pages made, tags named, listed
//! articles chosen (`site::listing`) — and builds beside the rest of that
//! stage (media, archives, neighbours, related articles), which runs on one
//! thread and would leave a core idle (docs/search.md §8).
//!
//! The rest of the site stage changes the articles, so the index works on
//! a copy of the documents' texts; the bodies are shared, not copied.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::collect::Document;
use super::documents::in_order;
use super::{SearchIndex, build_apart, build_from};
use crate::config::Config;
use crate::site::{Article, Listing, Page, Site};

/// An index being built beside the site stage.
pub struct Early {
    thread: JoinHandle<(SearchIndex, Duration)>,
    /// The documents it indexes, to check them against the site's
    /// (debug builds, so every test does).
    documents: Arc<Vec<Copied>>,
}

/// A document's texts, copied (the body shared).
#[derive(Debug)]
struct Copied {
    path: String,
    title: String,
    /// Display names (articles).
    tags: Vec<String>,
    summary: String,
    body: Arc<str>,
    /// The date and category of an article; `None` for a page.
    article: Option<(DateTime<FixedOffset>, usize)>,
}

impl Copied {
    fn page(page: &Page) -> Self {
        Copied {
            path: page.path.clone(),
            title: page.title.clone(),
            tags: Vec::new(),
            summary: page.summary.clone(),
            body: Arc::clone(&page.plain_text),
            article: None,
        }
    }

    fn article(article: &Article, tags: Vec<&str>) -> Self {
        Copied {
            path: article.path.clone(),
            title: article.title.clone(),
            tags: tags.into_iter().map(str::to_string).collect(),
            summary: article.summary.clone(),
            body: Arc::clone(&article.plain_text),
            article: Some((article.date, article.category)),
        }
    }

    fn document(&self) -> Document<'_> {
        match self.article {
            None => Document::page(&self.path, &self.title, &self.summary, &self.body),
            Some((date, category)) => Document::article(
                &self.path,
                &self.title,
                self.tags.iter().map(String::as_str).collect(),
                &self.summary,
                &self.body,
                &date,
                category,
            ),
        }
    }
}

/// Starts building the index of the site these articles, pages and listing
/// make, on a thread and in a pool of its own; `None` when the site has no
/// search.
pub fn start(
    config: &Config,
    articles: &[Article],
    pages: &[Page],
    listing: &Listing,
) -> Option<Early> {
    if !config.search {
        return None;
    }
    let documents = Arc::new(in_order(
        (pages, articles),
        (&listing.tags, &listing.listed),
        Copied::page,
        Copied::article,
    ));
    let config = config.clone();
    let copied = Arc::clone(&documents);
    let thread = std::thread::Builder::new()
        .name("bantin-search".into())
        .spawn(move || {
            build_apart(|| {
                let views: Vec<Document> = copied.iter().map(Copied::document).collect();
                build_from(&config, &views)
            })
        })
        .ok()?;
    Some(Early { thread, documents })
}

impl Early {
    /// The index, and the CPU time its pool took.
    pub fn finish(self, site: &Site) -> (SearchIndex, Duration) {
        debug_assert!(
            self.documents
                .iter()
                .map(Copied::document)
                .eq(super::collect::documents(site)),
            "the site's documents changed after the index began"
        );
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}
