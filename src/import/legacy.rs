//! Legacy bulletin parsing (DESIGN §8): decoded text -> title, date, lead,
//! body blocks and the `Nguồn:` attribution, or the line that does not fit.
//!
//! ```text
//! <title line>                      (may wrap over several lines)
//! <blank lines>
//! YYYY-MM-DD - <lead paragraph>     (24/09/2014 and en/em dashes accepted)
//! <paragraphs separated by blank lines; stray spaces and NBSPs trimmed>
//! Nguồn:<Author> (<Department>)     (with or without the space; may follow
//!                                    the last paragraph without a blank line)
//! ```

use chrono::NaiveDate;

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// Lines that each started with `-`, `*`, `+` or `•`.
    List(Vec<String>),
}

/// A parsed legacy bulletin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulletin {
    pub title: String,
    pub date: NaiveDate,
    /// The lead without the date prefix.
    pub lead: String,
    pub blocks: Vec<Block>,
    pub author: Option<String>,
    /// As written (`Phòng QLCN`); expanded later through site.yaml.
    pub department: Option<String>,
    /// Things worth telling the editor, with their line.
    pub notes: Vec<(usize, String)>,
}

/// Why a file is not a legacy bulletin, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
    pub hint: String,
}

/// Consecutive non-blank lines, cleaned, with the line number of the first.
struct Chunk {
    line: usize,
    lines: Vec<String>,
}

/// Parses a decoded legacy bulletin.
pub fn parse(text: &str) -> Result<Bulletin, ParseError> {
    let mut chunks = chunks(text).into_iter();
    let Some(title_chunk) = chunks.next() else {
        return Err(ParseError {
            line: 1,
            message: "the file is empty".into(),
            hint: "a bulletin starts with its title line".into(),
        });
    };
    if date_line(&title_chunk.lines[0]).is_some() {
        return Err(ParseError {
            line: title_chunk.line,
            message: "the file starts with the date line: the title is missing".into(),
            hint: "add the title as the first line, then a blank line".into(),
        });
    }
    let title = title_chunk.lines.join(" ");
    let Some(date_chunk) = chunks.next() else {
        return Err(ParseError {
            line: title_chunk.line + title_chunk.lines.len(),
            message: "the date line is missing after the title".into(),
            hint: "write `YYYY-MM-DD - lead paragraph` after a blank line".into(),
        });
    };
    let (date, first) = read_date_line(&date_chunk)?;
    let mut rest: Vec<Chunk> = chunks.collect();
    let mut lead_parts: Vec<String> = std::iter::once(first)
        .chain(date_chunk.lines[1..].iter().cloned())
        .filter(|part| !part.is_empty())
        .collect();
    if lead_parts.is_empty() && !rest.is_empty() && !is_source(&rest[0].lines[0]) {
        lead_parts = rest.remove(0).lines;
    }
    let mut notes = Vec::new();
    let source = take_source(&mut rest);
    if source.is_none() {
        let line = rest
            .last()
            .map_or(date_chunk.line, |chunk| chunk.line + chunk.lines.len() - 1);
        notes.push((
            line,
            "no `Nguồn:` line: the article has no author or department".to_string(),
        ));
    }
    let (author, department) = source.unwrap_or((None, None));
    Ok(Bulletin {
        title,
        date,
        lead: lead_parts.join(" "),
        blocks: rest.iter().map(block).collect(),
        author,
        department,
        notes,
    })
}

/// Splits the text into chunks of non-blank lines, each line trimmed of
/// stray spaces, NBSPs and zero-width characters, inner runs collapsed.
fn chunks(text: &str) -> Vec<Chunk> {
    let mut found: Vec<Chunk> = Vec::new();
    let mut open = false;
    for (index, raw) in text.lines().enumerate() {
        let line = clean(raw);
        if line.is_empty() {
            open = false;
            continue;
        }
        match found.last_mut() {
            Some(chunk) if open => chunk.lines.push(line),
            _ => found.push(Chunk {
                line: index + 1,
                lines: vec![line],
            }),
        }
        open = true;
    }
    found
}

fn clean(line: &str) -> String {
    line.split(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `2014-09-24 - lead` or `24/09/2014 - lead` -> the date and the lead.
fn date_line(line: &str) -> Option<(Result<NaiveDate, String>, String)> {
    let (head, rest) = line.split_at_checked(10)?;
    let date = if head.as_bytes()[4] == b'-' && head.as_bytes()[7] == b'-' {
        parse_digits(head, [0..4, 5..7, 8..10])?
    } else if head.as_bytes()[2] == b'/' && head.as_bytes()[5] == b'/' {
        parse_digits(head, [6..10, 3..5, 0..2])?
    } else {
        return None;
    };
    let rest = rest.trim_start();
    let lead = match rest.strip_prefix(['-', '–', '—', ':']) {
        Some(lead) => lead.trim_start(),
        None if rest.is_empty() => rest,
        None => return None,
    };
    Some((date, lead.to_string()))
}

/// Reads year, month and day from digit ranges of `text`.
fn parse_digits(
    text: &str,
    [year, month, day]: [std::ops::Range<usize>; 3],
) -> Option<Result<NaiveDate, String>> {
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = (number(year)?, number(month)?, number(day)?);
    Some(
        NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| format!("{y:04}-{m:02}-{d:02} is not a date")),
    )
}

fn read_date_line(chunk: &Chunk) -> Result<(NaiveDate, String), ParseError> {
    let line = &chunk.lines[0];
    match date_line(line) {
        Some((Ok(date), lead)) => Ok((date, lead)),
        Some((Err(message), _)) => Err(ParseError {
            line: chunk.line,
            message,
            hint: "correct the date: year-month-day, e.g. 2014-09-24".into(),
        }),
        None => {
            let shown: String = line.chars().take(60).collect();
            Err(ParseError {
                line: chunk.line,
                message: format!("expected the date line `YYYY-MM-DD - lead`, found \"{shown}\""),
                hint: "the line after the title must start with the date, e.g. `2014-09-24 - Chín tháng đầu năm ...`".into(),
            })
        }
    }
}

fn is_source(line: &str) -> bool {
    source_text(line).is_some()
}

/// `Nguồn:X`, `Nguồn: X`, `NGUỒN : X` -> `X`.
fn source_text(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    let label = "nguồn";
    if !lower.starts_with(label) {
        return None;
    }
    let rest = line.get(label.len()..)?.trim_start();
    rest.strip_prefix(':').map(str::trim)
}

/// Removes the attribution from the end of the body: the last line of the
/// last chunk, whether or not a blank line precedes it.
fn take_source(chunks: &mut Vec<Chunk>) -> Option<(Option<String>, Option<String>)> {
    let last = chunks.last_mut()?;
    let text = source_text(last.lines.last()?)?.to_string();
    last.lines.pop();
    if last.lines.is_empty() {
        chunks.pop();
    }
    Some(split_source(&text))
}

/// `Nguyễn Luyến (Phòng QLCN)` -> author and department.
fn split_source(text: &str) -> (Option<String>, Option<String>) {
    let non_empty = |text: &str| {
        let text = text.trim().trim_end_matches(['.', ',']).trim();
        (!text.is_empty()).then(|| text.to_string())
    };
    match text
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
    {
        Some((author, department)) => (non_empty(author), non_empty(department)),
        None => (non_empty(text), None),
    }
}

fn block(chunk: &Chunk) -> Block {
    let items: Option<Vec<String>> = chunk
        .lines
        .iter()
        .map(|line| {
            line.strip_prefix(['-', '*', '+', '•'])
                .filter(|rest| rest.starts_with(' '))
                .map(|rest| rest.trim().to_string())
        })
        .collect();
    match items {
        Some(items) if chunk.lines.len() > 1 || chunk.lines[0].starts_with('•') => {
            Block::List(items)
        }
        _ => Block::Paragraph(chunk.lines.join(" ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_part_of_a_bulletin() {
        let text = "Tiêu đề bản tin\n\n\n2014-09-24 - Đoạn mở đầu.\n\n  Đoạn một:  có\u{a0}khoảng trắng.\n\n- mục một\n- mục hai\n\nNguồn:Nguyễn Văn A (Phòng QLCN)\n";
        let bulletin = parse(text).expect("valid");
        assert_eq!(bulletin.title, "Tiêu đề bản tin");
        assert_eq!(bulletin.date.to_string(), "2014-09-24");
        assert_eq!(bulletin.lead, "Đoạn mở đầu.");
        assert_eq!(
            bulletin.blocks,
            [
                Block::Paragraph("Đoạn một: có khoảng trắng.".into()),
                Block::List(vec!["mục một".into(), "mục hai".into()]),
            ]
        );
        assert_eq!(bulletin.author.as_deref(), Some("Nguyễn Văn A"));
        assert_eq!(bulletin.department.as_deref(), Some("Phòng QLCN"));
        assert!(bulletin.notes.is_empty());
    }

    #[test]
    fn source_line_may_follow_the_last_paragraph_directly() {
        let text = "T\n\n24/09/2014 – Mở đầu\n\nĐoạn cuối.\nNGUỒN : Trần B\n";
        let bulletin = parse(text).expect("valid");
        assert_eq!(bulletin.date.to_string(), "2014-09-24");
        assert_eq!(bulletin.blocks, [Block::Paragraph("Đoạn cuối.".into())]);
        assert_eq!(bulletin.author.as_deref(), Some("Trần B"));
        assert_eq!(bulletin.department, None);
    }

    #[test]
    fn problems_name_their_line() {
        let missing_date = parse("Tiêu đề\n\nKhông có ngày\n").expect_err("no date");
        assert_eq!(missing_date.line, 3);
        assert!(missing_date.message.contains("expected the date line"));
        let bad_date = parse("Tiêu đề\n\n2014-13-45 - x\n").expect_err("bad date");
        assert_eq!(
            (bad_date.line, bad_date.message.as_str()),
            (3, "2014-13-45 is not a date")
        );
        let no_title = parse("\n\n2014-09-24 - x\n").expect_err("no title");
        assert_eq!(no_title.line, 3);
        assert_eq!(
            parse("  \n\u{a0}\n").expect_err("empty").message,
            "the file is empty"
        );
        let no_source = parse("T\n\n2014-09-24 - x\n\nĐoạn.\n").expect("valid");
        assert_eq!(no_source.notes[0].0, 5);
    }
}
