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

mod errors;
mod labels;
mod locate;
mod output;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use errors::{field_error, missing};
pub use labels::{kind_of, size_label};
use locate::{bundle_files, locate};
pub use output::{body_file_names, body_files, files_dir, output_files};

use crate::diagnostics::Diagnostic;
use crate::frontmatter::ArticleMeta;
use crate::site::{Article, Planned};
use crate::yaml::Segment;

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
