//! Reference scanning of feeds and the sitemap.

use memchr::{memchr, memmem};

use super::{Reference, Scanned, decode_entities};

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
