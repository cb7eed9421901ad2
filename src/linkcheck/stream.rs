//! Link checks while the output streams to its sink (`build`, `check`):
//! each file is scanned as it goes by and checked against the set of every
//! published path, which is known before the first page renders; links to a
//! `#fragment` of another page wait until every page has gone by. Only the
//! findings, the ids of pages and those waiting links are kept — never the
//! pages themselves. The diagnostics are those of a check of the whole output.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use super::attribute::Origins;
use super::resolve::Resolver;
use super::scan::Reference;
use super::{
    Checked, Deferred, ExternalLink, Finding, Pages, Problem, check_file, report, scan_file,
};
use crate::output::{Contents, OutputFile};
use crate::render::memo::signature;
use crate::render::theme::Theme;
use crate::site::Site;

/// The state of one streaming check.
pub struct Stream<'a> {
    root: &'a Path,
    site: &'a Site,
    theme: &'a Theme,
    resolver: Resolver<'a>,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// (hash of the page's path, hash of the id) of every id seen.
    ids: HashSet<(u64, u64)>,
    findings: Vec<(String, Reference<'static>, Problem)>,
    deferred: Vec<(String, Deferred)>,
    /// External URL -> the first place it was found (path, offset order).
    external: BTreeMap<String, (String, Reference<'static>)>,
    /// Files that are not pages and had findings: reports quote their lines.
    quoted: HashMap<String, OutputFile>,
}

impl<'a> Stream<'a> {
    /// A check against `paths`, every path the output will hold.
    pub fn new(
        root: &'a Path,
        site: &'a Site,
        theme: &'a Theme,
        paths: &'a HashSet<&'a str>,
    ) -> Self {
        Stream {
            root,
            site,
            theme,
            resolver: Resolver::new(&site.config.base_url, paths),
            kept: Mutex::default(),
        }
    }

    /// Scans and checks one output file.
    pub fn check(&self, file: &OutputFile) {
        let Some(scanned) = scan_file(file) else {
            return;
        };
        let scans = [(0, scanned)];
        let pages = Pages {
            files: std::slice::from_ref(file),
            scans: &scans,
            by_path: HashMap::from([(file.path.as_str(), 0)]),
            kept: None,
            defer: true,
        };
        let scanned = &scans[0].1;
        let (findings, external, _, deferred) = check_file(&self.resolver, &pages, 0, scanned);
        let page = signature(file.path.as_str());
        let ids: Vec<(u64, u64)> = scanned
            .ids
            .iter()
            .map(|id| (page, signature(id.as_ref())))
            .collect();
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        kept.ids.extend(ids);
        if !findings.is_empty() && !matches!(file.contents, Contents::Copy(_)) {
            kept.quoted.insert(file.path.clone(), file.clone());
        }
        kept.findings.extend(
            findings
                .into_iter()
                .map(|finding| (file.path.clone(), finding.reference, finding.problem)),
        );
        kept.deferred
            .extend(deferred.into_iter().map(|link| (file.path.clone(), link)));
        for (url, at) in external {
            let reference = scanned.references[at].clone().into_owned();
            let place = (file.path.clone(), reference);
            let earlier = kept
                .external
                .get(&url)
                .is_some_and(|(path, first)| (path, first.offset) <= (&place.0, place.1.offset));
            if !earlier {
                kept.external.insert(url, place);
            }
        }
    }

    /// Checks the waiting fragment links and reports every finding.
    pub fn finish(self) -> Checked {
        let kept = self
            .kept
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut found = kept.findings;
        for (from, link) in kept.deferred {
            if !kept.ids.contains(&(
                signature(link.file.as_str()),
                signature(link.fragment.as_str()),
            )) {
                let problem = Problem::MissingAnchor {
                    site_path: link.site_path,
                    fragment: link.fragment,
                };
                found.push((from, link.reference, problem));
            }
        }
        found.sort_by(|a, b| (&a.0, a.1.offset).cmp(&(&b.0, b.1.offset)));
        // Reports name files by index: list those with findings or external links.
        let mut files: Vec<OutputFile> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut file_of = |path: &str, files: &mut Vec<OutputFile>| -> usize {
            *index.entry(path.to_string()).or_insert_with(|| {
                let file = kept
                    .quoted
                    .get(path)
                    .cloned()
                    .unwrap_or_else(|| OutputFile {
                        path: path.to_string(),
                        contents: Contents::Bytes(Vec::new()),
                    });
                files.push(file);
                files.len() - 1
            })
        };
        let findings: Vec<Finding> = found
            .into_iter()
            .map(|(path, reference, problem)| Finding {
                file: file_of(&path, &mut files),
                reference,
                problem,
            })
            .collect();
        let external = kept
            .external
            .into_iter()
            .map(|(url, (path, reference))| ExternalLink {
                url,
                file: file_of(&path, &mut files),
                reference,
            })
            .collect();
        let diagnostics = if findings.is_empty() {
            Vec::new()
        } else {
            report(
                &Origins::new(self.root, self.site, self.theme),
                &files,
                &findings,
            )
        };
        Checked {
            diagnostics,
            external,
            files,
        }
    }
}
