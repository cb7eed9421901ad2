//! The pages of a site as render jobs, and the template context of each.
//! Contexts hold only what a page shows: a list page gets its own slice of
//! articles, never the whole site.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;
use minijinja::value::Value;

use super::memo::{Kind, Versions, signature as signature_of};
use super::objects::{
    ArticleObject, CategoryObject, PageObject, TagObject, map, source_line, yaml_value,
};
use super::views::Views;
use crate::site::paginate::{Pager, paginate};
use crate::site::{Site, urls};

/// Templates every theme must provide.
pub const TEMPLATES: &[&str] = &[
    "home.html",
    "article.html",
    "list.html",
    "tags.html",
    "archive.html",
    "archive_year.html",
    "page.html",
    "search.html",
    "404.html",
    "reports.html",
];

/// One page to render.
#[derive(Debug, Clone)]
pub enum Job {
    Home(Pager),
    Article(usize),
    Page(usize),
    Category(usize, Pager),
    Tag(usize, Pager),
    TagIndex,
    Archive,
    ArchiveYear(usize),
    Search,
    NotFound,
    /// The activity reports overview (`/bao-cao/`).
    Reports,
}

/// Values shared by every page, built once per build.
pub struct Shared {
    pub site: Arc<Views>,
    pub site_value: Value,
    /// The theme's UI strings, for titles made in code.
    pub strings: BTreeMap<String, String>,
    /// URL of the search index folder (the search page's `data-index`).
    pub search_index: String,
}

impl Shared {
    pub fn new(site: &Arc<Site>, strings: &BTreeMap<String, String>, search_index: &str) -> Self {
        let views = Views::new(site);
        Shared {
            site_value: site_value(&views),
            site: views,
            strings: strings.clone(),
            search_index: search_index.to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        self.site.config.base_url.relative(path)
    }

    fn string(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

/// Every page of the site, in a fixed order.
pub fn all_jobs(site: &Site) -> Vec<Job> {
    let size = site.config.paginate;
    let mut jobs: Vec<Job> = paginate("", site.listed.len(), size)
        .into_iter()
        .map(Job::Home)
        .collect();
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    for (index, category) in site.config.categories.iter().enumerate() {
        let pagers = paginate(
            &urls::category_path(&category.slug),
            site.categories[index].len(),
            size,
        );
        jobs.extend(pagers.into_iter().map(|pager| Job::Category(index, pager)));
    }
    for (index, tag) in site.tags.iter().enumerate() {
        if tag.articles.is_empty() {
            continue;
        }
        let pagers = paginate(&urls::tag_path(&tag.slug), tag.articles.len(), size);
        jobs.extend(pagers.into_iter().map(|pager| Job::Tag(index, pager)));
    }
    jobs.push(Job::TagIndex);
    jobs.push(Job::Archive);
    jobs.extend((0..site.years.len()).map(Job::ArchiveYear));
    jobs.push(Job::Search);
    jobs.push(Job::NotFound);
    jobs.push(Job::Reports);
    jobs
}

/// The template a job renders with (also named by the link checker when a
/// broken link comes from the template rather than from content).
pub fn template(job: &Job) -> &'static str {
    match job {
        Job::Home(_) => "home.html",
        Job::Article(_) => "article.html",
        Job::Page(_) => "page.html",
        Job::Category(..) | Job::Tag(..) => "list.html",
        Job::TagIndex => "tags.html",
        Job::Archive => "archive.html",
        Job::ArchiveYear(_) => "archive_year.html",
        Job::Search => "search.html",
        Job::NotFound => "404.html",
        Job::Reports => "reports.html",
    }
}

/// A hash of a job's own inputs, for reusing its page between builds: its
/// template files, its subject and the identities of the articles it lists.
/// What the templates read of those objects is tracked separately (memo.rs).
pub fn signature(
    shared: &Shared,
    job: &Job,
    versions: &Versions,
    global: u64,
    templates: &BTreeMap<String, u64>,
) -> u64 {
    let site = &shared.site;
    let ids = |list: &[usize], pager: &Pager| -> Vec<u64> {
        list[pager.items.clone()]
            .iter()
            .map(|&index| versions.id(Kind::Article, index))
            .collect()
    };
    let subject: u64 = match job {
        Job::Home(pager) => signature_of((pager.number, pager.total, ids(&site.listed, pager))),
        Job::Article(index) => versions.version(Kind::Article, *index),
        Job::Page(index) => versions.version(Kind::Page, *index),
        Job::Category(index, pager) => signature_of((
            *index,
            versions.version(Kind::Category, *index),
            pager.number,
            pager.total,
            ids(&site.categories[*index], pager),
        )),
        Job::Tag(index, pager) => signature_of((
            versions.id(Kind::Tag, *index),
            versions.version(Kind::Tag, *index),
            pager.number,
            pager.total,
            ids(&site.tags[*index].articles, pager),
        )),
        Job::ArchiveYear(index) => {
            let year = &site.years[*index];
            let articles: Vec<(u64, u32)> = year
                .articles
                .iter()
                .map(|&article| {
                    (
                        versions.id(Kind::Article, article),
                        site.articles[article].date.month(),
                    )
                })
                .collect();
            signature_of((year.year, articles))
        }
        // The overview is built from the reports themselves, not read through
        // template objects: it depends on every listed article with a report.
        Job::Reports => {
            let reports: Vec<(u64, u64)> = site
                .listed
                .iter()
                .filter(|&&index| site.articles[index].report.is_some())
                .map(|&index| {
                    (
                        versions.id(Kind::Article, index),
                        versions.version(Kind::Article, index),
                    )
                })
                .collect();
            signature_of(reports)
        }
        // The search page names the index folder of this build.
        Job::Search => signature_of(shared.search_index.as_str()),
        Job::TagIndex | Job::Archive | Job::NotFound => 0,
    };
    signature_of((
        global,
        templates.get(template(job)).copied().unwrap_or(0),
        path(shared, job),
        subject,
    ))
}

/// The site path a job renders to.
pub fn path(shared: &Shared, job: &Job) -> String {
    site_path(&shared.site, job)
}

/// The site path a job renders to.
pub fn site_path(site: &Site, job: &Job) -> String {
    match job {
        Job::Home(pager) | Job::Category(_, pager) | Job::Tag(_, pager) => pager.path.clone(),
        Job::Article(index) => site.articles[*index].path.clone(),
        Job::Page(index) => site.pages[*index].path.clone(),
        Job::TagIndex => urls::tag_index_path(),
        Job::Archive => urls::archive_path(),
        Job::ArchiveYear(index) => urls::archive_year_path(site.years[*index].year),
        Job::Search => urls::search_path(),
        Job::NotFound => "404.html".to_string(),
        Job::Reports => urls::reports_path(),
    }
}

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
                .push(("search_index", Value::from(shared.search_index.as_str())));
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
    if let Some(report) = super::reports::report_value(site, index, &shared.strings) {
        info.values.push(("report", report));
    }
    info.values
        .extend(super::media::article_values(site, index));
    info
}

fn reports_page(shared: &Shared) -> PageInfo {
    let title = shared.string("reports_title");
    let mut info = PageInfo::new("reports", title.clone(), shared.string("reports_intro"));
    info.breadcrumbs = vec![(title, None)];
    info.values.push((
        "years",
        super::reports::overview_value(&shared.site, &shared.strings),
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

/// The `site` value every template sees.
fn site_value(site: &Arc<Views>) -> Value {
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

/// JSON-LD `NewsArticle`, safe inside `<script>`: `<`, `>` and `&` are escaped
/// as `\u003c` etc., so `</script>` in a title cannot close the element.
pub fn json_ld(site: &Site, index: usize) -> String {
    let article = &site.articles[index];
    let config = &site.config;
    let permalink = config.base_url.absolute(&article.path);
    let keywords: Vec<&str> = article
        .tags
        .iter()
        .map(|&tag| site.tags[tag].name.as_str())
        .collect();
    let author = match (&article.author, &article.department) {
        (Some(author), _) => serde_json::json!({"@type": "Person", "name": author}),
        (None, Some(department)) => {
            serde_json::json!({"@type": "Organization", "name": department})
        }
        (None, None) => {
            serde_json::json!({"@type": "GovernmentOrganization", "name": config.title})
        }
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.date.to_rfc3339(),
        "dateModified": article.updated.unwrap_or(article.date).to_rfc3339(),
        "inLanguage": config.language,
        "articleSection": config.categories[article.category].name,
        "keywords": keywords,
        "url": permalink,
        "mainEntityOfPage": {"@type": "WebPage", "@id": permalink},
        "author": author,
        "publisher": {"@type": "GovernmentOrganization", "name": config.title, "url": config.base_url.absolute("")},
    });
    if let (Some(credit), Some(object)) = (
        source_line(article.author.as_deref(), article.department.as_deref()),
        value.as_object_mut(),
    ) {
        object.insert("creditText".into(), serde_json::Value::from(credit));
    }
    escape_json_for_script(&value.to_string())
}

fn escape_json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
