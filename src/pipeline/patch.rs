//! The pipeline's fast path for `serve`: when every changed file is an
//! existing article or page whose front matter is byte for byte the same, only
//! its Markdown body changed. Then the last build's site is patched instead of
//! being assembled again: those files alone are read, parsed and rendered, the
//! pages that read them (the memo knows which) are rendered again, the feeds
//! are remade when they show them, and the links of the changed files are
//! checked against the last build's output. Anything else — a new, removed or
//! renamed file, a front matter edit, a body that starts or stops publishing
//! a file beside it, a theme or site.yaml change, a file that does not parse —
//! goes the full incremental way, which gives the same output.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::stages::{BodyInput, fingerprint, render_body, unsafe_link_warnings};
use super::{Builder, Built, Timings, cache_key, finish_errors};
use crate::diagnostics::{self, Diagnostic};
use crate::frontmatter::{self, Meta};
use crate::markdown::Rendered;
use crate::output::{Contents, OutputError, OutputFile, Sink};
use crate::render::jobs::Job;
use crate::render::memo::{FastMap, Kind};
use crate::render::{self, feeds, theme::Theme, views::Views};
use crate::schedule::NextChange;
use crate::site::{self, SUMMARY_CHARS, Site};
use crate::{bidi, linkcheck, media, search};

/// An article or a page of the last build, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Item {
    Article(usize),
    Page(usize),
}

/// What the fast path needs of the last successful build.
pub(super) struct Last {
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

/// Output files a build changed, for a caller that keeps the rest.
#[derive(Debug, Default)]
pub struct Partial {
    /// Output paths that are gone.
    pub removed: Vec<String>,
}

impl Last {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
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

    fn warnings(&self) -> Vec<Diagnostic> {
        let mut all = self.other_warnings.clone();
        all.extend(self.link_warnings.values().flatten().cloned());
        diagnostics::sort(&mut all);
        all
    }

    fn site(&self) -> &Site {
        self.views.site()
    }

    fn source_dir(&self, item: Item) -> (&Path, &str, &str, Option<&site::Fingerprint>) {
        match item {
            Item::Article(index) => {
                let article = &self.site().articles[index];
                (
                    &article.source_dir,
                    &article.slug,
                    &article.path,
                    Some(&article.fingerprint),
                )
            }
            Item::Page(index) => {
                let page = &self.site().pages[index];
                (
                    &page.source_dir,
                    &page.slug,
                    &page.path,
                    Some(&page.fingerprint),
                )
            }
        }
    }

    fn links(&self, item: Item) -> &[crate::markdown::SourceLink] {
        match item {
            Item::Article(index) => &self.site().articles[index].links,
            Item::Page(index) => &self.site().pages[index].links,
        }
    }
}

/// A new body for one article or page.
struct Body {
    item: Item,
    rendered: Arc<Rendered>,
    key: u64,
    /// The summary written in the front matter, if any.
    summary: Option<String>,
    warnings: Vec<Diagnostic>,
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
        let last = cache.last.as_ref()?;
        if cache.key != cache_key(options) {
            return None;
        }
        let items: Vec<(&Path, Item)> = changed
            .iter()
            .map(|path| Some((path.as_path(), *last.items.get(path)?)))
            .collect::<Option<_>>()?;
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
            let (dir, slug, page_path, old) = last.source_dir(item);
            let old = old?;
            let body_start = parsed.body_start;
            let summary = match &parsed.meta {
                Meta::Article(meta) => meta.summary.clone(),
                Meta::Page(meta) => meta.summary.clone(),
            };
            let input: BodyInput = (
                &source.path,
                source.text.get(body_start..).unwrap_or_default(),
                dir,
                slug,
                source.hash,
            );
            let (key, rendered, _) =
                render_body(config, &source_map, map_key, Some(&cache.bodies), input);
            if fingerprint(&source.text, body_start, key).meta != old.meta {
                return None;
            }
            let files_of = |links| media::body_file_names(&options.root, dir, page_path, links);
            if files_of(last.links(item)) != files_of(&rendered.links) {
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
        match body.item {
            Item::Article(index) => {
                let article = &mut site.articles[index];
                article.html = Arc::clone(&rendered.html);
                article.plain_text = Arc::clone(&rendered.plain_text);
                article.headings = rendered.headings.clone();
                article.links = rendered.links.clone();
                article.summary = summary;
                article.fingerprint.body = body.key;
                let source = article.source.clone();
                if body.warnings.is_empty() {
                    link_warnings.remove(&source);
                } else {
                    link_warnings.insert(source, body.warnings.clone());
                }
                views.refresh_article(index);
            }
            Item::Page(index) => {
                let page = &mut site.pages[index];
                page.html = Arc::clone(&rendered.html);
                page.plain_text = Arc::clone(&rendered.plain_text);
                page.headings = rendered.headings.clone();
                page.links = rendered.links.clone();
                page.summary = summary;
                page.fingerprint.body = body.key;
            }
        }
    }
    Arc::new(views)
}

/// Renders the pages that can show the new bodies, remakes the feeds when
/// they show them, and checks the links of everything that changed, with a
/// new search index's files (and the old index's paths that are gone).
/// Returns the files to write and the number of pages rendered.
fn render_patch(
    root: &Path,
    site: &Arc<Site>,
    last: &mut Last,
    bodies: &[Body],
    (index_files, removed): (Vec<OutputFile>, &[String]),
    cache: &mut super::Cache,
    (timings, at): (&mut Timings, Instant),
) -> Result<(Vec<OutputFile>, usize), Vec<Diagnostic>> {
    let search_changed = !index_files.is_empty();
    let views = Arc::clone(&last.views);
    let renderer = render::Renderer::with_views(views, &last.theme, Some(&last.search_url))?;
    let at = timings.record("templates", at);
    let objects: Vec<(Kind, usize)> = bodies
        .iter()
        .map(|body| match body.item {
            Item::Article(index) => (Kind::Article, index),
            Item::Page(index) => (Kind::Page, index),
        })
        .collect();
    let mut jobs: Vec<Job> = objects
        .iter()
        .map(|&(kind, index)| match kind {
            Kind::Page => Job::Page(index),
            _ => Job::Article(index),
        })
        .collect();
    if !bodies.is_empty() {
        jobs.push(Job::Reports);
    }
    if search_changed {
        jobs.push(Job::Search);
    }
    let (pages, stats) =
        render::render_changed(&renderer, &mut cache.memo, cache.key, &objects, jobs)?;
    let mut written: Vec<OutputFile> = pages
        .into_iter()
        .filter(|file| stats.rendered_paths.contains(&file.path))
        .collect();
    let at = timings.record("render", at);
    let shown_in_feeds = bodies.iter().any(|body| match body.item {
        Item::Article(index) => feeds::shows(site, index),
        Item::Page(_) => false,
    });
    if shown_in_feeds {
        let mut remade = feeds::feeds(site);
        bidi::clean_output(&mut remade);
        written.extend(remade.into_iter().filter(|file| {
            let old = last.by_path.get(&file.path).map(|&at| &last.files[at]);
            old.is_none_or(|old| !same_bytes(&old.contents, &file.contents))
        }));
    }
    written.extend(index_files);
    let written: Vec<OutputFile> = written.into_iter().map(shared).collect();
    let added = written
        .iter()
        .any(|file| !last.by_path.contains_key(&file.path));
    replace_files(last, &written, removed);
    let at = timings.record("feeds", at);
    let errors = if added || !removed.is_empty() {
        let checked = written.iter().map(|file| file.path.clone()).collect();
        linkcheck::incremental::check(
            root,
            site,
            &last.theme,
            &last.files,
            &checked,
            &mut cache.links,
        )
    } else {
        let checked = written
            .iter()
            .filter_map(|file| last.by_path.get(&file.path).copied())
            .collect();
        linkcheck::incremental::check_changed(
            root,
            site,
            &last.theme,
            &last.files,
            &last.by_path,
            &checked,
            &mut cache.links,
        )
    };
    timings.record("links", at);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((written, stats.rendered))
}

/// Puts `files` into the last build's output (replacing files of the same
/// path) and takes `gone` out of it.
fn replace_files(last: &mut Last, files: &[OutputFile], gone: &[String]) {
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

fn shared(file: OutputFile) -> OutputFile {
    match file.contents {
        Contents::Bytes(bytes) => OutputFile {
            path: file.path,
            contents: Contents::Shared(bytes.into()),
        },
        _ => file,
    }
}

fn same_bytes(old: &Contents, new: &Contents) -> bool {
    match (old.read(), new.read()) {
        (Ok(old), Ok(new)) => old == new,
        _ => false,
    }
}

/// Hands the changed files to the sink.
fn deliver(sink: &dyn Sink, files: &[OutputFile], site: &Site) -> Result<(), Diagnostic> {
    let fail = |error: OutputError| Diagnostic::file_error("output", error.to_string());
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    sink.prepare(&paths, site.config.compress).map_err(fail)?;
    for file in files {
        sink.put(file.clone()).map_err(fail)?;
    }
    Ok(())
}
