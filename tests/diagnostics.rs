//! Every content error reported together, each at `file:line:col` with the
//! source line, a caret and a hint; exit code 1; nothing written.

mod common;

use common::{TestSite, stderr};

fn failing_check(site: &TestSite) -> String {
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
}

#[test]
fn unknown_field_names_file_line_column_and_suggests_the_field() {
    let site = TestSite::new();
    site.article(
        "2014/x.md",
        "title: Bài thử\ndate: 2014-09-24\ncategory: khuyen-cong\ntag: [chè]",
        "Nội dung\n",
    );
    let text = failing_check(&site);
    assert!(
        text.contains("content/2014/x.md:5:1: error: unknown field \"tag\" in front matter\n"),
        "{text}"
    );
    assert!(text.contains("5 | tag: [chè]\n  | ^^^\n"), "{text}");
    assert!(text.contains("= hint: did you mean \"tags\"?"), "{text}");
}

#[test]
fn bad_dates_empty_titles_wrong_types_and_undeclared_categories_are_all_reported() {
    let site = TestSite::new();
    site.article(
        "2014/a.md",
        "title: Một\ndate: 2014-13-45\ncategory: khuyen-cong",
        "x\n",
    );
    site.article(
        "2014/b.md",
        "title: Hai\ndate: 24/09/2014\ncategory: khuyen-cong",
        "x\n",
    );
    site.article(
        "2014/c.md",
        "title: \"  \"\ndate: 2014-09-24\ncategory: khuyen-cong",
        "x\n",
    );
    site.article(
        "2014/d.md",
        "title: Bốn\ndate: 2014-09-24\ncategory: Xúc tiến",
        "x\n",
    );
    site.article(
        "2014/e.md",
        "title: Năm\ndate: 2014-09-24\ncategory: khuyen-cong\ntags: chè\ndraft: maybe",
        "x\n",
    );
    let text = failing_check(&site);
    assert!(
        text.contains("content/2014/a.md:3:7: error: invalid date: \"2014-13-45\" has no month 13"),
        "{text}"
    );
    assert!(
        text.contains("content/2014/b.md:3:7: error: invalid date: \"24/09/2014\" is day-first"),
        "{text}"
    );
    assert!(text.contains("= hint: write 2014-09-24"), "{text}");
    assert!(
        text.contains("content/2014/c.md:2:8: error: \"title\" is empty"),
        "{text}"
    );
    assert!(
        text.contains(
            "content/2014/d.md:4:11: error: category \"Xúc tiến\" is not declared in site.yaml"
        ),
        "{text}"
    );
    assert!(
        text.contains("content/2014/e.md:5:7: error: \"tags\" must be a list, found text"),
        "{text}"
    );
    assert!(text.contains("= hint: write a list: tags: [chè]"), "{text}");
    assert!(
        text.contains("content/2014/e.md:6:8: error: \"draft\" must be true or false"),
        "{text}"
    );
    assert!(text.contains("error: found 6 problems"), "{text}");
}

#[test]
fn yaml_syntax_errors_point_at_the_file_line() {
    let site = TestSite::new();
    site.article(
        "2014/x.md",
        "title: Bài thử\ndate: 2014-09-24\ncategory: khuyen-cong\nsummary: Chủ đề: nội dung chính",
        "x\n",
    );
    let text = failing_check(&site);
    assert!(text.contains("content/2014/x.md:5:"), "{text}");
    assert!(text.contains("must be quoted"), "{text}");
}

#[test]
fn two_articles_with_one_url_name_both_files() {
    let site = TestSite::new();
    site.simple("2014/mot.md", "Cùng tiêu đề", "2014-09-24", "khuyen-cong");
    site.simple("2014/hai.md", "Cùng tiêu đề", "2014-09-25", "thong-bao");
    let text = failing_check(&site);
    assert!(text.contains("content/2014/mot.md: error: URL /2014/09/cung-tieu-de/ is also the URL of content/2014/hai.md"), "{text}");
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let site = TestSite::new();
    site.write_bytes("content/2014/cu.md", b"---\ntitle: K\xeat qu\xe1\n---\n");
    let text = failing_check(&site);
    assert!(
        text.contains("content/2014/cu.md: error: file is not UTF-8 text (invalid byte at line 2)"),
        "{text}"
    );
}

#[test]
fn missing_front_matter_and_empty_files_are_explained() {
    let site = TestSite::new();
    site.write("content/2014/trong.md", "");
    site.write("content/2014/khong.md", "Chỉ có nội dung.\n");
    let text = failing_check(&site);
    assert!(
        text.contains("content/2014/trong.md: error: file is empty"),
        "{text}"
    );
    assert!(
        text.contains("content/2014/khong.md:1:1: error: missing front matter"),
        "{text}"
    );
}

#[test]
fn site_yaml_errors_are_located_too() {
    let site = TestSite::with_config(
        &common::SITE_YAML.replace("paginate: 2", "paginate: hai\ntimezone_: x"),
    );
    let text = failing_check(&site);
    assert!(
        text.contains("site.yaml:6:11: error: \"paginate\" must be a whole number, found \"hai\""),
        "{text}"
    );
    assert!(
        text.contains("site.yaml:7:1: error: unknown field \"timezone_\" in site.yaml"),
        "{text}"
    );
}

#[test]
fn a_failed_build_writes_nothing_and_says_so() {
    let site = TestSite::new();
    site.article(
        "2014/x.md",
        "title: X\ndate: 2014-02-30\ncategory: khuyen-cong",
        "x\n",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("nothing was written"));
    assert!(!site.path("public").exists());
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = TestSite::new();
    site.simple("2014/x.md", "Bài", "2014-09-24", "khuyen-cong");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ article.titel }}\n{% endblock %}\n",
    );
    let text = failing_check(&site);
    assert!(text.contains("templates/article.html:3:"), "{text}");
    assert!(text.contains("undefined"), "{text}");
}
