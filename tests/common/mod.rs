//! Helpers shared by the integration tests: fixture sites built in code
//! inside temp folders, and the real `bantin` binary run as a process.
#![allow(dead_code)]

pub mod browser;
pub mod hostile;
pub mod rebuild;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The site.yaml of fixture sites: two categories, paginate 2.
pub const SITE_YAML: &str = "title: Sở Công Thương Thử Nghiệm
description: Trang tin thử nghiệm
base_url: https://congthuong.example.gov.vn/
language: vi
timezone: Asia/Ho_Chi_Minh
paginate: 2
categories:
  - {slug: khuyen-cong, name: Khuyến công, description: Hoạt động khuyến công}
  - {slug: thong-bao, name: Thông báo}
menu:
  - {name: Trang chủ, url: /}
  - {name: Khuyến công, url: /chuyen-muc/khuyen-cong/}
";

/// A fixed "now" for fixture builds, so future and expiry are deterministic.
pub const NOW: &str = "2026-01-01T00:00:00+07:00";

/// A site folder in a temp dir, deleted when dropped.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with the default fixture config.
    pub fn new() -> Self {
        Self::with_config(SITE_YAML)
    }

    pub fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = TestSite { dir };
        site.write("site.yaml", config);
        std::fs::create_dir_all(site.path("content")).expect("content dir");
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file (creating folders).
    pub fn write(&self, relative: &str, text: &str) -> &Self {
        self.write_bytes(relative, text.as_bytes())
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Self {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(path, bytes).expect("write fixture");
        self
    }

    /// Writes `content/<relative>` with front matter lines and a body.
    pub fn article(&self, relative: &str, front_matter: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{relative}"),
            &format!("---\n{front_matter}\n---\n{body}"),
        )
    }

    /// A simple valid article.
    pub fn simple(&self, relative: &str, title: &str, date: &str, category: &str) -> &Self {
        let front = format!(
            "title: {title}\ndate: {date}\ncategory: {category}\ntags: [chè, Tân Uyên]\nauthor: Nguyễn Văn A\ndepartment: Phòng Quản lý Công nghiệp"
        );
        self.article(
            relative,
            &front,
            &format!("Đoạn mở đầu của bài {title}.\n\n## Nội dung\n\nNội dung chi tiết.\n"),
        )
    }

    /// Runs `bantin ARGS` with `--root` set to this site and a fixed now.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut command = bantin();
        command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("BANTIN_NOW", NOW);
        command.output().expect("run bantin")
    }

    /// Runs `bantin ARGS` with `--root` set to this site at another "now".
    pub fn run_at(&self, args: &[&str], now: &str) -> Output {
        let mut command = bantin();
        command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("BANTIN_NOW", now);
        command.output().expect("run bantin")
    }

    /// `bantin build`, asserting success.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let output = self.run(&all);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            stderr(&output)
        );
        output
    }

    /// A file of the default output folder.
    pub fn read_output(&self, relative: &str) -> String {
        let path = self.path("public").join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("read {}: {error}", path.display()))
    }

    pub fn output_exists(&self, relative: &str) -> bool {
        self.path("public").join(relative).exists()
    }
}

/// The bantin binary under test.
pub fn bantin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// All files under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The repository root (for the sample site and the default theme).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the sample site (this repository) into `public` at the fixed
/// now, with `args` before `-o`; asserts success.
pub fn build_sample(public: &Path, args: &[&str]) {
    let output = bantin()
        .args(["build", "--root"])
        .arg(repo_root())
        .args(args)
        .arg("-o")
        .arg(public)
        .env("BANTIN_NOW", NOW)
        .output()
        .expect("run bantin");
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Runs `command` to completion, killing it and failing the test when it
/// takes longer than `limit`: hostile inputs must end in bounded time.
pub fn run_bounded(command: &mut Command, limit: std::time::Duration) -> Output {
    use std::io::Read;
    let mut child = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start bantin");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for bantin") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("bantin did not finish within {limit:?}: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

impl TestSite {
    /// `bantin ARGS --root SITE`, killed and failed after `limit`.
    pub fn run_within(&self, limit: std::time::Duration, args: &[&str]) -> Output {
        let mut command = bantin();
        command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("BANTIN_NOW", NOW);
        run_bounded(&mut command, limit)
    }
}

impl TestSite {
    /// `bantin build`, asserting success, killed and failed after two minutes.
    pub fn build_bounded(&self) -> Output {
        let output = self.run_within(std::time::Duration::from_secs(120), &["build"]);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            stderr(&output)
        );
        output
    }
}
