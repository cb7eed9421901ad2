//! Search stage, step 0: what is indexed — the site's articles and pages
//! as documents (ids, the texts of their fields; docs/search.md §2).

use chrono::Datelike;

use crate::site::Site;

/// Fields, in the order of `FIELD_WEIGHTS` (docs/search.md §3).
pub const FIELDS: usize = 4;
pub const TITLE: usize = 0;
pub const TAGS: usize = 1;
pub const SUMMARY: usize = 2;
pub const BODY: usize = 3;

/// One searchable document: a standalone page or a listed article.
#[derive(Debug, Clone)]
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
    let pages = site.pages.iter().map(|page| Document {
        path: &page.path,
        title: &page.title,
        fields: [
            vec![page.title.as_str()],
            Vec::new(),
            own_summary(&page.summary, &page.plain_text),
            vec![&*page.plain_text],
        ],
        date: String::new(),
        year: None,
        category: None,
    });
    let articles = site.listed.iter().rev().map(|&index| {
        let article = &site.articles[index];
        let tags = article
            .tags
            .iter()
            .map(|&tag| site.tags[tag].name.as_str())
            .collect();
        Document {
            path: &article.path,
            title: &article.title,
            fields: [
                vec![article.title.as_str()],
                tags,
                own_summary(&article.summary, &article.plain_text),
                vec![&*article.plain_text],
            ],
            date: article.date.format("%Y-%m-%d").to_string(),
            year: Some(article.date.year()),
            category: Some(article.category),
        }
    });
    pages.chain(articles).collect()
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
