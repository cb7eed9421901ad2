//! Benchmark helper (issue #8): converts a bantin site made by `gen-corpus`
//! into the equivalent Hugo site, so both tools build the same content into
//! the same page set and URLs.
//!
//!     cargo run --release --example to-hugo -- CORPUS_DIR HUGO_DIR
//!
//! Articles go to `content/posts/<year>/<slug>.md` with permalinks
//! `/:year/:month/:slug/`; `category` becomes the `categories` taxonomy at
//! `/chuyen-muc/<slug>/`, tags the `tags` taxonomy at `/the/<slug>/`, with
//! bantin's own slugs (Hugo would keep `đ` and other marks in URLs). Layouts
//! come from `bench/hugo-theme/`, CSS and JS from bantin's default theme.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bantin::slug::slugify;
use serde_yaml::{Mapping, Value};

/// The site's time zone offset (Asia/Ho_Chi_Minh has no daylight saving).
const OFFSET: &str = "+07:00";

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [corpus, hugo] = args.as_slice() else {
        eprintln!("usage: cargo run --release --example to-hugo -- CORPUS_DIR HUGO_DIR");
        return ExitCode::from(2);
    };
    match convert(corpus, hugo) {
        Ok(count) => {
            eprintln!("to-hugo: {count} articles -> {}", hugo.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("to-hugo: error: {error}");
            ExitCode::from(1)
        }
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The categories of site.yaml: slug and name, in order.
struct Category {
    slug: String,
    name: String,
    description: String,
}

fn convert(corpus: &Path, hugo: &Path) -> io::Result<usize> {
    if hugo.exists() && hugo.read_dir()?.next().is_some() {
        return Err(invalid(format!(
            "{} exists and is not empty",
            hugo.display()
        )));
    }
    let site: Value = serde_yaml::from_str(&fs::read_to_string(corpus.join("site.yaml"))?)
        .map_err(|error| invalid(format!("site.yaml: {error}")))?;
    let categories = categories(&site);
    let mut tags: BTreeMap<String, String> = BTreeMap::new();
    let mut years: Vec<String> = Vec::new();
    let mut count = 0;
    for path in markdown_files(&corpus.join("content"))? {
        let text = fs::read_to_string(&path)?;
        let (front, body) =
            split(&text).ok_or_else(|| invalid(format!("{}: no front matter", path.display())))?;
        let meta: Value = serde_yaml::from_str(front)
            .map_err(|error| invalid(format!("{}: {error}", path.display())))?;
        let is_page = path.parent().and_then(Path::file_name) == Some("pages".as_ref());
        let (relative, front) = if is_page {
            page(&meta)
        } else {
            count += 1;
            article(&meta, &categories, &mut tags, &mut years)
                .ok_or_else(|| invalid(format!("{}: unexpected front matter", path.display())))?
        };
        write_markdown(&hugo.join("content").join(relative), &front, body)?;
    }
    years.sort();
    years.dedup();
    write_site_pages(hugo, &categories, &tags, &years)?;
    fs::write(hugo.join("config.yaml"), config(&site, &categories)?)?;
    copy_theme(hugo)?;
    Ok(count)
}

fn categories(site: &Value) -> Vec<Category> {
    let text = |item: &Value, key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    site.get("categories")
        .and_then(Value::as_sequence)
        .map(|list| {
            list.iter()
                .map(|item| Category {
                    slug: text(item, "slug"),
                    name: text(item, "name"),
                    description: text(item, "description"),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn markdown_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() && entry.path().extension() == Some("md".as_ref()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some((&rest[..end + 1], &rest[end + 5..]))
}

fn text_of<'a>(meta: &'a Value, key: &str) -> Option<&'a str> {
    meta.get(key).and_then(Value::as_str)
}

/// `2014-09-24` or `2014-09-24 08:27` (site time) -> RFC 3339.
fn rfc3339(date: &str) -> String {
    match date.split_once(' ') {
        Some((day, time)) => format!("{day}T{time}:00{OFFSET}"),
        None => format!("{date}T00:00:00{OFFSET}"),
    }
}

fn article(
    meta: &Value,
    categories: &[Category],
    tags: &mut BTreeMap<String, String>,
    years: &mut Vec<String>,
) -> Option<(PathBuf, Mapping)> {
    let title = text_of(meta, "title")?;
    let date = text_of(meta, "date")?;
    let category = text_of(meta, "category")?;
    let category = categories
        .iter()
        .find(|known| known.slug == category || known.name == category)?;
    let slug = text_of(meta, "slug")
        .map(str::to_string)
        .unwrap_or_else(|| slugify(title));
    let mut front = Mapping::new();
    front.insert("title".into(), title.into());
    front.insert("date".into(), rfc3339(date).into());
    if let Some(updated) = text_of(meta, "updated") {
        front.insert("lastmod".into(), rfc3339(updated).into());
    }
    front.insert("slug".into(), slug.clone().into());
    front.insert(
        "categories".into(),
        Value::Sequence(vec![category.slug.clone().into()]),
    );
    let mut tag_slugs = Vec::new();
    for tag in meta
        .get("tags")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let tag_slug = slugify(tag);
        tags.entry(tag_slug.clone())
            .or_insert_with(|| tag.to_string());
        tag_slugs.push(Value::from(tag_slug));
    }
    front.insert("tags".into(), Value::Sequence(tag_slugs));
    for key in ["author", "department", "summary"] {
        if let Some(value) = text_of(meta, key) {
            front.insert(key.into(), value.into());
        }
    }
    front.insert("role".into(), "article".into());
    if let Some(report) = meta.get("report") {
        front.insert("report".into(), report.clone());
    }
    let year = date.get(..4)?.to_string();
    years.push(year.clone());
    Some((
        PathBuf::from("posts").join(year).join(format!("{slug}.md")),
        front,
    ))
}

fn page(meta: &Value) -> (PathBuf, Mapping) {
    let title = text_of(meta, "title").unwrap_or_default();
    let slug = text_of(meta, "slug")
        .map(str::to_string)
        .unwrap_or_else(|| slugify(title));
    let mut front = standalone(title, &format!("/{slug}/"), "page");
    if let Some(order) = meta.get("menu_order").and_then(Value::as_u64) {
        front.insert("weight".into(), order.into());
    }
    (PathBuf::from("pages").join(format!("{slug}.md")), front)
}

/// Front matter of a standalone page at `url` rendered with `layout`.
fn standalone(title: &str, url: &str, layout: &str) -> Mapping {
    let mut front = Mapping::new();
    front.insert("title".into(), title.into());
    front.insert("url".into(), url.into());
    front.insert("layout".into(), layout.into());
    front.insert("role".into(), layout.into());
    front
}

fn write_markdown(path: &Path, front: &Mapping, body: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let yaml = serde_yaml::to_string(front).map_err(io::Error::other)?;
    fs::write(path, format!("---\n{yaml}---\n{body}"))
}

/// Taxonomy term pages (names, descriptions, feeds), archive and search.
fn write_site_pages(
    hugo: &Path,
    categories: &[Category],
    tags: &BTreeMap<String, String>,
    years: &[String],
) -> io::Result<()> {
    let content = hugo.join("content");
    let mut hidden = Mapping::new();
    hidden.insert("title".into(), "Chuyên mục".into());
    let mut build = Mapping::new();
    build.insert("render".into(), "never".into());
    hidden.insert("_build".into(), Value::Mapping(build));
    write_markdown(&content.join("categories/_index.md"), &hidden, "")?;
    for category in categories {
        let mut front = Mapping::new();
        front.insert("title".into(), category.name.clone().into());
        front.insert("slug".into(), category.slug.clone().into());
        front.insert("description".into(), category.description.clone().into());
        front.insert(
            "outputs".into(),
            Value::Sequence(vec!["HTML".into(), "Atom".into()]),
        );
        let path = content.join(format!("categories/{}/_index.md", category.slug));
        write_markdown(&path, &front, "")?;
    }
    let mut index = Mapping::new();
    index.insert("title".into(), "Tất cả các thẻ".into());
    index.insert("url".into(), "/the/".into());
    write_markdown(&content.join("tags/_index.md"), &index, "")?;
    for (slug, name) in tags {
        let mut front = Mapping::new();
        front.insert("title".into(), name.clone().into());
        front.insert("slug".into(), slug.clone().into());
        write_markdown(&content.join(format!("tags/{slug}/_index.md")), &front, "")?;
    }
    let pages = content.join("pages");
    write_markdown(
        &pages.join("luu-tru.md"),
        &standalone("Lưu trữ", "/luu-tru/", "archive"),
        "",
    )?;
    for year in years {
        let mut front = standalone(
            &format!("Lưu trữ năm {year}"),
            &format!("/luu-tru/{year}/"),
            "archive-year",
        );
        front.insert("year".into(), year.clone().into());
        write_markdown(&pages.join(format!("luu-tru-{year}.md")), &front, "")?;
    }
    write_markdown(
        &pages.join("tim-kiem.md"),
        &standalone("Tìm kiếm", "/tim-kiem/", "search"),
        "",
    )
}

/// Hugo's config: same base URL, page size, URLs, feeds and menu.
fn config(site: &Value, categories: &[Category]) -> io::Result<String> {
    let get = |key: &str| site.get(key).cloned().unwrap_or(Value::Null);
    let paginate = site.get("paginate").and_then(Value::as_u64).unwrap_or(10);
    let menu: Vec<String> = site
        .get("menu")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(index, item)| {
            format!(
                "    - {{name: {}, url: {}, weight: {}}}",
                yaml_text(item.get("name")),
                yaml_text(item.get("url")),
                index + 1
            )
        })
        .collect();
    let category_list: Vec<String> = categories
        .iter()
        .map(|category| {
            format!(
                "    - {{slug: {}, name: {}}}",
                category.slug,
                serde_yaml::to_string(&category.name)
                    .unwrap_or_default()
                    .trim()
            )
        })
        .collect();
    let extra = serde_yaml::to_string(&get("extra")).map_err(io::Error::other)?;
    let extra: String = extra.lines().map(|line| format!("    {line}\n")).collect();
    Ok(format!(
        r#"# Generated by examples/to-hugo.rs from the bantin corpus.
baseURL: {base_url}
languageCode: vi
defaultContentLanguage: vi
title: {title}
theme: hugo-theme
paginate: {paginate}
paginatePath: trang
disableKinds: [section]
enableRobotsTXT: true
permalinks:
  posts: /:year/:month/:slug/
  categories: /chuyen-muc/:slug/
  tags: /the/:slug/
taxonomies:
  category: categories
  tag: tags
related:
  includeNewer: true
  threshold: 1
  toLower: false
  indices:
    - {{name: tags, weight: 100}}
    - {{name: date, weight: 10}}
mediaTypes:
  application/atom+xml:
    suffixes: [xml]
outputFormats:
  Atom:
    mediaType: application/atom+xml
    baseName: feed
    rel: alternate
  RSS:
    baseName: rss
outputs:
  home: [HTML, Atom, RSS]
  page: [HTML]
  term: [HTML]
  taxonomy: [HTML]
menu:
  main:
{menu}
params:
  # .Related is quadratic in Hugo 0.111 with big tags; bench/run --hugo-related turns it on.
  related: false
  description: {description}
  categories:
{categories}
  extra:
{extra}"#,
        base_url = yaml_text(site.get("base_url")),
        title = yaml_text(site.get("title")),
        description = yaml_text(site.get("description")),
        menu = menu.join("\n"),
        categories = category_list.join("\n"),
    ))
}

fn yaml_text(value: Option<&Value>) -> String {
    let text = value.and_then(Value::as_str).unwrap_or_default();
    serde_yaml::to_string(text)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `bench/hugo-theme/` and bantin's CSS and JS, copied into the Hugo site.
fn copy_theme(hugo: &Path) -> io::Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(
        &repo.join("bench/hugo-theme"),
        &hugo.join("themes/hugo-theme"),
    )?;
    copy_tree(&repo.join("themes/default/static"), &hugo.join("static"))
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
