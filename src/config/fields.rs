//! The fields of `site.yaml`, one reader each: base_url, timezone, paginate,
//! categories, menu, markdown options, compression and departments.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde_yaml::Value;

use super::{BaseUrl, Category, Compression, MarkdownOptions, MenuItem};
use crate::slug::slugify;
use crate::yaml::{Fields, Problem, Segment, kind};

pub(super) fn read_base_url(fields: &mut Fields) -> Option<BaseUrl> {
    let text = fields.required_text(
        "base_url",
        "the public address, e.g. https://congthuong.example.gov.vn/",
    )?;
    BaseUrl::parse(&text)
        .map_err(|message| fields.report(Problem::value(&fields.path_of("base_url"), message)))
        .ok()
}

pub(super) fn read_timezone(fields: &mut Fields) -> Option<Tz> {
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

pub(super) fn read_paginate(fields: &mut Fields) -> Option<usize> {
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

pub(super) fn read_categories(fields: &mut Fields) -> Vec<Category> {
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

pub(super) fn read_menu(fields: &mut Fields) -> Vec<MenuItem> {
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

pub(super) fn read_markdown(fields: &mut Fields) -> MarkdownOptions {
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
pub(super) fn read_compress(fields: &mut Fields) -> Compression {
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

pub(super) fn read_departments(fields: &mut Fields) -> BTreeMap<String, String> {
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
    use crate::config::Config;
    use crate::config::tests::MINIMAL;
    use std::path::Path;

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
}
