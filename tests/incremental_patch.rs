//! The fast path of incremental rebuilds (`pipeline::patch`): an edit that
//! changes only Markdown bodies patches the last build instead of assembling
//! the site again. Each step checks that the fast path was (or was not) taken
//! and that the output, or the errors, are those of a fresh full build.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use bantin::incremental::{Engine, Outcome};
use common::TestSite;
use common::rebuild::{
    assert_same, engine_files, errors_of, fixture, full_build, full_errors, options,
    step_and_compare,
};

const BAI_2: &str = "title: Bài 2 năm 2014\ndate: 2014-02-10\ncategory: thong-bao\ntags: [chè, tháng 2]\nauthor: Tác giả 0";
const LIEN_KET: &str = "title: Bài có liên kết\ndate: 2017-05-01\ncategory: khuyen-cong";

struct Steps {
    site: TestSite,
    engine: Engine,
}

impl Steps {
    fn new(site: TestSite) -> Self {
        let mut engine = Engine::new(options(&site));
        let first = engine.rebuild(None).expect("first build");
        assert!(!first.patched, "a first build has nothing to patch");
        Steps { site, engine }
    }

    fn rebuild(&mut self, paths: &[&str]) -> Result<Outcome, Vec<bantin::diagnostics::Diagnostic>> {
        let changed: BTreeSet<PathBuf> = paths.iter().map(PathBuf::from).collect();
        self.engine.rebuild(Some(&changed))
    }

    /// Rebuilds after `paths` changed, checks the path taken and compares the
    /// settled output with a full build; gives the pages rendered.
    fn step(&mut self, name: &str, paths: &[&str], patched: bool) -> usize {
        let step = step_and_compare(&mut self.engine, &self.site, name, paths);
        assert_eq!(step.patched, patched, "{name}: fast path taken?");
        step.rendered
    }
}

#[test]
fn body_edits_take_the_fast_path_and_equal_a_full_build() {
    let site = fixture();
    site.article(
        "2016/bao-cao.md",
        "title: Báo cáo\ndate: 2016-06-01\ncategory: khuyen-cong\nreport:\n  total_budget: 50\n  items:\n    - {name: Tập huấn, budget: 50, people: 12}",
        "Báo cáo quý.\n",
    );
    let mut steps = Steps::new(site);

    steps.site.article(
        "2014/bai-2.md",
        BAI_2,
        "Mở đầu bài 2 năm 2014.\n\nĐoạn thêm.\n",
    );
    let rendered = steps.step(
        "a body edit below the summary",
        &["content/2014/bai-2.md"],
        true,
    );
    assert!(
        rendered <= 2,
        "only the article (and pages showing its body) re-render: {rendered}"
    );

    steps.site.article(
        "2014/bai-2.md",
        BAI_2,
        "Mở đầu bài 2 năm 2014.\n\nĐoạn thêm, lưu kiểu nguyên tử.\n",
    );
    steps.step(
        "an atomic save (a temporary file renamed over the article)",
        &[
            "content/2014/bai-2.md",
            "content/2014/sedX1y2z3",
            "content/2014/.bai-2.md.swp",
        ],
        true,
    );

    steps.site.article(
        "2014/bai-2.md",
        BAI_2,
        "Một mở đầu khác hẳn.\n\nĐoạn thêm.\n",
    );
    let rendered = steps.step(
        "a first-paragraph edit (a new summary)",
        &["content/2014/bai-2.md"],
        true,
    );
    assert!(
        rendered > 2,
        "lists showing the summary re-render too: {rendered}"
    );

    steps.site.article(
        "2017/lien-ket.md",
        LIEN_KET,
        "Xem [bài trước](../2014/bai-1.md) và [bài khác](../2015/bai-2.md).\n",
    );
    steps.step(
        "the newest article (in the feeds) links another article",
        &["content/2017/lien-ket.md"],
        true,
    );

    steps.site.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\nmenu_order: 1\n---\nSở Công Thương tỉnh Lai Châu.\n\n## Chức năng\n",
    );
    steps.step("a page body", &["content/pages/gioi-thieu.md"], true);

    steps.site.article(
        "2016/bao-cao.md",
        "title: Báo cáo\ndate: 2016-06-01\ncategory: khuyen-cong\nreport:\n  total_budget: 50\n  items:\n    - {name: Tập huấn, budget: 50, people: 12}",
        "Báo cáo quý, đã bổ sung.\n",
    );
    steps.step(
        "the body of an activity report",
        &["content/2016/bao-cao.md"],
        true,
    );

    steps.site.article(
        "2015/bai-1.md",
        "title: Bài 1 năm 2015\ndate: 2015-01-11\ncategory: khuyen-cong\ntags: [chè, tháng 1]\nauthor: Tác giả 1",
        "Mở đầu [xấu](javascript:alert(1)).\n",
    );
    steps.step(
        "a body with an unsafe link",
        &["content/2015/bai-1.md"],
        true,
    );

    steps.site.article(
        "2015/bai-2.md",
        "title: Bài 2 năm 2015\ndate: 2015-02-11\ncategory: thong-bao\ntags: [chè, tháng 2]\nauthor: Tác giả 1",
        "Mở đầu bài 2 năm 2015.\n\nNội dung thêm.\n",
    );
    let rendered = steps.step("a save without a change", &["content/2015/bai-2.md"], true);
    assert_eq!(rendered, 0, "an unchanged file renders nothing");

    steps.site.article(
        "2014/bai-2.md",
        &format!("{BAI_2}\nsummary: Tóm tắt viết trong phần đầu."),
        "Một mở đầu khác hẳn.\n\nĐoạn thêm.\n",
    );
    let rendered = steps.step(
        "a summary written in the front matter",
        &["content/2014/bai-2.md"],
        true,
    );
    assert!(rendered > 2, "lists show the new summary: {rendered}");
    steps.site.article(
        "2014/bai-2.md",
        &BAI_2.replace("Tác giả 0", "Tác giả mới"),
        "Một mở đầu khác hẳn.\n\nĐoạn thêm.\n",
    );
    steps.step("a new author", &["content/2014/bai-2.md"], true);
    let bai_2_2015 = "date: 2015-02-11\ncategory: thong-bao\ntags: [chè, tháng 2]\nauthor: Tác giả 1\nslug: bai-2-nam-2015";
    steps.site.article(
        "2015/bai-2.md",
        &format!("title: Bài 2 năm 2015\n{bai_2_2015}"),
        "Mở đầu bài 2 năm 2015.\n\nNội dung thêm.\n",
    );
    steps.step(
        "a slug that keeps the URL",
        &["content/2015/bai-2.md"],
        true,
    );
    steps.site.article(
        "2015/bai-2.md",
        &format!("title: Tên mới của bài hai\n{bai_2_2015}"),
        "Mở đầu bài 2 năm 2015.\n\nNội dung thêm.\n",
    );
    steps.step(
        "a title edit under a fixed slug (neighbours show it)",
        &["content/2015/bai-2.md"],
        true,
    );
    steps.site.article(
        "2015/bai-2.md",
        &format!(
            "title: Tên mới của bài hai\n{}",
            bai_2_2015.replace("tháng 2", "tháng hai")
        ),
        "Mở đầu bài 2 năm 2015.\n\nNội dung thêm.\n",
    );
    steps.step(
        "new tags take the full way",
        &["content/2015/bai-2.md"],
        false,
    );
    steps.site.article(
        "2014/bai-2.md",
        &BAI_2.replace("Bài 2 năm 2014", "Bài hai năm 2014"),
        "Một mở đầu khác hẳn.\n\nĐoạn thêm.\n",
    );
    steps.step(
        "a title edit that changes the URL takes the full way",
        &["content/2014/bai-2.md"],
        false,
    );
    steps.site.article(
        "2014/bai-3.md",
        "title: Bài 3 năm 2014\ndate: 2014-03-10\ncategory: khuyen-cong\ntags: [chè, tháng 3]\nauthor: Tác giả 0",
        "Mở đầu bài 3.\n",
    );
    steps.site.write("site.yaml", common::SITE_YAML);
    steps.step(
        "a body edit together with site.yaml takes the full way",
        &["content/2014/bai-3.md", "site.yaml"],
        false,
    );
}

#[test]
fn a_body_that_publishes_a_file_takes_the_full_way() {
    let site = fixture();
    site.write(
        "content/2016/goi/index.md",
        "---\ntitle: Bài có ảnh\ndate: 2016-08-01\ncategory: khuyen-cong\n---\nMở đầu.\n",
    );
    site.write_bytes("content/2016/goi/so-do.png", b"\x89PNG\r\n\x1a\n");
    site.write("content/2016/goi/ghi-chu.txt", "Ghi chú kèm bài.\n");
    let mut steps = Steps::new(site);
    steps.site.write(
        "content/2016/goi/index.md",
        "---\ntitle: Bài có ảnh\ndate: 2016-08-01\ncategory: khuyen-cong\n---\nMở đầu.\n\n![Sơ đồ](so-do.png)\n",
    );
    steps.step(
        "a body that starts publishing a file beside it",
        &["content/2016/goi/index.md"],
        false,
    );
    steps.site.write(
        "content/2016/goi/index.md",
        "---\ntitle: Bài có ảnh\ndate: 2016-08-01\ncategory: khuyen-cong\n---\nMở đầu khác.\n\n![Sơ đồ](so-do.png)\n",
    );
    steps.step(
        "a body edit that keeps publishing the same file",
        &["content/2016/goi/index.md"],
        true,
    );
    std::fs::remove_file(steps.site.path("content/2016/goi/ghi-chu.txt")).expect("delete");
    steps.step(
        "a deleted file of a bundle",
        &["content/2016/goi/ghi-chu.txt"],
        false,
    );
}

#[test]
fn a_broken_link_in_a_body_fails_like_a_full_build_and_recovers() {
    let mut steps = Steps::new(fixture());
    steps.site.article(
        "2017/lien-ket.md",
        LIEN_KET,
        "Xem [trang không có](/khong-co/).\n",
    );
    let errors = errors_of(steps.rebuild(&["content/2017/lien-ket.md"]));
    assert!(
        errors
            .first()
            .is_some_and(|error| error.contains("content/2017/lien-ket.md:")),
        "{errors:?}"
    );
    assert_eq!(errors, full_errors(&steps.site));

    steps.site.article(
        "2017/lien-ket.md",
        LIEN_KET,
        "Xem [bài trước](../2014/bai-1.md).\n",
    );
    steps.step("the fix", &["content/2017/lien-ket.md"], false);
    steps.site.article(
        "2017/lien-ket.md",
        LIEN_KET,
        "Đã sửa lại [bài trước](../2014/bai-1.md).\n",
    );
    steps.step(
        "the next body edit is fast again",
        &["content/2017/lien-ket.md"],
        true,
    );
}

#[test]
fn an_index_built_apart_is_installed_only_for_the_latest_build() {
    let mut steps = Steps::new(fixture());
    steps.site.article(
        "2014/bai-2.md",
        BAI_2,
        "Mở đầu bài 2 năm 2014.\n\nBản thứ nhất.\n",
    );
    let first = steps
        .rebuild(&["content/2014/bai-2.md"])
        .expect("first save");
    assert!(first.search_pending, "a text edit defers the index");
    let job = steps.engine.search_job().expect("a search job");

    steps.site.article(
        "2014/bai-2.md",
        BAI_2,
        "Mở đầu bài 2 năm 2014.\n\nBản thứ hai.\n",
    );
    steps
        .rebuild(&["content/2014/bai-2.md"])
        .expect("a save while the index builds");
    let stale = job.run();
    assert!(
        steps.engine.install_search(stale).is_none(),
        "an index of the older text must not be published"
    );

    let job = steps
        .engine
        .search_job()
        .expect("a job for the latest text");
    let outcome = steps
        .engine
        .install_search(job.run())
        .expect("the latest index is installed")
        .expect("search page");
    assert!(!outcome.search_pending);
    assert!(steps.engine.search_job().is_none(), "nothing left to build");
    assert_same(
        "an index built apart",
        &engine_files(&outcome.files),
        &full_build(&steps.site),
    );
}
