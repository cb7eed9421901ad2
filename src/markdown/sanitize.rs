//! The allow-lists that keep scripts out of rendered bodies: link and image
//! URL schemes, and the tags and attributes raw HTML may keep (ammonia).

use std::sync::OnceLock;

/// Whether a URL may appear in a link or image: relative, or one of the
/// http(s), mailto and tel schemes. Browsers ignore tabs and newlines inside a
/// scheme (`java\tscript:`), so those are removed before looking.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    match scheme_end {
        Some(end) if end > 0 && cleaned[end..].starts_with(':') => {
            let scheme = cleaned[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => !cleaned.chars().any(char::is_control),
    }
}

/// The allow-list for raw HTML: ammonia's defaults (no scripts, no event
/// handlers, no `javascript:`), plus the ids, classes and table alignment that
/// this module itself generates.
pub(super) fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .add_tag_attributes("h1", ["id"])
            .add_tag_attributes("h2", ["id"])
            .add_tag_attributes("h3", ["id"])
            .add_tag_attributes("h4", ["id"])
            .add_tag_attributes("h5", ["id"])
            .add_tag_attributes("h6", ["id"])
            .add_tag_attributes("sup", ["id"])
            .add_tag_attributes("li", ["id"])
            .add_tag_attributes("a", ["aria-label"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tags(["section"])
            .add_allowed_classes("sup", ["footnote-ref"])
            .add_allowed_classes("section", ["footnotes"])
            .add_allowed_classes("a", ["footnote-back"])
            .filter_style_properties(["text-align"].into_iter().collect());
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::html_of;
    use crate::markdown::{Context, render};

    #[test]
    fn scripts_and_javascript_urls_never_survive() {
        let rendered = html_of(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JaVa\tScRiPt:alert(2)) <a href=\"javascript:alert(3)\">z</a> <img src=x onerror=alert(4)>\n\n![a](data:text/html;base64,xx)\n",
        );
        let html = rendered.html.to_lowercase();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        // `[y](JaVa\tScRiPt:...)` is not a link at all (spaces end a destination).
        assert_eq!(rendered.unsafe_links.len(), 2);
    }

    #[test]
    fn unsafe_html_mode_keeps_raw_html() {
        let rendered = render(
            "<div class=\"x\">a</div>\n",
            &Context {
                unsafe_html: true,
                footnote_prefix: "p",
                rewrite_link: None,
            },
        );
        assert!(rendered.html.contains("<div class=\"x\">"));
    }

    #[test]
    fn safe_urls() {
        for url in [
            "https://moit.gov.vn/",
            "/2014/09/x/",
            "#muc",
            "x.pdf",
            "mailto:a@b.vn",
            "tel:02133800101",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            " JAVASCRIPT:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
    }
}
