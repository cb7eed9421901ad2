//! Tags, yearly archives, older/newer links and related articles.
//!
//! Related articles share the most tags; to stay linear in the number of
//! articles, candidates are only the few nearest in date within each tag.

use std::collections::HashMap;

use chrono::Datelike;
use rayon::prelude::*;

use super::Article;
use crate::slug::slugify;
use crate::vietnamese::collation_key;

/// How many related articles each article shows.
pub const RELATED_COUNT: usize = 5;
/// Candidates looked at on each side of an article within one tag.
const RELATED_WINDOW: usize = 12;

/// A tag and the listed articles carrying it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Display name: the form used by the newest article.
    pub name: String,
    pub slug: String,
    /// Listed articles, newest first.
    pub articles: Vec<usize>,
}

/// A year of the archive.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    /// Listed articles, newest first.
    pub articles: Vec<usize>,
}

/// Merges tags that share a slug (`Tân Uyên`, `tân uyên`), sorts them the
/// Vietnamese way and fills each article's tag indices.
pub fn collect_tags(articles: &mut [Article], names: Vec<Vec<String>>) -> Vec<Tag> {
    // A few dozen distinct names recur across thousands of articles: slugify
    // each name once and work with small ids.
    let mut slug_of_name: HashMap<&str, usize> = HashMap::new();
    let mut id_of_slug: HashMap<String, usize> = HashMap::new();
    let mut tags: Vec<Tag> = Vec::new();
    let mut article_ids: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (index, article) in articles.iter().enumerate() {
        for name in &names[index] {
            let id = match slug_of_name.get(name.as_str()) {
                Some(&id) => id,
                None => {
                    let slug = slugify(name);
                    let id = *id_of_slug.entry(slug.clone()).or_insert_with(|| {
                        tags.push(Tag {
                            name: name.clone(),
                            slug,
                            articles: Vec::new(),
                        });
                        tags.len() - 1
                    });
                    slug_of_name.insert(name, id);
                    id
                }
            };
            if article.listed {
                tags[id].articles.push(index);
            }
            article_ids[index].push(id);
        }
    }
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by_cached_key(|&id| (collation_key(&tags[id].name), tags[id].slug.clone()));
    let mut position = vec![0; tags.len()];
    for (sorted, &id) in order.iter().enumerate() {
        position[id] = sorted;
    }
    for (article, ids) in articles.iter_mut().zip(&article_ids) {
        article.tags = ids.iter().map(|&id| position[id]).collect();
    }
    let mut slots: Vec<Option<Tag>> = tags.into_iter().map(Some).collect();
    order.iter().filter_map(|&id| slots[id].take()).collect()
}

/// Groups listed articles by year, newest year first.
pub fn collect_years(articles: &[Article], listed: &[usize]) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for &index in listed {
        let year = articles[index].date.year();
        match years.last_mut() {
            Some(last) if last.year == year => last.articles.push(index),
            _ => years.push(Year {
                year,
                articles: vec![index],
            }),
        }
    }
    years
}

/// Links each listed article to the next older and newer listed one.
pub fn link_neighbours(articles: &mut [Article], listed: &[usize]) {
    for (position, &index) in listed.iter().enumerate() {
        articles[index].newer = position.checked_sub(1).map(|newer| listed[newer]);
        articles[index].older = listed.get(position + 1).copied();
    }
}

/// Picks related articles: most shared tags, then nearest in date, then newest.
pub fn link_related(articles: &mut [Article], tags: &[Tag], listed: &[usize]) {
    // Each list depends only on the tags and dates: computed in parallel.
    let shared: &[Article] = articles;
    let related: Vec<(usize, Vec<usize>)> = listed
        .par_iter()
        .map(|&index| (index, related_to(shared, tags, index)))
        .collect();
    for (index, list) in related {
        articles[index].related = list;
    }
}

fn related_to(articles: &[Article], tags: &[Tag], index: usize) -> Vec<usize> {
    let article = &articles[index];
    let mut candidates: Vec<usize> = Vec::new();
    for &tag in &article.tags {
        let list = &tags[tag].articles;
        let Ok(position) = list.binary_search(&index) else {
            continue;
        };
        let from = position.saturating_sub(RELATED_WINDOW);
        let to = (position + RELATED_WINDOW + 1).min(list.len());
        candidates.extend(
            list[from..to]
                .iter()
                .copied()
                .filter(|&other| other != index),
        );
    }
    candidates.sort_unstable();
    candidates.dedup();
    let date = article.date;
    let mut scored: Vec<(usize, i64, usize)> = candidates
        .into_iter()
        .map(|other| {
            let shared = articles[other]
                .tags
                .iter()
                .filter(|tag| article.tags.contains(tag))
                .count();
            let distance = (articles[other].date - date).num_seconds().abs();
            (shared, distance, other)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored
        .into_iter()
        .take(RELATED_COUNT)
        .map(|(_, _, other)| other)
        .collect()
}
