//! The build pipeline's options (what to build) and results (a finished
//! build in memory, with the time spent in each stage).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::diagnostics::Diagnostic;
use crate::linkcheck::ExternalLink;
use crate::output::OutputFile;
use crate::publish;
use crate::render::theme::Theme;
use crate::schedule::NextChange;
use crate::site::Site;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    pub drafts: bool,
    pub future: bool,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// The moment that decides what is future and what has expired.
    pub now: DateTime<Utc>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            drafts: false,
            future: false,
            base_url: None,
            now: Utc::now(),
        }
    }
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// Inside the render stage, pages are rendered, link-checked and written
    /// side by side: the time of each, summed over threads.
    pub threads: Option<publish::ThreadTime>,
}

impl Timings {
    pub(super) fn record(&mut self, stage: &'static str, started: Instant) -> Instant {
        let now = Instant::now();
        self.stages.push((stage, now - started));
        now
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, duration)| *duration).sum()
    }
}

/// A finished build, in memory.
pub struct Built {
    pub site: Arc<Site>,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// Pages rendered by this build (the others were reused by `serve`).
    pub rendered: usize,
    pub theme: Theme,
    /// The next moment the output changes by itself (a future date or an expiry).
    pub next_change: Option<NextChange>,
    /// HTML pages and files in the output (compressed copies aside).
    pub page_count: usize,
    pub file_count: usize,
    /// Links to other sites, for `bantin check --external`, and the output
    /// files they were found in (`ExternalLink::file` indexes them).
    pub external_links: Vec<ExternalLink>,
    pub external_files: Vec<OutputFile>,
    /// The search page and index are the previous build's: searchable text
    /// changed and the builder defers the index (`Builder::defer_search`).
    pub search_pending: bool,
    /// Set when the build handed over only the files that changed (serve's
    /// fast path, `pipeline::patch`): the others are the previous build's.
    pub partial: Option<super::Partial>,
}

impl Built {
    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.page_count
    }
}
