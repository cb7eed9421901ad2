//! The files a user gets: every page present and well-formed, every internal
//! link resolving, everything escaped, feeds and sitemap valid XML.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TestSite, files_under, repo_root, stderr};
use scraper::{Html, Selector};

/// Builds the repository's sample site into a temp folder.
fn build_sample(base_url: Option<&str>) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    let mut command = common::bantin();
    command
        .arg("build")
        .arg("--root")
        .arg(repo_root())
        .arg("-o")
        .arg(&target)
        .env("BANTIN_NOW", "2026-11-27T12:00:00+07:00");
    if let Some(url) = base_url {
        command.arg("--base-url").arg(url);
    }
    let output = command.output().expect("run bantin");
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

fn html_files(root: &Path) -> Vec<String> {
    files_under(root)
        .into_iter()
        .filter(|file| file.ends_with(".html"))
        .collect()
}

/// Every `href` and `src` of a page.
fn references(html: &Html) -> Vec<String> {
    let selector = Selector::parse("[href], [src]").expect("selector");
    html.select(&selector)
        .filter_map(|element| {
            element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
        })
        .map(str::to_string)
        .collect()
}

/// A page-relative URL (`bao-cao.pdf`, files published beside an article)
/// made root-relative, as a browser resolves it on `page` under `prefix`.
fn from_page(prefix: &str, page: &str, url: &str) -> String {
    if url.starts_with('/') || url.contains("://") || url.contains(':') || url.starts_with('#') {
        return url.to_string();
    }
    let dir = page
        .rsplit_once('/')
        .map(|(dir, _)| dir)
        .unwrap_or_default();
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    format!("{prefix}{dir}{url}")
}

/// The file that serves a root-relative URL under `prefix`.
fn target_file(root: &Path, prefix: &str, url: &str) -> Option<std::path::PathBuf> {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    let relative = path.strip_prefix(prefix)?;
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    Some(root.join(file))
}

#[test]
fn sample_site_pages_parse_as_html5_and_every_internal_link_resolves() {
    let out = build_sample(None);
    let root = out.path().join("public");
    let pages = html_files(&root);
    assert!(pages.len() > 50, "only {} pages", pages.len());
    let mut broken = BTreeSet::new();
    for page in &pages {
        let text = std::fs::read_to_string(root.join(page)).expect("read page");
        let html = Html::parse_document(&text);
        assert!(
            html.errors.is_empty(),
            "{page}: HTML parse errors {:?}",
            html.errors
        );
        assert!(
            text.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"),
            "{page}"
        );
        for reference in references(&html) {
            let reference = from_page("/", page, &reference);
            if reference.starts_with("https://")
                || reference.starts_with("mailto:")
                || reference.starts_with("http://")
            {
                continue;
            }
            if let Some(fragment) = reference.strip_prefix('#') {
                let selector =
                    Selector::parse(&format!("[id=\"{fragment}\"]")).expect("id selector");
                if html.select(&selector).next().is_none() {
                    broken.insert(format!("{page} -> {reference}"));
                }
                continue;
            }
            match target_file(&root, "/", &reference) {
                Some(file) if file.is_file() => {}
                _ => {
                    broken.insert(format!("{page} -> {reference}"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_page_kind_is_generated() {
    let out = build_sample(None);
    let root = out.path().join("public");
    for file in [
        "index.html",
        "trang/2/index.html",
        "2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/index.html",
        "chuyen-muc/khuyen-cong/index.html",
        "chuyen-muc/khuyen-cong/feed.xml",
        "the/index.html",
        "the/tan-uyen/index.html",
        "luu-tru/index.html",
        "luu-tru/2014/index.html",
        "tim-kiem/index.html",
        "gioi-thieu/index.html",
        "lien-he/index.html",
        "about-us/index.html",
        "404.html",
        "feed.xml",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "tin-tuc/982.html",
        "_redirects",
        "nginx-redirects.conf",
        "2025/05/ke-hoach-kiem-tra-an-toan-vat-lieu-no-cong-nghiep-va-hoa-chat-nam-2025/ke-hoach-kiem-tra-vlncn-2025.pdf",
    ] {
        assert!(root.join(file).is_file(), "missing {file}");
    }
    let assets = files_under(&root.join("assets"));
    assert!(
        assets
            .iter()
            .any(|name| name.starts_with("style.") && name.ends_with(".css") && name.len() == 18),
        "no fingerprinted style sheet in {assets:?}"
    );
    assert!(
        !root
            .join("2025/10/ke-hoach-phien-cho-hang-viet-nam-2025/index.html")
            .exists(),
        "draft built without --drafts"
    );
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml_with_absolute_urls() {
    let out = build_sample(None);
    let root = out.path().join("public");
    for file in [
        "feed.xml",
        "rss.xml",
        "sitemap.xml",
        "chuyen-muc/thong-bao/feed.xml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("read");
        let document =
            roxmltree::Document::parse(&text).unwrap_or_else(|error| panic!("{file}: {error}"));
        for node in document.descendants().filter(|node| {
            node.has_tag_name("loc") || node.has_tag_name("id") || node.has_tag_name("link")
        }) {
            let url = node.attribute("href").or(node.text()).unwrap_or_default();
            if !url.trim().is_empty() {
                assert!(
                    url.starts_with("https://congthuong.example.gov.vn/"),
                    "{file}: {url}"
                );
            }
        }
    }
    let atom = std::fs::read_to_string(root.join("feed.xml")).expect("read");
    let document = roxmltree::Document::parse(&atom).expect("atom");
    let entries = document
        .descendants()
        .filter(|node| node.has_tag_name("entry"))
        .count();
    assert_eq!(entries, 20);
}

#[test]
fn sub_path_base_url_keeps_every_link_inside_the_sub_path() {
    let out = build_sample(Some("https://example.github.io/so-cong-thuong/"));
    let root = out.path().join("public");
    let mut escaping = BTreeSet::new();
    for page in html_files(&root) {
        let text = std::fs::read_to_string(root.join(&page)).expect("read");
        let html = Html::parse_document(&text);
        for reference in references(&html) {
            let reference = from_page("/so-cong-thuong/", &page, &reference);
            let inside = reference.starts_with("/so-cong-thuong/")
                || reference.starts_with("https://example.github.io/so-cong-thuong/")
                || reference.starts_with('#')
                || reference.starts_with("mailto:")
                || (reference.starts_with("https://")
                    && !reference.starts_with("https://example.github.io/"));
            if !inside {
                escaping.insert(format!("{page}: {reference}"));
            } else if reference.starts_with("/so-cong-thuong/") {
                let file = target_file(&root, "/so-cong-thuong/", &reference).expect("inside");
                assert!(file.is_file(), "{page}: {reference} does not resolve");
            }
        }
        assert!(
            text.contains(
                "<link rel=\"canonical\" href=\"https://example.github.io/so-cong-thuong/"
            ),
            "{page}"
        );
    }
    assert!(
        escaping.is_empty(),
        "links escaping the sub-path:\n{}",
        escaping.into_iter().collect::<Vec<_>>().join("\n")
    );
    let sitemap = std::fs::read_to_string(root.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<loc>https://example.github.io/so-cong-thuong/2014/09/"));
}

#[test]
fn article_page_shows_date_source_tags_breadcrumbs_navigation_and_json_ld() {
    let out = build_sample(None);
    let text = std::fs::read_to_string(
        out.path()
            .join("public/2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/index.html"),
    )
    .expect("read");
    let html = Html::parse_document(&text);
    let select = |css: &str| -> Vec<String> {
        let selector = Selector::parse(css).expect("selector");
        html.select(&selector)
            .map(|element| element.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        select("h1"),
        ["Kết quả công tác khuyến công và tư vấn phát triển công nghiệp 9 tháng đầu năm 2014"]
    );
    assert!(select(".article-meta time")[0].starts_with("Thứ Tư, 24/09/2014"));
    assert_eq!(
        select(".article-source"),
        ["Nguồn: Nguyễn Luyến (Phòng Quản lý Công nghiệp)"]
    );
    assert!(select(".article-tags a").contains(&"Tân Uyên".to_string()));
    assert_eq!(select(".breadcrumbs li").len(), 3);
    assert_eq!(select(".article-nav a").len(), 2);
    assert!(!select(".related li").is_empty());
    assert!(text.contains("<meta property=\"og:type\" content=\"article\">"));
    let json = select("script[type=\"application/ld+json\"]");
    let value: serde_json::Value = serde_json::from_str(&json[0]).expect("JSON-LD parses");
    assert_eq!(value["@type"], "NewsArticle");
    assert_eq!(value["datePublished"], "2014-09-24T08:27:00+07:00");
    assert!(text.contains("class=\"print-button\""));
}

#[test]
fn english_page_is_marked_english() {
    let out = build_sample(None);
    let text =
        std::fs::read_to_string(out.path().join("public/about-us/index.html")).expect("read");
    assert!(text.contains("<html lang=\"vi\">"));
    assert!(text.contains("<article class=\"article standalone-page\" lang=\"en\">"));
}

#[test]
fn a_script_in_a_title_is_text_in_page_lists_feed_and_json_ld() {
    let site = TestSite::new();
    let title = "<script>alert(1)</script> \"Tân Uyên\" & </script><b>";
    site.article("2024/xss.md", &format!("title: '{title}'\ndate: 2024-05-01\ncategory: khuyen-cong\ntags: ['<img src=x onerror=alert(2)>']\nsummary: '<i>tóm tắt</i>'"), "Nội dung.\n");
    site.build(&[]);
    let page_path = files_under(&site.path("public"))
        .into_iter()
        .find(|file| file.starts_with("2024/05/"))
        .expect("article page");
    let page = site.read_output(&page_path);
    for file in [
        page_path.as_str(),
        "index.html",
        "chuyen-muc/khuyen-cong/index.html",
        "luu-tru/2024/index.html",
    ] {
        let text = site.read_output(file);
        assert!(!text.contains("<script>alert"), "{file}");
        assert!(!text.contains("<img src=x"), "{file}");
        assert!(!text.contains("<i>tóm"), "{file}");
        let html = Html::parse_document(&text);
        assert!(html.errors.is_empty(), "{file}: {:?}", html.errors);
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let json_start =
        page.find("application/ld+json\">").expect("json-ld") + "application/ld+json\">".len();
    let json_text =
        &page[json_start..json_start + page[json_start..].find("</script>").expect("end")];
    assert!(!json_text.contains('<'), "{json_text}");
    let value: serde_json::Value = serde_json::from_str(json_text).expect("JSON");
    assert_eq!(value["headline"], title);
    let feed = site.read_output("feed.xml");
    let document = roxmltree::Document::parse(&feed).expect("feed parses");
    let entry_title = document
        .descendants()
        .find(|node| {
            node.has_tag_name("title") && node.parent().is_some_and(|p| p.has_tag_name("entry"))
        })
        .expect("entry title");
    assert_eq!(entry_title.text(), Some(title));
    roxmltree::Document::parse(&site.read_output("rss.xml")).expect("rss parses");
    roxmltree::Document::parse(&site.read_output("sitemap.xml")).expect("sitemap parses");
}
