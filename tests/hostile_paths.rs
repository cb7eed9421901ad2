//! Path safety: slugs, aliases, attachment paths, symbolic links, `--root`
//! and `-o` never make bantin read or write outside the site or the output
//! folder, and bantin only replaces an output folder it created itself.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{TestSite, files_under, stderr};

const LIMIT: Duration = Duration::from_secs(60);

fn site_with_article() -> TestSite {
    let site = TestSite::new();
    site.simple("2025/a.md", "Bài một", "2025-01-01", "khuyen-cong");
    site
}

/// `bantin build -o OUTPUT` expecting a refusal (exit 2); returns stderr.
fn refused(site: &TestSite, output: &Path, envs: &[(&str, &Path)]) -> String {
    let mut command = common::bantin();
    command
        .args(["build", "--root"])
        .arg(site.root())
        .arg("-o")
        .arg(output)
        .env("BANTIN_NOW", common::NOW);
    for (key, value) in envs {
        command.env(key, value);
    }
    let result = common::run_bounded(&mut command, LIMIT);
    let message = stderr(&result);
    assert_eq!(
        result.status.code(),
        Some(2),
        "{}: {message}",
        output.display()
    );
    message
}

#[test]
fn output_over_the_site_its_sources_home_or_root_is_refused() {
    let site = site_with_article();
    let sentinel = site.path("content/2025/a.md");
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (site.root().to_path_buf(), "contains the site's own files"),
        (site.root().join("."), "contains the site's own files"),
        (
            site.path("content"),
            "refusing to write the site into content/",
        ),
        (
            site.path("content/2025/../"),
            "refusing to write the site into content/",
        ),
        (
            site.path("themes/default"),
            "refusing to write the site into themes/",
        ),
        (
            site.path("static"),
            "refusing to write the site into static/",
        ),
        (
            site.root().parent().expect("parent").to_path_buf(),
            "refusing to write the site to",
        ),
        ("/".into(), "refusing to write the site to /"),
        ("/etc".into(), "a system folder"),
        ("/home/someone".into(), "the home folder"),
    ];
    for (output, expected) in cases {
        let message = refused(&site, &output, &[]);
        assert!(
            message.contains(expected),
            "{}: {message}",
            output.display()
        );
    }
    // The user's own home folder, wherever it is.
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(home.path().join(".bashrc"), "# mine").expect("write");
    let message = refused(&site, home.path(), &[("HOME", home.path())]);
    assert!(message.contains("the home folder"), "{message}");
    assert!(home.path().join(".bashrc").exists());
    // A link named with -o is judged by where it points.
    let links = tempfile::tempdir().expect("temp dir");
    let link = links.path().join("ra");
    std::os::unix::fs::symlink(site.root(), &link).expect("link");
    let message = refused(&site, &link, &[]);
    assert!(
        message.contains("contains the site's own files"),
        "{message}"
    );
    assert!(sentinel.exists(), "the site was touched");
}

#[test]
fn an_unrelated_folder_is_never_replaced_an_empty_or_own_one_is() {
    let site = site_with_article();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let thesis = elsewhere.path().join("luan-van");
    std::fs::create_dir_all(&thesis).expect("folder");
    std::fs::write(thesis.join("chuong-1.docx"), "quý").expect("write");
    let message = refused(&site, &thesis, &[]);
    assert!(message.contains("was not created by bantin"), "{message}");
    assert_eq!(files_under(&thesis), vec!["chuong-1.docx".to_string()]);

    let empty = elsewhere.path().join("trong");
    std::fs::create_dir_all(&empty).expect("folder");
    let arg = empty.to_str().expect("utf-8");
    let output = site.run_within(LIMIT, &["build", "-o", arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        empty.join(".bantin-output").is_file(),
        "the marker is written"
    );
    // A second build replaces its own output; a planted file goes away.
    std::fs::write(empty.join("cu.html"), "old").expect("write");
    let output = site.run_within(LIMIT, &["build", "-o", arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!empty.join("cu.html").exists());
    // Without the marker the same folder is no longer bantin's.
    std::fs::remove_file(empty.join(".bantin-output")).expect("remove marker");
    let message = refused(&site, &empty, &[]);
    assert!(message.contains("was not created by bantin"), "{message}");
    assert!(empty.join("index.html").exists());
}

#[test]
fn root_must_be_a_site() {
    let nowhere = tempfile::tempdir().expect("temp dir");
    std::fs::write(nowhere.path().join("ghi-chu.txt"), "x").expect("write");
    let mut command = common::bantin();
    command.args(["build", "--root"]).arg(nowhere.path());
    let output = common::run_bounded(&mut command, LIMIT);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("has no site.yaml"),
        "{}",
        stderr(&output)
    );
    assert!(!nowhere.path().join("public").exists());
}

#[test]
fn aliases_slugs_and_attachments_cannot_leave_the_site() {
    let site = TestSite::new();
    let front = |extra: &str| {
        format!("title: Đường dẫn lạ\ndate: 2025-01-01\ncategory: khuyen-cong\n{extra}")
    };
    site.article("2025/slug.md", &front("slug: ../../../tmp/x"), "x\n");
    site.article(
        "2025/alias.md",
        &front("aliases:\n  - /a/%2e%2e/%2E%2e/etc/cron.d/x\n  - ../../etc/cron.d/x\n  - /a/../../b\n  - //evil.example/x\n  - \"/x; return 302 https://evil.example/;\"\n  - \"/a b\"\n  - \"/\\\"><script>x()</script>\""),
        "x\n",
    );
    site.article(
        "2025/tep.md",
        &front("attachments:\n  - {file: ../../../../etc/passwd}\n  - {file: /../../etc/passwd}\n  - {file: \"https://evil.example/x.pdf\"}\n  - {file: \"a\\\\..\\\\..\\\\b\"}\nimage: ../../../etc/hostname\nimage_alt: x"),
        "x\n",
    );
    let output = site.run_within(LIMIT, &["build"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in [
        "\"../../../tmp/x\" is not a URL slug",
        "alias \"../../etc/cron.d/x\" must start with a single /",
        "alias \"/a/../../b\" may not contain . or .. segments",
        "alias \"/a/%2e%2e/%2E%2e/etc/cron.d/x\" may not contain . or .. segments",
        "alias \"//evil.example/x\" must start with a single /",
        "may not contain spaces",
        "may not contain \";\"",
        "may not contain \"\"\"",
        "\"../../../../etc/passwd\" leaves the site",
        "\"/../../etc/passwd\" leaves the site",
        "\"https://evil.example/x.pdf\" is a URL",
        "\"../../../etc/hostname\" leaves the site",
    ] {
        assert!(message.contains(expected), "{expected}:\n{message}");
    }
    assert!(!site.path("public").exists());
}

#[test]
fn symbolic_links_out_of_the_site_are_errors_and_nothing_leaks() {
    let outside = tempfile::tempdir().expect("temp dir");
    let secret = outside.path().join("bi-mat.txt");
    std::fs::write(&secret, "MẬT-KHẨU-MÁY-CHỦ").expect("write");
    let secret_md = outside.path().join("bi-mat.md");
    std::fs::write(
        &secret_md,
        "---\ntitle: Bí mật\ndate: 2025-01-01\ncategory: khuyen-cong\n---\nMẬT-KHẨU-MÁY-CHỦ\n",
    )
    .expect("write");
    let site = TestSite::new();
    site.article(
        "2025/goi/index.md",
        "title: Gói\ndate: 2025-01-01\ncategory: khuyen-cong\nattachments:\n  - {file: mat-khau.txt}",
        "x\n",
    );
    std::os::unix::fs::symlink(&secret, site.path("content/2025/goi/mat-khau.txt")).expect("link");
    std::os::unix::fs::symlink(&secret, site.path("content/2025/goi/them.txt")).expect("link");
    std::os::unix::fs::symlink(&secret_md, site.path("content/2025/lien-ket.md")).expect("link");
    std::os::unix::fs::symlink(outside.path(), site.path("content/ngoai")).expect("link");
    let output = site.run_within(LIMIT, &["build"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in [
        "content/2025/lien-ket.md: error: content/2025/lien-ket.md is a symbolic link to a file outside the site",
        "content/ngoai: error: content/ngoai is a symbolic link to a file outside the site",
        "content/2025/goi/them.txt: error: content/2025/goi/them.txt is a symbolic link to a file outside the site",
    ] {
        assert!(message.contains(expected), "{expected}:\n{message}");
    }
    // Links that stay inside the site are fine, and a bundle's other linked
    // files are not published: the secret is nowhere in the output.
    std::fs::remove_file(site.path("content/2025/lien-ket.md")).expect("remove");
    std::fs::remove_file(site.path("content/ngoai")).expect("remove");
    std::fs::remove_file(site.path("content/2025/goi/them.txt")).expect("remove");
    site.write("content/2025/goi/that.txt", "tài liệu thật");
    std::fs::remove_file(site.path("content/2025/goi/mat-khau.txt")).expect("remove");
    std::os::unix::fs::symlink(
        site.path("content/2025/goi/that.txt"),
        site.path("content/2025/goi/mat-khau.txt"),
    )
    .expect("link");
    let output = site.run_within(LIMIT, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let public = site.path("public");
    for relative in files_under(&public) {
        let bytes = std::fs::read(public.join(&relative)).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("MẬT-KHẨU-MÁY-CHỦ"),
            "{relative} leaks the secret"
        );
    }
}
