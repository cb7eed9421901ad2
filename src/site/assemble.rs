//! Site stage, second half: planned files + rendered bodies -> sorted
//! articles and pages with summaries, then the whole `Site` with taxonomies,
//! archives and navigation.

use std::sync::Arc;

use chrono::Utc;

use super::taxonomy::{self, Tag};
use super::{Article, Page, Planned, SUMMARY_CHARS, Selection, Site};
use crate::config::Config;
use crate::frontmatter::{ArticleMeta, PageMeta};
use crate::markdown::Rendered;

/// Builds the article list: summaries, sorting, listing and flags.
/// Also gives each article's tag names, in the same (sorted) order.
pub fn make_articles(
    planned: Vec<Planned<ArticleMeta>>,
    rendered: Vec<Arc<Rendered>>,
    selection: &Selection,
) -> (Vec<Article>, Vec<Vec<String>>) {
    let mut articles: Vec<(Article, Vec<String>)> = planned
        .into_iter()
        .zip(rendered)
        .map(|(planned, rendered)| {
            let rendered = Arc::try_unwrap(rendered).unwrap_or_else(|shared| (*shared).clone());
            let mut meta = planned.meta;
            let tag_names = std::mem::take(&mut meta.tags);
            let summary = meta
                .summary
                .clone()
                .unwrap_or_else(|| shorten(&rendered.first_paragraph, SUMMARY_CHARS));
            let scheduled = meta.date.with_timezone(&Utc) > selection.now;
            let expired = meta
                .expires
                .is_some_and(|expires| expires.with_timezone(&Utc) <= selection.now);
            let article = Article {
                source: planned.source,
                source_dir: planned.source_dir,
                is_bundle: planned.is_bundle,
                title: meta.title,
                date: meta.date,
                updated: meta.updated,
                expires: meta.expires,
                summary,
                category: meta.category,
                tags: Vec::new(),
                author: meta.author,
                department: meta.department,
                slug: planned.slug,
                path: planned.path,
                draft: meta.draft,
                scheduled,
                listed: !expired,
                aliases: meta.aliases,
                image: meta.image,
                image_alt: meta.image_alt,
                attachments: meta.attachments,
                report: meta.report,
                media: crate::media::Media::default(),
                extra: meta.extra,
                html: rendered.html,
                plain_text: rendered.plain_text,
                headings: rendered.headings,
                links: rendered.links,
                body_line: planned.body_line,
                fingerprint: planned.fingerprint,
                older: None,
                newer: None,
                related: Vec::new(),
            };
            (article, tag_names)
        })
        .collect();
    articles.sort_by(|(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| a.source.cmp(&b.source)));
    articles.into_iter().unzip()
}

/// Builds the page list, ordered by menu order then title.
pub fn make_pages(
    config: &Config,
    planned: Vec<Planned<PageMeta>>,
    rendered: Vec<Arc<Rendered>>,
) -> Vec<Page> {
    let mut pages: Vec<Page> = planned
        .into_iter()
        .zip(rendered)
        .map(|(planned, rendered)| {
            let rendered = Arc::try_unwrap(rendered).unwrap_or_else(|shared| (*shared).clone());
            let meta = planned.meta;
            Page {
                summary: meta
                    .summary
                    .unwrap_or_else(|| shorten(&rendered.first_paragraph, SUMMARY_CHARS)),
                source: planned.source,
                source_dir: planned.source_dir,
                title: meta.title,
                slug: planned.slug,
                path: planned.path,
                lang: meta.lang.unwrap_or_else(|| config.language.clone()),
                menu_order: meta.menu_order.unwrap_or(u64::MAX),
                draft: meta.draft,
                extra: meta.extra,
                html: rendered.html,
                plain_text: rendered.plain_text,
                headings: rendered.headings,
                links: rendered.links,
                body_line: planned.body_line,
                fingerprint: planned.fingerprint,
            }
        })
        .collect();
    pages.sort_by(|a, b| {
        a.menu_order
            .cmp(&b.menu_order)
            .then_with(|| a.title.cmp(&b.title))
    });
    pages
}

/// The first part of putting the site together: its tags and which
/// articles are listed. With the articles and pages, that is all the
/// search index needs of the site (search/early.rs starts it here).
pub struct Listing {
    pub tags: Vec<Tag>,
    /// Indices of the listed articles, newest first.
    pub listed: Vec<usize>,
}

/// Collects the tags and the listed articles.
pub fn listing(articles: &mut [Article], tag_names: Vec<Vec<String>>) -> Listing {
    let tags = taxonomy::collect_tags(articles, tag_names);
    let listed: Vec<usize> = (0..articles.len())
        .filter(|&index| articles[index].listed)
        .collect();
    Listing { tags, listed }
}

/// Puts the site together: taxonomies, archives and navigation.
pub fn assemble(
    config: Config,
    mut articles: Vec<Article>,
    pages: Vec<Page>,
    Listing { tags, listed }: Listing,
    selection: Selection,
) -> Site {
    let mut categories = vec![Vec::new(); config.categories.len()];
    for &index in &listed {
        categories[articles[index].category].push(index);
    }
    let years = taxonomy::collect_years(&articles, &listed);
    taxonomy::link_neighbours(&mut articles, &listed);
    taxonomy::link_related(&mut articles, &tags, &listed);
    Site {
        config,
        articles,
        pages,
        tags,
        categories,
        listed,
        years,
        selection,
    }
}

/// Cuts text to about `limit` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > limit / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("ngắn", 10), "ngắn");
        assert_eq!(shorten("một hai ba bốn năm sáu", 12), "một hai ba…");
    }
}
