//! Themes: templates, UI strings and static files. A site's `templates/`
//! folder overrides theme templates file by file; the site's `static/` folder
//! overrides theme static files. The default theme is also compiled into the
//! binary, so a site without a `themes/default/` folder still builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::load::decode_text;

pub const THEMES_DIR: &str = "themes";
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// A template's text and where it came from (for diagnostics).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub text: String,
    pub path: PathBuf,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticSource {
    File(PathBuf),
    Builtin(&'static [u8]),
}

/// Everything a theme provides.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, TemplateSource>,
    /// UI strings of the site's language.
    pub strings: BTreeMap<String, String>,
    /// Output path (`assets/style.css`) -> source.
    pub static_files: BTreeMap<String, StaticSource>,
}

/// Loads the theme named in the config, the site's overrides and static files.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let theme_dir = root.join(THEMES_DIR).join(&config.theme);
    let mut theme = Theme::default();
    let mut diagnostics = Vec::new();
    if theme_dir.is_dir() {
        read_templates(
            root,
            &theme_dir.join(TEMPLATES_DIR),
            &mut theme.templates,
            &mut diagnostics,
        );
        collect_static(
            &theme_dir.join(STATIC_DIR),
            &mut theme.static_files,
            &mut diagnostics,
            root,
        );
    } else if config.theme == "default" {
        for (name, text) in super::builtin::TEMPLATES {
            let path = PathBuf::from(format!("{THEMES_DIR}/default/{TEMPLATES_DIR}/{name}"));
            theme.templates.insert(
                name.to_string(),
                TemplateSource {
                    text: text.to_string(),
                    path,
                },
            );
        }
        for (name, bytes) in super::builtin::STATIC_FILES {
            theme
                .static_files
                .insert(name.to_string(), StaticSource::Builtin(bytes));
        }
    } else {
        let diagnostic = Diagnostic::file_error(
            crate::config::CONFIG_FILE,
            format!("theme \"{}\" not found in {THEMES_DIR}/", config.theme),
        )
        .with_hint("use theme: default, or copy a theme into themes/");
        return Err(vec![diagnostic]);
    }
    read_templates(
        root,
        &root.join(TEMPLATES_DIR),
        &mut theme.templates,
        &mut diagnostics,
    );
    collect_static(
        &root.join(STATIC_DIR),
        &mut theme.static_files,
        &mut diagnostics,
        root,
    );
    match read_strings(root, &theme_dir, config) {
        Ok(strings) => theme.strings = strings,
        Err(diagnostic) => diagnostics.push(diagnostic),
    }
    if diagnostics.is_empty() {
        Ok(theme)
    } else {
        Err(diagnostics)
    }
}

fn read_templates(
    root: &Path,
    dir: &Path,
    templates: &mut BTreeMap<String, TemplateSource>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !crate::load::is_ignored_name(&e.file_name().to_string_lossy()) || e.depth() == 0
        })
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(Diagnostic::file_error(
                    display_path(root, dir),
                    format!("cannot read templates: {error}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let shown = display_path(root, entry.path());
        let name = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read(entry.path())
            .map_err(|error| Diagnostic::file_error(&shown, format!("cannot read: {error}")))
            .and_then(|bytes| decode_text(&shown, bytes));
        match text {
            Ok(text) => {
                templates.insert(name, TemplateSource { text, path: shown });
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
}

fn collect_static(
    dir: &Path,
    files: &mut BTreeMap<String, StaticSource>,
    diagnostics: &mut Vec<Diagnostic>,
    root: &Path,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::load::is_ignored_name(&e.file_name().to_string_lossy())
        })
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let name = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(name, StaticSource::File(entry.into_path()));
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(Diagnostic::file_error(
                display_path(root, dir),
                format!("cannot read static files: {error}"),
            )),
        }
    }
}

/// UI strings: `themes/<theme>/i18n/<language>.yaml`, or the built-in ones.
fn read_strings(
    root: &Path,
    theme_dir: &Path,
    config: &Config,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    let file = theme_dir
        .join("i18n")
        .join(format!("{}.yaml", config.language));
    let shown = display_path(root, &file);
    let text = if file.is_file() {
        let bytes = std::fs::read(&file)
            .map_err(|error| Diagnostic::file_error(&shown, format!("cannot read: {error}")))?;
        decode_text(&shown, bytes)?
    } else if !theme_dir.is_dir() && config.theme == "default" {
        match super::builtin::STRINGS
            .iter()
            .find(|(language, _)| *language == config.language)
        {
            Some((_, text)) => text.to_string(),
            None => return Err(missing_language(&shown, config)),
        }
    } else {
        return Err(missing_language(&shown, config));
    };
    let strings: BTreeMap<String, String> = serde_yaml::from_str(&text).map_err(|error| {
        let line = error
            .location()
            .map(|location| location.line())
            .unwrap_or(0);
        Diagnostic::at(
            &shown,
            &text,
            line,
            1,
            format!("invalid UI strings: {error}"),
        )
        .with_hint("each line is `key: text`; quote texts that contain a colon")
    })?;
    Ok(strings)
}

fn missing_language(shown: &Path, config: &Config) -> Diagnostic {
    Diagnostic::file_error(
        shown,
        format!("no UI strings for language \"{}\"", config.language),
    )
    .with_hint("the default theme has vi and en; set language: vi or language: en in site.yaml")
}
