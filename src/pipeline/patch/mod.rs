//! The pipeline's fast path for `serve`: when every changed file is an
//! existing article or page whose front matter is byte for byte the same (or,
//! for an article, changes only what it shows: card.rs), the last build's
//! site is patched instead of being assembled again: those files alone are
//! read, parsed and rendered, the pages that read them (the memo knows which)
//! are rendered again, the feeds are remade when they show them, and the
//! links of the changed files are checked against the last build's output.
//! Anything else — a new, removed or renamed file, a front matter edit that
//! moves an article, a body that starts or stops publishing a file beside
//! it, a theme or site.yaml change, a file that does not parse — goes the
//! full incremental way, which gives the same output.

mod card;
mod last;
mod output;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use last::Item;
pub(super) use last::Last;
use output::{deliver, render_patch};

use super::stages::{BodyInput, fingerprint, render_body, unsafe_link_warnings};
use super::{Builder, Built, Timings, finish_errors};
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{self, Meta};
use crate::markdown::Rendered;
use crate::output::Sink;
use crate::render::memo::FastMap;
use crate::render::views::Views;
use crate::site::{self, SUMMARY_CHARS};
use crate::{media, search};

/// Output files a build changed, for a caller that keeps the rest.
#[derive(Debug, Default)]
pub struct Partial {
    /// Output paths that are gone.
    pub removed: Vec<String>,
}

/// A new body for one article or page.
pub(super) struct Body {
    pub(super) item: Item,
    rendered: Arc<Rendered>,
    key: u64,
    /// The summary written in the front matter, if any.
    summary: Option<String>,
    warnings: Vec<Diagnostic>,
    /// The whole article made again, when its front matter changed what it
    /// shows (card.rs).
    article: Option<site::Article>,
}

impl Builder {
    /// Rebuilds through the fast path when `changed` is body edits only;
    /// `None` when the full incremental build must run.
    pub(super) fn patch(
        &mut self,
        changed: Option<&BTreeSet<PathBuf>>,
        sink: &dyn Sink,
    ) -> Option<Result<Built, Vec<Diagnostic>>> {
        let started = Instant::now();
        let changed = changed?;
        let bodies = self.new_bodies(changed)?;
        let cache = self.cache.as_mut()?;
        let mut last = cache.last.take()?;
        let mut timings = Timings::default();
        let at = timings.record("markdown", started);
        last.views = patched_views(last.views, &bodies, &mut last.link_warnings);
        let site = Arc::clone(last.views.site());
        let at = timings.record("site", at);
        let mut index_files = Vec::new();
        let mut removed = Vec::new();
        if !bodies.is_empty() && self.defer_search {
            last.search_stale = true;
        } else if last.search_stale || !bodies.is_empty() {
            let (index, _) = search::build_reusing(&site, &mut cache.search, false);
            last.search_stale = false;
            if index.url != last.search_url {
                last.search_url = index.url;
                let new: BTreeSet<&str> =
                    index.files.iter().map(|file| file.path.as_str()).collect();
                removed = last
                    .search_paths
                    .iter()
                    .filter(|path| !new.contains(path.as_str()))
                    .cloned()
                    .collect();
                last.search_paths = new.into_iter().map(str::to_string).collect();
                index_files = index.files;
            }
        }
        let at = timings.record("search", at);
        let result = render_patch(
            &self.options.root,
            &site,
            &mut last,
            &bodies,
            (index_files, &removed),
            cache,
            (&mut timings, at),
        );
        let (written, rendered) = match result {
            Ok(done) => done,
            // The next build takes the full way (the cache has no `last`).
            Err(errors) => return Some(Err(finish_errors(errors))),
        };
        if let Err(error) = deliver(sink, &written, &site) {
            return Some(Err(vec![error]));
        }
        let built = Built {
            site: Arc::clone(&site),
            files: Vec::new(),
            warnings: last.warnings(),
            timings,
            rendered,
            theme: last.theme.clone(),
            next_change: last.next_change.clone(),
            page_count: last.page_count,
            file_count: last.files.len(),
            external_links: Vec::new(),
            external_files: Vec::new(),
            search_pending: last.search_stale,
            partial: Some(Partial { removed }),
        };
        cache.last = Some(last);
        Some(Ok(built))
    }

    /// The new bodies of `changed`, or `None` when one of them is not a
    /// body-only edit of an article or page of the last build.
    fn new_bodies(&mut self, changed: &BTreeSet<PathBuf>) -> Option<Vec<Body>> {
        let options = &self.options;
        let cache = self.cache.as_mut()?;
        // A changed site.yaml or option emptied the cache (`check_cache_key`).
        let last = cache.last.as_ref()?;
        let mut items: Vec<(&Path, Item)> = Vec::new();
        for path in changed {
            match last.items.get(path) {
                Some(item) => items.push((path.as_path(), *item)),
                None if last.is_nothing(&options.root, path) => {}
                None => return None,
            }
        }
        let paths: Vec<&Path> = items.iter().map(|(path, _)| *path).collect();
        let sources = cache.sources.reload(&options.root, &paths)?;
        let (source_map, map_key) = cache.source_map.clone()?;
        let config = &last.site().config;
        let mut bodies = Vec::new();
        for ((_, item), source) in items.into_iter().zip(sources) {
            if cache
                .parsed
                .get(&source.path)
                .is_some_and(|(hash, _)| *hash == source.hash)
            {
                continue;
            }
            let parsed = frontmatter::parse(&source, config).ok()?;
            let old = last.placed(item);
            let body_start = parsed.body_start;
            let summary = match &parsed.meta {
                Meta::Article(meta) => meta.summary.clone(),
                Meta::Page(meta) => meta.summary.clone(),
            };
            let input: BodyInput = (
                &source.path,
                source.text.get(body_start..).unwrap_or_default(),
                old.dir,
                old.slug,
                source.hash,
            );
            let (key, rendered, _) =
                render_body(config, &source_map, map_key, Some(&cache.bodies), input);
            let print = fingerprint(&source.text, body_start, key);
            let article = match (item, print.meta == old.fingerprint.meta, &parsed.meta) {
                (_, true, _) => None,
                (Item::Article(index), false, Meta::Article(meta)) => Some(card::edited_article(
                    last.site(),
                    index,
                    (source.clone(), (**meta).clone()),
                    (body_start, parsed.body_line),
                    Arc::clone(&rendered),
                    print,
                )?),
                _ => return None,
            };
            let files_of = |links| media::body_file_names(&options.root, old.dir, old.path, links);
            if files_of(old.links) != files_of(&rendered.links) {
                return None;
            }
            let warnings = match item {
                Item::Article(_) => {
                    unsafe_link_warnings(&source.path, parsed.body_line, &rendered.unsafe_links)
                }
                Item::Page(_) => Vec::new(),
            };
            cache
                .parsed
                .insert(source.path.clone(), (source.hash, Arc::new(Ok(parsed))));
            cache
                .bodies
                .insert(source.path.clone(), (key, Arc::clone(&rendered)));
            bodies.push(Body {
                item,
                rendered,
                key,
                summary,
                warnings,
                article,
            });
        }
        Some(bodies)
    }
}

/// The last site and views with the new bodies (changed in place when
/// nothing else holds them).
fn patched_views(
    views: Arc<Views>,
    bodies: &[Body],
    link_warnings: &mut FastMap<PathBuf, Vec<Diagnostic>>,
) -> Arc<Views> {
    let mut views = Arc::try_unwrap(views).unwrap_or_else(|shared| (*shared).clone());
    for body in bodies {
        let rendered = &body.rendered;
        let summary = body
            .summary
            .clone()
            .unwrap_or_else(|| site::shorten(&rendered.first_paragraph, SUMMARY_CHARS));
        let site = views.site_mut();
        // Articles and pages name their body fields alike.
        macro_rules! set_body {
            ($target:expr) => {{
                let target = $target;
                target.html = Arc::clone(&rendered.html);
                target.plain_text = Arc::clone(&rendered.plain_text);
                target.headings = rendered.headings.clone();
                target.links = rendered.links.clone();
                target.summary = summary;
                target.fingerprint.body = body.key;
                target
            }};
        }
        match body.item {
            Item::Article(index) => {
                let article = &mut site.articles[index];
                if let Some(edited) = &body.article {
                    *article = edited.clone();
                }
                let article = set_body!(article);
                let source = article.source.clone();
                if body.warnings.is_empty() {
                    link_warnings.remove(&source);
                } else {
                    link_warnings.insert(source, body.warnings.clone());
                }
                views.refresh_article(index);
            }
            Item::Page(index) => {
                set_body!(&mut site.pages[index]);
            }
        }
    }
    Arc::new(views)
}
