//! The search page in headless Chromium (tests/browser/search.mjs) over the
//! ranking fixture site of tests/search/ranking.json.

mod common;

#[test]
fn search_page_works_in_chromium() {
    let ranking: serde_json::Value =
        serde_json::from_str(include_str!("search/ranking.json")).expect("ranking.json");
    let site = common::TestSite::with_config(ranking["site_yaml"].as_str().expect("site_yaml"));
    for file in ranking["files"].as_array().expect("files") {
        site.write(
            file["file"].as_str().expect("file"),
            file["text"].as_str().expect("text"),
        );
    }
    site.build(&[]);
    common::browser::run_suite("search.mjs", &[site.path("public").as_os_str()]);
}
