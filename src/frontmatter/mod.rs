//! Front-matter stage: source file -> (metadata, Markdown body). The YAML
//! between the `---` lines is read strictly; every error names the file line
//! and column of the field at fault.
//!
//! Here: the metadata types, the limits, splitting at the fences and reading
//! an article or a page; `fields.rs` reads and checks the fields one by one.

mod fields;

pub use fields::{check_relative_file, check_site_path};

use chrono::{DateTime, FixedOffset};
use serde_yaml::Value;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{SourceFile, SourceKind};
use crate::report::{Report, read_report};
use crate::yaml::{Fields, Problem, Source};
use fields::{
    limited, read_aliases, read_attachments, read_category, read_date, read_image, read_slug,
    read_tags, read_title,
};

const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "category",
    "tags",
    "author",
    "department",
    "slug",
    "draft",
    "expires",
    "aliases",
    "image",
    "image_alt",
    "attachments",
    "report",
    "extra",
];

const PAGE_FIELDS: &[&str] = &[
    "title",
    "slug",
    "lang",
    "menu_order",
    "summary",
    "draft",
    "extra",
];

/// Longest accepted title, in characters: a headline, not a paragraph.
pub const MAX_TITLE_CHARS: usize = 300;
/// Most tags one article may carry.
pub const MAX_TAGS: usize = 50;
/// Longest accepted tag, in characters.
pub const MAX_TAG_CHARS: usize = 100;
/// Longest accepted summary, in characters: a lead paragraph.
pub const MAX_SUMMARY_CHARS: usize = 2_000;
/// Longest accepted one-line field (author, department, image_alt,
/// attachment title), in characters.
pub const MAX_LINE_CHARS: usize = 300;

/// A file offered with an article (`attachments:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Path relative to the article's folder, or `/`-rooted in `static/`.
    pub file: String,
    pub title: String,
}

/// The front matter of a news article.
#[derive(Debug, Clone)]
pub struct ArticleMeta {
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub summary: Option<String>,
    /// Index into `Config::categories`.
    pub category: usize,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub department: Option<String>,
    pub slug: Option<String>,
    pub draft: bool,
    pub expires: Option<DateTime<FixedOffset>>,
    pub aliases: Vec<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub attachments: Vec<Attachment>,
    pub report: Option<Report>,
    pub extra: Value,
}

/// The front matter of a standalone page (`content/pages/`).
#[derive(Debug, Clone)]
pub struct PageMeta {
    pub title: String,
    pub slug: Option<String>,
    pub lang: Option<String>,
    pub menu_order: Option<u64>,
    pub summary: Option<String>,
    pub draft: bool,
    pub extra: Value,
}

#[derive(Debug, Clone)]
pub enum Meta {
    Article(Box<ArticleMeta>),
    Page(PageMeta),
}

/// A source file split into its metadata and Markdown body.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub meta: Meta,
    /// Byte offset of the Markdown body in the source text.
    pub body_start: usize,
    /// File line where the body starts (1-based).
    pub body_line: usize,
}

/// The parts of a file around its `---` fences.
struct Split<'a> {
    yaml: &'a str,
    /// Number of lines before the YAML (the opening fence).
    yaml_offset: usize,
    /// Byte offset of the body in the whole text.
    body_start: usize,
    body_line: usize,
}

fn split(source: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text: &str = &source.text;
    if text.trim().is_empty() {
        return Err(Diagnostic::file_error(&source.path, "file is empty")
            .with_hint("start with front matter: ---, title: ..., date: ..., category: ..., ---"));
    }
    let Some(rest) = text.strip_prefix("---\n").or_else(|| {
        text.strip_prefix("---")
            .filter(|rest| rest.trim().is_empty())
    }) else {
        let hint = if text.starts_with("+++") {
            "bantin reads YAML front matter between --- lines, not TOML (+++)"
        } else {
            "the file must start with a line `---`, the front matter, and another `---`"
        };
        return Err(
            Diagnostic::at(&source.path, text, 1, 1, "missing front matter").with_hint(hint),
        );
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body_start = text.len() - rest.len() + offset + line.len();
            let yaml_lines = yaml.matches('\n').count();
            return Ok(Split {
                yaml,
                yaml_offset: 1,
                body_start,
                body_line: yaml_lines + 3,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::at(&source.path, text, 1, 1, "front matter is not closed")
            .with_width(3)
            .with_hint("add a line `---` after the last front-matter field"),
    )
}

/// Splits and reads a source file's front matter.
pub fn parse(source: &SourceFile, config: &Config) -> Result<Parsed, Vec<Diagnostic>> {
    let parts = split(source).map_err(|d| vec![d])?;
    let yaml = Source {
        path: &source.path,
        file_text: &source.text,
        yaml: parts.yaml,
        line_offset: parts.yaml_offset,
    };
    let value = yaml.parse().map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let meta = match source.kind {
        SourceKind::Article => {
            read_article(&value, config, &mut problems).map(|meta| Meta::Article(Box::new(meta)))
        }
        SourceKind::Page => read_page(&value, &mut problems).map(Meta::Page),
    };
    match meta {
        Some(meta) if problems.is_empty() => Ok(Parsed {
            meta,
            body_start: parts.body_start,
            body_line: parts.body_line,
        }),
        _ => {
            if problems.is_empty() {
                problems.push(
                    Problem::value(&[], "front matter is empty")
                        .with_hint("add at least title, date and category"),
                );
            }
            Err(yaml.locate(problems))
        }
    }
}

fn read_article(
    value: &Value,
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Option<ArticleMeta> {
    if value.is_null() {
        problems.push(
            Problem::value(&[], "front matter is empty")
                .with_hint("add title, date and category between the --- lines"),
        );
        return None;
    }
    let mut fields = Fields::new(value, Vec::new(), "front matter", problems)?;
    fields.deny_unknown(ARTICLE_FIELDS, "front matter");
    let title = read_title(&mut fields);
    let zone = config.timezone;
    let date = read_date(&mut fields, "date", true, zone);
    let updated = read_date(&mut fields, "updated", false, zone);
    let expires = read_date(&mut fields, "expires", false, zone);
    let category = read_category(&mut fields, config);
    let tags = read_tags(&mut fields);
    let slug = read_slug(&mut fields);
    let aliases = read_aliases(&mut fields);
    let (image, image_alt) = read_image(&mut fields);
    let attachments = read_attachments(&mut fields);
    let report = fields
        .get("report")
        .and_then(|value| read_report(value, fields.path_of("report"), fields.problems()));
    Some(ArticleMeta {
        title: title?,
        date: date?,
        updated,
        summary: limited(&mut fields, "summary", MAX_SUMMARY_CHARS),
        category: category?,
        tags,
        author: limited(&mut fields, "author", MAX_LINE_CHARS),
        department: limited(&mut fields, "department", MAX_LINE_CHARS),
        slug,
        draft: fields.boolean("draft").unwrap_or(false),
        expires,
        aliases,
        image,
        image_alt,
        attachments,
        report,
        extra: fields.get("extra").cloned().unwrap_or(Value::Null),
    })
}

fn read_page(value: &Value, problems: &mut Vec<Problem>) -> Option<PageMeta> {
    if value.is_null() {
        problems
            .push(Problem::value(&[], "front matter is empty").with_hint("add at least a title"));
        return None;
    }
    let mut fields = Fields::new(value, Vec::new(), "page front matter", problems)?;
    fields.deny_unknown(PAGE_FIELDS, "page front matter");
    let title = read_title(&mut fields);
    let slug = read_slug(&mut fields);
    let lang = fields.text("lang");
    if let Some(lang) = &lang
        && (!(2..=8).contains(&lang.len())
            || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        fields.report(
            Problem::value(
                &fields.path_of("lang"),
                format!("\"{lang}\" is not a language code"),
            )
            .with_hint("use a code such as vi or en"),
        );
    }
    Some(PageMeta {
        title: title?,
        slug,
        lang,
        menu_order: fields.unsigned("menu_order"),
        summary: limited(&mut fields, "summary", MAX_SUMMARY_CHARS),
        draft: fields.boolean("draft").unwrap_or(false),
        extra: fields.get("extra").cloned().unwrap_or(Value::Null),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn config() -> Config {
        Config::parse(
            Path::new("site.yaml"),
            "title: T\nbase_url: https://x.vn/\ncategories:\n  - {slug: khuyen-cong, name: Khuyến công}\n",
        )
        .expect("config")
    }

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("content/2014/x.md"),
            dir: PathBuf::from("content/2014"),
            is_bundle: false,
            kind: SourceKind::Article,
            text: text.into(),
            hash: 0,
        }
    }

    fn errors(text: &str) -> Vec<String> {
        parse(&source(text), &config())
            .expect_err("should fail")
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} | {}",
                    d.line,
                    d.column,
                    d.message,
                    d.hint.clone().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn reads_a_complete_article() {
        let text = "---\ntitle: Kết quả\ndate: 2014-09-24\ncategory: Khuyến công\ntags: [chè, Tân Uyên]\n---\nBody\n";
        let parsed = parse(&source(text), &config()).expect("valid");
        assert_eq!(&text[parsed.body_start..], "Body\n");
        assert_eq!(parsed.body_line, 7);
        let Meta::Article(meta) = parsed.meta else {
            panic!("article expected")
        };
        assert_eq!(meta.category, 0);
        assert_eq!(meta.tags, ["chè", "Tân Uyên"]);
    }

    #[test]
    fn every_error_of_a_file_is_reported_at_its_line() {
        let text = "---\ntitle: \"\"\ndate: 24/09/2014\ncategory: Khuyen cong x\ntag: [a]\n---\n";
        let found = errors(text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("2:8 \"title\" is empty"), "{found:#?}");
        assert!(
            found[1].starts_with("3:7 invalid date") && found[1].ends_with("write 2014-09-24"),
            "{found:#?}"
        );
        assert!(
            found[2].starts_with("4:11 category \"Khuyen cong x\" is not declared"),
            "{found:#?}"
        );
        assert!(
            found[3].starts_with("5:1 unknown field \"tag\"")
                && found[3].contains("did you mean \"tags\"?"),
            "{found:#?}"
        );
    }

    #[test]
    fn yaml_syntax_errors_map_to_file_lines() {
        let found = errors("---\ntitle: Chủ đề: nội dung\ndate: 2014-09-24\n---\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("2:"), "{found:?}");
        assert!(found[0].contains("must be quoted"), "{found:?}");
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_explained() {
        assert!(errors("Chỉ có nội dung\n")[0].contains("missing front matter"));
        assert!(errors("---\ntitle: x\n")[0].contains("not closed"));
        assert!(errors("   \n")[0].contains("empty"));
    }
}
