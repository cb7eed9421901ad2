//! The sample site in headless Chromium: loads without script errors.

mod common;

#[test]
fn sample_site_runs_in_chromium_without_script_errors() {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let output = common::bantin()
        .args(["build", "--root"])
        .arg(common::repo_root())
        .arg("-o")
        .arg(&public)
        .output()
        .expect("run bantin");
    assert!(output.status.success(), "{}", common::stderr(&output));
    common::browser::run_suite(
        "smoke.mjs",
        &[
            public.as_os_str(),
            "2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/".as_ref(),
        ],
    );
}
