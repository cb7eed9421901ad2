//! Command line of the authoring commands (`import`, `new`, `init`): flags ->
//! the `import` and `scaffold` modules -> printed results and an exit code
//! (0 success, 1 an input could not be imported, 2 bad usage or I/O).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Args;

use crate::cli::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, report_errors};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::did_you_mean;
use crate::import::{self, ImportOptions, Outcome};
use crate::load::CONTENT_DIR;
use crate::scaffold::{self, NewArticle};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Legacy bulletin files, or folders searched for *.txt files
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    pub inputs: Vec<PathBuf>,

    /// Category of the imported articles: a slug or name from site.yaml [default: the first category]
    #[arg(long, value_name = "SLUG")]
    pub category: Option<String>,

    /// Write the articles to DIR/<year>/<slug>.md [default: content/ of the site]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Read and check every input, report what would be imported, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline of the article, e.g. "Kết quả công tác khuyến công năm 2025"
    #[arg(value_name = "TITLE")]
    pub title: String,

    /// Category: a slug or name from site.yaml [default: the first category]
    #[arg(long, value_name = "SLUG")]
    pub category: Option<String>,

    /// Add a `report` block (figures table and chart) to fill in
    #[arg(long)]
    pub report: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site (created; must be new or empty)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Loads site.yaml, printing its problems; the exit code on failure.
fn load_config(root: &Path) -> Result<Config, i32> {
    if !root.join(CONFIG_FILE).is_file() {
        eprintln!(
            "error: {} has no {CONFIG_FILE} — run bantin in a site folder, or pass --root DIR (bantin init DIR creates a new site)",
            root.display()
        );
        return Err(EXIT_USAGE);
    }
    Config::load(root).map_err(|diagnostics| report_errors(&diagnostics))
}

/// The slug of the category named on the command line, or the first one.
fn category_slug(config: &Config, wanted: Option<&str>) -> Result<String, String> {
    let Some(wanted) = wanted else {
        return config
            .categories
            .first()
            .map(|category| category.slug.clone())
            .ok_or_else(|| format!("{CONFIG_FILE} declares no categories"));
    };
    if let Some(index) = config.category(wanted) {
        return Ok(config.categories[index].slug.clone());
    }
    let slugs: Vec<&str> = config.categories.iter().map(|c| c.slug.as_str()).collect();
    let hint = match did_you_mean(wanted, &slugs) {
        Some(close) => format!("did you mean \"{close}\"?"),
        None => format!("categories of {CONFIG_FILE}: {}", slugs.join(", ")),
    };
    Err(format!("unknown category \"{wanted}\" — {hint}"))
}

/// The site's configuration and the slug of the category asked for (or the
/// first one); prints the error and gives the exit code otherwise.
fn config_and_category(root: &Path, wanted: Option<&str>) -> Result<(Config, String), i32> {
    let config = load_config(root)?;
    match category_slug(&config, wanted) {
        Ok(slug) => Ok((config, slug)),
        Err(message) => {
            eprintln!("error: {message}");
            Err(EXIT_USAGE)
        }
    }
}

pub fn import(root: &Path, args: ImportArgs) -> i32 {
    let (config, category) = match config_and_category(root, args.category.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let files = match import::collect_inputs(&args.inputs) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    let options = ImportOptions {
        inputs: args.inputs,
        category,
        out_dir: args.out.unwrap_or_else(|| root.join(CONTENT_DIR)),
        dry_run: args.dry_run,
    };
    let outcomes = import::import_all(&files, &config, &options);
    print_outcomes(&outcomes, options.dry_run)
}

fn print_outcomes(outcomes: &[Outcome], dry_run: bool) -> i32 {
    let (mut imported, mut skipped) = (0, 0);
    for outcome in outcomes {
        match outcome {
            Outcome::Imported {
                input,
                output,
                encoding,
                score,
                notes,
            } => {
                imported += 1;
                let detected = match score {
                    Some(score) => format!("{encoding}, detected: {score}% Vietnamese syllables"),
                    None => encoding.to_string(),
                };
                let verb = if dry_run { "would import" } else { "imported" };
                let output = output.strip_prefix(".").unwrap_or(output);
                println!(
                    "{verb} {} -> {} ({detected})",
                    input.display(),
                    output.display()
                );
                for note in notes {
                    eprintln!("{note}\n");
                }
            }
            Outcome::Skipped { input, problem } => {
                skipped += 1;
                eprintln!("{problem}\n");
                eprintln!("skipped {}\n", input.display());
            }
        }
    }
    if dry_run {
        println!("would import {imported}, skipped {skipped} (dry run: nothing written)");
    } else {
        println!("imported {imported}, skipped {skipped}");
    }
    if skipped > 0 { EXIT_CONTENT } else { EXIT_OK }
}

pub fn new(root: &Path, args: NewArgs, now: DateTime<Utc>) -> i32 {
    let (config, category) = match config_and_category(root, args.category.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let article = NewArticle {
        title: args.title,
        category,
        report: args.report,
    };
    match scaffold::new_article(root, &config, &article, now) {
        Ok(path) => {
            println!("created {}", path.display());
            EXIT_OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
    }
}

pub fn init(args: InitArgs, now: DateTime<Utc>) -> i32 {
    match scaffold::init_site(&args.dir, now) {
        Ok(files) => {
            println!(
                "created a new site in {} ({} files)",
                args.dir.display(),
                files.len()
            );
            println!(
                "next: edit {}/{CONFIG_FILE}, then run `bantin build --root {}`",
                args.dir.display(),
                args.dir.display()
            );
            EXIT_OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
    }
}
