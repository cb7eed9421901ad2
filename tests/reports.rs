//! Activity reports end to end: every report mistake reported by `check` and
//! `build` at its file:line; the figures table and the SVG chart on the
//! article page; the `/bao-cao/` overview; attachments and cover images.

mod common;

use common::{TestSite, stderr};
use scraper::{Html, Selector};

const REPORT_ARTICLE: &str = "title: Kết quả khuyến công năm 2014
date: 2014-09-24
category: khuyen-cong
report:
  unit: Trung tâm Khuyến công
  period: {from: 2014-01-01, to: 2014-12-31, label: năm 2014}
  money_unit: triệu đồng
  total_budget: 1250.5
  items:
    - {name: Đào tạo nghề chế biến chè, budget: 1175.65, people: 1250, place: Tân Uyên, status: done}
    - {name: Mô hình trình diễn tăm hương, budget: 74.85, place: Sìn Hồ, status: in_progress}";

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("selector");
    page.select(&selector).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `<svg>...</svg>` of a page, as text.
fn svgs(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg xmlns") {
        let end = rest[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
        found.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    found
}

#[test]
fn every_report_mistake_is_reported_at_its_line_by_check_and_build() {
    let site = TestSite::new();
    site.article(
        "2014/bao-cao-loi.md",
        "title: Báo cáo có lỗi
date: 2014-09-24
category: khuyen-cong
report:
  unit: Trung tâm
  period: {from: 2014-09-30, to: 2014-01-01}
  total_budget: 250
  items:
    - name: Hoạt động A
      budget: -5
      people: 10.5
      status: finished
    - name: Hoạt động B
      budget: 100",
        "Nội dung\n",
    );
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let text = stderr(&output);
        let file = "content/2014/bao-cao-loi.md";
        for expected in [
            format!(
                "{file}:7:34: error: the period ends (2014-01-01) before it starts (2014-09-30)"
            ),
            format!("{file}:8:17: error: total_budget is 250 but the items add up to 100"),
            format!("{file}:11:15: error: amount -5 is negative"),
            format!("{file}:12:15: error: people must be a whole number of persons, found 10.5"),
            format!("{file}:13:15: error: unknown status \"finished\""),
        ] {
            assert!(
                text.contains(&expected),
                "{command}: missing {expected}\n{text}"
            );
        }
        assert!(
            text.contains("= hint: use one of planned, in_progress, done, cancelled")
                || text.contains("did you mean"),
            "{text}"
        );
        assert!(!site.output_exists("index.html"), "nothing written");
    }
}

#[test]
fn article_page_shows_the_figures_table_the_vietnamese_way() {
    let site = TestSite::new();
    site.article("2014/bao-cao.md", REPORT_ARTICLE, "Nội dung báo cáo.\n");
    site.build(&[]);
    let html = site.read_output("2014/09/ket-qua-khuyen-cong-nam-2014/index.html");
    let page = Html::parse_document(&html);
    let facts: Vec<String> = select(&page, ".report-facts dd").iter().map(text).collect();
    assert_eq!(
        facts,
        [
            "Trung tâm Khuyến công",
            "năm 2014 (01/01/2014 – 31/12/2014)",
            "1.250,5 triệu đồng",
            "1.250"
        ]
    );
    let rows: Vec<String> = select(&page, ".report-table tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        rows,
        [
            "1 Đào tạo nghề chế biến chè Tân Uyên 1.250 1.175,65 Hoàn thành",
            "2 Mô hình trình diễn tăm hương Sìn Hồ 74,85 Đang thực hiện"
        ]
    );
    let total: Vec<String> = select(&page, ".report-table tfoot tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(total, ["Tổng cộng 1.250 1.250,5"]);
    let headers: Vec<String> = select(&page, ".report-table thead th")
        .iter()
        .map(text)
        .collect();
    assert!(
        headers.contains(&"Kinh phí (triệu đồng)".to_string()),
        "{headers:?}"
    );
}

#[test]
fn chart_is_well_formed_accessible_svg_without_script() {
    let site = TestSite::new();
    site.article(
        "2014/bao-cao.md",
        &REPORT_ARTICLE.replace(
            "Mô hình trình diễn tăm hương",
            "\"Mô hình <script>alert(1)</script> & tăm hương\"",
        ),
        "x\n",
    );
    site.build(&[]);
    let html = site.read_output("2014/09/ket-qua-khuyen-cong-nam-2014/index.html");
    let charts = svgs(&html);
    assert_eq!(charts.len(), 1, "{html}");
    let document = roxmltree::Document::parse(&charts[0]).expect("chart is well-formed XML");
    let svg = document.root_element();
    assert_eq!(svg.attribute("role"), Some("img"));
    let labelled_by = svg.attribute("aria-labelledby").expect("labelled");
    let child_text = |name: &str| {
        svg.children()
            .find(|node| node.has_tag_name(name))
            .and_then(|node| node.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(child_text("title"), "Kinh phí theo hoạt động (triệu đồng)");
    let desc = child_text("desc");
    assert!(
        desc.contains("Đào tạo nghề chế biến chè: 1.175,65"),
        "{desc}"
    );
    for id in labelled_by.split(' ') {
        assert!(
            document
                .descendants()
                .any(|node| node.attribute("id") == Some(id)),
            "{id}"
        );
    }
    let labels: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text())
        .collect();
    assert_eq!(
        labels,
        [
            "Đào tạo nghề chế biến chè",
            "1.175,65",
            "Mô hình <script>alert(1)</script> & tăm",
            "hương",
            "74,85"
        ]
    );
    let bars = document
        .descendants()
        .filter(|node| node.has_tag_name("rect"))
        .count();
    assert_eq!(bars, 2);
    assert!(!charts[0].contains("<script"), "label escaped");
    assert!(
        !html.contains("<script>alert"),
        "label escaped in the table too"
    );
}

#[test]
fn reports_overview_lists_reports_by_year_with_category_totals() {
    let site = TestSite::new();
    site.article("2014/a.md", REPORT_ARTICLE, "x\n");
    site.article(
        "2014/b.md",
        "title: Thông báo kinh phí
date: 2014-10-01
category: thong-bao
report: {total_budget: 2500000, money_unit: đồng, items: [{name: Hội nghị, budget: 2500000}]}",
        "x\n",
    );
    site.article(
        "2024/c.md",
        "title: Báo cáo năm 2023
date: 2024-01-05
category: khuyen-cong
report:
  unit: Trung tâm
  period: {from: 2023-01-01, to: 2023-12-31}
  items: [{name: A, budget: 0.05}, {name: B, budget: 100}]",
        "x\n",
    );
    site.simple(
        "2014/khong-bao-cao.md",
        "Tin thường",
        "2014-05-01",
        "khuyen-cong",
    );
    site.build(&[]);
    let html = site.read_output("bao-cao/index.html");
    let page = Html::parse_document(&html);
    let years: Vec<String> = select(&page, ".reports-year h2").iter().map(text).collect();
    assert_eq!(
        years,
        ["Năm 2023", "Năm 2014"],
        "period end decides the year"
    );
    let totals: Vec<String> = select(&page, "#nam-2014 .report-table:not(.reports-list) tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        totals,
        [
            "Khuyến công 1 1.250,5 triệu đồng",
            "Thông báo 1 2,5 triệu đồng"
        ]
    );
    let links: Vec<&str> = select(&page, "#nam-2014 .reports-list td.num a")
        .iter()
        .filter_map(|link| link.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "/2014/10/thong-bao-kinh-phi/#so-lieu-bao-cao",
            "/2014/09/ket-qua-khuyen-cong-nam-2014/#so-lieu-bao-cao"
        ]
    );
    assert!(
        !html.contains("Tin thường"),
        "articles without reports are left out"
    );
    let charts = svgs(&html);
    assert_eq!(charts.len(), 2);
    for chart in &charts {
        roxmltree::Document::parse(chart).expect("well-formed chart");
    }
    assert!(charts[0].contains("100,05"), "{}", charts[0]);
    let home = site.read_output("index.html");
    assert!(
        home.contains("href=\"/bao-cao/\""),
        "footer links the overview"
    );
    assert!(
        site.read_output("sitemap.xml")
            .contains("<loc>https://congthuong.example.gov.vn/bao-cao/</loc>"),
        "the overview is in the sitemap"
    );
}

/// A PNG header (signature + IHDR) of the given size: enough for the size
/// reader, which only looks at the header.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

#[test]
fn bundle_files_attachments_and_covers_are_published_with_their_labels() {
    let site = TestSite::new();
    site.article(
        "2014/hoi-nghi/index.md",
        "title: Hội nghị tổng kết
date: 2014-09-24
category: khuyen-cong
image: anh-bia.png
image_alt: Toàn cảnh hội nghị
attachments:
  - {file: bao-cao.pdf, title: Báo cáo tổng kết}
  - {file: /van-ban/quyet-dinh.pdf, title: Quyết định số 12}",
        "Nội dung.\n",
    );
    site.write_bytes("content/2014/hoi-nghi/anh-bia.png", &png_header(640, 360));
    site.write_bytes("content/2014/hoi-nghi/bao-cao.pdf", &vec![b'%'; 1_258_291]);
    site.write("content/2014/hoi-nghi/phu-luc/bang.csv", "a,b\n");
    site.write_bytes("static/van-ban/quyet-dinh.pdf", b"%PDF-1.4\n");
    site.article(
        "2014/ke-hoach.md",
        "title: Kế hoạch năm
date: 2014-09-25
category: khuyen-cong
attachments: [{file: ke-hoach.docx}]",
        "x\n",
    );
    site.write_bytes("content/2014/ke-hoach.docx", &vec![0; 2048]);
    site.write_bytes("content/2014/khong-dung.pdf", b"unused");
    site.build(&[]);
    for published in [
        "2014/09/hoi-nghi-tong-ket/anh-bia.png",
        "2014/09/hoi-nghi-tong-ket/bao-cao.pdf",
        "2014/09/hoi-nghi-tong-ket/phu-luc/bang.csv",
        "2014/09/ke-hoach-nam/ke-hoach.docx",
        "van-ban/quyet-dinh.pdf",
    ] {
        assert!(site.output_exists(published), "{published}");
    }
    assert!(!site.output_exists("2014/09/ke-hoach-nam/khong-dung.pdf"));
    let html = site.read_output("2014/09/hoi-nghi-tong-ket/index.html");
    let page = Html::parse_document(&html);
    let items: Vec<String> = select(&page, ".attachment-list li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        items,
        [
            "Báo cáo tổng kết (PDF · 1,2 MB)",
            "Quyết định số 12 (PDF · 9 B)"
        ]
    );
    let hrefs: Vec<&str> = select(&page, ".attachment-list a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/2014/09/hoi-nghi-tong-ket/bao-cao.pdf",
            "/van-ban/quyet-dinh.pdf"
        ]
    );
    let cover = select(&page, ".article-cover img");
    let cover = cover.first().expect("cover image").value();
    assert_eq!(cover.attr("width"), Some("640"));
    assert_eq!(cover.attr("height"), Some("360"));
    assert_eq!(cover.attr("alt"), Some("Toàn cảnh hội nghị"));
    assert!(html.contains(
        "<meta property=\"og:image\" content=\"https://congthuong.example.gov.vn/2014/09/hoi-nghi-tong-ket/anh-bia.png\">"
    ));
    let plan = site.read_output("2014/09/ke-hoach-nam/index.html");
    assert!(
        plan.contains("ke-hoach.docx</a> <span class=\"attachment-meta\">(Word · 2 KB)</span>"),
        "{plan}"
    );
}

#[test]
fn missing_files_are_errors_naming_the_article_and_the_field() {
    let site = TestSite::new();
    site.article(
        "2014/thieu-tep.md",
        "title: Thiếu tệp
date: 2014-09-24
category: khuyen-cong
image: khong-co.jpg
image_alt: Ảnh
attachments:
  - file: bao-cao.pdf
    title: Báo cáo
  - {file: /van-ban/khong-co.pdf, title: Quyết định}",
        "x\n",
    );
    site.write("content/2014/bao-cao.pdf", "%PDF");
    site.write("content/2014/anh-hong.jpg", "not a picture");
    site.article(
        "2014/anh-hong.md",
        "title: Ảnh hỏng
date: 2014-09-25
category: khuyen-cong
image: anh-hong.jpg
image_alt: Ảnh",
        "x\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains(
        "content/2014/thieu-tep.md:5:8: error: image: cover image \"khong-co.jpg\" not found (content/2014/khong-co.jpg does not exist)"
    ), "{text}");
    assert!(text.contains(
        "content/2014/thieu-tep.md:10:12: error: attachments[1].file: attachment \"/van-ban/khong-co.pdf\" not found (static/van-ban/khong-co.pdf does not exist)"
    ), "{text}");
    assert!(text.contains(
        "content/2014/anh-hong.md:5:8: error: image: cover image \"anh-hong.jpg\" is not a picture bantin can read"
    ), "{text}");
    assert!(
        !text.contains("attachments[0]"),
        "the existing attachment is fine: {text}"
    );
}
