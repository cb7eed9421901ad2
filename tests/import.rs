//! `bantin import` end to end: one fixture per quirk of the legacy format and
//! per encoding (TCVN3 and Windows-1258 bytes are made from their mappings),
//! the round trip import -> build -> article page, and everything that must
//! be reported: unparseable inputs with their line, existing files never
//! overwritten, a closing summary.

mod common;

use bantin::import::{decode, tcvn3};
use common::{SITE_YAML, TestSite, stderr, stdout};
use scraper::{Html, Selector};
use unicode_normalization::UnicodeNormalization;

fn site() -> TestSite {
    TestSite::with_config(&format!(
        "{SITE_YAML}departments:\n  QLCN: Phòng Quản lý Công nghiệp\n  VP: Văn phòng Sở\n"
    ))
}

/// A legacy bulletin in our own words (facts from the 2014 reference).
const BULLETIN: &str = "Tổng kết đào tạo nghề chế biến chè năm 2014


2014-09-24 - Năm 2014, công tác khuyến công của tỉnh đạt nhiều kết quả đáng ghi nhận.

Hoạt động Khuyến công: Ba đề án khuyến công quốc gia được duyệt với tổng kinh phí 252,85 triệu đồng.

   Lớp đào tạo nghề chế biến chè mở cho 105 lao động ở Tân Uyên.

Nguồn:Nguyễn Luyến (Phòng QLCN)
";

fn import(site: &TestSite, files: &[&str], extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import"];
    let paths: Vec<String> = files
        .iter()
        .map(|file| site.path(file).to_string_lossy().into_owned())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    args.extend_from_slice(extra);
    site.run(&args)
}

fn read(site: &TestSite, relative: &str) -> String {
    std::fs::read_to_string(site.path(relative)).expect("imported file")
}

const OUTPUT: &str = "content/2014/tong-ket-dao-tao-nghe-che-bien-che-nam-2014.md";

#[test]
fn a_legacy_bulletin_becomes_front_matter_and_markdown() {
    let site = site();
    site.write("legacy/a.txt", BULLETIN);
    let output = import(&site, &["legacy/a.txt"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("(UTF-8)"), "{}", stdout(&output));
    assert!(stdout(&output).ends_with("imported 1, skipped 0\n"));
    let text = read(&site, OUTPUT);
    assert!(
        text.contains("\ntitle: \"Tổng kết đào tạo nghề chế biến chè năm 2014\"\n"),
        "{text}"
    );
    assert!(text.contains("\ndate: 2014-09-24\n"));
    assert!(text.contains("\ncategory: khuyen-cong\n"));
    assert!(text.contains(
        "\nsummary: \"Năm 2014, công tác khuyến công của tỉnh đạt nhiều kết quả đáng ghi nhận.\"\n"
    ));
    assert!(text.contains("\nauthor: \"Nguyễn Luyến\"\n"));
    assert!(
        text.contains("\ndepartment: \"Phòng Quản lý Công nghiệp\"\n"),
        "{text}"
    );
    assert!(text.ends_with(
        "---\n\n**Hoạt động Khuyến công:** Ba đề án khuyến công quốc gia được duyệt với tổng kinh phí 252,85 triệu đồng.\n\nLớp đào tạo nghề chế biến chè mở cho 105 lao động ở Tân Uyên.\n"
    ), "{text}");
}

#[test]
fn round_trip_import_build_shows_the_same_paragraphs_date_and_source() {
    let site = site();
    site.write("legacy/a.txt", BULLETIN);
    assert!(import(&site, &["legacy/a.txt"], &[]).status.success());
    site.build(&[]);
    let html = site.read_output("2014/09/tong-ket-dao-tao-nghe-che-bien-che-nam-2014/index.html");
    let page = Html::parse_document(&html);
    let texts = |css: &str| -> Vec<String> {
        let selector = Selector::parse(css).expect("selector");
        page.select(&selector)
            .map(|element| element.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        texts(".article-lead"),
        ["Năm 2014, công tác khuyến công của tỉnh đạt nhiều kết quả đáng ghi nhận."]
    );
    assert_eq!(
        texts(".article-body p"),
        [
            "Hoạt động Khuyến công: Ba đề án khuyến công quốc gia được duyệt với tổng kinh phí 252,85 triệu đồng.",
            "Lớp đào tạo nghề chế biến chè mở cho 105 lao động ở Tân Uyên."
        ]
    );
    assert_eq!(texts(".article-body p strong"), ["Hoạt động Khuyến công:"]);
    assert_eq!(texts(".article-meta time"), ["Thứ Tư, 24/09/2014"]);
    assert_eq!(
        texts(".article-source"),
        ["Nguồn: Nguyễn Luyến (Phòng Quản lý Công nghiệp)"]
    );
}

#[test]
fn every_encoding_is_detected_named_and_written_as_nfc() {
    let site = site();
    let text = BULLETIN.replace("Tổng kết", "Kết quả");
    let crlf = text.replace('\n', "\r\n");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(crlf.as_bytes());
    let nfd: String = text.replace("Kết quả", "Báo cáo").nfd().collect();
    let fixtures: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf8-bom.txt", bom, "(UTF-8 with BOM)"),
        (
            "utf16.txt",
            decode::encode_utf16le_with_bom(&text.replace("Kết quả", "Sơ kết")),
            "(UTF-16LE)",
        ),
        (
            "tcvn3.txt",
            tcvn3::encode(&text.replace("Kết quả", "Tóm tắt")).expect("TCVN3"),
            "(TCVN3, detected: 100% Vietnamese syllables)",
        ),
        (
            "cp1258.txt",
            decode::encode_windows_1258(&text.replace("Kết quả", "Đánh giá")).expect("1258"),
            "(Windows-1258, detected: 100% Vietnamese syllables)",
        ),
        ("nfd.txt", nfd.into_bytes(), "(UTF-8)"),
    ];
    for (name, bytes, _) in &fixtures {
        site.write_bytes(&format!("legacy/{name}"), bytes);
    }
    let output = import(&site, &["legacy"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    for (name, _, said) in &fixtures {
        let line = printed
            .lines()
            .find(|line| line.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{printed}"));
        assert!(line.ends_with(said), "{line}");
    }
    assert!(printed.ends_with("imported 5, skipped 0\n"), "{printed}");
    for (slug, title) in [
        ("ket-qua", "Kết quả"),
        ("so-ket", "Sơ kết"),
        ("tom-tat", "Tóm tắt"),
        ("danh-gia", "Đánh giá"),
        ("bao-cao", "Báo cáo"),
    ] {
        let text = read(
            &site,
            &format!("content/2014/{slug}-dao-tao-nghe-che-bien-che-nam-2014.md"),
        );
        assert!(!text.contains('\r'), "{slug}: LF only");
        assert_eq!(text, text.nfc().collect::<String>(), "{slug}: NFC");
        assert!(
            text.contains(&format!(
                "title: \"{title} đào tạo nghề chế biến chè năm 2014\""
            )),
            "{text}"
        );
        assert!(
            text.contains("Lớp đào tạo nghề chế biến chè mở cho 105 lao động ở Tân Uyên."),
            "{slug}"
        );
        assert!(text.contains("author: \"Nguyễn Luyến\""), "{slug}");
    }
    site.build(&[]);
}

#[test]
fn layout_quirks_are_handled() {
    let site = site();
    // Day-first date with an en dash, a title wrapped over two lines, NBSP
    // indents, a list, "Nguồn :" glued to the last paragraph, a bare
    // abbreviation and Markdown characters that must stay text.
    site.write(
        "legacy/quirks.txt",
        "Phiên chợ hàng Việt\nvề miền núi\n\n\n\n24/09/2014 – Phiên chợ diễn ra tại Mường Tè.\n\n\u{a0}\u{a0}Các mặt hàng: *gạo*, [chè] & <muối>.\n\n- mười gian hàng\n- ba nghìn lượt khách\n\n1. Không phải danh sách\nNguồn : Trần Văn B (VP)\n",
    );
    let output = import(&site, &["legacy/quirks.txt"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = read(&site, "content/2014/phien-cho-hang-viet-ve-mien-nui.md");
    assert!(
        text.contains("title: \"Phiên chợ hàng Việt về miền núi\""),
        "{text}"
    );
    assert!(text.contains("date: 2014-09-24"));
    assert!(text.contains("department: \"Văn phòng Sở\""), "{text}");
    assert!(text.contains("author: \"Trần Văn B\""));
    assert!(
        text.contains("\n**Các mặt hàng:** \\*gạo\\*, \\[chè\\] \\& \\<muối\\>.\n"),
        "{text}"
    );
    assert!(
        text.contains("\n- mười gian hàng\n- ba nghìn lượt khách\n"),
        "{text}"
    );
    assert!(text.contains("\n1\\. Không phải danh sách\n"), "{text}");
    site.build(&[]);
    let html = site.read_output("2014/09/phien-cho-hang-viet-ve-mien-nui/index.html");
    assert!(
        html.contains("<strong>Các mặt hàng:</strong> *gạo*, [chè] &amp; &lt;muối&gt;."),
        "{html}"
    );
    assert!(html.contains("<li>ba nghìn lượt khách</li>"));
    assert!(html.contains("<p>1. Không phải danh sách</p>"));
}

#[test]
fn unparseable_inputs_are_reported_with_reason_and_line_and_counted() {
    let site = site();
    site.write("legacy/1-good.txt", BULLETIN);
    site.write(
        "legacy/2-no-date.txt",
        "Tiêu đề\n\nKhông có dòng ngày tháng\n\nĐoạn.\n",
    );
    site.write(
        "legacy/3-bad-date.txt",
        "Tiêu đề khác\n\n2014-02-30 - Mở đầu\n",
    );
    site.write("legacy/4-empty.txt", "\n \n");
    site.write_bytes(
        "legacy/5-binary.txt",
        &[0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x00, 0xFF],
    );
    site.write(
        "legacy/6-no-source.txt",
        "Chỉ có tiêu đề\n\n2014-09-25 - Mở đầu\n\nĐoạn.\n",
    );
    site.write("legacy/ghi-chu.md", "not a .txt file: ignored in folders");
    let output = import(&site, &["legacy"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for expected in [
        "legacy/2-no-date.txt:3:1: error: expected the date line `YYYY-MM-DD - lead`, found \"Không có dòng ngày tháng\"",
        "legacy/3-bad-date.txt:3:1: error: 2014-02-30 is not a date",
        "legacy/4-empty.txt:1:1: error: the file is empty",
        "legacy/5-binary.txt: error: cannot tell the encoding",
        "legacy/6-no-source.txt:5: warning: no `Nguồn:` line",
    ] {
        assert!(errors.contains(expected), "missing {expected}\n{errors}");
    }
    assert!(
        stdout(&output).ends_with("imported 2, skipped 4\n"),
        "{}",
        stdout(&output)
    );
    assert!(!errors.contains("ghi-chu.md"));
}

#[test]
fn existing_files_are_never_overwritten_and_dry_runs_write_nothing() {
    let site = site();
    site.write("legacy/a.txt", BULLETIN);
    let dry = import(&site, &["legacy/a.txt"], &["--dry-run"]);
    assert!(dry.status.success());
    assert!(stdout(&dry).contains("would import 1, skipped 0 (dry run: nothing written)"));
    assert!(!site.path(OUTPUT).exists());
    site.write(OUTPUT, "bài đã sửa tay\n");
    let again = import(&site, &["legacy/a.txt"], &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists; bantin import never overwrites"));
    assert!(stdout(&again).ends_with("imported 0, skipped 1\n"));
    assert_eq!(read(&site, OUTPUT), "bài đã sửa tay\n");
    let elsewhere = site.path("elsewhere").to_string_lossy().into_owned();
    let twice = import(
        &site,
        &["legacy/a.txt", "legacy/a.txt"],
        &["--out", &elsewhere],
    );
    assert!(
        stdout(&twice).ends_with("imported 1, skipped 1\n"),
        "{}",
        stdout(&twice)
    );
}

#[test]
fn category_and_output_folder_can_be_chosen() {
    let site = site();
    site.write("legacy/a.txt", BULLETIN);
    let unknown = import(&site, &["legacy/a.txt"], &["--category", "thong-bo"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("did you mean \"thong-bao\"?"),
        "{}",
        stderr(&unknown)
    );
    let out = site.path("moi").to_string_lossy().into_owned();
    let output = import(
        &site,
        &["legacy/a.txt"],
        &["--category", "Thông báo", "--out", &out],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = read(
        &site,
        "moi/2014/tong-ket-dao-tao-nghe-che-bien-che-nam-2014.md",
    );
    assert!(text.contains("\ncategory: thong-bao\n"));
    let missing = import(&site, &["legacy/khong-co.txt"], &[]);
    assert_eq!(missing.status.code(), Some(2));
}
