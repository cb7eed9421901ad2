//! A small HTTP/1.1 server for the preview: GET and HEAD of the in-memory
//! build, redirects for pretty URLs, the site's 404 page, and refusal of every
//! path that could leave the site (`..`, encoded slashes and backslashes,
//! absolute paths, NUL bytes). One thread per connection; `Connection: close`.

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A parsed request: method and the site path it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The decoded path without the leading `/` (`2014/09/x/`).
    pub path: String,
    /// The query string, if any (kept for redirects).
    pub query: Option<String>,
}

/// Why a request was refused before looking anything up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    BadRequest(&'static str),
    MethodNotAllowed,
}

/// Reads the request head (request line and headers) from a connection.
pub fn read_request(stream: &TcpStream) -> io::Result<Result<Request, Refusal>> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take_limit());
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers; the preview needs none of them.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    Ok(parse_request_line(line.trim_end()))
}

trait TakeLimit {
    fn take_limit(&self) -> io::Take<&TcpStream>;
}

impl TakeLimit for TcpStream {
    /// Request heads larger than 64 KiB are cut off.
    fn take_limit(&self) -> io::Take<&TcpStream> {
        io::Read::take(self, 64 * 1024)
    }
}

/// Parses `GET /path?query HTTP/1.1` and checks the path.
pub fn parse_request_line(line: &str) -> Result<Request, Refusal> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::BadRequest("malformed request line"));
    };
    if parts.next().is_some() || !version.starts_with("HTTP/1.") {
        return Err(Refusal::BadRequest("malformed request line"));
    }
    if method != "GET" && method != "HEAD" {
        return Err(Refusal::MethodNotAllowed);
    }
    let (raw_path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query.to_string())),
        None => (target, None),
    };
    let path = site_path(raw_path.split('#').next().unwrap_or(raw_path))?;
    Ok(Request {
        method: method.to_string(),
        path,
        query,
    })
}

/// Turns a request target into a site path, refusing anything that could
/// name a file outside the site.
pub fn site_path(target: &str) -> Result<String, Refusal> {
    if !target.starts_with('/') {
        return Err(Refusal::BadRequest("the path must start with /"));
    }
    if target.starts_with("//") {
        return Err(Refusal::BadRequest("absolute paths are refused"));
    }
    let lower = target.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err(Refusal::BadRequest(
            "encoded slashes, backslashes and NUL bytes are refused",
        ));
    }
    let decoded =
        percent_decode(&target[1..]).ok_or(Refusal::BadRequest("invalid percent-encoding"))?;
    if decoded.contains(['\\', '\0']) || decoded.chars().any(char::is_control) {
        return Err(Refusal::BadRequest(
            "backslashes and control characters are refused",
        ));
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(Refusal::BadRequest("dot segments are refused"));
    }
    if decoded.starts_with('/') || decoded.contains("//") || decoded.get(1..2) == Some(":") {
        return Err(Refusal::BadRequest("absolute paths are refused"));
    }
    Ok(decoded)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let high = (*bytes.get(index + 1)? as char).to_digit(16)?;
            let low = (*bytes.get(index + 2)? as char).to_digit(16)?;
            decoded.push((high * 16 + low) as u8);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The `Content-Type` of a file, with `charset=utf-8` for text.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html") | Some("htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") | Some("conf") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("gz") => "application/gzip",
        Some("br") => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

/// A complete response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    pub fn text(status: u16, text: &str) -> Self {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    pub fn redirect(location: String) -> Self {
        let mut response = Response::text(301, "Moved Permanently\n");
        response.headers.push(("Location", location));
        response
    }

    /// Writes the response; HEAD gets the headers only.
    pub fn write(&self, stream: &mut impl Write, head_only: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_encoded_paths_decode() {
        assert_eq!(site_path("/").as_deref(), Ok(""));
        assert_eq!(site_path("/2014/09/x/").as_deref(), Ok("2014/09/x/"));
        assert_eq!(site_path("/the/t%C3%A2n/").as_deref(), Ok("the/tân/"));
    }

    #[test]
    fn every_way_out_of_the_site_is_refused() {
        for target in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/a%2f..%2f..%2fetc",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows",
            "/a%00.html",
            "/a/./b",
            "etc/passwd",
        ] {
            assert!(site_path(target).is_err(), "{target} was accepted");
        }
    }

    #[test]
    fn request_lines() {
        let request = parse_request_line("GET /a/?q=x HTTP/1.1").expect("valid");
        assert_eq!(
            (request.path.as_str(), request.query.as_deref()),
            ("a/", Some("q=x"))
        );
        assert_eq!(
            parse_request_line("POST / HTTP/1.1"),
            Err(Refusal::MethodNotAllowed)
        );
        assert!(parse_request_line("GET /a b HTTP/1.1").is_err());
    }
}
