//! The hostile fixture site: every payload of `tests/hostile/payloads.json`
//! in every front-matter field, in site.yaml, in file names and in bodies.
//! Read by the injection tests (tests/hostile_injection.rs) and, through
//! the built output, by the browser canary (tests/browser/hostile.mjs).
#![allow(dead_code)]

use super::TestSite;

/// One entry of the payload catalogue.
#[derive(Debug, Clone)]
pub struct Payload {
    pub id: String,
    pub text: String,
}

/// The catalogue file shared with the browser suite.
pub fn catalogue_path() -> std::path::PathBuf {
    super::repo_root().join("tests/hostile/payloads.json")
}

/// Every payload of the catalogue, in file order.
pub fn payloads() -> Vec<Payload> {
    let text = std::fs::read_to_string(catalogue_path()).expect("read payloads.json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("payloads.json is JSON");
    value["payloads"]
        .as_array()
        .expect("payloads array")
        .iter()
        .map(|entry| Payload {
            id: entry["id"].as_str().expect("id").to_string(),
            text: entry["text"].as_str().expect("text").to_string(),
        })
        .collect()
}

/// A YAML double-quoted scalar holding `text` exactly (JSON strings are YAML).
pub fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// A 1×1 PNG for cover images.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// site.yaml with payloads in the site title, description, category names
/// and descriptions, menu names and the free-form `extra` the theme shows.
fn site_yaml(payloads: &[Payload]) -> String {
    let pick = |index: usize| quoted(&payloads[index % payloads.len()].text);
    let mut yaml = format!(
        "title: {}\ndescription: {}\nbase_url: https://congthuong.example.gov.vn/\nlanguage: vi\ntimezone: Asia/Ho_Chi_Minh\npaginate: 5\ncategories:\n",
        pick(0),
        pick(1)
    );
    for (index, payload) in payloads.iter().enumerate().take(6) {
        yaml.push_str(&format!(
            "  - {{slug: c{index}, name: {}, description: {}}}\n",
            quoted(&payload.text),
            pick(index + 7)
        ));
    }
    yaml.push_str("menu:\n");
    for index in 0..4 {
        yaml.push_str(&format!(
            "  - {{name: {}, url: /chuyen-muc/c{index}/}}\n",
            pick(index + 13)
        ));
    }
    yaml.push_str("extra:\n");
    for (key, index) in [
        ("parent_org", 2),
        ("address", 3),
        ("phone", 4),
        ("email", 5),
        ("publisher_responsible", 6),
    ] {
        yaml.push_str(&format!("  {key}: {}\n", pick(index)));
    }
    yaml.push_str("  links:\n");
    for payload in payloads {
        yaml.push_str(&format!(
            "    - {{name: {}, url: {}}}\n",
            quoted(&payload.text),
            quoted(&link_target(&payload.text))
        ));
    }
    yaml
}

/// The front matter of the article carrying payload `index` in every field.
fn article_front_matter(index: usize, payload: &Payload) -> String {
    let text = quoted(&payload.text);
    let short: String = payload.text.chars().take(90).collect();
    let tag = quoted(&format!("{short} t{index}"));
    format!(
        "title: {text}
date: 2025-{month:02}-{day:02}
category: c{category}
tags: [{tag}, chung]
summary: {text}
author: {text}
department: {text}
slug: p-{index}
aliases: [/tin-tuc/{index}.html, \"/cu/%3Cscript%3E__pwned({index})%3C/script%3E.aspx\", /cũ/bài-{index}.html, \"/a&b=c/javascript:__pwned({index})/\"]
image: anh.png
image_alt: {text}
attachments:
  - {{file: tai-lieu.pdf, title: {text}}}
extra: {{note: {text}}}
report:
  unit: {text}
  period: {{from: 2025-01-01, to: 2025-03-31, label: {text}}}
  items:
    - {{name: {text}, budget: 10, people: 3, place: {text}, status: done}}
    - {{name: {tag}, budget: 5, place: {text}, status: planned}}",
        month = index % 12 + 1,
        day = index % 28 + 1,
        category = index % 6,
    )
}

/// The payload as a link destination: as written when it has a scheme
/// (`javascript:`, `data:`, entity tricks: these must be dropped), else
/// inside the query of an external address, where an attribute breakout
/// would show (a plain relative link would only be a broken link, which
/// the link checker refuses before anything is written).
pub fn link_target(text: &str) -> String {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let has_scheme = cleaned.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        text.to_string()
    } else {
        format!("https://example.gov.vn/tim?q={text}")
    }
}

/// A Markdown body with the payload as raw HTML, as text and as the
/// destination of inline, reference, autolink and image links.
fn article_body(index: usize, payload: &Payload) -> String {
    // NUL makes a file binary (refused by the load stage, see the limits tests).
    let text = &payload.text.replace('\0', "");
    let mut body = format!("{text}\n\nĐoạn văn có ký tự đặc biệt: {text}\n\n");
    // Markdown decodes entities in destinations (`&#106;avascript:`);
    // the footer's `extra.links` does not, so there it is a broken link.
    let target = if text.starts_with("&#") {
        text.to_string()
    } else {
        link_target(text)
    };
    if !target.contains(['<', '>', '\n', '\r']) {
        body.push_str(&format!(
            "Một [liên kết thử](<{target}>) và ![ảnh thử](<{target}>).\n\n<{target}>\n\n"
        ));
    }
    let single_line = target.replace(['\n', '\r'], " ");
    body.push_str(&format!(
        "[Liên kết tham chiếu][r{index}] và [Liên kết thử khác][r{index}].\n\n[r{index}]: <{}>\n\n## {text}\n\n| cột | {text} |\n|---|---|\n| {text} | 1 |\n\n> {text}\n\nChú thích[^{index}].\n\n[^{index}]: {text}\n",
        single_line.replace(['<', '>'], "")
    ));
    body
}

/// The hostile site: one article per payload (each in a bundle with a
/// cover image and an attachment), standalone pages, and attachment file
/// names that are payloads themselves.
pub fn hostile_site() -> TestSite {
    let payloads = payloads();
    let site = TestSite::with_config(&site_yaml(&payloads));
    for (index, payload) in payloads.iter().enumerate() {
        let dir = format!("content/2025/p-{index}");
        site.write(
            &format!("{dir}/index.md"),
            &format!(
                "---\n{}\n---\n{}",
                article_front_matter(index, payload),
                article_body(index, payload)
            ),
        );
        site.write_bytes(&format!("{dir}/anh.png"), PNG);
        site.write(&format!("{dir}/tai-lieu.pdf"), "%PDF-1.4\n");
    }
    for (index, payload) in payloads.iter().enumerate().take(8) {
        site.write(
            &format!("content/pages/trang-{index}.md"),
            &format!(
                "---\ntitle: {}\nslug: trang-{index}\nsummary: {}\nextra: {{note: {}}}\n---\n{}",
                quoted(&payload.text),
                quoted(&payload.text),
                quoted(&payload.text),
                article_body(index + 1000, payload)
            ),
        );
    }
    hostile_file_names(&site);
    site
}

/// A bundle whose attachment file names are payloads (no `/` or NUL: the
/// file system forbids those in names).
fn hostile_file_names(site: &TestSite) {
    let names = [
        "\"'><img src=x onerror=__pwned('file-name')>.pdf",
        "<svg onload=__pwned('file-name-svg')>.docx",
        "javascript:__pwned('file-name-url').pdf",
    ];
    // Published as a bundle file, never shown: an attachment may not name it.
    site.write("content/2025/ten-tep/bao\u{202e}fdp.exe", "x");
    let mut attachments = String::new();
    for name in names {
        site.write(&format!("content/2025/ten-tep/{name}"), "tài liệu\n");
        attachments.push_str(&format!("  - {{file: {}}}\n", quoted(&format!("./{name}"))));
    }
    site.write(
        "content/2025/ten-tep/index.md",
        &format!(
            "---\ntitle: Tệp có tên lạ\ndate: 2025-06-01\ncategory: c0\nattachments:\n{attachments}---\nCác tệp đính kèm có tên bất thường.\n"
        ),
    );
}
