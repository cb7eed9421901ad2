//! Template-ready text, computed once per build: URLs, formatted dates,
//! titles and summaries of every article, category and tag, as minijinja
//! values. A list page shows ten articles and every page shows the
//! categories; without this, each of those reads would format and allocate
//! its text again, some fifteen million times for a 50,000-article site.
//! `Views` dereferences to the `Site`, so render code reads both alike.

use std::ops::Deref;
use std::sync::Arc;

use minijinja::Value;
use rayon::prelude::*;

use crate::dates::{long_date, long_date_time, short_date};
use crate::site::{Site, urls};

/// Text of one article, ready for templates.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub title: Value,
    pub url: Value,
    pub permalink: Value,
    pub path: Value,
    pub date_iso: Value,
    pub date_long: Value,
    pub date_time: Value,
    pub date_short: Value,
    pub summary: Value,
}

/// Text of one category.
#[derive(Debug, Clone)]
pub struct CategoryView {
    pub name: Value,
    pub slug: Value,
    pub description: Value,
    pub url: Value,
    pub path: Value,
    pub feed_url: Value,
}

/// Text of one tag.
#[derive(Debug, Clone)]
pub struct TagView {
    pub name: Value,
    pub slug: Value,
    pub url: Value,
}

/// The site and its template-ready text.
#[derive(Debug, Clone)]
pub struct Views {
    site: Arc<Site>,
    pub article_views: Vec<ArticleView>,
    pub category_views: Vec<CategoryView>,
    pub tag_views: Vec<TagView>,
}

impl Deref for Views {
    type Target = Site;

    fn deref(&self) -> &Site {
        &self.site
    }
}

impl Views {
    pub fn new(site: &Arc<Site>) -> Arc<Views> {
        let base = &site.config.base_url;
        let article_views = site
            .articles
            .par_iter()
            .map(|article| article_view(site, article))
            .collect();
        let category_views = site
            .config
            .categories
            .iter()
            .map(|category| CategoryView {
                name: Value::from(category.name.as_str()),
                slug: Value::from(category.slug.as_str()),
                description: Value::from(category.description.as_str()),
                url: Value::from(base.relative(&urls::category_path(&category.slug))),
                path: Value::from(urls::category_path(&category.slug)),
                feed_url: Value::from(base.relative(&urls::category_feed_path(&category.slug))),
            })
            .collect();
        let tag_views = site
            .tags
            .iter()
            .map(|tag| TagView {
                name: Value::from(tag.name.as_str()),
                slug: Value::from(tag.slug.as_str()),
                url: Value::from(base.relative(&urls::tag_path(&tag.slug))),
            })
            .collect();
        Arc::new(Views {
            site: Arc::clone(site),
            article_views,
            category_views,
            tag_views,
        })
    }

    /// The site itself.
    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    /// The site, to change in place (copied first if it is shared); the
    /// caller then refreshes the views of what it changed.
    pub fn site_mut(&mut self) -> &mut Site {
        Arc::make_mut(&mut self.site)
    }

    /// Makes the text of the article at `index` again, after a change.
    pub fn refresh_article(&mut self, index: usize) {
        let view = article_view(&self.site, &self.site.articles[index]);
        self.article_views[index] = view;
    }
}

fn article_view(site: &Site, article: &crate::site::Article) -> ArticleView {
    let base = &site.config.base_url;
    let language = site.config.language.as_str();
    ArticleView {
        title: Value::from(article.title.as_str()),
        url: Value::from(base.relative(&article.path)),
        permalink: Value::from(base.absolute(&article.path)),
        path: Value::from(article.path.as_str()),
        date_iso: Value::from(article.date.to_rfc3339()),
        date_long: Value::from(long_date(&article.date, language)),
        date_time: Value::from(long_date_time(&article.date, language)),
        date_short: Value::from(short_date(&article.date)),
        summary: Value::from(article.summary.as_str()),
    }
}
