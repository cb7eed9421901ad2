//! The build pipeline's front matter and Markdown stages, reusing unchanged
//! results when the builder is incremental.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{ArticleEntry, BodyCache, Builder, PageEntry, ParseResult};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{self, ArticleMeta, Meta, PageMeta};
use crate::load::SourceFile;
use crate::markdown;
use crate::render;
use crate::site::{self, links::SourceMap};

impl Builder {
    /// Reads the front matter of every source (reusing unchanged results).
    pub(super) fn parse_all(
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
    pub(super) fn render_bodies(
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
        let render = |input: BodyInput| render_body(config, &source_map, map_key, cache, input);
        let article_bodies: Vec<(u64, Arc<markdown::Rendered>, bool)> = articles
            .par_iter()
            .map(|planned| render(body_input(planned)))
            .collect();
        let page_bodies: Vec<(u64, Arc<markdown::Rendered>, bool)> = pages
            .par_iter()
            .map(|planned| render(body_input(planned)))
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
        if let Some(cache) = self.cache.as_mut() {
            cache.source_map = Some((Arc::new(source_map), map_key));
        }
        (articles, article_bodies, pages, page_bodies)
    }
}

/// Renders one body, or takes it from `cache` when its text and everything
/// its rendering depends on are unchanged; gives the rendering key and
/// whether it was rendered now.
pub(super) fn render_body(
    config: &Config,
    source_map: &SourceMap,
    map_key: u64,
    cache: Option<&BodyCache>,
    (source, body, dir, slug, text_hash): BodyInput,
) -> (u64, Arc<markdown::Rendered>, bool) {
    let links = if body.contains(".md") { map_key } else { 0 };
    let key = render::memo::signature((text_hash, dir, slug, config.markdown.unsafe_html, links));
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
}

/// The front matter's hash and the body's rendering key.
pub(super) fn fingerprint(text: &str, body_start: usize, body_key: u64) -> site::Fingerprint {
    site::Fingerprint {
        meta: render::memo::signature(text.get(..body_start).unwrap_or(text)),
        body: body_key,
    }
}

pub(super) fn unsafe_link_warnings(
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

/// What rendering a body needs of an article or a page: its source file,
/// the body, its folder, its slug (footnote ids) and its text hash.
pub(super) type BodyInput<'a> = (&'a Path, &'a str, &'a Path, &'a str, u64);

fn body_input<M>(planned: &site::Planned<M>) -> BodyInput<'_> {
    (
        &planned.source,
        planned.body(),
        &planned.source_dir,
        &planned.slug,
        planned.text_hash,
    )
}
