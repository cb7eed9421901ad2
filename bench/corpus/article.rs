//! One generated article: its header (date, category, tags, title, slug —
//! drawn in order so titles stay unique) and its text (drawn independently
//! per article, so articles can be written in parallel).

use std::collections::HashSet;
use std::fmt::Write as _;

use bantin::slug::{MAX_SLUG_LEN, slugify};
use chrono::{Datelike, Days, NaiveDate};

use super::rng::{Rng, Zipf};
use super::templates::{BY_CATEGORY, GENERAL, HEADINGS, INDICATORS, LIST_ITEMS, TITLES};
use super::text::{Filler, capitalize, decimal_cents, format_cents, short_place, word_count};
use super::words::{ACTIVITIES, AUTHORS, CATEGORIES, DEPARTMENTS, DISTRICTS, REGULATED, TAGS};

const HEADER_SALT: u64 = 0x6261_6e74_696e_0001;
const BODY_SALT: u64 = 0x6261_6e74_696e_0002;
/// Days from 2011-01-01 to 2025-12-31 inclusive.
const DAYS: u64 = 5479;

/// What must be decided in order: date, category, tags, title and slug.
pub struct Header {
    pub index: u64,
    pub date: NaiveDate,
    /// `Some((hour, minute))`, or `None` for a date-only article.
    pub time: Option<(u32, u32)>,
    pub category: usize,
    pub tags: Vec<&'static str>,
    pub title: String,
    /// The file name and URL slug.
    pub slug: String,
    /// Whether the slug must be written out (the title's own slug is taken).
    pub explicit_slug: bool,
}

/// Plans the headers of articles `0..count`, keeping titles and slugs unique.
pub fn plan(count: u64) -> Vec<Header> {
    let zipf = Zipf::new(TAGS.len());
    let category_total: u64 = CATEGORIES.iter().map(|category| category.weight).sum();
    let mut titles: HashSet<String> = HashSet::with_capacity(count as usize);
    let mut slugs: HashSet<String> = HashSet::with_capacity(count as usize);
    (0..count)
        .map(|index| {
            let mut rng = Rng::for_item(HEADER_SALT, index);
            let date = day(rng.below(DAYS));
            let time = rng
                .percent(70)
                .then(|| (rng.range(7, 17) as u32, rng.below(60) as u32));
            let category = weighted_category(&mut rng, category_total);
            let tags = draw_tags(&mut rng, &zipf, CATEGORIES[category].tags);
            let mut filler = Filler::new(rng, date.year() as u32, date.month());
            let base = filler.fill_any(TITLES[category]);
            let title = unique_title(&base, &mut titles);
            let (slug, explicit_slug) = unique_slug(&title, index, &mut slugs);
            Header {
                index,
                date,
                time,
                category,
                tags,
                title,
                slug,
                explicit_slug,
            }
        })
        .collect()
}

fn day(offset: u64) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(2011, 1, 1).unwrap_or_default();
    first.checked_add_days(Days::new(offset)).unwrap_or(first)
}

fn weighted_category(rng: &mut Rng, total: u64) -> usize {
    let mut target = rng.below(total);
    for (index, category) in CATEGORIES.iter().enumerate() {
        if target < category.weight {
            return index;
        }
        target -= category.weight;
    }
    0
}

/// 2–5 tags: usually one of the category's own, the rest by Zipf rank.
fn draw_tags(rng: &mut Rng, zipf: &Zipf, own: &[&'static str]) -> Vec<&'static str> {
    let count = rng.range(2, 5) as usize;
    let mut tags: Vec<&'static str> = Vec::with_capacity(count);
    if rng.percent(85) {
        tags.push(rng.pick(own));
    }
    while tags.len() < count {
        let tag = TAGS[zipf.draw(rng)];
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The title, or the title with "(đợt N)" when an earlier article took it.
fn unique_title(base: &str, titles: &mut HashSet<String>) -> String {
    let mut title = base.to_string();
    let mut round = 2;
    while !titles.insert(title.clone()) {
        title = format!("{base} (đợt {round})");
        round += 1;
    }
    title
}

/// The title's slug, or — when a long title's slug was cut to the same
/// prefix as an earlier one — an explicit slug ending in the article number.
fn unique_slug(title: &str, index: u64, slugs: &mut HashSet<String>) -> (String, bool) {
    let slug = slugify(title);
    if slugs.insert(slug.clone()) {
        return (slug, false);
    }
    let suffix = format!("-{}", index + 1);
    let mut stem = slug;
    if stem.len() + suffix.len() > MAX_SLUG_LEN {
        let cut = stem[..MAX_SLUG_LEN - suffix.len()]
            .rfind('-')
            .unwrap_or(MAX_SLUG_LEN - suffix.len());
        stem.truncate(cut);
    }
    let slug = format!("{stem}{suffix}");
    slugs.insert(slug.clone());
    (slug, true)
}

/// The full Markdown file of an article: front matter and body.
pub fn write(header: &Header) -> String {
    let rng = Rng::for_item(BODY_SALT, header.index);
    let mut filler = Filler::new(rng, header.date.year() as u32, header.date.month());
    let report = filler.rng.percent(10).then(|| report(&mut filler, header));
    let mut text = String::with_capacity(8192);
    front_matter(&mut text, &mut filler, header, report.as_ref());
    body(&mut text, &mut filler, header, report.as_ref());
    text
}

/// A generated `report` block: its YAML and the total for the lead.
struct Report {
    yaml: String,
    unit: &'static str,
    total_cents: u64,
    items: usize,
    label: String,
}

fn front_matter(text: &mut String, filler: &mut Filler, header: &Header, report: Option<&Report>) {
    text.push_str("---\n");
    let _ = writeln!(text, "title: {}", quoted(&header.title));
    match header.time {
        Some((hour, minute)) => {
            let _ = writeln!(text, "date: \"{} {hour:02}:{minute:02}\"", header.date);
        }
        None => {
            let _ = writeln!(text, "date: {}", header.date);
        }
    }
    if filler.rng.percent(5)
        && header.date < NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default()
    {
        let updated = header.date + Days::new(filler.rng.range(1, 20));
        let _ = writeln!(text, "updated: {updated}");
    }
    let category = &CATEGORIES[header.category];
    let name = if filler.rng.percent(50) {
        category.name
    } else {
        category.slug
    };
    let _ = writeln!(text, "category: {}", quoted(name));
    let tags: Vec<String> = header.tags.iter().map(|tag| quoted(tag)).collect();
    let _ = writeln!(text, "tags: [{}]", tags.join(", "));
    let _ = writeln!(text, "author: {}", quoted(filler.rng.pick(AUTHORS)));
    let _ = writeln!(text, "department: {}", quoted(filler.rng.pick(DEPARTMENTS)));
    if header.explicit_slug {
        let _ = writeln!(text, "slug: {}", header.slug);
    }
    if filler.rng.percent(30) {
        let sentence = filler.fill_any(BY_CATEGORY[header.category]);
        let _ = writeln!(text, "summary: {}", quoted(&sentence));
    }
    if let Some(report) = report {
        text.push_str(&report.yaml);
    }
    text.push_str("---\n");
}

fn report(filler: &mut Filler, header: &Header) -> Report {
    let year = header.date.year();
    let (from, to, label) = match header.date.month() {
        1..=3 => (
            format!("{}-01-01", year - 1),
            format!("{}-12-31", year - 1),
            format!("năm {}", year - 1),
        ),
        4..=6 => (
            format!("{year}-01-01"),
            format!("{year}-03-31"),
            format!("quý I năm {year}"),
        ),
        7..=9 => (
            format!("{year}-01-01"),
            format!("{year}-06-30"),
            format!("6 tháng đầu năm {year}"),
        ),
        _ => (
            format!("{year}-01-01"),
            format!("{year}-09-30"),
            format!("9 tháng đầu năm {year}"),
        ),
    };
    let count = filler.rng.range(2, 6) as usize;
    let mut items = String::new();
    let mut total_cents = 0;
    for activity in filler.rng.distinct(ACTIVITIES.len(), count) {
        let cents = filler.money_cents() / 2 + 500;
        total_cents += cents;
        let _ = write!(
            items,
            "    - {{name: {}, budget: {}",
            quoted(&capitalize(ACTIVITIES[activity])),
            decimal_cents(cents)
        );
        if filler.rng.percent(60) {
            let _ = write!(items, ", people: {}", filler.rng.range(8, 240));
        }
        if filler.rng.percent(70) {
            let place = short_place(filler.rng.pick(DISTRICTS));
            let _ = write!(items, ", place: {}", quoted(place));
        }
        let status = filler
            .rng
            .pick(&["planned", "in_progress", "done", "done", "cancelled"]);
        let _ = writeln!(items, ", status: {status}}}");
    }
    let unit: &'static str = filler.rng.pick(&[
        "Trung tâm Khuyến công và Xúc tiến thương mại Lai Châu",
        "Sở Công Thương tỉnh Lai Châu",
    ]);
    let yaml = format!(
        "report:\n  unit: {}\n  period: {{from: {from}, to: {to}, label: {}}}\n  money_unit: triệu đồng\n  total_budget: {}\n  items:\n{items}",
        quoted(unit),
        quoted(&label),
        decimal_cents(total_cents),
    );
    Report {
        yaml,
        unit,
        total_cents,
        items: count,
        label,
    }
}

/// Keeps the body's running word count.
struct Body<'a> {
    text: &'a mut String,
    words: usize,
}

impl Body<'_> {
    fn push(&mut self, block: &str) {
        self.words += word_count(block);
        self.text.push_str(block);
        self.text.push_str("\n\n");
    }
}

fn body(text: &mut String, filler: &mut Filler, header: &Header, report: Option<&Report>) {
    let target = filler.rng.range(400, 760) as usize;
    let with_list = filler.rng.percent(60);
    let with_table = filler.rng.percent(40);
    let footnotes = if filler.rng.percent(8) {
        filler.rng.range(1, 2)
    } else {
        0
    };
    let mut body = Body { text, words: 0 };
    body.push(&lead(filler, header, report));
    let headings = filler.rng.distinct(HEADINGS.len(), HEADINGS.len());
    let mut section = 0;
    let mut table_done = false;
    while body.words < target && section < headings.len() {
        let heading = filler.fill(HEADINGS[headings[section]]);
        body.push(&format!("## {heading}"));
        let paragraphs = filler.rng.range(1, 2);
        for paragraph_index in 0..paragraphs {
            let mut paragraph = paragraph(filler, header.category, target - body.words.min(target));
            if section == 0 && paragraph_index == 0 && footnotes > 0 {
                paragraph.push_str("[^1]");
            }
            body.push(&paragraph);
            if section == 0 && paragraph_index == 0 && with_list {
                body.push(&list(filler));
            }
            if section == 1 && paragraph_index == 0 && with_table {
                body.push(&table(filler));
                table_done = true;
            }
        }
        section += 1;
    }
    if with_table && !table_done {
        body.push(&table(filler));
    }
    for number in 1..=footnotes {
        let mut note = format!("[^{number}]: ");
        filler.document(&mut note);
        let _ = write!(note, " về {}.", filler.rng.pick(REGULATED));
        if number == 2 {
            body.text.push_str("Xem thêm quy định liên quan.[^2]\n\n");
        }
        body.push(&note);
    }
    while body.text.ends_with('\n') {
        body.text.pop();
    }
    body.text.push('\n');
}

fn lead(filler: &mut Filler, header: &Header, report: Option<&Report>) -> String {
    let mut lead = match report {
        Some(report) => format!(
            "{}, {} thực hiện {:02} đề án với tổng kinh phí {} triệu đồng.",
            capitalize(&report.label),
            report.unit,
            report.items,
            format_cents(report.total_cents)
        ),
        None => filler.fill_any(&[
            "Ngày {date}, {unit} đã tổ chức {activity} tại {district}.",
            "Trong {period}, {unit} tập trung triển khai nhiều nhiệm vụ trọng tâm của ngành.",
            "Thực hiện {doc}, {unit} đã ban hành kế hoạch triển khai trên địa bàn tỉnh.",
        ]),
    };
    for _ in 0..filler.rng.range(1, 2) {
        lead.push(' ');
        lead.push_str(&sentence(filler, header.category));
    }
    lead
}

/// A sentence not used yet in this article: half from the category's own
/// (small) pool while it lasts, the rest from the general one.
fn sentence(filler: &mut Filler, category: usize) -> String {
    let own = BY_CATEGORY[category];
    let pool = if filler.rng.percent(50) && filler.has_fresh(own) {
        own
    } else {
        GENERAL
    };
    filler.fill_fresh(pool)
}

/// 3–5 sentences, stopping early once `budget` words are written.
fn paragraph(filler: &mut Filler, category: usize, budget: usize) -> String {
    let mut paragraph = String::with_capacity(600);
    if filler.rng.percent(15) {
        let _ = write!(
            paragraph,
            "**{}:** ",
            filler
                .rng
                .pick(&["Về kết quả", "Về tồn tại", "Về giải pháp", "Đáng chú ý"])
        );
    }
    let count = filler.rng.range(3, 5);
    for index in 0..count {
        if index > 0 {
            if word_count(&paragraph) >= budget {
                break;
            }
            paragraph.push(' ');
        }
        paragraph.push_str(&sentence(filler, category));
    }
    paragraph
}

fn list(filler: &mut Filler) -> String {
    let count = filler.rng.range(3, 6) as usize;
    let mut list = String::new();
    for (position, item) in filler
        .rng
        .distinct(LIST_ITEMS.len(), count)
        .into_iter()
        .enumerate()
    {
        let mut line = String::from("- ");
        filler.fill_into(LIST_ITEMS[item], &mut line);
        line.push(if position + 1 == count { '.' } else { ';' });
        if position > 0 {
            list.push('\n');
        }
        list.push_str(&line);
    }
    list
}

fn table(filler: &mut Filler) -> String {
    let count = filler.rng.range(3, 6) as usize;
    let mut table = String::from(
        "| Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện | Tỷ lệ (%) |\n|---|---|---:|---:|---:|",
    );
    for item in filler.rng.distinct(INDICATORS.len(), count) {
        let (name, unit) = INDICATORS[item];
        let plan = filler.rng.range(10, 5000);
        let done = plan * filler.rng.range(70, 125) / 100;
        let tenths = done * 1000 / plan;
        let _ = write!(
            table,
            "\n| {name} | {unit} | {} | {} | {} |",
            bantin::vietnamese::format_integer(plan as i64),
            bantin::vietnamese::format_integer(done as i64),
            format_tenths(tenths)
        );
    }
    table
}

fn format_tenths(tenths: u64) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        part => format!("{},{part}", tenths / 10),
    }
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
