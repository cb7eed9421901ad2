//! External links (`bantin check --external`): every http(s) URL of another
//! site found in the output -> a request (HEAD, then GET where HEAD is
//! refused), several at a time, each with a timeout. Results are cached in
//! `.bantin/external-links.json` in the site root: a URL that answered
//! successfully is not asked again for a day; failures are asked every run.
//! https is checked with rustls and the Mozilla root certificates
//! (webpki-roots), so a site whose certificate chains to a private or
//! government root CA that Mozilla does not ship is reported as failing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::attribute::Origins;
use super::{ExternalLink, Finding, Problem};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::render::theme::Theme;
use crate::site::Site;

/// The cache file, in the site's `.bantin/` folder.
pub const CACHE_FILE: &str = "external-links.json";

/// How external links are checked.
#[derive(Debug, Clone)]
pub struct Options {
    /// Per request, connection included.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// A success younger than this is not asked again.
    pub max_age: Duration,
    pub cache_file: PathBuf,
}

impl Options {
    /// The defaults for a site at `root`: 10 s, 8 at once, one day.
    pub fn for_site(root: &Path) -> Self {
        Options {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            max_age: Duration::from_secs(24 * 60 * 60),
            cache_file: root.join(crate::schedule::STATE_DIR).join(CACHE_FILE),
        }
    }
}

/// One remembered answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Outcome {
    /// `None` when the URL answered with a success (2xx, after redirects).
    pub failure: Option<String>,
    /// Seconds since the Unix epoch.
    pub checked: u64,
}

/// Checks the external links and reports each failure where it was written.
pub fn check(
    root: &Path,
    site: &Site,
    theme: &Theme,
    files: &[OutputFile],
    found: &[ExternalLink],
    options: &Options,
) -> Vec<Diagnostic> {
    let urls: Vec<String> = found.iter().map(|link| request_url(&link.url)).collect();
    let outcomes = check_urls(&urls, options);
    let findings: Vec<Finding> = found
        .iter()
        .filter_map(|link| {
            let failure = outcomes.get(&request_url(&link.url))?.failure.clone()?;
            Some(Finding {
                file: link.file,
                reference: link.reference.clone(),
                problem: Problem::External(failure),
            })
        })
        .collect();
    let origins = Origins::new(root, site, theme);
    super::report(&origins, files, &findings)
}

/// The URL without its fragment (servers never see it).
fn request_url(url: &str) -> String {
    url.split('#').next().unwrap_or(url).to_string()
}

/// Checks `urls` (answers from the cache where fresh) and updates the cache.
pub fn check_urls(urls: &[String], options: &Options) -> BTreeMap<String, Outcome> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0);
    let mut cache = read_cache(&options.cache_file);
    let mut unique: Vec<&String> = urls.iter().collect();
    unique.sort();
    unique.dedup();
    let stale: Vec<&String> = unique
        .iter()
        .copied()
        .filter(|url| {
            cache.get(*url).is_none_or(|outcome| {
                outcome.failure.is_some()
                    || now.saturating_sub(outcome.checked) >= options.max_age.as_secs()
            })
        })
        .collect();
    for (url, failure) in fetch_all(&stale, options) {
        cache.insert(
            url,
            Outcome {
                failure,
                checked: now,
            },
        );
    }
    write_cache(&options.cache_file, &cache);
    unique
        .into_iter()
        .filter_map(|url| cache.get(url).map(|outcome| (url.clone(), outcome.clone())))
        .collect()
}

/// Requests every URL, `options.concurrency` at a time.
fn fetch_all(urls: &[&String], options: &Options) -> Vec<(String, Option<String>)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("bantin-link-checker/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(urls.len()));
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, 32) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let failure = fetch(&agent, url);
                    if let Ok(mut results) = results.lock() {
                        results.push(((*url).clone(), failure));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort();
    results
}

/// `None` on success, else why the URL failed.
fn fetch(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = match agent.head(url).call() {
        Ok(response) => response.status().as_u16(),
        Err(error) => return Some(error.to_string()),
    };
    // Some servers refuse HEAD; ask again with GET before calling it broken.
    let status = if matches!(status, 403 | 405 | 501) {
        match agent.get(url).call() {
            Ok(response) => response.status().as_u16(),
            Err(error) => return Some(error.to_string()),
        }
    } else {
        status
    };
    (!(200..300).contains(&status)).then(|| format!("HTTP {status}"))
}

fn read_cache(path: &Path) -> BTreeMap<String, Outcome> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Best effort: a cache that cannot be written only costs time next run.
fn write_cache(path: &Path, cache: &BTreeMap<String, Outcome>) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_string_pretty(cache) {
        let _ = std::fs::write(path, text + "\n");
    }
}
