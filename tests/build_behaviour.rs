//! What `bantin build` guarantees: atomic and deterministic output, the
//! right articles in the right places, and a command line that explains itself.

mod common;

use std::collections::BTreeMap;

use common::{TestSite, files_under, stderr, stdout};

fn snapshot(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(dir.join(&file)).expect("read");
            (file, bytes)
        })
        .collect()
}

fn fixture() -> TestSite {
    let site = TestSite::new();
    site.simple(
        "2014/ket-qua.md",
        "Kết quả khuyến công 2014",
        "2014-09-24",
        "Khuyến công",
    );
    site.simple(
        "2015/thong-bao.md",
        "Thông báo nghỉ Tết",
        "2015-02-10 08:30",
        "thong-bao",
    );
    site.simple(
        "2016/dao-tao.md",
        "Đào tạo nghề chế biến chè",
        "2016-06-08",
        "khuyen-cong",
    );
    site
}

#[test]
fn a_failing_build_after_a_good_one_leaves_public_byte_identical() {
    let site = fixture();
    site.build(&[]);
    let before = snapshot(&site.path("public"));
    site.article(
        "2016/hong.md",
        "title: Hỏng\ndate: 2016-13-01\ncategory: khuyen-cong",
        "x\n",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(snapshot(&site.path("public")), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // `.bantin/` is bantin's state folder (next-change), not a leftover.
        .filter(|name| name.contains("bantin") && name != ".bantin")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_builds_produce_identical_bytes() {
    let site = fixture();
    site.build(&[]);
    let first = snapshot(&site.path("public"));
    site.build(&[]);
    assert_eq!(snapshot(&site.path("public")), first);
}

#[test]
fn a_rebuild_leaves_no_stale_files() {
    let site = fixture();
    site.build(&[]);
    assert!(site.output_exists("2015/02/thong-bao-nghi-tet/index.html"));
    std::fs::remove_file(site.path("content/2015/thong-bao.md")).expect("remove");
    site.build(&[]);
    assert!(!site.output_exists("2015/02/thong-bao-nghi-tet/index.html"));
    assert!(!site.output_exists("luu-tru/2015/index.html"));
}

#[test]
fn drafts_future_and_expired_articles() {
    let site = fixture();
    site.article(
        "2025/nhap.md",
        "title: Bản nháp\ndate: 2025-01-01\ncategory: khuyen-cong\ndraft: true",
        "x\n",
    );
    site.article(
        "2026/sau.md",
        "title: Sắp đăng\ndate: 2026-06-01\ncategory: khuyen-cong",
        "x\n",
    );
    site.article(
        "2020/het.md",
        "title: Đã hết hạn\ndate: 2020-01-01\ncategory: khuyen-cong\nexpires: 2021-01-01",
        "x\n",
    );
    site.build(&[]);
    assert!(!site.output_exists("2025/01/ban-nhap/index.html"));
    assert!(!site.output_exists("2026/06/sap-dang/index.html"));
    let expired = site.read_output("2020/01/da-het-han/index.html");
    assert!(expired.contains("<meta name=\"robots\" content=\"noindex\">"));
    for list in [
        "index.html",
        "chuyen-muc/khuyen-cong/index.html",
        "feed.xml",
        "rss.xml",
        "sitemap.xml",
        "chuyen-muc/khuyen-cong/feed.xml",
    ] {
        assert!(
            !site.read_output(list).contains("da-het-han"),
            "expired article listed in {list}"
        );
    }
    assert!(!site.output_exists("luu-tru/2020/index.html"));

    site.build(&["--drafts", "--future"]);
    let draft = site.read_output("2025/01/ban-nhap/index.html");
    assert!(draft.contains("badge-draft"));
    let future = site.read_output("2026/06/sap-dang/index.html");
    assert!(future.contains("badge-scheduled"));
    assert!(site.read_output("index.html").contains("sap-dang"));
}

#[test]
fn bom_crlf_and_nfd_input_become_clean_nfc_output() {
    let site = TestSite::new();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("---\r\ntitle: Khuye\u{302}\u{301}n co\u{302}ng Ta\u{302}n Uye\u{302}n\r\ndate: 2014-09-24\r\ncategory: khuyen-cong\r\n---\r\nDo\u{300}ng mo\u{31b}\u{309} \u{111}a\u{302}\u{300}u.\r\n".as_bytes());
    site.write_bytes("content/2014/nfd.md", &bytes);
    site.build(&[]);
    let page = site.read_output("2014/09/khuyen-cong-tan-uyen/index.html");
    assert!(page.contains("<h1 class=\"article-title\">Khuyến công Tân Uyên</h1>"));
    assert!(page.contains("Dòng mở đầu."));
    assert!(!page.contains('\r'));
}

#[test]
fn footnote_ids_are_unique_per_article() {
    let site = TestSite::new();
    site.article(
        "2014/a.md",
        "title: Bài A\ndate: 2014-01-01\ncategory: khuyen-cong",
        "Một[^1].\n\n[^1]: Chú thích A.\n",
    );
    site.article(
        "2014/b.md",
        "title: Bài B\ndate: 2014-01-02\ncategory: khuyen-cong",
        "Hai[^1].\n\n[^1]: Chú thích B.\n",
    );
    site.build(&[]);
    assert!(
        site.read_output("2014/01/bai-a/index.html")
            .contains("id=\"fn-bai-a-1\"")
    );
    assert!(
        site.read_output("2014/01/bai-b/index.html")
            .contains("id=\"fn-bai-b-1\"")
    );
}

#[test]
fn site_templates_override_theme_templates_file_by_file() {
    let site = fixture();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Trang riêng của Sở</p>{% endblock %}\n",
    );
    site.build(&[]);
    assert!(site.read_output("404.html").contains("Trang riêng của Sở"));
    assert!(site.read_output("index.html").contains("Tin mới nhất"));
}

#[test]
fn english_interface_strings_are_selectable() {
    let site = TestSite::with_config(&common::SITE_YAML.replace("language: vi", "language: en"));
    site.simple("2014/a.md", "Bài A", "2014-09-24", "khuyen-cong");
    site.build(&[]);
    let page = site.read_output("2014/09/bai-a/index.html");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Wednesday, 24 September 2014"));
    assert!(page.contains("Skip to main content"));
}

#[test]
fn pagination_splits_lists() {
    let site = fixture();
    site.build(&[]);
    assert!(site.output_exists("trang/2/index.html"));
    assert!(!site.output_exists("trang/3/index.html"));
    let second = site.read_output("trang/2/index.html");
    assert!(second.contains("rel=\"prev\""));
    assert!(second.contains("Trang 2 / 2"));
    assert!(site.output_exists("the/che/trang/2/index.html"));
}

#[test]
fn build_prints_a_summary_line() {
    let site = fixture();
    let output = site.build(&[]);
    let text = stdout(&output);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Built ") && first.contains(" pages (") && first.ends_with(" s"),
        "{text}"
    );
}

#[test]
fn timings_flag_prints_each_stage() {
    let site = fixture();
    let text = stdout(&site.build(&["--timings"]));
    for stage in [
        "load",
        "front matter",
        "markdown",
        "site",
        "render",
        "write",
    ] {
        assert!(text.contains(&format!("{stage}:")), "{text}");
    }
}

#[test]
fn output_folder_elsewhere_and_refusals() {
    let site = fixture();
    let elsewhere = tempfile::tempdir().expect("temp");
    let target = elsewhere.path().join("site-out");
    site.build(&["-o", target.to_str().expect("utf-8 path")]);
    assert!(target.join("index.html").is_file());
    assert!(!site.path("public").exists());

    let precious = tempfile::tempdir().expect("temp");
    std::fs::write(precious.path().join("luan-van.docx"), "quý").expect("write");
    let output = site.run(&["build", "-o", precious.path().to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("was not created by bantin"),
        "{}",
        stderr(&output)
    );
    assert!(precious.path().join("luan-van.docx").exists());

    for bad in [
        site.root().to_path_buf(),
        site.path("content"),
        site.path("content/out"),
        std::path::PathBuf::from("/"),
    ] {
        let output = site.run(&["build", "-o", bad.to_str().expect("utf-8")]);
        assert_eq!(output.status.code(), Some(2), "{}", bad.display());
        assert!(stderr(&output).contains("refusing"), "{}", stderr(&output));
    }
}

#[test]
fn exit_codes_and_help() {
    let output = common::bantin()
        .args(["build", "--no-such-flag"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let empty = tempfile::tempdir().expect("temp");
    let output = common::bantin()
        .args(["build", "--root"])
        .arg(empty.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("has no site.yaml"));
    let help = common::bantin()
        .args(["build", "--help"])
        .output()
        .expect("run");
    let text = stdout(&help);
    for flag in ["--drafts", "--future", "--base-url", "--output", "--root"] {
        assert!(text.contains(flag), "{text}");
    }
    assert_eq!(help.status.code(), Some(0));
}

#[test]
fn check_writes_nothing() {
    let site = fixture();
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("no errors"));
    assert!(!site.path("public").exists());
}
