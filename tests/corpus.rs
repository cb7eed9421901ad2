//! The benchmark corpus (issue #8): the generator's site builds without a
//! single error or warning, and parallelism never changes the output bytes.
//! (Speed itself is measured by bench/run, never in tests.)

mod common;
#[path = "../bench/corpus/mod.rs"]
mod corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{NOW, bantin, files_under, stderr, stdout};
use unicode_normalization::is_nfc;

const ARTICLES: u64 = 200;

fn generate(count: u64, dir: &Path) {
    let summary = corpus::generate(count, dir).expect("generate the corpus");
    assert_eq!(summary.articles, count);
    assert!(summary.bytes > count * 2_000, "articles are too short");
}

/// `bantin build` of `site` into `out` with `threads` rayon threads.
fn build(site: &Path, out: &Path, threads: &str) {
    let output = bantin()
        .args(["build", "--root"])
        .arg(site)
        .arg("-o")
        .arg(out)
        .env("BANTIN_NOW", NOW)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run bantin");
    assert!(
        output.status.success(),
        "build with {threads} thread(s) failed:\n{}",
        stderr(&output)
    );
    assert_eq!(
        stderr(&output),
        "",
        "the generated corpus must build without warnings"
    );
    assert!(stdout(&output).starts_with("Built "));
}

/// Every file of a tree, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(dir.join(&file)).expect("read output");
            (file, bytes)
        })
        .collect()
}

fn assert_same_tree(left: &Path, right: &Path) {
    let (left, right) = (tree(left), tree(right));
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        right.keys().collect::<Vec<_>>(),
        "the two trees hold different files"
    );
    for (file, bytes) in &left {
        assert!(
            bytes == &right[file],
            "{file} differs between the two trees"
        );
    }
}

#[test]
fn generated_corpus_builds_cleanly_and_identically_with_one_and_two_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    generate(ARTICLES, &site);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    build(&site, &one, "1");
    build(&site, &two, "2");
    let pages = files_under(&one)
        .into_iter()
        .filter(|file| file.ends_with("index.html"))
        .count();
    assert!(
        pages > ARTICLES as usize,
        "expected every article plus list pages, found {pages} pages"
    );
    assert_same_tree(&one, &two);
}

#[test]
fn generator_gives_the_same_bytes_and_larger_corpora_extend_smaller_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (first, second, smaller) = (
        dir.path().join("first"),
        dir.path().join("second"),
        dir.path().join("smaller"),
    );
    generate(ARTICLES, &first);
    generate(ARTICLES, &second);
    assert_same_tree(&first, &second);
    generate(ARTICLES / 2, &smaller);
    let larger = tree(&first);
    for (file, bytes) in tree(&smaller) {
        assert!(
            larger.get(&file) == Some(&bytes),
            "{file} of the smaller corpus differs in the larger one"
        );
    }
}

#[test]
fn generator_refuses_to_write_into_a_folder_with_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "keep me").expect("write");
    assert!(corpus::generate(3, dir.path()).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("read"),
        "keep me"
    );
}

/// What one article's front matter and body show.
struct Article {
    text: String,
    category: String,
    tags: Vec<String>,
    words: usize,
}

fn read_articles(site: &Path) -> Vec<Article> {
    files_under(&site.join("content"))
        .into_iter()
        .filter(|file| !file.starts_with("pages/"))
        .map(|file| {
            let text = std::fs::read_to_string(site.join("content").join(&file)).expect("read");
            let (front, body) = text[4..].split_once("\n---\n").expect("front matter");
            let field = |key: &str| {
                front
                    .lines()
                    .find_map(|line| line.strip_prefix(&format!("{key}: ")))
                    .unwrap_or_default()
                    .to_string()
            };
            let tags = field("tags")
                .trim_matches(['[', ']'])
                .split(", ")
                .map(|tag| tag.trim_matches('"').to_string())
                .collect();
            Article {
                category: field("category").trim_matches('"').to_string(),
                tags,
                words: body.split_whitespace().count(),
                text,
            }
        })
        .collect()
}

#[test]
fn generated_articles_look_like_the_departments_bulletins() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate(ARTICLES, dir.path());
    let articles = read_articles(dir.path());
    assert_eq!(articles.len(), ARTICLES as usize);
    let count = |needle: &str| {
        articles
            .iter()
            .filter(|article| article.text.contains(needle))
            .count()
    };
    for article in &articles {
        assert!(is_nfc(&article.text), "text must be NFC");
        assert!(
            (400..=900).contains(&article.words),
            "{} words",
            article.words
        );
        assert!((2..=5).contains(&article.tags.len()));
    }
    let categories: BTreeSet<&str> = articles.iter().map(|a| a.category.as_str()).collect();
    let tags: BTreeSet<&str> = articles
        .iter()
        .flat_map(|article| article.tags.iter().map(String::as_str))
        .collect();
    assert!(corpus::CATEGORIES.len() >= 10 && categories.len() >= 10);
    assert!(tags.len() >= 40, "only {} distinct tags", tags.len());
    let years: BTreeSet<String> = files_under(&dir.path().join("content"))
        .iter()
        .filter_map(|file| file.split('/').next().map(str::to_string))
        .filter(|year| year.starts_with("20"))
        .collect();
    assert_eq!(years.len(), 15, "dates span 2011–2025: {years:?}");
    let reports = count("\nreport:\n");
    assert!((8..=40).contains(&reports), "{reports} reports");
    assert!(count("\n## ") == articles.len());
    assert!(count("\n|---|") > 40 && count("\n- ") > 60 && count("[^1]: ") > 3);
    assert!(
        count("/NĐ-CP") + count("/TT-BCT") > 20,
        "legal document numbers"
    );
    assert!(count("Lai Châu") > 100 && count(",") == articles.len());
}
