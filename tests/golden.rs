//! Golden snapshots of one article page and one list page of a fixture site.
//! After an intended change, update them with
//! `BANTIN_UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

mod common;

use common::TestSite;

fn golden_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "2014/ket-qua.md",
        "title: Kết quả khuyến công 9 tháng đầu năm 2014\ndate: \"2014-09-24 08:27\"\ncategory: Khuyến công\ntags: [khuyến công, chè, Tân Uyên]\nauthor: Nguyễn Luyến\ndepartment: Phòng Quản lý Công nghiệp\nsummary: Chín tháng đầu năm 2014, hoạt động khuyến công đạt kết quả tích cực.",
        "Trung tâm được phê duyệt **03 đề án** với tổng kinh phí 252,85 triệu đồng[^1].\n\n## Đào tạo nghề\n\n| Huyện | Học viên |\n|---|--:|\n| Tân Uyên | 105 |\n\n- chè túi lọc\n- ~~cửa xếp~~ ván gỗ bóc\n\n[^1]: Theo quyết định của Bộ Công Thương.\n",
    );
    site.simple(
        "2014/thong-bao.md",
        "Thông báo lịch tiếp công dân",
        "2014-10-01",
        "thong-bao",
    );
    site.simple(
        "2014/dao-tao.md",
        "Khai giảng lớp đào tạo nghề",
        "2014-08-15",
        "khuyen-cong",
    );
    site
}

fn compare(name: &str, actual: &str) {
    let path = common::repo_root().join("tests/golden").join(name);
    if std::env::var_os("BANTIN_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing {}; run with BANTIN_UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map(|index| index + 1)
            .unwrap_or(0);
        panic!(
            "{name} differs from the golden file near line {line}; if intended, run BANTIN_UPDATE_GOLDEN=1 cargo test --test golden\n--- expected\n{}\n--- actual\n{}",
            expected.lines().nth(line.saturating_sub(1)).unwrap_or(""),
            actual.lines().nth(line.saturating_sub(1)).unwrap_or("")
        );
    }
}

#[test]
fn article_page_matches_its_golden_snapshot() {
    let site = golden_site();
    site.build(&[]);
    compare(
        "article.html",
        &site.read_output("2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/index.html"),
    );
}

#[test]
fn category_page_matches_its_golden_snapshot() {
    let site = golden_site();
    site.build(&[]);
    compare(
        "category.html",
        &site.read_output("chuyen-muc/khuyen-cong/index.html"),
    );
}
