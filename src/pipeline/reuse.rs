//! The build pipeline's output stage for `serve`: pages through the page
//! cache and the incremental link check.

use std::path::Path;
use std::sync::Arc;

use super::Cache;
use crate::diagnostics::Diagnostic;
use crate::linkcheck;
use crate::output::{OutputError, OutputFile, Sink};
use crate::publish;
use crate::render::{self, theme::Theme};
use crate::site::Site;

/// What the output stage gives: the counts, the number of pages rendered
/// again, every file (contents shared) and the views, which the fast path keeps.
type Reused = (
    publish::Published,
    usize,
    Vec<OutputFile>,
    Arc<render::views::Views>,
);

/// `serve`'s output stage: pages through the page cache, the other files,
/// the incremental link check, then everything to the sink. Returns the
/// number of pages rendered again and every file (contents shared).
pub(super) fn reuse_and_check(
    root: &Path,
    site: &Arc<Site>,
    theme: &Theme,
    search_url: &str,
    extra: Vec<OutputFile>,
    cache: &mut Cache,
    sink: &dyn Sink,
) -> Result<Reused, Vec<Diagnostic>> {
    let renderer = render::Renderer::new(site, theme, Some(search_url))?;
    let (mut files, stats) = render::render_with_memo(&renderer, &mut cache.memo, cache.key)?;
    let pages: Vec<String> = files.iter().map(|file| file.path.clone()).collect();
    let (others, mut errors) = publish::other_files(root, site, theme, &renderer, extra, &pages);
    files.extend(others);
    errors.extend(linkcheck::incremental::check(
        root,
        site,
        theme,
        &files,
        &stats.rendered_paths,
        &mut cache.links,
    ));
    if !errors.is_empty() {
        return Err(errors);
    }
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let fail = |error: OutputError| vec![Diagnostic::file_error("output", error.to_string())];
    sink.prepare(&paths, site.config.compress).map_err(fail)?;
    let published = publish::Published {
        pages: pages.len(),
        files: files.len(),
        external: Vec::new(),
        external_files: Vec::new(),
        thread_time: publish::ThreadTime::default(),
    };
    let mut kept = Vec::with_capacity(files.len());
    for mut file in files {
        file.contents.share();
        kept.push(file.clone());
        sink.put(file).map_err(fail)?;
    }
    let views = Arc::clone(renderer.views());
    Ok((published, stats.rendered, kept, views))
}
