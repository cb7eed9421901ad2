//! Markdown stage: body -> HTML, summary, plain text (one pulldown-cmark pass).
//!
//! pulldown-cmark emits no heading ids and names footnotes by label, which
//! would collide when two articles share a page, so both are done here: ASCII
//! heading ids unique per page, and footnote ids prefixed per article.
//! Raw HTML is sanitized with an allow-list (ammonia) unless the site trusts
//! its authors; unsafe link schemes (`javascript:`, `data:`) never survive.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::slug::slugify;

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

struct State<'c, 'e> {
    context: &'c Context<'c>,
    /// Events of the main flow, in order.
    events: Vec<Event<'e>>,
    /// Events of the heading being read, until its end.
    heading: Option<Vec<Event<'e>>>,
    /// Footnote label -> number, in order of first reference.
    footnote_numbers: Vec<String>,
    /// Footnote definitions: (label, events).
    footnotes: Vec<(String, Vec<Event<'e>>)>,
    in_footnote: Option<(String, Vec<Event<'e>>)>,
    used_ids: HashSet<String>,
    headings: Vec<Heading>,
    links: Vec<SourceLink>,
    unsafe_links: Vec<SourceLink>,
    /// Depth of dropped links (unsafe scheme): their End events are dropped too.
    dropped_links: Vec<bool>,
    has_raw_html: bool,
    plain_text: String,
    first_paragraph: Option<String>,
    paragraph_depth: usize,
    block_depth: usize,
    collecting_first: bool,
}

impl<'c, 'e> State<'c, 'e> {
    fn new(context: &'c Context<'c>) -> Self {
        State {
            context,
            events: Vec::new(),
            heading: None,
            footnote_numbers: Vec::new(),
            footnotes: Vec::new(),
            in_footnote: None,
            used_ids: HashSet::new(),
            headings: Vec::new(),
            links: Vec::new(),
            unsafe_links: Vec::new(),
            dropped_links: Vec::new(),
            has_raw_html: false,
            plain_text: String::new(),
            first_paragraph: None,
            paragraph_depth: 0,
            block_depth: 0,
            collecting_first: false,
        }
    }

    fn push(&mut self, event: Event<'e>, line: usize) {
        self.collect_text(&event);
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.check_link(dest_url, line) {
                Some(url) => {
                    self.dropped_links.push(false);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: url,
                        title,
                        id,
                    })
                }
                None => {
                    self.dropped_links.push(true);
                    return;
                }
            },
            Event::End(TagEnd::Link) => {
                if self.dropped_links.pop().unwrap_or(false) {
                    return;
                }
                event
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.check_link(dest_url, line) {
                Some(url) => Event::Start(Tag::Image {
                    link_type,
                    dest_url: url,
                    title,
                    id,
                }),
                // An unsafe image source: keep the alt text only.
                None => Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::Borrowed(""),
                    title,
                    id,
                }),
            },
            Event::Html(_) | Event::InlineHtml(_) => {
                self.has_raw_html = true;
                event
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            other => other,
        };
        self.route(event);
    }

    /// Sends an event to the footnote, heading or main buffer.
    fn route(&mut self, event: Event<'e>) {
        if let Some((label, events)) = &mut self.in_footnote {
            if matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
                let label = label.clone();
                let events = std::mem::take(events);
                self.in_footnote = None;
                self.footnotes.push((label, events));
            } else {
                events.push(event);
            }
            return;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.in_footnote = Some((label.to_string(), Vec::new()));
            }
            Event::Start(Tag::Heading { .. }) => self.heading = Some(vec![event]),
            Event::End(TagEnd::Heading(_)) => {
                let mut events = self.heading.take().unwrap_or_default();
                events.push(event);
                self.finish_heading(events);
            }
            other => match &mut self.heading {
                Some(events) => events.push(other),
                None => self.events.push(other),
            },
        }
    }

    /// Gives a heading a unique ASCII id and records it.
    fn finish_heading(&mut self, mut events: Vec<Event<'e>>) {
        let text: String = events
            .iter()
            .filter_map(|event| match event {
                Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
                _ => None,
            })
            .collect();
        if let Some(Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        })) = events.first_mut()
        {
            let wanted = id.as_deref().map(slugify).unwrap_or_else(|| slugify(&text));
            let unique = self.unique_id(if wanted.is_empty() {
                "muc".to_string()
            } else {
                wanted
            });
            self.headings.push(Heading {
                level: heading_number(*level),
                id: unique.clone(),
                text: text.trim().to_string(),
            });
            *id = Some(CowStr::from(unique));
            classes.clear();
            attrs.clear();
        }
        self.events.extend(events);
    }

    fn unique_id(&mut self, base: String) -> String {
        let mut candidate = base.clone();
        let mut counter = 1;
        while !self.used_ids.insert(candidate.clone()) {
            candidate = format!("{base}-{counter}");
            counter += 1;
        }
        candidate
    }

    fn footnote_reference(&mut self, label: &str) -> Event<'e> {
        let number = match self
            .footnote_numbers
            .iter()
            .position(|known| known == label)
        {
            Some(index) => index + 1,
            None => {
                self.footnote_numbers.push(label.to_string());
                self.footnote_numbers.len()
            }
        };
        let prefix = self.context.footnote_prefix;
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\" id=\"fnref-{prefix}-{number}\"><a href=\"#fn-{prefix}-{number}\">{number}</a></sup>"
        )))
    }

    /// Applies the link rewrite and the scheme allow-list; `None` drops the link.
    fn check_link(&mut self, dest: CowStr<'e>, line: usize) -> Option<CowStr<'e>> {
        let rewritten = self.context.rewrite_link.and_then(|rewrite| rewrite(&dest));
        let url = match rewritten {
            Some(url) => CowStr::from(url),
            None => dest.clone(),
        };
        let link = SourceLink {
            url: url.to_string(),
            line,
            written: dest.to_string(),
        };
        if is_safe_url(&url) {
            self.links.push(link);
            Some(url)
        } else {
            self.unsafe_links.push(link);
            None
        }
    }

    /// Builds the plain text and the first paragraph.
    fn collect_text(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.paragraph_depth += 1;
                if self.first_paragraph.is_none()
                    && self.block_depth == 0
                    && self.in_footnote.is_none()
                {
                    self.collecting_first = true;
                    self.first_paragraph = Some(String::new());
                }
            }
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                self.collecting_first = false;
                self.plain_text.push('\n');
            }
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => {
                self.block_depth += 1;
            }
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => {
                self.block_depth = self.block_depth.saturating_sub(1);
                self.plain_text.push('\n');
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock,
            ) => {
                self.plain_text.push('\n');
            }
            Event::End(TagEnd::TableCell) => self.plain_text.push(' '),
            Event::Text(text) | Event::Code(text) => {
                self.plain_text.push_str(text);
                if self.collecting_first
                    && let Some(first) = &mut self.first_paragraph
                {
                    first.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain_text.push(' ');
                if self.collecting_first
                    && let Some(first) = &mut self.first_paragraph
                {
                    first.push(' ');
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Rendered {
        if let Some(events) = self.heading.take() {
            self.events.extend(events);
        }
        let mut body = String::with_capacity(self.plain_text.len() * 2);
        html::push_html(&mut body, self.events.into_iter());
        let footnotes = render_footnotes(
            &self.footnote_numbers,
            self.footnotes,
            self.context.footnote_prefix,
        );
        body.push_str(&footnotes);
        let html = if self.has_raw_html && !self.context.unsafe_html {
            sanitizer().clean(&body).to_string()
        } else {
            body
        };
        Rendered {
            html: Arc::from(html),
            first_paragraph: collapse_spaces(&self.first_paragraph.unwrap_or_default()),
            plain_text: Arc::from(self.plain_text.trim()),
            headings: self.headings,
            links: self.links,
            unsafe_links: self.unsafe_links,
        }
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The footnote list, numbered in order of first reference; definitions that
/// are never referenced are left out, as on GitHub.
fn render_footnotes(
    numbers: &[String],
    definitions: Vec<(String, Vec<Event>)>,
    prefix: &str,
) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let mut html_text = String::from("<section class=\"footnotes\"><ol>");
    for (index, label) in numbers.iter().enumerate() {
        let number = index + 1;
        html_text.push_str(&format!("<li id=\"fn-{prefix}-{number}\">"));
        if let Some((_, events)) = definitions.iter().find(|(known, _)| known == label) {
            html::push_html(&mut html_text, events.iter().cloned());
        }
        html_text.push_str(&format!(
            "<a href=\"#fnref-{prefix}-{number}\" class=\"footnote-back\" aria-label=\"↩ {number}\">↩</a></li>"
        ));
    }
    html_text.push_str("</ol></section>");
    html_text
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

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
fn sanitizer() -> &'static ammonia::Builder<'static> {
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

    fn html_of(body: &str) -> Rendered {
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
    fn headings_get_unique_ascii_ids() {
        let rendered = html_of("## Kết quả\n\ntext\n\n## Kết quả\n\n### Đào tạo {#dao-tao-nghe}\n");
        assert!(
            rendered.html.contains("<h2 id=\"ket-qua\">Kết quả</h2>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"ket-qua-1\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered
                .html
                .contains("<h3 id=\"dao-tao-nghe\">Đào tạo</h3>"),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.headings.len(), 3);
    }

    #[test]
    fn footnote_ids_carry_the_article_prefix() {
        let rendered = html_of("Văn bản[^a] và[^b].\n\n[^b]: Hai.\n[^a]: Một.\n");
        assert!(
            rendered.html.contains("href=\"#fn-bai-1\""),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<li id=\"fn-bai-1\"><p>Một.</p>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<li id=\"fn-bai-2\"><p>Hai.</p>"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn first_paragraph_and_plain_text() {
        let rendered = html_of("## Tiêu đề\n\nĐoạn *mở đầu*\nhai dòng.\n\n- một\n- hai\n");
        assert_eq!(rendered.first_paragraph, "Đoạn mở đầu hai dòng.");
        assert!(
            rendered.plain_text.contains("một\nhai"),
            "{:?}",
            rendered.plain_text
        );
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
