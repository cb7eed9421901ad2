//! Command line: the `build` and `check` commands, from validated options to
//! written output (or none) and an exit code.

use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::print::{output_failed, print_timings, print_warnings, report_errors};
use super::{BuildArgs, CheckArgs, EXIT_OK, EXIT_USAGE, check_output_dir, check_root, options};
use crate::linkcheck::external;
use crate::output;
use crate::pipeline::{self, Built};
use crate::progress::Progress;
use crate::schedule;

pub(super) fn build(root: &Path, args: BuildArgs, now: DateTime<Utc>) -> i32 {
    if let Err(code) = check_root(root) {
        return code;
    }
    let output_dir = args.output.clone().unwrap_or_else(|| root.join("public"));
    if let Err(message) = check_output_dir(root, &output_dir) {
        eprintln!("error: {message}");
        return EXIT_USAGE;
    }
    let started = Instant::now();
    let _lock = match start_writer(&output_dir) {
        Ok(lock) => lock,
        Err(code) => return code,
    };
    let progress = Progress::for_terminal();
    let mut options = options(root, &args.select, now);
    options.base_url = args.base_url.clone();
    if !crate::interrupt::begin_writing() {
        crate::interrupt::wait_for_exit();
    }
    let staging = match output::Staging::create(&output_dir) {
        Ok(staging) => staging,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_USAGE;
        }
    };
    let result = pipeline::build_site_into(&options, &progress, &staging);
    let built = match result {
        Ok(built) => built,
        Err(diagnostics) => {
            progress.finish();
            return match staging.failure() {
                Some(error) => output_failed(&output_dir, &error),
                None => {
                    drop(staging);
                    report_errors(&diagnostics)
                }
            };
        }
    };
    progress.stage("write");
    let written_files = staging.written();
    let committed = Instant::now();
    let result = staging.commit();
    progress.finish();
    print_warnings(&built);
    if let Err(error) = result {
        return output_failed(&output_dir, &error);
    }
    if args.timings {
        print_timings(&built.timings, Some(committed.elapsed()));
    }
    println!(
        "Built {} pages ({} files) in {:.2} s",
        built.page_count(),
        written_files,
        started.elapsed().as_secs_f64()
    );
    report_next_change(root, &built);
    EXIT_OK
}

/// Installs the interruption handlers and takes the output folder's lock
/// (waiting, with a message, while another build writes it).
fn start_writer(output_dir: &Path) -> Result<crate::lock::OutputLock, i32> {
    if let Err(error) = crate::interrupt::install(output_dir) {
        eprintln!("warning: cannot watch for Ctrl-C: {error}");
    }
    let waiting = || {
        eprintln!(
            "another bantin build is writing {}; waiting for it to finish (Ctrl-C stops waiting)",
            output_dir.display()
        )
    };
    match crate::lock::OutputLock::acquire(output_dir, waiting) {
        Ok(lock) => {
            for stale in &lock.removed {
                eprintln!(
                    "removed {}, left by an earlier build that was killed",
                    stale.display()
                );
            }
            Ok(lock)
        }
        Err(error) => {
            eprintln!("error: cannot lock {}: {error}", output_dir.display());
            Err(EXIT_USAGE)
        }
    }
}

/// Prints the next scheduled change and writes it to `.bantin/next-change`
/// for a cron job or CI schedule.
fn report_next_change(root: &Path, built: &Built) {
    let next = built.next_change.as_ref();
    match next {
        Some(next) => println!(
            "Next scheduled change: {} ({}: {})",
            next.at.to_rfc3339(),
            next.source.display(),
            next.field
        ),
        None => println!("Next scheduled change: none"),
    }
    if let Err(error) = schedule::write(root, next) {
        eprintln!(
            "warning: cannot write {}/{}: {error}",
            schedule::STATE_DIR,
            schedule::NEXT_CHANGE_FILE
        );
    }
}

pub(super) fn check(root: &Path, args: CheckArgs, now: DateTime<Utc>) -> i32 {
    if let Err(code) = check_root(root) {
        return code;
    }
    let progress = Progress::for_terminal();
    match pipeline::build_site_into(
        &options(root, &args.select, now),
        &progress,
        &output::Discard,
    ) {
        Ok(built) => {
            if args.external {
                progress.stage("external links");
                let options = external::Options::for_site(root);
                let problems = external::check(
                    root,
                    &built.site,
                    &built.theme,
                    &built.external_files,
                    &built.external_links,
                    &options,
                );
                progress.finish();
                if !problems.is_empty() {
                    return report_errors(&problems);
                }
                println!(
                    "Checked {} external links: all answered",
                    built.external_links.len()
                );
            }
            progress.finish();
            print_warnings(&built);
            println!(
                "Checked {} articles and {} pages: no errors",
                built.site.articles.len(),
                built.site.pages.len()
            );
            EXIT_OK
        }
        Err(diagnostics) => {
            progress.finish();
            report_errors(&diagnostics)
        }
    }
}
