//! Incremental rebuilds (what `bantin serve` runs) always give the output of
//! a fresh full build of the same files, after every step of a scripted
//! sequence of edits, adds, deletes, renames, template, config and static
//! changes — and an edit re-renders only the pages that show the article.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use bantin::incremental::Engine;
use common::TestSite;
use common::rebuild::{
    assert_same, engine_files, errors_of, fixture, full_build, full_errors, options, settle,
    step_and_compare,
};

struct Script {
    site: TestSite,
    engine: Engine,
}

impl Script {
    fn step(&mut self, name: &str, change: impl FnOnce(&TestSite) -> Vec<&'static str>) -> usize {
        let changed = change(&self.site);
        step_and_compare(&mut self.engine, &self.site, name, &changed).rendered
    }
}

#[test]
fn every_incremental_rebuild_equals_a_fresh_full_build() {
    let site = fixture();
    let mut engine = Engine::new(options(&site));
    let first = engine.rebuild(None).expect("first build");
    assert_same(
        "the first build",
        &engine_files(&first.files),
        &full_build(&site),
    );
    let total = first.pages;
    let mut script = Script { site, engine };

    let rendered = script.step("a body edit of an old article", |site| {
        site.article("2014/bai-2.md", "title: Bài 2 năm 2014\ndate: 2014-02-10\ncategory: thong-bao\ntags: [chè, tháng 2]\nauthor: Tác giả 0", "Mở đầu bài 2 năm 2014.\n\nNội dung đã sửa.\n");
        vec!["content/2014/bai-2.md"]
    });
    assert!(
        rendered <= 2,
        "a body edit that leaves the summary alone re-rendered {rendered} of {total} pages"
    );

    let rendered = script.step("a summary edit", |site| {
        site.article("2014/bai-2.md", "title: Bài 2 năm 2014\ndate: 2014-02-10\ncategory: thong-bao\ntags: [chè, tháng 2]\nauthor: Tác giả 0", "Mở đầu mới của bài.\n\nNội dung đã sửa.\n");
        vec!["content/2014/bai-2.md"]
    });
    assert!(
        rendered < total / 2,
        "a summary edit re-rendered {rendered} of {total} pages"
    );

    script.step("a title edit (new URL)", |site| {
        site.article("2014/bai-2.md", "title: Bài hai đã đổi tên\ndate: 2014-02-10\ncategory: thong-bao\ntags: [chè, tháng 2]", "Mở đầu mới của bài.\n");
        vec!["content/2014/bai-2.md"]
    });
    script.step("an added article with a new tag", |site| {
        site.article(
            "2018/moi.md",
            "title: Bài mới\ndate: 2018-04-01\ncategory: khuyen-cong\ntags: [thẻ mới]",
            "Bài mới.\n",
        );
        vec!["content/2018/moi.md"]
    });
    script.step("a deleted article", |site| {
        std::fs::remove_file(site.path("content/2015/bai-3.md")).expect("delete");
        vec!["content/2015/bai-3.md"]
    });
    script.step("a renamed file", |site| {
        std::fs::rename(
            site.path("content/2016/bai-1.md"),
            site.path("content/2016/doi-ten.md"),
        )
        .expect("rename");
        vec!["content/2016/bai-1.md", "content/2016/doi-ten.md"]
    });
    script.step("changed tags", |site| {
        site.article(
            "2017/bai-1.md",
            "title: Bài 1 năm 2017\ndate: 2017-01-13\ncategory: khuyen-cong\ntags: [Chè, điện]",
            "Mở đầu.\n",
        );
        vec!["content/2017/bai-1.md"]
    });
    script.step("a date moved to another year", |site| {
        site.article(
            "2017/bai-1.md",
            "title: Bài 1 năm 2017\ndate: 2013-12-31\ncategory: khuyen-cong\ntags: [Chè, điện]",
            "Mở đầu.\n",
        );
        vec!["content/2017/bai-1.md"]
    });
    script.step("a linked article changes its URL", |site| {
        site.article(
            "2014/bai-1.md",
            "title: Bài một mới\ndate: 2014-01-10\ncategory: khuyen-cong",
            "Mở đầu.\n",
        );
        vec!["content/2014/bai-1.md"]
    });
    script.step("a new page", |site| {
        site.write(
            "content/pages/lien-he.md",
            "---\ntitle: Liên hệ\nmenu_order: 2\n---\nĐịa chỉ.\n",
        );
        vec!["content/pages/lien-he.md"]
    });
    script.step("a draft and an expired article", |site| {
        site.article(
            "2018/nhap.md",
            "title: Bản nháp\ndate: 2018-05-01\ncategory: khuyen-cong\ndraft: true",
            "x\n",
        );
        site.article(
            "2015/bai-1.md",
            "title: Bài 1 năm 2015\ndate: 2015-01-11\ncategory: khuyen-cong\nexpires: 2020-01-01",
            "x\n",
        );
        vec!["content/2018/nhap.md", "content/2015/bai-1.md"]
    });
    let rendered = script.step("a template used by article pages only", |site| {
        let template = std::fs::read_to_string(
            common::repo_root().join("themes/default/templates/article.html"),
        )
        .expect("template");
        site.write(
            "templates/article.html",
            &template.replace("article-lead", "article-lead lead"),
        );
        vec!["templates/article.html"]
    });
    let articles = script.site.root().join("content");
    let article_count = common::files_under(&articles)
        .iter()
        .filter(|file| !file.starts_with("pages/") && !file.contains("nhap"))
        .count();
    assert_eq!(
        rendered, article_count,
        "an article template change re-renders the article pages, nothing else"
    );
    script.step("an added activity report", |site| {
        site.article("2018/bao-cao.md", "title: Báo cáo khuyến công\ndate: 2018-06-01\ncategory: khuyen-cong\nreport:\n  total_budget: 100.5\n  items:\n    - {name: Đào tạo nghề, budget: 100.5, people: 20}", "Báo cáo.\n");
        vec!["content/2018/bao-cao.md"]
    });
    script.step("a changed report figure", |site| {
        site.article("2018/bao-cao.md", "title: Báo cáo khuyến công\ndate: 2018-06-01\ncategory: khuyen-cong\nreport:\n  total_budget: 120.75\n  items:\n    - {name: Đào tạo nghề, budget: 120.75, people: 20}", "Báo cáo.\n");
        vec!["content/2018/bao-cao.md"]
    });
    script.step("a static file", |site| {
        site.write("static/assets/them.css", "body { color: navy; }\n");
        vec!["static/assets/them.css"]
    });
    script.step("site.yaml", |site| {
        site.write(
            "site.yaml",
            &common::SITE_YAML.replace("paginate: 2", "paginate: 3"),
        );
        vec!["site.yaml"]
    });
    // The watcher asks for a rescan when the kernel's event queue overflowed.
    script.site.article(
        "2016/bai-2.md",
        "title: Sửa không báo\ndate: 2016-02-12\ncategory: thong-bao",
        "Âm thầm.\n",
    );
    let outcome = script.engine.rebuild(None).expect("rescan");
    let outcome = settle(&mut script.engine, outcome);
    assert_same(
        "a rescan after lost events",
        &engine_files(&outcome.files),
        &full_build(&script.site),
    );
}

#[test]
fn a_failed_rebuild_is_followed_by_a_correct_one() {
    let site = fixture();
    let mut engine = Engine::new(options(&site));
    engine.rebuild(None).expect("first build");
    site.article(
        "2014/bai-1.md",
        "title: Hỏng\ndate: 2014-13-01\ncategory: khuyen-cong",
        "x\n",
    );
    let changed: BTreeSet<PathBuf> = [PathBuf::from("content/2014/bai-1.md")].into();
    assert!(engine.rebuild(Some(&changed)).is_err());
    site.article(
        "2014/bai-1.md",
        "title: Đã sửa\ndate: 2014-01-10\ncategory: khuyen-cong",
        "x\n",
    );
    let outcome = engine.rebuild(Some(&changed)).expect("fixed");
    let outcome = settle(&mut engine, outcome);
    assert_same("the fix", &engine_files(&outcome.files), &full_build(&site));
}

#[test]
fn incremental_link_checks_report_what_a_full_check_reports() {
    let site = fixture();
    site.article(
        "2016/b.md",
        "title: Bài B\ndate: 2016-05-01\ncategory: khuyen-cong",
        "Mở đầu.\n\n## Kết quả\n\nSố liệu.\n",
    );
    site.article(
        "2016/a.md",
        "title: Bài A\ndate: 2016-05-02\ncategory: khuyen-cong",
        "Xem [kết quả](b.md#ket-qua).\n",
    );
    let mut engine = Engine::new(options(&site));
    engine.rebuild(None).expect("first build");
    let changed = |path: &str| -> BTreeSet<PathBuf> { [PathBuf::from(path)].into() };

    site.article(
        "2016/b.md",
        "title: Bài B\ndate: 2016-05-01\ncategory: khuyen-cong",
        "Mở đầu.\n\n## Tổng kết\n\nSố liệu.\n",
    );
    let incremental = errors_of(engine.rebuild(Some(&changed("content/2016/b.md"))));
    assert!(
        !incremental.is_empty(),
        "a removed anchor must break the link on the other page"
    );
    assert!(
        incremental[0].contains("content/2016/a.md:"),
        "{incremental:?}"
    );
    assert_eq!(incremental, full_errors(&site));

    site.article(
        "2016/b.md",
        "title: Bài B\ndate: 2016-05-01\ncategory: khuyen-cong",
        "Mở đầu.\n\n## Kết quả\n\nSố liệu.\n",
    );
    assert!(errors_of(engine.rebuild(Some(&changed("content/2016/b.md")))).is_empty());

    std::fs::remove_file(site.path("content/2016/b.md")).expect("delete");
    let incremental = errors_of(engine.rebuild(Some(&changed("content/2016/b.md"))));
    assert!(
        !incremental.is_empty(),
        "a link to a deleted article is broken"
    );
    assert_eq!(incremental, full_errors(&site));
}
