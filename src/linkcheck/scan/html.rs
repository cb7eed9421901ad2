//! Reference scanning of HTML: a small tag scanner (memchr to the next `<`,
//! then the attributes of that tag) collecting ids and URL attributes.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::{Reference, Scanned, decode_entities};

/// A tag or attribute name in lower case, without allocating; names longer
/// than any we look for are kept empty.
#[derive(Clone, Copy)]
struct Name {
    bytes: [u8; 12],
    length: usize,
}

impl Name {
    fn new(raw: &[u8]) -> Self {
        let mut bytes = [0; 12];
        let length = if raw.len() <= bytes.len() {
            raw.len()
        } else {
            0
        };
        for (to, from) in bytes.iter_mut().zip(&raw[..length]) {
            *to = from.to_ascii_lowercase();
        }
        Name { bytes, length }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.length]).unwrap_or_default()
    }
}

/// Which attributes of which elements hold URLs.
fn is_url_attribute(tag: &str, attribute: &str) -> bool {
    match attribute {
        "href" => matches!(tag, "a" | "area" | "link"),
        "src" => matches!(
            tag,
            "img"
                | "script"
                | "iframe"
                | "source"
                | "audio"
                | "video"
                | "track"
                | "embed"
                | "input"
        ),
        "srcset" => matches!(tag, "img" | "source"),
        "poster" => tag == "video",
        "data" => tag == "object",
        "action" => tag == "form",
        _ => false,
    }
}

/// Elements whose content is raw text, skipped up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// Scans an HTML document.
pub fn scan_html(bytes: &[u8]) -> Scanned<'_> {
    let mut scanned = Scanned::default();
    let mut buffer = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = match memmem::find(&rest[3..], b"-->") {
                Some(end) => start + 4 + end + 3,
                None => bytes.len(),
            };
            continue;
        }
        let name_length = rest
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric())
            .count();
        if name_length == 0 {
            at = start + 1;
            continue;
        }
        let name = Name::new(&rest[..name_length]);
        let name = name.as_str();
        let end = attributes(bytes, start + 1 + name_length, &mut buffer);
        collect(name, &buffer, &mut scanned);
        at = end;
        if RAW_TEXT.contains(&name) {
            at = skip_raw_text(bytes, at, name);
        }
    }
    scanned
}

/// One attribute: lowercase name, raw value and its offset.
struct Attribute<'a> {
    name: Name,
    value: &'a [u8],
    offset: usize,
}

/// Reads the attributes of a tag from `at` (after its name) into `found`
/// (a buffer reused for every tag); returns the offset after the `>`.
fn attributes<'a>(bytes: &'a [u8], mut at: usize, found: &mut Vec<Attribute<'a>>) -> usize {
    found.clear();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return bytes.len();
        }
        if bytes[at] == b'>' {
            return at + 1;
        }
        let name_start = at;
        while at < bytes.len() && !b" \t\n\r\x0c=>/".contains(&bytes[at]) {
            at += 1;
        }
        let name = Name::new(&bytes[name_start..at]);
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] != b'=' {
            found.push(Attribute {
                name,
                value: b"",
                offset: at,
            });
            continue;
        }
        at += 1;
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let (value_start, value_end, next) = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |end| at + 1 + end);
                (at + 1, end, (end + 1).min(bytes.len()))
            }
            _ => {
                let end = bytes[at..]
                    .iter()
                    .position(|byte| byte.is_ascii_whitespace() || *byte == b'>')
                    .map_or(bytes.len(), |end| at + end);
                (at, end, end)
            }
        };
        found.push(Attribute {
            name,
            value: &bytes[value_start..value_end],
            offset: value_start,
        });
        at = next;
    }
}

fn collect<'a>(tag: &str, attributes: &[Attribute<'a>], scanned: &mut Scanned<'a>) {
    let value_of = |wanted: &str| {
        attributes
            .iter()
            .find(|attribute| attribute.name.as_str() == wanted)
            .map(|attribute| decode_entities(attribute.value))
    };
    for attribute in attributes {
        let name = attribute.name.as_str();
        if name == "id" || (name == "name" && tag == "a") {
            scanned.ids.push(decode_entities(attribute.value));
        } else if name == "srcset" && is_url_attribute(tag, name) {
            let value = decode_entities(attribute.value);
            for candidate in value.split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    scanned.references.push(Reference {
                        url: Cow::Owned(url.to_string()),
                        offset: attribute.offset,
                    });
                }
            }
        } else if is_url_attribute(tag, name) {
            scanned.references.push(Reference {
                url: decode_entities(attribute.value),
                offset: attribute.offset,
            });
        }
    }
    if tag != "meta" {
        return;
    }
    let content = attributes
        .iter()
        .find(|attribute| attribute.name.as_str() == "content");
    let Some(content) = content else { return };
    let property = value_of("property").or_else(|| value_of("name"));
    let refresh = value_of("http-equiv").is_some_and(|value| value.eq_ignore_ascii_case("refresh"));
    let text = decode_entities(content.value);
    let url = if refresh {
        refresh_url(&text).map(Cow::Owned)
    } else if matches!(
        property.as_deref(),
        Some("og:image" | "og:url" | "twitter:image")
    ) {
        Some(text)
    } else {
        None
    };
    if let Some(url) = url {
        scanned.references.push(Reference {
            url,
            offset: content.offset,
        });
    }
}

/// `0; url=/x/` -> `/x/`.
fn refresh_url(content: &str) -> Option<String> {
    let (_, rest) = content.split_once(';')?;
    let rest = rest.trim_start();
    let value = rest
        .get(..4)
        .filter(|key| key.eq_ignore_ascii_case("url="))
        .map(|_| &rest[4..])?;
    Some(value.trim().trim_matches(['"', '\'']).to_string())
}

fn skip_raw_text(bytes: &[u8], at: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    match memmem::find(&bytes[at..], closing.as_bytes()) {
        Some(end) => at + end,
        None => bytes.len(),
    }
}
