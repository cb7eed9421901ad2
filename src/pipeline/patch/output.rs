//! The fast path's output: the pages that can show the new bodies, the
//! feeds when they show them, the link check of what changed, and the
//! changed files handed to the sink.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use super::Body;
use super::last::{Item, Last, replace_files};
use crate::bidi;
use crate::diagnostics::Diagnostic;
use crate::linkcheck;
use crate::output::{Contents, OutputError, OutputFile, Sink};
use crate::pipeline::Timings;
use crate::render::jobs::Job;
use crate::render::memo::Kind;
use crate::render::{self, feeds};
use crate::site::Site;

/// Renders the pages that can show the new bodies, remakes the feeds when
/// they show them, and checks the links of everything that changed, with a
/// new search index's files (and the old index's paths that are gone).
/// Returns the files to write and the number of pages rendered.
pub(super) fn render_patch(
    root: &Path,
    site: &Arc<Site>,
    last: &mut Last,
    bodies: &[Body],
    (index_files, removed): (Vec<OutputFile>, &[String]),
    cache: &mut crate::pipeline::Cache,
    (timings, at): (&mut Timings, Instant),
) -> Result<(Vec<OutputFile>, usize), Vec<Diagnostic>> {
    let search_changed = !index_files.is_empty();
    let views = Arc::clone(&last.views);
    let renderer = render::Renderer::with_views(views, &last.theme, Some(&last.search_url))?;
    let at = timings.record("templates", at);
    let objects: Vec<(Kind, usize)> = bodies
        .iter()
        .map(|body| match body.item {
            Item::Article(index) => (Kind::Article, index),
            Item::Page(index) => (Kind::Page, index),
        })
        .collect();
    let mut jobs: Vec<Job> = objects
        .iter()
        .map(|&(kind, index)| match kind {
            Kind::Page => Job::Page(index),
            _ => Job::Article(index),
        })
        .collect();
    if !bodies.is_empty() {
        jobs.push(Job::Reports);
    }
    if search_changed {
        jobs.push(Job::Search);
    }
    let (pages, stats) =
        render::render_changed(&renderer, &mut cache.memo, cache.key, &objects, jobs)?;
    let mut written: Vec<OutputFile> = pages
        .into_iter()
        .filter(|file| stats.rendered_paths.contains(&file.path))
        .collect();
    let at = timings.record("render", at);
    let shown_in_feeds = bodies.iter().any(|body| match body.item {
        Item::Article(index) => feeds::shows(site, index),
        Item::Page(_) => false,
    });
    if shown_in_feeds {
        let mut remade = feeds::feeds(site);
        bidi::clean_output(&mut remade);
        written.extend(remade.into_iter().filter(|file| {
            let old = last.by_path.get(&file.path).map(|&at| &last.files[at]);
            old.is_none_or(|old| !same_bytes(&old.contents, &file.contents))
        }));
    }
    written.extend(index_files);
    for file in &mut written {
        file.contents.share();
    }
    let added = written
        .iter()
        .any(|file| !last.by_path.contains_key(&file.path));
    replace_files(last, &written, removed);
    let at = timings.record("feeds", at);
    let errors = if added || !removed.is_empty() {
        let checked = written.iter().map(|file| file.path.clone()).collect();
        linkcheck::incremental::check(
            root,
            site,
            &last.theme,
            &last.files,
            &checked,
            &mut cache.links,
        )
    } else {
        let checked = written
            .iter()
            .filter_map(|file| last.by_path.get(&file.path).copied())
            .collect();
        linkcheck::incremental::check_changed(
            root,
            site,
            &last.theme,
            &last.files,
            &last.by_path,
            &checked,
            &mut cache.links,
        )
    };
    timings.record("links", at);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((written, stats.rendered))
}

fn same_bytes(old: &Contents, new: &Contents) -> bool {
    match (old.read(), new.read()) {
        (Ok(old), Ok(new)) => old == new,
        _ => false,
    }
}

/// Hands the changed files to the sink.
pub(super) fn deliver(
    sink: &dyn Sink,
    files: &[OutputFile],
    site: &Site,
) -> Result<(), Diagnostic> {
    let fail = |error: OutputError| Diagnostic::file_error("output", error.to_string());
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    sink.prepare(&paths, site.config.compress).map_err(fail)?;
    for file in files {
        sink.put(file.clone()).map_err(fail)?;
    }
    Ok(())
}
