//! Feeds and crawler files, written in code rather than templates so that
//! their XML is always well-formed: Atom (`feed.xml`, one per category),
//! RSS 2.0 (`rss.xml`), `sitemap.xml` and `robots.txt`.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use crate::output::{Contents, OutputFile};
use crate::site::{Site, urls};

/// Entries per feed.
pub const FEED_ENTRIES: usize = 20;

/// All feed and crawler files of the site.
pub fn feeds(site: &Site) -> Vec<OutputFile> {
    let mut files = vec![
        file(
            urls::FEED_FILE,
            atom(site, &site.config.title, urls::FEED_FILE, "", &site.listed),
        ),
        file(urls::RSS_FILE, rss(site)),
        file("sitemap.xml", sitemap(site)),
        file("robots.txt", robots(site)),
    ];
    for (index, category) in site.config.categories.iter().enumerate() {
        let title = format!("{} — {}", category.name, site.config.title);
        let feed = atom(
            site,
            &title,
            &urls::category_feed_path(&category.slug),
            &urls::category_path(&category.slug),
            &site.categories[index],
        );
        files.push(file(&urls::category_feed_path(&category.slug), feed));
    }
    files
}

/// Whether a feed shows the article at `index` (feeds show the newest
/// `FEED_ENTRIES` of the site and of each category).
pub fn shows(site: &Site, index: usize) -> bool {
    let newest = |list: &[usize]| list.iter().take(FEED_ENTRIES).any(|&at| at == index);
    newest(&site.listed) || site.categories.iter().any(|list| newest(list))
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0
/// cannot hold (control characters pasted from old documents).
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Escapes plain text for a place where readers expect HTML.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn rfc3339(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339()
}

fn epoch() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
}

/// An Atom feed of the newest `FEED_ENTRIES` of `articles`.
pub fn atom(
    site: &Site,
    title: &str,
    self_path: &str,
    alternate_path: &str,
    articles: &[usize],
) -> String {
    let config = &site.config;
    let base = &config.base_url;
    let updated = articles
        .iter()
        .take(FEED_ENTRIES)
        .map(|&index| {
            site.articles[index]
                .updated
                .unwrap_or(site.articles[index].date)
        })
        .max()
        .unwrap_or_else(epoch);
    let mut xml = String::with_capacity(4096 + articles.len().min(FEED_ENTRIES) * 2048);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\" xml:base=\"{base}\">\n<title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n<link href=\"{self_url}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{alternate}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{alternate}</id>\n<updated>{updated}</updated>\n<author><name>{site_title}</name></author>\n<generator>bantin</generator>\n",
        lang = escape_xml(&config.language),
        base = escape_xml(&base.absolute("")),
        title = escape_xml(title),
        subtitle = escape_xml(&config.description),
        self_url = escape_xml(&base.absolute(self_path)),
        alternate = escape_xml(&base.absolute(alternate_path)),
        updated = rfc3339(&updated),
        site_title = escape_xml(&config.title),
    );
    for &index in articles.iter().take(FEED_ENTRIES) {
        let article = &site.articles[index];
        let category = &config.categories[article.category];
        let permalink = base.absolute(&article.path);
        let author = article
            .author
            .as_deref()
            .or(article.department.as_deref())
            .unwrap_or(&config.title);
        let _ = write!(
            xml,
            "<entry>\n<title>{title}</title>\n<link href=\"{link}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{link}</id>\n<published>{published}</published>\n<updated>{updated}</updated>\n<author><name>{author}</name></author>\n<category term=\"{term}\" label=\"{label}\"/>\n<summary type=\"text\">{summary}</summary>\n<content type=\"html\">{content}</content>\n</entry>\n",
            title = escape_xml(&article.title),
            link = escape_xml(&permalink),
            published = rfc3339(&article.date),
            updated = rfc3339(&article.updated.unwrap_or(article.date)),
            author = escape_xml(author),
            term = escape_xml(&category.slug),
            label = escape_xml(&category.name),
            summary = escape_xml(&article.summary),
            content = escape_xml(&article.html),
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// The site's RSS 2.0 feed.
pub fn rss(site: &Site) -> String {
    let config = &site.config;
    let base = &config.base_url;
    let updated = site.last_updated().unwrap_or_else(epoch);
    let mut xml = String::with_capacity(4096);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>{title}</title>\n<link>{home}</link>\n<description>{description}</description>\n<language>{lang}</language>\n<lastBuildDate>{updated}</lastBuildDate>\n<atom:link href=\"{self_url}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        title = escape_xml(&config.title),
        home = escape_xml(&base.absolute("")),
        description = escape_xml(&escape_html(if config.description.is_empty() {
            &config.title
        } else {
            &config.description
        })),
        lang = escape_xml(&config.language),
        updated = updated.to_rfc2822(),
        self_url = escape_xml(&base.absolute(urls::RSS_FILE)),
    );
    for &index in site.listed.iter().take(FEED_ENTRIES) {
        let article = &site.articles[index];
        let permalink = base.absolute(&article.path);
        let _ = write!(
            xml,
            "<item>\n<title>{title}</title>\n<link>{link}</link>\n<guid isPermaLink=\"true\">{link}</guid>\n<pubDate>{date}</pubDate>\n<category>{category}</category>\n",
            title = escape_xml(&article.title),
            link = escape_xml(&permalink),
            date = article.date.to_rfc2822(),
            category = escape_xml(&config.categories[article.category].name),
        );
        if let Some(author) = article.author.as_deref().or(article.department.as_deref()) {
            let _ = writeln!(xml, "<dc:creator>{}</dc:creator>", escape_xml(author));
        }
        // Readers render an RSS description as HTML: the plain-text summary
        // is escaped as HTML first, then as XML.
        let _ = write!(
            xml,
            "<description>{}</description>\n</item>\n",
            escape_xml(&escape_html(&article.summary))
        );
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// Every indexable page: home, listed articles, pages, categories, tags, archives.
pub fn sitemap(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut entries: Vec<(String, Option<DateTime<FixedOffset>>)> =
        vec![(String::new(), site.last_updated())];
    for &index in &site.listed {
        let article = &site.articles[index];
        if !(article.draft || article.scheduled) {
            entries.push((
                article.path.clone(),
                Some(article.updated.unwrap_or(article.date)),
            ));
        }
    }
    entries.extend(
        site.pages
            .iter()
            .filter(|page| !page.draft)
            .map(|page| (page.path.clone(), None)),
    );
    for (index, category) in site.config.categories.iter().enumerate() {
        let newest = site.categories[index]
            .first()
            .map(|&article| site.articles[article].date);
        entries.push((urls::category_path(&category.slug), newest));
    }
    entries.push((urls::tag_index_path(), None));
    for tag in site.tags.iter().filter(|tag| !tag.articles.is_empty()) {
        entries.push((
            urls::tag_path(&tag.slug),
            tag.articles
                .first()
                .map(|&article| site.articles[article].date),
        ));
    }
    entries.push((urls::archive_path(), None));
    entries.push((urls::reports_path(), None));
    entries.extend(
        site.years
            .iter()
            .map(|year| (urls::archive_year_path(year.year), None)),
    );
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, modified) in entries {
        let _ = write!(xml, "<url><loc>{}</loc>", escape_xml(&base.absolute(&path)));
        if let Some(modified) = modified {
            let _ = write!(xml, "<lastmod>{}</lastmod>", rfc3339(&modified));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.config.base_url.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_drops_invalid_characters() {
        assert_eq!(
            escape_xml("<script>&\"'\u{1}ok"),
            "&lt;script&gt;&amp;&quot;&apos;ok"
        );
    }
}
