//! Command line: flags -> validated options -> the library -> printed results
//! and an exit code (0 success, 1 content or template errors, 2 usage or I/O).

mod args;
mod build;
mod output_dir;
mod print;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Parser;

pub use args::{BuildArgs, CheckArgs, Cli, Command, SelectArgs, ServeArgs};
use build::{build, check};
pub use output_dir::check_output_dir;
pub use print::{print_diagnostics, print_timings, report_errors};

use crate::pipeline::BuildOptions;

pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Environment variable fixing "now" (RFC 3339) for reproducible builds and tests.
pub const NOW_VARIABLE: &str = "BANTIN_NOW";

/// Runs the command line and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            };
        }
    };
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let now = match now() {
        Ok(now) => now,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    match cli.command {
        Command::Build(args) => build(&root, args, now),
        Command::Check(args) => check(&root, args, now),
        Command::Import(args) => crate::commands::import(&root, args),
        Command::New(args) => crate::commands::new(&root, args, now),
        Command::Init(args) => crate::commands::init(args, now),
        Command::Serve(args) => {
            if let Err(code) = check_root(&root) {
                return code;
            }
            crate::serve::run(crate::serve::ServeOptions {
                root,
                bind: args.bind,
                port: args.port,
                drafts: args.drafts,
                open: args.open,
                timings: args.timings,
                now,
            })
        }
    }
}

fn now() -> Result<DateTime<Utc>, String> {
    match std::env::var(NOW_VARIABLE) {
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .map(|date| date.with_timezone(&Utc))
            .map_err(|_| format!("{NOW_VARIABLE}=\"{text}\" is not an RFC 3339 date-time")),
        Err(_) => Ok(Utc::now()),
    }
}

fn options(root: &Path, select: &SelectArgs, now: DateTime<Utc>) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        drafts: select.drafts,
        future: select.future,
        base_url: None,
        now,
    }
}

fn check_root(root: &Path) -> Result<(), i32> {
    if root.join(crate::config::CONFIG_FILE).is_file() {
        return Ok(());
    }
    eprintln!(
        "error: {} has no {} — run bantin in a site folder, or pass --root DIR (bantin init DIR creates a new site)",
        root.display(),
        crate::config::CONFIG_FILE
    );
    Err(EXIT_USAGE)
}
