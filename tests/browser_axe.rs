//! Accessibility of the sample site, checked by axe-core in headless
//! Chromium: no serious or critical violation on any page kind (the list is
//! `PAGES` in tests/browser/axe.mjs).

mod common;

#[test]
fn axe_core_finds_no_serious_or_critical_violation_on_any_page_kind() {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let output = common::bantin()
        .args(["build", "--root"])
        .arg(common::repo_root())
        .arg("-o")
        .arg(&public)
        .env("BANTIN_NOW", common::NOW)
        .output()
        .expect("run bantin");
    assert!(output.status.success(), "{}", common::stderr(&output));
    common::browser::run_suite("axe.mjs", &[public.as_os_str()]);
}
