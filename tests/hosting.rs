//! What a static host needs from the output: content-hashed CSS and JS,
//! redirects for old URLs, pre-compressed copies, and the next moment the
//! output changes by itself (scheduled publishing).

mod common;

use std::io::Read as _;

use common::{TestSite, files_under, stderr, stdout};
use sha2::{Digest, Sha256};

fn sample_article(site: &TestSite) {
    site.simple(
        "2014/ket-qua.md",
        "Kết quả khuyến công",
        "2014-09-24",
        "khuyen-cong",
    );
}

fn hash8(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[test]
fn css_and_js_are_published_under_their_content_hash_and_html_keeps_stable_urls() {
    let site = TestSite::new();
    sample_article(&site);
    site.build(&[]);
    let theme_css =
        std::fs::read(common::repo_root().join("themes/default/static/assets/style.css"))
            .expect("theme css");
    let name = format!("assets/style.{}.css", hash8(&theme_css));
    assert_eq!(
        std::fs::read(site.path("public").join(&name)).expect("fingerprinted css"),
        theme_css
    );
    assert!(!site.output_exists("assets/style.css"));
    let home = site.read_output("index.html");
    assert!(home.contains(&format!("href=\"/{name}\"")), "{home}");
    assert!(site.output_exists("2014/09/ket-qua-khuyen-cong/index.html"));
    // A site override of the style sheet gets its own hash.
    site.write("static/assets/style.css", "body { color: #222; }\n");
    site.build(&[]);
    let name = format!("assets/style.{}.css", hash8(b"body { color: #222; }\n"));
    assert!(
        site.output_exists(&name),
        "{:?}",
        files_under(&site.path("public/assets"))
    );
    assert!(site.read_output("index.html").contains(&name));
    // Images and other static files keep their names.
    site.write_bytes("static/files/logo.png", b"png");
    site.build(&[]);
    assert!(site.output_exists("files/logo.png"));
}

#[test]
fn aliases_become_redirect_pages_a_netlify_file_and_an_nginx_snippet() {
    let site = TestSite::with_config(&common::SITE_YAML.replace(
        "https://congthuong.example.gov.vn/",
        "https://example.github.io/so-cong-thuong/",
    ));
    site.article(
        "2014/ket-qua.md",
        "title: Kết quả khuyến công\ndate: 2014-09-24\ncategory: khuyen-cong\naliases: [/tin-tuc/1187.html, /tin-tuc/cu/]",
        "Nội dung.\n",
    );
    site.build(&[]);
    let page = site.read_output("tin-tuc/1187.html");
    let target = "/so-cong-thuong/2014/09/ket-qua-khuyen-cong/";
    assert!(
        page.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        )),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"https://example.github.io{target}\">"
    )));
    assert!(page.contains(&format!("<a href=\"{target}\">Kết quả khuyến công</a>")));
    assert!(site.output_exists("tin-tuc/cu/index.html"));
    let netlify = site.read_output("_redirects");
    assert!(
        netlify.contains(&format!("/so-cong-thuong/tin-tuc/1187.html  {target}  301")),
        "{netlify}"
    );
    let nginx = site.read_output("nginx-redirects.conf");
    assert!(
        nginx.contains(&format!(
            "location = \"/so-cong-thuong/tin-tuc/1187.html\" {{ return 301 \"{target}\"; }}"
        )),
        "{nginx}"
    );
}

#[test]
fn an_alias_on_a_page_or_on_another_alias_is_an_error_naming_both_files() {
    let site = TestSite::new();
    site.article(
        "2014/ket-qua.md",
        "title: Kết quả khuyến công\ndate: 2014-09-24\ncategory: khuyen-cong\naliases: [/tin-tuc/1.html]",
        "Nội dung.\n",
    );
    site.article(
        "2015/moi.md",
        "title: Bài mới\ndate: 2015-01-05\ncategory: khuyen-cong\naliases:\n  - /tin-tuc/1.html\n  - /2014/09/ket-qua-khuyen-cong/",
        "Nội dung.\n",
    );
    let output = site.run(&["check"]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        errors.contains("content/2014/ket-qua.md:5:11: error: alias /tin-tuc/1.html is also an alias of content/2015/moi.md"),
        "{errors}"
    );
    assert!(
        errors.contains("content/2015/moi.md:7:5: error: alias /2014/09/ket-qua-khuyen-cong/ is the URL of a page: content/2014/ket-qua.md"),
        "{errors}"
    );
}

#[test]
fn compression_is_off_by_default_and_on_writes_deterministic_gzip_and_brotli_copies() {
    let site = TestSite::new();
    sample_article(&site);
    site.build(&[]);
    let files = files_under(&site.path("public"));
    assert!(
        !files
            .iter()
            .any(|file| file.ends_with(".gz") || file.ends_with(".br"))
    );

    let site = TestSite::with_config(&format!("{}compress: true\n", common::SITE_YAML));
    sample_article(&site);
    site.build(&[]);
    let first = std::fs::read(site.path("public/index.html.gz")).expect("gzip copy");
    let mut html = String::new();
    flate2::read::GzDecoder::new(&first[..])
        .read_to_string(&mut html)
        .expect("gunzip");
    assert_eq!(html, site.read_output("index.html"));
    let brotli = std::fs::read(site.path("public/index.html.br")).expect("brotli copy");
    let mut from_brotli = String::new();
    brotli::Decompressor::new(&brotli[..], 4096)
        .read_to_string(&mut from_brotli)
        .expect("brotli");
    assert_eq!(from_brotli, html);
    let files = files_under(&site.path("public"));
    assert!(
        files
            .iter()
            .any(|file| file.starts_with("assets/style.") && file.ends_with(".css.gz"))
    );
    assert!(!files.iter().any(|file| file.ends_with(".png.gz")));
    assert!(
        !site.output_exists("robots.txt.gz"),
        "small and not in the list"
    );
    site.build(&[]);
    assert_eq!(
        std::fs::read(site.path("public/index.html.gz")).expect("again"),
        first
    );
}

#[test]
fn build_prints_and_writes_the_next_scheduled_change() {
    let site = TestSite::new();
    sample_article(&site);
    site.build(&[]);
    let state = site.path(".bantin/next-change");
    assert_eq!(std::fs::read_to_string(&state).expect("state"), "none\n");
    // Fixtures build at 2026-01-01T00:00+07:00.
    site.simple(
        "2026/sap-dang.md",
        "Bài hẹn giờ",
        "2026-02-10 08:00",
        "thong-bao",
    );
    site.article(
        "2025/het-han.md",
        "title: Thông báo có hạn\ndate: 2025-12-01\ncategory: thong-bao\nexpires: 2026-01-20",
        "Nội dung.\n",
    );
    let output = site.build(&[]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "Next scheduled change: 2026-01-20T00:00:00+07:00 (content/2025/het-han.md: expires)"
        ),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(&state).expect("state"),
        "2026-01-20T00:00:00+07:00\n"
    );
    assert!(!site.output_exists(".bantin"), "never inside public/");
    // After the expiry, the scheduled article is next.
    let later = site.run_at(&["build"], "2026-01-21T00:00:00+07:00");
    assert!(later.status.success(), "{}", stderr(&later));
    assert_eq!(
        std::fs::read_to_string(&state).expect("state"),
        "2026-02-10T08:00:00+07:00\n"
    );
}
