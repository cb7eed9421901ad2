//! `bantin new` and `bantin init`: what they write builds at once, and they
//! never overwrite anything.

mod common;

use common::{NOW, TestSite, bantin, stderr, stdout};

#[test]
fn new_scaffolds_a_commented_article_that_builds() {
    let site = TestSite::new();
    let output = site.run(&[
        "new",
        "Hội nghị tổng kết công tác năm 2025",
        "--category",
        "thong-bao",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = "content/2026/hoi-nghi-tong-ket-cong-tac-nam-2025.md";
    assert!(stdout(&output).contains(path), "{}", stdout(&output));
    let text = std::fs::read_to_string(site.path(path)).expect("scaffold");
    assert!(text.contains("\ntitle: \"Hội nghị tổng kết công tác năm 2025\"\n"));
    assert!(
        text.contains("\ndate: \"2026-01-01 00:00\"\n"),
        "now in the site zone: {text}"
    );
    assert!(text.contains("\ncategory: thong-bao\n"));
    for field in [
        "summary",
        "tags",
        "author",
        "department",
        "updated",
        "slug",
        "draft",
        "expires",
        "aliases",
        "image",
        "image_alt",
        "attachments",
        "extra",
    ] {
        assert!(
            text.contains(&format!("\n# {field}:")),
            "{field} explained: {text}"
        );
    }
    assert!(!text.contains("report:"));
    site.build(&[]);
    assert!(site.output_exists("2026/01/hoi-nghi-tong-ket-cong-tac-nam-2025/index.html"));
}

#[test]
fn new_with_report_adds_a_report_block_that_builds() {
    let site = TestSite::new();
    let output = site.run(&["new", "Báo cáo khuyến công quý I", "--report"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(site.path("content/2026/bao-cao-khuyen-cong-quy-i.md"))
        .expect("scaffold");
    assert!(
        text.contains("\nreport:\n  # Đơn vị thực hiện.\n"),
        "{text}"
    );
    assert!(text.contains("period: {from: 2026-01-01, to: 2026-01-01, label: năm 2026}"));
    assert!(
        text.contains("\ncategory: khuyen-cong\n"),
        "first category by default"
    );
    site.build(&[]);
    let html = site.read_output("2026/01/bao-cao-khuyen-cong-quy-i/index.html");
    assert!(html.contains("id=\"so-lieu-bao-cao\""));
}

#[test]
fn new_refuses_to_overwrite_and_to_guess_categories() {
    let site = TestSite::new();
    assert!(site.run(&["new", "Tin một"]).status.success());
    let path = site.path("content/2026/tin-mot.md");
    std::fs::write(&path, "đã sửa\n").expect("edit");
    let again = site.run(&["new", "Tin một"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists; bantin new never overwrites"));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "đã sửa\n");
    let unknown = site.run(&["new", "Tin hai", "--category", "khuyen-con"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean \"khuyen-cong\"?"));
    let empty = site.run(&["new", " ? "]);
    assert_eq!(empty.status.code(), Some(2));
}

#[test]
fn init_creates_a_site_that_builds_at_once() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path().join("so-moi");
    let output = bantin()
        .arg("init")
        .arg(&dir)
        .env("BANTIN_NOW", NOW)
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr(&output));
    for file in [
        "site.yaml",
        ".gitignore",
        "content/2026/chao-mung-den-voi-trang-tin.md",
        "themes/default/templates/article.html",
        "themes/default/templates/reports.html",
        "themes/default/static/assets/style.css",
        "themes/default/i18n/vi.yaml",
        "themes/default/i18n/en.yaml",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let config = std::fs::read_to_string(dir.join("site.yaml")).expect("site.yaml");
    assert!(config.contains("# Tên cơ quan, hiện ở đầu mọi trang."));
    let build = bantin()
        .args(["build", "--root"])
        .arg(&dir)
        .env("BANTIN_NOW", NOW)
        .output()
        .expect("build");
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(stderr(&build).is_empty(), "no warnings: {}", stderr(&build));
    let home = std::fs::read_to_string(dir.join("public/index.html")).expect("home");
    assert!(home.contains("Chào mừng đến với trang tin của Sở"));
    assert!(dir.join("public/bao-cao/index.html").is_file());
    let again = bantin().arg("init").arg(&dir).output().expect("run");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is not empty"));
}
