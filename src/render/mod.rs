//! Render stage: `Site` + theme -> output files in memory. Every page is one
//! `Job`; jobs render in parallel (rayon) against one shared minijinja
//! environment, each getting only the values it shows.

pub mod assets;
pub mod builtin;
pub mod feeds;
pub mod jobs;
pub mod objects;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::site::Site;
use jobs::Job;
use theme::{StaticSource, Theme};

pub use assets::AssetMap;

/// Renders every page, feed and static file of the site.
pub fn render_site(site: &Arc<Site>, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let assets = assets::asset_map(theme)?;
    let environment = environment(site, theme, &assets)?;
    let shared = jobs::Shared::new(site, &theme.strings);
    let jobs = jobs::all_jobs(site);
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| render_job(&environment, &shared, theme, job))
        .collect();
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
    Ok(files)
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
        Ok(html) => Ok(OutputFile {
            path: crate::site::urls::output_file(&jobs::path(shared, job)),
            contents: Contents::Bytes(html.into_bytes()),
        }),
        Err(error) => Err(template_diagnostic(theme, &error)),
    }
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
    Ok(environment)
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
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
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
