//! Link-check stage: the output files in memory -> every broken internal
//! reference (links, `#anchors`, images, attachments, scripts, style sheets,
//! CSS `url()`, feed and sitemap links), reported where an editor fixes it:
//! the Markdown line of the body link, the front matter, or the template.
//! Runs in `bantin check` and `bantin build`; a broken link fails both.
//! `--external` also checks links to other sites (see `external`).

mod attribute;
pub mod external;
pub mod resolve;
pub mod scan;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::output::OutputFile;
use crate::render::theme::Theme;
use crate::site::Site;
use attribute::Origins;
use resolve::{Resolved, Resolver};
use scan::{Reference, Scanned};

/// What is wrong with one reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing is published at the site path.
    Missing { site_path: String },
    /// The target page has no element with this id.
    MissingAnchor { site_path: String, fragment: String },
    /// A root-relative path outside the base path (`/x` under `/sub/`).
    OutsideBase,
    /// A relative URL on the 404 page, which is served at any missing URL.
    RelativeOnNotFound,
    /// An external link that failed (`--external`), with the reason.
    External(String),
}

/// A reference with a problem, on one output file.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index into the output files.
    pub file: usize,
    pub reference: Reference,
    pub problem: Problem,
}

/// A link to another site and the first place it was found.
#[derive(Debug, Clone)]
pub struct ExternalLink {
    pub url: String,
    /// Index into the output files.
    pub file: usize,
    pub reference: Reference,
}

/// The result of checking the output.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// External http(s) URLs, sorted, each with the first place it was found.
    pub external: Vec<ExternalLink>,
}

/// Diagnostics grouped by place and message, with the pages they were seen on.
type Grouped<'a> = BTreeMap<(String, usize, usize, String), (Diagnostic, Vec<&'a str>)>;

/// Checks every internal reference of the output.
pub fn check(root: &Path, site: &Site, theme: &Theme, files: &[OutputFile]) -> Checked {
    let paths: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let scans: Vec<(usize, Scanned)> = files
        .par_iter()
        .enumerate()
        .filter_map(|(index, file)| scan_file(file).map(|scanned| (index, scanned)))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = scans
        .iter()
        .map(|(index, scanned)| {
            let ids = scanned.ids.iter().map(String::as_str).collect();
            (files[*index].path.as_str(), ids)
        })
        .collect();
    let resolver = Resolver::new(&site.config.base_url, &paths);
    let results: Vec<(Vec<Finding>, Vec<ExternalLink>)> = scans
        .par_iter()
        .map(|(index, scanned)| check_file(&resolver, &ids, files, *index, scanned))
        .collect();
    let mut findings = Vec::new();
    let mut external: BTreeMap<String, ExternalLink> = BTreeMap::new();
    for (found, links) in results {
        findings.extend(found);
        for link in links {
            external.entry(link.url.clone()).or_insert(link);
        }
    }
    let origins = Origins::new(root, site, theme);
    Checked {
        diagnostics: report(&origins, files, &findings),
        external: external.into_values().collect(),
    }
}

/// Turns findings into diagnostics: one per place to fix, naming the pages.
pub(crate) fn report(
    origins: &Origins,
    files: &[OutputFile],
    findings: &[Finding],
) -> Vec<Diagnostic> {
    let mut grouped: Grouped = BTreeMap::new();
    for finding in findings {
        let page = files[finding.file].path.as_str();
        let diagnostic = origins.diagnostic(files, finding);
        let key = (
            diagnostic.path.display().to_string(),
            diagnostic.line,
            diagnostic.column,
            diagnostic.message.clone(),
        );
        grouped
            .entry(key)
            .or_insert_with(|| (diagnostic, Vec::new()))
            .1
            .push(page);
    }
    let mut diagnostics: Vec<Diagnostic> = grouped
        .into_values()
        .map(|(mut diagnostic, pages)| {
            let others = match pages.len() {
                1 => String::new(),
                count => format!(" and {} other pages", count - 1),
            };
            diagnostic.message = format!(
                "{} (on {}{others})",
                diagnostic.message,
                origins.page_url(pages[0])
            );
            diagnostic
        })
        .collect();
    diagnostics::sort(&mut diagnostics);
    diagnostics
}

fn scan_file(file: &OutputFile) -> Option<Scanned> {
    let extension = file.path.rsplit_once('.').map(|(_, extension)| extension)?;
    let scanner: fn(&[u8]) -> Scanned = match extension {
        "html" => scan::scan_html,
        "css" => scan::scan_css,
        "xml" => scan::scan_xml,
        _ => return None,
    };
    // A static file that cannot be read fails later, when it is written.
    let bytes = file.contents.read().ok()?;
    Some(scanner(&bytes))
}

type FileResult = (Vec<Finding>, Vec<ExternalLink>);

fn check_file(
    resolver: &Resolver,
    ids: &HashMap<&str, HashSet<&str>>,
    files: &[OutputFile],
    index: usize,
    scanned: &Scanned,
) -> FileResult {
    let from = files[index].path.as_str();
    let mut findings = Vec::new();
    let mut external = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for reference in &scanned.references {
        if !seen.insert(reference.url.as_str()) {
            continue;
        }
        let problem = match resolver.resolve(from, &reference.url) {
            Resolved::Ignored => None,
            Resolved::External(url) => {
                external.push(ExternalLink {
                    url,
                    file: index,
                    reference: reference.clone(),
                });
                None
            }
            Resolved::OutsideBase(_) => Some(Problem::OutsideBase),
            Resolved::Internal { .. } if from == NOT_FOUND_PAGE && is_relative(&reference.url) => {
                Some(Problem::RelativeOnNotFound)
            }
            Resolved::Internal {
                file,
                site_path,
                fragment,
            } => internal_problem(ids, file.as_deref(), site_path, fragment),
        };
        if let Some(problem) = problem {
            findings.push(Finding {
                file: index,
                reference: reference.clone(),
                problem,
            });
        }
    }
    (findings, external)
}

/// The 404 page is served at every missing URL, so relative links on it break.
const NOT_FOUND_PAGE: &str = "404.html";

fn is_relative(url: &str) -> bool {
    !(url.starts_with('/') || url.starts_with('#') || url.contains("://"))
}

fn internal_problem(
    ids: &HashMap<&str, HashSet<&str>>,
    file: Option<&str>,
    site_path: String,
    fragment: Option<String>,
) -> Option<Problem> {
    let Some(file) = file else {
        return Some(Problem::Missing { site_path });
    };
    let fragment = fragment.filter(|fragment| fragment != "top")?;
    let target_ids = ids.get(file)?;
    if !file.ends_with(".html") || target_ids.contains(fragment.as_str()) {
        return None;
    }
    Some(Problem::MissingAnchor {
        site_path,
        fragment,
    })
}
