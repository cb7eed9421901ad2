//! `bantin serve`: build into memory, serve over HTTP, watch the sources,
//! rebuild incrementally and tell open pages to reload (Server-Sent Events on
//! the same port). A failed rebuild keeps the last good build online and
//! shows its diagnostics over every page. Nothing is written to `public/`.

pub mod http;
pub mod inject;
pub mod state;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::incremental::Engine;
use crate::pipeline::BuildOptions;
use http::{Refusal, Response};
use state::{Event, State};

/// Where the preview's own endpoints live; never a site path.
pub const EVENTS_PATH: &str = "__bantin/events";

/// What `bantin serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Print the stage times of every rebuild.
    pub timings: bool,
    pub now: DateTime<Utc>,
}

/// Runs the preview until the process is stopped; returns an exit code.
pub fn run(options: ServeOptions) -> i32 {
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview, drafts included, reachable from other machines; use --bind 127.0.0.1 unless you mean it",
            options.bind
        );
    }
    let listener = match bind(options.bind, options.port) {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            return crate::cli::EXIT_USAGE;
        }
    };
    let address = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::new(options.bind, options.port));
    let base_url = format!("http://{address}/");
    let build_options = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        future: true,
        base_url: Some(base_url.clone()),
        now: options.now,
    };
    let state = Arc::new(State::new());
    let mut engine = Engine::new(build_options);
    let started = Instant::now();
    match engine.rebuild(None) {
        Ok(outcome) => {
            println!(
                "Built {} pages in {} ms",
                outcome.pages,
                started.elapsed().as_millis()
            );
            state.publish(outcome.files, outcome.css_swaps, false);
        }
        Err(diagnostics) => {
            crate::cli::print_diagnostics(&diagnostics);
            state.fail(&diagnostics);
        }
    }
    let watched = match watch::watch(&options.root) {
        Ok(receiver) => receiver,
        Err(error) => {
            eprintln!("error: cannot watch {}: {error}", options.root.display());
            return crate::cli::EXIT_USAGE;
        }
    };
    let rebuild_state = Arc::clone(&state);
    let timings = options.timings;
    let spawned = std::thread::Builder::new()
        .name("bantin-rebuild".into())
        .spawn(move || rebuild_loop(engine, watched, rebuild_state, timings));
    if let Err(error) = spawned {
        eprintln!("error: cannot start the rebuild thread: {error}");
        return crate::cli::EXIT_USAGE;
    }
    println!(
        "Serving {base_url} — drafts {}, future articles shown; press Ctrl+C to stop",
        if options.drafts { "shown" } else { "hidden" }
    );
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&base_url);
    }
    accept_loop(listener, state);
    crate::cli::EXIT_OK
}

/// Binds the port, or the next free one when it is taken.
fn bind(address: IpAddr, port: u16) -> Result<TcpListener, String> {
    if port == 0 {
        return TcpListener::bind((address, 0))
            .map_err(|error| format!("cannot listen on {address}: {error}"));
    }
    for candidate in port..port.saturating_add(50) {
        match TcpListener::bind((address, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                eprintln!("port {candidate} is taken; trying {}", candidate + 1);
            }
            Err(error) => return Err(format!("cannot listen on {address}:{candidate}: {error}")),
        }
    }
    Err(format!(
        "no free port between {port} and {}",
        port.saturating_add(49)
    ))
}

fn accept_loop(listener: TcpListener, state: Arc<State>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        let _ = std::thread::Builder::new()
            .name("bantin-http".into())
            .spawn(move || handle(stream, &state));
    }
}

fn handle(mut stream: TcpStream, state: &State) {
    let request = match http::read_request(&stream) {
        Ok(request) => request,
        Err(_) => return,
    };
    let request = match request {
        Ok(request) => request,
        Err(Refusal::MethodNotAllowed) => {
            let mut response = Response::text(405, "only GET and HEAD are served\n");
            response.headers.push(("Allow", "GET, HEAD".into()));
            let _ = response.write(&mut stream, false);
            return;
        }
        Err(Refusal::BadRequest(reason)) => {
            let _ = Response::text(400, &format!("refused: {reason}\n")).write(&mut stream, false);
            return;
        }
    };
    if request.path == EVENTS_PATH {
        stream_events(stream, state);
        return;
    }
    let response = state.respond(&request);
    let _ = response.write(&mut stream, request.method == "HEAD");
}

/// Keeps an event stream open, sending build events and a heartbeat.
fn stream_events(mut stream: TcpStream, state: &State) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    let (receiver, hello) = state.subscribe();
    if stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(hello.as_bytes()))
        .is_err()
    {
        return;
    }
    let _ = stream.flush();
    loop {
        let message = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(Event(text)) => text,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Rebuilds after each batch of changes. When searchable text changed, the
/// pages are published first; the search index is then built on a thread of
/// its own while saves keep being rebuilt, and published with the search
/// page when it is still the index of the latest build (otherwise another
/// one starts).
fn rebuild_loop(
    mut engine: Engine,
    batches: std::sync::mpsc::Receiver<watch::Batch>,
    state: Arc<State>,
    timings: bool,
) {
    use std::sync::mpsc::RecvTimeoutError;
    let mut search: Option<Search> = None;
    loop {
        let batch = match &search {
            None => match batches.recv() {
                Ok(batch) => batch,
                Err(_) => return,
            },
            Some(running) => match batches.recv_timeout(SEARCH_POLL) {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) => {
                    if running.handle.is_finished()
                        && let Some(done) = search.take()
                    {
                        finish_search(&mut engine, done, &state, timings);
                        search = start_search(&mut engine, &state, timings);
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        let pending = rebuild(&mut engine, &batch, &state, timings);
        if pending && search.is_none() {
            search = start_search(&mut engine, &state, timings);
        }
    }
}

/// How often the rebuild thread looks in on a search index being built.
const SEARCH_POLL: std::time::Duration = std::time::Duration::from_millis(10);

/// A search index being built apart.
struct Search {
    handle: std::thread::JoinHandle<crate::incremental::SearchBuilt>,
    started: Instant,
}

/// Starts building the search index when the last rebuild deferred it (on
/// this thread if no other can be started).
fn start_search(engine: &mut Engine, state: &State, timings: bool) -> Option<Search> {
    let job = engine.search_job()?;
    let started = Instant::now();
    let spawned = std::thread::Builder::new()
        .name("bantin-search".into())
        .spawn(move || job.run());
    match spawned {
        Ok(handle) => Some(Search { handle, started }),
        Err(_) => {
            publish_search(engine.finish_search(), started, state, timings);
            None
        }
    }
}

/// Publishes a finished search index with the search page, unless a rebuild
/// came in between; reloads only an open search page.
fn finish_search(engine: &mut Engine, search: Search, state: &State, timings: bool) {
    let Ok(built) = search.handle.join() else {
        eprintln!("The search index did not build (its thread stopped).");
        return;
    };
    if let Some(outcome) = engine.install_search(built) {
        publish_search(outcome, search.started, state, timings);
    }
}

fn publish_search(
    outcome: Result<crate::incremental::Outcome, Vec<crate::diagnostics::Diagnostic>>,
    started: Instant,
    state: &State,
    timings: bool,
) {
    match outcome {
        Ok(outcome) => {
            println!(
                "Search index updated in {} ms",
                started.elapsed().as_millis()
            );
            if timings {
                crate::cli::print_timings(&outcome.timings, None);
            }
            let path = format!("/{}", crate::site::urls::search_path());
            state.publish_search(outcome.files, &path);
        }
        Err(diagnostics) => {
            eprintln!("The search index did not build:");
            crate::cli::print_diagnostics(&diagnostics);
            state.fail(&diagnostics);
        }
    }
    let _ = std::io::stdout().flush();
}

/// One rebuild, published; whether it left the search index to update.
fn rebuild(engine: &mut Engine, batch: &watch::Batch, state: &State, timings: bool) -> bool {
    let started = Instant::now();
    let names: Vec<String> = batch
        .iter()
        .take(3)
        .map(|path| path.display().to_string())
        .collect();
    let more = batch.len().saturating_sub(names.len());
    let changed = if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    };
    let css_only = batch
        .iter()
        .all(|path| path.extension().is_some_and(|extension| extension == "css"));
    let rescan = batch.contains(std::path::Path::new(watch::RESCAN));
    let mut search_pending = false;
    match engine.rebuild(if rescan { None } else { Some(batch) }) {
        Ok(outcome) => {
            search_pending = outcome.search_pending;
            println!(
                "Rebuilt after {changed}: {} of {} pages re-rendered in {} ms",
                outcome.rendered,
                outcome.pages,
                started.elapsed().as_millis()
            );
            if timings {
                crate::cli::print_timings(&outcome.timings, None);
            }
            state.publish(outcome.files, outcome.css_swaps, css_only);
        }
        Err(diagnostics) => {
            eprintln!("Change to {changed} did not build; still serving the last good build:");
            crate::cli::print_diagnostics(&diagnostics);
            state.fail(&diagnostics);
        }
    }
    let _ = std::io::stdout().flush();
    search_pending
}

/// Opens the preview in the desktop's browser, if there is one.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("could not open a browser; visit {url}");
    }
}
