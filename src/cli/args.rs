//! Command line: the flags and subcommands (clap definitions).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
