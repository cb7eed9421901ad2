//! The build pipeline: load -> front matter -> Markdown -> site -> render ->
//! (output). Stages run in order; work inside a stage runs in parallel. All
//! content errors of a run are collected and returned together.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diagnostics::{self, Diagnostic};
use crate::frontmatter::{self, ArticleMeta, Meta, PageMeta};
use crate::linkcheck::{self, ExternalLink};
use crate::load::{self, SourceFile};
use crate::markdown;
use crate::output::{Collect, OutputError, OutputFile, Sink};
use crate::progress::Progress;
use crate::render::memo::FastMap;
use crate::render::{self, theme::Theme};
use crate::schedule::{self, NextChange};
use crate::search;
use crate::site::{self, Selection, Site, links::SourceMap};
use crate::{media, publish};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    pub drafts: bool,
    pub future: bool,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// The moment that decides what is future and what has expired.
    pub now: DateTime<Utc>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            drafts: false,
            future: false,
            base_url: None,
            now: Utc::now(),
        }
    }
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// Inside the render stage, pages are rendered, link-checked and written
    /// side by side: the time of each, summed over threads.
    pub threads: Option<publish::ThreadTime>,
}

impl Timings {
    fn record(&mut self, stage: &'static str, started: Instant) -> Instant {
        let now = Instant::now();
        self.stages.push((stage, now - started));
        now
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, duration)| *duration).sum()
    }
}

/// A finished build, in memory.
pub struct Built {
    pub site: Arc<Site>,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// Pages rendered by this build (the others were reused by `serve`).
    pub rendered: usize,
    pub theme: Theme,
    /// The next moment the output changes by itself (a future date or an expiry).
    pub next_change: Option<NextChange>,
    /// HTML pages and files in the output (compressed copies aside).
    pub page_count: usize,
    pub file_count: usize,
    /// Links to other sites, for `bantin check --external`, and the output
    /// files they were found in (`ExternalLink::file` indexes them).
    pub external_links: Vec<ExternalLink>,
    pub external_files: Vec<OutputFile>,
}

impl Built {
    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.page_count
    }
}

/// Reads `site.yaml`, applying the command-line base URL.
pub fn load_config(options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let mut config = Config::load(&options.root)?;
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
}

/// What an incremental builder keeps between builds.
#[derive(Default)]
struct Cache {
    /// Hash of site.yaml and the options: when it changes, nothing is reused.
    key: u64,
    sources: load::SourceCache,
    parsed: FastMap<PathBuf, (u64, Arc<ParseResult>)>,
    bodies: FastMap<PathBuf, (u64, Arc<markdown::Rendered>)>,
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
        }
    }

    /// A builder that reuses unchanged work between builds.
    pub fn incremental(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: Some(Cache::default()),
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
        let mut timings = Timings::default();
        let mut started = Instant::now();
        progress.stage("site.yaml");
        let config = load_config(&self.options)?;
        self.check_cache_key();
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
        for (planned, rendered) in articles.iter().zip(&article_bodies) {
            errors.extend(unsafe_link_warnings(
                &planned.source,
                planned.body_line,
                &rendered.unsafe_links,
            ));
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
        media::attach(&mut articles, article_media);
        let pages = site::make_pages(&config, pages, page_bodies);
        let site = Arc::new(site::assemble(
            config, articles, pages, tag_names, selection,
        ));
        started = timings.record("site", started);

        progress.stage("search");
        let search_index = match self.cache.as_mut() {
            Some(cache) => search::build_reusing(&site, &mut cache.search),
            None => search::build(&site),
        };
        started = timings.record("search", started);

        progress.stage("render");
        let mut extra = media::output_files(&site.articles);
        extra.extend(search_index.files);
        let search_url = search_index.url;
        let root = self.options.root.clone();
        let output = match self.cache.as_mut() {
            Some(cache) => reuse_and_check(&root, &site, &theme, &search_url, extra, cache, sink),
            None => publish::publish(&root, &site, &theme, &search_url, extra, sink)
                .map(|published| (published, site.articles.len().max(1))),
        };
        let (mut published, rendered) = output.map_err(finish_errors)?;
        timings.record("render", started);
        timings.threads = Some(std::mem::take(&mut published.thread_time));
        diagnostics::sort(&mut warnings);
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
        })
    }

    /// Empties the cache when site.yaml or the build options changed.
    fn check_cache_key(&mut self) {
        let Some(cache) = self.cache.as_mut() else {
            return;
        };
        let config_text =
            std::fs::read(self.options.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
        let options = &self.options;
        let key = render::memo::signature((
            config_text,
            options.drafts,
            options.future,
            &options.base_url,
            options.now.timestamp(),
        ));
        if cache.key != key {
            *cache = Cache {
                key,
                ..Cache::default()
            };
        }
    }

    /// Reads the front matter of every source (reusing unchanged results).
    fn parse_all(
        &mut self,
        sources: Vec<SourceFile>,
        config: &Config,
        errors: &mut Vec<Diagnostic>,
    ) -> (Vec<ArticleEntry>, Vec<PageEntry>) {
        let cache = self.cache.as_ref().map(|cache| &cache.parsed);
        let parsed: Vec<(SourceFile, Arc<ParseResult>, bool)> = sources
            .into_par_iter()
            .map(|source| {
                let cached = cache
                    .and_then(|cache| cache.get(&source.path))
                    .filter(|(hash, _)| source.hash != 0 && *hash == source.hash);
                match cached {
                    Some((_, parsed)) => (source, Arc::clone(parsed), false),
                    None => {
                        let parsed = Arc::new(frontmatter::parse(&source, config));
                        (source, parsed, true)
                    }
                }
            })
            .collect();
        if let Some(cache) = self.cache.as_mut() {
            let present: HashSet<&Path> = parsed
                .iter()
                .map(|(source, _, _)| source.path.as_path())
                .collect();
            cache
                .parsed
                .retain(|path, _| present.contains(path.as_path()));
            for (source, result, fresh) in &parsed {
                if *fresh {
                    cache
                        .parsed
                        .insert(source.path.clone(), (source.hash, Arc::clone(result)));
                }
            }
        }
        let mut articles = Vec::new();
        let mut pages = Vec::new();
        for (source, parsed, _) in parsed {
            let parsed = Arc::try_unwrap(parsed).unwrap_or_else(|shared| (*shared).clone());
            match parsed {
                Ok(parsed) => match parsed.meta {
                    Meta::Article(meta) => {
                        articles.push((source, *meta, parsed.body_start, parsed.body_line))
                    }
                    Meta::Page(meta) => {
                        pages.push((source, meta, parsed.body_start, parsed.body_line))
                    }
                },
                Err(found) => errors.extend(found),
            }
        }
        (articles, pages)
    }

    /// Renders every Markdown body (reusing unchanged ones) and gives each
    /// planned file its fingerprint.
    #[allow(clippy::type_complexity)]
    fn render_bodies(
        &mut self,
        config: &Config,
        mut articles: Vec<site::Planned<ArticleMeta>>,
        mut pages: Vec<site::Planned<PageMeta>>,
    ) -> (
        Vec<site::Planned<ArticleMeta>>,
        Vec<Arc<markdown::Rendered>>,
        Vec<site::Planned<PageMeta>>,
        Vec<Arc<markdown::Rendered>>,
    ) {
        let source_map = SourceMap::new(
            articles
                .iter()
                .map(|planned| (planned.source.clone(), planned.path.clone()))
                .chain(
                    pages
                        .iter()
                        .map(|planned| (planned.source.clone(), planned.path.clone())),
                ),
        );
        let map_key = if self.cache.is_some() {
            source_map.key()
        } else {
            0
        };
        let cache = self.cache.as_ref().map(|cache| &cache.bodies);
        let render = |source: &Path,
                      body: &str,
                      dir: &Path,
                      slug: &str,
                      text_hash: u64|
         -> (u64, Arc<markdown::Rendered>, bool) {
            let links = if body.contains(".md") { map_key } else { 0 };
            let key =
                render::memo::signature((text_hash, dir, slug, config.markdown.unsafe_html, links));
            if let Some((_, rendered)) = cache
                .and_then(|cache| cache.get(source))
                .filter(|(cached, _)| text_hash != 0 && *cached == key)
            {
                return (key, Arc::clone(rendered), false);
            }
            let rewrite = |link: &str| source_map.rewrite(&config.base_url, dir, link);
            let context = markdown::Context {
                unsafe_html: config.markdown.unsafe_html,
                footnote_prefix: slug,
                rewrite_link: Some(&rewrite),
            };
            (key, Arc::new(markdown::render(body, &context)), true)
        };
        let article_bodies: Vec<(u64, Arc<markdown::Rendered>, bool)> = articles
            .par_iter()
            .map(|planned| {
                render(
                    &planned.source,
                    planned.body(),
                    &planned.source_dir,
                    &planned.slug,
                    planned.text_hash,
                )
            })
            .collect();
        let page_bodies: Vec<(u64, Arc<markdown::Rendered>, bool)> = pages
            .par_iter()
            .map(|planned| {
                render(
                    &planned.source,
                    planned.body(),
                    &planned.source_dir,
                    &planned.slug,
                    planned.text_hash,
                )
            })
            .collect();
        if let Some(cache) = self.cache.as_mut() {
            let present: HashSet<&Path> = articles
                .iter()
                .map(|planned| planned.source.as_path())
                .chain(pages.iter().map(|planned| planned.source.as_path()))
                .collect();
            cache
                .bodies
                .retain(|path, _| present.contains(path.as_path()));
            let sources = articles
                .iter()
                .map(|planned| &planned.source)
                .chain(pages.iter().map(|planned| &planned.source));
            for (source, (key, rendered, fresh)) in
                sources.zip(article_bodies.iter().chain(&page_bodies))
            {
                if *fresh {
                    cache
                        .bodies
                        .insert(source.clone(), (*key, Arc::clone(rendered)));
                }
            }
            for (planned, (key, _, _)) in articles.iter_mut().zip(&article_bodies) {
                planned.fingerprint = fingerprint(&planned.text, planned.body_start, *key);
            }
            for (planned, (key, _, _)) in pages.iter_mut().zip(&page_bodies) {
                planned.fingerprint = fingerprint(&planned.text, planned.body_start, *key);
            }
        }
        let article_bodies = article_bodies
            .into_iter()
            .map(|(_, rendered, _)| rendered)
            .collect();
        let page_bodies = page_bodies
            .into_iter()
            .map(|(_, rendered, _)| rendered)
            .collect();
        (articles, article_bodies, pages, page_bodies)
    }
}

/// The front matter's hash and the body's rendering key.
fn fingerprint(text: &str, body_start: usize, body_key: u64) -> site::Fingerprint {
    site::Fingerprint {
        meta: render::memo::signature(text.get(..body_start).unwrap_or(text)),
        body: body_key,
    }
}

type ArticleEntry = (SourceFile, ArticleMeta, usize, usize);
type ParseResult = Result<frontmatter::Parsed, Vec<Diagnostic>>;
type PageEntry = (SourceFile, PageMeta, usize, usize);

/// `serve`'s output stage: pages through the page cache, the other files,
/// the incremental link check, then everything to the sink. Returns the
/// number of pages rendered again.
fn reuse_and_check(
    root: &Path,
    site: &Arc<Site>,
    theme: &Theme,
    search_url: &str,
    extra: Vec<OutputFile>,
    cache: &mut Cache,
    sink: &dyn Sink,
) -> Result<(publish::Published, usize), Vec<Diagnostic>> {
    let renderer = render::Renderer::new(site, theme, search_url)?;
    let (mut files, stats) = render::render_with_memo(&renderer, &mut cache.memo, cache.key)?;
    let pages: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
    let (others, mut errors) = publish::other_files(root, site, theme, &renderer, extra, &pages);
    files.extend(others);
    errors.extend(linkcheck::incremental::check(
        root,
        site,
        theme,
        &files,
        &stats.rendered_paths,
        &mut cache.links,
    ));
    if !errors.is_empty() {
        return Err(errors);
    }
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let fail = |error: OutputError| vec![Diagnostic::file_error("output", error.to_string())];
    sink.prepare(&paths, site.config.compress).map_err(fail)?;
    let published = publish::Published {
        pages: pages.len(),
        files: files.len(),
        external: Vec::new(),
        external_files: Vec::new(),
        thread_time: publish::ThreadTime::default(),
    };
    for file in files {
        sink.put(file).map_err(fail)?;
    }
    Ok((published, stats.rendered))
}

fn unsafe_link_warnings(
    source: &Path,
    body_line: usize,
    links: &[markdown::SourceLink],
) -> Vec<Diagnostic> {
    links
        .iter()
        .map(|link| {
            let mut diagnostic = Diagnostic::file_error(
                source,
                format!(
                    "link to \"{}\" removed: only http, https, mailto and tel links are allowed",
                    link.written
                ),
            )
            .with_hint("link to a web page or a file of the site");
            diagnostic.line = body_line + link.line - 1;
            diagnostic.warning()
        })
        .collect()
}

fn finish_errors(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics::sort(&mut errors);
    errors
}
