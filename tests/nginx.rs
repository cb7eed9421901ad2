//! End to end behind a real nginx: the sample site, built for
//! `http://127.0.0.1:PORT/so-cong-thuong/`, served with the server block of
//! docs/deploy.md (extracted from the guide, so the two cannot drift). A
//! crawl from the home page reaches every linked page, asset, feed and
//! attachment with 200; aliases answer 301 to their article; a missing path
//! gets the site's 404 page with status 404; compressed responses are the
//! pre-compressed files. nginx runs as a child process on a free loopback
//! port with a temporary prefix, and is stopped when the test ends, even on
//! failure. Without nginx the test fails in CI and is skipped elsewhere.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

const BASE_PATH: &str = "/so-cong-thuong/";
const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// The first ```nginx block of docs/deploy.md.
fn server_block_from_guide() -> String {
    let guide = std::fs::read_to_string(common::repo_root().join("docs/deploy.md"))
        .expect("read docs/deploy.md");
    let start = guide
        .find("```nginx\n")
        .expect("an ```nginx block in docs/deploy.md")
        + 9;
    let length = guide[start..].find("\n```").expect("the block ends");
    guide[start..start + length].to_string()
}

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// The running nginx; stopped when dropped.
struct Nginx {
    child: Child,
    error_log: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("address").port()
}

/// Writes the main configuration around the guide's server block and starts nginx.
fn start_nginx(binary: &Path, prefix: &Path, www: &Path, port: u16) -> Nginx {
    let server = server_block_from_guide()
        .replace("{{listen}}", &format!("127.0.0.1:{port}"))
        .replace("{{root}}", &www.display().to_string())
        .replace("{{base_path}}", BASE_PATH);
    assert!(!server.contains("{{"), "unreplaced placeholder:\n{server}");
    for dir in ["logs", "temp"] {
        std::fs::create_dir_all(prefix.join(dir)).expect("prefix folders");
    }
    assert!(
        Path::new(BROTLI_MODULE).is_file(),
        "the guide's brotli_static needs {BROTLI_MODULE}: apt-get install -y libnginx-mod-http-brotli-static"
    );
    let brotli = format!("load_module {BROTLI_MODULE};\n");
    // As root nginx wants a worker user; Debian has no "nobody" group.
    let user = if is_root() { "user root root;\n" } else { "" };
    let prefix_text = prefix.display();
    let config = format!(
        "{brotli}{user}daemon off;\nmaster_process off;\nworker_processes 1;\n\
pid {prefix_text}/nginx.pid;\nerror_log {prefix_text}/logs/error.log warn;\n\
events {{ worker_connections 64; }}\n\
http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n\
  access_log {prefix_text}/logs/access.log;\n\
  client_body_temp_path {prefix_text}/temp/body;\n  proxy_temp_path {prefix_text}/temp/proxy;\n\
  fastcgi_temp_path {prefix_text}/temp/fastcgi;\n  uwsgi_temp_path {prefix_text}/temp/uwsgi;\n\
  scgi_temp_path {prefix_text}/temp/scgi;\n{server}\n}}\n"
    );
    let config_path = prefix.join("nginx.conf");
    std::fs::write(&config_path, config).expect("write nginx.conf");
    let error_log = prefix.join("logs/error.log");
    let child = Command::new(binary)
        .arg("-p")
        .arg(prefix)
        .arg("-e")
        .arg(&error_log)
        .arg("-c")
        .arg(&config_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nginx");
    let mut nginx = Nginx { child, error_log };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return nginx;
        }
        let exited = nginx.child.try_wait().ok().flatten();
        if exited.is_some() || Instant::now() > deadline {
            let log = std::fs::read_to_string(&nginx.error_log).unwrap_or_default();
            panic!("nginx did not start ({exited:?}):\n{log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One HTTP/1.1 response.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

fn get(port: u16, path: &str, extra_headers: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to nginx");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{extra_headers}\r\n"
    )
    .expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
        .collect();
    let response = Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    };
    assert!(
        response.header("Transfer-Encoding").is_none(),
        "static files have a Content-Length"
    );
    response
}

/// Path part of a URL found on `page`, if it is on this site.
fn site_path(origin: &str, page: &str, url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap_or_default();
    if url.is_empty() || url.starts_with("mailto:") || url.starts_with("tel:") {
        return None;
    }
    let path = if let Some(rest) = url.strip_prefix(origin) {
        rest.to_string()
    } else if url.contains("://") || url.starts_with("//") {
        return None;
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        let dir = &page[..=page.rfind('/').unwrap_or(0)];
        format!("{dir}{url}")
    };
    Some(path)
}

/// URLs an HTML page or a feed refers to.
fn links_of(body: &str, content_type: &str) -> Vec<String> {
    if content_type.contains("xml") {
        let document = roxmltree::Document::parse(body).expect("well-formed feed");
        return document
            .descendants()
            .filter_map(|node| {
                node.attribute("href")
                    .or_else(|| {
                        (node.has_tag_name("loc") || node.has_tag_name("link"))
                            .then(|| node.text())
                            .flatten()
                    })
                    .map(|url| url.trim().to_string())
            })
            .collect();
    }
    if !content_type.contains("html") {
        return Vec::new();
    }
    let html = Html::parse_document(body);
    let selector = Selector::parse("a[href], link[href], script[src], img[src], form[action]")
        .expect("selector");
    html.select(&selector)
        .filter_map(|element| {
            let value = element.value();
            value
                .attr("href")
                .or_else(|| value.attr("src"))
                .or_else(|| value.attr("action"))
        })
        .map(str::to_string)
        .collect()
}

/// Crawls from the home page; returns every path visited and its content type.
fn crawl(port: u16) -> Vec<(String, String)> {
    let origin = format!("http://127.0.0.1:{port}");
    let mut queue = VecDeque::from([BASE_PATH.to_string()]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut visited = Vec::new();
    let mut failures = Vec::new();
    while let Some(path) = queue.pop_front() {
        assert!(visited.len() < 2000, "crawl does not end");
        let response = get(port, &path, "");
        let content_type = response
            .header("Content-Type")
            .unwrap_or_default()
            .to_string();
        if response.status != 200 {
            failures.push(format!("{path}: {}", response.status));
            continue;
        }
        let body = String::from_utf8_lossy(&response.body).into_owned();
        for url in links_of(&body, &content_type) {
            if let Some(next) = site_path(&origin, &path, &url)
                && seen.insert(next.clone())
            {
                queue.push_back(next);
            }
        }
        visited.push((path, content_type));
    }
    assert!(failures.is_empty(), "not 200:\n{}", failures.join("\n"));
    visited
}

#[test]
fn the_sample_site_behind_nginx_under_a_sub_path() {
    let Some(binary) = nginx_binary() else {
        if std::env::var_os("CI").is_some() {
            panic!("nginx is missing: apt-get install -y nginx (see .ci/run)");
        }
        eprintln!("SKIPPED: nginx is missing (apt-get install -y nginx)");
        return;
    };
    let temp = tempfile::tempdir().expect("temp dir");
    let www = temp.path().join("www");
    let public = www.join(BASE_PATH.trim_matches('/'));
    let port = free_port();
    let base_url = format!("http://127.0.0.1:{port}{BASE_PATH}");
    common::build_sample(&public, &["--base-url", &base_url]);
    let _nginx = start_nginx(&binary, &temp.path().join("nginx"), &www, port);

    let visited = crawl(port);
    let paths: Vec<&str> = visited.iter().map(|(path, _)| path.as_str()).collect();
    let pages = visited
        .iter()
        .filter(|(_, kind)| kind.contains("text/html"))
        .count();
    assert!(pages > 60, "only {pages} pages reached: {paths:?}");
    for expected in [
        "/so-cong-thuong/feed.xml",
        "/so-cong-thuong/rss.xml",
        "/so-cong-thuong/chuyen-muc/khuyen-cong/feed.xml",
        "/so-cong-thuong/2025/05/ke-hoach-kiem-tra-an-toan-vat-lieu-no-cong-nghiep-va-hoa-chat-nam-2025/ke-hoach-kiem-tra-vlncn-2025.pdf",
        "/so-cong-thuong/2025/05/ke-hoach-kiem-tra-an-toan-vat-lieu-no-cong-nghiep-va-hoa-chat-nam-2025/kiem-tra-kho-vat-lieu-no.png",
        "/so-cong-thuong/tim-kiem/",
    ] {
        assert!(paths.contains(&expected), "{expected} not reached");
    }
    let sitemap = get(port, "/so-cong-thuong/sitemap.xml", "");
    assert_eq!(sitemap.status, 200);
    for url in links_of(&String::from_utf8_lossy(&sitemap.body), "xml") {
        let path = site_path(&format!("http://127.0.0.1:{port}"), "/", &url).expect("own URL");
        assert!(
            paths.contains(&path.as_str()),
            "sitemap URL {path} not linked from the site"
        );
    }
    assert_cache_headers(port, &visited);
    assert_aliases_redirect(port);
    assert_missing_pages_get_the_404_page(port, &public);
    assert_compressed_responses_are_the_precompressed_files(port, &public, &visited);
    let hidden = get(port, "/so-cong-thuong/nginx-redirects.conf", "");
    assert_eq!(hidden.status, 404, "the snippet is not for visitors");
}

fn assert_cache_headers(port: u16, visited: &[(String, String)]) {
    let css = visited
        .iter()
        .find(|(path, _)| {
            path.starts_with("/so-cong-thuong/assets/style.") && path.ends_with(".css")
        })
        .map(|(path, _)| path.clone())
        .expect("a fingerprinted style sheet");
    let response = get(port, &css, "");
    assert_eq!(
        response.header("Cache-Control"),
        Some("public, max-age=31536000, immutable")
    );
    let home = get(port, BASE_PATH, "");
    assert_eq!(home.header("Cache-Control"), Some("no-cache"));
    let search = get(port, &format!("{BASE_PATH}tim-kiem/"), "");
    assert_eq!(search.header("Cache-Control"), Some("no-cache"));
    let page = String::from_utf8_lossy(&search.body).into_owned();
    let start = page
        .find("data-index=\"")
        .expect("the search page names its index")
        + 12;
    let index = &page[start..start + page[start..].find('"').expect("closing quote")];
    let manifest = get(port, &format!("{index}m.json"), "");
    assert_eq!(manifest.status, 200, "{index}m.json");
    assert_eq!(
        manifest.header("Cache-Control"),
        Some("public, max-age=31536000, immutable"),
        "the search index is cached for good"
    );
}

fn assert_aliases_redirect(port: u16) {
    for (alias, target) in [
        (
            "/so-cong-thuong/tin-tuc/982.html",
            "/so-cong-thuong/2014/04/kiem-tra-an-toan-vat-lieu-no-cong-nghiep-tai-cac-mo-da/",
        ),
        (
            "/so-cong-thuong/tin-tuc/1187.html",
            "/so-cong-thuong/2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/",
        ),
    ] {
        let response = get(port, alias, "");
        assert_eq!(response.status, 301, "{alias}");
        assert_eq!(response.header("Location"), Some(target), "{alias}");
        let page = get(port, target, "");
        assert_eq!(page.status, 200, "{target}");
    }
}

fn assert_missing_pages_get_the_404_page(port: u16, public: &Path) {
    let expected = std::fs::read(public.join("404.html")).expect("404.html");
    for missing in [
        "/so-cong-thuong/khong-co-trang-nay/",
        "/so-cong-thuong/2014/09/khong-co/anh.png",
    ] {
        let response = get(port, missing, "");
        assert_eq!(response.status, 404, "{missing}");
        assert_eq!(
            response.body, expected,
            "{missing} shows the site's 404 page"
        );
    }
}

fn assert_compressed_responses_are_the_precompressed_files(
    port: u16,
    public: &Path,
    visited: &[(String, String)],
) {
    let css = visited
        .iter()
        .map(|(path, _)| path.as_str())
        .find(|path| path.ends_with(".css"))
        .expect("css");
    let cases = [
        (BASE_PATH, "index.html"),
        (css, css.trim_start_matches(BASE_PATH)),
        ("/so-cong-thuong/feed.xml", "feed.xml"),
    ];
    for (url, file) in cases {
        let gzip = get(port, url, "Accept-Encoding: gzip\r\n");
        assert_eq!(gzip.status, 200, "{url}");
        assert_eq!(gzip.header("Content-Encoding"), Some("gzip"), "{url}");
        let on_disk = std::fs::read(public.join(format!("{file}.gz"))).expect("the .gz copy");
        assert_eq!(gzip.body, on_disk, "{url} is served from {file}.gz");
        let br = get(port, url, "Accept-Encoding: br, gzip\r\n");
        assert_eq!(br.header("Content-Encoding"), Some("br"), "{url}");
        let on_disk = std::fs::read(public.join(format!("{file}.br"))).expect("the .br copy");
        assert_eq!(br.body, on_disk, "{url} is served from {file}.br");
        let plain = get(port, url, "");
        assert_eq!(plain.header("Content-Encoding"), None, "{url}");
        assert_eq!(
            plain.body,
            std::fs::read(public.join(file)).expect("the file"),
            "{url}"
        );
    }
}
