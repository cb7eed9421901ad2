//! Reference scanning of style sheets: `url(...)` and `@import "..."`.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::{Reference, Scanned};

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
