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
            let record = (
                document.path,
                document.title,
                &document.date,
                document.category.map_or(-1, |category| category as i64),
                &*short,
                more as u8,
            );
            let mut files = vec![(format!("d{id}.json"), json_bytes(&record))];
            if more {
                files.push((format!("f{id}.json"), json_bytes(&full.as_ref())));
            }
            files
        })
        .collect()
}

/// JSON text of a value (strings and numbers cannot fail to serialize),
/// without direction controls: snippets are shown in pages (bidi.rs).
fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    crate::bidi::cleaned(&bytes).unwrap_or(bytes)
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
