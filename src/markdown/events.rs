//! The event pass of one rendering: routes pulldown-cmark events to the body,
//! a heading or a footnote, gives headings unique ids, checks links and
//! collects the plain text and first paragraph.

use std::collections::HashSet;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use super::footnotes::render_footnotes;
use super::sanitize::{is_safe_url, sanitizer};
use super::{Context, Heading, Rendered, SourceLink};
use crate::slug::slugify;

/// What one rendering has read so far.
pub(super) struct State<'c, 'e> {
    pub(super) context: &'c Context<'c>,
    /// Events of the main flow, in order.
    events: Vec<Event<'e>>,
    /// Events of the heading being read, until its end.
    heading: Option<Vec<Event<'e>>>,
    /// Footnote label -> number, in order of first reference.
    pub(super) footnote_numbers: Vec<String>,
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
    pub(super) fn new(context: &'c Context<'c>) -> Self {
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

    pub(super) fn push(&mut self, event: Event<'e>, line: usize) {
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

    pub(super) fn finish(mut self) -> Rendered {
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

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::html_of;

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
    fn first_paragraph_and_plain_text() {
        let rendered = html_of("## Tiêu đề\n\nĐoạn *mở đầu*\nhai dòng.\n\n- một\n- hai\n");
        assert_eq!(rendered.first_paragraph, "Đoạn mở đầu hai dòng.");
        assert!(
            rendered.plain_text.contains("một\nhai"),
            "{:?}",
            rendered.plain_text
        );
    }
}
