//! Authoring commands, outside the build pipeline: `bantin new` (a title ->
//! `content/<year>/<slug>.md` with every front-matter field explained in
//! Vietnamese) and `bantin init` (a folder -> a new site that builds at
//! once, with the default theme copied in). Neither overwrites a file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::config::{CONFIG_FILE, Config};
use crate::import::write::yaml_string;
use crate::load::CONTENT_DIR;
use crate::render::builtin;
use crate::slug::slugify;

/// What `bantin new` writes.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: String,
    /// Category slug.
    pub category: String,
    pub report: bool,
}

/// Writes a new article scaffold under `root/content/<year>/`; returns its path.
pub fn new_article(
    root: &Path,
    config: &Config,
    article: &NewArticle,
    now: DateTime<Utc>,
) -> Result<PathBuf, String> {
    let title = article
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err("the title needs at least one letter or digit".into());
    }
    let local = now.with_timezone(&config.timezone);
    let path = root
        .join(CONTENT_DIR)
        .join(local.year().to_string())
        .join(format!("{slug}.md"));
    let text = article_text(
        &title,
        &article.category,
        config.timezone,
        now,
        article.report,
    );
    create_new(&path, &text).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} already exists; bantin new never overwrites — choose another title or edit that file",
            path.display()
        ),
        _ => format!("cannot write {}: {error}", path.display()),
    })?;
    Ok(path)
}

/// The text of a new article: active required fields, every other field
/// commented out with its meaning, and an optional `report` block.
pub fn article_text(
    title: &str,
    category: &str,
    zone: Tz,
    now: DateTime<Utc>,
    report: bool,
) -> String {
    let local = now.with_timezone(&zone);
    let date = local.format("%Y-%m-%d %H:%M").to_string();
    let today = local.format("%Y-%m-%d").to_string();
    let mut text = format!(
        "---
# Tiêu đề bài viết (bắt buộc, tối đa 300 ký tự).
title: {title}
# Ngày giờ đăng (bắt buộc), theo múi giờ {zone}: YYYY-MM-DD hoặc \"YYYY-MM-DD HH:MM\".
# Bài có ngày trong tương lai chỉ được đăng khi đến ngày (hoặc dựng với --future).
date: \"{date}\"
# Chuyên mục (bắt buộc): tên hoặc slug của một chuyên mục khai báo trong site.yaml.
category: {category}
# Tóm tắt hiện dưới tiêu đề và trong danh sách tin; bỏ trống thì lấy đoạn văn đầu tiên.
# summary: Tóm tắt ngắn gọn nội dung chính của bài viết.
# Thẻ (từ khóa) để bạn đọc tìm các bài cùng chủ đề.
# tags: [khuyến công, đào tạo nghề]
# Tác giả và đơn vị, hiện ở cuối bài thành \"Nguồn: Tác giả (Đơn vị)\".
# author: Nguyễn Văn A
# department: Văn phòng Sở
# Ngày cập nhật nội dung, nếu bài được sửa sau khi đăng.
# updated: {today}
# Đường dẫn của bài (chữ thường không dấu, nối bằng dấu gạch ngang); mặc định lấy từ tiêu đề.
# slug: {slug}
# Bản nháp: true thì bài chỉ được dựng khi chạy với --drafts.
# draft: true
# Ngày hết hạn: sau ngày này bài rời khỏi danh sách tin, nguồn tin và tìm kiếm (trang bài vẫn còn).
# expires: 2030-12-31
# Địa chỉ cũ của bài trên trang trước đây, sẽ chuyển hướng về bài này.
# aliases: [/tin-tuc/1234.html]
# Ảnh đại diện đặt cạnh bài viết, kèm mô tả ảnh cho người không xem được ảnh (bắt buộc khi có ảnh).
# image: anh-bia.jpg
# image_alt: Mô tả ngắn nội dung bức ảnh
# Văn bản đính kèm: tệp đặt cạnh bài viết, hoặc /duong-dan cho tệp trong thư mục static/.
# attachments:
#   - file: bao-cao.pdf
#     title: Báo cáo kết quả thực hiện
# Dữ liệu tự do dành cho giao diện.
# extra: {{}}
",
        title = yaml_string(title),
        slug = slugify(title),
    );
    if report {
        text.push_str(&report_block(&today, local.year()));
    }
    text.push_str(
        "---
Đoạn mở đầu: tóm tắt sự việc chính — ai, làm gì, ở đâu, khi nào.

## Nội dung chính

Viết nội dung bài ở đây, bằng Markdown: mỗi đoạn cách nhau một dòng trống;
`## Tiêu đề mục` cho các mục; `- ` ở đầu dòng cho danh sách.
",
    );
    text
}

fn report_block(today: &str, year: i32) -> String {
    format!(
        "# Báo cáo hoạt động: hiện thành bảng số liệu và biểu đồ trên trang bài viết,
# và được tổng hợp ở trang /bao-cao/. Số thập phân viết bằng dấu chấm (77.85).
report:
  # Đơn vị thực hiện.
  unit: Tên đơn vị thực hiện
  # Kỳ báo cáo: từ ngày, đến ngày (YYYY-MM-DD) và nhãn hiển thị.
  period: {{from: {year}-01-01, to: {today}, label: năm {year}}}
  # Đơn vị tiền (mặc định: triệu đồng).
  money_unit: triệu đồng
  # Tổng kinh phí: phải bằng tổng kinh phí các hoạt động bên dưới (bantin kiểm tra).
  total_budget: 0
  # Các hoạt động. status là một trong: planned (kế hoạch), in_progress (đang thực hiện),
  # done (hoàn thành), cancelled (đã hủy); people là số người (số nguyên).
  items:
    - name: Tên hoạt động thứ nhất
      budget: 0
      people: 0
      place: Địa bàn thực hiện
      status: planned
    - name: Tên hoạt động thứ hai
      budget: 0
      status: planned
"
    )
}

/// Creates a new site in `dir`; returns the files written (relative).
pub fn init_site(dir: &Path, now: DateTime<Utc>) -> Result<Vec<String>, String> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(format!(
            "{} is not empty; bantin init only creates a site in a new or empty folder",
            dir.display()
        ));
    }
    let zone = chrono_tz::Asia::Ho_Chi_Minh;
    let year = now.with_timezone(&zone).year();
    let article_path = format!("{CONTENT_DIR}/{year}/chao-mung-den-voi-trang-tin.md");
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (CONFIG_FILE.to_string(), SITE_YAML.as_bytes().to_vec()),
        (".gitignore".to_string(), b"/public/\n".to_vec()),
        (article_path, example_article(zone, now).into_bytes()),
    ];
    for (name, text) in builtin::TEMPLATES {
        files.push((
            format!("themes/default/templates/{name}"),
            text.as_bytes().to_vec(),
        ));
    }
    for (name, bytes) in builtin::STATIC_FILES {
        files.push((format!("themes/default/static/{name}"), bytes.to_vec()));
    }
    for (language, text) in builtin::STRINGS {
        files.push((
            format!("themes/default/i18n/{language}.yaml"),
            text.as_bytes().to_vec(),
        ));
    }
    for (name, bytes) in &files {
        create_new(&dir.join(name), bytes)
            .map_err(|error| format!("cannot write {}: {error}", dir.join(name).display()))?;
    }
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

fn example_article(zone: Tz, now: DateTime<Utc>) -> String {
    let local = now.with_timezone(&zone);
    format!(
        "---
# Bài viết mẫu do bantin init tạo ra: sửa hoặc xóa, rồi viết bài mới bằng
# bantin new \"Tiêu đề bài viết\" (mọi trường được giải thích trong tệp tạo ra).
title: Chào mừng đến với trang tin của Sở
date: \"{date}\"
category: tin-hoat-dong
tags: [giới thiệu]
author: Văn phòng Sở
summary: Trang tin được tạo bằng bantin. Bài viết này là ví dụ; hãy sửa site.yaml cho đúng tên, địa chỉ và các chuyên mục của cơ quan.
---
Trang tin được tạo bằng **bantin**: mỗi bài viết là một tệp Markdown trong
thư mục `content/`, có phần thông tin đầu bài (front matter) giữa hai dòng `---`.

## Bắt đầu

1. Sửa `site.yaml`: tên cơ quan, địa chỉ trang (`base_url`), các chuyên mục và danh mục chính.
2. Viết bài mới: `bantin new \"Tiêu đề bài viết\"`.
3. Dựng trang: `bantin build`, kết quả nằm trong thư mục `public/`.
",
        date = local.format("%Y-%m-%d %H:%M"),
    )
}

/// Writes a file that must not exist yet, creating its folders.
pub(crate) fn create_new(path: &Path, contents: impl AsRef<[u8]>) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents.as_ref())
}

/// The site.yaml of `bantin init`: a generic department with placeholders.
const SITE_YAML: &str = "# Cấu hình trang tin (site.yaml) do bantin init tạo ra.
# Sửa các giá trị cho cơ quan của bạn; mọi khóa đều được kiểm tra: gõ sai tên
# khóa, bantin báo lỗi kèm dòng, cột và gợi ý sửa.

# Tên cơ quan, hiện ở đầu mọi trang.
title: \"Sở ... tỉnh ...\"
# Mô tả ngắn, dùng cho công cụ tìm kiếm và mạng xã hội.
description: Trang tin hoạt động của Sở — sửa mô tả này trong site.yaml.
# Địa chỉ trang khi đăng lên mạng, kết thúc bằng dấu /.
base_url: https://example.gov.vn/
# Ngôn ngữ giao diện (vi hoặc en) và múi giờ của ngày đăng bài.
language: vi
timezone: Asia/Ho_Chi_Minh
theme: default
# Số bài trên mỗi trang danh sách.
paginate: 10
# Đường dẫn của bài viết.
permalink: /{year}/{month}/{slug}/

# Các chuyên mục: mỗi bài viết thuộc đúng một chuyên mục (theo tên hoặc slug).
categories:
  - slug: tin-hoat-dong
    name: Tin hoạt động
    description: Hoạt động của Sở và các đơn vị trực thuộc.
  - slug: thong-bao
    name: Thông báo
    description: Thông báo, lịch làm việc và lịch tiếp công dân.
  - slug: van-ban
    name: Văn bản chỉ đạo, điều hành
    description: Kế hoạch, quyết định và văn bản hướng dẫn.

# Danh mục chính ở đầu trang.
menu:
  - {name: Trang chủ, url: /}
  - {name: Tin hoạt động, url: /chuyen-muc/tin-hoat-dong/}
  - {name: Thông báo, url: /chuyen-muc/thong-bao/}
  - {name: Văn bản, url: /chuyen-muc/van-ban/}
  - {name: Báo cáo, url: /bao-cao/}
  - {name: Lưu trữ, url: /luu-tru/}

# Cho phép HTML trong bài viết (mặc định tắt để an toàn).
markdown:
  unsafe_html: false

# Tên viết tắt của các phòng trong dòng \"Nguồn:\" của bản tin cũ (bantin import).
departments:
  VP: Văn phòng Sở

# Thông tin hiện ở chân trang.
extra:
  parent_org: Ủy ban nhân dân tỉnh ...
  address: Địa chỉ trụ sở của Sở
  phone: Số điện thoại
  email: vanphong@example.gov.vn
  publisher_responsible: Giám đốc Sở
";
