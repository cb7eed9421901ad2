//! Import output: a parsed bulletin -> a Markdown article with front matter.
//! Text from the old files is plain, so Markdown syntax characters in it are
//! escaped; lead-ins such as "Hoạt động Khuyến công:" become bold.

use std::collections::BTreeMap;

use super::legacy::{Block, Bulletin};

/// The article fields that are not in the bulletin itself.
pub struct Extra<'a> {
    /// Category slug.
    pub category: &'a str,
    /// The department, expanded.
    pub department: Option<&'a str>,
    /// `legacy/x.txt (TCVN3)`, recorded in a comment.
    pub origin: &'a str,
}

/// The Markdown file for a bulletin.
pub fn markdown(bulletin: &Bulletin, extra: &Extra) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("# Nhập từ {} bằng bantin import\n", extra.origin));
    text.push_str(&format!("title: {}\n", yaml_string(&bulletin.title)));
    text.push_str(&format!("date: {}\n", bulletin.date.format("%Y-%m-%d")));
    text.push_str(&format!("category: {}\n", extra.category));
    if !bulletin.lead.is_empty() {
        text.push_str(&format!("summary: {}\n", yaml_string(&bulletin.lead)));
    }
    if let Some(author) = &bulletin.author {
        text.push_str(&format!("author: {}\n", yaml_string(author)));
    }
    if let Some(department) = extra.department {
        text.push_str(&format!("department: {}\n", yaml_string(department)));
    }
    text.push_str("---\n");
    for block in &bulletin.blocks {
        text.push('\n');
        match block {
            Block::Paragraph(paragraph) => text.push_str(&paragraph_markdown(paragraph)),
            Block::List(items) => {
                for item in items {
                    text.push_str(&format!("- {}\n", escape_inline(item)));
                }
                continue;
            }
        }
        text.push('\n');
    }
    text
}

/// A paragraph with its lead-in in bold.
fn paragraph_markdown(paragraph: &str) -> String {
    match lead_in(paragraph) {
        Some((head, rest)) => format!("**{}:** {}", escape_inline(head), escape_inline(rest)),
        None => escape_line_start(&escape_inline(paragraph)),
    }
}

/// `Hoạt động Khuyến công: Trung tâm ...` -> (`Hoạt động Khuyến công`, `Trung tâm ...`):
/// a short heading (2–14 words, capitalised, no sentence punctuation) ended
/// by a colon and followed by text.
pub fn lead_in(paragraph: &str) -> Option<(&str, &str)> {
    let (head, rest) = paragraph.split_once(": ")?;
    let words = head.split_whitespace().count();
    let capitalised = head.chars().next().is_some_and(char::is_uppercase);
    let sentence_like = head.contains(['.', ';', '!', '?', '(', '"', '“']);
    let fits = (2..=14).contains(&words) && head.chars().count() <= 100;
    (capitalised && fits && !sentence_like && !rest.trim().is_empty())
        .then_some((head, rest.trim()))
}

/// Backslash-escapes characters Markdown would read as syntax inside a line.
pub fn escape_inline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '|'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Escapes what would start a heading, list or quote at the start of a line.
fn escape_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    if digits > 0 && digits < 10 && matches!(after_digits, Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with(['#', '-', '+', '=']) {
        return format!("\\{line}");
    }
    line.to_string()
}

/// A YAML double-quoted string.
pub fn yaml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            // YAML accepts only printable characters, even when quoted:
            // controls, noncharacters (U+FFFE, U+FFFF) and a stray BOM are
            // written as escapes (found by fuzzing the import).
            c if c.is_control() || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}') => {
                quoted.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Expands a department abbreviation through site.yaml's `departments:`:
/// `QLCN` and `Phòng QLCN` both become `Phòng Quản lý Công nghiệp`.
/// Returns the text and the abbreviation that was not found, if any.
pub fn expand_department(
    text: &str,
    departments: &BTreeMap<String, String>,
) -> (String, Option<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_abbreviation = |word: &str| {
        word.chars().count() >= 2
            && word
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
    };
    let Some(at) = words.iter().position(|word| is_abbreviation(word)) else {
        return (text.to_string(), None);
    };
    let abbreviation = words[at];
    let found = departments.get(abbreviation).or_else(|| {
        departments
            .iter()
            .find(|(key, _)| key.to_uppercase() == abbreviation.to_uppercase())
            .map(|(_, name)| name)
    });
    let Some(name) = found else {
        return (text.to_string(), Some(abbreviation.to_string()));
    };
    let before = words[..at].join(" ");
    let after = words[at + 1..].join(" ");
    let head = if before.is_empty() || name.to_lowercase().starts_with(&before.to_lowercase()) {
        name.clone()
    } else {
        format!("{before} {name}")
    };
    let expanded = if after.is_empty() {
        head
    } else {
        format!("{head} {after}")
    };
    (expanded, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ins_are_short_capitalised_headings() {
        assert_eq!(
            lead_in("Hoạt động Khuyến công: Trung tâm đã làm."),
            Some(("Hoạt động Khuyến công", "Trung tâm đã làm."))
        );
        assert_eq!(
            lead_in("Tư vấn đào tạo, bồi dưỡng: Phối hợp mở lớp."),
            Some(("Tư vấn đào tạo, bồi dưỡng", "Phối hợp mở lớp."))
        );
        assert_eq!(lead_in("Kết quả tích cực:"), None);
        assert_eq!(lead_in("Trong năm. Sau đó: làm tiếp"), None);
        assert_eq!(lead_in("lúc 8: 30 sáng"), None);
    }

    #[test]
    fn markdown_syntax_in_plain_text_is_escaped() {
        assert_eq!(
            escape_inline("a*b_c [x] <b> & ~"),
            "a\\*b\\_c \\[x\\] \\<b\\> \\& \\~"
        );
        assert_eq!(
            paragraph_markdown("1. Không phải danh sách"),
            "1\\. Không phải danh sách"
        );
        assert_eq!(
            paragraph_markdown("# không phải tiêu đề"),
            "\\# không phải tiêu đề"
        );
        assert_eq!(
            paragraph_markdown("Hoạt động Tư vấn: Mở *lớp*"),
            "**Hoạt động Tư vấn:** Mở \\*lớp\\*"
        );
        assert_eq!(
            yaml_string("Tiêu đề \"x\": \\"),
            "\"Tiêu đề \\\"x\\\": \\\\\""
        );
    }

    #[test]
    fn abbreviations_expand_through_the_departments_map() {
        let map = BTreeMap::from([("QLCN".to_string(), "Phòng Quản lý Công nghiệp".to_string())]);
        let expand = |text: &str| expand_department(text, &map);
        assert_eq!(expand("QLCN").0, "Phòng Quản lý Công nghiệp");
        assert_eq!(expand("Phòng QLCN").0, "Phòng Quản lý Công nghiệp");
        assert_eq!(
            expand("Sở Công Thương QLCN").0,
            "Sở Công Thương Phòng Quản lý Công nghiệp"
        );
        assert_eq!(expand("Văn phòng Sở").0, "Văn phòng Sở");
        assert_eq!(
            expand("Phòng KHTC"),
            ("Phòng KHTC".to_string(), Some("KHTC".to_string()))
        );
    }
}
