//! The URL scheme of DESIGN §5. Site paths have no leading slash and end with
//! `/` for pretty URLs (`2014/09/ket-qua/`); `BaseUrl` turns them into links.

use chrono::{DateTime, Datelike, FixedOffset};

use crate::config::Permalink;

pub const CATEGORY_ROOT: &str = "chuyen-muc";
pub const TAG_ROOT: &str = "the";
pub const ARCHIVE_ROOT: &str = "luu-tru";
pub const SEARCH_ROOT: &str = "tim-kiem";
/// The activity reports overview.
pub const REPORTS_ROOT: &str = "bao-cao";
pub const PAGE_SEGMENT: &str = "trang";
pub const FEED_FILE: &str = "feed.xml";
pub const RSS_FILE: &str = "rss.xml";

/// First path segments the generator uses itself; pages may not take them.
pub const RESERVED: &[&str] = &[
    CATEGORY_ROOT,
    TAG_ROOT,
    ARCHIVE_ROOT,
    SEARCH_ROOT,
    REPORTS_ROOT,
    PAGE_SEGMENT,
    FEED_FILE,
    RSS_FILE,
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "assets",
];

/// The site path of an article from the permalink pattern.
pub fn article_path(
    pattern: &Permalink,
    date: &DateTime<FixedOffset>,
    slug: &str,
    category: &str,
) -> String {
    pattern
        .0
        .replace("{year}", &format!("{:04}", date.year()))
        .replace("{month}", &format!("{:02}", date.month()))
        .replace("{day}", &format!("{:02}", date.day()))
        .replace("{slug}", slug)
        .replace("{category}", category)
        .trim_start_matches('/')
        .to_string()
}

pub fn page_path(slug: &str) -> String {
    format!("{slug}/")
}

pub fn category_path(slug: &str) -> String {
    format!("{CATEGORY_ROOT}/{slug}/")
}

pub fn category_feed_path(slug: &str) -> String {
    format!("{CATEGORY_ROOT}/{slug}/{FEED_FILE}")
}

pub fn tag_path(slug: &str) -> String {
    format!("{TAG_ROOT}/{slug}/")
}

pub fn tag_index_path() -> String {
    format!("{TAG_ROOT}/")
}

pub fn archive_path() -> String {
    format!("{ARCHIVE_ROOT}/")
}

pub fn archive_year_path(year: i32) -> String {
    format!("{ARCHIVE_ROOT}/{year}/")
}

pub fn search_path() -> String {
    format!("{SEARCH_ROOT}/")
}

pub fn reports_path() -> String {
    format!("{REPORTS_ROOT}/")
}

/// Page `number` (1-based) of a paginated list at `base` (`""` for home).
pub fn paginated_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}{PAGE_SEGMENT}/{number}/")
    }
}

/// The file that serves a site path: `x/` -> `x/index.html`, `""` -> `index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The site path of a file that belongs to the page at `page_path`:
/// relative names sit beside the page (`2014/09/x/` + `a.pdf` ->
/// `2014/09/x/a.pdf`), `/`-rooted names are site files (`/files/a.pdf`).
pub fn beside(page_path: &str, file: &str) -> String {
    if let Some(rooted) = file.strip_prefix('/') {
        return rooted.to_string();
    }
    let dir = match page_path.rfind('/') {
        Some(slash) => &page_path[..=slash],
        None => "",
    };
    format!("{dir}{}", file.trim_start_matches("./"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_paths_follow_the_pattern() {
        let date = DateTime::parse_from_rfc3339("2014-09-24T08:00:00+07:00").expect("date");
        let pattern = Permalink("/{year}/{month}/{slug}/".into());
        assert_eq!(
            article_path(&pattern, &date, "ket-qua", "khuyen-cong"),
            "2014/09/ket-qua/"
        );
        let flat = Permalink("/{category}/{year}-{month}-{day}-{slug}.html".into());
        assert_eq!(
            article_path(&flat, &date, "x", "khuyen-cong"),
            "khuyen-cong/2014-09-24-x.html"
        );
    }

    #[test]
    fn pagination_and_files() {
        assert_eq!(paginated_path("", 1), "");
        assert_eq!(paginated_path("", 2), "trang/2/");
        assert_eq!(paginated_path("chuyen-muc/x/", 3), "chuyen-muc/x/trang/3/");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("the/"), "the/index.html");
        assert_eq!(output_file("a/b.html"), "a/b.html");
    }

    #[test]
    fn files_sit_beside_their_page() {
        assert_eq!(beside("2014/09/x/", "a.pdf"), "2014/09/x/a.pdf");
        assert_eq!(beside("2014/09/x/", "./anh/b.jpg"), "2014/09/x/anh/b.jpg");
        assert_eq!(beside("kc/2014-09-x.html", "a.pdf"), "kc/a.pdf");
        assert_eq!(beside("2014/09/x/", "/files/a.pdf"), "files/a.pdf");
    }
}
