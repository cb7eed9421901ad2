//! The link checker as an editor meets it: `bantin check` and `bantin build`
//! refuse broken links, anchors, images and attachments, and name the file,
//! line and column where each was written (Markdown, front matter or
//! template). `--external` is tested against a server on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::{TestSite, stderr, stdout};

/// An article whose body starts on line 7 (4 front-matter lines + 2 fences).
fn article(site: &TestSite, relative: &str, title: &str, body: &str) {
    site.article(
        relative,
        &format!("title: {title}\ndate: 2015-03-02\ncategory: khuyen-cong\nauthor: Nguyễn Văn A"),
        body,
    );
}

fn check(site: &TestSite) -> (i32, String) {
    let output = site.run(&["check"]);
    (output.status.code().unwrap_or(-1), stderr(&output))
}

#[test]
fn a_broken_markdown_link_is_reported_at_its_file_line_and_column() {
    let site = TestSite::new();
    article(
        &site,
        "2015/a.md",
        "Bài A",
        "Mở đầu.\n\nXem [báo cáo cũ](../2014/khong-co.md) và [mục](#khong-co-muc).\n",
    );
    let (code, errors) = check(&site);
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("content/2015/a.md:9:18: error: broken link \"../2014/khong-co.md\""),
        "{errors}"
    );
    assert!(
        errors.contains("content/2015/a.md:9:48: error: broken link \"#khong-co-muc\""),
        "{errors}"
    );
    assert!(
        errors.contains("has no element with id \"khong-co-muc\""),
        "{errors}"
    );
    assert!(
        errors.contains("^^^^^^^^^^^^^^^^^^^"),
        "caret under the link: {errors}"
    );
    assert!(errors.contains("hint: link to another article by the path of its Markdown file"));
}

#[test]
fn cross_article_links_to_markdown_files_become_article_urls_and_anchors_are_checked() {
    let site = TestSite::new();
    site.article(
        "2014/ket-qua.md",
        "title: Kết quả khuyến công\ndate: 2014-09-24\ncategory: khuyen-cong",
        "## Đào tạo nghề\n\nNội dung.\n",
    );
    article(
        &site,
        "2015/a.md",
        "Bài A",
        "Xem [kết quả](../2014/ket-qua.md#dao-tao-nghe).\n\nVà [mục sai](../2014/ket-qua.md#khong-co).\n",
    );
    let (code, errors) = check(&site);
    assert_eq!(code, 1);
    assert!(
        errors.contains("content/2015/a.md:9:14: error: broken link \"../2014/ket-qua.md#khong-co\" (→ /2014/09/ket-qua-khuyen-cong/#khong-co)"),
        "the wrong anchor, on line 9, as written: {errors}"
    );
    assert!(
        errors.contains("/2014/09/ket-qua-khuyen-cong/ has no element with id \"khong-co\""),
        "{errors}"
    );
    assert!(!errors.contains(":7:"), "the good link passes: {errors}");
    site.write(
        "content/2015/a.md",
        "---\ntitle: Bài A\ndate: 2015-03-02\ncategory: khuyen-cong\n---\nXem [kết quả](../2014/ket-qua.md#dao-tao-nghe).\n",
    );
    site.build(&[]);
    let page = site.read_output("2015/03/bai-a/index.html");
    assert!(
        page.contains("href=\"/2014/09/ket-qua-khuyen-cong/#dao-tao-nghe\""),
        "{page}"
    );
}

#[test]
fn a_missing_image_in_the_body_fails_the_build_and_leaves_public_untouched() {
    let site = TestSite::new();
    article(&site, "2015/a.md", "Bài A", "Mở đầu.\n");
    site.build(&[]);
    let before = site.read_output("2015/03/bai-a/index.html");
    article(
        &site,
        "2015/a.md",
        "Bài A",
        "Mở đầu.\n\n![Lớp học nghề](lop-hoc.jpg)\n",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("content/2015/a.md:9:17: error: broken link \"lop-hoc.jpg\": nothing is published at /2015/03/bai-a/lop-hoc.jpg"),
        "{errors}"
    );
    assert_eq!(site.read_output("2015/03/bai-a/index.html"), before);
    site.write_bytes(
        "content/2015/lop-hoc.jpg",
        b"\xff\xd8\xff\xe0 not really a jpeg",
    );
    site.build(&[]);
    assert!(site.output_exists("2015/03/bai-a/lop-hoc.jpg"));
}

#[test]
fn a_missing_attachment_is_reported_at_its_front_matter_line() {
    let site = TestSite::new();
    site.article(
        "2015/a.md",
        "title: Bài A\ndate: 2015-03-02\ncategory: khuyen-cong\nattachments:\n  - file: bao-cao.pdf\n    title: Báo cáo",
        "Mở đầu.\n",
    );
    let (code, errors) = check(&site);
    assert_eq!(code, 1);
    assert!(
        errors.contains("content/2015/a.md:6:11: error: attachments[0].file: attachment \"bao-cao.pdf\" not found"),
        "{errors}"
    );
    site.write_bytes("content/2015/bao-cao.pdf", b"%PDF-1.4\n");
    site.build(&[]);
    let page = site.read_output("2015/03/bai-a/index.html");
    assert!(
        page.contains("href=\"/2015/03/bai-a/bao-cao.pdf\">Báo cáo</a>"),
        "{page}"
    );
    assert!(site.output_exists("2015/03/bai-a/bao-cao.pdf"));
}

#[test]
fn broken_links_in_templates_are_reported_at_the_template_line() {
    let site = TestSite::new();
    article(&site, "2015/a.md", "Bài A", "Mở đầu.\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>Không tìm thấy</h1>\n<p><a href=\"/lien-he-cu/\">Liên hệ</a> <img src=\"anh.png\" alt=\"\"></p>\n{% endblock %}\n",
    );
    let (code, errors) = check(&site);
    assert_eq!(code, 1);
    assert!(
        errors.contains("templates/404.html:4:13: error: broken link \"/lien-he-cu/\""),
        "{errors}"
    );
    assert!(
        errors
            .contains("templates/404.html:4:49: error: relative link \"anh.png\" on the 404 page"),
        "{errors}"
    );
}

#[test]
fn a_hard_coded_root_path_in_a_template_breaks_under_a_sub_path() {
    let site = TestSite::with_config(&common::SITE_YAML.replace(
        "https://congthuong.example.gov.vn/",
        "https://example.github.io/so-cong-thuong/",
    ));
    article(&site, "2015/a.md", "Bài A", "Mở đầu.\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<link rel=\"stylesheet\" href=\"/assets/in.css\">{{ page.content }}\n{% endblock %}\n",
    );
    site.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\nSở.\n",
    );
    let (code, errors) = check(&site);
    assert_eq!(code, 1);
    assert!(
        errors.contains("templates/page.html:3:30: error: link \"/assets/in.css\" leaves the site's base path /so-cong-thuong/"),
        "{errors}"
    );
}

#[test]
fn the_sample_site_checks_clean() {
    let output = common::bantin()
        .args(["check", "--root"])
        .arg(common::repo_root())
        .env("BANTIN_NOW", common::NOW)
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A tiny HTTP server on 127.0.0.1: `/ok` answers 200, anything else 404.
/// It stops after `requests` requests or 20 seconds.
fn serve_status_codes(requests: usize) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    listener.set_nonblocking(true).expect("nonblocking");
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while seen.len() < requests && Instant::now() < deadline {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut reader = BufReader::new(stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|read| read > 2) {
                header.clear();
            }
            let status = if request_line.contains(" /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let mut stream = reader.into_inner();
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            seen.push(request_line.trim().to_string());
        }
        seen
    });
    (port, handle)
}

#[test]
fn external_links_are_checked_only_on_request_and_failures_name_their_line() {
    let (port, server) = serve_status_codes(2);
    let site = TestSite::new();
    article(
        &site,
        "2015/a.md",
        "Bài A",
        &format!(
            "Mở đầu.\n\n[Sống](http://127.0.0.1:{port}/ok)\n\n[Hỏng](http://127.0.0.1:{port}/mat-trang)\n"
        ),
    );
    let plain = site.run(&["check"]);
    assert!(
        plain.status.success(),
        "default check stays offline: {}",
        stderr(&plain)
    );
    let output = site.run(&["check", "--external"]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        errors.contains(&format!(
            "content/2015/a.md:11:8: error: external link \"http://127.0.0.1:{port}/mat-trang\" failed: HTTP 404"
        )),
        "{errors}"
    );
    assert!(!errors.contains("/ok\""), "{errors}");
    let requests = server.join().expect("server");
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert!(
        requests.iter().all(|line| line.starts_with("HEAD ")),
        "{requests:?}"
    );
    let cache = std::fs::read_to_string(site.path(".bantin/external-links.json")).expect("cache");
    assert!(
        cache.contains(&format!("http://127.0.0.1:{port}/ok")),
        "{cache}"
    );
    assert!(cache.contains("HTTP 404"), "{cache}");
    // The success is cached; the failure is asked again (and the server is gone).
    let again = site.run(&["check", "--external"]);
    let errors = stderr(&again);
    assert_eq!(again.status.code(), Some(1));
    assert!(errors.contains("/mat-trang\" failed"), "{errors}");
    assert!(!errors.contains("/ok\" failed"), "cached success: {errors}");
    assert!(stdout(&again).is_empty() || !stdout(&again).contains("all answered"));
}

#[test]
fn a_menu_entry_to_a_missing_page_is_reported_once_at_its_site_yaml_line() {
    let site = TestSite::with_config(&format!(
        "{}  - {{name: Liên hệ, url: /lien-he/}}\n",
        common::SITE_YAML
    ));
    article(&site, "2015/a.md", "Bài A", "Mở đầu.\n");
    let (code, errors) = check(&site);
    assert_eq!(code, 1);
    assert!(
        errors.contains(
            "site.yaml:13:26: error: broken link \"/lien-he/\": nothing is published at /lien-he/"
        ),
        "{errors}"
    );
    assert_eq!(errors.matches("error: broken link").count(), 1, "{errors}");
}
