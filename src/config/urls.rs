//! Where the site and its articles live: `base_url` (origin and path prefix)
//! and the article `permalink` pattern.

use crate::yaml::{Problem, Segment};

/// Where the site is published: origin and path prefix (always `/`-terminated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.github.io`
    pub origin: String,
    /// `/so-cong-thuong/` or `/`
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .map(|rest| ("https://", rest))
            .or_else(|| text.strip_prefix("http://").map(|rest| ("http://", rest)));
        let Some((scheme, rest)) = rest else {
            return Err(format!(
                "base_url must start with https:// or http://, found \"{text}\""
            ));
        };
        let (host, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || "?#@\\".contains(c)) {
            return Err(format!("base_url has no valid host: \"{text}\""));
        }
        if path.contains(['?', '#', '\\'])
            || path.split('/').any(|part| part == ".." || part == ".")
        {
            return Err(format!(
                "base_url path may not contain ?, #, \\ or dot segments: \"{text}\""
            ));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}{host}"),
            path,
        })
    }

    /// Root-relative URL of a site path (`2014/09/x/` -> `/sub/2014/09/x/`).
    pub fn relative(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// Absolute URL of a site path.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.relative(site_path))
    }
}

/// The article URL pattern, e.g. `/{year}/{month}/{slug}/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink(pub String);

const PERMALINK_PLACEHOLDERS: &[&str] = &["year", "month", "day", "slug", "category"];

impl Permalink {
    pub(super) fn parse(text: &str) -> Result<Permalink, Problem> {
        let fail = |message: String| Problem::value(&[Segment::Key("permalink".into())], message);
        if !text.starts_with('/') {
            return Err(fail("permalink must start with /".into())
                .with_hint("for example /{year}/{month}/{slug}/"));
        }
        if !text.contains("{slug}") {
            return Err(fail("permalink must contain {slug}".into())
                .with_hint("two articles of one month would otherwise share a URL"));
        }
        if !(text.ends_with('/') || text.ends_with(".html")) {
            return Err(fail("permalink must end with / or .html".into()));
        }
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(fail("unclosed { in permalink".into()));
            };
            let name = &rest[open + 1..open + close];
            if !PERMALINK_PLACEHOLDERS.contains(&name) {
                return Err(fail(format!("unknown placeholder {{{name}}} in permalink"))
                    .with_hint(format!(
                        "known: {{{}}}",
                        PERMALINK_PLACEHOLDERS.join("}, {")
                    )));
            }
            rest = &rest[open + close + 1..];
        }
        Ok(Permalink(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_sub_path() {
        let base = BaseUrl::parse("https://example.github.io/so-cong-thuong").expect("valid");
        assert_eq!(base.origin, "https://example.github.io");
        assert_eq!(base.path, "/so-cong-thuong/");
        assert_eq!(base.relative("2014/09/x/"), "/so-cong-thuong/2014/09/x/");
        assert_eq!(
            base.absolute("/"),
            "https://example.github.io/so-cong-thuong/"
        );
        assert!(BaseUrl::parse("example.gov.vn").is_err());
        assert!(BaseUrl::parse("https://x/a/../b/").is_err());
    }
}
