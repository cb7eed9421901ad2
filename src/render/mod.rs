//! Render stage: `Site` + theme -> output files in memory. Every page is one
//! `Job`; jobs render in parallel (rayon) against one shared minijinja
//! environment, each getting only the values it shows.

pub mod assets;
pub mod builtin;
mod environment;
pub mod feeds;
pub mod jobs;
pub mod media;
pub mod memo;
pub mod objects;
pub mod reports;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::Environment;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::site::Site;
use jobs::Job;
use memo::{Memo, Remembered, Versions};
use theme::{StaticSource, Theme};
use views::Views;

pub use assets::AssetMap;
pub use environment::escape_html;

/// Pages re-rendered and reused by one build.
#[derive(Debug, Clone, Default)]
pub struct RenderStats {
    pub rendered: usize,
    pub reused: usize,
    /// Output paths rendered again (only when reusing pages).
    pub rendered_paths: std::collections::HashSet<String>,
}

/// Everything needed to render the pages of one build: the template
/// environment, the values every page shares and the list of pages.
pub struct Renderer<'t> {
    environment: Environment<'static>,
    shared: jobs::Shared,
    theme: &'t Theme,
    assets: AssetMap,
    site: Arc<Site>,
    /// Every page, in a fixed order.
    pub jobs: Vec<Job>,
}

impl<'t> Renderer<'t> {
    /// `search_index` is the URL of the search index folder, for the search
    /// page; when it is not known yet, `set_search_index` gives it later.
    pub fn new(
        site: &Arc<Site>,
        theme: &'t Theme,
        search_index: Option<&str>,
    ) -> Result<Self, Vec<Diagnostic>> {
        Self::with_views(Views::new(site), theme, search_index)
    }

    /// A renderer over views made earlier (`serve` keeps and patches them).
    pub fn with_views(
        views: Arc<Views>,
        theme: &'t Theme,
        search_index: Option<&str>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let site = Arc::clone(views.site());
        let assets = assets::asset_map(theme)?;
        let environment = environment::environment(&site, theme, &assets)?;
        Ok(Renderer {
            environment,
            jobs: jobs::all_jobs(&site),
            shared: jobs::Shared::new(views, &theme.strings, search_index),
            theme,
            assets,
            site,
        })
    }

    /// The site and its template text.
    pub fn views(&self) -> &Arc<Views> {
        &self.shared.site
    }

    /// Gives the search index folder's URL, once, before the search page renders.
    pub fn set_search_index(&self, url: &str) {
        let _ = self.shared.search_index.set(url.to_string());
    }

    /// The output path of a page.
    pub fn output_path(&self, job: &Job) -> String {
        crate::site::urls::output_file(&jobs::path(&self.shared, job))
    }

    /// Renders one page; direction controls are removed from it (bidi.rs).
    pub fn render(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
        let (template_name, context) = jobs::context(&self.shared, job);
        let rendered = self
            .environment
            .get_template(template_name)
            .and_then(|template| template.render(context));
        match rendered {
            Ok(html) => {
                let html = match crate::bidi::strip(&html) {
                    std::borrow::Cow::Borrowed(_) => html,
                    std::borrow::Cow::Owned(cleaned) => cleaned,
                };
                Ok(OutputFile {
                    path: self.output_path(job),
                    contents: Contents::Bytes(html.into_bytes()),
                })
            }
            Err(error) => Err(environment::template_diagnostic(self.theme, &error)),
        }
    }

    /// Feeds, sitemap, robots.txt and the theme's and site's static files
    /// (CSS and JS under their fingerprinted names).
    pub fn site_files(&self) -> Vec<OutputFile> {
        let mut files = feeds::feeds(&self.site);
        for (name, source) in &self.theme.static_files {
            let contents = match source {
                StaticSource::File(path) => Contents::Copy(path.clone()),
                StaticSource::Builtin(bytes) => Contents::Bytes(bytes.to_vec()),
            };
            files.push(OutputFile {
                path: self
                    .assets
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| name.clone()),
                contents,
            });
        }
        files
    }
}

/// Renders every page, reusing pages of `memo` that did not change; `key`
/// covers everything outside the site model (e.g. the config text).
pub fn render_with_memo(
    renderer: &Renderer,
    memo: &mut Memo,
    key: u64,
) -> Result<(Vec<OutputFile>, RenderStats), Vec<Diagnostic>> {
    let pass = Pass::new(renderer, key, Versions::new(&renderer.site));
    let outcomes: Vec<Outcome> = renderer
        .jobs
        .par_iter()
        .map(|job| pass.run(memo, job))
        .collect();
    let stats = RenderStats::of(&outcomes);
    let (files, rendered) = split_outcomes(outcomes)?;
    let present: std::collections::HashMap<&str, &Job> = files
        .iter()
        .map(|file| file.path.as_str())
        .zip(&renderer.jobs)
        .collect();
    memo.update(rendered, &present);
    memo.versions = Some(pass.versions);
    Ok((files, stats))
}

/// Renders only the pages that can have changed when nothing but `objects`
/// changed (and the site keeps its articles, pages and lists in the same
/// places): the kept pages that read them, and `jobs`. Pages that did not
/// change after all are reused; the memo's other pages stay as they are.
pub fn render_changed(
    renderer: &Renderer,
    memo: &mut Memo,
    key: u64,
    objects: &[(memo::Kind, usize)],
    mut jobs: Vec<Job>,
) -> Result<(Vec<OutputFile>, RenderStats), Vec<Diagnostic>> {
    let versions = match memo.versions.take() {
        Some(mut versions) => {
            versions.refresh(&renderer.site, objects);
            versions
        }
        None => Versions::new(&renderer.site),
    };
    let pass = Pass::new(renderer, key, versions);
    let ids: Vec<(memo::Kind, u64)> = objects
        .iter()
        .map(|&(kind, index)| (kind, pass.versions.id(kind, index)))
        .collect();
    let mut paths: std::collections::HashSet<String> =
        jobs.iter().map(|job| renderer.output_path(job)).collect();
    for (path, job) in memo.readers(&ids) {
        if paths.insert(path.to_string()) {
            jobs.push(job.clone());
        }
    }
    let outcomes: Vec<Outcome> = jobs.par_iter().map(|job| pass.run(memo, job)).collect();
    let stats = RenderStats::of(&outcomes);
    let (files, rendered) = split_outcomes(outcomes)?;
    memo.remember(rendered);
    memo.versions = Some(pass.versions);
    Ok((files, stats))
}

/// A page of one build: its file, and what to remember of it when it was
/// rendered rather than reused.
type Outcome = Result<(OutputFile, Option<Remembered>), Diagnostic>;

/// What every page of one build is checked against to be reused.
struct Pass<'r, 't> {
    renderer: &'r Renderer<'t>,
    versions: Versions,
    global: u64,
    templates: BTreeMap<String, u64>,
}

impl<'r, 't> Pass<'r, 't> {
    fn new(renderer: &'r Renderer<'t>, key: u64, versions: Versions) -> Self {
        let (site, theme) = (&renderer.site, renderer.theme);
        Pass {
            renderer,
            versions,
            global: memo::signature((key, global_key(site, theme, &renderer.assets))),
            templates: template_hashes(theme),
        }
    }

    /// The page of `job`: kept from `memo` when nothing it depends on
    /// changed, otherwise rendered while recording what it reads.
    fn run(&self, memo: &Memo, job: &Job) -> Outcome {
        let renderer = self.renderer;
        let signature = jobs::signature(
            &renderer.shared,
            job,
            &self.versions,
            self.global,
            &self.templates,
        );
        let path = renderer.output_path(job);
        if let Some(bytes) = memo.reuse(&path, signature, &self.versions) {
            let file = OutputFile {
                path,
                contents: Contents::Shared(bytes),
            };
            return Ok((file, None));
        }
        let (file, reads) = memo::tracking(|| renderer.render(job));
        let bytes: Arc<[u8]> = match file?.contents {
            Contents::Bytes(bytes) => Arc::from(bytes),
            Contents::Shared(bytes) => bytes,
            Contents::Copy(_) => Arc::from(Vec::new()),
        };
        let remembered = Remembered::new(
            (path.clone(), job),
            signature,
            &reads,
            &self.versions,
            Arc::clone(&bytes),
        );
        let file = OutputFile {
            path,
            contents: Contents::Shared(bytes),
        };
        Ok((file, Some(remembered)))
    }
}

impl RenderStats {
    fn of(outcomes: &[Outcome]) -> Self {
        let rendered_paths: std::collections::HashSet<String> = outcomes
            .iter()
            .filter_map(|outcome| match outcome {
                Ok((file, Some(_))) => Some(file.path.clone()),
                _ => None,
            })
            .collect();
        let reused = outcomes
            .iter()
            .filter(|outcome| matches!(outcome, Ok((_, None))))
            .count();
        RenderStats {
            rendered: outcomes.len() - reused,
            reused,
            rendered_paths,
        }
    }
}

/// The files of a pass and the pages to remember, or its template errors
/// (each once).
#[allow(clippy::type_complexity)]
fn split_outcomes(
    outcomes: Vec<Outcome>,
) -> Result<(Vec<OutputFile>, Vec<Remembered>), Vec<Diagnostic>> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::with_capacity(outcomes.len());
    let mut rendered = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok((file, remembered)) => {
                rendered.extend(remembered);
                files.push(file);
            }
            Err(diagnostic) => {
                if !diagnostics.contains(&diagnostic) {
                    diagnostics.push(diagnostic);
                }
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok((files, rendered))
}

/// Everything every page may show that is not an object templates read
/// through tracking: UI strings, asset names, years and the lists of tags
/// and pages.
fn global_key(site: &Site, theme: &Theme, assets: &AssetMap) -> u64 {
    let years: Vec<(i32, usize)> = site
        .years
        .iter()
        .map(|year| (year.year, year.articles.len()))
        .collect();
    let tags: Vec<&str> = site
        .tags
        .iter()
        .filter(|tag| !tag.articles.is_empty())
        .map(|tag| tag.slug.as_str())
        .collect();
    let pages: Vec<&std::path::Path> = site
        .pages
        .iter()
        .map(|page| page.source.as_path())
        .collect();
    memo::signature((&theme.strings, assets, years, tags, pages))
}

/// For each template, a hash of its text and of every template it names
/// (extends, include, import), transitively.
fn template_hashes(theme: &Theme) -> BTreeMap<String, u64> {
    let names: Vec<&String> = theme.templates.keys().collect();
    let references: BTreeMap<&str, Vec<&str>> = theme
        .templates
        .iter()
        .map(|(name, source)| {
            let named = names
                .iter()
                .filter(|other| {
                    source.text.contains(&format!("\"{other}\""))
                        || source.text.contains(&format!("'{other}'"))
                })
                .map(|other| other.as_str())
                .collect();
            (name.as_str(), named)
        })
        .collect();
    theme
        .templates
        .keys()
        .map(|name| {
            let mut closure = std::collections::BTreeSet::new();
            let mut pending = vec![name.as_str()];
            while let Some(next) = pending.pop() {
                if closure.insert(next) {
                    pending.extend(references.get(next).into_iter().flatten().copied());
                }
            }
            let texts: Vec<(&str, &str)> = closure
                .into_iter()
                .map(|name| (name, theme.templates[name].text.as_str()))
                .collect();
            (name.clone(), memo::signature(texts))
        })
        .collect()
}
