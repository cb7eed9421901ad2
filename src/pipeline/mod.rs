//! The build pipeline: load -> front matter -> Markdown -> site -> render ->
//! (output). Stages run in order; work inside a stage runs in parallel. All
//! content errors of a run are collected and returned together.

mod options;
mod patch;
mod reuse;
mod stages;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{BaseUrl, Config};
use crate::diagnostics::{self, Diagnostic};
use crate::frontmatter::{self, ArticleMeta, PageMeta};
use crate::linkcheck;
use crate::load::{self, SourceFile};
use crate::markdown;
use crate::output::{Collect, Sink};
use crate::progress::Progress;
use crate::render::memo::FastMap;
use crate::schedule;
use crate::search;
use crate::site::{self, Selection};
use crate::{media, publish, render};

pub use options::{BuildOptions, Built, Timings};
pub use patch::Partial;
use reuse::reuse_and_check;
use stages::unsafe_link_warnings;

/// The configuration with the command-line base URL, if one was given.
fn with_base_url(mut config: Config, options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    if let Some(url) = &options.base_url {
        config.base_url = BaseUrl::parse(url).map_err(|message| {
            vec![
                Diagnostic::file_error("--base-url", message)
                    .with_hint("for example --base-url https://example.github.io/so-cong-thuong/"),
            ]
        })?;
    }
    Ok(config)
}

/// Builds the whole site in memory.
pub fn build_site(options: &BuildOptions, progress: &Progress) -> Result<Built, Vec<Diagnostic>> {
    Builder::new(options.clone()).build(None, progress)
}

/// Builds the whole site, streaming every output file into `sink`.
pub fn build_site_into(
    options: &BuildOptions,
    progress: &Progress,
    sink: &dyn Sink,
) -> Result<Built, Vec<Diagnostic>> {
    Builder::new(options.clone()).build_into(None, progress, sink)
}

/// Runs builds; an incremental builder (for `serve`) keeps what it can reuse
/// between builds: unchanged files are not read, parsed or rendered again, and
/// pages whose inputs did not change are not re-rendered. Its output is always
/// the output a fresh build of the same files would give.
pub struct Builder {
    pub options: BuildOptions,
    cache: Option<Cache>,
    /// `serve`: when searchable text changed, keep the previous search index
    /// (and search page) and say so in `Built::search_pending`, so that the
    /// edited pages reach the browser without waiting for the index; a
    /// following build without deferral brings the index up to date.
    pub defer_search: bool,
}

/// What an incremental builder keeps between builds.
#[derive(Default)]
struct Cache {
    /// Hash of site.yaml and the options: when it changes, nothing is reused.
    key: u64,
    sources: load::SourceCache,
    parsed: FastMap<PathBuf, (u64, Arc<ParseResult>)>,
    bodies: BodyCache,
    /// The last build's source-to-URL map for `.md` links, and its key.
    source_map: Option<(Arc<site::links::SourceMap>, u64)>,
    /// The last successful build, for `patch`'s fast path.
    last: Option<patch::Last>,
    memo: render::memo::Memo,
    links: linkcheck::incremental::LinkCache,
    search: search::Reusable,
}

impl Builder {
    /// A builder for one full build.
    pub fn new(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: None,
            defer_search: false,
        }
    }

    /// A builder that reuses unchanged work between builds.
    pub fn incremental(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: Some(Cache::default()),
            defer_search: false,
        }
    }

    /// Builds the site in memory (`Built::files`); `changed` names source
    /// paths (relative to the root) known to have changed since the last build.
    pub fn build(
        &mut self,
        changed: Option<&BTreeSet<PathBuf>>,
        progress: &Progress,
    ) -> Result<Built, Vec<Diagnostic>> {
        let sink = Collect::default();
        let mut built = self.build_into(changed, progress, &sink)?;
        built.files = sink.into_files();
        Ok(built)
    }

    /// Builds the site, handing every output file to `sink` as it is made.
    pub fn build_into(
        &mut self,
        changed: Option<&BTreeSet<PathBuf>>,
        progress: &Progress,
        sink: &dyn Sink,
    ) -> Result<Built, Vec<Diagnostic>> {
        // Read once: the cache key and the configuration of this build are
        // the same bytes.
        let config_bytes = Config::read(&self.options.root);
        self.check_cache_key(config_bytes.as_deref().unwrap_or_default());
        if let Some(patched) = self.patch(changed, sink) {
            return patched;
        }
        if let Some(cache) = self.cache.as_mut() {
            cache.last = None;
        }
        let mut timings = Timings::default();
        let mut started = Instant::now();
        progress.stage("site.yaml");
        let config = with_base_url(Config::from_bytes(config_bytes?)?, &self.options)?;
        let theme = render::theme::load_theme(&self.options.root, &config);
        progress.stage("content");
        let (content, mut errors) = load::load_content_with(
            &self.options.root,
            self.cache.as_mut().map(|cache| &mut cache.sources),
            changed,
        );
        started = timings.record("load", started);

        progress.stage("front matter");
        let (article_entries, page_entries) = self.parse_all(content.sources, &config, &mut errors);
        let selection = Selection {
            drafts: self.options.drafts,
            future: self.options.future,
            now: self.options.now,
        };
        let next_change = schedule::next_change(
            article_entries
                .iter()
                .map(|(source, meta, _, _)| (source.path.as_path(), meta)),
            &selection,
        );
        let articles = site::plan_articles(&config, article_entries, &selection);
        let pages = site::plan_pages(page_entries, &selection);
        errors.extend(site::check_paths(&articles, &pages));
        let (article_media, media_errors) = media::resolve(&self.options.root, &articles);
        errors.extend(media_errors);
        started = timings.record("front matter", started);

        progress.stage("markdown");
        let (articles, article_bodies, pages, page_bodies) =
            self.render_bodies(&config, articles, pages);
        let mut link_warnings = FastMap::default();
        for (planned, rendered) in articles.iter().zip(&article_bodies) {
            let found =
                unsafe_link_warnings(&planned.source, planned.body_line, &rendered.unsafe_links);
            if !found.is_empty() && self.cache.is_some() {
                link_warnings.insert(planned.source.clone(), found.clone());
            }
            errors.extend(found);
        }
        started = timings.record("markdown", started);

        progress.stage("site");
        let theme = match theme {
            Ok(theme) => theme,
            Err(found) => {
                errors.extend(found);
                return Err(finish_errors(errors));
            }
        };
        if errors.iter().any(Diagnostic::is_error) {
            return Err(finish_errors(errors));
        }
        let mut warnings: Vec<Diagnostic> = errors;
        let (mut articles, tag_names) = site::make_articles(articles, article_bodies, &selection);
        let pages = site::make_pages(&config, pages, page_bodies);
        let listing = site::listing(&mut articles, tag_names);
        // The documents to search are known: a full build starts the index
        // now, beside the rest of the site stage (one thread).
        let early = match self.cache {
            None => search::early::start(&config, &articles, &pages, &listing),
            Some(_) => None,
        };
        media::attach(&mut articles, article_media);
        let site = Arc::new(site::assemble(config, articles, pages, listing, selection));
        started = timings.record("site", started);

        let mut extra = media::output_files(&site.articles);
        let root = self.options.root.clone();
        let mut search_pending = false;
        let mut kept = None;
        let output = match self.cache.as_mut() {
            Some(cache) => {
                progress.stage("search");
                let (search_index, pending) =
                    search::build_reusing(&site, &mut cache.search, self.defer_search);
                search_pending = pending;
                started = timings.record("search", started);
                progress.stage("render");
                let paths = search_index.files.iter().map(|file| file.path.clone());
                let search = (search_index.url.clone(), paths.collect(), pending);
                extra.extend(search_index.files);
                reuse_and_check(&root, &site, &theme, &search.0, extra, cache, sink).map(
                    |(published, rendered, files, views)| {
                        kept = Some((search, files, views));
                        (published, rendered)
                    },
                )
            }
            None => {
                // The index is built beside the pages (publish.rs).
                progress.stage("render and search");
                let index = || match early {
                    Some(early) => early.finish(&site),
                    None => (search::build(&site), Duration::ZERO),
                };
                publish::publish(&root, &site, &theme, index, extra, sink)
                    .map(|published| (published, site.articles.len().max(1)))
            }
        };
        let (mut published, rendered) = output.map_err(finish_errors)?;
        timings.record("render", started);
        // serve's output stage does not time its threads.
        if self.cache.is_none() {
            timings.threads = Some(std::mem::take(&mut published.thread_time));
        }
        diagnostics::sort(&mut warnings);
        if let (Some(cache), Some((search, files, views))) = (self.cache.as_mut(), kept) {
            cache.last = Some(patch::Last::new(
                views,
                &theme,
                search,
                files,
                link_warnings,
                &warnings,
                next_change.clone(),
                published.pages,
            ));
        }
        Ok(Built {
            site,
            files: Vec::new(),
            warnings,
            timings,
            rendered,
            theme,
            next_change,
            page_count: published.pages,
            file_count: published.files,
            external_links: published.external,
            external_files: published.external_files,
            search_pending,
            partial: None,
        })
    }

    /// The site of the last build when its search index is out of date (a
    /// build deferred it), to build the index apart (`set_search_index`).
    pub fn stale_search(&self) -> Option<Arc<site::Site>> {
        let last = self.cache.as_ref()?.last.as_ref()?;
        last.search_stale.then(|| Arc::clone(last.views.site()))
    }

    /// Keeps an index built apart by `search::build_reusable`: the next build
    /// uses it if the site's searchable input is still the same.
    pub fn set_search_index(&mut self, index: search::Reusable) {
        if let Some(cache) = self.cache.as_mut() {
            cache.search = index;
        }
    }

    /// Empties the cache when site.yaml (`config_text`) or the build
    /// options changed.
    fn check_cache_key(&mut self, config_text: &[u8]) {
        let Some(cache) = self.cache.as_mut() else {
            return;
        };
        let key = cache_key(&self.options, config_text);
        if cache.key != key {
            *cache = Cache {
                key,
                ..Cache::default()
            };
        }
    }
}

type ArticleEntry = (SourceFile, ArticleMeta, usize, usize);
type ParseResult = Result<frontmatter::Parsed, Vec<Diagnostic>>;
type BodyCache = FastMap<PathBuf, (u64, Arc<markdown::Rendered>)>;
type PageEntry = (SourceFile, PageMeta, usize, usize);

/// A hash of site.yaml and the build options: what every reused result
/// depends on.
fn cache_key(options: &BuildOptions, config_text: &[u8]) -> u64 {
    render::memo::signature((
        config_text,
        options.drafts,
        options.future,
        &options.base_url,
        options.now.timestamp(),
    ))
}

fn finish_errors(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics::sort(&mut errors);
    errors
}
