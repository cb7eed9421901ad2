//! Link checks for `serve`: only the pages a rebuild rendered again (and the
//! few files that are regenerated every time: feeds, sitemap, style sheets,
//! redirect pages) are scanned; the findings of the others are kept from the
//! previous check. When the set of published paths changes, everything is
//! checked again; when a page's ids change, the pages linking to its
//! `#fragment`s are checked again. The diagnostics are those a full check
//! would give.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::attribute::Origins;
use super::resolve::Resolver;
use super::scan::Reference;
use super::{Finding, Pages, Problem, check_file, report, scan_file};
use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::render::theme::Theme;
use crate::site::Site;

/// What was found on one page at its last check.
#[derive(Debug, Clone, Default)]
pub struct CheckedPage {
    pub ids: Vec<String>,
    findings: Vec<(Reference<'static>, Problem)>,
    /// Pages whose `#fragment`s this page links to.
    anchored: Vec<String>,
}

/// The last check's results, by output path.
#[derive(Debug, Default)]
pub struct LinkCache {
    paths: u64,
    pages: HashMap<String, CheckedPage>,
}

/// Checks the output, scanning only `rendered` pages and files that are not
/// reused pages; returns the diagnostics of the whole output.
pub fn check(
    root: &Path,
    site: &Site,
    theme: &Theme,
    files: &[OutputFile],
    rendered: &HashSet<String>,
    cache: &mut LinkCache,
) -> Vec<Diagnostic> {
    let mut sorted: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    sorted.sort_unstable();
    let paths = crate::render::memo::signature(&sorted);
    let full = cache.paths != paths;
    let dirty: HashSet<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, file)| {
            full || !matches!(file.contents, Contents::Shared(_))
                || rendered.contains(&file.path)
                || !cache.pages.contains_key(&file.path)
        })
        .map(|(index, _)| index)
        .collect();
    let all_paths: HashSet<&str> = sorted.iter().copied().collect();
    let resolver = Resolver::new(&site.config.base_url, &all_paths);
    let by_path: std::cell::OnceCell<HashMap<&str, usize>> = std::cell::OnceCell::new();
    let index_of = |path: &str| {
        by_path
            .get_or_init(|| {
                files
                    .iter()
                    .enumerate()
                    .map(|(index, file)| (file.path.as_str(), index))
                    .collect()
            })
            .get(path)
            .copied()
    };
    check_with_anchors(&resolver, files, dirty, &index_of, cache);
    cache
        .pages
        .retain(|path, _| all_paths.contains(path.as_str()));
    cache.paths = paths;
    diagnostics(root, site, theme, files, cache)
}

/// Checks the files at `changed` (indices into `files`) when the output
/// paths are those of the last check (`by_path` finds each file's index):
/// the other pages keep their findings, and pages linking to `#fragment`s of
/// a page whose ids changed are checked again. Returns the diagnostics of
/// the whole output.
pub fn check_changed(
    root: &Path,
    site: &Site,
    theme: &Theme,
    files: &[OutputFile],
    by_path: &crate::render::memo::FastMap<String, usize>,
    changed: &HashSet<usize>,
    cache: &mut LinkCache,
) -> Vec<Diagnostic> {
    let resolver = Resolver::over(&site.config.base_url, by_path);
    let index_of = |path: &str| by_path.get(path).copied();
    check_with_anchors(&resolver, files, changed.clone(), &index_of, cache);
    diagnostics(root, site, theme, files, cache)
}

/// Checks the files at `dirty`, then, as long as some page's ids changed,
/// the pages linking to its `#fragment`s (`index_of` finds a path's file).
fn check_with_anchors(
    resolver: &Resolver,
    files: &[OutputFile],
    mut dirty: HashSet<usize>,
    index_of: &dyn Fn(&str) -> Option<usize>,
    cache: &mut LinkCache,
) {
    let mut changed_ids = check_files(resolver, files, &dirty, cache);
    while !changed_ids.is_empty() {
        let again: HashSet<usize> = cache
            .pages
            .iter()
            .filter(|(_, page)| {
                page.anchored
                    .iter()
                    .any(|target| changed_ids.contains(target))
            })
            .filter_map(|(path, _)| index_of(path))
            .filter(|index| !dirty.contains(index))
            .collect();
        if again.is_empty() {
            break;
        }
        dirty.extend(again.iter().copied());
        changed_ids = check_files(resolver, files, &again, cache);
    }
}

/// The diagnostics of the findings kept for every file.
fn diagnostics(
    root: &Path,
    site: &Site,
    theme: &Theme,
    files: &[OutputFile],
    cache: &LinkCache,
) -> Vec<Diagnostic> {
    if cache.pages.values().all(|page| page.findings.is_empty()) {
        return Vec::new();
    }
    let findings: Vec<Finding> = files
        .iter()
        .enumerate()
        .flat_map(|(index, file)| {
            cache
                .pages
                .get(&file.path)
                .into_iter()
                .flat_map(move |page| {
                    page.findings
                        .iter()
                        .map(move |(reference, problem)| Finding {
                            file: index,
                            reference: reference.clone(),
                            problem: problem.clone(),
                        })
                })
        })
        .collect();
    report(&Origins::new(root, site, theme), files, &findings)
}

/// Scans and checks the files at `indices`, updating the cache; returns the
/// paths whose ids changed.
fn check_files(
    resolver: &Resolver,
    files: &[OutputFile],
    indices: &HashSet<usize>,
    cache: &mut LinkCache,
) -> HashSet<String> {
    let mut order: Vec<usize> = indices.iter().copied().collect();
    order.sort_unstable();
    let scans: Vec<(usize, super::scan::Scanned)> = order
        .par_iter()
        .filter_map(|&index| scan_file(&files[index]).map(|scanned| (index, scanned)))
        .collect();
    let pages = Pages {
        files,
        scans: &scans,
        by_path: scans
            .iter()
            .enumerate()
            .map(|(at, (index, _))| (files[*index].path.as_str(), at))
            .collect(),
        kept: Some(&cache.pages),
        defer: false,
    };
    let results: Vec<(usize, CheckedPage)> = scans
        .par_iter()
        .map(|(index, scanned)| {
            let (findings, _, anchored, _) = check_file(resolver, &pages, *index, scanned);
            let page = CheckedPage {
                ids: scanned.ids.iter().map(|id| id.to_string()).collect(),
                findings: findings
                    .into_iter()
                    .map(|finding| (finding.reference, finding.problem))
                    .collect(),
                anchored,
            };
            (*index, page)
        })
        .collect();
    let mut changed_ids = HashSet::new();
    for (index, page) in results {
        let path = &files[index].path;
        if cache.pages.get(path).is_some_and(|old| old.ids != page.ids) {
            changed_ids.insert(path.clone());
        }
        cache.pages.insert(path.clone(), page);
    }
    changed_ids
}
