//! Footnotes: references numbered in order of first use, with ids prefixed
//! per article, and the list rendered at the end of the body.

use pulldown_cmark::{CowStr, Event, html};

use super::events::State;

impl<'e> State<'_, 'e> {
    /// The superscript link for a reference, numbered in order of first use.
    pub(super) fn footnote_reference(&mut self, label: &str) -> Event<'e> {
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
}

/// The footnote list, numbered in order of first reference; definitions that
/// are never referenced are left out, as on GitHub.
pub(super) fn render_footnotes(
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

#[cfg(test)]
mod tests {
    use crate::markdown::tests::html_of;

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
}
