//! Render jobs: the template context of each page, from its job and the
//! values shared by every page.

use std::collections::BTreeMap;

use chrono::Datelike;
use minijinja::value::Value;

use super::json_ld::json_ld;
use super::{Job, Shared, path, template};
use crate::render::objects::{ArticleObject, CategoryObject, PageObject, TagObject, map};
use crate::site::paginate::Pager;
use crate::site::urls;

/// The page's own values, merged into the common ones.
struct PageInfo {
    kind: &'static str,
    title: String,
    description: String,
    breadcrumbs: Vec<(String, Option<String>)>,
    noindex: bool,
    og_type: &'static str,
    lang: Option<String>,
    values: Vec<(&'static str, Value)>,
}

impl PageInfo {
    fn new(kind: &'static str, title: String, description: String) -> Self {
        PageInfo {
            kind,
            title,
            description,
            breadcrumbs: Vec::new(),
            noindex: false,
            og_type: "website",
            lang: None,
            values: Vec::new(),
        }
    }
}

/// The template and context of a job.
pub fn context(shared: &Shared, job: &Job) -> (&'static str, Value) {
    let info = match job {
        Job::Home(pager) => home(shared, pager),
        Job::Article(index) => article(shared, *index),
        Job::Page(index) => page(shared, *index),
        Job::Category(index, pager) => category(shared, *index, pager),
        Job::Tag(index, pager) => tag(shared, *index, pager),
        Job::TagIndex => {
            let title = shared.string("all_tags");
            let mut info = PageInfo::new(
                "tags",
                title.clone(),
                format!("{title} — {}", shared.site.config.title),
            );
            info.breadcrumbs = vec![(title, None)];
            info
        }
        Job::Archive => {
            let title = shared.string("archive");
            let mut info = PageInfo::new("archive", title.clone(), shared.string("archive_intro"));
            info.breadcrumbs = vec![(title, None)];
            info
        }
        Job::ArchiveYear(index) => archive_year(shared, *index),
        Job::Search => {
            let title = shared.string("search_title");
            let mut info = PageInfo::new(
                "search",
                title.clone(),
                format!("{title} — {}", shared.site.config.title),
            );
            info.breadcrumbs = vec![(title, None)];
            info.values
                .push(("search_index", Value::from(shared.search_index())));
            info
        }
        Job::NotFound => {
            let mut info = PageInfo::new(
                "404",
                shared.string("not_found_title"),
                shared.string("not_found_text"),
            );
            info.noindex = true;
            info
        }
        Job::Reports => reports_page(shared),
    };
    let site_path = path(shared, job);
    (template(job), finish(shared, &site_path, info))
}

fn finish(shared: &Shared, site_path: &str, info: PageInfo) -> Value {
    let config = &shared.site.config;
    let page_title = if info.kind == "home" && !site_path.contains(urls::PAGE_SEGMENT) {
        config.title.clone()
    } else {
        format!("{} | {}", info.title, config.title)
    };
    let mut crumbs: Vec<Value> = Vec::new();
    if !info.breadcrumbs.is_empty() {
        crumbs.push(crumb(shared.string("home"), Some(shared.url(""))));
        crumbs.extend(
            info.breadcrumbs
                .into_iter()
                .map(|(name, url)| crumb(name, url)),
        );
    }
    let mut context: BTreeMap<&'static str, Value> = BTreeMap::new();
    context.insert("site", shared.site_value.clone());
    context.insert("kind", Value::from(info.kind));
    context.insert(
        "lang",
        Value::from(info.lang.unwrap_or_else(|| config.language.clone())),
    );
    context.insert("title", Value::from(info.title));
    context.insert("page_title", Value::from(page_title));
    context.insert("description", Value::from(info.description));
    context.insert(
        "canonical",
        Value::from(config.base_url.absolute(site_path)),
    );
    context.insert("current_path", Value::from(site_path));
    context.insert("breadcrumbs", Value::from(crumbs));
    context.insert("noindex", Value::from(info.noindex));
    context.insert("og_type", Value::from(info.og_type));
    for (key, value) in info.values {
        context.insert(key, value);
    }
    Value::from(context)
}

fn crumb(name: String, url: Option<String>) -> Value {
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("name", Value::from(name));
    if let Some(url) = url {
        map.insert("url", Value::from(url));
    }
    Value::from(map)
}

fn paginator(shared: &Shared, pager: &Pager, items: &[usize]) -> Value {
    let site = &shared.site;
    let articles: Vec<Value> = items[pager.items.clone()]
        .iter()
        .map(|&index| ArticleObject::value(site, index))
        .collect();
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("number", Value::from(pager.number));
    map.insert("total", Value::from(pager.total));
    map.insert("items", Value::from(articles));
    if let Some(previous) = pager.previous_path() {
        map.insert("previous_url", Value::from(shared.url(&previous)));
    }
    if let Some(next) = pager.next_path() {
        map.insert("next_url", Value::from(shared.url(&next)));
    }
    Value::from(map)
}

/// ` — Trang 2` for pages after the first, so titles stay unique.
fn page_suffix(shared: &Shared, pager: &Pager) -> String {
    if pager.number > 1 {
        format!(" — {} {}", shared.string("page_of"), pager.number)
    } else {
        String::new()
    }
}

fn home(shared: &Shared, pager: &Pager) -> PageInfo {
    let config = &shared.site.config;
    let title = format!("{}{}", config.title, page_suffix(shared, pager));
    let mut info = PageInfo::new("home", title, config.description.clone());
    info.values
        .push(("paginator", paginator(shared, pager, &shared.site.listed)));
    info
}

fn article(shared: &Shared, index: usize) -> PageInfo {
    let site = &shared.site;
    let article = &site.articles[index];
    let category = &site.config.categories[article.category];
    let mut info = PageInfo::new("article", article.title.clone(), article.summary.clone());
    info.og_type = "article";
    info.noindex = article.draft || article.scheduled || !article.listed;
    info.breadcrumbs = vec![
        (
            category.name.clone(),
            Some(shared.url(&urls::category_path(&category.slug))),
        ),
        (article.title.clone(), None),
    ];
    info.values
        .push(("article", ArticleObject::value(site, index)));
    info.values
        .push(("json_ld", Value::from_safe_string(json_ld(site, index))));
    if let Some(report) = crate::render::reports::report_value(site, index, &shared.strings) {
        info.values.push(("report", report));
    }
    info.values
        .extend(crate::render::media::article_values(site, index));
    info
}

fn reports_page(shared: &Shared) -> PageInfo {
    let title = shared.string("reports_title");
    let mut info = PageInfo::new("reports", title.clone(), shared.string("reports_intro"));
    info.breadcrumbs = vec![(title, None)];
    info.values.push((
        "years",
        crate::render::reports::overview_value(&shared.site, &shared.strings),
    ));
    info
}

fn page(shared: &Shared, index: usize) -> PageInfo {
    let site = &shared.site;
    let page = &site.pages[index];
    let mut info = PageInfo::new("page", page.title.clone(), page.summary.clone());
    info.noindex = page.draft;
    info.breadcrumbs = vec![(page.title.clone(), None)];
    info.values.push(("page", PageObject::value(site, index)));
    info
}

fn category(shared: &Shared, index: usize, pager: &Pager) -> PageInfo {
    let site = &shared.site;
    let category = &site.config.categories[index];
    let title = format!("{}{}", category.name, page_suffix(shared, pager));
    let description = if category.description.is_empty() {
        format!("{}: {}", shared.string("category_label"), category.name)
    } else {
        category.description.clone()
    };
    let mut info = PageInfo::new("category", title, description);
    info.breadcrumbs = vec![(category.name.clone(), None)];
    info.values.push((
        "paginator",
        paginator(shared, pager, &site.categories[index]),
    ));
    info.values
        .push(("category", CategoryObject::value(site, index)));
    info.values
        .push(("intro", Value::from(category.description.as_str())));
    info.values.push((
        "feed_url",
        Value::from(shared.url(&urls::category_feed_path(&category.slug))),
    ));
    info
}

fn tag(shared: &Shared, index: usize, pager: &Pager) -> PageInfo {
    let site = &shared.site;
    let tag = &site.tags[index];
    let title = format!(
        "{} {}{}",
        shared.string("tag_prefix"),
        tag.name,
        page_suffix(shared, pager)
    );
    let description = format!(
        "{} {} — {}",
        shared.string("tag_prefix"),
        tag.name,
        site.config.title
    );
    let mut info = PageInfo::new("tag", title, description);
    info.breadcrumbs = vec![
        (
            shared.string("tags"),
            Some(shared.url(&urls::tag_index_path())),
        ),
        (tag.name.clone(), None),
    ];
    info.values
        .push(("paginator", paginator(shared, pager, &tag.articles)));
    info.values.push(("tag", TagObject::value(site, index)));
    info
}

fn archive_year(shared: &Shared, index: usize) -> PageInfo {
    let site = &shared.site;
    let year = &site.years[index];
    let title = format!("{} {}", shared.string("archive_year"), year.year);
    let mut months: Vec<(u32, Vec<Value>)> = Vec::new();
    for &article in &year.articles {
        let month = site.articles[article].date.month();
        let value = ArticleObject::value(site, article);
        match months.last_mut() {
            Some((last, list)) if *last == month => list.push(value),
            _ => months.push((month, vec![value])),
        }
    }
    let months: Vec<Value> = months
        .into_iter()
        .map(|(number, articles)| {
            map([
                ("number", Value::from(number)),
                ("articles", Value::from(articles)),
            ])
        })
        .collect();
    let mut info = PageInfo::new(
        "archive_year",
        title.clone(),
        format!("{title} — {}", site.config.title),
    );
    info.breadcrumbs = vec![
        (
            shared.string("archive"),
            Some(shared.url(&urls::archive_path())),
        ),
        (year.year.to_string(), None),
    ];
    info.values.push(("year", Value::from(year.year)));
    info.values.push(("months", Value::from(months)));
    info
}
