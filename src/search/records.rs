//! Search stage, step 4 (data files): documents -> one data file each with
//! what a result shows (`d<id>.json`) and, when the text is longer, its
//! whole text for snippets (`f<id>.json`).

use std::borrow::Cow;

use rayon::prelude::*;

use super::collect::Document;

/// Characters of text in a result's data file, for snippets: the whole text
/// of a typical bulletin (2,000 to 3,500 characters).
pub const RESULT_TEXT_CHARS: usize = 4_000;
/// Characters of a document's whole text kept for snippets.
pub const FULL_TEXT_CHARS: usize = 30_000;

/// One data file per document, `d<id>.json`: `[path, title, date,
/// category, text, more]` — what a result shows, with the first
/// `RESULT_TEXT_CHARS` of its text; when there is more (`more` = 1), the
/// whole text is in `f<id>.json`, fetched only when the first part holds no
/// query word.
pub(super) fn data_files(documents: &[Document]) -> Vec<(String, Vec<u8>)> {
    documents
        .par_iter()
        .enumerate()
        .flat_map_iter(|(id, document)| {
            let full = full_text(document);
            let short = shorten(&full);
            let more = short.len() < full.len();
            let record = record(document, &short, more);
            let mut files = vec![(format!("d{id}.json"), cleaned(record))];
            if more {
                let mut text = Vec::with_capacity(full.len() + 2);
                json_string(&mut text, &full);
                files.push((format!("f{id}.json"), cleaned(text)));
            }
            files
        })
        .collect()
}

/// A data file's JSON array: `[path, title, date, category, text, more]`.
fn record(document: &Document, text: &str, more: bool) -> Vec<u8> {
    let mut record = Vec::with_capacity(text.len() + 256);
    record.push(b'[');
    for field in [document.path, document.title, &document.date] {
        json_string(&mut record, field);
        record.push(b',');
    }
    let category = document.category.map_or(-1, |category| category as i64);
    record.extend_from_slice(category.to_string().as_bytes());
    record.push(b',');
    json_string(&mut record, text);
    record.extend_from_slice(if more { b",1]" } else { b",0]" });
    record
}

/// The bytes without direction controls: snippets are shown in pages
/// (bidi.rs).
fn cleaned(bytes: Vec<u8>) -> Vec<u8> {
    crate::bidi::cleaned(&bytes).unwrap_or(bytes)
}

/// A JSON string, escaped as `serde_json` escapes it (the same bytes):
/// `"`, `\\`, and control characters (`\n`, `\r`, `\t`, `\b`, `\f`, else
/// `\u00xx`); everything else as it is. Runs of 16 bytes with nothing to
/// escape are copied at once.
fn json_string(out: &mut Vec<u8>, text: &str) {
    let needs_escape = |byte: u8| byte < 0x20 || byte == b'"' || byte == b'\\';
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut at = 0;
    while at < bytes.len() {
        if let Some(run) = bytes.get(at..at + 16)
            && !run
                .iter()
                .fold(false, |any, &byte| any | needs_escape(byte))
        {
            out.extend_from_slice(run);
            at += 16;
            continue;
        }
        let byte = bytes[at];
        if needs_escape(byte) {
            escape(out, byte);
        } else {
            out.push(byte);
        }
        at += 1;
    }
    out.push(b'"');
}

/// The escape of a byte `json_string` escapes.
fn escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        _ => {
            let code = [HEX[(byte >> 4) as usize], HEX[(byte & 15) as usize]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&code);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// The text snippets are cut from: the summary written in the front matter
/// (a summary taken from the body is not a field), then the body, at most
/// `FULL_TEXT_CHARS`; borrowed when it is the body as it is.
fn full_text<'a>(document: &Document<'a>) -> Cow<'a, str> {
    let summary = &document.fields[super::collect::SUMMARY];
    let body = &document.fields[super::collect::BODY];
    if let ([], [body]) = (summary.as_slice(), body.as_slice())
        && body.len() <= FULL_TEXT_CHARS
    {
        return Cow::Borrowed(body);
    }
    let summary = summary.concat();
    let body = body.concat();
    let text = if summary.is_empty() {
        body
    } else {
        format!("{summary}\n{body}")
    };
    if text.len() <= FULL_TEXT_CHARS {
        return Cow::Owned(text);
    }
    match text.char_indices().nth(FULL_TEXT_CHARS) {
        Some((cut, _)) => Cow::Owned(text[..cut].to_string()),
        None => Cow::Owned(text),
    }
}

/// The first `RESULT_TEXT_CHARS` of a text, cut at a space, with `…`.
fn shorten(text: &str) -> Cow<'_, str> {
    if text.len() <= RESULT_TEXT_CHARS {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(RESULT_TEXT_CHARS) {
        Some((cut, _)) => {
            let end = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
            Cow::Owned(format!("{}…", &text[..end]))
        }
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = (0u8..0x80).map(|byte| (byte as char).to_string()).collect();
        texts.push("Khuyến công \"Lai Châu\" \\ 2014\n\ttab…".repeat(3));
        texts.push("a\u{1}b\u{1f}c\u{7f}d\u{202e}".into());
        texts.push(String::new());
        texts.push("x".repeat(15) + "\n" + &"y".repeat(17));
        for text in texts {
            let mut ours = Vec::new();
            json_string(&mut ours, &text);
            let theirs = serde_json::to_vec(&text).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }
}
