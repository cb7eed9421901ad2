//! Command line: flags -> validated options -> the library -> printed results
//! and an exit code (0 success, 1 content or template errors, 2 usage or I/O).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::diagnostics::Diagnostic;
use crate::linkcheck::external;
use crate::output;
use crate::pipeline::{self, BuildOptions, Built};
use crate::progress::Progress;
use crate::schedule;

pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Environment variable fixing "now" (RFC 3339) for reproducible builds and tests.
pub const NOW_VARIABLE: &str = "BANTIN_NOW";

#[derive(Debug, Parser)]
#[command(
    name = "bantin",
    version,
    about = "Build the news site of a Vietnamese department from Markdown bulletins.",
    long_about = "bantin turns a folder of Markdown articles with YAML front matter (content/) and a \
site.yaml into a static, searchable Vietnamese news site in public/.\n\n\
Exit codes: 0 success, 1 content or template errors (all reported), 2 bad usage or I/O errors."
)]
pub struct Cli {
    /// The site folder, holding site.yaml and content/ [default: the current folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (atomically: a failed build leaves the old output untouched)
    Build(BuildArgs),
    /// Check front matter, Markdown, templates and every internal link; write nothing
    Check(CheckArgs),
    /// Convert legacy plain-text bulletins (UTF-8, UTF-16, Windows-1258, TCVN3) into Markdown articles
    Import(crate::commands::ImportArgs),
    /// Scaffold content/<year>/<slug>.md with every front-matter field explained
    New(crate::commands::NewArgs),
    /// Create a new site for another department in DIR, ready to build
    Init(crate::commands::InitArgs),
    /// Preview the site: build into memory, serve it, rebuild on every save and reload the browser
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but a loopback address exposes drafts to the network
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: std::net::IpAddr,

    /// Port to listen on; when taken, the next free one is used (0: any free port)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,

    /// Show articles marked `draft: true` (future-dated articles are always shown)
    #[arg(long)]
    pub drafts: bool,

    /// Open the preview in the default browser
    #[arg(long)]
    pub open: bool,

    /// Print the time of each stage of every rebuild
    #[arg(long)]
    pub timings: bool,
}

/// Which articles a run includes.
#[derive(Debug, Args, Clone)]
pub struct SelectArgs {
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,

    /// Include articles dated in the future (scheduled publishing)
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub select: SelectArgs,

    /// Also request every link to another site (10 s timeout, 8 at a time; successes cached for a day in .bantin/)
    #[arg(long)]
    pub external: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub select: SelectArgs,

    /// Publish under another address, e.g. https://example.github.io/so-cong-thuong/ (overrides base_url in site.yaml)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Write the site here instead of public/ in the site folder; only a new, empty or earlier bantin output folder is replaced
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Print the time spent in each stage
    #[arg(long)]
    pub timings: bool,
}

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

/// The `--timings` table: wall time per stage, and inside the render stage
/// the thread time of templates, link checks and writes; then the time of
/// the swap into the output folder (`build` only).
pub fn print_timings(timings: &pipeline::Timings, commit: Option<std::time::Duration>) {
    let line = |name: &str, duration: std::time::Duration, note: &str| {
        println!(
            "{name:>14}: {:>8.1} ms{note}",
            duration.as_secs_f64() * 1000.0
        );
    };
    for (stage, duration) in &timings.stages {
        line(stage, *duration, "");
        if *stage == "render"
            && let Some(threads) = &timings.threads
        {
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

/// Reports an output failure (full disk, interruption, I/O) and its exit code.
fn output_failed(output_dir: &Path, error: &output::OutputError) -> i32 {
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

fn print_warnings(built: &Built) {
    for warning in &built.warnings {
        eprintln!("{warning}\n");
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

fn build(root: &Path, args: BuildArgs, now: DateTime<Utc>) -> i32 {
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

fn check(root: &Path, args: CheckArgs, now: DateTime<Utc>) -> i32 {
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

/// Refuses output folders whose replacement would destroy the site or more:
/// `/`, the home folder, the site folder or any of its parents, and the
/// site's own source folders.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), String> {
    let absolute = |path: &Path| -> PathBuf {
        let joined = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        normalize(&joined)
    };
    let root = absolute(root);
    let root = root.canonicalize().unwrap_or(root);
    let output = absolute(output);
    let output = match (output.parent(), output.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|parent| parent.join(name))
            .unwrap_or(output.clone()),
        _ => output.clone(),
    };
    // A link named with -o is judged by the folder it points to.
    let output = output.canonicalize().unwrap_or(output);
    if output.parent().is_none() || is_system_dir(&output) {
        return Err(format!(
            "refusing to write the site to {}: a system folder",
            output.display()
        ));
    }
    if is_home_dir(&output) {
        return Err(format!(
            "refusing to write the site to the home folder {}",
            output.display()
        ));
    }
    if root.starts_with(&output) {
        return Err(format!(
            "refusing to write the site to {}: it contains the site's own files",
            output.display()
        ));
    }
    for source in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(format!(
                "refusing to write the site into {source}/: choose a folder outside the site's sources, e.g. -o public"
            ));
        }
    }
    Ok(())
}

/// Top-level folders of the system, never an output folder.
fn is_system_dir(path: &Path) -> bool {
    const SYSTEM: &[&str] = &[
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/home",
        "/lib",
        "/lib64",
        "/opt",
        "/proc",
        "/root",
        "/run",
        "/sbin",
        "/srv",
        "/sys",
        "/tmp",
        "/usr",
        "/var",
        "/Users",
        "/Applications",
        "/Library",
        "/System",
    ];
    SYSTEM.iter().any(|system| path == Path::new(system))
}

/// The current user's home folder, or any user's (`/home/NAME`, `/Users/NAME`).
fn is_home_dir(path: &Path) -> bool {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if home.is_some_and(|home| {
        let home = normalize(&home);
        home.canonicalize().unwrap_or(home) == path
    }) {
        return true;
    }
    ["/home", "/Users"]
        .iter()
        .any(|homes| path.parent() == Some(Path::new(homes)))
}

/// Removes `.` and `..` from an absolute path without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                normalized.pop();
            }
            std::path::Component::CurDir => {}
            other => normalized.push(other),
        }
    }
    normalized
}
