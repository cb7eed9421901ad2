//! Bar charts (render stage): labelled amounts -> a standalone SVG drawn at
//! build time. No JavaScript; accessible (`role="img"`, `<title>`, `<desc>`
//! listing every figure, text labels on every bar, so nothing is told by
//! colour alone); vector and `crispEdges`, so it prints sharply. Geometry is
//! computed with exact decimals like the amounts themselves.
//!
//! The drawing has no `viewBox`: it is as wide as its column and bars are
//! percentages of that width, so labels keep their size (14 px) on a phone
//! instead of shrinking with the picture.

use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::render::feeds::escape_xml;

const LABEL_SIZE: u32 = 14;
const LINE_HEIGHT: u32 = 18;
const BAR_HEIGHT: u32 = 18;
const ROW_GAP: u32 = 12;
/// The longest bar takes this share (%) of the width; the rest is room for its value.
const BAR_ROOM: u32 = 78;
/// Labels wrap at about this many characters: a 14 px line on a 320 px phone column.
const WRAP_CHARS: usize = 40;
const MAX_LABEL_LINES: usize = 3;

/// One bar: its label, amount and the amount as printed (`77,85`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Decimal,
    pub value_text: String,
    /// A link for the bar and its label (the overview links to articles).
    pub href: Option<String>,
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Short name, read first by screen readers.
    pub title: String,
    /// Long description; `svg` appends every bar's label and value to it.
    pub description: String,
    pub bars: Vec<Bar>,
}

/// Draws the chart; `id` makes the `<title>`/`<desc>` ids unique in the page.
pub fn svg(chart: &Chart, id: &str) -> String {
    let max = chart
        .bars
        .iter()
        .map(|bar| bar.value)
        .max()
        .unwrap_or(Decimal::ZERO);
    let mut rows = String::new();
    let mut y = 0;
    for bar in &chart.bars {
        y = draw_bar(&mut rows, bar, max, y);
    }
    let height = y.saturating_sub(ROW_GAP).max(1);
    let listed: Vec<String> = chart
        .bars
        .iter()
        .map(|bar| format!("{}: {}", bar.label, bar.value_text))
        .collect();
    let description = format!("{} {}.", chart.description, listed.join("; "));
    let id = escape_xml(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" \
width=\"100%\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{rows}</svg>",
        escape_xml(&chart.title),
        escape_xml(description.trim()),
    )
}

/// Draws one row (label lines, then the bar and its value) from `top`;
/// returns the top of the next row.
fn draw_bar(out: &mut String, bar: &Bar, max: Decimal, top: u32) -> u32 {
    let lines = wrap(&bar.label, WRAP_CHARS, MAX_LABEL_LINES);
    let mut row = String::new();
    let mut baseline = top + LABEL_SIZE;
    for line in &lines {
        let _ = write!(
            row,
            "<text class=\"bar-label\" x=\"0\" y=\"{baseline}\" font-size=\"{LABEL_SIZE}\">{}</text>",
            escape_xml(line)
        );
        baseline += LINE_HEIGHT;
    }
    let bar_top = top + LINE_HEIGHT * lines.len() as u32 + 2;
    let length = bar_length(bar.value, max);
    let _ = write!(
        row,
        "<rect class=\"bar\" x=\"0\" y=\"{bar_top}\" width=\"{length}%\" height=\"{BAR_HEIGHT}\" shape-rendering=\"crispEdges\"/>"
    );
    let _ = write!(
        row,
        "<text class=\"bar-value\" x=\"{length}%\" dx=\"6\" y=\"{}\" font-size=\"{LABEL_SIZE}\">{}</text>",
        bar_top + BAR_HEIGHT - 4,
        escape_xml(&bar.value_text)
    );
    match &bar.href {
        Some(href) => {
            let _ = write!(
                out,
                "<a href=\"{}\" class=\"bar-link\">{row}</a>",
                escape_xml(href)
            );
        }
        None => out.push_str(&format!("<g class=\"bar-row\">{row}</g>")),
    }
    bar_top + BAR_HEIGHT + ROW_GAP
}

/// The bar's length in % of the width, to two decimals; at least 0.5 % so
/// a small non-zero amount stays visible.
fn bar_length(value: Decimal, max: Decimal) -> Decimal {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let room = Decimal::from(BAR_ROOM);
    let length =
        (value * room / max).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    length.max(Decimal::new(5, 1)).normalize()
}

/// Splits a label into at most `max_lines` lines of about `width`
/// characters at spaces; the last line ends with `…` when text was cut.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= width;
        if current.is_empty() || fits {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            lines.push(std::mem::take(&mut current));
            current.push_str(word);
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", kept.trim_end());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn bar(label: &str, value: &str) -> Bar {
        Bar {
            label: label.into(),
            value: Decimal::from_str(value).expect("decimal"),
            value_text: value.replace('.', ","),
            href: None,
        }
    }

    #[test]
    fn the_longest_bar_fills_the_room_and_others_scale_exactly() {
        let amount = |text: &str| Decimal::from_str(text).expect("decimal");
        assert_eq!(bar_length(amount("100"), amount("100")).to_string(), "78");
        assert_eq!(
            bar_length(amount("77.85"), amount("100")).to_string(),
            "60.72"
        );
        assert_eq!(bar_length(Decimal::ZERO, amount("100")).to_string(), "0");
        assert_eq!(
            bar_length(amount("0.001"), amount("1000")).to_string(),
            "0.5"
        );
    }

    #[test]
    fn labels_and_links_are_escaped() {
        let mut evil = bar("<script>alert(1)</script> & \"x\"", "5");
        evil.href = Some("/a?b=1&c=\"2\"".into());
        let chart = Chart {
            title: "T <b>".into(),
            description: "D".into(),
            bars: vec![evil],
        };
        let svg = svg(&chart, "c1");
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        assert!(svg.contains("href=\"/a?b=1&amp;c=&quot;2&quot;\""), "{svg}");
        assert!(svg.contains("<title id=\"c1-title\">T &lt;b&gt;</title>"));
    }

    #[test]
    fn long_labels_wrap_and_are_cut_after_three_lines() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười";
        assert_eq!(
            wrap(text, 12, 5),
            ["một hai ba", "bốn năm sáu", "bảy tám chín", "mười"]
        );
        let cut = wrap(text, 12, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert_eq!(wrap("", 10, 3), [""]);
    }
}
