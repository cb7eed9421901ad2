//! Rebuilds for `bantin serve`: an incremental `pipeline::Builder` (which
//! reuses unchanged files, bodies and pages) and the last build's files as a
//! map the HTTP threads share.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::output::Contents;
use crate::pipeline::{BuildOptions, Builder};
use crate::progress::Progress;

/// Files of a build by output path, shared with the HTTP threads.
pub type Files = Arc<HashMap<Arc<str>, Arc<Contents>>>;

/// The result of one successful rebuild.
pub struct Outcome {
    pub files: Files,
    /// HTML pages in the build.
    pub pages: usize,
    /// Pages rendered by this rebuild (the others were reused).
    pub rendered: usize,
    /// Stylesheet URLs before and after (equal when the name did not change).
    pub css_swaps: Vec<(String, String)>,
    pub timings: crate::pipeline::Timings,
    /// The search index is still the previous one; `finish_search` updates it.
    pub search_pending: bool,
    /// The rebuild took the fast path for body edits (`pipeline::patch`).
    pub patched: bool,
}

/// Keeps the state between rebuilds.
pub struct Engine {
    builder: Builder,
    files: Files,
    /// HTML pages in `files`.
    pages: usize,
    /// Counts rebuilds, to tell an index built apart for an older site.
    generation: u64,
}

/// A search index to build away from the rebuild thread (`run`), so that
/// the next save does not wait for it; `Engine::install_search` takes the
/// result.
pub struct SearchJob {
    site: Arc<crate::site::Site>,
    generation: u64,
}

/// An index built by a `SearchJob`.
pub struct SearchBuilt {
    index: crate::search::Reusable,
    generation: u64,
}

impl SearchJob {
    /// Builds the index in its own thread pool (`search::pool`): the
    /// rebuilds' work in the global pool never queues behind it.
    pub fn run(self) -> SearchBuilt {
        let build = || crate::search::build_reusable(&self.site);
        let index = match crate::search::pool() {
            Some(pool) => pool.install(build),
            None => build(),
        };
        SearchBuilt {
            index,
            generation: self.generation,
        }
    }
}

impl Engine {
    pub fn new(options: BuildOptions) -> Self {
        let mut builder = Builder::incremental(options);
        builder.defer_search = true;
        Engine {
            builder,
            files: Arc::new(HashMap::new()),
            pages: 0,
            generation: 0,
        }
    }

    /// The search index to build when the last rebuild deferred it.
    pub fn search_job(&self) -> Option<SearchJob> {
        let site = self.builder.stale_search()?;
        Some(SearchJob {
            site,
            generation: self.generation,
        })
    }

    /// Publishes an index built by a `SearchJob` with the search page, like
    /// `finish_search`; `None` when a rebuild came in between (the index is
    /// of an older site: start another job).
    pub fn install_search(
        &mut self,
        built: SearchBuilt,
    ) -> Option<Result<Outcome, Vec<Diagnostic>>> {
        if built.generation != self.generation {
            return None;
        }
        self.builder.set_search_index(built.index);
        Some(self.finish_search())
    }

    /// Brings the search page and index up to date after a rebuild that
    /// deferred them (nothing else changes: no source is read again).
    pub fn finish_search(&mut self) -> Result<Outcome, Vec<Diagnostic>> {
        self.builder.defer_search = false;
        let outcome = self.build(Some(&BTreeSet::new()));
        self.builder.defer_search = true;
        outcome
    }

    /// Rebuilds after `changed` source paths (all of them when `None`).
    pub fn rebuild(
        &mut self,
        changed: Option<&BTreeSet<PathBuf>>,
    ) -> Result<Outcome, Vec<Diagnostic>> {
        self.generation += 1;
        self.build(changed)
    }

    fn build(&mut self, changed: Option<&BTreeSet<PathBuf>>) -> Result<Outcome, Vec<Diagnostic>> {
        let built = self.builder.build(changed, &Progress::hidden())?;
        let rendered = built.rendered;
        let search_pending = built.search_pending;
        let patched = built.partial.is_some();
        let new_files = built
            .files
            .into_iter()
            .map(|file| (Arc::from(file.path), Arc::new(file.contents)));
        let (files, css_swaps) = match built.partial {
            // The fast path hands over changed pages, feeds and search
            // files: no page or stylesheet comes or goes.
            Some(partial) => {
                // Paths are shared (`Arc<str>`), so this copies no string:
                // a site of 50,000 articles has about 130,000 files, whose
                // map took 17-32 ms to copy with `String` paths against
                // 7-11 ms with shared ones (a standalone measurement).
                let mut files = (*self.files).clone();
                for path in &partial.removed {
                    files.remove(path.as_str());
                }
                files.extend(new_files);
                (files, Vec::new())
            }
            None => {
                let files: HashMap<Arc<str>, Arc<Contents>> = new_files.collect();
                self.pages = files.keys().filter(|path| path.ends_with(".html")).count();
                let swaps = css_swaps(&self.files, &files);
                (files, swaps)
            }
        };
        self.files = Arc::new(files);
        Ok(Outcome {
            files: Arc::clone(&self.files),
            pages: self.pages,
            rendered,
            css_swaps,
            timings: built.timings,
            search_pending,
            patched,
        })
    }
}

/// Pairs old and new stylesheet URLs that share a logical name
/// (`style.3f2a1c9e.css` and `style.77ab01cd.css` are both `style.css`).
fn css_swaps(
    old: &HashMap<Arc<str>, Arc<Contents>>,
    new: &HashMap<Arc<str>, Arc<Contents>>,
) -> Vec<(String, String)> {
    let mut swaps: Vec<(String, String)> = old
        .keys()
        .filter(|path| path.ends_with(".css"))
        .filter_map(|old_path| {
            let name = logical_name(old_path);
            let new_path = new
                .keys()
                .find(|path| path.ends_with(".css") && logical_name(path) == name)?;
            Some((format!("/{old_path}"), format!("/{new_path}")))
        })
        .collect();
    swaps.sort();
    swaps
}

/// A path without its content-hash segment: `a/style.3f2a1c9e.css` -> `a/style.css`.
pub fn logical_name(path: &str) -> String {
    let Some((stem, extension)) = path.rsplit_once('.') else {
        return path.to_string();
    };
    match stem.rsplit_once('.') {
        Some((base, hash)) if hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            format!("{base}.{extension}")
        }
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_names_drop_the_hash() {
        assert_eq!(
            logical_name("assets/style.3f2a1c9e.css"),
            "assets/style.css"
        );
        assert_eq!(logical_name("assets/style.css"), "assets/style.css");
        assert_eq!(logical_name("assets/print.v2.css"), "assets/print.v2.css");
    }
}
