//! Search stage, step 0: what is indexed — the site's articles and pages
//! as documents (ids, the texts of their fields; docs/search.md §2).

use chrono::{DateTime, Datelike, FixedOffset};

use rayon::prelude::*;

use crate::site::taxonomy::Tag;
use crate::site::{Article, Page, Site};

/// Fields, in the order of `FIELD_WEIGHTS` (docs/search.md §3).
pub const FIELDS: usize = 4;
pub const TITLE: usize = 0;
pub const TAGS: usize = 1;
pub const SUMMARY: usize = 2;
pub const BODY: usize = 3;

/// One searchable document: a standalone page or a listed article.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    /// Site path (`2014/09/ket-qua/`).
    pub path: &'a str,
    pub title: &'a str,
    /// Field texts: title, tags (one per entry), summary, body.
    pub fields: [Vec<&'a str>; FIELDS],
    /// `YYYY-MM-DD` in the site's time zone; empty for pages.
    pub date: String,
    pub year: Option<i32>,
    pub category: Option<usize>,
}

/// The documents of a site in id order: pages first, then listed articles
/// oldest first, so that a higher id is a newer article (ties rank newest
/// first) and a new article does not renumber the older ones.
pub fn documents(site: &Site) -> Vec<Document<'_>> {
    in_order(
        (&site.pages, &site.articles),
        (&site.tags, &site.listed),
        |page| Document::page(&page.path, &page.title, &page.summary, &page.plain_text),
        |article, tags| {
            Document::article(
                &article.path,
                &article.title,
                tags,
                &article.summary,
                &article.plain_text,
                &article.date,
                article.category,
            )
        },
    )
}

/// What `page` and `article` make of the pages and listed articles, in the
/// order of the documents' ids (`documents`); `article` gets the display
/// names of the article's tags.
pub fn in_order<'a, T: Send>(
    (pages, articles): (&'a [Page], &'a [Article]),
    (tags, listed): (&'a [Tag], &'a [usize]),
    page: impl Fn(&'a Page) -> T + Sync + Send,
    article: impl Fn(&'a Article, Vec<&'a str>) -> T + Sync + Send,
) -> Vec<T> {
    let articles = listed.par_iter().rev().map(|&index| {
        let listed = &articles[index];
        let names = listed.tags.iter().map(|&tag| tags[tag].name.as_str());
        article(listed, names.collect())
    });
    pages.par_iter().map(page).chain(articles).collect()
}

impl<'a> Document<'a> {
    /// A standalone page: no tags, date or category.
    pub fn page(path: &'a str, title: &'a str, summary: &'a str, body: &'a str) -> Self {
        Document {
            path,
            title,
            fields: [
                vec![title],
                Vec::new(),
                own_summary(summary, body),
                vec![body],
            ],
            date: String::new(),
            year: None,
            category: None,
        }
    }

    /// A listed article, its tags by their display names.
    pub fn article(
        path: &'a str,
        title: &'a str,
        tags: Vec<&'a str>,
        summary: &'a str,
        body: &'a str,
        date: &DateTime<FixedOffset>,
        category: usize,
    ) -> Self {
        Document {
            path,
            title,
            fields: [vec![title], tags, own_summary(summary, body), vec![body]],
            date: iso_date(date),
            year: Some(date.year()),
            category: Some(category),
        }
    }
}

/// `YYYY-MM-DD`, as `date.format("%Y-%m-%d")` writes it, without parsing
/// the format for every document.
fn iso_date(date: &DateTime<FixedOffset>) -> String {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.format("%Y-%m-%d").to_string();
    }
    format!("{year:04}-{:02}-{:02}", date.month(), date.day())
}

/// The summary field: the summary written in the front matter. A summary
/// taken from the first paragraph is already in the body and is not counted
/// twice (it would weigh the first paragraph like the title).
fn own_summary<'a>(summary: &'a str, body: &str) -> Vec<&'a str> {
    if is_derived_summary(summary, body) {
        Vec::new()
    } else {
        vec![summary]
    }
}

/// Whether a summary is (the beginning of) the body's first paragraph.
fn is_derived_summary(summary: &str, body: &str) -> bool {
    let lead: String = summary.chars().take(40).collect();
    summary.is_empty() || body.starts_with(lead.trim_end_matches('…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for text in [
            "2014-09-30T23:59:00+07:00",
            "0999-01-02T00:00:00+00:00",
            "2025-12-31T17:30:00-05:00",
        ] {
            let date = DateTime::parse_from_rfc3339(text).expect("a date");
            assert_eq!(iso_date(&date), date.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn a_summary_from_the_first_paragraph_is_not_counted_twice() {
        let body = "Chín tháng đầu năm 2014, hoạt động khuyến công đạt kết quả tốt.\nĐoạn hai.";
        assert!(
            own_summary(
                "Chín tháng đầu năm 2014, hoạt động khuyến công đạt kết quả tốt.",
                body
            )
            .is_empty()
        );
        assert!(own_summary("Chín tháng đầu năm 2014, hoạt động khuyến…", body).is_empty());
        assert_eq!(own_summary("Tóm tắt riêng.", body), ["Tóm tắt riêng."]);
        assert!(own_summary("", body).is_empty());
    }
}
