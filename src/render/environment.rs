//! The template environment of a build: bantin's functions (`t`, `url`,
//! `asset`, `fragment`, ...), HTML escaping and template diagnostics.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use super::memo;
use super::theme::{self, Theme};
use super::{AssetMap, jobs};
use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// Builds the template environment with bantin's functions.
pub(super) fn environment(
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
    write_html_escaped(out, text).map_err(Error::from)
}

/// Writes `text` with `& < > " '` escaped, as templates escape values.
pub fn write_html_escaped(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
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
        out.write_str(&text[start..at])?;
        out.write_str(entity)?;
        start = at + 1;
    }
    out.write_str(&text[start..])
}

/// `text` escaped for HTML text and attributes (`write_html_escaped`).
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let _ = write_html_escaped(&mut escaped, text);
    escaped
}

/// A template error at the template file and line where it happened.
pub(super) fn template_diagnostic(theme: &Theme, error: &Error) -> Diagnostic {
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
