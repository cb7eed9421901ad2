//! Command line: printed results — diagnostics, warnings, the `--timings`
//! table and output failures, with their exit codes.

use std::path::Path;
use std::time::Duration;

use super::{EXIT_CONTENT, EXIT_USAGE};
use crate::diagnostics::Diagnostic;
use crate::output;
use crate::pipeline::{self, Built};
use crate::publish::IndexTime;

/// The `--timings` table: wall time per stage, and inside the render stage
/// the thread time of templates, link checks and writes; then the time of
/// the swap into the output folder (`build` only).
pub fn print_timings(timings: &pipeline::Timings, commit: Option<Duration>) {
    let line = |name: &str, duration: Duration, note: &str| {
        println!("{name:>14}: {:>8.1} ms{note}", ms(duration));
    };
    for (stage, duration) in &timings.stages {
        line(stage, *duration, "");
        if *stage == "render"
            && let Some(threads) = &timings.threads
        {
            let index = &threads.search;
            line("search", index.cost, &index_note(index));
            if !index.steps.is_empty() {
                println!("{:>16}{}", "", index_steps(index));
            }
            line(
                "templates",
                threads.templates,
                "  (thread time, inside render)",
            );
            line("links", threads.links, "  (thread time, inside render)");
            line("write", threads.write, "  (thread time, inside render)");
        }
    }
    if let Some(commit) = commit {
        line("commit", commit, "");
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// How the index's time is counted: its CPU time in the render stage,
/// beside the pages, and before it, beside the site stage (an early start,
/// search/early.rs).
fn index_note(index: &IndexTime) -> String {
    let during = index.cpu.saturating_sub(index.before);
    let mut note = format!(
        "  (its share of render: {:.1} ms CPU time, beside the pages",
        ms(during)
    );
    if !index.before.is_zero() {
        note += &format!(
            "; {:.1} ms before it, beside the site stage",
            ms(index.before)
        );
    }
    note + ")"
}

/// The index's CPU time by step, then writing its files (the rest):
/// `(CPU: tokens 185.2, …, files 84.0 ms)`.
fn index_steps(index: &IndexTime) -> String {
    let built: Duration = index.steps.iter().map(|step| step.cpu).sum();
    let files = index.cpu.saturating_sub(built);
    let steps: Vec<String> = index
        .steps
        .iter()
        .map(|step| format!("{} {:.1}", step.name, ms(step.cpu)))
        .chain([format!("files {:.1}", ms(files))])
        .collect();
    format!("(CPU: {} ms)", steps.join(", "))
}

/// Reports an output failure (full disk, interruption, I/O) and its exit code.
pub(super) fn output_failed(output_dir: &Path, error: &output::OutputError) -> i32 {
    eprintln!("error: {error}");
    eprintln!(
        "error: the previous output in {} is unchanged; the temporary folder was removed",
        output_dir.display()
    );
    match (error, crate::interrupt::received()) {
        (output::OutputError::Interrupted, Some(signal)) => crate::interrupt::exit_code(signal),
        _ => EXIT_USAGE,
    }
}

/// Prints diagnostics to stderr, each followed by a blank line.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}\n");
    }
}

/// Prints diagnostics and the closing line; returns the exit code for them.
pub fn report_errors(diagnostics: &[Diagnostic]) -> i32 {
    print_diagnostics(diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let plural = if errors == 1 { "" } else { "s" };
    eprintln!("error: found {errors} problem{plural}; nothing was written");
    EXIT_CONTENT
}

pub(super) fn print_warnings(built: &Built) {
    for warning in &built.warnings {
        eprintln!("{warning}\n");
    }
}
