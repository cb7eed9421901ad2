//! The sample site against the standards, checked by real tools: every page
//! (and the style sheet) by the Nu Html Checker (npm `vnu-jar`, run with
//! Java), the sitemap by `xmllint` against the sitemaps.org schema, the Atom
//! feeds by `jing` against the RELAX NG grammar of RFC 4287, and the RSS
//! feed by a structural check written from the RSS 2.0 specification (RSS
//! has no official schema). Schemas are in tests/schemas/. Without a tool
//! the test fails in CI and is skipped elsewhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{files_under, repo_root, stderr};

fn build_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let output = common::bantin()
        .args(["build", "--root"])
        .arg(repo_root())
        .arg("-o")
        .arg(out.path().join("public"))
        .env("BANTIN_NOW", common::NOW)
        .output()
        .expect("run bantin");
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

/// Whether `program` runs; if not, fails in CI and skips elsewhere.
fn have(program: &str, probe: &[&str], install: &str) -> bool {
    let runs = Command::new(program).args(probe).output().is_ok();
    if !runs {
        if std::env::var_os("CI").is_some() {
            panic!("{program} is missing: {install} (see .ci/run)");
        }
        eprintln!("SKIPPED: {program} is missing ({install})");
    }
    runs
}

fn vnu_jar() -> PathBuf {
    repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar")
}

#[test]
fn every_page_and_the_style_sheet_pass_the_nu_html_checker() {
    if !have(
        "java",
        &["-version"],
        "apt-get install -y default-jre-headless",
    ) {
        return;
    }
    if !vnu_jar().is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "vnu-jar is missing: npm ci --prefix tests/browser"
        );
        eprintln!("SKIPPED: vnu-jar is missing (npm ci --prefix tests/browser)");
        return;
    }
    let out = build_sample();
    let public = out.path().join("public");
    let files: Vec<PathBuf> = files_under(&public)
        .into_iter()
        .filter(|file| file.ends_with(".html") || file.ends_with(".css"))
        .map(|file| public.join(file))
        .collect();
    assert!(files.len() > 70, "only {} files", files.len());
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json", "--also-check-css"])
        .args(&files)
        .output()
        .expect("run the Nu Html Checker");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stderr).expect("vnu prints a JSON report");
    let messages = report["messages"].as_array().expect("messages");
    let problems: Vec<String> = messages
        .iter()
        .map(|message| {
            format!(
                "{}:{}: {} {}",
                message["url"].as_str().unwrap_or_default(),
                message["lastLine"],
                message["type"].as_str().unwrap_or_default(),
                message["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(output.status.success());
}

#[test]
fn the_sitemap_is_valid_against_the_sitemaps_org_schema() {
    if !have(
        "xmllint",
        &["--version"],
        "apt-get install -y libxml2-utils",
    ) {
        return;
    }
    let out = build_sample();
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo_root().join("tests/schemas/sitemap.xsd"))
        .arg(out.path().join("public/sitemap.xml"))
        .output()
        .expect("run xmllint");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("validates"), "{}", stderr(&output));
}

fn atom_feeds(public: &Path) -> Vec<PathBuf> {
    files_under(public)
        .into_iter()
        .filter(|file| file.ends_with("feed.xml"))
        .map(|file| public.join(file))
        .collect()
}

#[test]
fn atom_feeds_are_valid_against_the_rfc_4287_grammar() {
    if !have("jing", &[], "apt-get install -y jing") {
        return;
    }
    let out = build_sample();
    let feeds = atom_feeds(&out.path().join("public"));
    assert!(feeds.len() >= 7, "the site feed and one per category");
    let output = Command::new("jing")
        .arg("-c")
        .arg(repo_root().join("tests/schemas/atom.rnc"))
        .args(&feeds)
        .output()
        .expect("run jing");
    assert!(
        output.status.success(),
        "{}{}",
        common::stdout(&output),
        stderr(&output)
    );
    for feed in &feeds {
        let text = std::fs::read_to_string(feed).expect("read feed");
        check_atom_rules(&text, feed);
    }
}

/// RFC 4287's two rules that RELAX NG cannot say (its Schematron part).
fn check_atom_rules(text: &str, path: &Path) {
    let document = roxmltree::Document::parse(text).expect("well-formed");
    let root = document.root_element();
    let has_child =
        |node: roxmltree::Node, name: &str| node.children().any(|child| child.has_tag_name(name));
    let feed_author = has_child(root, "author");
    for entry in root.children().filter(|node| node.has_tag_name("entry")) {
        assert!(
            feed_author || has_child(entry, "author"),
            "{}: an entry without an author in a feed without one",
            path.display()
        );
        let alternate = entry.children().any(|child| {
            child.has_tag_name("link")
                && child.attribute("rel").is_none_or(|rel| rel == "alternate")
        });
        assert!(
            alternate || has_child(entry, "content"),
            "{}: an entry needs an alternate link or content",
            path.display()
        );
    }
}

#[test]
fn rss_follows_the_rss_2_0_specification() {
    let out = build_sample();
    let text = std::fs::read_to_string(out.path().join("public/rss.xml")).expect("rss.xml");
    let document = roxmltree::Document::parse(&text).expect("well-formed");
    let rss = document.root_element();
    assert!(rss.has_tag_name("rss") && rss.attribute("version") == Some("2.0"));
    let channels: Vec<_> = rss.children().filter(|node| node.is_element()).collect();
    assert_eq!(channels.len(), 1, "one <channel>");
    let channel = channels[0];
    assert!(channel.has_tag_name("channel"));
    let text_of = |node: roxmltree::Node, name: &str| -> Option<String> {
        node.children()
            .find(|child| child.tag_name().name() == name && child.tag_name().namespace().is_none())
            .map(|child| child.text().unwrap_or_default().to_string())
    };
    for required in ["title", "link", "description"] {
        let value = text_of(channel, required).unwrap_or_default();
        assert!(!value.trim().is_empty(), "channel <{required}> is required");
    }
    let absolute = |url: &str| url.starts_with("https://") || url.starts_with("http://");
    assert!(absolute(&text_of(channel, "link").unwrap_or_default()));
    if let Some(language) = text_of(channel, "language") {
        assert!(
            language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        );
    }
    for date in ["pubDate", "lastBuildDate"] {
        if let Some(value) = text_of(channel, date) {
            chrono::DateTime::parse_from_rfc2822(&value)
                .unwrap_or_else(|error| panic!("channel {date} \"{value}\": {error}"));
        }
    }
    const CHANNEL_ELEMENTS: &[&str] = &[
        "title",
        "link",
        "description",
        "language",
        "copyright",
        "managingEditor",
        "webMaster",
        "pubDate",
        "lastBuildDate",
        "category",
        "generator",
        "docs",
        "cloud",
        "ttl",
        "image",
        "rating",
        "textInput",
        "skipHours",
        "skipDays",
        "item",
    ];
    const ITEM_ELEMENTS: &[&str] = &[
        "title",
        "link",
        "description",
        "author",
        "category",
        "comments",
        "enclosure",
        "guid",
        "pubDate",
        "source",
    ];
    let mut items = 0;
    for child in channel.children().filter(|node| node.is_element()) {
        let name = child.tag_name();
        if name.namespace().is_some() {
            continue; // extensions (atom:link, dc:creator) are allowed
        }
        assert!(
            CHANNEL_ELEMENTS.contains(&name.name()),
            "unknown channel element <{}>",
            name.name()
        );
        if name.name() != "item" {
            continue;
        }
        items += 1;
        for element in child.children().filter(|node| node.is_element()) {
            let element_name = element.tag_name();
            assert!(
                element_name.namespace().is_some() || ITEM_ELEMENTS.contains(&element_name.name()),
                "unknown item element <{}>",
                element_name.name()
            );
        }
        let title = text_of(child, "title").unwrap_or_default();
        let description = text_of(child, "description").unwrap_or_default();
        assert!(
            !(title.is_empty() && description.is_empty()),
            "an item needs a title or a description"
        );
        assert!(absolute(&text_of(child, "link").unwrap_or_default()));
        let guid = child
            .children()
            .find(|node| node.has_tag_name("guid"))
            .expect("guid");
        if guid.attribute("isPermaLink") != Some("false") {
            assert!(
                absolute(guid.text().unwrap_or_default()),
                "a permalink guid is a URL"
            );
        }
        let published = text_of(child, "pubDate").expect("pubDate");
        chrono::DateTime::parse_from_rfc2822(&published)
            .unwrap_or_else(|error| panic!("item pubDate \"{published}\": {error}"));
    }
    assert!(items >= 10, "only {items} items");
}
