//! The search index as a user meets it: a fixture site built with the real
//! binary, its index files read back by `bantin::search::query` (the Rust
//! twin of the browser client), the shared expectations of
//! tests/search/ranking.json, and the JS client's node tests on the same build.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use bantin::search::query::{Filters, Searcher};
use common::TestSite;

const RANKING: &str = include_str!("search/ranking.json");

fn ranking() -> serde_json::Value {
    serde_json::from_str(RANKING).expect("tests/search/ranking.json is valid JSON")
}

/// The ranking fixture site, built.
fn fixture_site(extra_args: &[&str]) -> TestSite {
    let ranking = ranking();
    let site = TestSite::with_config(ranking["site_yaml"].as_str().expect("site_yaml"));
    for file in ranking["files"].as_array().expect("files") {
        site.write(
            file["file"].as_str().expect("file"),
            file["text"].as_str().expect("text"),
        );
    }
    site.build(extra_args);
    site
}

/// The index folder named by the search page's `data-index`, for a site
/// published at the root.
fn index_dir(public: &Path) -> PathBuf {
    index_dir_under(public, "/")
}

/// The index folder of a site published under `base_path` (`/so-cong-thuong/`).
fn index_dir_under(public: &Path, base_path: &str) -> PathBuf {
    let page = std::fs::read_to_string(public.join("tim-kiem/index.html")).expect("search page");
    let start = page.find("data-index=\"").expect("data-index attribute") + 12;
    let url = &page[start..start + page[start..].find('"').expect("closing quote")];
    let relative = url
        .strip_prefix(base_path)
        .expect("the index is under the base path");
    public.join(relative)
}

fn searcher(dir: PathBuf) -> Searcher<impl Fn(&str) -> Option<Vec<u8>>> {
    Searcher::open(move |name: &str| std::fs::read(dir.join(name)).ok()).expect("manifest")
}

fn urls<L: Fn(&str) -> Option<Vec<u8>>>(
    searcher: &Searcher<L>,
    query: &str,
    filters: &Filters,
) -> Vec<String> {
    searcher
        .search(query, filters)
        .ids
        .iter()
        .map(|&id| searcher.record(id).expect("record").url)
        .collect()
}

/// Checks one expectation of ranking.json; the problem, if any.
fn check(expectation: &serde_json::Value, found: &[String]) -> Option<String> {
    let list = |key: &str| -> Vec<String> {
        expectation[key]
            .as_array()
            .map(|urls| {
                urls.iter()
                    .filter_map(|url| url.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let first = list("first");
    if !found.starts_with(&first) {
        return Some(format!("should start with {first:?}"));
    }
    if expectation.get("only").is_some() {
        let mut only = list("only");
        let mut sorted = found.to_vec();
        only.sort();
        sorted.sort();
        if only != sorted {
            return Some(format!("should be exactly {only:?}"));
        }
    }
    if let Some(missing) = list("includes")
        .into_iter()
        .find(|url| !found.contains(url))
    {
        return Some(format!("should include {missing}"));
    }
    for pair in expectation["before"].as_array().into_iter().flatten() {
        let position = |at: usize| {
            found
                .iter()
                .position(|url| Some(url.as_str()) == pair[at].as_str())
        };
        match (position(0), position(1)) {
            (Some(a), Some(b)) if a < b => {}
            _ => return Some(format!("{} should come before {}", pair[0], pair[1])),
        }
    }
    None
}

#[test]
fn ranking_meets_the_shared_expectations() {
    let site = fixture_site(&[]);
    let searcher = searcher(index_dir(&site.path("public")));
    let mut failures = Vec::new();
    for expectation in ranking()["queries"].as_array().expect("queries") {
        let query = expectation["query"].as_str().expect("query");
        let filters = Filters {
            category: expectation["category"].as_str().map(String::from),
            year: expectation["year"].as_i64().map(|year| year as i32),
        };
        let found = urls(&searcher, query, &filters);
        if let Some(problem) = check(expectation, &found) {
            failures.push(format!("{query:?}: {problem}; got {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn results_show_title_date_and_category() {
    let site = fixture_site(&[]);
    let searcher = searcher(index_dir(&site.path("public")));
    let ids = searcher.search("tăm hương", &Filters::default()).ids;
    let record = searcher.record(ids[0]).expect("record");
    assert_eq!(record.title, "Mô hình sản xuất tăm hương tại Sìn Hồ");
    assert_eq!(record.date, "2014-09-24");
    assert_eq!(record.category, "Khuyến công");
    assert!(record.text.contains("tăm hương"), "{}", record.text);
}

#[test]
fn long_texts_keep_their_whole_text_for_snippets() {
    let site = fixture_site(&[]);
    let searcher = searcher(index_dir(&site.path("public")));
    let ids = searcher.search("cá tầm", &Filters::default()).ids;
    let record = searcher.record(ids[0]).expect("record");
    assert!(record.more && !record.text.contains("cá tầm"), "{record:?}");
    assert!(
        record.text.chars().count() <= 4_001,
        "{}",
        record.text.len()
    );
    let full = searcher.full_text(ids[0]).expect("full text");
    assert!(full.contains("nuôi cá tầm"), "{full}");
    let short = searcher.search("tăm hương", &Filters::default()).ids;
    assert!(
        !searcher.record(short[0]).expect("record").more,
        "a typical text needs no second file"
    );
}

#[test]
fn thirty_one_exact_forms_of_a_fold_are_told_apart_and_the_rest_share_one() {
    // `d`/`đ`, `a`/`ă`/`â` and six tones: 36 spellings folded to `da`.
    let mut forms: Vec<String> = ["d", "đ"]
        .iter()
        .flat_map(|initial| {
            [
                "a", "à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ", "â", "ầ", "ấ", "ẩ",
                "ẫ", "ậ",
            ]
            .map(|vowel| format!("{initial}{vowel}"))
        })
        .collect();
    forms.sort();
    let site = TestSite::new();
    for (number, form) in forms.iter().enumerate() {
        site.simple(
            &format!("2024/bai-{number}.md"),
            &format!("Bài số {number} {form}"),
            &format!("2024-01-{:02}", number % 28 + 1),
            "Khuyến công",
        );
    }
    site.build(&[]);
    let searcher = searcher(index_dir(&site.path("public")));
    // Variants are numbered in key order; bit 31 is shared from the 32nd on.
    let shared = &forms[31..];
    for (number, form) in forms.iter().enumerate() {
        let ids = searcher
            .search(&format!("{form} "), &Filters::default())
            .ids;
        assert_eq!(ids.len(), forms.len(), "every spelling folds to da");
        let titles: Vec<String> = ids
            .iter()
            .map(|&id| searcher.record(id).expect("record").title)
            .collect();
        let first_words = |count: usize| -> Vec<String> {
            let mut words: Vec<String> = titles[..count]
                .iter()
                .map(|title| title.rsplit(' ').next().unwrap_or_default().to_string())
                .collect();
            words.sort();
            words
        };
        if number == 0 {
            // `da` has no mark: it states no form, every spelling is as good.
        } else if number < 31 {
            assert_eq!(
                first_words(1),
                std::slice::from_ref(form),
                "{form} comes first"
            );
        } else {
            assert_eq!(first_words(shared.len()), shared, "{form} shares its bit");
        }
    }
}

#[test]
fn the_index_lives_under_the_base_path_and_the_page_names_it() {
    let site = fixture_site(&["--base-url", "https://example.github.io/so-cong-thuong/"]);
    let page = site.read_output("tim-kiem/index.html");
    assert!(
        page.contains("data-index=\"/so-cong-thuong/tim-kiem/chi-muc/"),
        "{page}"
    );
    let dir = site.path("public").join("tim-kiem/chi-muc");
    let versions: Vec<_> = std::fs::read_dir(&dir).expect("index folder").collect();
    assert_eq!(versions.len(), 1, "one index version per build");
    let searcher = searcher(index_dir_under(&site.path("public"), "/so-cong-thuong/"));
    assert_eq!(searcher.manifest.base, "/so-cong-thuong/");
    let found = urls(&searcher, "da nang", &Filters::default());
    assert_eq!(found[0], "/so-cong-thuong/2018/06/da-nang/");
}

#[test]
fn search_false_builds_no_index_and_offers_no_search_box() {
    let ranking = ranking();
    let config = format!(
        "{}search: false\n",
        ranking["site_yaml"].as_str().expect("site_yaml")
    );
    let site = TestSite::with_config(&config);
    for file in ranking["files"].as_array().expect("files") {
        site.write(
            file["file"].as_str().expect("file"),
            file["text"].as_str().expect("text"),
        );
    }
    site.build(&[]);
    assert!(!site.output_exists("tim-kiem/chi-muc"), "no index folder");
    // The search page stays (links and bookmarks to it keep working), says
    // why there is nothing to search and points to the archive.
    let page = site.read_output("tim-kiem/index.html");
    assert!(page.contains("<p class=\"search-off\">"), "{page}");
    assert!(page.contains("href=\"/luu-tru/\""), "{page}");
    for absent in ["search.js", "data-index", "id=\"search-results\""] {
        assert!(!page.contains(absent), "{absent} in {page}");
    }
    for path in ["index.html", "404.html", "2018/06/da-nang/index.html"] {
        let html = site.read_output(path);
        assert!(!html.contains("role=\"search\""), "a search form in {path}");
    }
    // serve's builder gets no index either.
    let mut builder =
        bantin::pipeline::Builder::incremental(bantin::pipeline::BuildOptions::new(site.root()));
    let built = builder
        .build(None, &bantin::progress::Progress::hidden())
        .expect("incremental build");
    let paths: Vec<&str> = built.files.iter().map(|file| file.path.as_str()).collect();
    assert!(paths.contains(&"tim-kiem/index.html"), "{paths:?}");
    assert!(
        !paths.iter().any(|path| path.contains("chi-muc")),
        "{paths:?}"
    );
    // Anything but true or false is an error that says what to write.
    site.write("site.yaml", &config.replace("search: false", "search: tắt"));
    let output = site.run(&["build"]);
    assert!(!output.status.success());
    let errors = common::stderr(&output);
    assert!(
        errors.contains("site.yaml") && errors.contains("search: false"),
        "{errors}"
    );
}

#[test]
fn two_builds_write_identical_index_bytes() {
    let first = fixture_site(&[]);
    let second = fixture_site(&[]);
    let files = common::files_under(&first.path("public/tim-kiem"));
    assert!(files.len() > 10, "{files:?}");
    assert_eq!(files, common::files_under(&second.path("public/tim-kiem")));
    for file in files {
        let a = std::fs::read(first.path("public/tim-kiem").join(&file)).expect("read");
        let b = std::fs::read(second.path("public/tim-kiem").join(&file)).expect("read");
        assert!(a == b, "{file} differs between builds");
    }
}

#[test]
fn a_content_change_moves_the_index_to_a_new_folder() {
    let site = fixture_site(&[]);
    let before = index_dir(&site.path("public"));
    site.write(
        "content/2025/moi.md",
        "---\ntitle: Bài mới về chè\ndate: 2025-05-05\ncategory: thong-bao\n---\nChè mới.\n",
    );
    site.build(&[]);
    let after = index_dir(&site.path("public"));
    assert_ne!(before, after);
    assert!(
        !before.exists(),
        "the old version is gone with the old build"
    );
    let found = urls(&searcher(after), "chè mới", &Filters::default());
    assert_eq!(found[0], "/2025/05/bai-moi-ve-che/");
}

#[test]
fn drafts_are_searchable_when_built_with_drafts() {
    let site = fixture_site(&["--drafts"]);
    let searcher = searcher(index_dir(&site.path("public")));
    let found = urls(&searcher, "xăng dầu", &Filters::default());
    assert_eq!(found, ["/2025/01/xang-dau/"]);
}

#[test]
fn timings_report_the_search_stage() {
    let site = TestSite::new();
    site.simple("2024/a.md", "Bài một", "2024-01-01", "Khuyến công");
    let output = site.build(&["--timings"]);
    let printed = common::stdout(&output);
    assert!(printed.contains("search:"), "{printed}");
    // The index's CPU time by step, on the line under it.
    let steps = printed
        .lines()
        .skip_while(|line| !line.contains("search:"))
        .nth(1)
        .unwrap_or_default();
    let names = [
        "tokens",
        "vocabulary",
        "statistics",
        "term groups",
        "pairs",
        "term blocks",
        "shards",
        "data files",
        "naming",
        "files",
    ];
    let listed = steps
        .trim()
        .strip_prefix("(CPU: ")
        .and_then(|rest| rest.strip_suffix(" ms)"))
        .unwrap_or_default();
    let found: Vec<(&str, f64)> = listed
        .split(", ")
        .filter_map(|step| step.rsplit_once(' '))
        .map(|(name, ms)| (name, ms.parse().unwrap_or(-1.0)))
        .collect();
    assert_eq!(
        found.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        names,
        "{steps}"
    );
    assert!(found.iter().all(|(_, ms)| *ms >= 0.0), "{steps}");
}

#[test]
fn javascript_client_passes_its_node_tests() {
    let site = fixture_site(&[]);
    let index = index_dir(&site.path("public"));
    if Command::new("node").arg("--version").output().is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("node is required in CI for the search client tests");
        }
        eprintln!("SKIPPED search client node tests: Node.js (the `node` command) is missing");
        return;
    }
    let tests = common::repo_root().join("tests/search");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&tests)
        .expect("tests/search")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no node tests in tests/search");
    let output = Command::new("node")
        .arg("--test")
        .args(&files)
        .env("BANTIN_SEARCH_INDEX", &index)
        .output()
        .expect("run node --test");
    assert!(
        output.status.success(),
        "node --test failed:\n{}{}",
        common::stdout(&output),
        common::stderr(&output)
    );
}

/// The manifest of a build in memory, and its folder URL.
fn manifest_of(built: &bantin::pipeline::Built) -> (String, std::sync::Arc<[u8]>) {
    let file = built
        .files
        .iter()
        .find(|file| file.path.starts_with("tim-kiem/chi-muc/") && file.path.ends_with("/m.json"))
        .expect("a manifest");
    match &file.contents {
        bantin::output::Contents::Shared(bytes) => {
            (file.path.clone(), std::sync::Arc::clone(bytes))
        }
        other => panic!("the index is kept shared, got {other:?}"),
    }
}

#[test]
fn serve_reuses_the_index_until_searchable_content_changes() {
    let site = fixture_site(&[]);
    let mut options = bantin::pipeline::BuildOptions::new(site.root());
    options.now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .expect("NOW")
        .with_timezone(&chrono::Utc);
    let mut builder = bantin::pipeline::Builder::incremental(options);
    let progress = bantin::progress::Progress::hidden();
    let first = builder.build(None, &progress).expect("first build");
    let second = builder.build(None, &progress).expect("second build");
    let (path, bytes) = manifest_of(&first);
    let (again, kept) = manifest_of(&second);
    assert_eq!(path, again);
    assert!(
        std::sync::Arc::ptr_eq(&bytes, &kept),
        "the index was reused, not rebuilt"
    );
    site.write(
        "content/2024/ban-hang.md",
        "---\ntitle: Phiên chợ bán hàng Việt tại Mường Tè\nslug: ban-hang\ndate: 2024-03-10\ncategory: xuc-tien-thuong-mai\n---\nBán hàng Việt và chè shan tuyết.\n",
    );
    let third = builder.build(None, &progress).expect("third build");
    let (changed, _) = manifest_of(&third);
    assert_ne!(path, changed, "a changed article gives a new index folder");
    let page = third
        .files
        .iter()
        .find(|file| file.path == "tim-kiem/index.html")
        .expect("search page");
    let html = String::from_utf8_lossy(&page.contents.read().expect("bytes")).into_owned();
    let folder = changed.trim_end_matches("m.json");
    assert!(
        html.contains(&format!("data-index=\"/{folder}\"")),
        "the search page names the new index"
    );
}
