//! Template values. Articles, categories, tags and pages are minijinja
//! `Object`s holding an `Arc` of the site and an index: a list page hands its
//! ten articles to the template without copying or serializing anything, and
//! fields are produced only when a template reads them.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object};

use super::memo;
use super::views::Views;
use crate::dates::long_date;

/// An article, as templates see it.
#[derive(Debug)]
pub struct ArticleObject {
    pub site: Arc<Views>,
    pub index: usize,
}

const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "url",
    "permalink",
    "path",
    "date_iso",
    "date_long",
    "date_time",
    "date_short",
    "year",
    "updated_iso",
    "updated_long",
    "summary",
    "category",
    "tags",
    "author",
    "department",
    "source_line",
    "content",
    "draft",
    "scheduled",
    "listed",
    "image",
    "image_url",
    "image_alt",
    "attachments",
    "has_report",
    "extra",
    "older",
    "newer",
    "related",
    "headings",
    "source",
];

impl Object for ArticleObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.field(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.field(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(ARTICLE_FIELDS)
    }
}

impl ArticleObject {
    pub fn value(site: &Arc<Views>, index: usize) -> Value {
        Value::from_object(ArticleObject {
            site: Arc::clone(site),
            index,
        })
    }

    fn field(&self, key: &str) -> Option<Value> {
        let facet = match key {
            "content" | "headings" => memo::Facet::Content,
            "older" | "newer" | "related" => memo::Facet::Links,
            _ => memo::Facet::Card,
        };
        memo::read(memo::Kind::Article, self.index, facet);
        let site = &self.site;
        let article = &site.articles[self.index];
        let view = &site.article_views[self.index];
        let language = site.config.language.as_str();
        let value = match key {
            "title" => view.title.clone(),
            "url" => view.url.clone(),
            "permalink" => view.permalink.clone(),
            "path" => view.path.clone(),
            "date_iso" => view.date_iso.clone(),
            "date_long" => view.date_long.clone(),
            "date_time" => view.date_time.clone(),
            "date_short" => view.date_short.clone(),
            "year" => Value::from(chrono::Datelike::year(&article.date)),
            "updated_iso" => return article.updated.map(|date| Value::from(date.to_rfc3339())),
            "updated_long" => {
                return article
                    .updated
                    .map(|date| Value::from(long_date(&date, language)));
            }
            "summary" => view.summary.clone(),
            "category" => CategoryObject::value(site, article.category),
            "tags" => Value::from(
                article
                    .tags
                    .iter()
                    .map(|&tag| TagObject::value(site, tag))
                    .collect::<Vec<_>>(),
            ),
            "author" => return article.author.as_deref().map(Value::from),
            "department" => return article.department.as_deref().map(Value::from),
            "source_line" => {
                return source_line(article.author.as_deref(), article.department.as_deref())
                    .map(Value::from);
            }
            "content" => Value::from_safe_string(article.html.to_string()),
            "draft" => Value::from(article.draft),
            "scheduled" => Value::from(article.scheduled),
            "listed" => Value::from(article.listed),
            "image" => return super::media::image_value(site, article),
            "image_alt" => return article.image_alt.as_deref().map(Value::from),
            "attachments" => super::media::attachments_value(site, article),
            "has_report" => Value::from(article.report.is_some()),
            "extra" => yaml_value(&article.extra),
            "older" => return article.older.map(|index| ArticleObject::value(site, index)),
            "newer" => return article.newer.map(|index| ArticleObject::value(site, index)),
            "related" => Value::from(
                article
                    .related
                    .iter()
                    .map(|&index| ArticleObject::value(site, index))
                    .collect::<Vec<_>>(),
            ),
            "headings" => Value::from(
                article
                    .headings
                    .iter()
                    .map(|heading| {
                        map([
                            ("level", Value::from(heading.level)),
                            ("id", Value::from(heading.id.as_str())),
                            ("text", Value::from(heading.text.as_str())),
                        ])
                    })
                    .collect::<Vec<_>>(),
            ),
            "source" => Value::from(article.source.to_string_lossy().replace('\\', "/")),
            _ => return None,
        };
        Some(value)
    }
}

/// `Nguồn: Nguyễn Luyến (Phòng Quản lý Công nghiệp)`, without the label.
pub fn source_line(author: Option<&str>, department: Option<&str>) -> Option<String> {
    match (author, department) {
        (Some(author), Some(department)) => Some(format!("{author} ({department})")),
        (Some(author), None) => Some(author.to_string()),
        (None, Some(department)) => Some(department.to_string()),
        (None, None) => None,
    }
}

/// A category, as templates see it.
#[derive(Debug)]
pub struct CategoryObject {
    pub site: Arc<Views>,
    pub index: usize,
}

impl Object for CategoryObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        memo::read(memo::Kind::Category, self.index, memo::Facet::Card);
        let site = &self.site;
        let view = &site.category_views[self.index];
        let value = match key.as_str()? {
            "name" => view.name.clone(),
            "slug" => view.slug.clone(),
            "description" => view.description.clone(),
            "url" => view.url.clone(),
            "path" => view.path.clone(),
            "feed_url" => view.feed_url.clone(),
            "count" => Value::from(site.categories[self.index].len()),
            _ => return None,
        };
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&[
            "name",
            "slug",
            "description",
            "url",
            "path",
            "feed_url",
            "count",
        ])
    }
}

impl CategoryObject {
    pub fn value(site: &Arc<Views>, index: usize) -> Value {
        Value::from_object(CategoryObject {
            site: Arc::clone(site),
            index,
        })
    }
}

/// A tag, as templates see it.
#[derive(Debug)]
pub struct TagObject {
    pub site: Arc<Views>,
    pub index: usize,
}

impl Object for TagObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        memo::read(memo::Kind::Tag, self.index, memo::Facet::Card);
        let tag = &self.site.tags[self.index];
        let view = &self.site.tag_views[self.index];
        let value = match key.as_str()? {
            "name" => view.name.clone(),
            "slug" => view.slug.clone(),
            "url" => view.url.clone(),
            "count" => Value::from(tag.articles.len()),
            _ => return None,
        };
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["name", "slug", "url", "count"])
    }
}

impl TagObject {
    pub fn value(site: &Arc<Views>, index: usize) -> Value {
        Value::from_object(TagObject {
            site: Arc::clone(site),
            index,
        })
    }
}

/// A standalone page, as templates see it.
#[derive(Debug)]
pub struct PageObject {
    pub site: Arc<Views>,
    pub index: usize,
}

impl Object for PageObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let facet = if key.as_str() == Some("content") {
            memo::Facet::Content
        } else {
            memo::Facet::Card
        };
        memo::read(memo::Kind::Page, self.index, facet);
        let page = &self.site.pages[self.index];
        let base = &self.site.config.base_url;
        let value = match key.as_str()? {
            "title" => Value::from(page.title.as_str()),
            "url" => Value::from(base.relative(&page.path)),
            "permalink" => Value::from(base.absolute(&page.path)),
            "path" => Value::from(page.path.as_str()),
            "lang" => Value::from(page.lang.as_str()),
            "summary" => Value::from(page.summary.as_str()),
            "content" => Value::from_safe_string(page.html.to_string()),
            "draft" => Value::from(page.draft),
            "extra" => yaml_value(&page.extra),
            "source" => Value::from(page.source.to_string_lossy().replace('\\', "/")),
            _ => return None,
        };
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&[
            "title",
            "url",
            "permalink",
            "path",
            "lang",
            "summary",
            "content",
            "draft",
            "extra",
            "source",
        ])
    }
}

impl PageObject {
    pub fn value(site: &Arc<Views>, index: usize) -> Value {
        Value::from_object(PageObject {
            site: Arc::clone(site),
            index,
        })
    }
}

pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(std::collections::BTreeMap::from(pairs))
}

/// Converts YAML data (`extra`) into a template value.
pub fn yaml_value(value: &serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::from(()),
        serde_yaml::Value::Bool(flag) => Value::from(*flag),
        serde_yaml::Value::Number(number) => match (number.as_i64(), number.as_f64()) {
            (Some(integer), _) => Value::from(integer),
            (None, Some(float)) => Value::from(float),
            _ => Value::from(number.to_string()),
        },
        serde_yaml::Value::String(text) => Value::from(text.as_str()),
        serde_yaml::Value::Sequence(items) => {
            Value::from(items.iter().map(yaml_value).collect::<Vec<_>>())
        }
        serde_yaml::Value::Mapping(mapping) => Value::from(
            mapping
                .iter()
                .map(|(key, value)| {
                    let key = match key {
                        serde_yaml::Value::String(text) => text.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_value(value))
                })
                .collect::<std::collections::BTreeMap<String, Value>>(),
        ),
        serde_yaml::Value::Tagged(tagged) => yaml_value(&tagged.value),
    }
}
