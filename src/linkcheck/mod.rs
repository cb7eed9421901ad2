//! Link-check stage: the output files in memory -> every broken internal
//! reference (links, `#anchors`, images, attachments, scripts, style sheets,
//! CSS `url()`, feed and sitemap links), reported where an editor fixes it:
//! the Markdown line of the body link, the front matter, or the template.
//! Runs in `bantin check` and `bantin build`; a broken link fails both.
//! `--external` also checks links to other sites (see `external`).

mod attribute;
pub mod external;
pub mod incremental;
pub mod resolve;
pub mod scan;
pub mod stream;

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{self, Diagnostic};
use crate::output::{Contents, OutputFile};
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
    pub reference: Reference<'static>,
    pub problem: Problem,
}

/// A link to another site and the first place it was found.
#[derive(Debug, Clone)]
pub struct ExternalLink {
    pub url: String,
    /// Index into the output files.
    pub file: usize,
    pub reference: Reference<'static>,
}

/// The result of checking the output.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// External http(s) URLs, sorted, each with the first place it was found.
    pub external: Vec<ExternalLink>,
    /// The output files findings and external links point at (by index).
    pub files: Vec<OutputFile>,
}

/// Diagnostics grouped by place and message, with the pages they were seen on.
type Grouped<'a> = BTreeMap<(String, usize, usize, String), (Diagnostic, Vec<&'a str>)>;

/// The scanned files, findable by output path (for `#fragment` targets).
struct Pages<'a> {
    files: &'a [OutputFile],
    scans: &'a [(usize, Scanned<'a>)],
    by_path: HashMap<&'a str, usize>,
    /// Ids of pages not scanned in this run (incremental checks).
    kept: Option<&'a HashMap<String, incremental::CheckedPage>>,
    /// Pages not scanned are not known yet (streaming checks): their
    /// `#fragment`s are checked once every page has gone by.
    defer: bool,
}

impl Pages<'_> {
    /// Whether the output file `path` has an element with this id; `None`
    /// when that page is not known yet.
    fn has_id(&self, path: &str, id: &str) -> Option<bool> {
        match self.by_path.get(path) {
            Some(&at) => Some(self.scans[at].1.ids.iter().any(|known| known == id)),
            None if self.defer => None,
            None => Some(
                self.kept
                    .and_then(|kept| kept.get(path))
                    .is_some_and(|page| page.ids.iter().any(|known| known == id)),
            ),
        }
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

fn scan_file(file: &OutputFile) -> Option<Scanned<'_>> {
    let extension = file.path.rsplit_once('.').map(|(_, extension)| extension)?;
    let scanner: fn(&[u8]) -> Scanned = match extension {
        "html" => scan::scan_html,
        "css" => scan::scan_css,
        "xml" => scan::scan_xml,
        _ => return None,
    };
    match &file.contents {
        Contents::Bytes(bytes) => Some(scanner(bytes)),
        Contents::Shared(bytes) => Some(scanner(bytes)),
        // A static file that cannot be read fails later, when it is written.
        Contents::Copy(path) => {
            let bytes = std::fs::read(path).ok()?;
            Some(scanner(&bytes).into_owned())
        }
    }
}

/// The findings of one file, its external links (URL, reference index),
/// the other pages whose `#fragment`s it links to, and the fragment links it
/// could not check yet.
type FileResult = (
    Vec<Finding>,
    Vec<(String, usize)>,
    Vec<String>,
    Vec<Deferred>,
);

/// A `#fragment` link to a page not seen yet (streaming checks).
#[derive(Debug, Clone)]
pub(crate) struct Deferred {
    pub reference: Reference<'static>,
    pub file: String,
    pub site_path: String,
    pub fragment: String,
}

/// What checking a fragment link gave.
enum Anchor {
    Fine,
    Broken(Problem),
    Later(String, String, String),
}

fn check_file(resolver: &Resolver, pages: &Pages, index: usize, scanned: &Scanned) -> FileResult {
    let from = pages.files[index].path.as_str();
    let mut findings: Vec<Finding> = Vec::new();
    let mut external = Vec::new();
    let mut anchored = Vec::new();
    let mut deferred = Vec::new();
    for (at, reference) in scanned.references.iter().enumerate() {
        let url = reference.url.as_ref();
        if resolver.quick_ok(url) {
            continue;
        }
        if let Some(fragment) = url.strip_prefix('#')
            && (fragment.is_empty()
                || fragment == "top"
                || scanned.ids.iter().any(|id| id == fragment))
        {
            continue;
        }
        let problem = match resolver.resolve(from, url) {
            Resolved::Ignored => None,
            Resolved::External(url) => {
                external.push((url, at));
                None
            }
            Resolved::OutsideBase(_) => Some(Problem::OutsideBase),
            Resolved::Internal { .. } if from == NOT_FOUND_PAGE && is_relative(url) => {
                Some(Problem::RelativeOnNotFound)
            }
            Resolved::Internal {
                file,
                site_path,
                fragment,
            } => {
                if let (Some(target), Some(_)) = (&file, &fragment)
                    && target != from
                {
                    anchored.push(target.clone());
                }
                match internal_problem(pages, file.as_deref(), site_path, fragment) {
                    Anchor::Fine => None,
                    Anchor::Broken(problem) => Some(problem),
                    Anchor::Later(file, site_path, fragment) => {
                        deferred.push(Deferred {
                            reference: reference.clone().into_owned(),
                            file,
                            site_path,
                            fragment,
                        });
                        None
                    }
                }
            }
        };
        let repeated = findings.iter().any(|finding| finding.reference.url == url);
        if let Some(problem) = problem.filter(|_| !repeated) {
            findings.push(Finding {
                file: index,
                reference: reference.clone().into_owned(),
                problem,
            });
        }
    }
    (findings, external, anchored, deferred)
}

/// The 404 page is served at every missing URL, so relative links on it break.
const NOT_FOUND_PAGE: &str = "404.html";

fn is_relative(url: &str) -> bool {
    !(url.starts_with('/') || url.starts_with('#') || url.contains("://"))
}

fn internal_problem(
    pages: &Pages,
    file: Option<&str>,
    site_path: String,
    fragment: Option<String>,
) -> Anchor {
    let Some(file) = file else {
        return Anchor::Broken(Problem::Missing { site_path });
    };
    let Some(fragment) = fragment.filter(|fragment| fragment != "top") else {
        return Anchor::Fine;
    };
    if !file.ends_with(".html") {
        return Anchor::Fine;
    }
    match pages.has_id(file, &fragment) {
        Some(true) => Anchor::Fine,
        Some(false) => Anchor::Broken(Problem::MissingAnchor {
            site_path,
            fragment,
        }),
        None => Anchor::Later(file.to_string(), site_path, fragment),
    }
}
