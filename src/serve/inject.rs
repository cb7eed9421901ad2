//! What the preview adds to every HTML page it serves: the live-reload script
//! and, while the last rebuild is failing, an overlay with its diagnostics.
//! Diagnostics are user text (titles, file names): they are HTML-escaped here
//! and inserted with `textContent` by the script.

use crate::render::escape_html;

const SCRIPT: &str = include_str!("livereload.js");

/// Inserts the overlay and the script before `</body>` (or at the end).
pub fn inject(html: &str, build: &str, errors: &[String]) -> String {
    let mut addition = String::with_capacity(SCRIPT.len() + 256);
    if !errors.is_empty() {
        addition.push_str(&overlay(errors));
    }
    let build_json = serde_json::Value::from(build)
        .to_string()
        .replace('<', "\\u003c");
    addition.push_str("<script>window.__bantinBuild = ");
    addition.push_str(&build_json);
    addition.push_str(";</script>\n<script>");
    addition.push_str(SCRIPT);
    addition.push_str("</script>\n");
    match html.rfind("</body>") {
        Some(at) => format!("{}{addition}{}", &html[..at], &html[at..]),
        None => format!("{html}{addition}"),
    }
}

/// The error overlay, rendered on the server for pages loaded while broken.
pub fn overlay(errors: &[String]) -> String {
    let mut html = String::from(
        "<div id=\"bantin-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#1d232b;color:#fff;border-top:6px solid #c8102e;padding:1rem 1.25rem;font:14px/1.5 monospace\">\
<p style=\"margin:0 0 .5rem;font-weight:bold;color:#ffcd00\">bantin: the last change did not build — showing the last good version</p>",
    );
    for error in errors {
        html.push_str("<pre style=\"white-space:pre-wrap;margin:.5rem 0;color:#fff\">");
        html.push_str(&escape_html(error));
        html.push_str("</pre>");
    }
    html.push_str("</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end_and_errors_are_escaped() {
        let page = inject(
            "<html><body><p>x</p></body></html>",
            "b-1",
            &["content/x.md:2:8: error: <script>alert(1)</script>".into()],
        );
        assert!(page.ends_with("</script>\n</body></html>"));
        assert!(page.contains("window.__bantinBuild = \"b-1\";"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.contains("<script>alert(1)"));
    }
}
