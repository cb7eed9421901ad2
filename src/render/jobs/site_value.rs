//! Render jobs: the `site` value every template sees, built once per build.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::value::Value;

use crate::render::objects::{CategoryObject, PageObject, TagObject, map, yaml_value};
use crate::render::views::Views;
use crate::site::urls;

/// The `site` value every template sees.
pub(super) fn site_value(site: &Arc<Views>) -> Value {
    let config = &site.config;
    let base = &config.base_url;
    let menu: Vec<Value> = config
        .menu
        .iter()
        .map(|item| {
            let is_site_path = item.url.starts_with('/') && !item.url.starts_with("//");
            let url = if is_site_path {
                base.relative(&item.url)
            } else {
                item.url.clone()
            };
            let path = if is_site_path {
                item.url.trim_start_matches('/').to_string()
            } else {
                String::new()
            };
            map([
                ("name", Value::from(item.name.as_str())),
                ("url", Value::from(url)),
                ("path", Value::from(path)),
            ])
        })
        .collect();
    let years: Vec<Value> = site
        .years
        .iter()
        .map(|year| {
            map([
                ("year", Value::from(year.year)),
                ("count", Value::from(year.articles.len())),
                (
                    "url",
                    Value::from(base.relative(&urls::archive_year_path(year.year))),
                ),
            ])
        })
        .collect();
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("title", Value::from(config.title.as_str()));
    map.insert("description", Value::from(config.description.as_str()));
    map.insert("language", Value::from(config.language.as_str()));
    map.insert("base_url", Value::from(base.absolute("")));
    map.insert("home_url", Value::from(base.relative("")));
    map.insert("search", Value::from(config.search));
    map.insert(
        "search_url",
        Value::from(base.relative(&urls::search_path())),
    );
    map.insert(
        "archive_url",
        Value::from(base.relative(&urls::archive_path())),
    );
    map.insert(
        "tags_url",
        Value::from(base.relative(&urls::tag_index_path())),
    );
    map.insert("feed_url", Value::from(base.relative(urls::FEED_FILE)));
    map.insert(
        "reports_url",
        Value::from(base.relative(&urls::reports_path())),
    );
    map.insert("rss_url", Value::from(base.relative(urls::RSS_FILE)));
    map.insert("menu", Value::from(menu));
    map.insert(
        "categories",
        Value::from(
            (0..config.categories.len())
                .map(|index| CategoryObject::value(site, index))
                .collect::<Vec<_>>(),
        ),
    );
    map.insert(
        "pages",
        Value::from(
            (0..site.pages.len())
                .map(|index| PageObject::value(site, index))
                .collect::<Vec<_>>(),
        ),
    );
    map.insert(
        "tags",
        Value::from(
            site.tags
                .iter()
                .enumerate()
                .filter(|(_, tag)| !tag.articles.is_empty())
                .map(|(index, _)| TagObject::value(site, index))
                .collect::<Vec<_>>(),
        ),
    );
    map.insert("years", Value::from(years));
    map.insert("extra", yaml_value(&config.extra));
    Value::from(map)
}
