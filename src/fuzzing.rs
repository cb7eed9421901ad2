//! Fuzz entry points: arbitrary bytes -> one stage of bantin, with the
//! invariants each stage must keep on *any* input. Shared by the cargo-fuzz
//! targets under `fuzz/` (coverage-guided, nightly) and the regression and
//! random-input tests of `cargo test` (tests/fuzz_regressions.rs). A panic or
//! a failed assertion here is a bug; see docs/fuzzing.md.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use unicode_normalization::char::is_combining_mark;

use crate::config::Config;
use crate::load::{SourceFile, SourceKind, decode_text};
use crate::search::normalize::{exact_key, fold_key};
use crate::search::query::{Filters, Searcher};

/// The configuration fuzzed articles are read against.
fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::parse(
            std::path::Path::new("site.yaml"),
            "title: Sở Công Thương\nbase_url: https://example.gov.vn/\ncategories:\n  - {slug: khuyen-cong, name: Khuyến công}\n",
        )
        .unwrap_or_else(|_| panic!("the built-in fuzzing configuration is valid"))
    })
}

fn source(text: String, kind: SourceKind) -> SourceFile {
    SourceFile {
        path: PathBuf::from("content/fuzz.md"),
        dir: PathBuf::from("content"),
        is_bundle: false,
        kind,
        text: Arc::from(text),
        hash: 0,
    }
}

/// Front matter: load-stage decoding, then strict reading as an article and
/// as a page. Every error must carry a position inside the file.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = decode_text(std::path::Path::new("content/fuzz.md"), data.to_vec()) else {
        return;
    };
    let lines = text.lines().count().max(1);
    for kind in [SourceKind::Article, SourceKind::Page] {
        let file = source(text.clone(), kind);
        match crate::frontmatter::parse(&file, config()) {
            Ok(parsed) => {
                assert!(parsed.body_start <= text.len());
                assert!(text.is_char_boundary(parsed.body_start));
            }
            Err(diagnostics) => {
                assert!(!diagnostics.is_empty(), "an error without a diagnostic");
                for diagnostic in diagnostics {
                    assert!(
                        diagnostic.line <= lines + 1,
                        "diagnostic at line {} of a {lines}-line file",
                        diagnostic.line
                    );
                    let _ = diagnostic.to_string();
                }
            }
        }
    }
}

/// Markdown with sanitization (the default): no element or attribute that
/// runs script, whatever the input.
pub fn markdown(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let context = crate::markdown::Context {
        unsafe_html: false,
        footnote_prefix: "fuzz",
        rewrite_link: None,
    };
    let rendered = crate::markdown::render(body, &context);
    assert_no_script(&rendered.html);
}

/// Tag names, attribute names and URL schemes that must never be produced
/// as markup. Text is escaped (`&lt;script`), so a match is markup.
pub fn assert_no_script(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in [
        "<script", "<iframe", "<object", "<embed", "<style", "<svg", "<math", "<form", "<base",
        "<meta", "<link",
    ] {
        assert!(!lower.contains(tag), "{tag} in {html:.300}");
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('<') {
        let (attributes, used) = attributes(&rest[at + 1..]);
        rest = &rest[at + 1 + used..];
        for (name, value) in attributes {
            assert!(
                !name.starts_with("on"),
                "event handler {name} in {html:.300}"
            );
            if matches!(name, "href" | "src" | "action" | "formaction" | "srcset") {
                let value: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!value.starts_with(scheme), "{scheme} URL in {html:.300}");
                }
            }
        }
    }
}

/// The attributes of the tag that `tag` starts (after its `<`), as the
/// HTML tokenizer reads them: names, then `=` and a quoted or bare value;
/// and the number of bytes up to the end of the tag.
fn attributes(tag: &str) -> (Vec<(&str, &str)>, usize) {
    let mut found = Vec::new();
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len());
    let mut rest = &tag[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return (found, tag.len() - rest.len());
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = &rest[..end];
        rest = rest[end..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (text, remaining) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(quote).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = text;
            rest = remaining;
        }
        found.push((name, value));
    }
}

/// Legacy import: decoding (any encoding), parsing and writing. Whatever is
/// written must be a file bantin itself can read without a YAML error.
pub fn import(data: &[u8]) {
    let Ok(decoded) = crate::import::decode::decode(data) else {
        return;
    };
    let Ok(bulletin) = crate::import::legacy::parse(&decoded.text) else {
        return;
    };
    let text = crate::import::write::markdown(
        &bulletin,
        &crate::import::write::Extra {
            category: "khuyen-cong",
            department: None,
            origin: "fuzz.txt",
        },
    );
    let loaded = decode_text(
        std::path::Path::new("content/fuzz.md"),
        text.clone().into_bytes(),
    );
    assert!(
        loaded.is_ok(),
        "import wrote a file the build refuses: {loaded:?}"
    );
    let file = source(text.clone(), SourceKind::Article);
    if let Err(diagnostics) = crate::frontmatter::parse(&file, config()) {
        for diagnostic in &diagnostics {
            assert!(
                !diagnostic.message.starts_with("invalid YAML"),
                "import wrote unreadable front matter: {diagnostic}\n{text}"
            );
        }
    }
}

/// The sample site's search index (built once), as file name -> bytes.
fn sample_index() -> &'static HashMap<String, Vec<u8>> {
    static INDEX: OnceLock<HashMap<String, Vec<u8>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let options = crate::pipeline::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        let progress = crate::progress::Progress::hidden();
        let built = crate::pipeline::build_site(&options, &progress)
            .unwrap_or_else(|_| panic!("the sample site builds"));
        crate::search::build(&built.site)
            .files
            .into_iter()
            .filter_map(|file| {
                let name = file.path.rsplit('/').next()?.to_string();
                Some((name, file.contents.read().ok()?.into_owned()))
            })
            .collect()
    })
}

/// Search normalization, tokenizing and querying: every token is non-empty
/// NFC text of the input; its keys are lower case, idempotent and the fold
/// has no marks and no `đ`; a query over the sample site's index returns
/// each document at most once, every one with a record to show.
pub fn search(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let normalized = crate::search::nfc(text);
    for key in crate::search::analyze(text) {
        assert!(!key.text.is_empty(), "an empty token in {text:?}");
        assert!(normalized.contains(&key.text), "{key:?} is not in the text");
        assert_eq!(exact_key(&key.exact), key.exact, "exact key of {key:?}");
        assert_eq!(fold_key(&key.fold), key.fold, "fold key of {key:?}");
        assert!(
            key.fold.chars().all(|c| c != 'đ' && !is_combining_mark(c)),
            "marks left in the fold of {key:?}"
        );
        assert_eq!(fold_key(&key.exact), key.fold, "fold of {key:?}");
    }
    let parsed = crate::search::query::parse(text);
    assert!(parsed.words.len() <= crate::search::query::MAX_WORDS);
    for &(first, second, _) in &parsed.pairs {
        assert!(first < second && second < parsed.words.len());
    }
    let index = sample_index();
    let Some(searcher) = Searcher::open(|name: &str| index.get(name).cloned()) else {
        panic!("the sample index opens");
    };
    let results = searcher.search(text, &Filters::default());
    let mut seen = std::collections::HashSet::new();
    for &id in &results.ids {
        assert!(seen.insert(id), "document {id} ranked twice for {text:?}");
        assert!(searcher.record(id).is_some(), "no record for {id}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invariant_catches_script_and_spares_text() {
        for bad in [
            "<script>x()</script>",
            "<p><img src=x onerror=x()></p>",
            "<a href=\" java\tscript:x()\">a</a>",
            "<a title='x' href='data:text/html,x'>a</a>",
            "<svg><g/></svg>",
        ] {
            let caught = std::panic::catch_unwind(|| assert_no_script(bad));
            assert!(caught.is_err(), "missed {bad}");
        }
        assert_no_script(
            "<p title=\"<x onload=y>\">&lt;script&gt; onerror=1</p><a href=\"/x\">a</a>",
        );
    }
}
