//! Helpers for the tests of incremental rebuilds (tests/incremental*.rs):
//! the options `serve` uses, a fresh full build to compare with, and
//! `settle`, which completes a rebuild that deferred the search index.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use bantin::incremental::{Engine, Outcome};
use bantin::pipeline::{BuildOptions, build_site};
use bantin::progress::Progress;

use super::TestSite;

pub fn options(site: &TestSite) -> BuildOptions {
    let mut options = BuildOptions::new(site.root());
    options.future = true;
    options.base_url = Some("http://127.0.0.1:1111/".into());
    options.now = chrono::DateTime::parse_from_rfc3339(super::NOW)
        .expect("now")
        .to_utc();
    options
}

pub fn full_build(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let built = build_site(&options(site), &Progress::hidden()).expect("full build");
    built
        .files
        .into_iter()
        .map(|file| (file.path, file.contents.read().expect("read").into_owned()))
        .collect()
}

pub fn engine_files(files: &bantin::incremental::Files) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(path, contents)| {
            (
                path.to_string(),
                contents.read().expect("read").into_owned(),
            )
        })
        .collect()
}

/// What one incremental rebuild did.
pub struct Step {
    /// It took the fast path (`Outcome::patched`).
    pub patched: bool,
    /// Pages it rendered before the search index caught up.
    pub rendered: usize,
}

/// Rebuilds after `changed` (paths in the site), lets the deferred search
/// index catch up and asserts that the output equals a fresh full build.
pub fn step_and_compare(
    engine: &mut Engine,
    site: &TestSite,
    name: &str,
    changed: &[&str],
) -> Step {
    let changed: BTreeSet<PathBuf> = changed.iter().map(PathBuf::from).collect();
    let outcome = engine
        .rebuild(Some(&changed))
        .unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
    let step = Step {
        patched: outcome.patched,
        rendered: outcome.rendered,
    };
    let outcome = settle(engine, outcome);
    assert_same(name, &engine_files(&outcome.files), &full_build(site));
    step
}

pub fn assert_same(
    step: &str,
    incremental: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
) {
    let missing: Vec<&String> = full
        .keys()
        .filter(|path| !incremental.contains_key(*path))
        .collect();
    let extra: Vec<&String> = incremental
        .keys()
        .filter(|path| !full.contains_key(*path))
        .collect();
    let different: Vec<&String> = full
        .iter()
        .filter(|(path, bytes)| incremental.get(*path).is_some_and(|other| other != *bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && different.is_empty(),
        "after {step}: missing {missing:?}, extra {extra:?}, different {different:?}"
    );
}

pub fn fixture() -> TestSite {
    let site = TestSite::new();
    for (index, year) in [2014, 2015, 2016, 2017].iter().enumerate() {
        for month in 1..=3 {
            let category = if month % 2 == 0 {
                "thong-bao"
            } else {
                "khuyen-cong"
            };
            site.article(
                &format!("{year}/bai-{month}.md"),
                &format!("title: Bài {month} năm {year}\ndate: {year}-0{month}-1{index}\ncategory: {category}\ntags: [chè, tháng {month}]\nauthor: Tác giả {index}"),
                &format!("Mở đầu bài {month} năm {year}.\n\nNội dung thêm.\n"),
            );
        }
    }
    site.article(
        "2017/lien-ket.md",
        "title: Bài có liên kết\ndate: 2017-05-01\ncategory: khuyen-cong",
        "Xem [bài trước](../2014/bai-1.md).\n",
    );
    site.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\nmenu_order: 1\n---\nSở Công Thương.\n",
    );
    site
}

/// The build after a rebuild: when the rebuild deferred the search index
/// (as `serve` does), every file but the search page and index must already
/// be final; `finish_search` then completes it.
pub fn settle(engine: &mut Engine, outcome: Outcome) -> Outcome {
    if !outcome.search_pending {
        return outcome;
    }
    let early = engine_files(&outcome.files);
    let done = engine
        .finish_search()
        .expect("search index after a rebuild");
    assert!(!done.search_pending);
    let late = engine_files(&done.files);
    let outside_search = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .filter(|(path, _)| !path.starts_with("tim-kiem/"))
            .map(|(path, bytes)| (path.clone(), bytes.clone()))
            .collect()
    };
    assert_same(
        "a rebuild that deferred the search index",
        &outside_search(&early),
        &outside_search(&late),
    );
    done
}

pub fn errors_of(
    result: Result<bantin::incremental::Outcome, Vec<bantin::diagnostics::Diagnostic>>,
) -> Vec<String> {
    match result {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

pub fn full_errors(site: &TestSite) -> Vec<String> {
    match build_site(&options(site), &Progress::hidden()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}
