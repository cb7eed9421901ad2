//! `bantin serve` over real HTTP: pages, types, redirects, 404, HEAD, refused
//! traversal, live-reload events after edits, adds, deletes and renames, one
//! rebuild per burst, the error overlay, and nothing written to public/.

mod common;

use std::time::Duration;

use common::TestSite;
use common::serve::Server;

fn site() -> TestSite {
    let site = TestSite::new();
    site.simple(
        "2014/ket-qua.md",
        "Kết quả khuyến công",
        "2014-09-24",
        "khuyen-cong",
    );
    site.simple(
        "2015/thong-bao.md",
        "Thông báo nghỉ Tết",
        "2015-02-10",
        "thong-bao",
    );
    site
}

#[test]
fn serves_pages_with_charset_404_head_and_pretty_url_redirects() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("Kết quả khuyến công"));
    assert!(
        home.body.contains("/__bantin/events"),
        "live-reload script injected"
    );
    let stylesheet = home
        .body
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("stylesheet link");
    let css = server.get(stylesheet);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    let feed = server.get("/feed.xml");
    assert_eq!(
        feed.header("Content-Type"),
        Some("application/xml; charset=utf-8")
    );
    let redirect = server.get("/luu-tru?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/luu-tru/?x=1"));
    let missing = server.get("/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Không tìm thấy trang"),
        "the site's own 404 page"
    );
    let listing = server.get("/assets/");
    assert_eq!(listing.status, 404, "no directory listings");
    let head = server.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(home.body.len().to_string().as_str())
    );
    assert_eq!(server.request("POST", "/").status, 405);
    assert!(!site.path("public").exists(), "serve never writes public/");
}

#[test]
fn every_traversal_form_is_refused() {
    let site = site();
    std::fs::write(site.path("secret.txt"), "root:x:0:0").expect("write");
    let server = Server::start(site.root(), &["--port", "0"]);
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/assets%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/assets\\..\\..\\secret.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/index.html%00.css",
        "/./index.html",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 400, "{target}");
        assert!(!response.body.contains("root:"), "{target}");
    }
    assert_eq!(
        server.get("/etc/passwd").status,
        404,
        "absolute-looking site paths are just missing pages"
    );
}

#[test]
fn edits_adds_deletes_and_renames_reload_and_show_the_change() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();

    site.simple(
        "2014/ket-qua.md",
        "Kết quả khuyến công đã sửa",
        "2014-09-24",
        "khuyen-cong",
    );
    events.next_named("reload");
    assert!(
        server
            .get("/2014/09/ket-qua-khuyen-cong-da-sua/")
            .body
            .contains("Kết quả khuyến công đã sửa")
    );
    assert_eq!(server.get("/2014/09/ket-qua-khuyen-cong/").status, 404);

    site.simple(
        "2030/moi/bai-moi.md",
        "Bài hẹn giờ",
        "2030-01-01",
        "thong-bao",
    );
    events.next_named("reload");
    let scheduled = server.get("/2030/01/bai-hen-gio/");
    assert_eq!(scheduled.status, 200, "future articles are previewed");
    assert!(scheduled.body.contains("badge-scheduled"));

    std::fs::remove_file(site.path("content/2015/thong-bao.md")).expect("delete");
    events.next_named("reload");
    assert_eq!(server.get("/2015/02/thong-bao-nghi-tet/").status, 404);
    assert!(!server.get("/").body.contains("Thông báo nghỉ Tết"));

    std::fs::create_dir_all(site.path("content/2016")).expect("folder");
    std::fs::rename(
        site.path("content/2030/moi/bai-moi.md"),
        site.path("content/2016/doi-ten.md"),
    )
    .expect("rename");
    events.next_named("reload");
    assert_eq!(
        server.get("/2030/01/bai-hen-gio/").status,
        200,
        "same title, same URL after a rename"
    );
    assert_eq!(
        server
            .get("/")
            .body
            .matches("href=\"/2030/01/bai-hen-gio/\"")
            .count(),
        1
    );
}

#[test]
fn atomic_saves_count_and_swap_files_do_not() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    site.write("content/2014/.ket-qua.md.swp", "binary junk \u{0}");
    site.write("content/2014/ket-qua.md~", "backup");
    site.write("content/2014/.#ket-qua.md", "lock");
    let quiet = events.collect_for(Duration::from_millis(600));
    assert!(quiet.is_empty(), "swap/backup files triggered {quiet:?}");

    let text = "---\ntitle: Lưu kiểu nguyên tử\ndate: 2014-09-24\ncategory: khuyen-cong\n---\nNội dung mới.\n";
    site.write("content/2014/.ket-qua.md.tmp-123", text);
    std::fs::rename(
        site.path("content/2014/.ket-qua.md.tmp-123"),
        site.path("content/2014/ket-qua.md"),
    )
    .expect("rename over");
    events.next_named("reload");
    assert!(
        server
            .get("/2014/09/luu-kieu-nguyen-tu/")
            .body
            .contains("Nội dung mới.")
    );
    let extra = events.collect_for(Duration::from_millis(400));
    assert!(
        extra.iter().all(|(name, _)| name != "reload"),
        "one save, one reload: {extra:?}"
    );
}

#[test]
fn a_burst_of_a_hundred_files_gives_one_rebuild() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    for number in 0..100 {
        site.simple(
            &format!("2020/bai-{number:03}.md"),
            &format!("Bài số {number:03}"),
            "2020-03-01",
            "khuyen-cong",
        );
    }
    events.next_named("reload");
    let more = events.collect_for(Duration::from_millis(800));
    assert!(
        more.iter().all(|(name, _)| name != "reload"),
        "a burst gave several rebuilds: {more:?}"
    );
    assert_eq!(server.get("/2020/03/bai-so-099/").status, 200);
    assert_eq!(server.get("/2020/03/bai-so-000/").status, 200);
}

#[test]
fn a_broken_front_matter_shows_an_overlay_until_fixed() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    site.article(
        "2014/ket-qua.md",
        "title: Kết quả <b>khuyến công</b>\ndate: 2014-13-01\ncategory: khuyen-cong",
        "x\n",
    );
    let errors = events.next_named("errors");
    assert!(
        errors.contains("content/2014/ket-qua.md:3:7: error: invalid date"),
        "{errors}"
    );
    server.wait_for_line("content/2014/ket-qua.md:3:7: error: invalid date");
    let page = server.get("/2015/02/thong-bao-nghi-tet/");
    assert_eq!(page.status, 200, "the last good build is still served");
    assert!(page.body.contains("id=\"bantin-overlay\""));
    assert!(page.body.contains(
        "content/2014/ket-qua.md:3:7: error: invalid date: &quot;2014-13-01&quot; has no month 13"
    ));
    assert!(page.body.contains("3 | date: 2014-13-01"));
    assert!(
        server
            .get("/2014/09/ket-qua-khuyen-cong/")
            .body
            .contains("Kết quả khuyến công"),
        "last good article"
    );

    site.simple(
        "2014/ket-qua.md",
        "Kết quả khuyến công",
        "2014-09-24",
        "khuyen-cong",
    );
    events.next_named("reload");
    let fixed = server.get("/2015/02/thong-bao-nghi-tet/");
    assert!(
        !fixed.body.contains("id=\"bantin-overlay\""),
        "overlay after the fix; server printed:\n{}",
        server.printed()
    );
}

#[test]
fn a_stylesheet_change_is_swapped_without_a_reload() {
    let site = site();
    site.write("static/assets/extra.css", "body { color: black; }\n");
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    site.write("static/assets/extra.css", "body { color: navy; }\n");
    let data = events.next_named("css");
    let swaps: serde_json::Value = serde_json::from_str(&data).expect("css event data");
    let pair = swaps["swaps"]
        .as_array()
        .expect("swaps")
        .iter()
        .find(|pair| pair[0].as_str().is_some_and(|old| old.contains("extra")))
        .expect("extra.css swapped");
    let (old, new) = (
        pair[0].as_str().expect("old"),
        pair[1].as_str().expect("new"),
    );
    assert_ne!(old, new, "fingerprinted names change with the contents");
    assert!(server.get(new).body.contains("navy"));
    assert_eq!(server.get(old).status, 404);
}

#[test]
fn a_taken_port_moves_to_the_next_and_other_addresses_warn() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let server = Server::start(site.root(), &["--port", &port.to_string()]);
    assert!(server.port > port);
    server.get("/");

    let open = Server::start(site.root(), &["--bind", "0.0.0.0", "--port", "0"]);
    open.wait_for_line("warning: serving on 0.0.0.0");
}

#[test]
fn drafts_are_previewed_only_when_asked() {
    let site = site();
    site.article(
        "2014/nhap.md",
        "title: Bản nháp\ndate: 2014-10-01\ncategory: khuyen-cong\ndraft: true",
        "x\n",
    );
    let without = Server::start(site.root(), &["--port", "0"]);
    assert_eq!(without.get("/2014/10/ban-nhap/").status, 404);
    let with = Server::start(site.root(), &["--port", "0", "--drafts"]);
    let page = with.get("/2014/10/ban-nhap/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("badge-draft"));
}

#[test]
fn live_reload_in_chromium_keeps_scroll_swaps_css_shows_errors_and_reconnects() {
    let site = site();
    let body: Vec<String> = (1..=80)
        .map(|i| format!("Đoạn văn số {i} của bài viết dài, đủ để cuộn trang."))
        .collect();
    site.article(
        "2014/dai.md",
        "title: Bài viết dài\ndate: 2014-09-24\ncategory: khuyen-cong",
        &format!("{}\n", body.join("\n\n")),
    );
    site.write("static/assets/extra.css", "body { color: black; }\n");
    site.write("templates/article.html", &std::fs::read_to_string(common::repo_root().join("themes/default/templates/article.html")).expect("theme template").replace("{% block head %}", "{% block head %}\n<link rel=\"stylesheet\" href=\"{{ asset('assets/extra.css') }}\">"));
    let binary = std::path::PathBuf::from(env!("CARGO_BIN_EXE_bantin"));
    common::browser::run_suite("serve.mjs", &[binary.as_os_str(), site.root().as_os_str()]);
}

/// The search index folder a search page reads (`data-index`).
fn search_index_of(page: &str) -> String {
    let start = page.find("data-index=\"").expect("a search page") + "data-index=\"".len();
    let end = page[start..].find('"').expect("closing quote") + start;
    page[start..end].to_string()
}

#[test]
fn the_search_index_follows_an_edit_and_ends_as_a_full_build_has_it() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    let before = search_index_of(&server.get("/tim-kiem/").body);

    site.simple(
        "2014/ket-qua.md",
        "Kết quả xúc tiến thương mại",
        "2014-09-24",
        "khuyen-cong",
    );
    events.next_named("reload");
    let data = events.next_named("search");
    let event: serde_json::Value = serde_json::from_str(&data).expect("search event data");
    assert_eq!(event["path"], "/tim-kiem/");
    let after = search_index_of(&server.get("/tim-kiem/").body);
    assert_ne!(before, after, "the index did not change after an edit");
    let manifest = server.get(&format!("{after}m.json"));
    assert_eq!(manifest.status, 200, "the new index is served");

    let base_url = format!("http://127.0.0.1:{}/", server.port);
    let full = site.path("full");
    let full_dir = full.to_str().expect("UTF-8 temp path");
    site.build(&["--future", "--base-url", &base_url, "-o", full_dir]);
    let full = std::fs::read_to_string(full.join("tim-kiem/index.html")).expect("search page");
    assert_eq!(
        after,
        search_index_of(&full),
        "serve's index differs from a full build's"
    );
}

#[test]
fn saves_in_quick_succession_each_reload_and_the_index_catches_up() {
    let site = site();
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    let front = "title: Kết quả xúc tiến thương mại\ndate: 2014-09-24\ncategory: khuyen-cong";
    for body in [
        "Bản thứ nhất.\n",
        "Bản thứ hai, lưu ngay sau.\n",
        "Bản thứ ba.\n",
    ] {
        site.article("2014/ket-qua.md", front, body);
        events.next_named("reload");
    }
    let page = server.get("/2014/09/ket-qua-xuc-tien-thuong-mai/");
    assert!(page.body.contains("Bản thứ ba."), "{}", page.body);

    let base_url = format!("http://127.0.0.1:{}/", server.port);
    let full = site.path("full");
    let full_dir = full.to_str().expect("UTF-8 temp path");
    site.build(&["--future", "--base-url", &base_url, "-o", full_dir]);
    let full = std::fs::read_to_string(full.join("tim-kiem/index.html")).expect("search page");
    let wanted = search_index_of(&full);
    let mut served = search_index_of(&server.get("/tim-kiem/").body);
    for _ in 0..3 {
        if served == wanted {
            break;
        }
        events.next_named("search");
        served = search_index_of(&server.get("/tim-kiem/").body);
    }
    assert_eq!(
        served, wanted,
        "serve's index did not catch up with the last save"
    );
}
