//! No script injection: every payload of tests/hostile/payloads.json, in
//! every front-matter field, site.yaml field, file name and body, yields no
//! executable markup in any page, feed, sitemap or index file. Checked here
//! by parsing the output; tests/browser/hostile.mjs loads the same output
//! in Chromium with a canary.

mod common;

use std::path::Path;

use common::hostile::{hostile_site, payloads};
use common::{files_under, stderr};
use scraper::{ElementRef, Html};

/// Attributes whose value the browser treats as a URL to load or follow.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "ping",
    "manifest",
    "codebase",
    "longdesc",
    "srcset",
];

/// Elements that never come out of bantin's default theme or sanitizer.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "noscript",
    "template", "math", "portal",
];

/// A URL that runs script or loads a document chosen by the author.
fn is_dangerous_url(value: &str) -> bool {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

/// Problems of one element: a script that is not the theme's, an event
/// handler, a dangerous URL, a forbidden element.
fn element_problems(element: ElementRef, problems: &mut Vec<String>) {
    let value = element.value();
    let name = value.name();
    if name == "script" {
        let text: String = element.text().collect();
        match (value.attr("src"), value.attr("type")) {
            (Some(src), None) if src.starts_with("/assets/") && text.is_empty() => {}
            (None, Some("application/ld+json")) => {
                if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                    problems.push(format!("JSON-LD is not JSON: {text:.200}"));
                }
                if text.to_ascii_lowercase().contains("</") || text.contains("<!--") {
                    problems.push(format!("JSON-LD holds markup: {text:.200}"));
                }
            }
            _ => problems.push(format!("unexpected <script>: {}", element.html())),
        }
    }
    if FORBIDDEN_ELEMENTS.contains(&name) {
        problems.push(format!("<{name}> element: {:.200}", element.html()));
    }
    if let (true, Some(equiv)) = (name == "meta", value.attr("http-equiv")) {
        // Alias redirect pages refresh to the article: a site path only.
        let content = value.attr("content").unwrap_or("").to_ascii_lowercase();
        let target = content.split_once("url=").map(|(_, url)| url.trim());
        let to_site = target.is_some_and(|url| url.starts_with('/') && !url.starts_with("//"));
        if !equiv.eq_ignore_ascii_case("refresh") || !to_site {
            problems.push(format!("<meta http-equiv>: {}", element.html()));
        }
    }
    for (attribute, content) in value.attrs() {
        let attribute = attribute.to_ascii_lowercase();
        if attribute.starts_with("on") || attribute == "srcdoc" || attribute == "formaction" {
            problems.push(format!("{attribute}= on <{name}>: {content:.200}"));
        }
        if URL_ATTRIBUTES.contains(&attribute.as_str()) && is_dangerous_url(content) {
            problems.push(format!("{attribute}=\"{content:.200}\" on <{name}>"));
        }
        if attribute == "style" && content.to_ascii_lowercase().contains("url(") {
            problems.push(format!("style with url() on <{name}>: {content:.200}"));
        }
    }
}

/// Problems of a whole HTML document or fragment.
fn html_problems(html: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for node in html.tree.nodes() {
        if let Some(element) = ElementRef::wrap(node) {
            element_problems(element, &mut problems);
        }
    }
    problems
}

/// Problems of an XML file (feeds, sitemap): well-formed, no processing
/// instruction, no XHTML element, and the HTML carried in Atom content and
/// RSS descriptions is itself clean.
fn xml_problems(text: &str) -> Vec<String> {
    let document = match roxmltree::Document::parse(text) {
        Ok(document) => document,
        Err(error) => return vec![format!("not well-formed XML: {error}")],
    };
    let mut problems = Vec::new();
    for node in document.descendants() {
        if node.is_pi() {
            problems.push(format!("processing instruction {:?}", node.pi()));
        }
        if !node.is_element() {
            continue;
        }
        if node.tag_name().namespace() == Some("http://www.w3.org/1999/xhtml") {
            problems.push(format!("XHTML element <{}>", node.tag_name().name()));
        }
        // RSS descriptions are HTML by custom; Atom text constructs are
        // HTML only with type="html".
        let carries_html =
            node.tag_name().name() == "description" || node.attribute("type") == Some("html");
        if carries_html && let Some(inner) = node.text() {
            for problem in html_problems(&Html::parse_fragment(inner)) {
                problems.push(format!("inside <{}>: {problem}", node.tag_name().name()));
            }
        }
    }
    problems
}

/// Problems of a JSON file: it must parse.
fn json_problems(text: &str) -> Vec<String> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => Vec::new(),
        Err(error) => vec![format!("not JSON: {error}")],
    }
}

/// Checks every generated file of `public`; returns "file: problem" lines.
fn scan_output(public: &Path) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0;
    for relative in files_under(public) {
        let path = public.join(&relative);
        let found = if relative.ends_with(".html") {
            let text = std::fs::read_to_string(&path).expect("read page");
            html_problems(&Html::parse_document(&text))
        } else if relative.ends_with(".xml") {
            xml_problems(&std::fs::read_to_string(&path).expect("read xml"))
        } else if relative.ends_with(".json") {
            json_problems(&std::fs::read_to_string(&path).expect("read json"))
        } else {
            continue;
        };
        checked += 1;
        problems.extend(
            found
                .into_iter()
                .map(|problem| format!("{relative}: {problem}")),
        );
    }
    (problems, checked)
}

#[test]
fn hostile_site_builds_and_no_output_file_holds_executable_markup() {
    let site = hostile_site();
    let output = site.run_within(std::time::Duration::from_secs(120), &["build"]);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        stderr(&output)
    );
    let public = site.path("public");
    let (problems, checked) = scan_output(&public);
    assert!(checked > 100, "only {checked} files were checked");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_payload_reaches_the_output_as_text() {
    // The checks above mean something only if the payloads got through:
    // each payload's identifier shows up, escaped, in its article page.
    let site = hostile_site();
    site.build_bounded();
    for (index, payload) in payloads().iter().enumerate() {
        let page = site.read_output(&format!("2025/{:02}/p-{index}/index.html", index % 12 + 1));
        let html = Html::parse_document(&page);
        let text: String = html.root_element().text().collect();
        let marker = payload.text.split_whitespace().next().unwrap_or("");
        let marker: String = marker
            .chars()
            .filter(|c| !c.is_control() && !bantin::bidi::is_direction_control(*c))
            .collect();
        assert!(
            text.contains(&marker) || page.contains(&marker),
            "payload {} is missing from its page",
            payload.id
        );
    }
}

#[test]
fn direction_controls_never_reach_a_generated_file() {
    let site = hostile_site();
    site.build_bounded();
    let public = site.path("public");
    for relative in files_under(&public) {
        let Ok(text) = std::fs::read_to_string(public.join(&relative)) else {
            continue;
        };
        let found: Vec<String> = text
            .chars()
            .filter(|c| bantin::bidi::is_direction_control(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(found.is_empty(), "{relative} holds {found:?}");
    }
}

#[test]
fn the_scanner_catches_what_it_should() {
    // A scanner that finds nothing proves nothing: feed it known-bad markup.
    for bad in [
        "<script>x()</script>",
        "<img src=x onerror=x()>",
        "<a href=\" JaVa\tScRiPt:x()\">a</a>",
        "<iframe src=\"https://x\"></iframe>",
        "<svg><animate onbegin=x()></svg>",
        "<form><button formaction=\"javascript:x()\">b</button></form>",
        "<meta http-equiv=refresh content=\"0;url=javascript:x()\">",
        "<a href=\"data:text/html,x\">a</a>",
        "<script type=\"application/ld+json\">{\"a\":\"</script>\"}</script>",
    ] {
        let problems = html_problems(&Html::parse_document(bad));
        assert!(!problems.is_empty(), "missed: {bad}");
    }
    assert!(
        !xml_problems("<feed><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\"/></feed>")
            .is_empty()
    );
    assert!(
        !xml_problems(
            "<feed><content type=\"html\">&lt;script&gt;x()&lt;/script&gt;</content></feed>"
        )
        .is_empty()
    );
    assert!(!xml_problems("<?xml-stylesheet href=\"x.xsl\"?><feed/>").is_empty());
}

#[test]
fn no_payload_runs_in_chromium_in_the_build_or_the_serve_overlay() {
    let site = hostile_site();
    site.build_bounded();
    let server = common::serve::Server::start(site.root(), &["--port", "0"]);
    // A broken edit: the diagnostics shown in the overlay carry payloads
    // (an unknown field name and a value quoted back in the message).
    site.write(
        "content/2025/hong.md",
        "---\ntitle: Bài hỏng\ndate: 2025-01-01\ncategory: \"<script>__pwned('overlay-category')</script>\"\n\"<img src=x onerror=__pwned('overlay-key')>\": 1\n---\nx\n",
    );
    server.wait_for_line("error");
    let serve_url = format!("http://127.0.0.1:{}/", server.port);
    let public = site.path("public");
    common::browser::run_suite("hostile.mjs", &[public.as_os_str(), serve_url.as_ref()]);
}

#[test]
fn redirect_rules_from_payload_aliases_stay_one_rule_per_alias() {
    // Aliases end up in server configuration: each must stay a single,
    // well-formed rule whatever characters the alias holds.
    let site = hostile_site();
    site.build_bounded();
    let aliases = 4 * payloads().len();
    let nginx = site.read_output("nginx-redirects.conf");
    let rules: Vec<&str> = nginx
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    assert_eq!(rules.len(), aliases, "{nginx}");
    for rule in rules {
        let well_formed = rule.starts_with("location = \"/")
            && rule.ends_with("\"; }")
            && rule.matches('"').count() == 4
            && rule.matches(';').count() == 1
            && rule.matches('{').count() == 1
            && rule.matches('}').count() == 1
            && !rule.contains('$');
        assert!(well_formed, "nginx rule: {rule}");
    }
    let netlify = site.read_output("_redirects");
    let rules: Vec<&str> = netlify
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    assert_eq!(rules.len(), aliases, "{netlify}");
    for rule in rules {
        let fields: Vec<&str> = rule.split_whitespace().collect();
        assert!(
            fields.len() == 3 && fields[0].starts_with('/') && fields[2] == "301",
            "_redirects rule: {rule}"
        );
    }
}
