//! A `bantin serve` process for tests: started on a free port, spoken to over
//! real HTTP and Server-Sent Events, killed when dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Every wait in these tests is bounded by this.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Server {
    child: Child,
    pub port: u16,
    /// Lines the server printed on stdout and stderr, as they come.
    output: Receiver<String>,
    /// Lines already read from `output`.
    seen: std::cell::RefCell<Vec<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `bantin serve ARGS --root ROOT` and waits for its URL.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        let mut child = super::bantin()
            .arg("serve")
            .args(args)
            .arg("--root")
            .arg(root)
            .env("BANTIN_NOW", super::NOW)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bantin serve");
        let (sender, output) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        return;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            output,
            seen: Default::default(),
        };
        let line = server.wait_for_line("Serving http://");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .expect("address");
        server.port = address
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .expect("port");
        server
    }

    /// Waits for a printed line containing `needle`; returns it.
    pub fn wait_for_line(&self, needle: &str) -> String {
        if let Some(line) = self.seen.borrow().iter().find(|line| line.contains(needle)) {
            return line.clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.output.recv_timeout(left) {
                Ok(line) => {
                    self.seen.borrow_mut().push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "the server never printed {needle:?}; it printed:\n{}",
            self.printed()
        );
    }

    /// Everything printed so far.
    pub fn printed(&self) -> String {
        while let Ok(line) = self.output.try_recv() {
            self.seen.borrow_mut().push(line);
        }
        self.seen.borrow().join("\n")
    }

    /// A raw request line; returns the response.
    pub fn request(&self, method: &str, target: &str) -> HttpResponse {
        request(self.port, method, target)
    }

    pub fn get(&self, target: &str) -> HttpResponse {
        self.request("GET", target)
    }

    /// Opens the event stream; events arrive as (name, data).
    pub fn events(&self) -> Events {
        Events::open(self.port)
    }
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

pub fn request(port: u16, method: &str, target: &str) -> HttpResponse {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    HttpResponse {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A Server-Sent Events connection read on a thread.
pub struct Events {
    receiver: Receiver<(String, String)>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /__bantin/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let (mut name, mut data) = (String::new(), String::new());
            for line in reader.lines().map_while(Result::ok) {
                if let Some(value) = line.strip_prefix("event: ") {
                    name = value.to_string();
                } else if let Some(value) = line.strip_prefix("data: ") {
                    data = value.to_string();
                } else if line.is_empty()
                    && !name.is_empty()
                    && sender
                        .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                        .is_err()
                {
                    return;
                }
            }
        });
        let events = Events { receiver };
        events.next_named("hello");
        events
    }

    /// The next event called `name` (others are skipped); panics after the timeout.
    pub fn next_named(&self, name: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.receiver.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no {name:?} event within {TIMEOUT:?}");
    }

    /// All events that arrive within `window`.
    pub fn collect_for(&self, window: Duration) -> Vec<(String, String)> {
        let deadline = Instant::now() + window;
        let mut events = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.receiver.recv_timeout(left) {
                Ok(event) => events.push(event),
                Err(_) => break,
            }
        }
        events
    }
}
