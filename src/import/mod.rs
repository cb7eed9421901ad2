//! `bantin import`: legacy plain-text bulletins (DESIGN §8) -> Markdown
//! articles under `content/<year>/`. Each input is decoded (`decode`: BOM,
//! UTF-8, or Windows-1258 / TCVN3 told apart by `syllable` scores), parsed
//! (`legacy`), written (`write`) and checked with the real front-matter
//! reader. An existing file is never overwritten; every input that cannot
//! be imported is reported with its reason and line.

pub mod decode;
pub mod legacy;
pub mod syllable;
pub mod tcvn3;
pub mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{SourceFile, SourceKind, is_ignored_name};
use crate::slug::slugify;
use decode::Encoding;

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Files and folders (searched for `*.txt`), as given.
    pub inputs: Vec<PathBuf>,
    /// Category slug for every imported article.
    pub category: String,
    /// Articles go to `out_dir/<year>/<slug>.md`.
    pub out_dir: PathBuf,
    pub dry_run: bool,
}

/// What happened to one input.
#[derive(Debug, Clone)]
pub enum Outcome {
    Imported {
        input: PathBuf,
        output: PathBuf,
        encoding: Encoding,
        /// Share of Vietnamese syllables when the encoding was guessed.
        score: Option<u32>,
        /// Warnings: a missing `Nguồn:` line, an unknown abbreviation.
        notes: Vec<Diagnostic>,
    },
    Skipped {
        input: PathBuf,
        problem: Diagnostic,
    },
}

/// The files to import: files as given, folders searched for `*.txt`.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_file() {
            files.push(input.clone());
        } else if input.is_dir() {
            let before = files.len();
            for entry in WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy())
                })
                .filter_map(Result::ok)
            {
                let is_text = entry.path().extension().is_some_and(|extension| {
                    extension.to_string_lossy().eq_ignore_ascii_case("txt")
                });
                if entry.file_type().is_file() && is_text {
                    files.push(entry.into_path());
                }
            }
            if files.len() == before {
                return Err(format!("{} holds no .txt files", input.display()));
            }
        } else {
            return Err(format!("{} does not exist", input.display()));
        }
    }
    Ok(files)
}

/// Imports every file, in order; later inputs never take an earlier one's file.
pub fn import_all(files: &[PathBuf], config: &Config, options: &ImportOptions) -> Vec<Outcome> {
    let mut taken = BTreeSet::new();
    files
        .iter()
        .map(|file| import_file(file, config, options, &mut taken))
        .collect()
}

fn import_file(
    input: &Path,
    config: &Config,
    options: &ImportOptions,
    taken: &mut BTreeSet<PathBuf>,
) -> Outcome {
    let skipped = |problem: Diagnostic| Outcome::Skipped {
        input: input.to_path_buf(),
        problem,
    };
    let bytes = match std::fs::read(input) {
        Ok(bytes) => bytes,
        Err(error) => {
            return skipped(Diagnostic::file_error(
                input,
                format!("cannot read: {error}"),
            ));
        }
    };
    let decoded =
        match decode::decode(&bytes) {
            Ok(decoded) => decoded,
            Err(message) => {
                return skipped(Diagnostic::file_error(input, message).with_hint(
                    "save the file as UTF-8, or check that it is a Vietnamese text file",
                ));
            }
        };
    let bulletin = match legacy::parse(&decoded.text) {
        Ok(bulletin) => bulletin,
        Err(error) => {
            return skipped(
                Diagnostic::at(input, &decoded.text, error.line, 1, error.message)
                    .with_hint(error.hint),
            );
        }
    };
    let mut notes: Vec<Diagnostic> = bulletin
        .notes
        .iter()
        .map(|(line, message)| Diagnostic::at(input, &decoded.text, *line, 0, message).warning())
        .collect();
    let department = bulletin.department.as_ref().map(|written| {
        let (expanded, unknown) = write::expand_department(written, &config.departments);
        if let Some(abbreviation) = unknown {
            let line = source_line_number(&decoded.text);
            notes.push(
                Diagnostic::at(
                    input,
                    &decoded.text,
                    line,
                    0,
                    format!("department abbreviation \"{abbreviation}\" is not in site.yaml; kept as written"),
                )
                .with_hint(format!("add it under departments: in site.yaml, e.g. {abbreviation}: Phòng ..."))
                .warning(),
            );
        }
        expanded
    });
    let slug = Some(slugify(&bulletin.title))
        .filter(|slug| !slug.is_empty())
        .unwrap_or_else(|| slugify(&input.file_stem().unwrap_or_default().to_string_lossy()));
    let output = options
        .out_dir
        .join(bulletin.date.format("%Y").to_string())
        .join(format!("{slug}.md"));
    if output.exists() || taken.contains(&output) {
        return skipped(
            Diagnostic::file_error(
                input,
                format!(
                    "{} already exists; bantin import never overwrites",
                    output.display()
                ),
            )
            .with_hint(
                "rename or delete that file first, or import into another folder with --out",
            ),
        );
    }
    let origin = format!("{} ({})", input.display(), decoded.encoding);
    let text = write::markdown(
        &bulletin,
        &write::Extra {
            category: &options.category,
            department: department.as_deref(),
            origin: &origin,
        },
    );
    if let Err(problem) = check_article(&output, &text, config) {
        return skipped(problem);
    }
    if !options.dry_run
        && let Err(error) = crate::scaffold::create_new(&output, &text)
    {
        return skipped(Diagnostic::file_error(
            input,
            format!("cannot write {}: {error}", output.display()),
        ));
    }
    taken.insert(output.clone());
    Outcome::Imported {
        input: input.to_path_buf(),
        output,
        encoding: decoded.encoding,
        score: decoded.score,
        notes,
    }
}

/// The 1-based line of the `Nguồn:` attribution (the last non-blank line).
fn source_line_number(text: &str) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .last()
        .map_or(1, |(index, _)| index + 1)
}

/// Reads the generated article with the real front-matter reader.
fn check_article(output: &Path, text: &str, config: &Config) -> Result<(), Diagnostic> {
    let source = SourceFile {
        path: output.to_path_buf(),
        dir: output.parent().map(Path::to_path_buf).unwrap_or_default(),
        is_bundle: false,
        kind: SourceKind::Article,
        text: text.to_string().into(),
        hash: 0,
    };
    crate::frontmatter::parse(&source, config)
        .map(|_| ())
        .map_err(|mut problems| problems.remove(0))
}
