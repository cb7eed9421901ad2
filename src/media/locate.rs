//! Media stage: finding the files front matter names (under `static/` or
//! beside the article) and every file of a bundle folder.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Media, PublishedFile};
use crate::frontmatter::ArticleMeta;
use crate::load::is_ignored_name;
use crate::render::theme::STATIC_DIR;
use crate::site::Planned;

/// Finds a file named in front matter: `/`-rooted under `static/`, else
/// beside the article (then published in the article's folder).
/// Returns its site path and source, or the path looked at.
pub(super) fn locate(
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
pub(super) fn bundle_files(root: &Path, source_dir: &Path, dir: &str) -> Vec<PublishedFile> {
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
