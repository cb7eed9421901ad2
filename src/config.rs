//! Site configuration: `site.yaml` -> `Config`, read strictly (unknown keys
//! are errors with a suggestion) and validated as a whole.

use std::collections::BTreeMap;
use std::path::Path;

use chrono_tz::Tz;
use serde_yaml::Value;

use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use crate::yaml::{Fields, Problem, Segment, Source, kind};

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

/// Where the site is published: origin and path prefix (always `/`-terminated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.github.io`
    pub origin: String,
    /// `/so-cong-thuong/` or `/`
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .map(|rest| ("https://", rest))
            .or_else(|| text.strip_prefix("http://").map(|rest| ("http://", rest)));
        let Some((scheme, rest)) = rest else {
            return Err(format!(
                "base_url must start with https:// or http://, found \"{text}\""
            ));
        };
        let (host, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || "?#@\\".contains(c)) {
            return Err(format!("base_url has no valid host: \"{text}\""));
        }
        if path.contains(['?', '#', '\\'])
            || path.split('/').any(|part| part == ".." || part == ".")
        {
            return Err(format!(
                "base_url path may not contain ?, #, \\ or dot segments: \"{text}\""
            ));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}{host}"),
            path,
        })
    }

    /// Root-relative URL of a site path (`2014/09/x/` -> `/sub/2014/09/x/`).
    pub fn relative(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// Absolute URL of a site path.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.relative(site_path))
    }
}

/// The article URL pattern, e.g. `/{year}/{month}/{slug}/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink(pub String);

const PERMALINK_PLACEHOLDERS: &[&str] = &["year", "month", "day", "slug", "category"];

impl Permalink {
    fn parse(text: &str) -> Result<Permalink, Problem> {
        let fail = |message: String| Problem::value(&[Segment::Key("permalink".into())], message);
        if !text.starts_with('/') {
            return Err(fail("permalink must start with /".into())
                .with_hint("for example /{year}/{month}/{slug}/"));
        }
        if !text.contains("{slug}") {
            return Err(fail("permalink must contain {slug}".into())
                .with_hint("two articles of one month would otherwise share a URL"));
        }
        if !(text.ends_with('/') || text.ends_with(".html")) {
            return Err(fail("permalink must end with / or .html".into()));
        }
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(fail("unclosed { in permalink".into()));
            };
            let name = &rest[open + 1..open + close];
            if !PERMALINK_PLACEHOLDERS.contains(&name) {
                return Err(fail(format!("unknown placeholder {{{name}}} in permalink"))
                    .with_hint(format!(
                        "known: {{{}}}",
                        PERMALINK_PLACEHOLDERS.join("}, {")
                    )));
            }
            rest = &rest[open + close + 1..];
        }
        Ok(Permalink(text.to_string()))
    }
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
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => {
                crate::load::decode_text(Path::new(CONFIG_FILE), bytes).map_err(|d| vec![d])?
            }
            Err(error) => {
                let diagnostic = Diagnostic::file_error(
                    CONFIG_FILE,
                    format!("cannot read the site configuration: {error}"),
                )
                .with_hint(
                    "run bantin in the site folder (the one with site.yaml), or pass --root DIR",
                );
                return Err(vec![diagnostic]);
            }
        };
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
        departments,
        extra,
    })
}

fn read_base_url(fields: &mut Fields) -> Option<BaseUrl> {
    let text = fields.required_text(
        "base_url",
        "the public address, e.g. https://congthuong.example.gov.vn/",
    )?;
    BaseUrl::parse(&text)
        .map_err(|message| fields.report(Problem::value(&fields.path_of("base_url"), message)))
        .ok()
}

fn read_timezone(fields: &mut Fields) -> Option<Tz> {
    let name = fields
        .text("timezone")
        .unwrap_or_else(|| "Asia/Ho_Chi_Minh".into());
    match name.parse::<Tz>() {
        Ok(zone) => Some(zone),
        Err(_) => {
            let problem = Problem::value(
                &fields.path_of("timezone"),
                format!("unknown time zone \"{name}\""),
            )
            .with_hint("use an IANA name such as Asia/Ho_Chi_Minh");
            fields.report(problem);
            None
        }
    }
}

fn read_paginate(fields: &mut Fields) -> Option<usize> {
    match fields.get("paginate") {
        None => Some(10),
        Some(_) => match fields.unsigned("paginate") {
            Some(0) => {
                fields.report(Problem::value(
                    &fields.path_of("paginate"),
                    "paginate must be at least 1",
                ));
                None
            }
            Some(size) => Some(size.min(10_000) as usize),
            None => None,
        },
    }
}

fn read_categories(fields: &mut Fields) -> Vec<Category> {
    let mut categories: Vec<Category> = Vec::new();
    let Some(value) = fields.get("categories") else {
        return categories;
    };
    let Value::Sequence(items) = value else {
        fields.report(Problem::value(
            &fields.path_of("categories"),
            format!("categories must be a list, found {}", kind(value)),
        ));
        return categories;
    };
    for (index, item) in items.iter().enumerate() {
        let mut path = fields.path_of("categories");
        path.push(Segment::Index(index));
        let Some(mut entry) = Fields::new(item, path.clone(), "a category", fields.problems())
        else {
            continue;
        };
        entry.deny_unknown(&["slug", "name", "description"], "a category");
        let name = entry.required_text("name", "the category's name, e.g. Khuyến công");
        let slug = entry.text("slug");
        let description = entry.text("description").unwrap_or_default();
        let Some(name) = name else { continue };
        let slug = slug.unwrap_or_else(|| slugify(&name));
        if slug.is_empty() || slug != slugify(&slug) {
            let problem = Problem::value(
                &entry.path_of("slug"),
                format!("category slug \"{slug}\" is not a URL slug"),
            )
            .with_hint(format!(
                "use lower-case ASCII words joined by hyphens, e.g. \"{}\"",
                slugify(&name)
            ));
            entry.report(problem);
            continue;
        }
        if categories.iter().any(|other| other.slug == slug) {
            entry.report(Problem::value(
                &path,
                format!("category \"{slug}\" is declared twice"),
            ));
            continue;
        }
        categories.push(Category {
            slug,
            name,
            description,
        });
    }
    categories
}

fn read_menu(fields: &mut Fields) -> Vec<MenuItem> {
    let mut menu = Vec::new();
    let Some(value) = fields.get("menu") else {
        return menu;
    };
    let Value::Sequence(items) = value else {
        fields.report(Problem::value(
            &fields.path_of("menu"),
            format!("menu must be a list, found {}", kind(value)),
        ));
        return menu;
    };
    for (index, item) in items.iter().enumerate() {
        let mut path = fields.path_of("menu");
        path.push(Segment::Index(index));
        let Some(mut entry) = Fields::new(item, path, "a menu entry", fields.problems()) else {
            continue;
        };
        entry.deny_unknown(&["name", "url"], "a menu entry");
        let name = entry.required_text("name", "the text of the link");
        let url = entry.required_text("url", "a site path such as /luu-tru/");
        if let Some(url) = &url
            && !crate::markdown::is_safe_url(url)
        {
            let problem = Problem::value(
                &entry.path_of("url"),
                format!("menu link \"{url}\" uses a scheme that is not allowed"),
            )
            .with_hint("link to a site path such as /luu-tru/ or an http(s) address");
            entry.report(problem);
            continue;
        }
        if let (Some(name), Some(url)) = (name, url) {
            menu.push(MenuItem { name, url });
        }
    }
    menu
}

fn read_markdown(fields: &mut Fields) -> MarkdownOptions {
    let Some(value) = fields.get("markdown") else {
        return MarkdownOptions::default();
    };
    let path = fields.path_of("markdown");
    let Some(mut entry) = Fields::new(value, path, "markdown", fields.problems()) else {
        return MarkdownOptions::default();
    };
    entry.deny_unknown(&["unsafe_html"], "markdown options");
    MarkdownOptions {
        unsafe_html: entry.boolean("unsafe_html").unwrap_or(false),
    }
}

/// `compress: true` (gzip and brotli), `false`, or `{gzip: true, brotli: false}`.
fn read_compress(fields: &mut Fields) -> Compression {
    let Some(value) = fields.get("compress") else {
        return Compression::default();
    };
    if let Value::Bool(both) = value {
        return Compression {
            gzip: *both,
            brotli: *both,
        };
    }
    let path = fields.path_of("compress");
    let Some(mut entry) = Fields::new(value, path, "compress", fields.problems()) else {
        return Compression::default();
    };
    entry.deny_unknown(&["gzip", "brotli"], "compress options");
    Compression {
        gzip: entry.boolean("gzip").unwrap_or(false),
        brotli: entry.boolean("brotli").unwrap_or(false),
    }
}

fn read_departments(fields: &mut Fields) -> BTreeMap<String, String> {
    let mut departments = BTreeMap::new();
    let Some(value) = fields.get("departments") else {
        return departments;
    };
    let Value::Mapping(mapping) = value else {
        fields.report(Problem::value(
            &fields.path_of("departments"),
            format!(
                "departments must map abbreviations to names, found {}",
                kind(value)
            ),
        ));
        return departments;
    };
    for (key, name) in mapping {
        match (key.as_str(), name.as_str()) {
            (Some(key), Some(name)) => {
                departments.insert(key.to_string(), name.to_string());
            }
            _ => {
                let mut path = fields.path_of("departments");
                path.push(Segment::Key(key.as_str().unwrap_or_default().to_string()));
                fields.report(Problem::value(
                    &path,
                    "departments entries must be `ABBREVIATION: Full name`",
                ));
            }
        }
    }
    departments
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: Sở Công Thương\nbase_url: https://example.gov.vn/\ncategories:\n  - {slug: khuyen-cong, name: Khuyến công}\n";

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

    #[test]
    fn compress_is_off_by_default_and_read_strictly() {
        let config = Config::parse(Path::new("site.yaml"), MINIMAL).expect("valid");
        assert_eq!(config.compress, Compression::default());
        let text = format!("{MINIMAL}compress: true\n");
        let config = Config::parse(Path::new("site.yaml"), &text).expect("valid");
        assert!(config.compress.gzip && config.compress.brotli);
        let text = format!("{MINIMAL}compress: {{gzip: true}}\n");
        let config = Config::parse(Path::new("site.yaml"), &text).expect("valid");
        assert!(config.compress.gzip && !config.compress.brotli);
        let text = format!("{MINIMAL}compress: {{gzip: true, brotly: true}}\n");
        let errors = Config::parse(Path::new("site.yaml"), &text).expect_err("typo");
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean \"brotli\"?"));
        let text = format!("{MINIMAL}compress: yes please\n");
        assert!(Config::parse(Path::new("site.yaml"), &text).is_err());
    }

    #[test]
    fn base_url_keeps_its_sub_path() {
        let base = BaseUrl::parse("https://example.github.io/so-cong-thuong").expect("valid");
        assert_eq!(base.origin, "https://example.github.io");
        assert_eq!(base.path, "/so-cong-thuong/");
        assert_eq!(base.relative("2014/09/x/"), "/so-cong-thuong/2014/09/x/");
        assert_eq!(
            base.absolute("/"),
            "https://example.github.io/so-cong-thuong/"
        );
        assert!(BaseUrl::parse("example.gov.vn").is_err());
        assert!(BaseUrl::parse("https://x/a/../b/").is_err());
    }
}
