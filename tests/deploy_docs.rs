//! The deployment guide and the GitHub Pages workflow say what the project
//! really does: the workflow is valid YAML using the README's build command
//! and the official Pages actions.

mod common;

use serde_yaml::Value;

fn workflow() -> Value {
    let text = std::fs::read_to_string(common::repo_root().join(".github/workflows/pages.yml"))
        .expect("read .github/workflows/pages.yml");
    serde_yaml::from_str(&text).expect("pages.yml is valid YAML")
}

fn steps(workflow: &Value, job: &str) -> Vec<Value> {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has steps"))
        .clone()
}

fn uses(steps: &[Value]) -> Vec<String> {
    steps
        .iter()
        .filter_map(|step| step["uses"].as_str())
        .map(|action| action.split('@').next().unwrap_or(action).to_string())
        .collect()
}

#[test]
fn the_pages_workflow_builds_with_the_readme_command_and_deploys_with_official_actions() {
    let workflow = workflow();
    let on = &workflow["on"];
    assert!(
        on["push"]["branches"].as_sequence().is_some(),
        "runs on push"
    );
    assert!(
        on["schedule"][0]["cron"].as_str().is_some(),
        "runs on a schedule"
    );
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(workflow["permissions"]["id-token"].as_str(), Some("write"));

    let build = steps(&workflow, "build");
    let actions = uses(&build);
    for action in [
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ] {
        assert!(
            actions.contains(&action.to_string()),
            "{action} in {actions:?}"
        );
    }
    let command = build
        .iter()
        .filter_map(|step| step["run"].as_str())
        .find(|run| run.contains("build"))
        .expect("a build step");
    assert!(
        command.starts_with("cargo run --release -- build --base-url"),
        "{command}"
    );
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    assert!(
        readme.contains("cargo run --release -- build"),
        "the README's command"
    );
    let upload = build
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .expect("upload step");
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));

    let deploy = steps(&workflow, "deploy");
    assert_eq!(uses(&deploy), ["actions/deploy-pages"]);
    assert_eq!(workflow["jobs"]["deploy"]["needs"].as_str(), Some("build"));
}

#[test]
fn the_guide_holds_one_nginx_server_block_with_the_tested_placeholders() {
    let guide = std::fs::read_to_string(common::repo_root().join("docs/deploy.md")).expect("guide");
    assert_eq!(
        guide.matches("```nginx").count(),
        1,
        "one block: the tested one"
    );
    for needle in [
        "{{listen}}",
        "{{root}}",
        "{{base_path}}",
        "gzip_static on;",
        "include {{root}}{{base_path}}nginx-redirects.conf;",
        "error_page 404 {{base_path}}404.html;",
        "immutable",
    ] {
        assert!(guide.contains(needle), "{needle}");
    }
}
