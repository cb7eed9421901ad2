//! The fast path for front matter edits that change only what an article
//! shows — its title (when the URL stays), summary, author, department,
//! image description or extra fields — and not its place in the site: the
//! article is made again from its new front matter and keeps its URL, date,
//! category, tags, listing, media, aliases, report and neighbours.

use std::sync::Arc;

use crate::frontmatter::ArticleMeta;
use crate::load::SourceFile;
use crate::markdown::Rendered;
use crate::site::{self, Article, Fingerprint, Site};

/// The article at `index` made from its new front matter, or `None` when the
/// edit moves it (another URL, date, category, tags, listing ...) or changes
/// output outside the pages that show it (media, aliases' redirect pages,
/// the report overview, the dates of feeds and sitemap).
pub(super) fn edited_article(
    site: &Site,
    index: usize,
    (source, meta): (SourceFile, ArticleMeta),
    (body_start, body_line): (usize, usize),
    rendered: Arc<Rendered>,
    fingerprint: Fingerprint,
) -> Option<Article> {
    let old = &site.articles[index];
    let entry = (source, meta, body_start, body_line);
    let planned = site::plan_articles(&site.config, vec![entry], &site.selection).pop()?;
    let meta = &planned.meta;
    let old_tags: Vec<&str> = old
        .tags
        .iter()
        .map(|&tag| site.tags[tag].name.as_str())
        .collect();
    let same_place = planned.path == old.path
        && planned.slug == old.slug
        && meta.date == old.date
        && meta.updated == old.updated
        && meta.expires == old.expires
        && meta.category == old.category
        && meta.draft == old.draft
        && meta.tags == old_tags
        && meta.aliases == old.aliases
        && (old.aliases.is_empty() || meta.title == old.title)
        && meta.image == old.image
        && meta.attachments == old.attachments
        && meta.report == old.report;
    if !same_place {
        return None;
    }
    let (mut articles, _) = site::make_articles(vec![planned], vec![rendered], &site.selection);
    let mut article = articles.pop()?;
    article.tags = old.tags.clone();
    article.media = old.media.clone();
    article.older = old.older;
    article.newer = old.newer;
    article.related = old.related.clone();
    article.fingerprint = fingerprint;
    Some(article)
}
