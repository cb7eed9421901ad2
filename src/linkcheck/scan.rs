//! Reference scanning: the bytes of one output file -> the ids it defines
//! and the URLs it references, with their byte offsets. A small tag scanner
//! (memchr to the next `<`, then the attributes of that tag) instead of a
//! full HTML5 parse: the output is our own, well-formed HTML, and 10,000
//! pages must scan in well under a second, so nothing is allocated per tag
//! and URLs are borrowed from the file's bytes.

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// A URL found in a file, borrowed from the file's bytes where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The URL with character references decoded (`&amp;` -> `&`).
    pub url: Cow<'a, str>,
    /// Byte offset of the value in the file.
    pub offset: usize,
}

impl Reference<'_> {
    pub fn into_owned(self) -> Reference<'static> {
        Reference {
            url: Cow::Owned(self.url.into_owned()),
            offset: self.offset,
        }
    }
}

/// What one file defines and references.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned<'a> {
    /// Values of `id` attributes (and `name` of `<a>`), the targets of `#fragment`s.
    pub ids: Vec<Cow<'a, str>>,
    pub references: Vec<Reference<'a>>,
}

impl Scanned<'_> {
    /// The same, owning its text (for files read from disk).
    pub fn into_owned(self) -> Scanned<'static> {
        Scanned {
            ids: self
                .ids
                .into_iter()
                .map(|id| Cow::Owned(id.into_owned()))
                .collect(),
            references: self
                .references
                .into_iter()
                .map(Reference::into_owned)
                .collect(),
        }
    }
}

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

/// Decodes the character references our output uses.
pub fn decode_entities(raw: &[u8]) -> Cow<'_, str> {
    let text = String::from_utf8_lossy(raw);
    if !text.contains('&') {
        return text;
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let window = &rest.as_bytes()[..rest.len().min(12)];
        let Some(semi) = memchr(b';', window) else {
            decoded.push('&');
            rest = &rest[1..];
            continue;
        };
        match entity(&rest[1..semi]) {
            Some(c) => {
                decoded.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Scans a style sheet for `url(...)` and `@import "..."`.
pub fn scan_css(bytes: &[u8]) -> Scanned<'_> {
    let mut scanned = Scanned::default();
    for found in memmem::find_iter(bytes, b"url(") {
        let start = found + 4;
        let end = memchr(b')', &bytes[start..]).map_or(bytes.len(), |end| start + end);
        let value = String::from_utf8_lossy(&bytes[start..end]);
        let url = value.trim().trim_matches(['"', '\'']).trim();
        if !url.is_empty() {
            scanned.references.push(Reference {
                url: Cow::Owned(url.to_string()),
                offset: start,
            });
        }
    }
    for found in memmem::find_iter(bytes, b"@import") {
        let rest = &bytes[found + 7..];
        let Some(quote_at) = rest.iter().position(|byte| !byte.is_ascii_whitespace()) else {
            continue;
        };
        let quote = rest[quote_at];
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let value_start = quote_at + 1;
        if let Some(length) = memchr(quote, &rest[value_start..]) {
            scanned.references.push(Reference {
                url: String::from_utf8_lossy(&rest[value_start..value_start + length]),
                offset: found + 7 + value_start,
            });
        }
    }
    scanned
}

/// Scans feeds and the sitemap: `href="..."` attributes (Atom) and the text
/// of `<loc>` (sitemap) and `<link>` (RSS) elements.
pub fn scan_xml(bytes: &[u8]) -> Scanned<'_> {
    let mut scanned = Scanned::default();
    for found in memmem::find_iter(bytes, b" href=\"") {
        let start = found + 7;
        if let Some(length) = memchr(b'"', &bytes[start..]) {
            scanned.references.push(Reference {
                url: decode_entities(&bytes[start..start + length]),
                offset: start,
            });
        }
    }
    for (open, close) in [(&b"<loc>"[..], &b"</loc>"[..]), (b"<link>", b"</link>")] {
        for found in memmem::find_iter(bytes, open) {
            let start = found + open.len();
            if let Some(length) = memmem::find(&bytes[start..], close) {
                scanned.references.push(Reference {
                    url: decode_entities(bytes[start..start + length].trim_ascii()),
                    offset: start,
                });
            }
        }
    }
    scanned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls<'a>(scanned: &'a Scanned) -> Vec<&'a str> {
        scanned
            .references
            .iter()
            .map(|reference| reference.url.as_ref())
            .collect()
    }

    #[test]
    fn finds_links_sources_and_ids_but_not_script_text() {
        let html = br#"<!DOCTYPE html><html><head><title>a <a href="/no/"></title>
<link rel="stylesheet" href="/s/assets/style.1234abcd.css">
<meta property="og:image" content="https://x.vn/s/anh.jpg">
<script>var x = '<a href="/in-script/">';</script>
<!-- <a href="/in-comment/"> -->
</head><body><h2 id="ket-qua">K</h2><a href='/s/a/?q=1&amp;b=2#ket-qua'>x</a>
<img src=anh.jpg alt="" srcset="a-1x.jpg 1x, a-2x.jpg 2x"><a name=cu>y</a>
<form action="/s/tim-kiem/"></form></body></html>"#;
        let scanned = scan_html(html);
        assert_eq!(
            urls(&scanned),
            [
                "/s/assets/style.1234abcd.css",
                "https://x.vn/s/anh.jpg",
                "/s/a/?q=1&b=2#ket-qua",
                "anh.jpg",
                "a-1x.jpg",
                "a-2x.jpg",
                "/s/tim-kiem/"
            ]
        );
        assert_eq!(scanned.ids, ["ket-qua", "cu"]);
        let offset = scanned.references[0].offset;
        assert!(html[offset..].starts_with(b"/s/assets/style"));
    }

    #[test]
    fn reads_meta_refresh_targets() {
        let scanned = scan_html(br#"<meta http-equiv="refresh" content="0; url=/s/2014/09/x/">"#);
        assert_eq!(urls(&scanned), ["/s/2014/09/x/"]);
    }

    #[test]
    fn reads_css_urls_and_feed_links() {
        let css = b"@import 'print.css';\nbody{background:url( \"img/a.png\" )}\n.x{background:url(data:image/png;base64,xx)}";
        assert_eq!(
            urls(&scan_css(css)),
            ["img/a.png", "data:image/png;base64,xx", "print.css"]
        );
        let xml = b"<feed><link rel=\"alternate\" href=\"https://x.vn/a/\"/><url><loc>https://x.vn/b/</loc></url><item><link>https://x.vn/c/?a=1&amp;b=2</link></item></feed>";
        assert_eq!(
            urls(&scan_xml(xml)),
            [
                "https://x.vn/a/",
                "https://x.vn/b/",
                "https://x.vn/c/?a=1&b=2"
            ]
        );
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            decode_entities(b"a&amp;b&#39;c&#x2F;d&unknown;"),
            "a&b'c/d&unknown;"
        );
    }
}
