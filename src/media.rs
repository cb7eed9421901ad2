//! Media stage: each article's attachments, cover image and page-bundle
//! files -> the files to publish with it (copied, never loaded into memory),
//! their sizes and types, the cover's pixel size; a missing or unreadable
//! file is an error at the front-matter field that names it.
//!
//! Where files go: a file beside the article (`content/2014/bao-cao.pdf`
//! next to `content/2014/x.md`, or anything inside a bundle folder
//! `content/2014/x/` holding `index.md`) is published in the article's own
//! URL folder (`/2014/09/x/bao-cao.pdf`); a `/`-rooted name
//! (`/van-ban/qd-12.pdf`) is a file of the site's `static/` folder, which is
//! published as it is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::frontmatter::ArticleMeta;
use crate::load::is_ignored_name;
use crate::output::{Contents, OutputFile};
use crate::render::theme::STATIC_DIR;
use crate::site::{Article, Planned, Site};
use crate::vietnamese::format_decimal;
use crate::yaml::{Locator, Segment, Target};

/// An attachment, found and measured.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttachmentFile {
    pub title: String,
    /// Site path of the published file (`2014/09/x/bao-cao.pdf`).
    pub path: String,
    /// `PDF`, `Word`, `Excel`, ... from the file name.
    pub kind: String,
    pub bytes: u64,
}

/// A cover image, found and measured.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageFile {
    pub path: String,
    pub width: usize,
    pub height: usize,
}

/// One file to copy into the output.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublishedFile {
    pub source: PathBuf,
    pub path: String,
}

/// Everything an article publishes besides its page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Media {
    pub attachments: Vec<AttachmentFile>,
    pub image: Option<ImageFile>,
    pub files: Vec<PublishedFile>,
}

/// Media of every planned article, keyed by source path, and the problems found.
pub fn resolve(
    root: &Path,
    articles: &[Planned<ArticleMeta>],
) -> (BTreeMap<PathBuf, Media>, Vec<Diagnostic>) {
    let results: Vec<(PathBuf, Media, Vec<Diagnostic>)> = articles
        .par_iter()
        .map(|planned| {
            let (media, problems) = resolve_article(root, planned);
            (planned.source.clone(), media, problems)
        })
        .collect();
    let mut all = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for (source, media, problems) in results {
        all.insert(source, media);
        diagnostics.extend(problems);
    }
    (all, diagnostics)
}

/// Gives each article its media.
pub fn attach(articles: &mut [Article], mut media: BTreeMap<PathBuf, Media>) {
    for article in articles {
        article.media = media.remove(&article.source).unwrap_or_default();
    }
}

/// The files every article publishes, in article order.
pub fn output_files(articles: &[Article]) -> Vec<OutputFile> {
    let mut seen = std::collections::BTreeSet::new();
    articles
        .iter()
        .flat_map(|article| &article.media.files)
        .filter(|file| seen.insert(file.path.clone()))
        .map(|file| OutputFile {
            path: file.path.clone(),
            contents: Contents::Copy(file.source.clone()),
        })
        .collect()
}

/// Files that article and page bodies link to by a relative name
/// (`[báo cáo](bao-cao.pdf)`, `![ảnh](anh.jpg)`), published beside the page
/// because the browser resolves the name against the page's URL. A name that
/// leaves the source folder, names Markdown, or does not exist is left alone;
/// the link checker then reports it at its body line.
pub fn body_files(root: &Path, site: &Site, published: &BTreeSet<String>) -> Vec<OutputFile> {
    let mut seen = BTreeSet::new();
    let owners = site
        .articles
        .iter()
        .map(|article| (&article.source_dir, article.path.as_str(), &article.links))
        .chain(
            site.pages
                .iter()
                .map(|page| (&page.source_dir, page.path.as_str(), &page.links)),
        );
    let mut files = Vec::new();
    for (source_dir, page_path, links) in owners {
        for link in links {
            let Some((name, file)) = body_file(root, source_dir, &link.url) else {
                continue;
            };
            let path = crate::site::urls::beside(page_path, &name);
            if !published.contains(&path) && seen.insert(path.clone()) {
                files.push(OutputFile {
                    path,
                    contents: Contents::Copy(root.join(file)),
                });
            }
        }
    }
    files
}

/// A body link to a file beside the source: relative, inside, not Markdown.
fn body_file(root: &Path, source_dir: &Path, link: &str) -> Option<(String, PathBuf)> {
    let path = link.split(['#', '?']).next().unwrap_or_default();
    let relative = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(':')
        && !path.ends_with('/')
        && !path.ends_with(".md");
    if !relative {
        return None;
    }
    let name = crate::site::links::percent_decode(path);
    let inside = Path::new(&name)
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    let file = source_dir.join(&name);
    (inside && root.join(&file).is_file()).then_some((name, file))
}

/// The site folder where an article's own files are published: its page's
/// folder (`2014/09/x/`), or for file permalinks (`x.html`) `x/`.
pub fn files_dir(article_path: &str) -> String {
    if article_path.is_empty() || article_path.ends_with('/') {
        return article_path.to_string();
    }
    let (folder, last) = match article_path.rsplit_once('/') {
        Some((folder, last)) => (format!("{folder}/"), last),
        None => (String::new(), article_path),
    };
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    format!("{folder}{stem}/")
}

fn resolve_article(root: &Path, planned: &Planned<ArticleMeta>) -> (Media, Vec<Diagnostic>) {
    let dir = files_dir(&planned.path);
    let mut media = Media::default();
    let mut problems = Vec::new();
    if planned.is_bundle {
        media.files = bundle_files(root, &planned.source_dir, &dir);
    }
    let meta = &planned.meta;
    for (index, attachment) in meta.attachments.iter().enumerate() {
        let field = [
            Segment::Key("attachments".into()),
            Segment::Index(index),
            Segment::Key("file".into()),
        ];
        match locate(root, planned, &attachment.file, &dir, &mut media) {
            Ok((path, source)) => media.attachments.push(AttachmentFile {
                title: attachment.title.clone(),
                kind: kind_of(&attachment.file),
                bytes: std::fs::metadata(&source).map_or(0, |meta| meta.len()),
                path,
            }),
            Err(looked) => problems.push(missing(root, planned, &field, &attachment.file, &looked)),
        }
    }
    if let Some(image) = &meta.image {
        let field = [Segment::Key("image".into())];
        match locate(root, planned, image, &dir, &mut media) {
            Ok((path, source)) => match imagesize::size(&source) {
                Ok(size) => {
                    media.image = Some(ImageFile {
                        path,
                        width: size.width,
                        height: size.height,
                    })
                }
                Err(_) => problems.push(
                    field_error(
                        root,
                        planned,
                        &field,
                        format!("cover image \"{image}\" is not a picture bantin can read"),
                    )
                    .with_hint("use a JPEG, PNG, GIF or WebP file"),
                ),
            },
            Err(looked) => problems.push(missing(root, planned, &field, image, &looked)),
        }
    }
    (media, problems)
}

/// Finds a file named in front matter: `/`-rooted under `static/`, else
/// beside the article (then published in the article's folder).
/// Returns its site path and source, or the path looked at.
fn locate(
    root: &Path,
    planned: &Planned<ArticleMeta>,
    name: &str,
    dir: &str,
    media: &mut Media,
) -> Result<(String, PathBuf), PathBuf> {
    let name = name.trim();
    let confined = |source: &Path| crate::confine::Confinement::for_site(root).allows(source);
    if let Some(rooted) = name.strip_prefix('/') {
        let shown = Path::new(STATIC_DIR).join(rooted);
        let source = root.join(&shown);
        return if source.is_file() && confined(&source) {
            Ok((rooted.to_string(), source))
        } else {
            Err(shown)
        };
    }
    let relative = name.trim_start_matches("./");
    let shown = planned.source_dir.join(relative);
    let source = root.join(&shown);
    if !source.is_file() || !confined(&source) {
        return Err(shown);
    }
    let path = format!("{dir}{relative}");
    if !media.files.iter().any(|file| file.path == path) {
        media.files.push(PublishedFile {
            source: source.clone(),
            path: path.clone(),
        });
    }
    Ok((path, source))
}

/// Every file of a bundle folder except Markdown and editor droppings.
fn bundle_files(root: &Path, source_dir: &Path, dir: &str) -> Vec<PublishedFile> {
    let folder = root.join(source_dir);
    let walker = WalkDir::new(&folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !is_ignored_name(&entry.file_name().to_string_lossy())
        });
    walker
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| {
            !entry
                .path()
                .extension()
                .is_some_and(|extension| extension == "md" || extension == "markdown")
        })
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(&folder).ok()?;
            let relative = relative.to_string_lossy().replace('\\', "/");
            Some(PublishedFile {
                path: format!("{dir}{relative}"),
                source: entry.into_path(),
            })
        })
        .collect()
}

fn missing(
    root: &Path,
    planned: &Planned<ArticleMeta>,
    field: &[Segment],
    name: &str,
    looked: &Path,
) -> Diagnostic {
    let what = if field.len() == 1 {
        "cover image"
    } else {
        "attachment"
    };
    if root.join(looked).exists() {
        let message = crate::confine::Confinement::message(looked);
        return field_error(
            root,
            planned,
            field,
            format!("{what} \"{name}\": {message}"),
        )
        .with_hint("copy the file into the site instead of linking to it");
    }
    field_error(
        root,
        planned,
        field,
        format!(
            "{what} \"{name}\" not found ({} does not exist)",
            looked.display()
        ),
    )
    .with_hint(
        "put the file beside the article (or in its bundle folder), or write /path for a file under static/",
    )
}

/// An error at the front-matter field `field` of the article's file.
fn field_error(
    root: &Path,
    planned: &Planned<ArticleMeta>,
    field: &[Segment],
    message: String,
) -> Diagnostic {
    let message = format!("{}: {message}", crate::yaml::path_name(field));
    let text = std::fs::read_to_string(root.join(&planned.source)).unwrap_or_default();
    let text = text.replace("\r\n", "\n");
    let Some(yaml) = front_matter(&text) else {
        return Diagnostic::file_error(&planned.source, message);
    };
    let position = Locator::new(yaml).find(field, Target::Value);
    Diagnostic::at(
        &planned.source,
        &text,
        position.line + 1,
        position.column,
        message,
    )
    .with_width(position.width)
}

/// The YAML between the opening and closing `---` lines.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some(&rest[..offset]);
        }
        offset += line.len();
    }
    None
}

/// The document type shown in attachment lists.
pub fn kind_of(file: &str) -> String {
    let extension = Path::new(file)
        .extension()
        .map(|extension| extension.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "doc" | "docx" | "odt" | "rtf" => "Word".to_string(),
        "xls" | "xlsx" | "ods" | "csv" => "Excel".to_string(),
        "ppt" | "pptx" | "odp" => "PowerPoint".to_string(),
        "jpg" | "jpeg" => "JPEG".to_string(),
        other => other.to_uppercase(),
    }
}

/// A file size the Vietnamese way: `850 KB`, `1,2 MB` (1 KB = 1024 bytes).
pub fn size_label(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * 1024 * 1024;
    let scaled = |unit: u64, places: u32| {
        let value = Decimal::from(bytes) / Decimal::from(unit);
        format_decimal(value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero))
    };
    match bytes {
        0..KIB => format!("{} B", format_decimal(Decimal::from(bytes))),
        KIB..MIB => format!("{} KB", scaled(KIB, 0)),
        MIB..GIB => format!("{} MB", scaled(MIB, 1)),
        _ => format!("{} GB", scaled(GIB, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_vietnamese_decimal_commas() {
        assert_eq!(size_label(0), "0 B");
        assert_eq!(size_label(1023), "1.023 B");
        assert_eq!(size_label(1024), "1 KB");
        assert_eq!(size_label(870_400), "850 KB");
        assert_eq!(size_label(1_258_291), "1,2 MB");
        assert_eq!(size_label(3 * 1024 * 1024), "3 MB");
        assert_eq!(size_label(5 * 1024 * 1024 * 1024 / 2), "2,5 GB");
    }

    #[test]
    fn document_types_come_from_the_file_name() {
        assert_eq!(kind_of("bao-cao.pdf"), "PDF");
        assert_eq!(kind_of("Ke-hoach.DOCX"), "Word");
        assert_eq!(kind_of("so-lieu.xlsx"), "Excel");
        assert_eq!(kind_of("README"), "");
    }

    #[test]
    fn files_go_into_the_article_folder() {
        assert_eq!(files_dir("2014/09/x/"), "2014/09/x/");
        assert_eq!(
            files_dir("khuyen-cong/2014-09-24-x.html"),
            "khuyen-cong/2014-09-24-x/"
        );
        assert_eq!(files_dir("x.html"), "x/");
    }
}
