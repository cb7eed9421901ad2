//! The pages of a site as render jobs: the job list, each job's template and
//! site path. Contexts (context.rs) hold only what a page shows: a list page
//! gets its own slice of articles, never the whole site.

mod context;
mod json_ld;
mod signature;
mod site_value;

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::value::Value;

pub use context::context;
pub use json_ld::json_ld;
pub use signature::signature;
use site_value::site_value;

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
    /// URL of the search index folder (the search page's `data-index`);
    /// set before the search page renders (`Renderer::set_search_index`).
    pub search_index: std::sync::OnceLock<String>,
}

impl Shared {
    pub fn new(
        views: Arc<Views>,
        strings: &BTreeMap<String, String>,
        search_index: Option<&str>,
    ) -> Self {
        let index = std::sync::OnceLock::new();
        if let Some(url) = search_index {
            let _ = index.set(url.to_string());
        }
        Shared {
            site_value: site_value(&views),
            site: views,
            strings: strings.clone(),
            search_index: index,
        }
    }

    /// The search index folder's URL ("" before it is known).
    pub fn search_index(&self) -> &str {
        self.search_index.get().map_or("", String::as_str)
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
