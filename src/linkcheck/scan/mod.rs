//! Reference scanning: the bytes of one output file -> the ids it defines
//! and the URLs it references, with their byte offsets. A small tag scanner
//! (memchr to the next `<`, then the attributes of that tag) instead of a
//! full HTML5 parse: the output is our own, well-formed HTML, and 10,000
//! pages must scan in well under a second, so nothing is allocated per tag
//! and URLs are borrowed from the file's bytes.

mod css;
mod entities;
mod html;
mod xml;

use std::borrow::Cow;

pub use css::scan_css;
pub use entities::decode_entities;
pub use html::scan_html;
pub use xml::scan_xml;

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
