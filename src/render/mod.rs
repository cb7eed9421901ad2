//! Render stage: `Site` + theme -> output files in memory. Every page is one
//! `Job`; jobs render in parallel (rayon) against one shared minijinja
//! environment, each getting only the values it shows.

pub mod assets;
pub mod builtin;
pub mod feeds;
pub mod jobs;
pub mod media;
pub mod memo;
pub mod objects;
pub mod reports;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::site::Site;
use jobs::Job;
use memo::{Memo, Remembered, Versions};
use theme::{StaticSource, Theme};

pub use assets::AssetMap;

/// Renders every page, feed and static file of the site.
pub fn render_site(site: &Arc<Site>, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_with_memo(site, theme, None).map(|(files, _)| files)
}

/// Pages re-rendered and reused by one build.
#[derive(Debug, Clone, Default)]
pub struct RenderStats {
    pub rendered: usize,
    pub reused: usize,
    /// Output paths rendered again (only when reusing pages).
    pub rendered_paths: std::collections::HashSet<String>,
}

/// Renders the site, reusing pages of `memo` (with the site-wide key of
/// everything outside the site model, e.g. the config text) that did not change.
pub fn render_with_memo(
    site: &Arc<Site>,
    theme: &Theme,
    memo: Option<(&mut Memo, u64)>,
) -> Result<(Vec<OutputFile>, RenderStats), Vec<Diagnostic>> {
    let assets = assets::asset_map(theme)?;
    let environment = environment(site, theme, &assets)?;
    let shared = jobs::Shared::new(site, &theme.strings);
    let jobs = jobs::all_jobs(site);
    let (results, stats) = match memo {
        None => {
            let results: Vec<Result<OutputFile, Diagnostic>> = jobs
                .par_iter()
                .map(|job| render_job(&environment, &shared, theme, job))
                .collect();
            let stats = RenderStats {
                rendered: results.len(),
                ..RenderStats::default()
            };
            (results, stats)
        }
        Some((memo, key)) => {
            let versions = Versions::new(site);
            let global = memo::signature((key, global_key(site, theme, &assets)));
            let templates = template_hashes(theme);
            let outcomes: Vec<Result<(OutputFile, Option<Remembered>), Diagnostic>> = jobs
                .par_iter()
                .map(|job| {
                    let signature = jobs::signature(&shared, job, &versions, global, &templates);
                    let path = crate::site::urls::output_file(&jobs::path(&shared, job));
                    if let Some(bytes) = memo.reuse(&path, signature, &versions) {
                        let file = OutputFile {
                            path,
                            contents: Contents::Shared(bytes),
                        };
                        return Ok((file, None));
                    }
                    let (file, reads) =
                        memo::tracking(|| render_job(&environment, &shared, theme, job));
                    let bytes: Arc<[u8]> = match file?.contents {
                        Contents::Bytes(bytes) => Arc::from(bytes),
                        Contents::Shared(bytes) => bytes,
                        Contents::Copy(_) => Arc::from(Vec::new()),
                    };
                    let remembered = Remembered::new(
                        path.clone(),
                        signature,
                        &reads,
                        &versions,
                        Arc::clone(&bytes),
                    );
                    Ok((
                        OutputFile {
                            path,
                            contents: Contents::Shared(bytes),
                        },
                        Some(remembered),
                    ))
                })
                .collect();
            let reused = outcomes
                .iter()
                .filter(|outcome| matches!(outcome, Ok((_, None))))
                .count();
            let rendered_paths = outcomes
                .iter()
                .filter_map(|outcome| match outcome {
                    Ok((file, Some(_))) => Some(file.path.clone()),
                    _ => None,
                })
                .collect();
            let stats = RenderStats {
                rendered: outcomes.len() - reused,
                reused,
                rendered_paths,
            };
            if outcomes.iter().all(Result::is_ok) {
                let mut files = Vec::with_capacity(outcomes.len());
                let mut rendered = Vec::new();
                for (file, remembered) in outcomes.into_iter().flatten() {
                    rendered.extend(remembered);
                    files.push(Ok(file));
                }
                let present: std::collections::HashSet<&str> = files
                    .iter()
                    .flatten()
                    .map(|file: &OutputFile| file.path.as_str())
                    .collect();
                memo.update(rendered, &present);
                (files, stats)
            } else {
                let files = outcomes
                    .into_iter()
                    .map(|outcome| outcome.map(|(file, _)| file))
                    .collect();
                (files, stats)
            }
        }
    };
    let mut files = Vec::with_capacity(results.len() + theme.static_files.len() + 8);
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
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
    files.extend(feeds::feeds(site));
    for (name, source) in &theme.static_files {
        let contents = match source {
            StaticSource::File(path) => Contents::Copy(path.clone()),
            StaticSource::Builtin(bytes) => Contents::Bytes(bytes.to_vec()),
        };
        files.push(OutputFile {
            path: assets.get(name).cloned().unwrap_or_else(|| name.clone()),
            contents,
        });
    }
    Ok((files, stats))
}

fn render_job(
    environment: &Environment<'static>,
    shared: &jobs::Shared,
    theme: &Theme,
    job: &Job,
) -> Result<OutputFile, Diagnostic> {
    let (template_name, context) = jobs::context(shared, job);
    let rendered = environment
        .get_template(template_name)
        .and_then(|template| template.render(context));
    match rendered {
        Ok(html) => {
            let html = match crate::bidi::strip(&html) {
                std::borrow::Cow::Borrowed(_) => html,
                std::borrow::Cow::Owned(cleaned) => cleaned,
            };
            Ok(OutputFile {
                path: crate::site::urls::output_file(&jobs::path(shared, job)),
                contents: Contents::Bytes(html.into_bytes()),
            })
        }
        Err(error) => Err(template_diagnostic(theme, &error)),
    }
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

/// Builds the template environment with bantin's functions.
fn environment(
    site: &Arc<Site>,
    theme: &Theme,
    assets: &AssetMap,
) -> Result<Environment<'static>, Vec<Diagnostic>> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        environment.set_syntax(syntax);
    }
    environment.set_formatter(html_formatter);
    let mut diagnostics = Vec::new();
    for (name, source) in &theme.templates {
        if let Err(error) = environment.add_template_owned(name.clone(), source.text.clone()) {
            diagnostics.push(template_diagnostic(theme, &error));
        }
    }
    for required in jobs::TEMPLATES {
        if !theme.templates.contains_key(*required) {
            diagnostics.push(
                Diagnostic::file_error(
                    PathBuf::from(theme::TEMPLATES_DIR).join(required),
                    "template is missing",
                )
                .with_hint("the theme must provide it, or templates/ must override it"),
            );
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let strings = Arc::new(theme.strings.clone());
    environment.add_function("t", move |key: &str| -> Result<Value, Error> {
        strings
            .get(key)
            .map(|text| Value::from(text.as_str()))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("unknown UI string \"{key}\"; add it to the theme's i18n file"),
                )
            })
    });
    // For links from free-form data (`extra`): `javascript:`, `data:` and
    // other unsafe schemes become "#".
    environment.add_filter("safe_url", |url: &str| -> Value {
        if crate::markdown::is_safe_url(url) {
            Value::from(url)
        } else {
            Value::from("#")
        }
    });
    let base = site.config.base_url.clone();
    environment.add_function("url", move |path: &str| -> Value {
        Value::from(base.relative(path))
    });
    let base = site.config.base_url.clone();
    let assets = Arc::new(assets.clone());
    environment.add_function("asset", move |name: &str| -> Result<Value, Error> {
        assets
            .get(name.trim_start_matches('/'))
            .map(|published| Value::from(base.relative(published)))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("unknown asset \"{name}\"; put it in the theme's static/ folder"),
                )
            })
    });
    add_fragment_function(&mut environment, site);
    Ok(environment)
}

/// A rendered fragment and what it read (for serve's page reuse).
type Fragment = Arc<(String, Vec<memo::Read>)>;

/// `fragment("partials/footer.html")`: renders a template that is the same
/// on every page (footer, sidebar) once per build and inserts it as HTML.
/// Such a template sees `site` and `lang` (the site's language) only. The
/// objects it read are recorded again for each page that inserts it.
fn add_fragment_function(environment: &mut Environment<'static>, site: &Arc<Site>) {
    let cache: Arc<std::sync::Mutex<BTreeMap<String, Fragment>>> = Arc::default();
    let language = site.config.language.clone();
    environment.add_function(
        "fragment",
        move |state: &minijinja::State, name: &str| -> Result<Value, Error> {
            let cached = cache
                .lock()
                .ok()
                .and_then(|fragments| fragments.get(name).cloned());
            let fragment = match cached {
                Some(fragment) => fragment,
                None => {
                    let site_value = state.lookup("site").unwrap_or_default();
                    let template = state.env().get_template(name)?;
                    let context =
                        minijinja::context! { site => site_value, lang => language.clone() };
                    let (html, reads) = memo::tracking(|| template.render(context));
                    let fragment: Fragment = Arc::new((html?, reads));
                    if let Ok(mut fragments) = cache.lock() {
                        fragments.insert(name.to_string(), Arc::clone(&fragment));
                    }
                    fragment
                }
            };
            memo::replay(&fragment.1);
            Ok(Value::from_safe_string(fragment.0.clone()))
        },
    );
}

/// Escapes printed values for HTML: only `& < > " '` (minijinja's default
/// also escapes `/`, which bloats every URL as `&#x2f;`).
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    let plain = matches!(state.auto_escape(), minijinja::AutoEscape::Html)
        && !value.is_safe()
        && !value.is_undefined()
        && !value.is_none();
    match value.as_str() {
        Some(text) if plain => write_escaped(out, text),
        _ if plain && value.kind() == minijinja::value::ValueKind::Number => {
            write_escaped(out, &value.to_string())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

fn write_escaped(out: &mut minijinja::Output, text: &str) -> Result<(), Error> {
    // The escaped characters are ASCII, so scanning bytes is exact in UTF-8
    // and much faster than decoding characters.
    let bytes = text.as_bytes();
    let mut start = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[start..at]).map_err(Error::from)?;
        out.write_str(entity).map_err(Error::from)?;
        start = at + 1;
    }
    out.write_str(&text[start..]).map_err(Error::from)
}

/// A template error at the template file and line where it happened.
fn template_diagnostic(theme: &Theme, error: &Error) -> Diagnostic {
    let name = error.name().unwrap_or("template");
    let (path, text) = match theme.templates.get(name) {
        Some(source) => (source.path.clone(), source.text.as_str()),
        None => (PathBuf::from(name), ""),
    };
    let message = match error.detail() {
        Some(detail) => format!("template error: {detail}"),
        None => format!("template error: {}", error.kind()),
    };
    let line = error.line().unwrap_or(0);
    let column = error
        .range()
        .and_then(|range| {
            let before = text.get(..range.start)?;
            let line_start = before.rfind('\n').map(|at| at + 1).unwrap_or(0);
            Some(before[line_start..].chars().count() + 1)
        })
        .unwrap_or(0);
    Diagnostic::at(path, text, line, column, message)
        .with_hint("fix the template; the page data is in docs/templates.md")
}
