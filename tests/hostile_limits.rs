//! Limits: broken and oversized input ends, within a bounded time, in a
//! clear message naming the file, and the previous output stays intact.
//! The limits are documented in docs/security.md ("Limits").

mod common;

use std::time::Duration;

use common::{TestSite, stderr};

/// Every case here finishes well inside this on a loaded 2-core machine.
const LIMIT: Duration = Duration::from_secs(60);

/// Builds `site` expecting content errors; returns stderr.
fn failing_build(site: &TestSite) -> String {
    let output = site.run_within(LIMIT, &["build"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    message
}

fn article(title: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2025-01-01\ncategory: khuyen-cong\n---\nNội dung.\n")
}

#[test]
fn yaml_alias_bomb_is_refused_quickly() {
    let site = TestSite::new();
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, previous) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
        ("h", "g"),
        ("i", "h"),
    ] {
        yaml.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
    }
    site.write(
        "content/2025/bom.md",
        &format!(
            "---\ntitle: Bom\ndate: 2025-01-01\ncategory: khuyen-cong\nextra:\n  {}\n---\n",
            yaml.trim_end().replace('\n', "\n  ")
        ),
    );
    let message = failing_build(&site);
    assert!(message.contains("content/2025/bom.md:"), "{message}");
    assert!(
        message.contains("YAML aliases (*name) may not expand into huge documents"),
        "{message}"
    );
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let site = TestSite::new();
    let depth = 100_000;
    site.write(
        "content/2025/sau.md",
        &format!(
            "---\ntitle: Sâu\ndate: 2025-01-01\ncategory: khuyen-cong\nextra: {}{}\n---\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let mut indented =
        String::from("---\ntitle: Thụt lề\ndate: 2025-01-01\ncategory: khuyen-cong\nextra:\n");
    for level in 1..400 {
        indented.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
    }
    indented.push_str("---\n");
    site.write("content/2025/thut-le.md", &indented);
    let message = failing_build(&site);
    assert!(
        message.contains("content/2025/sau.md:5:1: error: YAML nested deeper than 64 levels"),
        "{message}"
    );
    assert!(message.contains("content/2025/thut-le.md:"), "{message}");
    assert_eq!(
        message.matches("nested deeper than 64 levels").count(),
        2,
        "{message}"
    );
}

#[test]
fn a_ten_megabyte_article_is_refused_by_size() {
    let site = TestSite::new();
    let body = "a".repeat(10 * 1024 * 1024);
    site.write(
        "content/2025/dai.md",
        &format!("{}{body}", article("Rất dài")),
    );
    let message = failing_build(&site);
    assert!(
        message.contains("content/2025/dai.md: error: file is 10 MB; the limit is 8 MB"),
        "{message}"
    );
    assert!(message.contains("split the article"), "{message}");
}

#[test]
fn a_large_legal_article_builds_in_bounded_time() {
    // Just under the limit, with Markdown that stresses the parser: many
    // emphasis openers, nested quotes and lists, link brackets.
    let site = TestSite::new();
    let mut body = String::new();
    body.push_str(&"*a **b _c ".repeat(20_000));
    body.push_str("\n\n");
    body.push_str(&"> ".repeat(5_000));
    body.push_str("trích dẫn sâu\n\n");
    body.push_str(&"[".repeat(50_000));
    body.push_str("\n\n");
    for index in 0..3_000 {
        body.push_str(&format!("{}- mục {index}\n", "  ".repeat(index % 50)));
    }
    while body.len() < 6 * 1024 * 1024 {
        body.push_str("Chín tháng đầu năm 2014, hoạt động khuyến công được triển khai. ");
    }
    site.write(
        "content/2025/lon.md",
        &format!("{}{body}", article("Bài rất lớn")),
    );
    let output = site.run_within(LIMIT * 2, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.output_exists("2025/01/bai-rat-lon/index.html"));
}

#[test]
fn ten_thousand_tags_are_one_clear_error() {
    let site = TestSite::new();
    let tags: Vec<String> = (0..10_000).map(|index| format!("thẻ {index}")).collect();
    site.write(
        "content/2025/the.md",
        &format!(
            "---\ntitle: Nhiều thẻ\ndate: 2025-01-01\ncategory: khuyen-cong\ntags: [{}]\n---\n",
            tags.join(", ")
        ),
    );
    let message = failing_build(&site);
    assert!(
        message
            .contains("content/2025/the.md:5:7: error: 10000 tags; an article may have at most 50"),
        "{message}"
    );
    assert_eq!(message.matches("error:").count(), 2, "{message}");
}

#[test]
fn a_two_thousand_character_title_is_refused() {
    let site = TestSite::new();
    site.write("content/2025/tieu-de.md", &article(&"Tiêu đề ".repeat(250)));
    let message = failing_build(&site);
    assert!(
        message.contains(
            "content/2025/tieu-de.md:2:8: error: title is 1999 characters long; the limit is 300"
        ),
        "{message}"
    );
}

#[test]
fn overlong_fields_are_refused_with_their_limit() {
    let site = TestSite::new();
    site.write(
        "content/2025/truong.md",
        &format!(
            "---\ntitle: Trường dài\ndate: 2025-01-01\ncategory: khuyen-cong\nsummary: {}\nauthor: {}\ntags: [{}]\n---\n",
            "a".repeat(2_001),
            "b".repeat(301),
            "c".repeat(101)
        ),
    );
    let message = failing_build(&site);
    for expected in [
        "summary is 2001 characters long; the limit is 2000",
        "author is 301 characters long; the limit is 300",
        "a tag is 101 characters long; the limit is 100",
    ] {
        assert!(message.contains(expected), "{expected}:\n{message}");
    }
}

#[test]
fn a_symlink_loop_in_content_is_reported_not_followed() {
    let site = TestSite::new();
    site.write("content/2025/a.md", &article("Bài một"));
    std::os::unix::fs::symlink(site.path("content"), site.path("content/2025/vong")).expect("link");
    let message = failing_build(&site);
    assert!(
        message.contains("content/2025/vong: error: symbolic link loop"),
        "{message}"
    );
}

#[test]
fn binary_empty_and_headless_files_each_get_their_message() {
    let site = TestSite::new();
    site.write_bytes(
        "content/2025/anh.md",
        &[
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
        ],
    );
    site.write("content/2025/rong.md", "");
    site.write(
        "content/2025/khong-front-matter.md",
        "Chỉ có nội dung, không có phần đầu.\n",
    );
    site.write("content/2025/toml.md", "+++\ntitle = \"x\"\n+++\n");
    site.write_bytes("content/2025/utf16.md", &[0xFF, 0xFE, b'-', 0, b'-', 0]);
    site.write_bytes("content/2025/latin1.md", b"---\ntitle: caf\xe9\n---\n");
    site.write("content/2025/chua-dong.md", "---\ntitle: Chưa đóng\n");
    let message = failing_build(&site);
    for expected in [
        "content/2025/anh.md: error: file contains NUL bytes: it is binary, not text",
        "content/2025/rong.md: error: file is empty",
        "content/2025/khong-front-matter.md:1:1: error: missing front matter",
        "not TOML (+++)",
        "content/2025/utf16.md: error: file is UTF-16; bantin reads UTF-8",
        "content/2025/latin1.md: error: file is not UTF-8 text (invalid byte at line 2)",
        "content/2025/chua-dong.md:1:1: error: front matter is not closed",
    ] {
        assert!(message.contains(expected), "{expected}:\n{message}");
    }
    assert!(message.contains("found 7 problems"), "{message}");
}

#[test]
fn errors_leave_the_previous_output_intact() {
    let site = TestSite::new();
    site.write("content/2025/a.md", &article("Bài một"));
    site.build_bounded();
    let before = std::fs::read(site.path("public/index.html")).expect("read");
    site.write("content/2025/rong.md", "");
    failing_build(&site);
    assert_eq!(
        std::fs::read(site.path("public/index.html")).expect("read"),
        before
    );
}

#[test]
fn nfd_nfc_crlf_and_pasted_control_characters_become_one_clean_form() {
    let site = TestSite::new();
    let nfd_title = "Khuye\u{302}\u{301}n co\u{302}ng Ta\u{302}n Uye\u{302}n";
    site.write(
        "content/2025/nfd.md",
        &format!(
            "---\r\ntitle: {nfd_title}\r\ndate: 2025-01-02\r\ncategory: khuyen-cong\r\ntags: [Ta\u{302}n Uye\u{302}n]\r\n---\r\nDo\u{300}ng mo\u{323}\u{302}t.\r\n"
        ),
    );
    site.write(
        "content/2025/nfc.md",
        "---\ntitle: \"Khuyến công\\vđợt hai\"\ndate: 2025-01-01\ncategory: khuyen-cong\ntags: [Tân Uyên]\n---\nDòng một.\n",
    );
    let output = site.run_within(LIMIT, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = site.read_output("2025/01/khuyen-cong-tan-uyen/index.html");
    assert!(
        page.contains("<h1>Khuyến công Tân Uyên</h1>") || page.contains(">Khuyến công Tân Uyên<"),
        "title is NFC"
    );
    assert!(!page.contains('\r'));
    assert!(page.contains("Dòng một."));
    let tag_page = site.read_output("the/tan-uyen/index.html");
    assert!(tag_page.contains("Khuyến công Tân Uyên") && tag_page.contains("Khuyến công đợt hai"));
    assert!(
        !tag_page.contains('\u{b}'),
        "the vertical tab pasted from Word is gone"
    );
}
