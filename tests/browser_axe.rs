//! Accessibility of the sample site, checked by axe-core in headless
//! Chromium: no serious or critical violation on any page kind (the list is
//! `PAGES` in tests/browser/axe.mjs).

mod common;

#[test]
fn axe_core_finds_no_serious_or_critical_violation_on_any_page_kind() {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    common::build_sample(&public, &[]);
    common::browser::run_suite("axe.mjs", &[public.as_os_str()]);
}
