//! Markdown stage: body -> HTML, summary, plain text (one pulldown-cmark pass).
//!
//! pulldown-cmark emits no heading ids and names footnotes by label, which
//! would collide when two articles share a page, so both are done here: ASCII
//! heading ids unique per page, and footnote ids prefixed per article.
//! Raw HTML is sanitized with an allow-list (ammonia) unless the site trusts
//! its authors; unsafe link schemes (`javascript:`, `data:`) never survive.
//!
//! Here: the settings, the results and the parser options; `events.rs` walks
//! the events (heading ids, link checks, text), `footnotes.rs` numbers the
//! footnotes, `sanitize.rs` holds the URL and raw-HTML allow-lists.

mod events;
mod footnotes;
mod sanitize;

pub use sanitize::is_safe_url;

use std::sync::Arc;

use pulldown_cmark::{Options, Parser};

use events::State;

/// Rewrites a link destination; `None` keeps it as written.
pub type LinkRewrite<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// Settings of one rendering.
pub struct Context<'a> {
    /// Keep raw HTML unsanitized (`markdown.unsafe_html: true`).
    pub unsafe_html: bool,
    /// Makes footnote ids unique across articles (`fn-{prefix}-1`).
    pub footnote_prefix: &'a str,
    /// Rewrites a link destination (e.g. `../2014/x.md` to the article URL);
    /// `None` keeps it as written.
    pub rewrite_link: Option<LinkRewrite<'a>>,
}

/// A link or image written in the body, for link checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The destination as rendered (after rewriting).
    pub url: String,
    /// Line in the body (1-based).
    pub line: usize,
    /// The destination as written.
    pub written: String,
}

/// A heading of the body, for tables of contents and anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The result of rendering one body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Shared, so that pages reusing an unchanged body do not copy it.
    pub html: Arc<str>,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
    /// All text, paragraphs separated by newlines (for search and descriptions).
    pub plain_text: Arc<str>,
    pub headings: Vec<Heading>,
    pub links: Vec<SourceLink>,
    /// Links dropped because of an unsafe scheme (line, destination).
    pub unsafe_links: Vec<SourceLink>,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a Markdown body.
pub fn render(body: &str, context: &Context) -> Rendered {
    let lines = LineIndex::new(body);
    let mut state = State::new(context);
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        let line = lines.line_of(range.start);
        state.push(event, line);
    }
    state.finish()
}

/// Byte offset -> line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `body` sanitized, with footnote prefix `bai`; shared by the
    /// tests of the submodules.
    pub(super) fn html_of(body: &str) -> Rendered {
        render(
            body,
            &Context {
                unsafe_html: false,
                footnote_prefix: "bai",
                rewrite_link: None,
            },
        )
    }

    #[test]
    fn tables_strikethrough_and_alignment_survive() {
        let rendered =
            html_of("| Huyện | Số |\n|---|--:|\n| Tân Uyên | 105 |\n\n~~cũ~~ <b>mới</b>\n");
        assert!(rendered.html.contains("<table>"));
        assert!(rendered.html.contains("<del>cũ</del>"));
        assert!(
            rendered.html.contains("style=\"text-align:right\""),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("<b>mới</b>"));
    }
}
