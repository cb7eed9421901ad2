//! Render jobs: the signature of a job's own inputs, for reusing its page
//! between builds.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::{Job, Shared, path, template};
use crate::render::memo::{Kind, Versions, signature as signature_of};
use crate::site::paginate::Pager;

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
        Job::Search => signature_of(shared.search_index()),
        Job::TagIndex | Job::Archive | Job::NotFound => 0,
    };
    signature_of((
        global,
        templates.get(template(job)).copied().unwrap_or(0),
        path(shared, job),
        subject,
    ))
}
