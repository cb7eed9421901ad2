//! Site configuration: `site.yaml` -> `Config`, read strictly (unknown keys
//! are errors with a suggestion) and validated as a whole.
//!
//! Here: the `Config` value and its parts, loading and parsing; `urls.rs`
//! holds `BaseUrl` and `Permalink`, `fields.rs` reads the fields one by one.

mod fields;
mod urls;

pub use urls::{BaseUrl, Permalink};

use std::collections::BTreeMap;
use std::path::Path;

use chrono_tz::Tz;
use serde_yaml::Value;

use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use crate::yaml::{Fields, Problem, Source};
use fields::{
    read_base_url, read_categories, read_compress, read_departments, read_markdown, read_menu,
    read_paginate, read_timezone,
};

pub const CONFIG_FILE: &str = "site.yaml";

const FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "paginate",
    "permalink",
    "categories",
    "menu",
    "markdown",
    "compress",
    "search",
    "departments",
    "extra",
];

/// A section of the portal. Articles name exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// One entry of the main menu; `url` is site-relative (`/luu-tru/`) or absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// Markdown rendering switches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Keep raw HTML as written instead of sanitizing it (trusted authors only).
    pub unsafe_html: bool,
}

/// Pre-compressed copies written beside text files (`compress:` in site.yaml),
/// for nginx's `gzip_static` / `brotli_static`. Off by default: it costs
/// build time, and not every host serves them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compression {
    pub gzip: bool,
    pub brotli: bool,
}

/// The validated content of `site.yaml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub timezone: Tz,
    pub theme: String,
    pub paginate: usize,
    pub permalink: Permalink,
    pub categories: Vec<Category>,
    pub menu: Vec<MenuItem>,
    pub markdown: MarkdownOptions,
    pub compress: Compression,
    /// Whether the build writes a search index and the pages offer a search
    /// box (`search: false` turns both off, like Zola's `build_search_index`).
    pub search: bool,
    /// Abbreviation -> full department name (`QLCN` -> `Phòng Quản lý Công nghiệp`).
    pub departments: BTreeMap<String, String>,
    /// Free data for themes.
    pub extra: Value,
}

impl Config {
    /// Finds a category by its slug or its name (case- and form-insensitive).
    pub fn category(&self, name_or_slug: &str) -> Option<usize> {
        let wanted = name_or_slug.trim();
        let wanted_slug = slugify(wanted);
        self.categories.iter().position(|category| {
            category.slug == wanted
                || category.name.to_lowercase() == wanted.to_lowercase()
                || category.slug == wanted_slug
        })
    }

    /// Reads and validates `site.yaml` at `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        Config::from_bytes(Config::read(root)?)
    }

    /// The bytes of `site.yaml` in the site folder `root`.
    pub fn read(root: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
        std::fs::read(root.join(CONFIG_FILE)).map_err(|error| {
            vec![
                Diagnostic::file_error(
                    CONFIG_FILE,
                    format!("cannot read the site configuration: {error}"),
                )
                .with_hint(
                    "run bantin in the site folder (the one with site.yaml), or pass --root DIR",
                ),
            ]
        })
    }

    /// Decodes and parses the bytes of `site.yaml` (`read`).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Config, Vec<Diagnostic>> {
        let text = crate::load::decode_text(Path::new(CONFIG_FILE), bytes).map_err(|d| vec![d])?;
        Config::parse(Path::new(CONFIG_FILE), &text)
    }

    /// Parses configuration text; `path` is only used in diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = Source {
            path,
            file_text: text,
            yaml: text,
            line_offset: 0,
        };
        let value = source.parse().map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        let config = read_config(&value, &mut problems);
        match config {
            Some(config) if problems.is_empty() => Ok(config),
            _ => Err(source.locate(problems)),
        }
    }
}

fn read_config(value: &Value, problems: &mut Vec<Problem>) -> Option<Config> {
    let mut fields = Fields::new(value, Vec::new(), "site.yaml", problems)?;
    fields.deny_unknown(FIELDS, "site.yaml");
    let title = fields.required_text("title", "the name of the department");
    let description = fields.text("description").unwrap_or_default();
    let base_url = read_base_url(&mut fields);
    let language = fields.text("language").unwrap_or_else(|| "vi".into());
    let timezone = read_timezone(&mut fields);
    let theme = fields.text("theme").unwrap_or_else(|| "default".into());
    let paginate = read_paginate(&mut fields);
    let permalink = match fields.text("permalink") {
        Some(text) => Permalink::parse(&text).map_err(|p| fields.report(p)).ok(),
        None => Some(Permalink("/{year}/{month}/{slug}/".into())),
    };
    let categories = read_categories(&mut fields);
    let menu = read_menu(&mut fields);
    let markdown = read_markdown(&mut fields);
    let compress = read_compress(&mut fields);
    let search = fields.boolean("search").unwrap_or(true);
    let departments = read_departments(&mut fields);
    let extra = fields.get("extra").cloned().unwrap_or(Value::Null);
    if language.is_empty()
        || !language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        fields.report(Problem::value(
            &fields.path_of("language"),
            "language must be a language code such as vi or en",
        ));
    }
    Some(Config {
        title: title?,
        description,
        base_url: base_url?,
        language,
        timezone: timezone?,
        theme,
        paginate: paginate?,
        permalink: permalink?,
        categories,
        menu,
        markdown,
        compress,
        search,
        departments,
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid site.yaml with one category; shared by the submodules' tests.
    pub(super) const MINIMAL: &str = "title: Sở Công Thương\nbase_url: https://example.gov.vn/\ncategories:\n  - {slug: khuyen-cong, name: Khuyến công}\n";

    #[test]
    fn reads_a_minimal_config_with_defaults() {
        let config = Config::parse(Path::new("site.yaml"), MINIMAL).expect("valid config");
        assert_eq!(config.paginate, 10);
        assert_eq!(config.language, "vi");
        assert_eq!(config.timezone, chrono_tz::Asia::Ho_Chi_Minh);
        assert_eq!(config.category("Khuyến công"), Some(0));
        assert_eq!(config.category("khuyen-cong"), Some(0));
        assert_eq!(config.category("KHUYẾN CÔNG"), Some(0));
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let text = format!("{MINIMAL}paginat: 5\n");
        let errors = Config::parse(Path::new("site.yaml"), &text).expect_err("unknown key");
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (5, 1));
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("did you mean \"paginate\"?")
        );
    }
}
