//! Publish stage: the site -> every output file, checked and handed to a
//! sink. Files that are not pages (feeds, static files, attachments,
//! redirects, the search index) are made first, so the set of published
//! paths is known before the first page renders; each page is then
//! rendered, link-checked against that set and passed on while other pages
//! render. `build` streams into its staging folder and no page waits in
//! memory for the others; `serve` renders through its page cache instead
//! (pipeline/reuse.rs) and uses `other_files` and the incremental link check.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::linkcheck::{ExternalLink, stream::Stream};
use crate::output::{OutputError, OutputFile, Sink};
use crate::render::Renderer;
use crate::render::jobs::Job;
use crate::render::theme::Theme;
use crate::search::{SearchIndex, Step};
use crate::site::Site;
use crate::{bidi, cpu, media, redirects};

/// What a published build produced.
pub struct Published {
    pub pages: usize,
    pub files: usize,
    /// Time spent rendering, link-checking and writing, summed over threads.
    pub thread_time: ThreadTime,
    /// Links to other sites, for `bantin check --external`, and the files they were found in.
    pub external: Vec<ExternalLink>,
    pub external_files: Vec<OutputFile>,
}

/// Every output file that is not a page: site files of the renderer (feeds,
/// static files), `extra` (attachments, search index), files linked from
/// bodies and redirect pages. `pages` are the output paths of the pages.
pub fn other_files(
    root: &Path,
    site: &Site,
    theme: &Theme,
    renderer: &Renderer,
    extra: Vec<OutputFile>,
    pages: &[String],
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = renderer.site_files();
    files.extend(extra);
    let published: BTreeSet<String> = files
        .iter()
        .map(|file| file.path.clone())
        .chain(pages.iter().cloned())
        .collect();
    files.extend(media::body_files(root, site, &published));
    let existing: BTreeSet<&str> = files
        .iter()
        .map(|file| file.path.as_str())
        .chain(pages.iter().map(String::as_str))
        .collect();
    let (redirect_files, errors) = redirects::redirects(root, site, &theme.strings, &existing);
    files.extend(redirect_files);
    bidi::clean_output(&mut files);
    (files, errors)
}

/// Renders, checks and hands over every file of the site. The search index
/// (`build_index`, which also gives the CPU time of a build begun before
/// this stage: search/early.rs) is taken from the start, on threads of its
/// own, beside the preparation of the pages (which runs on one thread) and
/// then the pages; its files are written as soon as it is built and the
/// preparation has listed every other output path. Only the search page
/// needs the index (it names the index folder), so that page follows once
/// both are done.
pub fn publish(
    root: &Path,
    site: &Arc<Site>,
    theme: &Theme,
    build_index: impl FnOnce() -> (SearchIndex, Duration) + Send,
    extra: Vec<OutputFile>,
    sink: &dyn Sink,
) -> Result<Published, Vec<Diagnostic>> {
    let started = (Instant::now(), cpu::process());
    // Made by the preparation, for the pages and the index's thread alike:
    // every output path but the index's, and the link check every file
    // goes through. `prepared` is set when the preparation is over: to
    // those paths, or to `None` when it failed.
    let all: OnceLock<Vec<String>> = OnceLock::new();
    let paths: OnceLock<HashSet<&str>> = OnceLock::new();
    let stream: OnceLock<Stream> = OnceLock::new();
    let prepared: OnceLock<Option<&HashSet<&str>>> = OnceLock::new();
    let failed = AtomicBool::new(false);
    let mut clock = Clock::default();
    let deliver = |file: OutputFile| -> Result<(), OutputError> {
        if let Some(stream) = stream.get() {
            Clock::time(&clock.links, || stream.check(&file));
        }
        Clock::time(&clock.write, || sink.put(file))
            .inspect_err(|_| failed.store(true, Ordering::Relaxed))
    };
    let render = |renderer: &Renderer, job: &Job| -> Outcome {
        if failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let file =
            Clock::time(&clock.templates, || renderer.render(job)).map_err(Failure::Template)?;
        deliver(file).map_err(Failure::Output)
    };
    let is_search = |job: &&Job| matches!(job, Job::Search);
    // The index's files are written as soon as it is built, beside the
    // pages, by one of its own threads unless they are compressed: threads
    // creating files in one folder wait on each other's lock (and spin),
    // which costs more than a second thread saves (14,765 files on tmpfs:
    // 100 ms of CPU time on two threads, 72 ms on one).
    let publish_index = || -> Result<IndexPublished, Vec<Diagnostic>> {
        let (mut index, early_cpu) = build_index();
        let before = index.cpu_before(started.0);
        let Some(paths) = *prepared.wait() else {
            // The preparation failed and reports why.
            return Err(Vec::new());
        };
        bidi::clean_output(&mut index.files);
        let index_paths: Vec<&str> = index.files.iter().map(|file| file.path.as_str()).collect();
        if let Some(taken) = index_paths.iter().find(|path| paths.contains(*path)) {
            let taken = OutputError::Duplicate(taken.to_string());
            return Err(vec![output_diagnostic(&taken)]);
        }
        sink.prepare(&index_paths, site.config.compress)
            .map_err(|error| vec![output_diagnostic(&error)])?;
        let compressed = site.config.compress.gzip || site.config.compress.brotli;
        let deliver_one = |file| deliver(file).map_err(Failure::Output);
        let outcomes = if compressed {
            index.files.into_par_iter().map(deliver_one).collect()
        } else {
            index.files.into_iter().map(deliver_one).collect()
        };
        Ok(IndexPublished {
            url: index.url,
            steps: index.steps,
            before,
            early_cpu,
            outcomes,
        })
    };
    let publish_pages = || -> Result<PagesPublished, Vec<Diagnostic>> {
        let _over = Over(&prepared);
        let renderer = Renderer::new(site, theme, None)?;
        let pages: Vec<String> = renderer
            .jobs
            .iter()
            .map(|job| renderer.output_path(job))
            .collect();
        let (others, errors) = other_files(root, site, theme, &renderer, extra, &pages);
        let all = all.get_or_init(|| {
            others
                .iter()
                .map(|file| file.path.clone())
                .chain(pages.iter().cloned())
                .collect()
        });
        let borrowed: Vec<&str> = all.iter().map(String::as_str).collect();
        sink.prepare(&borrowed, site.config.compress)
            .map_err(|error| vec![output_diagnostic(&error)])?;
        let paths = paths.get_or_init(|| borrowed.iter().copied().collect());
        stream.get_or_init(|| Stream::new(root, site, theme, paths));
        let _ = prepared.set(Some(paths));
        let files = others.len() + pages.len();
        let outcomes = others
            .into_par_iter()
            .map(|file| deliver(file).map_err(Failure::Output))
            .chain(
                renderer
                    .jobs
                    .par_iter()
                    .filter(|job| !is_search(job))
                    .map(|job| render(&renderer, job)),
            )
            .collect();
        Ok(PagesPublished {
            renderer,
            pages: pages.len(),
            files,
            outcomes,
            errors,
        })
    };
    let (pages, (index, index_cpu)) = std::thread::scope(|scope| {
        let index = scope.spawn(|| crate::search::build_apart(publish_index));
        let pages = publish_pages();
        let index = index
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pages, index)
    });
    let PagesPublished {
        renderer,
        pages: page_count,
        files: mut file_count,
        mut outcomes,
        mut errors,
    } = pages?;
    let index = index?;
    file_count += index.outcomes.len();
    outcomes.extend(index.outcomes);
    let publishing = cpu::process();
    renderer.set_search_index(&index.url);
    outcomes.par_extend(
        renderer
            .jobs
            .par_iter()
            .filter(is_search)
            .map(|job| render(&renderer, job)),
    );
    let index_cpu = index_cpu + index.early_cpu + cpu::process().saturating_sub(publishing);
    clock.search = IndexTime {
        cost: share_of_wall(index_cpu.saturating_sub(index.before), started),
        cpu: index_cpu,
        before: index.before,
        steps: index.steps,
    };
    let mut template_errors: Vec<Diagnostic> = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(()) => {}
            Err(Failure::Output(error)) => return Err(vec![output_diagnostic(&error)]),
            Err(Failure::Template(diagnostic)) => {
                if !template_errors.contains(&diagnostic) {
                    template_errors.push(diagnostic);
                }
            }
        }
    }
    if !template_errors.is_empty() {
        return Err(template_errors);
    }
    let Some(stream) = stream.into_inner() else {
        unreachable!("the pages were prepared, and with them the link check");
    };
    let checked = stream.finish();
    errors.extend(checked.diagnostics);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Published {
        pages: page_count,
        files: file_count,
        thread_time: clock.into_thread_time(),
        external: checked.external,
        external_files: checked.files,
    })
}

/// What publishing the index gives.
struct IndexPublished {
    /// Its folder's URL.
    url: String,
    /// The steps that built it.
    steps: Vec<Step>,
    /// The part of it before the render stage (an early start).
    before: Duration,
    /// The CPU time of the pool that built it early (search/early.rs), if
    /// it did.
    early_cpu: Duration,
    /// The outcome of each of its files.
    outcomes: Vec<Outcome>,
}

/// What publishing the other files and the pages gives.
struct PagesPublished<'a> {
    /// For the search page, rendered once the index is built.
    renderer: Renderer<'a>,
    pages: usize,
    /// The files written so far: the other files and the pages.
    files: usize,
    outcomes: Vec<Outcome>,
    /// Found on the way, reported once every file is checked.
    errors: Vec<Diagnostic>,
}

/// Marks the preparation over, as failed, unless it said otherwise: the
/// index's thread waits for it.
struct Over<'a, T>(&'a OnceLock<Option<T>>);

impl<T> Drop for Over<'_, T> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// The search index's cost as wall time: the whole stage's wall time times
/// the index's share of the CPU time the process spent in it (building the
/// index, then publishing its files). With every core busy, that is the
/// time the build would save without the index; the index's own wall time
/// beside the pages would count the time it waits for a core.
fn share_of_wall(index_cpu: Duration, (wall, process_cpu): (Instant, Duration)) -> Duration {
    let wall = wall.elapsed();
    let spent = cpu::process().saturating_sub(process_cpu);
    if spent.is_zero() {
        return index_cpu.min(wall);
    }
    wall.mul_f64((index_cpu.as_secs_f64() / spent.as_secs_f64()).min(1.0))
}

/// Time of the parts of the publish stage, summed over the threads that run
/// them side by side.
#[derive(Debug, Clone, Default)]
pub struct ThreadTime {
    pub search: IndexTime,
    pub templates: Duration,
    pub links: Duration,
    pub write: Duration,
}

/// The search index's time.
#[derive(Debug, Clone, Default)]
pub struct IndexTime {
    /// Its cost as wall time (`share_of_wall`).
    pub cost: Duration,
    /// CPU time spent building it and publishing its files.
    pub cpu: Duration,
    /// The part of `cpu` spent before the render stage, beside the site
    /// stage (search/early.rs).
    pub before: Duration,
    /// The steps that built it (`search::Steps`); the rest of `cpu` is
    /// publishing its files and the search page.
    pub steps: Vec<Step>,
}

#[derive(Default)]
struct Clock {
    search: IndexTime,
    templates: AtomicU64,
    links: AtomicU64,
    write: AtomicU64,
}

impl Clock {
    fn time<T>(counter: &AtomicU64, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        counter.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        result
    }

    fn into_thread_time(self) -> ThreadTime {
        ThreadTime {
            search: self.search,
            templates: Duration::from_nanos(self.templates.into_inner()),
            links: Duration::from_nanos(self.links.into_inner()),
            write: Duration::from_nanos(self.write.into_inner()),
        }
    }
}

type Outcome = Result<(), Failure>;

enum Failure {
    Template(Diagnostic),
    Output(OutputError),
}

/// An output failure as a diagnostic (the caller's sink knows the details).
fn output_diagnostic(error: &OutputError) -> Diagnostic {
    Diagnostic::file_error("output", error.to_string())
}
