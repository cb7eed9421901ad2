//! The sample site in headless Chromium: loads without script errors.

mod common;

#[test]
fn sample_site_runs_in_chromium_without_script_errors() {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    common::build_sample(&public, &[]);
    common::browser::run_suite(
        "smoke.mjs",
        &[
            public.as_os_str(),
            "2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/".as_ref(),
        ],
    );
}

#[test]
fn report_table_chart_and_overview_work_on_a_phone_and_in_print() {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    common::build_sample(&public, &[]);
    common::browser::run_suite(
        "reports.mjs",
        &[
            public.as_os_str(),
            "2025/01/tong-ket-cong-tac-khuyen-cong-nam-2024-trien-khai-nhiem-vu-nam-2025/".as_ref(),
        ],
    );
}
