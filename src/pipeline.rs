//! The build pipeline: load -> front matter -> Markdown -> site -> render ->
//! (output). Stages run in order; work inside a stage runs in parallel. All
//! content errors of a run are collected and returned together.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diagnostics::{self, Diagnostic};
use crate::frontmatter::{self, Meta};
use crate::linkcheck::{self, ExternalLink};
use crate::load::{self, SourceFile};
use crate::markdown;
use crate::output::OutputFile;
use crate::progress::Progress;
use crate::render::{self, theme::Theme};
use crate::schedule::{self, NextChange};
use crate::site::{self, Selection, Site, links::SourceMap};
use crate::{media, redirects};

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
    pub theme: Theme,
    /// The next moment the output changes by itself (a future date or an expiry).
    pub next_change: Option<NextChange>,
    /// Links to other sites, for `bantin check --external`.
    pub external_links: Vec<ExternalLink>,
}

impl Built {
    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files
            .iter()
            .filter(|file| file.path.ends_with(".html"))
            .count()
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
    let mut timings = Timings::default();
    let mut started = Instant::now();
    progress.stage("site.yaml");
    let config = load_config(options)?;
    let theme = render::theme::load_theme(&options.root, &config);
    progress.stage("content");
    let (content, mut errors) = load::load_content(&options.root);
    started = timings.record("load", started);

    progress.stage("front matter");
    let parsed: Vec<(SourceFile, Result<frontmatter::Parsed, Vec<Diagnostic>>)> = content
        .sources
        .into_par_iter()
        .map(|source| {
            let parsed = frontmatter::parse(&source, &config);
            (source, parsed)
        })
        .collect();
    let mut article_entries = Vec::new();
    let mut page_entries = Vec::new();
    for (source, parsed) in parsed {
        match parsed {
            Ok(parsed) => match parsed.meta {
                Meta::Article(meta) => {
                    article_entries.push((source, *meta, parsed.body, parsed.body_line))
                }
                Meta::Page(meta) => {
                    page_entries.push((source, meta, parsed.body, parsed.body_line))
                }
            },
            Err(found) => errors.extend(found),
        }
    }
    let selection = Selection {
        drafts: options.drafts,
        future: options.future,
        now: options.now,
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
    started = timings.record("front matter", started);

    progress.stage("markdown");
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
    let render_body = |body: &str, dir: &Path, slug: &str| {
        let rewrite = |link: &str| source_map.rewrite(&config.base_url, dir, link);
        markdown::render(
            body,
            &markdown::Context {
                unsafe_html: config.markdown.unsafe_html,
                footnote_prefix: slug,
                rewrite_link: Some(&rewrite),
            },
        )
    };
    let article_bodies: Vec<markdown::Rendered> = articles
        .par_iter()
        .map(|planned| render_body(&planned.body, &planned.source_dir, &planned.slug))
        .collect();
    let page_bodies: Vec<markdown::Rendered> = pages
        .par_iter()
        .map(|planned| render_body(&planned.body, &planned.source_dir, &planned.slug))
        .collect();
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
    let tag_names: Vec<(PathBuf, Vec<String>)> = articles
        .iter()
        .map(|planned| (planned.source.clone(), planned.meta.tags.clone()))
        .collect();
    let articles = site::make_articles(articles, article_bodies, &selection);
    let tag_names = order_like(&articles, tag_names);
    let pages = site::make_pages(&config, pages, page_bodies);
    let site = Arc::new(site::assemble(
        config, articles, pages, tag_names, selection,
    ));
    started = timings.record("site", started);

    progress.stage("render");
    let mut files = render::render_site(&site, &theme).map_err(finish_errors)?;
    started = timings.record("render", started);
    progress.stage("links");
    let external_links =
        add_media_and_redirects_then_check(&options.root, &site, &theme, &mut files)?;
    timings.record("links", started);
    diagnostics::sort(&mut warnings);
    Ok(Built {
        site,
        files,
        warnings,
        timings,
        theme,
        next_change,
        external_links,
    })
}

/// Media files and redirect pages join the output, then every internal
/// reference of the whole output is checked (link-check stage).
fn add_media_and_redirects_then_check(
    root: &Path,
    site: &Site,
    theme: &Theme,
    files: &mut Vec<OutputFile>,
) -> Result<Vec<ExternalLink>, Vec<Diagnostic>> {
    let static_names: Vec<&str> = theme.static_files.keys().map(String::as_str).collect();
    let (media, mut errors) = media::collect(root, site, &static_names);
    files.extend(media);
    let existing = files.iter().map(|file| file.path.as_str()).collect();
    let (redirect_files, redirect_errors) =
        redirects::redirects(root, site, &theme.strings, &existing);
    errors.extend(redirect_errors);
    files.extend(redirect_files);
    let checked = linkcheck::check(root, site, theme, files);
    errors.extend(checked.diagnostics);
    if errors.is_empty() {
        Ok(checked.external)
    } else {
        Err(finish_errors(errors))
    }
}

/// Tag lists in the final (sorted) article order.
fn order_like(
    articles: &[site::Article],
    mut names: Vec<(PathBuf, Vec<String>)>,
) -> Vec<Vec<String>> {
    names.sort_by(|a, b| a.0.cmp(&b.0));
    articles
        .iter()
        .map(|article| {
            names
                .binary_search_by(|(source, _)| source.cmp(&article.source))
                .map(|found| std::mem::take(&mut names[found].1))
                .unwrap_or_default()
        })
        .collect()
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
