//! Runs a headless-Chromium suite of `tests/browser/` (a node script using
//! playwright-core with Debian's chromium). Without node, the suite's npm
//! packages or chromium, the test fails under CI (`CI` set) and is skipped
//! with a message naming what is missing elsewhere.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// What a browser suite needs that this machine lacks, if anything.
pub fn missing_requirement() -> Option<String> {
    let browser_dir = super::repo_root().join("tests/browser");
    let chromium = std::env::var("BANTIN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Command::new("node").arg("--version").output().is_err() {
        return Some("Node.js (the `node` command) is missing: apt-get install -y nodejs".into());
    }
    let manifest = std::fs::read_to_string(browser_dir.join("package.json")).unwrap_or_default();
    let packages: Vec<String> = serde_json::from_str::<serde_json::Value>(&manifest)
        .ok()
        .and_then(|value| {
            value
                .get("dependencies")
                .and_then(|deps| deps.as_object())
                .map(|deps| deps.keys().cloned().collect())
        })
        .unwrap_or_else(|| vec!["playwright-core".to_string()]);
    if let Some(missing) = packages
        .iter()
        .find(|package| !browser_dir.join("node_modules").join(package).is_dir())
    {
        return Some(format!(
            "the browser-test package {missing} is missing: npm ci --ignore-scripts --prefix tests/browser"
        ));
    }
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "Chromium is missing at {chromium}: apt-get install -y chromium"
        ));
    }
    None
}

/// Runs `tests/browser/<script>` with `args`; returns false if skipped.
pub fn run_suite(script: &str, args: &[&std::ffi::OsStr]) -> bool {
    if let Some(missing) = missing_requirement() {
        if std::env::var_os("CI").is_some() {
            panic!("browser suite {script} cannot run in CI: {missing}");
        }
        eprintln!("SKIPPED browser suite {script}: {missing}");
        return false;
    }
    let output = Command::new("node")
        .arg(super::repo_root().join("tests/browser").join(script))
        .args(args)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "browser suite {script} failed:\n{text}"
    );
    true
}
