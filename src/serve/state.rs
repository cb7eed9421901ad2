//! The preview's shared state: the last good build (files in memory), the
//! diagnostics of a failed rebuild, and the open event streams to notify.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};

use crate::diagnostics::Diagnostic;

use super::http::{Request, Response, content_type};
use super::inject;

pub use crate::incremental::Files;

/// One Server-Sent Events message, ready to write.
pub struct Event(pub String);

struct Snapshot {
    files: Files,
    build: u64,
    /// Diagnostics of the last rebuild if it failed, as printed in the terminal.
    errors: Vec<String>,
}

/// Shared between the HTTP threads and the rebuild thread.
pub struct State {
    snapshot: RwLock<Snapshot>,
    subscribers: Mutex<Vec<Sender<Event>>>,
    /// Distinguishes this server process, so pages reload after a restart.
    instance: String,
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

impl State {
    pub fn new() -> Self {
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| format!("{:x}", elapsed.as_nanos()))
            .unwrap_or_default();
        State {
            snapshot: RwLock::new(Snapshot {
                files: Arc::new(HashMap::new()),
                build: 0,
                errors: Vec::new(),
            }),
            subscribers: Mutex::new(Vec::new()),
            instance,
        }
    }

    fn build_id(&self, build: u64) -> String {
        format!("{}-{build}", self.instance)
    }

    /// Serves a new good build and tells open pages to reload (or, when only
    /// stylesheets changed, to swap them in place).
    pub fn publish(&self, files: Files, css_swaps: Vec<(String, String)>, css_only: bool) {
        let Some(id) = self.swap(files) else {
            return;
        };
        let message = if css_only {
            let data = serde_json::json!({"build": id, "swaps": css_swaps});
            format!("event: css\ndata: {data}\n\n")
        } else {
            let data = serde_json::json!({"build": id});
            format!("event: reload\ndata: {data}\n\n")
        };
        self.broadcast(&message);
    }

    /// Serves a build whose only change is the search index: only an open
    /// search page (at `path`) reloads.
    pub fn publish_search(&self, files: Files, path: &str) {
        let Some(id) = self.swap(files) else {
            return;
        };
        let data = serde_json::json!({"build": id, "path": path});
        self.broadcast(&format!("event: search\ndata: {data}\n\n"));
    }

    /// Serves `files` from now on; the new build's id.
    fn swap(&self, files: Files) -> Option<String> {
        let build = {
            let mut snapshot = self.snapshot.write().ok()?;
            snapshot.files = files;
            snapshot.build += 1;
            snapshot.errors.clear();
            snapshot.build
        };
        Some(self.build_id(build))
    }

    /// Keeps the last good build and shows the diagnostics on every page.
    pub fn fail(&self, diagnostics: &[Diagnostic]) {
        let errors: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        let data = serde_json::Value::from(errors.clone());
        if let Ok(mut snapshot) = self.snapshot.write() {
            snapshot.errors = errors;
        }
        self.broadcast(&format!("event: errors\ndata: {data}\n\n"));
    }

    fn broadcast(&self, message: &str) {
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.retain(|subscriber| subscriber.send(Event(message.to_string())).is_ok());
        }
    }

    /// A new event stream: its receiver and the greeting to send first.
    pub fn subscribe(&self) -> (Receiver<Event>, String) {
        let (sender, receiver) = mpsc::channel();
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.push(sender);
        }
        let (build, errors) = match self.snapshot.read() {
            Ok(snapshot) => (snapshot.build, snapshot.errors.clone()),
            Err(_) => (0, Vec::new()),
        };
        let data = serde_json::json!({"build": self.build_id(build), "errors": errors});
        (
            receiver,
            format!("retry: 500\nevent: hello\ndata: {data}\n\n"),
        )
    }

    /// The response to a GET or HEAD of a site path.
    pub fn respond(&self, request: &Request) -> Response {
        let Ok(snapshot) = self.snapshot.read() else {
            return Response::text(500, "the preview state is unavailable\n");
        };
        let id = self.build_id(snapshot.build);
        let file = if request.path.is_empty() || request.path.ends_with('/') {
            format!("{}index.html", request.path)
        } else {
            request.path.clone()
        };
        if let Some(contents) = snapshot.files.get(file.as_str()) {
            return match contents.read() {
                Ok(bytes) => page(200, &file, &bytes, &id, &snapshot.errors),
                Err(error) => Response::text(500, &format!("cannot read {file}: {error}\n")),
            };
        }
        if !request.path.is_empty()
            && !request.path.ends_with('/')
            && snapshot
                .files
                .contains_key(format!("{}/index.html", request.path).as_str())
        {
            let query = request
                .query
                .as_ref()
                .map(|query| format!("?{query}"))
                .unwrap_or_default();
            return Response::redirect(format!("/{}/{query}", request.path));
        }
        match snapshot
            .files
            .get("404.html")
            .map(|contents| contents.read())
        {
            Some(Ok(bytes)) => page(404, "404.html", &bytes, &id, &snapshot.errors),
            _ => Response::text(404, "not found\n"),
        }
    }
}

fn page(status: u16, path: &str, bytes: &[u8], build: &str, errors: &[String]) -> Response {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        let html = String::from_utf8_lossy(bytes);
        Response::new(
            status,
            kind,
            inject::inject(&html, build, errors).into_bytes(),
        )
    } else {
        Response::new(status, kind, bytes.to_vec())
    }
}
